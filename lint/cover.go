package lint

import (
	"fmt"
	"strconv"
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

// coverIndex holds a list's URL-matching expressions by host, so that
// checking n sources against a list of m costs about n+m, not n*m.
type coverIndex struct {
	list  source.List
	all   []int            // positions of wildcards, schemes and 'self'
	hosts map[string][]int // positions of host-sources by host-part
}

// maxPerHost bounds the expressions compared for one host; past it a
// source counts as covered, so hostile lists stay linear (the findings
// that use it are only informational).
const maxPerHost = 64

func newCoverIndex(l source.List) coverIndex {
	idx := coverIndex{list: l, hosts: make(map[string][]int)}
	for i, e := range l.All() {
		if e.Kind() == source.Host {
			idx.hosts[e.Host()] = append(idx.hosts[e.Host()], i)
		} else if e.CanMatchURL() {
			idx.all = append(idx.all, i)
		}
	}
	return idx
}

// covered reports whether an expression of the list covers e.
func (idx coverIndex) covered(e source.Expression) bool {
	_, ok := idx.coveredByOther(e, -1)
	return ok
}

// coveredByOther returns the position of an expression of the list, other
// than the one at position self, that covers e; of two expressions that
// cover each other, only the earlier one counts as covering the later.
// ok is true without a position when a host has too many expressions to
// compare (see maxPerHost).
func (idx coverIndex) coveredByOther(e source.Expression, self int) (int, bool) {
	try := func(positions []int) (int, bool) {
		if len(positions) > maxPerHost {
			return -1, self < 0
		}
		for _, k := range positions {
			a := idx.list.At(k)
			if k == self || a == e && self >= 0 || !covers(a, e) {
				continue
			}
			if self >= 0 && k > self && covers(e, a) {
				continue // equivalent: the later one is redundant
			}
			return k, true
		}
		return -1, false
	}
	if k, ok := try(idx.all); ok {
		return k, ok
	}
	if e.Kind() != source.Host {
		return -1, false
	}
	h := e.Host()
	if k, ok := try(idx.hosts[h]); ok {
		return k, ok
	}
	if k, ok := try(idx.hosts["*"]); ok {
		return k, ok
	}
	for i := 0; i < len(h); i++ {
		if h[i] == '.' {
			if k, ok := try(idx.hosts["*"+h[i:]]); ok {
				return k, ok
			}
		}
	}
	return -1, false
}

// covers reports whether every URL b matches is surely matched by a, in
// every engine. It is conservative: when coverage depends on the page
// (scheme-less sources) or is hard to show, it says no.
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
	if !portCovers(a, b) {
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

// portCovers reports whether host-source a's port-part allows every port
// that b's does, for the schemes both allow.
func portCovers(a, b source.Expression) bool {
	switch {
	case a.PortWildcard() || a.Port() == b.Port():
		return true
	case a.Scheme() == "" && a.Port() == "":
		// The default port of the URL's scheme: it covers b's port when
		// that is the default of b's scheme.
		return b.Scheme() != "" && b.Port() == portText(source.MustParse(b.Scheme()+"://h"))
	}
	pa := portText(a)
	return pa != "" && pa == portText(b)
}

// portText returns a host-source's port as written or, when it has none
// and names its scheme, the scheme's default port: "https://h" and
// "https://h:443" match the same URLs in every engine. A scheme-less
// source without a port returns "".
func portText(e source.Expression) string {
	if p := e.Port(); p != "" {
		return p
	}
	switch e.Scheme() {
	case "http", "ws":
		return strconv.Itoa(80)
	case "https", "wss":
		return strconv.Itoa(443)
	}
	return ""
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
