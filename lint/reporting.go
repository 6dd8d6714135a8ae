package lint

import (
	"fmt"
	"strings"

	"github.com/cspkit/cspkit/csp"
	"github.com/cspkit/cspkit/source"
)

// reporting checks that policy i, which restricts connect requests, says
// where to report violations.
func (c *checker) reporting(i int, p csp.Policy) {
	uri, to := p.Has("report-uri"), p.Has("report-to")
	switch {
	case !uri && !to && p.Disposition() == csp.ReportOnly:
		c.add(NoReporting, i, "", "",
			"the report-only policy has neither report-uri nor report-to: its violations only reach the browser console")
	case !uri && !to:
		c.add(NoReporting, i, "", "",
			"the policy has neither report-uri nor report-to: blocked connections go unnoticed")
	case !uri:
		c.add(ReportToOnly, i, "report-to", "",
			"the policy reports only through report-to, which not every browser supports for CSP: add report-uri too")
	}
}

// reportURI flags report-uri endpoints reached over plain http.
func (c *checker) reportURI(i int, p csp.Policy) {
	d, ok := p.Directive("report-uri")
	if !ok {
		return
	}
	for _, tok := range source.Fields(d.Value()) {
		if len(tok) >= 7 && strings.EqualFold(tok[:7], "http://") {
			c.add(InsecureReportURI, i, d.Name(), tok, fmt.Sprintf(
				"%s receives violation reports, which hold page and request URLs, in plaintext: use https", tok))
		}
	}
}

// minNonce is the fewest characters a nonce should have (csp_evaluator's
// NONCE_LENGTH threshold).
const minNonce = 8

// nonces flags short nonces in connect-src and default-src.
func (c *checker) nonces(i int, p csp.Policy) {
	for _, name := range [...]string{csp.ConnectSrc, csp.DefaultSrc} {
		d, ok := p.Directive(name)
		if !ok {
			continue
		}
		for _, e := range d.Sources().All() {
			if n := e.Nonce(); e.Kind() == source.Nonce && len(n) < minNonce {
				c.add(ShortNonce, i, name, e.String(), fmt.Sprintf(
					"the nonce %q has %d characters: use at least 8 (ideally 128 random bits, base64-encoded), new for every response", n, len(n)))
			}
		}
	}
}
