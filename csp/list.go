package csp

import (
	"iter"
	"slices"
	"strings"
)

// List is every policy a page is subject to, in the order received. The zero
// List has no policies and restricts nothing.
type List struct {
	policies []Policy
}

// Len returns the number of policies.
func (l List) Len() int { return len(l.policies) }

// Policy returns the i-th policy; it panics if i is out of range.
func (l List) Policy(i int) Policy { return l.policies[i] }

// All yields each policy with its index.
func (l List) All() iter.Seq2[int, Policy] { return slices.All(l.policies) }

// Join returns a List holding the policies of every list, in order: the
// policies of a page that receives them all.
func Join(lists ...List) List {
	n := 0
	for _, l := range lists {
		n += len(l.policies)
	}
	out := make([]Policy, 0, n)
	for _, l := range lists {
		out = append(out, l.policies...)
	}
	return List{policies: out}
}

// String returns the policies' canonical forms joined by ", ", the way one
// header value carries several policies. Dispositions are not written:
// parse enforced and report-only policies from separate headers. Dropped
// directives are not written either, so a policy whose first connect-src
// was dropped for non-ASCII content (see Policy.DroppedFirst) re-parses
// Equal but decides differently under match.Chromium.
func (l List) String() string {
	var b strings.Builder
	for i, p := range l.policies {
		if i > 0 {
			b.WriteString(", ")
		}
		p.writeTo(&b)
	}
	return b.String()
}

// Equal reports whether l and m hold Equal policies in the same order.
func (l List) Equal(m List) bool { return slices.EqualFunc(l.policies, m.policies, Policy.Equal) }
