package match

import (
	"strings"

	"github.com/cspkit/cspkit/csp"
	"github.com/cspkit/cspkit/internal/urlx"
	"github.com/cspkit/cspkit/source"
)

// sandboxRule says what 'self' and scheme-less host-sources match on a
// page that an enforced sandbox directive without allow-same-origin gives
// an opaque origin.
type sandboxRule uint8

const (
	// sandboxOpaque: the policy's self-origin is the page's opaque origin,
	// so 'self' and scheme-less host-sources match nothing (CSP3).
	sandboxOpaque sandboxRule = iota
	// sandboxURL: 'self' and scheme-less host-sources keep the origin of
	// the page's URL (Chromium, Firefox).
	sandboxURL
	// sandboxSecureSchemes: 'self' matches every https: and wss: URL, on
	// any host and port, and nothing else; scheme-less host-sources match
	// nothing (WebKit builds its self source from the opaque origin's
	// empty host and lets it match https and wss).
	sandboxSecureSchemes
)

// sandboxDirective finds the sandbox directive by its name's id.
var sandboxDirective = csp.FallbackList("sandbox")

// sandboxesOpaque reports whether an enforced policy of list sandboxes the
// page without allow-same-origin, which gives it an opaque origin. Browsers
// ignore sandbox in report-only and <meta> policies; package csp drops it
// there.
func sandboxesOpaque(list csp.List) bool {
	for i := range list.Len() {
		pol := list.Policy(i)
		if pol.Disposition() != csp.Enforce {
			continue
		}
		d, ok := pol.Governing(sandboxDirective, false)
		if !ok {
			continue
		}
		sameOrigin := false
		for _, tok := range source.Fields(d.Value()) {
			sameOrigin = sameOrigin || strings.EqualFold(tok, "allow-same-origin")
		}
		if !sameOrigin {
			return true
		}
	}
	return false
}

// sandboxedSelf decides 'self' on a sandboxed page, by the engine's rule;
// ok is false when the rule keeps the page URL's origin.
func (p *profile) sandboxedSelf(u *urlx.URL, self *selfOrigin) (matched, ok bool) {
	if !self.sandboxed {
		return false, false
	}
	switch p.sandbox {
	case sandboxOpaque:
		return false, true
	case sandboxSecureSchemes:
		return u.Scheme == "https" || u.Scheme == "wss", true
	}
	return false, false
}

// schemelessVoid reports whether scheme-less host-sources match nothing
// on the page: a sandboxed page whose engine takes the opaque origin's
// (absent) scheme.
func (p *profile) schemelessVoid(self *selfOrigin) bool {
	return self.sandboxed && p.sandbox != sandboxURL
}

// isRelative reports whether ref is a reference relative to the page
// rather than an absolute URL, after the leading C0 controls and spaces
// the URL parser strips.
func isRelative(ref string) bool {
	i := 0
	for i < len(ref) && ref[i] <= ' ' {
		i++
	}
	return !hasScheme(ref[i:])
}
