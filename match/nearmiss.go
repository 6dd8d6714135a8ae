package match

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/cspkit/cspkit/csp"
	"github.com/cspkit/cspkit/internal/urlx"
	"github.com/cspkit/cspkit/source"
)

// Part names the part of a URL in which a source expression and a target
// differ.
type Part uint8

// The parts of a URL a source expression constrains.
const (
	SchemePart Part = iota + 1
	HostPart
	PortPart
	PathPart
)

// String returns "scheme", "host", "port" or "path".
func (p Part) String() string {
	switch p {
	case SchemePart:
		return "scheme"
	case HostPart:
		return "host"
	case PortPart:
		return "port"
	case PathPart:
		return "path"
	}
	return "Part(" + strconv.Itoa(int(p)) + ")"
}

// Difference is one reason a source expression does not match a target.
type Difference struct {
	Part   Part
	Reason string // a plain sentence naming the source and the target's value
}

// NearMiss is a source expression that came close to allowing a request,
// with every way it differs from the target.
type NearMiss struct {
	Source      source.Expression
	Differences []Difference
}

// Explanation says why one policy does not allow a request and what would.
type Explanation struct {
	Verdict Verdict
	// NearMisses holds the closest source expressions of the deciding
	// directive, closest first, at most three. Sources for unrelated hosts
	// are left out.
	NearMisses []NearMiss
	// Suggestions holds the source expressions that, added to the
	// deciding directive, would let this policy allow the target: the
	// origin form (https://cdn.example.net) first, then the narrowest one
	// (with the target's path) when it differs. It is empty when no
	// source can help: for an IP host the engine does not match, or a
	// request blocked as mixed content whatever the policy says.
	// Explanations with the same directive share one slice: do not modify
	// it.
	Suggestions []Suggestion
	// Shadows names the directive of the same policy, other than
	// default-src, that the deciding directive takes the place of for this
	// destination: script-src when script-src-elem decides a script, so
	// adding a source to script-src would not help. It is "" when the
	// policy has no such directive.
	Shadows string
}

// Suggestion is a source expression that would allow a request.
type Suggestion struct {
	Source source.Expression
	// Caution, when not empty, says why package lint rates the source
	// medium or above: adding it opens the policy up, for example to
	// plaintext connections.
	Caution string
}

// maxNearMisses is how many near misses an Explanation keeps.
const maxNearMisses = 3

// maxQuoted is the most bytes of a URL part an explanation quotes; the
// rest is cut, so that explaining many policies about a long URL costs
// memory in proportion to the policies, not to their number times the
// URL's length.
const maxQuoted = 256

// clip returns s, or its first bytes and "…" when it is longer than
// maxQuoted.
func clip(s string) string {
	if len(s) <= maxQuoted {
		return s
	}
	return s[:maxQuoted] + "…"
}

// Explain explains each policy that does not allow the request, enforced
// and report-only, in the representative engine's view (see Engine): the
// closest source expressions, how each differs from the target, and the
// sources that would allow it. It returns nil when every policy allows the
// request or the API refused it before CSP ran. For another engine's
// view, explain d.For(engine). Memory: about 2 KB per policy explained,
// whatever the URL's length (URL parts are quoted up to 256 bytes), plus
// the suggestions once.
func (d Decision) Explain() []Explanation {
	return d.explain(-1)
}

// shadowed returns the first directive after dir in the fallback list f
// that pol has, or "" when there is none or it is default-src, which
// every other fetch directive shadows.
func shadowed(pol csp.Policy, f csp.Fallback, dir string) string {
	names := f.Names()
	i := slices.Index(names, dir)
	if i < 0 {
		return ""
	}
	for _, n := range names[i+1:] {
		if pol.Has(n) {
			if n == csp.DefaultSrc {
				return ""
			}
			return n
		}
	}
	return ""
}

// explain is Explain for the first limit policies that do not allow the
// request (every one when limit is negative).
func (d Decision) explain(limit int) []Explanation {
	if d.Refused != "" || !d.checked.IsValid() {
		return nil
	}
	p := d.engine.profile()
	u := d.checked.u
	self := selfOf(&d.page.u)
	var out []Explanation
	// The suggestions depend on the target and the directive only: make
	// them once per directive name, shared by every policy.
	var suggested [2]struct {
		dir string
		s   []Suggestion
	}
	for _, v := range d.Policies {
		if v.Allowed || v.Directive == "" && v.BlockedBy == "" {
			continue
		}
		if len(out) == limit {
			break
		}
		x := Explanation{Verdict: v}
		if v.BlockedBy != "" {
			// The sources allow the request; what blocks it is not a
			// source list, which no added source changes.
			out = append(out, x)
			continue
		}
		if !d.MixedContent && u.Scheme != "null" { // no source names an opaque ancestor
			for i := range suggested {
				if suggested[i].dir == "" {
					suggested[i].dir = v.Directive
					suggested[i].s = p.suggest(v.Directive, d.suggestFrom(), &u, &self, d.Redirected, d.request)
				}
				if suggested[i].dir == v.Directive {
					x.Suggestions = suggested[i].s
					break
				}
			}
		}
		if !v.Sources.IsNone() {
			x.NearMisses = p.nearMisses(v.Sources, &u, &self, d.Redirected)
		}
		x.Shadows = shadowed(d.list.Policy(v.Policy), p.fallbacks[d.dest], v.Directive)
		out = append(out, x)
	}
	return out
}

// suggestFrom returns the URL a suggestion is written for: the target as
// requested (ws: stays ws:), upgraded when upgrade-insecure-requests did.
func (d Decision) suggestFrom() urlx.URL {
	t := d.target.u
	if d.Upgraded {
		switch t.Scheme {
		case "http":
			t = withScheme(t, "https")
		case "ws":
			t = withScheme(t, "wss")
		}
	}
	return t
}

// nearMisses ranks the expressions of l by how little they differ from u.
func (p *profile) nearMisses(l source.List, u *urlx.URL, self *selfOrigin, redirected bool) []NearMiss {
	type ranked struct {
		NearMiss
		score int
	}
	var all []ranked
	for _, e := range l.All() {
		diffs, related := p.differences(e, u, self, redirected)
		if len(diffs) == 0 || !related {
			continue
		}
		score := 0
		for _, df := range diffs {
			score += partWeight[df.Part]
		}
		all = append(all, ranked{NearMiss{Source: e, Differences: diffs}, score})
	}
	slices.SortStableFunc(all, func(a, b ranked) int { return a.score - b.score })
	out := make([]NearMiss, 0, min(len(all), maxNearMisses))
	for _, r := range all[:min(len(all), maxNearMisses)] {
		out = append(out, r.NearMiss)
	}
	return out
}

// partWeight ranks differences: another host is further away than another
// scheme, which is further than another port or path.
var partWeight = [...]int{SchemePart: 2, HostPart: 4, PortPart: 1, PathPart: 1}

// differences says how e fails to match u, and whether e is related to u at
// all (a source for an unrelated host is no near miss).
func (p *profile) differences(e source.Expression, u *urlx.URL, self *selfOrigin, redirected bool) ([]Difference, bool) {
	src := e.String()
	if h, ok := e.Lenient(p.leniency); ok {
		e = h
	}
	switch e.Kind() {
	case source.Wildcard:
		if p.wildcardMatch(u, self) {
			return nil, true
		}
		return []Difference{{SchemePart, fmt.Sprintf(
			"source * does not match %s: URLs (it matches %s)", clip(u.Scheme), p.wildcardSchemes(self))}}, true
	case source.Scheme:
		if p.schemeMatch(e.Scheme(), u.Scheme, false) != schemeNo {
			return nil, true
		}
		return []Difference{{SchemePart, fmt.Sprintf(
			"source %s allows only %s; target uses %s", src, schemesOf(e.Scheme()), clip(u.Scheme))}}, true
	case source.Host:
		s, ok := p.hostSource(e)
		if !ok {
			return []Difference{{HostPart, fmt.Sprintf(
				"%s rejects source %s (a host ending in \".\" or a port outside 1-65535), so it never matches", p.title, src)}}, true
		}
		return p.hostDifferences(&s, src, u, self, redirected)
	case source.Self:
		if p.selfMatch(u, self) {
			return nil, true
		}
		return p.selfDifferences(u, self)
	}
	return nil, false
}

// selfDifferences says how 'self' fails to match u, by the engine's own
// 'self' rule, and whether u is related to the page's host at all.
// Engines that read 'self' as a host-source compare it part by part; for
// the others, the host, port and scheme of u are set to the page's in turn
// to see which the rule rejects.
func (p *profile) selfDifferences(u *urlx.URL, self *selfOrigin) ([]Difference, bool) {
	src := "'self' (" + clip(self.Origin.String()) + ")"
	if self.Opaque || self.Host == "" {
		return []Difference{{HostPart, fmt.Sprintf(
			"source 'self' matches nothing on a page whose origin is opaque (%s)", self.scheme)}}, true
	}
	if p.self == selfHostSource {
		s, _ := selfSource(self)
		return p.hostDifferences(&s, src, u, self, true)
	}
	var diffs []Difference
	related := true
	v := *u
	if u.HostKind != urlx.Domain && u.HostKind != urlx.IPv4 && u.HostKind != urlx.IPv6 || u.Host != self.Host {
		related = hostsRelated(self.Host, u.Host)
		diffs = append(diffs, Difference{HostPart, fmt.Sprintf("source %s allows only host %s; target host is %s", src, clip(self.Host), clip(u.Host))})
		if o, err := urlx.Parse(self.Origin.String()); err == nil {
			v.Host, v.HostKind = o.Host, o.HostKind
		}
	}
	if p.selfMatch(&v, self) {
		return diffs, related
	}
	port := v.Port
	if port < 0 {
		port = urlx.DefaultPort(v.Scheme)
	}
	want := self.Port
	if want < 0 {
		want = urlx.DefaultPort(self.Scheme)
	}
	pagePort := v
	pagePort.Port = want
	pagePort = withScheme(pagePort, pagePort.Scheme)
	pageScheme := v
	pageScheme.Scheme, pageScheme.Port = self.Scheme, port
	pageScheme = withScheme(pageScheme, self.Scheme)
	fixPort, fixScheme := p.selfMatch(&pagePort, self), p.selfMatch(&pageScheme, self)
	if !fixPort || fixScheme {
		diffs = append(diffs, Difference{SchemePart, fmt.Sprintf(
			"source %s allows the page's scheme and its secure upgrades (https, wss) only; target uses %s", src, clip(u.Scheme))})
	}
	if !fixScheme || fixPort {
		what := fmt.Sprintf("port %d", want)
		if self.Port < 0 {
			what += ", the default for " + self.Scheme
		}
		diffs = append(diffs, Difference{PortPart, fmt.Sprintf("source %s allows only %s; target uses %d", src, what, port)})
	}
	return diffs, related
}

// hostDifferences compares a host-source part by part with u.
func (p *profile) hostDifferences(s *hostSrc, src string, u *urlx.URL, self *selfOrigin, redirected bool) ([]Difference, bool) {
	var diffs []Difference
	scheme := s.scheme
	if scheme == "" {
		scheme = self.scheme
	}
	sm := p.schemeMatch(scheme, u.Scheme, s.fromSelf)
	if sm == schemeNo {
		what := "allows only " + schemesOf(scheme)
		if s.scheme == "" {
			what = fmt.Sprintf("has no scheme, so it takes the page's (%s) and allows only %s", scheme, schemesOf(scheme))
		}
		diffs = append(diffs, Difference{SchemePart, fmt.Sprintf("source %s %s; target uses %s", src, what, clip(u.Scheme))})
	}
	related := true
	if !p.hostMatch(s.host, u) {
		related = hostsRelated(s.host, u.Host)
		diffs = append(diffs, Difference{HostPart, p.hostReason(s.host, src, u)})
	}
	if df, ok := portDifference(p, s, scheme, sm, src, u); ok {
		diffs = append(diffs, df)
	}
	if !redirected && s.path != "" && !p.pathMatch(s.path, u.Path) {
		reason := fmt.Sprintf("source %s allows only the path %s; target path is %s", src, s.path, clip(u.Path))
		switch {
		case strings.HasSuffix(s.path, "/"):
			reason = fmt.Sprintf("source %s allows only paths under %s; target path is %s", src, s.path, clip(u.Path))
		case strings.HasPrefix(u.Path, s.path+"/"):
			reason += fmt.Sprintf(" (a source path ending in \"/\", %s/, allows the paths under it)", s.path)
		}
		diffs = append(diffs, Difference{PathPart, reason})
	}
	return diffs, related
}

func (p *profile) hostReason(pattern, src string, u *urlx.URL) string {
	switch {
	case (u.HostKind == urlx.IPv4 || u.HostKind == urlx.IPv6) && !p.ipHosts && pattern != "*":
		return fmt.Sprintf("%s never matches an IP-address host such as %s with a host-source; only * or a scheme source does", p.title, clip(u.Host))
	case u.HostKind == urlx.NoHost || u.HostKind == urlx.EmptyHost || u.HostKind == urlx.Opaque:
		return fmt.Sprintf("source %s names a host; target %s: URL has none a host-source can match", src, clip(u.Scheme))
	case strings.HasPrefix(pattern, "*.") && u.Host == pattern[2:]:
		return fmt.Sprintf("source %s matches only sub-domains of %s, not %s itself", src, pattern[2:], clip(u.Host))
	case strings.HasPrefix(pattern, "*."):
		return fmt.Sprintf("source %s allows only hosts under %s; target host is %s", src, pattern[2:], clip(u.Host))
	}
	return fmt.Sprintf("source %s allows only host %s; target host is %s", src, pattern, clip(u.Host))
}

// portDifference reports a port the source does not allow.
func portDifference(p *profile, s *hostSrc, scheme string, sm schemeResult, src string, u *urlx.URL) (Difference, bool) {
	if s.port == "*" {
		return Difference{}, false
	}
	target := u.Port
	if target < 0 {
		target = urlx.DefaultPort(u.Scheme)
	}
	want := s.portNum
	if s.port == "" {
		want = urlx.DefaultPort(scheme)
	}
	if sm != schemeNo {
		if p.portMatch(s, scheme, sm, u) {
			return Difference{}, false
		}
		switch {
		case want == target && sm == schemeUpgrade:
			return Difference{PortPart, fmt.Sprintf(
				"%s lets source %s reach %s only with the default ports (the scheme upgrade must come with 80 to 443); target uses port %d", p.title, src, clip(u.Scheme), target)}, true
		case want == target:
			return Difference{PortPart, fmt.Sprintf(
				"%s compares ports as written: source port %s does not match %d", p.title, s.port, target)}, true
		}
	} else if want == target || s.port == "" && u.Port < 0 {
		// Another scheme with both sides on their default ports: the
		// scheme difference says it all.
		return Difference{}, false
	}
	if s.port == "" {
		if d := urlx.DefaultPort(scheme); d > 0 {
			return Difference{PortPart, fmt.Sprintf("source %s allows only port %d, the default for %s; target uses %d", src, d, scheme, target)}, true
		}
		return Difference{PortPart, fmt.Sprintf("source %s has no port, so it allows only the target scheme's default port; target uses %d", src, target)}, true
	}
	return Difference{PortPart, fmt.Sprintf("source %s allows only port %s; target uses %d", src, s.port, target)}, true
}

// hostsRelated reports whether a source host pattern and a URL host are
// close enough for the source to count as a near miss: one is the other's
// sub-domain, or they share a registrable domain.
func hostsRelated(pattern, host string) bool {
	base := strings.TrimPrefix(pattern, "*.")
	if pattern == "*" || base == host || strings.HasSuffix(host, "."+base) || strings.HasSuffix(base, "."+host) {
		return true
	}
	return sameSite(base, host)
}

// schemesOf says which URL schemes a source scheme reaches by itself.
func schemesOf(scheme string) string {
	switch scheme {
	case "http":
		return "http and https URLs"
	case "ws":
		return "ws and wss URLs"
	}
	return scheme + " URLs"
}

// wildcardSchemes lists the schemes * matches in this engine.
func (p *profile) wildcardSchemes(self *selfOrigin) string {
	switch p.wildcard {
	case starWebSocket:
		return "http, https, ws, wss and the page's own scheme"
	case starAny:
		return "every scheme but blob, data and filesystem"
	}
	if self.scheme != "" && self.scheme != "http" && self.scheme != "https" {
		return "http, https and the page's scheme " + self.scheme
	}
	return "http and https"
}
