package source

import (
	"iter"
	"slices"
	"strings"
)

// List is an ordered source list, the value of a directive such as
// connect-src. It is immutable once built; the zero List is empty. It
// holds its tokens' text and one pointer-free record per token; At and All
// make the Expressions.
type List struct {
	text string // canonical text the records locate their tokens in
	recs []rec
}

// NewList returns a List holding exprs. It copies their text into one
// string, so exprs may be reused.
func NewList(exprs []Expression) List {
	n := 0
	for _, e := range exprs {
		n += len(e.text) + 1
	}
	var b strings.Builder
	b.Grow(n)
	recs := make([]rec, len(exprs))
	for i, e := range exprs {
		recs[i] = recOf(&e, b.Len())
		b.WriteString(e.text)
		b.WriteByte(' ')
	}
	return List{text: b.String(), recs: recs}
}

// ParseList splits value on ASCII whitespace and parses each token. The
// returned List holds every token, invalid ones included (they never match
// but still count, e.g. for the rule that 'none' only means "nothing" when it
// is alone). err, a *ListError, lists the invalid tokens and a 'none' mixed
// with other expressions; it is nil when there are none.
func ParseList(value string) (List, error) {
	var b Builder
	b.Reset(value, countTokens(value))
	first, last, _ := b.Add(0, len(value))
	var errs []*Error
	hasNone := false
	noneAt := 0
	for i := first; i < last; i++ {
		e, off := b.Expr(i)
		if e.kind == Invalid {
			errs = append(errs, e.err(e.text, off))
		}
		if e.kind == None && !hasNone {
			hasNone, noneAt = true, off
		}
	}
	if hasNone && last-first > 1 {
		// Keep errs in input order: the report goes where the 'none' is.
		k := 0
		for k < len(errs) && errs[k].Offset < noneAt {
			k++
		}
		errs = slices.Insert(errs, k, &Error{Token: value[noneAt : noneAt+6], Offset: noneAt, Reason: NoneWithOthers})
	}
	l := b.List(first, last)
	if errs != nil {
		return l, &ListError{Errs: errs}
	}
	return l, nil
}

// countTokens counts the tokens of value, separated by ASCII whitespace.
func countTokens(value string) int {
	n := 0
	for range Fields(value) {
		n++
	}
	return n
}

// MustParseList is like ParseList but panics on any problem. It is meant for
// tests and hard-coded lists.
func MustParseList(value string) List {
	l, err := ParseList(value)
	if err != nil {
		panic(err)
	}
	return l
}

// Fields yields the tokens of value separated by ASCII whitespace (TAB, LF,
// FF, CR, SPACE), each with its byte offset in value. Unlike strings.Fields
// it does not split on Unicode spaces such as NBSP.
func Fields(value string) iter.Seq2[int, string] {
	return func(yield func(int, string) bool) {
		i := 0
		for i < len(value) {
			for i < len(value) && IsSpace(value[i]) {
				i++
			}
			start := i
			for i < len(value) && !IsSpace(value[i]) {
				i++
			}
			if i > start && !yield(start, value[start:i]) {
				return
			}
		}
	}
}

// Len returns the number of expressions, invalid ones included.
func (l List) Len() int { return len(l.recs) }

// At returns the i-th expression; it panics if i is out of range, like a
// slice index.
func (l List) At(i int) Expression { return l.recs[i].expr(l.text) }

// All yields each expression with its index.
func (l List) All() iter.Seq2[int, Expression] {
	return func(yield func(int, Expression) bool) {
		for i := range l.recs {
			if !yield(i, l.recs[i].expr(l.text)) {
				return
			}
		}
	}
}

// IsNone reports whether the list matches nothing by construction: it is
// empty, or it is exactly 'none'
// (https://w3c.github.io/webappsec-csp/#match-url-to-source-list steps 2–3).
func (l List) IsNone() bool {
	return len(l.recs) == 0 || len(l.recs) == 1 && l.recs[0].kind == None
}

// Equal reports whether l and m hold the same expressions in the same order.
func (l List) Equal(m List) bool {
	if len(l.recs) != len(m.recs) {
		return false
	}
	for i := range l.recs {
		if l.At(i) != m.At(i) {
			return false
		}
	}
	return true
}

// String returns the expressions in canonical form separated by single
// spaces; ParseList of the result gives an equal List.
func (l List) String() string {
	var b strings.Builder
	for i := range l.recs {
		if i > 0 {
			b.WriteByte(' ')
		}
		r := &l.recs[i]
		b.WriteString(l.text[r.off:r.end])
	}
	return b.String()
}
