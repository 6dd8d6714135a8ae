package csptest

import (
	"fmt"
	"strings"

	"github.com/cspkit/cspkit/csp"
	"github.com/cspkit/cspkit/match"
	"github.com/cspkit/cspkit/source"
)

// message explains a failed assertion about target in full.
func message(name, why, page, target string, d match.Decision, p *policies) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %s\n", name, why)
	fmt.Fprintf(&b, "  page:    %s\n", d.Page())
	if target != d.Target().String() {
		fmt.Fprintf(&b, "  target:  %s (as written: %s)\n", d.Target(), target)
	}
	fmt.Fprintf(&b, "  request: %s\n", d.Request())
	if p.list.Len() == 0 {
		fmt.Fprintf(&b, "  policies (%s): none, so nothing is restricted\n", p.from)
	} else {
		fmt.Fprintf(&b, "  policies (%s):\n", p.from)
		for i, pol := range p.list.All() {
			fmt.Fprintf(&b, "    %d %s: %s\n", i, pol.Disposition(), pol.Text())
		}
	}
	explainEngines(&b, d)
	if len(p.problems) > 0 {
		b.WriteString("  parse problems (what browsers ignore):\n")
		for _, pr := range p.problems {
			fmt.Fprintf(&b, "    %s\n", pr)
		}
	}
	return strings.TrimRight(b.String(), "\n")
}

// explainEngines writes each engine's verdict with the deciding directives,
// the closest sources and what would allow the target. Engines that agree
// word for word are grouped.
func explainEngines(b *strings.Builder, d match.Decision) {
	each := d.Engines
	if each == nil {
		each = []match.Decision{d}
	}
	type group struct {
		titles []string
		text   string
	}
	var groups []group
	for _, e := range each {
		var t strings.Builder
		verdict(&t, e)
		found := false
		for i := range groups {
			if groups[i].text == t.String() {
				groups[i].titles = append(groups[i].titles, e.Engine().Title())
				found = true
			}
		}
		if !found {
			groups = append(groups, group{[]string{e.Engine().Title()}, t.String()})
		}
	}
	for _, g := range groups {
		fmt.Fprintf(b, "  %s: %s", strings.Join(g.titles, ", "), g.text)
	}
}

// verdict writes one engine's decision: its verdict on the first line,
// then one line per policy that restricts connections.
func verdict(b *strings.Builder, d match.Decision) {
	switch {
	case d.Refused != "":
		fmt.Fprintf(b, "refused before CSP runs: %s\n", d.Refused)
		return
	case d.Allowed:
		b.WriteString("allowed")
	default:
		b.WriteString("blocked")
	}
	if d.Checked().String() != d.Target().String() {
		fmt.Fprintf(b, " (checked as %s", d.Checked())
		if d.Upgraded {
			b.WriteString(", upgraded by upgrade-insecure-requests")
		}
		b.WriteString(")")
	}
	if d.MixedContent {
		b.WriteString("; blocked as mixed content whatever CSP says")
	}
	b.WriteString("\n")
	explained := map[int]match.Explanation{}
	for _, x := range d.Explain() {
		explained[x.Verdict.Policy] = x
	}
	for _, v := range d.Policies {
		if v.Directive == "" {
			fmt.Fprintf(b, "    policy %d (%s): no connect-src or default-src, does not restrict connections\n", v.Policy, v.Disposition)
			continue
		}
		fmt.Fprintf(b, "    policy %d (%s) %s %s", v.Policy, v.Disposition, v.Directive, v.Sources)
		if v.Fallback() {
			b.WriteString(" (no connect-src, so default-src decides)")
		}
		if m, ok := v.Matched(); ok {
			fmt.Fprintf(b, "; allows it by %s\n", m)
			continue
		}
		switch {
		case v.Sources.Len() == 0 || v.Sources.IsNone():
			b.WriteString("; allows nothing")
		default:
			b.WriteString("; no source matches")
		}
		if v.Disposition == csp.Report {
			b.WriteString(" (report-only: reported, not blocked)")
		}
		b.WriteString("\n")
		x, ok := explained[v.Policy]
		if !ok {
			continue
		}
		for _, n := range x.NearMisses {
			var why []string
			for _, diff := range n.Differences {
				why = append(why, diff.Reason)
			}
			if len(why) == 0 {
				why = []string{"source " + n.Source.String()}
			}
			fmt.Fprintf(b, "      closest source: %s\n", strings.Join(why, "; "))
		}
		if x.Suggestion.Kind() != source.Invalid {
			fmt.Fprintf(b, "      to allow it, add %s to %s\n", x.Suggestion, v.Directive)
		}
	}
}
