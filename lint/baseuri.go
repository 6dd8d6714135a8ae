package lint

import (
	"fmt"

	"github.com/cspkit/cspkit/csp"
	"github.com/cspkit/cspkit/source"
)

// enforcesBaseURI reports whether an enforced policy of list has base-uri.
func enforcesBaseURI(list csp.List) bool {
	for _, p := range list.All() {
		if p.Disposition() == csp.Enforce && p.Has("base-uri") {
			return true
		}
	}
	return false
}

// baseURI reports policy i when it lets script elements run by nonce (or
// by hash with 'strict-dynamic') and neither it nor an enforced policy
// has base-uri: an injected <base> then points the page's relative script
// URLs at another server, and the nonced or trusted scripts load from
// there.
func (c *checker) baseURI(i int, p csp.Policy) {
	if c.baseURIEnforced || p.Has("base-uri") {
		return
	}
	d, ok := scriptElements(p)
	if !ok {
		return
	}
	var nonce, hash, dynamic bool
	for _, e := range d.Sources().All() {
		switch e.Kind() {
		case source.Nonce:
			nonce = true
		case source.Hash:
			hash = true
		case source.Keyword:
			dynamic = dynamic || e.Keyword() == "strict-dynamic"
		}
	}
	how := "by nonce"
	switch {
	case nonce:
	case hash && dynamic:
		how = "by hash with 'strict-dynamic'"
	default:
		return
	}
	c.add(NoBaseURI, i, "base-uri", "", fmt.Sprintf(
		"%s allows scripts %s, but no enforced policy has base-uri: an injected <base href> points relative script URLs at another server, and the trusted scripts load from there; set base-uri 'none' or 'self'", d.Name(), how))
}

// scriptElements returns the directive of p that governs script
// elements: script-src-elem, else script-src, else default-src.
func scriptElements(p csp.Policy) (csp.Directive, bool) {
	for _, name := range [...]string{"script-src-elem", "script-src", csp.DefaultSrc} {
		if d, ok := p.Directive(name); ok {
			return d, true
		}
	}
	return csp.Directive{}, false
}
