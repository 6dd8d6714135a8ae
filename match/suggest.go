package match

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/cspkit/cspkit/csp"

	"golang.org/x/net/publicsuffix"

	"github.com/cspkit/cspkit/internal/urlx"
	"github.com/cspkit/cspkit/lint"
	"github.com/cspkit/cspkit/source"
)

// suggest returns the source expressions that would allow t, which the
// engine checks as u, in directive dir: the origin form (scheme, host and
// port), then — before redirects, when the target has a path of at most
// 1 KB — the narrowest with the exact path; and, only for schemes that are not
// network schemes such as data: or blob:, the bare scheme (a bare https:
// or wss: would open connections to every host). Each candidate is checked
// with the engine's own matching, and carries lint's caution when lint
// rates it medium or above.
func (p *profile) suggest(dir string, t urlx.URL, u *urlx.URL, self *selfOrigin, redirected bool, request Request) []Suggestion {
	var cands [3]string
	n := 0
	if t.HostKind == urlx.Domain || t.HostKind == urlx.IPv4 {
		base := t.Scheme + "://" + t.Host
		if t.Port >= 0 {
			base += ":" + strconv.Itoa(t.Port)
		}
		cands[n] = base
		n++
		if !redirected && !t.OpaquePath && t.Path != "" && t.Path != "/" && len(t.Path) <= maxSuggestedPath {
			cands[n] = base + escapeSourcePath(t.Path)
			n++
		}
	}
	switch t.Scheme {
	case "http", "https", "ws", "wss", "ftp":
	default:
		cands[n] = t.Scheme + ":"
		n++
	}
	var out []Suggestion
	for _, c := range cands[:n] {
		e, err := source.Parse(c)
		if err != nil || !p.matchExpression(e, u, self, redirected) || p.failsSecondCheck(dir, c, u, self, redirected, request) {
			continue
		}
		out = append(out, Suggestion{Source: e, Caution: caution(dir, e)})
	}
	return out
}

// failsSecondCheck reports whether the source c, alone in dir, fails the
// engine's second check of a WebSocket to u (see secondCheckFails).
func (p *profile) failsSecondCheck(dir, c string, u *urlx.URL, self *selfOrigin, redirected bool, request Request) bool {
	if !p.websocketReparsed || request != WebSocket || !strings.Contains(c, "%") {
		return false
	}
	list, _ := csp.Parse(dir + " " + c)
	if list.Len() == 0 {
		return true
	}
	d, ok := list.Policy(0).Directive(dir)
	if !ok {
		return true
	}
	fails, _ := p.secondCheckFails(d, u, self, &config{dest: Connection, redirected: redirected}, request)
	return fails
}

// caution returns lint's reason to think twice before adding e to dir,
// when lint rates it medium or above.
func caution(dir string, e source.Expression) string {
	worst := lint.Finding{}
	for _, f := range lint.Source(dir, e) {
		if f.Severity >= lint.Medium && (worst.Message == "" || f.Severity > worst.Severity) {
			worst = f
		}
	}
	if worst.Message == "" {
		return ""
	}
	return fmt.Sprintf("lint rates it %s (%s): %s", worst.Severity, worst.Code, worst.Message)
}

// maxSuggestedPath is the longest path a suggestion repeats; a longer one
// is no source anyone would write, and copying it per decision would cost
// memory in the URL's length.
const maxSuggestedPath = 1024

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
