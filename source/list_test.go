package source_test

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cspkit/cspkit/source"
)

type field struct {
	off int
	tok string
}

func fields(value string) []field {
	var out []field
	for off, tok := range source.Fields(value) {
		out = append(out, field{off, tok})
	}
	return out
}

func TestFields(t *testing.T) {
	tests := []struct {
		value string
		want  []field
	}{
		{"", nil},
		{" \t\n\f\r", nil},
		{"a", []field{{0, "a"}}},
		{"  a\tb\n\nc  ", []field{{2, "a"}, {4, "b"}, {7, "c"}}},
		{"'self'\fhttps:\rx", []field{{0, "'self'"}, {7, "https:"}, {14, "x"}}},
		// NBSP (U+00A0, bytes C2 A0), VT and other Unicode spaces do not split.
		{"a\u00a0b c", []field{{0, "a\u00a0b"}, {5, "c"}}},
		{"a\vb", []field{{0, "a\vb"}}},
		{"a\u2003b", []field{{0, "a\u2003b"}}},
		{"a\x85b", []field{{0, "a\x85b"}}},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, fields(tt.value), "Fields(%q)", tt.value)
	}
}

func TestFieldsEarlyBreak(t *testing.T) {
	var got []string
	for _, tok := range source.Fields("a b c d") {
		got = append(got, tok)
		if len(got) == 2 {
			break
		}
	}
	assert.Equal(t, []string{"a", "b"}, got)
}

func TestParseListSplitting(t *testing.T) {
	l, err := source.ParseList("'self'\thttps:\nexample.com\f*\r'none'  'nonce-a'")
	var le *source.ListError
	require.ErrorAs(t, err, &le) // 'none' mixed with others
	require.Equal(t, 6, l.Len())
	kinds := []source.Kind{source.Self, source.Scheme, source.Host, source.Wildcard, source.None, source.Nonce}
	for i, k := range kinds {
		assert.Equal(t, k, l.At(i).Kind(), "At(%d)", i)
	}
	assert.Equal(t, "'self' https: example.com * 'none' 'nonce-a'", l.String())
}

func TestParseListNBSP(t *testing.T) {
	value := "https://a.example\u00a0https://b.example 'self'"
	l, err := source.ParseList(value)
	require.Equal(t, 2, l.Len(), "NBSP must not split")
	assert.Equal(t, source.Invalid, l.At(0).Kind())
	assert.Equal(t, "https://a.example\u00a0https://b.example", l.At(0).String())
	assert.Equal(t, source.Self, l.At(1).Kind())

	var le *source.ListError
	require.ErrorAs(t, err, &le)
	require.Len(t, le.Errs, 1)
	assert.Equal(t, source.Error{
		Token: "https://a.example\u00a0https://b.example", Offset: 0, Pos: 17, Reason: source.NonASCII,
	}, *le.Errs[0])
}

func TestParseListEmpty(t *testing.T) {
	for _, v := range []string{"", " ", "\t\n\f\r "} {
		l, err := source.ParseList(v)
		require.NoError(t, err, "%q", v)
		assert.Equal(t, 0, l.Len())
		assert.True(t, l.IsNone(), "%q", v)
		assert.Equal(t, "", l.String())
		assert.True(t, l.Equal(source.List{}))
		for range l.All() {
			t.Fatal("All yielded from an empty list")
		}
	}
}

func TestIsNone(t *testing.T) {
	tests := []struct {
		value string
		none  bool
		ok    bool // no error
	}{
		{"", true, true},
		{"'none'", true, true},
		{"'NONE'", true, true},
		{"  'None'\t", true, true},
		{"'none' https://a", false, false},
		{"https://a 'none'", false, false},
		{"'none' 'none'", false, false},
		{"'none", false, false},
		{"none", false, true}, // a host named "none"
		{"'self'", false, true},
		{"*", false, true},
		{"exa_mple.com", false, false},
	}
	for _, tt := range tests {
		l, err := source.ParseList(tt.value)
		assert.Equal(t, tt.none, l.IsNone(), "IsNone(%q)", tt.value)
		assert.Equal(t, tt.ok, err == nil, "ParseList(%q) error %v", tt.value, err)
	}
	assert.True(t, source.List{}.IsNone())
	assert.True(t, source.NewList(nil).IsNone())
	assert.True(t, source.NewList([]source.Expression{source.MustParse("'none'")}).IsNone())
}

func TestNoneWithOthers(t *testing.T) {
	value := "https://a  'NONE' 'none'"
	l, err := source.ParseList(value)
	require.Equal(t, 3, l.Len())
	assert.False(t, l.IsNone())

	var le *source.ListError
	require.ErrorAs(t, err, &le)
	require.Len(t, le.Errs, 1, "one report for the first 'none'")
	assert.Equal(t, source.Error{Token: "'NONE'", Offset: 11, Reason: source.NoneWithOthers}, *le.Errs[0])
	assert.Equal(t, value[11:17], le.Errs[0].Token)
	assert.Equal(t, "source: 'none' has no effect unless it is the only expression", err.Error())

	var se *source.Error
	require.ErrorAs(t, err, &se)
	assert.Equal(t, source.NoneWithOthers, se.Reason)
}

func TestListErrorOffsets(t *testing.T) {
	value := "'self' exa_mple.com\thttps://ok.example 'none'  'self  http://[::1] 'nonce-'"
	l, err := source.ParseList(value)
	require.Equal(t, 7, l.Len())

	var le *source.ListError
	require.ErrorAs(t, err, &le)
	want := []source.Error{
		{Token: "exa_mple.com", Offset: 7, Pos: 3, Reason: source.BadHostChar},
		{Token: "'none'", Offset: 39, Reason: source.NoneWithOthers},
		{Token: "'self", Offset: 47, Pos: 5, Reason: source.MissingQuote},
		{Token: "http://[::1]", Offset: 54, Pos: 7, Reason: source.IPv6Host},
		{Token: "'nonce-'", Offset: 67, Pos: 7, Reason: source.BadBase64},
	}
	require.Len(t, le.Errs, len(want))
	for i, w := range want {
		assert.Equal(t, w, *le.Errs[i], "Errs[%d]", i)
		// Offset points at the token in the value.
		assert.Equal(t, w.Token, value[w.Offset:w.Offset+len(w.Token)])
	}
	for i := 1; i < len(le.Errs); i++ {
		assert.Less(t, le.Errs[i-1].Offset, le.Errs[i].Offset, "Errs not in input order")
	}
	assert.Equal(t,
		`source: invalid expression "exa_mple.com": character not allowed in a host ("_" at byte 3) (and 4 more)`,
		err.Error())

	// Invalid tokens stay in the list, verbatim.
	assert.Equal(t, source.Invalid, l.At(1).Kind())
	assert.Equal(t, "exa_mple.com", l.At(1).String())
	assert.Equal(t, source.Host, l.At(2).Kind())
}

func TestListErrorUnwrap(t *testing.T) {
	_, err := source.ParseList("a_b 'self' 'foo'")
	require.Error(t, err)

	var le *source.ListError
	require.True(t, errors.As(err, &le))
	unwrapped := le.Unwrap()
	require.Len(t, unwrapped, 2)
	for i, e := range unwrapped {
		assert.Same(t, le.Errs[i], e)
	}

	// errors.As finds the first *Error through Unwrap() []error.
	var se *source.Error
	require.True(t, errors.As(err, &se))
	assert.Same(t, le.Errs[0], se)
	assert.Equal(t, source.BadHostChar, se.Reason)
	assert.Equal(t, 0, se.Offset)

	// errors.Is with a specific *Error value.
	assert.True(t, errors.Is(err, le.Errs[1]))
	assert.False(t, errors.Is(err, &source.Error{Token: "'foo'", Offset: 11, Pos: 1, Reason: source.UnknownKeyword}))

	assert.Equal(t, "source: no problems", (&source.ListError{}).Error())
	assert.Empty(t, (&source.ListError{}).Unwrap())
}

func TestListAccessors(t *testing.T) {
	l := source.MustParseList("'self' https://a.example:443/x 'unsafe-inline' *")
	require.Equal(t, 4, l.Len())
	assert.Equal(t, source.Self, l.At(0).Kind())
	assert.Equal(t, "a.example", l.At(1).Host())
	assert.Equal(t, "unsafe-inline", l.At(2).Keyword())
	assert.Equal(t, source.Wildcard, l.At(3).Kind())
	assert.Panics(t, func() { l.At(4) })
	assert.Panics(t, func() { l.At(-1) })

	var idx []int
	var got []string
	for i, e := range l.All() {
		idx = append(idx, i)
		got = append(got, e.String())
	}
	assert.Equal(t, []int{0, 1, 2, 3}, idx)
	assert.Equal(t, []string{"'self'", "https://a.example:443/x", "'unsafe-inline'", "*"}, got)

	// Early break stops the iteration.
	n := 0
	for i := range l.All() {
		n++
		if i == 1 {
			break
		}
	}
	assert.Equal(t, 2, n)
}

func TestListEqual(t *testing.T) {
	a := source.MustParseList("'SELF' HTTPS://A.example")
	b := source.MustParseList("'self'\n\thttps://a.example")
	c := source.MustParseList("https://a.example 'self'")
	d := source.MustParseList("'self'")
	assert.True(t, a.Equal(b))
	assert.True(t, b.Equal(a))
	assert.True(t, a.Equal(a))
	assert.False(t, a.Equal(c), "order matters")
	assert.False(t, a.Equal(d))
	assert.False(t, d.Equal(a))
	assert.True(t, source.List{}.Equal(source.NewList(nil)))

	x, _ := source.ParseList("exa_mple.com 'self'")
	y, _ := source.ParseList("EXA_MPLE.com 'self'")
	assert.False(t, x.Equal(y), "invalid tokens compare as written")
}

func TestListStringRoundTrip(t *testing.T) {
	values := []string{
		"",
		"'self'",
		"'SELF'   HTTPS://API.Example.COM:443/Path/\t*.cdn.example 'Nonce-AbC='",
		"'none' exa_mple.com 'self https://[::1] üüü.de",
		"data: blob: wss://*.example.com:* 'sha256-abc=' 'unsafe-inline' 'strict-dynamic'",
		"a\u00a0b\vc 'nonce-x'",
	}
	for _, v := range values {
		l, _ := source.ParseList(v)
		s := l.String()
		again, _ := source.ParseList(s)
		assert.True(t, l.Equal(again), "ParseList(%q).String() = %q", v, s)
		assert.Equal(t, s, again.String())
	}
	l, _ := source.ParseList("'SELF'   HTTPS://API.Example.COM:443/Path/\t'unsafe-EVAL'")
	assert.Equal(t, "'self' https://api.example.com:443/Path/ 'unsafe-eval'", l.String())
}

func TestNewList(t *testing.T) {
	exprs := []source.Expression{
		source.MustParse("'self'"),
		source.MustParse("https:"),
	}
	l := source.NewList(exprs)
	require.Equal(t, 2, l.Len())
	assert.Equal(t, "'self' https:", l.String())
	assert.True(t, l.Equal(source.MustParseList("'self' https:")))
	assert.False(t, l.IsNone())

	// An Invalid expression in a built list prints its token.
	bad, err := source.Parse("'foo'")
	require.Error(t, err)
	l = source.NewList([]source.Expression{bad, source.MustParse("*")})
	assert.Equal(t, "'foo' *", l.String())

	// NewList caps the slice, so appending to the caller's slice after
	// re-slicing cannot reach into the list.
	backing := make([]source.Expression, 1, 4)
	backing[0] = source.MustParse("a.example")
	l = source.NewList(backing)
	_ = append(backing[:1], source.MustParse("b.example"))
	require.Equal(t, 1, l.Len())
	assert.Equal(t, "a.example", l.At(0).String())
}

func TestMustParseList(t *testing.T) {
	assert.NotPanics(t, func() { source.MustParseList("'self' https:") })
	assert.NotPanics(t, func() { source.MustParseList("") })
	assert.NotPanics(t, func() { source.MustParseList("'none'") })
	for _, v := range []string{"'self", "'none' 'self'", "exa_mple.com", "üüü.de", "a 'nonce-'"} {
		assert.Panics(t, func() { source.MustParseList(v) }, "%q", v)
	}
	assert.PanicsWithError(t, `source: invalid expression "'self": missing closing quote`,
		func() { source.MustParseList("https: 'self") })
}
