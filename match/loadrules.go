package match

import (
	"fmt"

	"github.com/cspkit/cspkit/csp"
	"github.com/cspkit/cspkit/internal/urlx"
	"github.com/cspkit/cspkit/source"
)

// destSet is a set of destinations.
type destSet uint32

// destsOf returns the set of ds.
func destsOf(ds ...Destination) destSet {
	var s destSet
	for _, d := range ds {
		s |= 1 << d
	}
	return s
}

// has reports whether d is in s.
func (s destSet) has(d Destination) bool { return s&(1<<d) != 0 }

// names returns the names of the destinations in s, in Destinations order.
func (s destSet) names() []string {
	var out []string
	for _, d := range Destinations() {
		if s.has(d) {
			out = append(out, d.String())
		}
	}
	return out
}

// hintRule says how an engine checks a prefetch (a resource hint).
type hintRule uint8

const (
	// hintDefaultSrc: the prefetch's effective directive, default-src,
	// decides, as for any other request.
	hintDefaultSrc hintRule = iota
	// hintAnyDirective: a policy without default-src does not restrict it;
	// otherwise an enforced policy allows it when default-src or any of the
	// directives in hintDirectives matches it (Blink's "does resource hint
	// request violate policy"); a report-only policy does not check it
	// (no report is sent).
	hintAnyDirective
)

// hintDirectives are the directives whose sources may allow a prefetch
// under hintAnyDirective, each as its own one-name list: a directive absent
// from the policy falls back to one of the others or to default-src, which
// are asked anyway.
var hintDirectives = func() (out [13]csp.Fallback) {
	for i, n := range []string{"child-src", csp.ConnectSrc, "font-src", "frame-src", "img-src", "manifest-src",
		"media-src", "object-src", "script-src", "script-src-elem", "style-src", "style-src-elem", "worker-src"} {
		out[i] = csp.FallbackOf(n)
	}
	return out
}()

// hintUnchecked reports whether a prefetch goes unchecked by pol: under
// hintAnyDirective, a report-only policy neither blocks nor reports it
// (Chromium sends no report for a prefetch).
func (p *profile) hintUnchecked(pol csp.Policy, dest Destination) bool {
	return dest == Prefetch && p.hint == hintAnyDirective && pol.Disposition() != csp.Enforce
}

// reportOnlyIgnores reports whether the engine leaves dest unchecked by
// the report-only policy pol: no verdict, no report.
func (p *profile) reportOnlyIgnores(pol csp.Policy, dest Destination) bool {
	return pol.Disposition() != csp.Enforce && p.reportOnlyIgnored.has(dest)
}

// hintMatch returns a directive of pol other than default-src whose
// sources match u under hintAnyDirective, with the index of the matching
// source, or false.
func (p *profile) hintMatch(pol csp.Policy, u *urlx.URL, self *selfOrigin, redirected bool) (csp.Directive, int, bool) {
	if pol.Disposition() != csp.Enforce {
		return csp.Directive{}, -1, false
	}
	for _, f := range hintDirectives {
		dir, ok := pol.Governing(f, p.nonASCIIClaimsName)
		if !ok {
			continue
		}
		if m := p.matchPolicy(pol, dir, u, self, redirected); m >= 0 {
			return dir, m, true
		}
	}
	return csp.Directive{}, -1, false
}

// matcher returns the profile whose source-matching rules decide requests
// of destination dest: the engine's navigation matcher for frames, form
// submissions and frame-ancestors, when it has one, and the engine itself
// otherwise.
func (p *profile) matcher(dest Destination) *profile {
	if (dest == Frame || dest == Form || dest == Ancestor) && p.navigation != nil {
		return p.navigation
	}
	return p
}

// autoUpgradable reports whether a load from the page self to u is mixed
// content that Mixed Content Level 2's autoupgrade turns from http: to
// https: (#upgrade-algorithm), for the destinations an engine upgrades.
func autoUpgradable(self *selfOrigin, u *urlx.URL) bool {
	return self.Scheme == "https" && u.Scheme == "http" && !trustworthyHost(u)
}

// chromiumNavigation is chromiumProfile as the browser process matches
// navigations (frames, and the frame an <object> or <embed> loads): a
// source port equal to the URL's default port is an exact match, which
// an http: to https: upgrade does not accept (so http://h:443 and a
// scheme-less *:443 on an http page do not reach https://h/), and 'self'
// is the page's origin as a host-source under those rules (so 'self' on
// http://h:8000 does not reach https://h:8000).
var chromiumNavigation profile

// initNavigation makes chromiumNavigation, once chromiumProfile is
// complete.
func initNavigation() {
	chromiumNavigation = chromiumProfile
	chromiumNavigation.name, chromiumNavigation.title = "chromium-navigation", "Chromium (navigations)"
	chromiumNavigation.ports = portChromiumNavigation
	chromiumNavigation.self = selfHostSource
	chromiumNavigation.navigation = nil
	chromiumProfile.navigation = &chromiumNavigation
}

// notLoadedText says that the engine never makes a load of dest.
func (p *profile) notLoadedText(dest Destination) string {
	if t := p.notLoadedTexts[dest]; t != "" {
		return t
	}
	return fmt.Sprintf("%s never loads %s from a page: no request is made", p.title, dest.plural())
}

// initNotLoadedTexts writes each refusal text of p.notLoaded once, so that
// a decision does not format it.
func (p *profile) initNotLoadedTexts() {
	for _, d := range Destinations() {
		if p.notLoaded.has(d) {
			p.notLoadedTexts[d] = p.notLoadedText(d)
		}
	}
}

// selfBlobMatch returns the index of the 'self' in sources when it matches
// the origin of the blob: URL u (the URL its path holds), as WebKit's
// frame-src reads 'self'; -1 otherwise.
func (p *profile) selfBlobMatch(sources source.List, u *urlx.URL, self *selfOrigin) int {
	inner, err := urlx.Parse(u.Path)
	if err != nil || inner.Scheme == "blob" {
		return -1
	}
	for i, e := range sources.All() {
		if e.Kind() == source.Self && p.selfMatch(&inner, self) {
			return i
		}
	}
	return -1
}

// directiveStar returns the index of the * in dir's sources when it
// matches u by the directive's name under WebKit's rule: * in img-src also
// matches data: URLs, * in media-src data: and blob: URLs (whatever
// destination the directive decides for); -1 otherwise.
func directiveStar(dir csp.Directive, u *urlx.URL) int {
	switch {
	case u.Scheme == "data" && (dir.Name() == "img-src" || dir.Name() == "media-src"),
		u.Scheme == "blob" && dir.Name() == "media-src":
	default:
		return -1
	}
	for i, e := range dir.Sources().All() {
		if e.Kind() == source.Wildcard {
			return i
		}
	}
	return -1
}
