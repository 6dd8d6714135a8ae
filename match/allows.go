package match

import "github.com/cspkit/cspkit/csp"

// Allows reports whether a page at page, subject to the policies in list,
// may make a connect-src request to target: the Allowed field of the
// Decision ConnectURL returns, with the same options, but without the
// Decision, so that it does not allocate (but for Firefox's WebSockets
// against a source path with percent-escapes, which Gecko checks again
// against a re-parsed copy of the policy). It is meant for checking many
// targets or many lists; use ConnectURL to learn why. A zero page or target
// is never allowed.
func Allows(list csp.List, page, target URL, opts ...Option) bool {
	return AllowsLoad(list, page, target, Connection, opts...)
}

// AllowsLoad is Allows for a load of destination dest: the Allowed field
// of the Decision LoadURL returns, without allocating. An undefined dest
// is never allowed.
func AllowsLoad(list csp.List, page, target URL, dest Destination, opts ...Option) bool {
	if !page.IsValid() || !target.IsValid() || !dest.IsValid() {
		return false
	}
	c := newConfig(opts)
	c.forDest(dest)
	if dest == Ancestor {
		return allowsAncestors(list, &page.u, &target.u, &c)
	}
	c.upgrades, c.blocksMixed = insecureFlags(list)
	self := selfOf(&page.u)
	self.sandboxed = sandboxesOpaque(list)
	for _, p := range c.engines {
		if !allowsOne(list, &target.u, &c, p, &self) {
			return false
		}
	}
	return true
}
