package report

import (
	"slices"

	"github.com/cspkit/cspkit/internal/urlx"
	"github.com/cspkit/cspkit/match"
)

// rules are how one engine writes its reports. Each field is one named
// difference between engines, set per engine in rulesOf; nothing else in
// this package asks which engine it is.
type rules struct {
	// keeps is the strip rule (CSP3 #strip-url-for-use-in-reports): which
	// URLs are reported in full rather than as their scheme alone.
	keeps keepRule
	// reserialize: original-policy is the engine's re-serialization of the
	// parsed policy (Firefox) rather than the text received.
	reserialize bool
	// noStatusOffHTTP: status-code is 0 when the page was not served over
	// http: (WebKit reports 0 for https: pages too).
	noStatusOffHTTP bool
	// layout is the set and order of keys of the application/csp-report
	// body.
	layout bodyLayout
	// wrapped: the application/csp-report body has the Reporting API's
	// "type" and "url" around "csp-report" (WebKit).
	wrapped bool
	// originOnly are the destinations whose blocked URL, when of another
	// origin than the page, is reported as its origin alone (every
	// browser's frames and plugins).
	originOnly destSet
	// dataUnnamed are the destinations whose blocked data: URL is reported
	// as "" rather than "data" (Chromium's frames, checked as navigations
	// in its browser process).
	dataUnnamed destSet
	// hopReported are the destinations whose blocked redirect hop is
	// reported, not the URL first requested (Chromium's frames, WebKit's
	// frames and plugins); with originOnly, only the hop's origin shows.
	hopReported destSet
	// unknownColumn is the column-number reported when no script position
	// is known (Firefox: 1, with no line-number and no source-file).
	unknownColumn int
	// statusless are the destinations whose violations are reported with
	// status-code 0 (Firefox's frames, plugins and shared workers, checked
	// in its parent process, away from the page's response).
	statusless destSet
	// refetched are the destinations whose report-only violation is
	// reported a second time when the script is fetched, with no script
	// position and status-code 0 (Firefox's service workers: once by
	// register(), once by the registration's fetch).
	refetched destSet
	// unreportedReportOnly are the destinations whose report-only
	// violations the engine never reports (Chromium's prefetches, checked
	// against enforced policies alone: no securitypolicyviolation event, no
	// report).
	unreportedReportOnly destSet
	// destinations are those whose reports were recorded from the engine
	// (or, for Spec, that the specification defines): Violations refuses
	// to invent the report of another destination.
	destinations []match.Destination
}

// keepRule says which URLs a report carries in full.
type keepRule uint8

const (
	keepHTTP             keepRule = iota // http: and https: only (CSP3)
	keepNetwork                          // http:, https:, ws: and wss: (Chromium, Firefox)
	keepHierarchicalFile                 // every URL with a hierarchical path but file: (WebKit)
)

func (k keepRule) keeps(u *urlx.URL) bool {
	switch k {
	case keepNetwork:
		switch u.Scheme {
		case "http", "https", "ws", "wss":
			return true
		}
		return false
	case keepHierarchicalFile:
		return !u.OpaquePath && u.Scheme != "file"
	}
	return u.Scheme == "http" || u.Scheme == "https"
}

// bodyLayout is the key order of an application/csp-report body.
type bodyLayout uint8

const (
	layoutSpec     bodyLayout = iota // CSP3's order, every key, script-sample always (Chromium's too)
	layoutLexical                    // keys in lexical order, optional ones only when set (Gecko's WebIDL dictionary)
	layoutNoSample                   // CSP3's order without disposition and script-sample; source position only when known (WebKit)
)

// destSet is a set of destinations.
type destSet uint32

// destsOf returns the set of ds.
func destsOf(ds ...match.Destination) destSet {
	var s destSet
	for _, d := range ds {
		s |= 1 << d
	}
	return s
}

// has reports whether d is in s.
func (s destSet) has(d match.Destination) bool { return d < 32 && s&(1<<d) != 0 }

// allBut returns every destination but the given ones, in
// match.Destinations' order.
func allBut(skip ...match.Destination) []match.Destination {
	var out []match.Destination
	for _, d := range match.Destinations() {
		if !slices.Contains(skip, d) {
			out = append(out, d)
		}
	}
	return out
}

// navigations are the destinations that load a document (frames and
// plugins); frames are the frames alone.
var (
	navigations = destsOf(match.Frame, match.Object)
	frames      = destsOf(match.Frame)
)

// unbuilt are the navigation-side destinations (form-action, base-uri,
// frame-ancestors), whose reports no engine's rules build yet: a form
// submission's and an embedding's violations are reported without the
// page's global (CSP3 reports frame-ancestors with the framed page's URL
// as its resource, base-uri with "inline"), which the rules here do not
// model.
var unbuilt = []match.Destination{match.Form, match.Base, match.Ancestor}

// rulesOf returns engine e's reporting rules.
func rulesOf(e match.Engine) rules {
	switch e {
	case match.Chromium:
		return rules{keeps: keepNetwork, layout: layoutSpec, originOnly: navigations, dataUnnamed: frames, hopReported: frames,
			unreportedReportOnly: destsOf(match.Prefetch), destinations: allBut(slices.Concat(unbuilt, []match.Destination{match.XSLT})...)}
	case match.Firefox:
		return rules{keeps: keepNetwork, reserialize: true, layout: layoutLexical, originOnly: navigations,
			unknownColumn: 1, statusless: destsOf(match.Frame, match.Object, match.SharedWorker), refetched: destsOf(match.ServiceWorker),
			destinations: allBut(slices.Concat(unbuilt, []match.Destination{match.Manifest, match.XSLT})...)}
	case match.WebKit:
		return rules{keeps: keepHierarchicalFile, noStatusOffHTTP: true, layout: layoutNoSample, wrapped: true,
			originOnly: navigations, hopReported: navigations,
			destinations: allBut(slices.Concat(unbuilt, []match.Destination{match.Manifest, match.XSLT, match.Prefetch})...)}
	}
	return rules{keeps: keepHTTP, layout: layoutSpec, destinations: allBut(unbuilt...)}
}
