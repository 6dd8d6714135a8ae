package match

import (
	"strings"

	"github.com/cspkit/cspkit/internal/urlx"
	"github.com/cspkit/cspkit/source"
)

// hostSrc is a host-source as an engine sees it: from a source expression,
// or built from the page's origin for engines that treat 'self' as one.
type hostSrc struct {
	scheme   string // lower case; "" when the source has none
	host     string // lower case; "*" or "*.suffix" for wildcards
	port     string // as written; "" when absent, "*" for the wildcard
	portNum  int    // -1 when absent or not a number that fits
	path     string // as written, query and fragment cut off
	fromSelf bool   // built from 'self'
}

// hostSource returns e as a host-source, and false when the engine rejects
// the expression although the spec's grammar accepts it.
func (p *profile) hostSource(e source.Expression) (hostSrc, bool) {
	s := hostSrc{scheme: e.Scheme(), host: e.Host(), port: e.Port(), portNum: -1, path: e.Path()}
	if n, ok := e.PortNumber(); ok {
		s.portNum = n
	}
	if p.bareStarSourceInert && s.scheme == "" && s.host == "*" {
		return s, false
	}
	if p.starHostNeedsPort && s.host == "*" && s.port == "" && !strings.HasSuffix(e.String(), "*") {
		// Gecko's parser takes only the end, ":" or "." after a * host.
		return s, false
	}
	if p.trailingDotInvalid && strings.HasSuffix(s.host, ".") {
		return s, false
	}
	if p.portRangeChecked && s.port != "" && s.port != "*" && (s.portNum < 1 || s.portNum > 65535) {
		return s, false
	}
	return s, true
}

// hostSourceMatch is step 3 of "does url match expression", with the
// engine's scheme, host, port and path rules.
func (p *profile) hostSourceMatch(s *hostSrc, u *urlx.URL, self *selfOrigin, redirected bool) bool {
	scheme := s.scheme
	if scheme == "" {
		// A scheme-less source takes the page's scheme.
		if scheme = self.scheme; scheme == "" || p.schemelessVoid(self) {
			return false
		}
	}
	sm := p.schemeMatch(scheme, u.Scheme, s.fromSelf)
	if sm == schemeNo && self.upgrading && p.upgrade == upgradeCovered && upgradeCovers(scheme, u.Scheme) {
		sm = schemeExact
	}
	if sm == schemeNo || !p.hostMatch(s.host, u) {
		return false
	}
	if !p.portMatch(s, scheme, sm, u) {
		return false
	}
	return redirected || s.path == "" || p.pathMatch(s.path, u.Path)
}

// schemeResult tells how a source scheme matched a URL scheme.
type schemeResult uint8

const (
	schemeNo      schemeResult = iota
	schemeExact                // the same scheme
	schemeUpgrade              // a more secure or equivalent scheme
)

// schemeMatch is "scheme-part matching" (#match-schemes): a is the source's
// scheme, b the URL's, both lower case. fromSelf marks a source built from
// 'self', which browsers let reach the WebSocket schemes.
func (p *profile) schemeMatch(a, b string, fromSelf bool) schemeResult {
	if a == b {
		return schemeExact
	}
	switch {
	case a == "http" && b == "https", a == "ws" && b == "wss":
		return schemeUpgrade
	case p.wsSchemeCrossover && (a == "ws" && (b == "http" || b == "https") || a == "wss" && b == "https"):
		return schemeUpgrade
	case fromSelf && (b == "https" || b == "wss" || a == "http" && b == "ws"):
		return schemeUpgrade
	}
	return schemeNo
}

// upgradeCovers reports whether a source scheme covers a URL scheme that
// upgrade-insecure-requests will upgrade to it.
func upgradeCovers(source, url string) bool {
	return source == "https" && url == "http" || source == "wss" && url == "ws"
}

// hostMatch is "host-part matching" (#match-hosts). The spec matches only
// domains; browsers compare IP-literal hosts as text too.
func (p *profile) hostMatch(pattern string, u *urlx.URL) bool {
	switch u.HostKind {
	case urlx.Domain:
	case urlx.IPv4, urlx.IPv6:
		if !p.ipHosts {
			return false
		}
	case urlx.Opaque:
		return p.opaqueHostStar && pattern == "*"
	default:
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

// pathMatch is "path-part matching" (#match-paths): a is the source's path,
// b the URL's serialised path.
func (p *profile) pathMatch(a, b string) bool {
	if !p.wholePathDecode {
		return pathMatch(a, b)
	}
	if a == "/" && b == "" {
		return true
	}
	if p.pathEscapes != escapeBytes && (hasHighEscape(a) || hasHighEscape(b)) {
		da, db := decodePath(a, p.pathEscapes), decodePath(b, p.pathEscapes)
		if strings.HasSuffix(da, "/") {
			return strings.HasPrefix(db, da)
		}
		return da == db
	}
	if urlx.DecodedEndsInSlash(a) {
		return urlx.DecodedHasPrefix(b, a)
	}
	return urlx.DecodedEqual(a, b)
}
