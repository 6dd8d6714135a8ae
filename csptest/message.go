package csptest

import (
	"fmt"
	"strings"

	"github.com/cspkit/cspkit/lint"
	"github.com/cspkit/cspkit/match"
)

// message explains a failed assertion: why, the page and target when a
// decision was made, every policy, each engine's full explanation (match's
// %+v) and the parse problems.
func (p *Policies) message(name, why, target string, d *match.Decision) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %s\n", name, why)
	if d != nil {
		fmt.Fprintf(&b, "  page:    %s\n", d.Page())
		if target != "" && target != d.Target().String() {
			fmt.Fprintf(&b, "  target:  %s (as written: %s)\n", d.Target(), target)
		}
		inline, isInline := d.Inline()
		eval, isEval := d.Eval()
		switch {
		case isInline:
			fmt.Fprintf(&b, "  inline: %s (%s)\n", inline, inline.EffectiveDirective())
		case isEval:
			fmt.Fprintf(&b, "  eval: %s (%s)\n", eval, eval.EffectiveDirective())
		case d.Destination() == match.Connection:
			fmt.Fprintf(&b, "  request: %s\n", d.Request())
		default:
			fmt.Fprintf(&b, "  destination: %s (%s)\n", d.Destination(), d.Destination().EffectiveDirective())
		}
	}
	if p.list.Len() == 0 {
		fmt.Fprintf(&b, "  policies (%s): none\n", p.from)
	} else {
		fmt.Fprintf(&b, "  policies (%s):\n", p.from)
		for i, pol := range p.list.All() {
			fmt.Fprintf(&b, "    %d %s: %s\n", i, pol.Disposition(), pol.Text())
		}
	}
	if d != nil {
		b.WriteString(indentLines(strings.Split(fmt.Sprintf("%+v", *d), "\n"), "  "))
	}
	if len(p.problems) > 0 {
		b.WriteString("  parse problems (what browsers drop or ignore):\n")
		b.WriteString(indentLines(p.problems, "    "))
	}
	if typos := p.typos(); len(typos) > 0 {
		b.WriteString("  likely typos (browsers read these as host names):\n")
		b.WriteString(indentLines(typos, "    "))
	}
	return strings.TrimRight(b.String(), "\n")
}

// typos returns lint's findings about how the policies are written that
// change what they mean: keywords without quotes, schemes without their
// colon, directive names inside a value.
func (p *Policies) typos() []string {
	var out []string
	for _, f := range lint.Check(p.list) {
		switch f.Code {
		case lint.UnquotedKeyword, lint.SchemeAsHost, lint.MissingSemicolon:
			out = append(out, f.String())
		}
	}
	return out
}

// indentLines writes each line with the prefix and a newline.
func indentLines(lines []string, prefix string) string {
	var b strings.Builder
	for _, l := range lines {
		b.WriteString(prefix + l + "\n")
	}
	return b.String()
}
