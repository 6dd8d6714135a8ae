package report

import (
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

// recordedDestinations are the destinations whose reports were recorded
// from the browsers (internal/testdata/reports/recorded).
var recordedDestinations = []match.Destination{match.Connection}

// rulesOf returns engine e's reporting rules.
func rulesOf(e match.Engine) rules {
	switch e {
	case match.Chromium:
		return rules{keeps: keepNetwork, layout: layoutSpec, destinations: recordedDestinations}
	case match.Firefox:
		return rules{keeps: keepNetwork, reserialize: true, layout: layoutLexical, destinations: recordedDestinations}
	case match.WebKit:
		return rules{keeps: keepHierarchicalFile, noStatusOffHTTP: true, layout: layoutNoSample, wrapped: true, destinations: recordedDestinations}
	}
	return rules{keeps: keepHTTP, layout: layoutSpec, destinations: match.Destinations()}
}
