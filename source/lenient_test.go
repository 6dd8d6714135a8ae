package source_test

import (
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cspkit/cspkit/source"
)

// TestLenient checks how each leniency reads tokens the grammar rejects.
func TestLenient(t *testing.T) {
	const (
		cut     = source.CutQuery
		any     = source.AnyPathChar
		both    = source.CutQuery | source.AnyPathChar
		atHost  = source.CutQueryAfterHost
		all     = cut | any | atHost
		nothing = source.Leniency(0)
	)
	tests := []struct {
		tok  string
		l    source.Leniency
		ok   bool
		want string // "scheme host port path" of the result
	}{
		{"https://a.example/p?q=1", cut, true, "https a.example  /p"},
		{"https://a.example/p?q=1", any, false, ""},
		{"https://a.example/p?q=1", both, true, "https a.example  /p"},
		{"https://a.example/p#f", cut, true, "https a.example  /p"},
		{"HTTPS://A.Example:8443/P?Q", cut, true, "https a.example 8443 /P"},
		{"https://a.example/a\"b", any, true, "https a.example  /a\"b"},
		{"https://a.example/a\"b", cut, false, ""},
		{"https://a.example/a\"b?x", cut, false, ""},
		{"https://a.example/a\"b?x", both, true, "https a.example  /a\"b"},
		{"https://a.example/%zz", any, true, "https a.example  /%zz"},
		{"https://a.example//x", any, true, "https a.example  //x"},
		{"https://a.example//x?q", cut, false, ""},
		{"a.example/p;q", any, true, " a.example  /p;q"},
		{"a.example?x=1", both, false, ""},
		{"a.example?x=1", atHost, true, " a.example  "},
		{"a.example:80#f", atHost, true, " a.example 80 "},
		{"a.example:80#f", both, false, ""},
		{"a.example?x/y", atHost, true, " a.example  "},
		{"a.example?x/y", both, false, ""},
		{"a.exa_mple/p?q", all, false, ""},
		{"a.example:8o/p?q", all, false, ""},
		{"user@a.example/p?q", all, false, ""},
		{"'self'?", all, false, ""},
		{"https://a.example/p?q=1", nothing, false, ""},
	}
	for _, tt := range tests {
		t.Run(tt.tok, func(t *testing.T) {
			e := source.Lex(tt.tok)
			require.Equal(t, source.Invalid, e.Kind(), "the grammar rejects %q", tt.tok)
			h, ok := e.Lenient(tt.l)
			require.Equal(t, tt.ok, ok)
			if !ok {
				assert.True(t, h.IsZero())
				return
			}
			assert.Equal(t, source.Host, h.Kind())
			assert.Equal(t, tt.want, h.Scheme()+" "+h.Host()+" "+h.Port()+" "+h.Path())
			n, numbered := h.PortNumber()
			if h.Port() == "" {
				assert.False(t, numbered, "no port, no number")
			} else {
				assert.Equal(t, h.Port(), strconv.Itoa(n))
			}
			r, _ := h.Problem()
			assert.Zero(t, r)
			assert.Equal(t, e.String(), h.String(), "prints the whole token")
		})
	}
	// A valid expression has no lenient reading: it is read as it is.
	_, ok := source.MustParse("https://a.example/p").Lenient(all)
	assert.False(t, ok)
}

// TestLexAgreesWithParse checks that Lex and Parse give the same Expression
// and that Problem reports what Parse's *Error does.
func TestLexAgreesWithParse(t *testing.T) {
	for _, tt := range parseTests {
		e, err := source.Parse(tt.tok)
		l := source.Lex(tt.tok)
		assert.Equal(t, e, l, tt.tok)
		r, pos := l.Problem()
		assert.Equal(t, tt.reason, r, tt.tok)
		assert.Equal(t, tt.pos, pos, tt.tok)
		assert.Equal(t, err == nil, r == 0, tt.tok)
	}
	var zero source.Expression
	r, pos := zero.Problem()
	assert.Equal(t, source.EmptyHost, r)
	assert.Zero(t, pos)
}

func TestIsKeyword(t *testing.T) {
	for _, k := range []string{"self", "none", "unsafe-inline", "unsafe-eval", "strict-dynamic",
		"unsafe-hashes", "report-sample", "unsafe-allow-redirects", "wasm-unsafe-eval",
		"trusted-types-eval", "inline-speculation-rules", "report-sha256", "report-sha384",
		"report-sha512", "unsafe-webtransport-hashes"} {
		assert.True(t, source.IsKeyword(k), k)
		e := source.MustParse("'" + k + "'")
		assert.Equal(t, k, e.Keyword(), "every keyword IsKeyword knows parses as one")
	}
	for _, k := range []string{"", "Self", "'self'", "unsafe_inline", "nonce-abc", "sha256-x", "script"} {
		assert.False(t, source.IsKeyword(k), k)
	}
}
