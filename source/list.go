package source

import (
	"iter"
	"slices"
	"strings"
)

// List is an ordered source list, the value of a directive such as
// connect-src. It is immutable once built; the zero List is empty.
type List struct {
	exprs []Expression
}

// NewList returns a List holding exprs. The List takes ownership of the
// slice: the caller must not modify it afterwards.
func NewList(exprs []Expression) List {
	return List{exprs: exprs[:len(exprs):len(exprs)]}
}

// ParseList splits value on ASCII whitespace and parses each token. The
// returned List holds every token, invalid ones included (they never match
// but still count, e.g. for the rule that 'none' only means "nothing" when it
// is alone). err, a *ListError, lists the invalid tokens and a 'none' mixed
// with other expressions; it is nil when there are none.
func ParseList(value string) (List, error) {
	n := 0
	for range Fields(value) {
		n++
	}
	exprs := make([]Expression, 0, n)
	var errs []*Error
	hasNone := false
	noneAt := 0
	for off, tok := range Fields(value) {
		e := Lex(tok)
		if e.kind == Invalid {
			errs = append(errs, e.err(tok, off))
		}
		if e.kind == None && !hasNone {
			hasNone, noneAt = true, off
		}
		exprs = append(exprs, e)
	}
	if hasNone && len(exprs) > 1 {
		// Keep errs in input order: the report goes where the 'none' is.
		k := 0
		for k < len(errs) && errs[k].Offset < noneAt {
			k++
		}
		errs = slices.Insert(errs, k, &Error{Token: value[noneAt : noneAt+6], Offset: noneAt, Reason: NoneWithOthers})
	}
	l := NewList(exprs)
	if errs != nil {
		return l, &ListError{Errs: errs}
	}
	return l, nil
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
func (l List) Len() int { return len(l.exprs) }

// At returns the i-th expression; it panics if i is out of range, like a
// slice index.
func (l List) At(i int) Expression { return l.exprs[i] }

// All yields each expression with its index.
func (l List) All() iter.Seq2[int, Expression] {
	return func(yield func(int, Expression) bool) {
		for i, e := range l.exprs {
			if !yield(i, e) {
				return
			}
		}
	}
}

// IsNone reports whether the list matches nothing by construction: it is
// empty, or it is exactly 'none'
// (https://w3c.github.io/webappsec-csp/#match-url-to-source-list steps 2–3).
func (l List) IsNone() bool {
	return len(l.exprs) == 0 || len(l.exprs) == 1 && l.exprs[0].kind == None
}

// Equal reports whether l and m hold the same expressions in the same order.
func (l List) Equal(m List) bool {
	if len(l.exprs) != len(m.exprs) {
		return false
	}
	return slices.Equal(l.exprs, m.exprs)
}

// String returns the expressions in canonical form separated by single
// spaces; ParseList of the result gives an equal List.
func (l List) String() string {
	var b strings.Builder
	for i, e := range l.exprs {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.Write(e.AppendTo(nil))
	}
	return b.String()
}
