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
	idx := newCoverIndex(def.Sources())
	defText := ""
	for _, e := range conn.Sources().All() {
		if !e.CanMatchURL() || idx.covered(e) {
			continue
		}
		if defText == "" {
			defText = shortList(def.Sources())
		}
		s := e.String()
		c.add(LooserThanDefault, i, conn.Name(), s, fmt.Sprintf(
			"connect-src allows %s, which default-src (%s) does not: connections are less restricted than other fetches", s, defText))
	}
}

// coverIndex holds default-src's expressions by host, so that checking a
// connect-src of n sources against a default-src of m costs about n+m, not
// n*m.
type coverIndex struct {
	all   []source.Expression            // wildcards, schemes and 'self'
	hosts map[string][]source.Expression // host-sources by host-part
}

// maxPerHost bounds the host-sources compared for one host; past it a
// source counts as covered, so hostile lists stay linear (the finding is
// only informational).
const maxPerHost = 64

func newCoverIndex(l source.List) coverIndex {
	idx := coverIndex{hosts: make(map[string][]source.Expression)}
	for _, e := range l.All() {
		if e.Kind() == source.Host {
			idx.hosts[e.Host()] = append(idx.hosts[e.Host()], e)
		} else if e.CanMatchURL() {
			idx.all = append(idx.all, e)
		}
	}
	return idx
}

func (idx coverIndex) covered(e source.Expression) bool {
	if len(idx.all) > maxPerHost {
		return true
	}
	for _, a := range idx.all {
		if covers(a, e) {
			return true
		}
	}
	if e.Kind() != source.Host {
		return false
	}
	h := e.Host()
	if idx.coveredBy(idx.hosts[h], e) || idx.coveredBy(idx.hosts["*"], e) {
		return true
	}
	for i := 0; i < len(h); i++ {
		if h[i] == '.' && idx.coveredBy(idx.hosts["*"+h[i:]], e) {
			return true
		}
	}
	return false
}

func (idx coverIndex) coveredBy(l []source.Expression, e source.Expression) bool {
	if len(l) > maxPerHost {
		return true
	}
	for _, a := range l {
		if covers(a, e) {
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

// shortList prints a source list, or its first sources and a count when it
// is long, so that messages stay short.
func shortList(l source.List) string {
	const show = 4
	if l.Len() <= show {
		return l.String()
	}
	var b strings.Builder
	for i := range show {
		b.WriteString(l.At(i).String())
		b.WriteByte(' ')
	}
	fmt.Fprintf(&b, "and %d more", l.Len()-show)
	return b.String()
}
