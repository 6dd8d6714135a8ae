package lint

import (
	"fmt"
	"strings"

	"github.com/cspkit/cspkit/csp"
	"github.com/cspkit/cspkit/source"
)

// A bypass is one entry of the lists in bypassdata.go: a host, and the
// path of the endpoint there ("" when the list names the host alone).
type bypass struct {
	host, path string
	angular    bool // an AngularJS library; otherwise a JSONP endpoint
	needsEval  bool // a JSONP endpoint that runs code only with 'unsafe-eval'
}

// url returns the entry as an https URL.
func (b bypass) url() string { return "https://" + b.host + b.path }

// bypassIndex finds the entries a host-source may allow in time bounded by
// the lists' size: byHost by the exact host, byParent by every domain
// that an entry's host is a proper sub-domain of (for "*.parent").
type bypassIndex struct {
	entries  []bypass
	byHost   map[string][]int
	byParent map[string][]int
}

var bypasses = newBypassIndex()

func newBypassIndex() bypassIndex {
	x := bypassIndex{byHost: map[string][]int{}, byParent: map[string][]int{}}
	needsEval := map[string]bool{}
	for _, h := range jsonpNeedsEval {
		needsEval[h] = true
	}
	add := func(entry string, angular bool) {
		host, path, hasPath := strings.Cut(entry, "/")
		if hasPath {
			path = "/" + path
		}
		b := bypass{host: host, path: path, angular: angular, needsEval: !angular && needsEval[host]}
		i := len(x.entries)
		x.entries = append(x.entries, b)
		x.byHost[host] = append(x.byHost[host], i)
		for h := host; ; {
			_, parent, ok := strings.Cut(h, ".")
			if !ok || parent == "" {
				break
			}
			x.byParent[parent] = append(x.byParent[parent], i)
			h = parent
		}
	}
	for _, e := range jsonpBypasses {
		add(e, false)
	}
	for _, e := range angularBypasses {
		add(e, true)
	}
	return x
}

// allowed returns the first entry that host-source e allows, skipping JSONP
// endpoints that need eval when eval is false.
func (x bypassIndex) allowed(e source.Expression, eval bool) (bypass, bool) {
	if e.Kind() != source.Host || e.Host() == "*" || !webPort(e) {
		return bypass{}, false
	}
	candidates := x.byHost[e.Host()]
	if e.HostWildcard() {
		candidates = x.byParent[e.Host()[2:]]
	}
	for _, i := range candidates {
		b := x.entries[i]
		if b.needsEval && !eval {
			continue
		}
		if b.path == "" || pathAllows(e.Path(), b.path) {
			return b, true
		}
	}
	return bypass{}, false
}

// webPort reports whether host-source e can load a script from the
// default port of http or https, where the listed endpoints are.
func webPort(e source.Expression) bool {
	switch e.Scheme() {
	case "", "http", "https":
	default:
		return false
	}
	if e.Port() == "" || e.PortWildcard() {
		return true
	}
	port, ok := e.PortNumber()
	switch e.Scheme() {
	case "https":
		return ok && port == 443
	case "http":
		return ok && port == 80
	}
	return ok && (port == 80 || port == 443)
}

// pathAllows reports whether a source's path-part allows the URL path p:
// no path or one ending in "/" allows every path it prefixes, any other
// only itself.
func pathAllows(src, p string) bool {
	if src == "" || strings.HasSuffix(src, "/") {
		return strings.HasPrefix(p, src)
	}
	return src == p
}

// bypassHosts reports, in the directives that govern script elements in
// policy i, host-sources that allow a host known to serve JSONP endpoints
// or AngularJS libraries: an attacker who can inject markup loads one of
// them with a script tag and runs code of their choice. Directives with
// 'strict-dynamic' and a nonce or hash are skipped: browsers ignore their
// hosts.
func (c *checker) bypassHosts(i int, p csp.Policy) {
	eval := evalAllowed(p)
	names := [...]string{"script-src", "script-src-elem", ""}
	if !p.Has("script-src") && !p.Has("script-src-elem") {
		names = [...]string{csp.DefaultSrc, "", ""}
	}
	for _, name := range names {
		d, ok := p.Directive(name)
		if name == "" || !ok || ignoresHosts(d.Sources()) {
			continue
		}
		for _, e := range d.Sources().All() {
			b, ok := bypasses.allowed(e, eval)
			if !ok {
				continue
			}
			what := "a JSONP endpoint: its callback parameter names the code the response runs"
			if b.angular {
				what = "an AngularJS library: it runs expressions written in the page's markup"
			}
			c.add(BypassHost, i, name, e.String(), fmt.Sprintf(
				"%s %s allows %s, %s, so injected markup runs script of its choice through it (listed by csp_evaluator)", name, e, b.url(), what))
		}
	}
}

// evalAllowed reports whether policy p lets scripts use eval(): the
// directive that governs it (script-src, else default-src) is absent or
// has 'unsafe-eval'.
func evalAllowed(p csp.Policy) bool {
	d, ok := p.Directive("script-src")
	if !ok {
		d, ok = p.Directive(csp.DefaultSrc)
	}
	if !ok {
		return true
	}
	for _, e := range d.Sources().All() {
		if e.Kind() == source.Keyword && e.Keyword() == "unsafe-eval" {
			return true
		}
	}
	return false
}
