package match

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/cspkit/cspkit/csp"
)

// String explains the decision in one line: whether the request goes
// through, which policy and directive decided, which source matched or why
// none did and, when engines disagree, which engine decided what. Long
// source lists are shortened; the %+v verb prints the whole explanation
// on several lines. The wording is for people and may change; use the
// fields to test behavior. Both forms describe at most 16 policies and
// quote at most 256 bytes of each URL part, so their size is bounded by
// the length of the 16 source lists they write (%+v writes them whole)
// and a few kilobytes per engine.
func (d Decision) String() string {
	if !d.target.IsValid() && !d.aboutCode() {
		return "no decision (the call returned an error)"
	}
	groups := d.groups(false)
	if len(groups) == 1 {
		g := groups[0]
		s := g.oneLine()
		if d.Engines != nil {
			s += " (" + andList(g.titles) + " agree)"
		}
		return s
	}
	var b strings.Builder
	allowedBy, blockedBy := titles(d.AllowedBy()), titles(d.BlockedBy())
	switch {
	case len(blockedBy) == 0:
		b.WriteString("allowed by " + andList(allowedBy))
	case len(allowedBy) == 0:
		b.WriteString("blocked by " + andList(blockedBy))
	default:
		b.WriteString("divergent: allowed by " + andList(allowedBy) + ", blocked by " + andList(blockedBy))
	}
	for _, g := range groups {
		b.WriteString(" | " + andList(g.titles) + ": " + g.oneLine())
	}
	return b.String()
}

// Format implements fmt.Formatter: %v and %s print String; %+v prints
// the whole explanation on several lines, each engine's verdict (engines
// that agree word for word together) followed, indented, by every
// policy's verdict, the closest sources of those that do not allow the
// request and what would.
func (d Decision) Format(f fmt.State, verb rune) {
	switch {
	case verb == 'v' && f.Flag('+'):
		if !d.target.IsValid() && !d.aboutCode() {
			fmt.Fprint(f, d.String())
			return
		}
		for i, g := range d.groups(true) {
			if i > 0 {
				fmt.Fprint(f, "\n")
			}
			fmt.Fprint(f, strings.Join(g.titles, ", ")+": "+g.lines[0].text)
			for _, l := range g.lines[1:] {
				fmt.Fprint(f, "\n"+strings.Repeat("  ", l.depth)+l.text)
			}
		}
	case verb == 'v' || verb == 's':
		fmt.Fprint(f, d.String())
	default:
		fmt.Fprintf(f, "%%!%c(match.Decision=%s)", verb, d.String())
	}
}

// maxShownPolicies is how many policies an explanation describes; the
// others are counted, so that the text stays short for a header of many
// policies.
const maxShownPolicies = 16

// line is one line of an explanation: depth 0 is an engine's verdict, 1 a
// policy's, 2 a detail of a policy's.
type line struct {
	depth int
	text  string
}

// group is the explanation shared by the engines titled.
type group struct {
	titles []string
	lines  []line
}

// oneLine joins the group's lines with "; ".
func (g group) oneLine() string {
	parts := make([]string, len(g.lines))
	for i, l := range g.lines {
		parts[i] = l.text
	}
	return strings.Join(parts, "; ")
}

// groups explains each engine's decision, grouping engines whose
// explanations are the same.
func (d Decision) groups(full bool) []group {
	var out []group
next:
	for _, x := range d.each() {
		ls := x.lines(full)
		for i := range out {
			if equalLines(out[i].lines, ls) {
				out[i].titles = append(out[i].titles, x.engine.Title())
				continue next
			}
		}
		out = append(out, group{titles: []string{x.engine.Title()}, lines: ls})
	}
	return out
}

func equalLines(a, b []line) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// lines explains a single engine's decision. With full, every policy's
// verdict is a line and source lists are written whole; otherwise only
// the policies that decided, with long lists shortened.
func (d Decision) lines(full bool) []line {
	out := []line{{0, d.headline()}}
	if d.Refused != "" {
		return out
	}
	explained := map[int]Explanation{}
	for _, x := range d.explain(maxShownPolicies) {
		explained[x.Verdict.Policy] = x
	}
	restricting, shown, unshown := 0, 0, 0
	unchecked := false // a policy the engine does not check (a Reason without a directive)
	for _, v := range d.Policies {
		enforced := v.Disposition == csp.Enforce
		if enforced && v.Directive != "" {
			restricting++
		}
		unchecked = unchecked || v.Directive == "" && v.Reason != ""
		relevant := (v.Directive != "" || v.Reason != "") && (enforced && (v.Allowed == d.CSPAllowed) || !v.Allowed)
		if !full && !relevant {
			continue
		}
		if shown == maxShownPolicies {
			unshown++
			continue
		}
		shown++
		out = append(out, line{1, v.describe(d, full)})
		if x, ok := explained[v.Policy]; ok && !d.MixedContent {
			out = append(out, x.lines()...)
		}
	}
	if unshown > 0 {
		out = append(out, line{1, "and " + strconv.Itoa(unshown) + " more policies (see the Decision's Policies and Explain)"})
	}
	switch {
	case d.CSPAllowed && restricting == 0 && len(d.Policies) == 0:
		out = append(out, line{1, "no policy restricts " + d.plural()})
	case d.CSPAllowed && restricting == 0 && !unchecked:
		out = append(out, line{1, "no enforced policy has " + d.fallbackNames() + ", so " + d.plural() + " are unrestricted"})
	}
	if d.MixedContent {
		out = append(out, line{1, "an https page's request to http: or ws: is blocked as mixed content whatever the policies say: use https: or wss:"})
	}
	return out
}

// headline is the first line of a single engine's explanation: the
// verdict and the URL checked.
func (d Decision) headline() string {
	var b strings.Builder
	if d.aboutCode() {
		if d.Allowed {
			b.WriteString("allowed: ")
		} else {
			b.WriteString("blocked: ")
		}
		if d.inline != 0 {
			b.WriteString(d.inline.String() + " (" + d.inline.EffectiveDirective() + ")")
		} else {
			b.WriteString(d.eval.String() + " (" + d.eval.EffectiveDirective() + ")")
		}
		return b.String()
	}
	switch {
	case d.Refused != "":
		fmt.Fprintf(&b, "refused: %s: %s (before CSP runs)", clip(d.target.String()), d.Refused)
		return b.String()
	case d.Allowed:
		b.WriteString("allowed: ")
	case d.CSPAllowed:
		b.WriteString("blocked as mixed content: ")
	default:
		b.WriteString("blocked: ")
	}
	if d.dest == Ancestor {
		d.ancestorHeadline(&b)
		return b.String()
	}
	b.WriteString(clip(d.target.String()))
	if d.checked.u != d.target.u {
		fmt.Fprintf(&b, " (checked as %s", clip(d.checked.String()))
		if d.Upgraded {
			b.WriteString(", upgraded by upgrade-insecure-requests")
		}
		b.WriteString(")")
	}
	if d.Redirected {
		b.WriteString(" after a redirect (paths ignored)")
	}
	return b.String()
}

// maxShortSources is how many sources a one-line explanation writes of a
// list before it shortens it.
const maxShortSources = 4

// describe says how policy v judged the request.
func (v Verdict) describe(d Decision, full bool) string {
	var b strings.Builder
	if v.Disposition == csp.ReportOnly {
		b.WriteString("report-only ")
	}
	fmt.Fprintf(&b, "policy %d", v.Policy)
	if v.BlockedBy != "" {
		if v.Directive != "" && v.BlockedBy != v.Directive {
			b.WriteString(" " + v.Directive + " allows it, but")
		}
		b.WriteString(" " + v.BlockedBy + " blocks it: " + v.Reason)
		if v.Disposition == csp.ReportOnly {
			b.WriteString(" (reported, not blocked)")
		}
		return b.String()
	}
	if v.Directive == "" && v.Reason != "" {
		b.WriteString(": " + v.Reason)
		return b.String()
	}
	if v.Directive == "" {
		b.WriteString(": no " + d.fallbackNames() + ", does not restrict " + d.plural())
		return b.String()
	}
	if v.Allowed && v.Match < 0 && v.Reason != "" {
		b.WriteString(" " + v.Directive + " does not apply: " + v.Reason)
		return b.String()
	}
	b.WriteString(" " + v.Directive)
	if v.Fallback() {
		if skipped := d.skipped(v); skipped != "" {
			b.WriteString(" (no " + skipped + ")")
		}
	}
	if e, ok := v.Matched(); ok {
		fmt.Fprintf(&b, " allows it by %s", e)
		return b.String()
	}
	switch {
	case v.Sources.Len() == 0:
		b.WriteString(" is empty, which blocks everything")
	case v.Sources.IsNone():
		b.WriteString(" is 'none'")
	case d.aboutCode():
		b.WriteString(" " + listText(v, full) + ": " + v.Reason)
	default:
		b.WriteString(" " + listText(v, full) + ": no source matches (page origin " + clip(d.page.Origin()) + ")")
	}
	if v.Disposition == csp.ReportOnly {
		b.WriteString(" (reported, not blocked)")
	}
	return b.String()
}

// listText writes v's sources whole, or when full is false and the list
// is long, its first sources and how many more there are.
func listText(v Verdict, full bool) string {
	n := v.Sources.Len()
	if full || n <= maxShortSources {
		return v.Sources.String()
	}
	var b strings.Builder
	for i := range maxShortSources {
		b.WriteString(v.Sources.At(i).String() + " ")
	}
	b.WriteString("and " + strconv.Itoa(n-maxShortSources) + " more")
	return b.String()
}

// lines writes an explanation's near misses and suggestions.
func (x Explanation) lines() []line {
	var out []line
	for _, m := range x.NearMisses {
		var why []string
		for _, df := range m.Differences {
			why = append(why, df.Reason)
		}
		out = append(out, line{2, "closest: [" + strings.Join(why, " and ") + "]"})
	}
	if len(x.Suggestions) > 0 {
		var b strings.Builder
		s := x.Suggestions[0]
		if x.Verdict.Sources.Len() > 0 && x.Verdict.Sources.IsNone() {
			fmt.Fprintf(&b, "to allow it, replace 'none' in %s with %s", x.Verdict.Directive, clip(s.Source.String()))
		} else {
			fmt.Fprintf(&b, "to allow it, add %s to %s", clip(s.Source.String()), x.Verdict.Directive)
		}
		if x.Shadows != "" {
			fmt.Fprintf(&b, ", which shadows %s here", x.Shadows)
		}
		if len(x.Suggestions) > 1 {
			fmt.Fprintf(&b, " (or, narrower, %s)", clip(x.Suggestions[1].Source.String()))
		}
		for _, s := range x.Suggestions {
			if s.Caution != "" {
				fmt.Fprintf(&b, "; caution: %s", s.Caution)
				break
			}
		}
		out = append(out, line{2, b.String()})
	}
	return out
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

func titles(es []Engine) []string {
	out := make([]string, len(es))
	for i, e := range es {
		out[i] = e.Title()
	}
	return out
}

// fallbackNames lists the directives that could have decided d's request,
// as "connect-src or default-src".
func (d Decision) fallbackNames() string {
	return joinOr(d.fallbackList(d.dest))
}

// fallbackList returns the names of the fallback list of what d decides:
// the inline check's or eval's, or, for a URL, dest's in d's engine.
func (d Decision) fallbackList(dest Destination) []string {
	switch {
	case d.inline != 0:
		return inlineFallbacks[d.inline].Names()
	case d.eval != 0:
		return evalFallback.Names()
	}
	return d.engine.profile().fallbacks[dest].Names()
}

// skipped names the directives of v's fallback list that come before the
// one that decided, which the policy lacks: "script-src-elem or
// script-src" when default-src decides a script. It is "" when the
// deciding directive is not on the list (a Chromium prefetch allowed by
// another fetch directive).
func (d Decision) skipped(v Verdict) string {
	dest := d.dest
	if d.inline == 0 && d.eval == 0 && dest.EffectiveDirective() != v.Effective {
		for _, x := range Destinations() {
			if x.EffectiveDirective() == v.Effective {
				dest = x
				break
			}
		}
	}
	names := d.fallbackList(dest)
	for i, n := range names {
		if n == v.Directive {
			if i == 0 {
				return ""
			}
			return joinOr(names[:i])
		}
	}
	return ""
}

// joinOr joins names as "a", "a or b", or "a, b or c".
func joinOr(names []string) string {
	switch len(names) {
	case 0:
		return ""
	case 1:
		return names[0]
	case 2:
		return names[0] + " or " + names[1]
	}
	return strings.Join(names[:len(names)-1], ", ") + " or " + names[len(names)-1]
}

// plural names what d decides in the plural: "connections", "inline
// scripts", "string evals".
func (d Decision) plural() string {
	switch {
	case d.inline != 0:
		return inlinePlurals[d.inline]
	case d.eval == StringEval:
		return "string evals"
	case d.eval == WasmCompile:
		return "WebAssembly compilations"
	case d.eval == WasmInstantiate:
		return "WebAssembly instantiations"
	}
	return d.dest.plural()
}
