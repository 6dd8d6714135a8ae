package match

import (
	"strings"

	"github.com/cspkit/cspkit/internal/urlx"
	"github.com/cspkit/cspkit/source"
)

// Expression reports whether target matches one source expression on a page
// at page ("does url match expression in origin with redirect count",
// https://w3c.github.io/webappsec-csp/#match-url-to-source-expression).
// target is checked as given: upgrade-insecure-requests, which belongs to a
// policy, is applied by Connect only. Invalid URLs match nothing.
func Expression(e source.Expression, target, page URL, opts ...Option) bool {
	if !target.IsValid() || !page.IsValid() {
		return false
	}
	c := newConfig(opts)
	u := c.engine.checkedURL(target.u)
	self := selfOf(&page.u)
	return matchExpression(e, &u, &self, c.redirected)
}

// SourceList reports whether target matches a source list on a page at
// page, and the index of the first expression that matches
// (https://w3c.github.io/webappsec-csp/#match-url-to-source-list). An empty
// list and a list that is exactly 'none' match nothing.
func SourceList(l source.List, target, page URL, opts ...Option) (index int, ok bool) {
	if !target.IsValid() || !page.IsValid() {
		return -1, false
	}
	c := newConfig(opts)
	u := c.engine.checkedURL(target.u)
	self := selfOf(&page.u)
	i := matchList(l, &u, &self, c.redirected)
	return i, i >= 0
}

// selfOrigin is the page as matching sees it: its origin, and its scheme,
// which stands in for the origin's scheme when the origin is opaque (as for
// file: and custom-scheme pages), the way browsers keep a "self scheme".
type selfOrigin struct {
	urlx.Origin
	scheme string
}

func selfOf(page *urlx.URL) selfOrigin {
	o := page.Origin()
	s := o.Scheme
	if o.Opaque && page.Scheme != "blob" {
		s = page.Scheme
	}
	return selfOrigin{Origin: o, scheme: s}
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
func matchList(l source.List, u *urlx.URL, self *selfOrigin, redirected bool) int {
	if l.IsNone() {
		return -1
	}
	for i, e := range l.All() {
		if matchExpression(e, u, self, redirected) {
			return i
		}
	}
	return -1
}

func matchExpression(e source.Expression, u *urlx.URL, self *selfOrigin, redirected bool) bool {
	switch e.Kind() {
	case source.Wildcard:
		// Step 1: * matches HTTP(S) URLs and the page's own scheme.
		return u.Scheme == "http" || u.Scheme == "https" || self.scheme != "" && u.Scheme == self.scheme
	case source.Scheme:
		return schemeMatch(e.Scheme(), u.Scheme)
	case source.Host:
		return hostSourceMatch(e, u, self, redirected)
	case source.Self:
		return selfMatch(u, self)
	}
	return false
}

// hostSourceMatch is step 3 of "does url match expression".
func hostSourceMatch(e source.Expression, u *urlx.URL, self *selfOrigin, redirected bool) bool {
	if s := e.Scheme(); s != "" {
		if !schemeMatch(s, u.Scheme) {
			return false
		}
	} else if self.scheme == "" || !schemeMatch(self.scheme, u.Scheme) {
		// A scheme-less source takes the page's scheme, upgrades allowed.
		return false
	}
	if u.HostKind == urlx.NoHost || !hostMatch(e.Host(), u) {
		return false
	}
	if !portMatch(e, u) {
		return false
	}
	return redirected || e.Path() == "" || pathMatch(e.Path(), u.Path)
}

// schemeMatch is "scheme-part matching" (#match-schemes): a is the
// expression's scheme, b the URL's, both lower case.
func schemeMatch(a, b string) bool {
	if a == b {
		return true
	}
	switch a {
	case "http":
		return b == "https"
	case "ws":
		return b == "wss" || b == "http" || b == "https"
	case "wss":
		return b == "https"
	}
	return false
}

// hostMatch is "host-part matching" (#match-hosts): only domains match.
func hostMatch(pattern string, u *urlx.URL) bool {
	if u.HostKind != urlx.Domain {
		return false
	}
	if pattern == "*" {
		return true
	}
	if len(pattern) > 1 && pattern[0] == '*' {
		return strings.HasSuffix(u.Host, pattern[1:])
	}
	return pattern == u.Host
}

// portMatch is "port-part matching" (#match-ports). URL ports equal to the
// scheme's default are -1 (null).
func portMatch(e source.Expression, u *urlx.URL) bool {
	if e.PortWildcard() {
		return true
	}
	if e.Port() == "" {
		return u.Port == -1
	}
	n, ok := e.PortNumber()
	if !ok {
		return false
	}
	return n == u.Port || u.Port == -1 && n == urlx.DefaultPort(u.Scheme)
}

// selfMatch is step 4 of "does url match expression", with PR #821: a blob:
// URL never matches 'self'.
func selfMatch(u *urlx.URL, self *selfOrigin) bool {
	if self.Opaque || u.Scheme == "blob" {
		return false
	}
	if self.Origin.SameOrigin(u.Origin()) {
		return true
	}
	if u.HostKind == urlx.NoHost || self.Host != u.Host || self.Port != u.Port {
		return false
	}
	switch u.Scheme {
	case "https", "wss":
		return true
	case "http", "ws":
		return self.Scheme == "http"
	}
	return false
}
