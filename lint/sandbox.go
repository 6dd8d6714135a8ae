package lint

import (
	"strings"

	"github.com/cspkit/cspkit/csp"
	"github.com/cspkit/cspkit/source"
)

// sandboxedSelf reports 'self' in the directive of policy p that governs
// connect requests when an enforced policy of the list sandboxes the page without
// allow-same-origin: the page's origin is then opaque, and WebKit (Safari)
// lets 'self' match every https: and wss: URL on any host (recorded from
// WebKitGTK; see match's sandboxed-self behavior).
func (c *checker) sandboxedSelf(i int, p csp.Policy) {
	if !c.sandboxed {
		return
	}
	d, ok := governing(p)
	if !ok {
		return
	}
	for _, e := range d.Sources().All() {
		if e.Kind() == source.Self {
			c.add(SandboxedSelf, i, d.Name(), e.String(),
				"the page is sandboxed without allow-same-origin, so its origin is opaque: Safari (WebKit) then lets 'self' match every https: and wss: URL on any host, so the page may connect anywhere; name the hosts instead of 'self'")
		}
	}
}

// sandboxesOpaque reports whether an enforced policy has a sandbox
// directive without the allow-same-origin token.
func sandboxesOpaque(list csp.List) bool {
	for _, p := range list.All() {
		d, ok := p.Directive("sandbox")
		if p.Disposition() != csp.Enforce || !ok {
			continue
		}
		same := false
		for _, tok := range source.Fields(d.Value()) {
			same = same || strings.EqualFold(tok, "allow-same-origin")
		}
		if !same {
			return true
		}
	}
	return false
}
