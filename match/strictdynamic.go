package match

import (
	"github.com/cspkit/cspkit/internal/urlx"
	"github.com/cspkit/cspkit/source"
)

// strictDynamicReason says why a script load is blocked under
// 'strict-dynamic' (CSP3 "script-src Pre-request check", step 1.3: with
// the keyword, a parser-inserted request is blocked and any other allowed,
// whatever the host- and scheme-sources say). A Script destination is a
// <script src> in markup, parser-inserted, and Load knows no nonce or hash.
const strictDynamicReason = "with 'strict-dynamic', host and scheme sources are ignored for scripts: " +
	"a <script src> in markup loads only with a matching nonce or hash (a script inserted by a trusted script loads wherever it comes from)"

// voidedByStrictDynamic reports whether 'strict-dynamic' in the directive
// name voids sources of it for every request it governs in WebKit: the
// script directives and default-src (WebKit's source list parser,
// ContentSecurityPolicySourceList::parseSource, applies the keyword while
// parsing, whatever the request).
func voidedByStrictDynamic(name string) bool {
	switch name {
	case "default-src", "script-src", "script-src-elem":
		return true
	}
	return false
}

// strictDynamicIndex returns the index of the first 'strict-dynamic' of l,
// or -1.
func strictDynamicIndex(l source.List) int {
	for i, e := range l.All() {
		if e.Kind() == source.Keyword && e.Keyword() == "strict-dynamic" {
			return i
		}
	}
	return -1
}

// matchListAfterStrictDynamic is matchList for a list whose index sd holds
// 'strict-dynamic', read as WebKit reads it: 'self' is void wherever it
// stands, and so is every host- and scheme-source after the keyword; *,
// nonces, hashes and the sources before the keyword remain.
func (p *profile) matchListAfterStrictDynamic(l source.List, sd int, u *urlx.URL, self *selfOrigin, redirected bool) int {
	if l.IsNone() {
		return -1
	}
	for i, e := range l.All() {
		switch e.Kind() {
		case source.Self:
			continue
		case source.Host, source.Scheme, source.Invalid:
			if i > sd {
				continue
			}
		}
		if p.matchExpression(e, u, self, redirected) {
			return i
		}
	}
	return -1
}
