package match

import (
	"github.com/cspkit/cspkit/internal/urlx"
	"github.com/cspkit/cspkit/source"
)

// ExpressionMatches reports whether one source expression matches target
// on a page at page ("does url match expression in origin with redirect
// count", https://w3c.github.io/webappsec-csp/#match-url-to-source-expression).
// target is checked as given: upgrade-insecure-requests, which belongs to a
// policy, is applied by Connect only. With several engines (the default is
// every browser) the expression matches only when it matches in each.
// Invalid URLs match nothing.
func ExpressionMatches(e source.Expression, page, target URL, opts ...Option) bool {
	if !target.IsValid() || !page.IsValid() {
		return false
	}
	c := newConfig(opts)
	self := selfOf(&page.u)
	for _, p := range c.engines {
		u := p.checkedURL(target.u)
		if !p.matchExpression(e, &u, &self, c.redirected) {
			return false
		}
	}
	return true
}

// ListMatches reports whether a source list matches target on a page at
// page, and the index of the first expression that matches
// (https://w3c.github.io/webappsec-csp/#match-url-to-source-list). An empty
// list and a list that is exactly 'none' match nothing. With several
// engines the list matches only when it matches in each, and index is the
// first engine's.
func ListMatches(l source.List, page, target URL, opts ...Option) (index int, ok bool) {
	if !target.IsValid() || !page.IsValid() {
		return -1, false
	}
	c := newConfig(opts)
	self := selfOf(&page.u)
	index = -1
	for n, p := range c.engines {
		u := p.checkedURL(target.u)
		i := p.matchList(l, &u, &self, c.redirected)
		if i < 0 {
			return -1, false
		}
		if n == 0 {
			index = i
		}
	}
	return index, true
}

// selfOrigin is the page as matching sees it: its origin, and its scheme,
// which stands in for the origin's scheme when the origin is opaque (as for
// file: and custom-scheme pages), the way browsers keep a "self scheme".
type selfOrigin struct {
	urlx.Origin
	scheme string
	// upgrading is true while a policy with an enforced
	// upgrade-insecure-requests is checked (for engines whose upgrade
	// rule is upgradeCovered).
	upgrading bool
	// secure is true for a page that is a secure context as far as its
	// URL tells: https: (or wss:), or http: on a loopback host.
	secure bool
	// sandboxed is true when an enforced policy sandboxes the page
	// without allow-same-origin (see sandboxRule).
	sandboxed bool
}

func selfOf(page *urlx.URL) selfOrigin {
	o := page.Origin()
	s := o.Scheme
	if o.Opaque && page.Scheme != "blob" {
		s = page.Scheme
	}
	secure := o.Scheme == "https" || o.Scheme == "wss" || o.Scheme == "http" && trustworthyHost(page)
	return selfOrigin{Origin: o, scheme: s, secure: secure}
}

// checkedURL returns the URL an engine's CSP check sees for a request to u.
func (p *profile) checkedURL(u urlx.URL) urlx.URL {
	if p.websocketAsHTTP {
		switch u.Scheme {
		case "ws":
			return withScheme(u, "http")
		case "wss":
			return withScheme(u, "https")
		}
	}
	return u
}

// checkedURLIn is checkedURL for the URL in slot s of a route, keeping a
// rewritten URL in r's storage.
func (p *profile) checkedURLIn(r *route, s slot, target *urlx.URL) slot {
	if p.websocketAsHTTP {
		switch r.url(s, target).Scheme {
		case "ws":
			return r.withScheme(s, target, "http")
		case "wss":
			return r.withScheme(s, target, "https")
		}
	}
	return s
}

// withScheme returns u with its scheme replaced, its port dropped when it is
// the new scheme's default.
func withScheme(u urlx.URL, scheme string) urlx.URL {
	u.Scheme = scheme
	if u.Port == urlx.DefaultPort(scheme) {
		u.Port = -1
	}
	return u
}

// matchList returns the index of the first expression of l matching u, or
// -1.
func (p *profile) matchList(l source.List, u *urlx.URL, self *selfOrigin, redirected bool) int {
	if l.IsNone() {
		return -1
	}
	for i, e := range l.All() {
		if p.matchExpression(e, u, self, redirected) {
			return i
		}
	}
	return -1
}

func (p *profile) matchExpression(e source.Expression, u *urlx.URL, self *selfOrigin, redirected bool) bool {
	switch e.Kind() {
	case source.Wildcard:
		return p.wildcardMatch(u, self)
	case source.Scheme:
		return p.schemeMatch(e.Scheme(), u.Scheme, false) != schemeNo ||
			self.upgrading && p.upgrade == upgradeCovered && upgradeCovers(e.Scheme(), u.Scheme)
	case source.Host:
		// The host decides most expressions of a long list, and costs
		// less than building the host-source: check it first.
		if !p.hostMatch(e.Host(), u) {
			return false
		}
		s, ok := p.hostSource(e)
		return ok && p.hostSourceMatch(&s, u, self, redirected)
	case source.Self:
		return p.selfMatch(u, self)
	case source.Invalid:
		// A token the grammar rejects that the engine still reads as a
		// host-source (see source.Leniency).
		if h, ok := e.Lenient(p.leniency); ok {
			return p.matchExpression(h, u, self, redirected)
		}
	}
	return false
}

// wildcardMatch is what the source expression * matches.
func (p *profile) wildcardMatch(u *urlx.URL, self *selfOrigin) bool {
	switch u.Scheme {
	case "http", "https":
		return true
	case "ws", "wss":
		if p.wildcard != starHTTP {
			return true
		}
	}
	if p.wildcard == starAny {
		return u.Scheme != "blob" && u.Scheme != "data" && u.Scheme != "filesystem"
	}
	return self.scheme != "" && u.Scheme == self.scheme
}
