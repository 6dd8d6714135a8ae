package match

import "strings"

// writeNearMisses appends to a blocked verdict's explanation its nearest
// sources and the narrowest source that would allow the target.
func (d Decision) writeNearMisses(b *strings.Builder, v Verdict) {
	if !d.checked.IsValid() {
		return
	}
	p := d.engine.profile()
	u := d.checked.u
	self := selfOf(&d.page.u)
	if nm := p.nearMisses(v.Sources, &u, &self, d.Redirected); len(nm) > 0 {
		b.WriteString("; nearest:")
		for _, m := range nm {
			b.WriteString(" [")
			for i, df := range m.Differences {
				if i > 0 {
					b.WriteString(" and ")
				}
				b.WriteString(df.Reason)
			}
			b.WriteString("]")
		}
	}
	if s := p.suggest(d.suggestFrom(), &u, &self, d.Redirected); !s.IsZero() {
		b.WriteString("; to allow it, add ")
		b.WriteString(s.String())
		b.WriteString(" to ")
		b.WriteString(v.Directive)
	}
}
