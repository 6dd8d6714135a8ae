package lint

import (
	"fmt"

	"github.com/cspkit/cspkit/csp"
	"github.com/cspkit/cspkit/source"
)

// nonceDirectives are the directives other than default-src (which
// ShortNonce covers) where a nonce allows code: script and style elements.
var nonceDirectives = [...]string{"script-src", "script-src-elem", "style-src", "style-src-elem"}

// scriptNonces flags short nonces in the script and style directives of
// policy i.
func (c *checker) scriptNonces(i int, p csp.Policy) {
	for _, name := range nonceDirectives {
		d, ok := p.Directive(name)
		if !ok {
			continue
		}
		for _, e := range d.Sources().All() {
			if n := e.Nonce(); e.Kind() == source.Nonce && len(n) < minNonce {
				what := "scripts run"
				if name[:5] == "style" {
					what = "styles apply"
				}
				c.add(ShortCodeNonce, i, name, e.String(), fmt.Sprintf(
					"the nonce %q has %d characters, so an attacker can guess it and make injected %s: use at least %d (ideally 128 random bits, base64-encoded), new for every response", n, len(n), what, minNonce))
			}
		}
	}
}
