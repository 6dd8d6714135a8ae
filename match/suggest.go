package match

import (
	"strconv"
	"strings"

	"golang.org/x/net/publicsuffix"

	"github.com/cspkit/cspkit/internal/urlx"
	"github.com/cspkit/cspkit/source"
)

// suggest returns the narrowest source expression that allows t, which the
// engine checks as u: scheme, host, port and (before redirects) the exact
// path, else without the path, else — only for schemes that are not
// network schemes, such as data: or blob: — the bare scheme: a bare https:
// or wss: would open connections to every host. Each candidate is checked
// with the engine's own matching; the zero Expression means none works.
func (p *profile) suggest(t urlx.URL, u *urlx.URL, self *selfOrigin, redirected bool) source.Expression {
	var cands [3]string
	n := 0
	if t.HostKind == urlx.Domain || t.HostKind == urlx.IPv4 {
		base := t.Scheme + "://" + t.Host
		if t.Port >= 0 {
			base += ":" + strconv.Itoa(t.Port)
		}
		if !redirected && !t.OpaquePath && t.Path != "" && t.Path != "/" {
			cands[n] = base + escapeSourcePath(t.Path)
			n++
		}
		cands[n] = base
		n++
	}
	switch t.Scheme {
	case "http", "https", "ws", "wss", "ftp":
	default:
		cands[n] = t.Scheme + ":"
		n++
	}
	for _, c := range cands[:n] {
		e, err := source.Parse(c)
		if err == nil && p.matchExpression(e, u, self, redirected) {
			return e
		}
	}
	return source.Expression{}
}

// escapeSourcePath percent-encodes the characters a URL path may hold but a
// source expression's path may not.
func escapeSourcePath(path string) string {
	if !strings.ContainsAny(path, ",;") {
		return path
	}
	return strings.NewReplacer(",", "%2C", ";", "%3B").Replace(path)
}

// sameSite reports whether two hosts share a registrable domain.
func sameSite(a, b string) bool {
	ra, err := publicsuffix.EffectiveTLDPlusOne(a)
	if err != nil {
		return false
	}
	rb, err := publicsuffix.EffectiveTLDPlusOne(b)
	return err == nil && ra == rb
}
