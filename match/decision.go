package match

import (
	"fmt"
	"strings"

	"github.com/cspkit/cspkit/csp"
	"github.com/cspkit/cspkit/source"
)

// Decision is the outcome of Connect: whether the request is allowed, how
// each policy judged it and, when several engines decided, each engine's
// own decision.
type Decision struct {
	// Allowed is true when every enforced policy allows the request, in
	// every engine that decided. It is the CSP verdict only: see
	// MixedContent.
	Allowed bool
	// Policies holds one Verdict per policy of the list, in order,
	// report-only policies included, as the representative engine (see
	// Engine) judged them. It is empty when the target was Refused.
	Policies []Verdict
	// Redirected is true when the target was decided as reached by a
	// redirect (path-parts ignored).
	Redirected bool
	// Upgraded is true when an enforced upgrade-insecure-requests
	// directive turns an http: or ws: target into https: or wss:. The spec
	// and WebKit check the upgraded URL; Chromium and Firefox check the URL
	// as given (Firefox lets https: and wss: sources cover it).
	Upgraded bool
	// MixedContent is true when the page is https and the request goes to
	// a non-loopback http: or ws: URL: browsers block such a request as
	// mixed content whatever CSP allows.
	MixedContent bool
	// Refused, when not empty, says why the API refuses the target before
	// CSP runs (for example fetch() of a URL with credentials): no request
	// is made, and Allowed is false.
	Refused string
	// Engines holds each engine's own decision, in the order the engines
	// were given, when more than one engine decided; it is nil otherwise.
	Engines []Decision

	engine       Engine
	request      Request
	page, target URL
	checked      URL
}

// Verdict is how one policy judged a request.
type Verdict struct {
	Policy      int             // index of the policy in the list
	Disposition csp.Disposition // Enforce or Report
	// Directive is the deciding directive: "connect-src", "default-src"
	// (the fallback when connect-src is absent), or "" when the policy has
	// neither and so does not restrict connections.
	Directive string
	Sources   source.List // the deciding directive's sources
	Allowed   bool        // whether this policy allows the request
	Match     int         // index in Sources of the expression that matched, or -1
}

// Fallback reports whether default-src decided because the policy has no
// connect-src.
func (v Verdict) Fallback() bool { return v.Directive == csp.DefaultSrc }

// Matched returns the source expression that allowed the request.
func (v Verdict) Matched() (source.Expression, bool) {
	if v.Match < 0 {
		return source.Expression{}, false
	}
	return v.Sources.At(v.Match), true
}

// Engine returns the engine that decided or, when several did, the
// representative one whose verdicts fill Policies: the first engine that
// blocks, or the first engine when all allow.
func (d Decision) Engine() Engine { return d.engine }

// Request returns the API the decision is about.
func (d Decision) Request() Request { return d.request }

// For returns the decision of engine e, and false when e did not decide.
func (d Decision) For(e Engine) (Decision, bool) {
	if d.Engines == nil {
		return d, d.engine.profile() == e.profile()
	}
	for _, x := range d.Engines {
		if x.engine.profile() == e.profile() {
			return x, true
		}
	}
	return Decision{}, false
}

// AllowedBy returns the engines that allow the request.
func (d Decision) AllowedBy() []Engine { return d.by(true) }

// BlockedBy returns the engines that do not allow the request.
func (d Decision) BlockedBy() []Engine { return d.by(false) }

func (d Decision) by(allowed bool) []Engine {
	var out []Engine
	for _, x := range d.each() {
		if x.Allowed == allowed {
			out = append(out, x.engine)
		}
	}
	return out
}

// each returns the single-engine decisions d is made of.
func (d *Decision) each() []Decision {
	if d.Engines == nil {
		return []Decision{*d}
	}
	return d.Engines
}

// Blocked reports whether no engine allows the request. With one engine it
// is !Allowed; with several, a request that some engines allow is neither
// Allowed nor Blocked but Divergent.
func (d Decision) Blocked() bool {
	for _, x := range d.each() {
		if x.Allowed {
			return false
		}
	}
	return true
}

// Divergent reports whether the engines that decided disagree.
func (d Decision) Divergent() bool { return !d.Allowed && !d.Blocked() }

// Page returns the page URL as parsed.
func (d Decision) Page() URL { return d.page }

// Target returns the target URL as parsed and resolved against the page.
func (d Decision) Target() URL { return d.target }

// Checked returns the URL the policies were matched against: the target
// after upgrade-insecure-requests and, for engines that follow the Fetch
// standard, with ws:/wss: turned into http:/https:.
func (d Decision) Checked() URL { return d.checked }

// Violations returns the verdicts of the policies that do not allow the
// request: enforced ones (which block it) and report-only ones (which
// only report it).
func (d Decision) Violations() []Verdict {
	var out []Verdict
	for _, v := range d.Policies {
		if !v.Allowed {
			out = append(out, v)
		}
	}
	return out
}

// String explains the decision in one line: which policy and directive
// decided, which source matched or why none did and, when engines disagree,
// which engine decided what. The wording is for people and may change; use
// the fields to test behaviour.
func (d Decision) String() string {
	if !d.target.IsValid() {
		return "no decision (a URL could not be parsed)"
	}
	if d.Engines == nil {
		return d.one()
	}
	type group struct {
		titles []string
		text   string
	}
	var groups []group
	var allowedBy, blockedBy []string
	for _, x := range d.Engines {
		t := x.one()
		if x.Allowed {
			allowedBy = append(allowedBy, x.engine.Title())
		} else {
			blockedBy = append(blockedBy, x.engine.Title())
		}
		found := false
		for i := range groups {
			if groups[i].text == t {
				groups[i].titles = append(groups[i].titles, x.engine.Title())
				found = true
				break
			}
		}
		if !found {
			groups = append(groups, group{titles: []string{x.engine.Title()}, text: t})
		}
	}
	if len(groups) == 1 {
		return groups[0].text + " (" + andList(groups[0].titles) + " agree)"
	}
	var b strings.Builder
	switch {
	case len(blockedBy) == 0:
		b.WriteString("allowed by " + andList(allowedBy))
	case len(allowedBy) == 0:
		b.WriteString("blocked by " + andList(blockedBy))
	default:
		b.WriteString("divergent: allowed by " + andList(allowedBy) + ", blocked by " + andList(blockedBy))
	}
	for _, g := range groups {
		b.WriteString(" | " + andList(g.titles) + ": " + g.text)
	}
	return b.String()
}

// andList joins names as "a", "a and b" or "a, b and c".
func andList(names []string) string {
	switch len(names) {
	case 0:
		return "no engine"
	case 1:
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}

// one explains a single engine's decision.
func (d Decision) one() string {
	var b strings.Builder
	if d.Refused != "" {
		fmt.Fprintf(&b, "refused: %s: %s (before CSP runs)", d.target, d.Refused)
		return b.String()
	}
	if d.Allowed {
		b.WriteString("allowed: ")
	} else {
		b.WriteString("blocked: ")
	}
	b.WriteString(d.target.String())
	if d.checked.String() != d.target.String() {
		fmt.Fprintf(&b, " (checked as %s", d.checked)
		if d.Upgraded {
			b.WriteString(", upgraded by upgrade-insecure-requests")
		}
		b.WriteString(")")
	}
	if d.Redirected {
		b.WriteString(" after a redirect (paths ignored)")
	}
	restricting := 0
	for _, v := range d.Policies {
		if v.Disposition != csp.Enforce || v.Directive == "" {
			continue
		}
		if !d.Allowed && v.Allowed {
			continue // explain only the blocking policies
		}
		restricting++
		b.WriteString("; ")
		v.explain(&b, d)
	}
	if d.Allowed && restricting == 0 {
		if len(d.Policies) == 0 {
			b.WriteString("; no policy")
		} else {
			b.WriteString("; no enforced policy has connect-src or default-src, so connections are unrestricted")
		}
	}
	for _, v := range d.Policies {
		if v.Disposition == csp.Report && !v.Allowed {
			b.WriteString("; report-only ")
			v.explain(&b, d)
			b.WriteString(" (reported, not blocked)")
		}
	}
	if d.MixedContent {
		b.WriteString("; note: an https page's request to http/ws is blocked by browsers as mixed content")
	}
	return b.String()
}

func (v Verdict) explain(b *strings.Builder, d Decision) {
	fmt.Fprintf(b, "policy %d %s", v.Policy, v.Directive)
	if v.Fallback() {
		b.WriteString(" (no connect-src)")
	}
	if e, ok := v.Matched(); ok {
		fmt.Fprintf(b, " allows it by %s", e)
		return
	}
	switch {
	case v.Sources.Len() == 0:
		b.WriteString(" is empty, which blocks everything")
	case v.Sources.IsNone():
		b.WriteString(" is 'none'")
	default:
		fmt.Fprintf(b, " %s: no source matches (page origin %s)", v.Sources, d.page.Origin())
		d.writeNearMisses(b, v)
	}
}
