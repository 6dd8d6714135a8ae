package lint

import (
	"fmt"
	"strings"

	"github.com/cspkit/cspkit/csp"
	"github.com/cspkit/cspkit/source"
)

// looser reports each source of connect-src that default-src does not
// cover. A default-src of 'none' (deny by default, then allow per kind) is
// the recommended pattern, not a loosening, and is left alone.
func (c *checker) looser(i int, conn, def csp.Directive) {
	if def.Sources().IsNone() {
		return
	}
	for _, e := range conn.Sources().All() {
		if !e.CanMatchURL() || coveredBy(e, def.Sources()) {
			continue
		}
		s := e.String()
		c.add(LooserThanDefault, i, conn.Name(), s, fmt.Sprintf(
			"connect-src allows %s, which default-src (%s) does not: connections are less restricted than other fetches", s, def.Sources()))
	}
}

func coveredBy(e source.Expression, l source.List) bool {
	for _, d := range l.All() {
		if covers(d, e) {
			return true
		}
	}
	return false
}

// covers reports whether every URL b matches is surely matched by a. It is
// conservative: when coverage depends on the page (scheme-less sources) or
// is hard to show, it says no.
func covers(a, b source.Expression) bool {
	if a == b {
		return true
	}
	switch a.Kind() {
	case source.Wildcard:
		switch b.Kind() {
		case source.Self, source.Host:
			return b.Scheme() == "" || isNetwork(b.Scheme())
		case source.Scheme:
			return isNetwork(b.Scheme())
		}
	case source.Scheme:
		switch b.Kind() {
		case source.Scheme, source.Host:
			return schemeCovers(a.Scheme(), b.Scheme())
		}
	case source.Host:
		return b.Kind() == source.Host && hostSourceCovers(a, b)
	}
	return false
}

func isNetwork(scheme string) bool {
	switch scheme {
	case "http", "https", "ws", "wss":
		return true
	}
	return false
}

// schemeCovers reports whether a source with scheme a matches every URL
// that one with scheme b matches ("http" also matches https, "ws" wss).
func schemeCovers(a, b string) bool {
	return a == b || a == "http" && b == "https" || a == "ws" && b == "wss"
}

func hostSourceCovers(a, b source.Expression) bool {
	switch {
	case a.Scheme() == "":
		// Scheme-less: the page's scheme, and https from an http page. On
		// the http and https pages this package is about, that covers
		// scheme-less and https sources.
		if b.Scheme() != "" && b.Scheme() != "https" {
			return false
		}
	case !schemeCovers(a.Scheme(), b.Scheme()):
		return false
	}
	switch ah, bh := a.Host(), b.Host(); {
	case ah == "*":
	case ah == bh:
	case a.HostWildcard() && strings.HasSuffix(bh, ah[1:]):
	default:
		return false
	}
	if !a.PortWildcard() && a.Port() != b.Port() {
		return false
	}
	switch ap, bp := a.Path(), b.Path(); {
	case ap == "" || ap == bp:
	case strings.HasSuffix(ap, "/") && strings.HasPrefix(bp, ap):
	default:
		return false
	}
	return true
}
