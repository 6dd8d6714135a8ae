package csp_test

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cspkit/cspkit/csp"
)

// problemsOf returns the problems in err, which must be nil or a *ParseError.
func problemsOf(t *testing.T, err error) []csp.Problem {
	t.Helper()
	if err == nil {
		return nil
	}
	var pe *csp.ParseError
	require.True(t, errors.As(err, &pe), "error %T is not a *csp.ParseError", err)
	require.NotEmpty(t, pe.Problems, "a non-nil ParseError lists problems")
	return pe.Problems
}

// checkOffsets asserts that every problem's Token sits at its Offset.
func checkOffsets(t *testing.T, value string, probs []csp.Problem) {
	t.Helper()
	for _, p := range probs {
		if assert.True(t, p.Offset >= 0 && p.Offset+len(p.Token) <= len(value),
			"problem %+v out of range of %q", p, value) {
			assert.Equal(t, p.Token, value[p.Offset:p.Offset+len(p.Token)], "problem %+v", p)
		}
	}
}

func codes(probs []csp.Problem) []csp.Code {
	var out []csp.Code
	for _, p := range probs {
		out = append(out, p.Code)
	}
	return out
}

func TestParse(t *testing.T) {
	tests := []struct {
		name       string
		value      string
		reportOnly bool
		want       string     // List.String()
		policies   int        // List.Len()
		codes      []csp.Code // problem codes in order
		check      func(t *testing.T, l csp.List, probs []csp.Problem)
	}{
		{name: "empty", value: "", want: "", policies: 0},
		{name: "only separators", value: " ; ;", want: "", policies: 0},
		{name: "only separators and whitespace", value: " ; ;\t; ", want: "", policies: 0},
		{name: "only commas", value: " , ,", want: "", policies: 0},
		{name: "single directive", value: "connect-src https://api.example.com", want: "connect-src https://api.example.com", policies: 1},
		{name: "trailing semicolon", value: "default-src 'self';", want: "default-src 'self'", policies: 1},
		{name: "empty directives between", value: ";;default-src 'self';; ;img-src *;", want: "default-src 'self'; img-src *", policies: 1},
		{
			name: "ascii whitespace TAB LF FF CR SPACE", value: "\tdefault-src\n'self'\fhttps://a.example\r \t; img-src\t*",
			want: "default-src 'self' https://a.example; img-src *", policies: 1,
			check: func(t *testing.T, l csp.List, _ []csp.Problem) {
				d, ok := l.Policy(0).Directive("default-src")
				require.True(t, ok)
				assert.Equal(t, "'self'\fhttps://a.example", d.Value())
				assert.Equal(t, 2, d.Sources().Len())
			},
		},
		{
			name: "NBSP is not whitespace and drops the directive", value: "default-src 'self';connect-src\u00a0https://a.example",
			want: "default-src 'self'", policies: 1, codes: []csp.Code{csp.NonASCIIDirective},
			check: func(t *testing.T, l csp.List, probs []csp.Problem) {
				assert.False(t, l.Policy(0).Has("connect-src"))
				// NBSP does not end the name: the whole token is the name.
				assert.Equal(t, "connect-src\u00a0https://a.example", probs[0].Token)
				assert.Equal(t, "connect-src\u00a0https://a.example", probs[0].Directive)
				assert.Contains(t, probs[0].Message, `"\u00a0" at byte 30`)
			},
		},
		{
			name: "names lower-cased", value: "CONNECT-SRC https://A.example; Default-Src 'SELF'",
			want: "connect-src https://A.example; default-src 'SELF'", policies: 1,
			check: func(t *testing.T, l csp.List, _ []csp.Problem) {
				names := []string{}
				for d := range l.Policy(0).Directives() {
					names = append(names, d.Name())
				}
				assert.Equal(t, []string{"connect-src", "default-src"}, names)
			},
		},
		{
			name: "first duplicate wins across case", value: "CONNECT-SRC a; connect-src b",
			want: "connect-src a", policies: 1, codes: []csp.Code{csp.DuplicateDirective},
			check: func(t *testing.T, l csp.List, probs []csp.Problem) {
				d, _ := l.Policy(0).Directive("connect-src")
				assert.Equal(t, "a", d.Value())
				assert.Equal(t, "connect-src b", probs[0].Token)
				assert.Equal(t, "connect-src", probs[0].Directive)
				assert.Equal(t, 0, probs[0].Policy)
				assert.Equal(t, 15, probs[0].Offset)
			},
		},
		{
			name: "duplicate default-src", value: "default-src 'none'; img-src *; default-src *",
			want: "default-src 'none'; img-src *", policies: 1, codes: []csp.Code{csp.DuplicateDirective},
		},
		{
			name: "comma separated policies", value: "default-src 'self', connect-src https://a.example , img-src *",
			want: "default-src 'self', connect-src https://a.example, img-src *", policies: 3,
			check: func(t *testing.T, l csp.List, _ []csp.Problem) {
				assert.Equal(t, "default-src 'self'", l.Policy(0).Text())
				assert.Equal(t, "connect-src https://a.example", l.Policy(1).Text())
				assert.Equal(t, "img-src *", l.Policy(2).Text())
			},
		},
		{
			name: "empty policies between commas discarded", value: ",default-src 'self',, ;,img-src *,",
			want: "default-src 'self', img-src *", policies: 2,
		},
		{
			name: "non-ascii drops connect-src, falls back to default-src", value: "default-src 'self'; connect-src https://ä.example",
			want: "default-src 'self'", policies: 1, codes: []csp.Code{csp.NonASCIIDirective},
			check: func(t *testing.T, l csp.List, probs []csp.Problem) {
				p := l.Policy(0)
				assert.False(t, p.Has(csp.ConnectSrc))
				assert.True(t, p.Has(csp.DefaultSrc))
				assert.Equal(t, "connect-src", probs[0].Directive)
				assert.Contains(t, probs[0].Message, "connect requests now fall back to default-src")
				assert.Contains(t, probs[0].Message, `"ä"`)
			},
		},
		{
			name: "non-ascii connect-src without default-src", value: "img-src *; connect-src https://é.example",
			want: "img-src *", policies: 1, codes: []csp.Code{csp.NonASCIIDirective},
			check: func(t *testing.T, l csp.List, probs []csp.Problem) {
				assert.Contains(t, probs[0].Message, "no longer restricted")
			},
		},
		{
			name: "non-ascii first connect-src, second kept", value: "connect-src https://é.example; connect-src https://b.example",
			want: "connect-src https://b.example", policies: 1, codes: []csp.Code{csp.NonASCIIDirective},
			check: func(t *testing.T, l csp.List, probs []csp.Problem) {
				assert.Contains(t, probs[0].Message, "remaining connect-src")
			},
		},
		{
			name: "discarded policy of only a non-ascii directive", value: "connect-src https://ü.example, img-src *",
			want: "img-src *", policies: 1, codes: []csp.Code{csp.NonASCIIDirective},
			check: func(t *testing.T, l csp.List, probs []csp.Problem) {
				assert.Equal(t, -1, probs[0].Policy)
				assert.Contains(t, probs[0].String(), "discarded policy")
			},
		},
		{
			name: "problem in second policy has index 1", value: "img-src *, conect-src *",
			want: "img-src *, conect-src *", policies: 2, codes: []csp.Code{csp.UnknownDirective},
			check: func(t *testing.T, _ csp.List, probs []csp.Problem) {
				assert.Equal(t, 1, probs[0].Policy)
				assert.Equal(t, 11, probs[0].Offset)
			},
		},
		{
			name: "discarded policy shifts nothing", value: "connect-src ñ, img-src 'bogus'",
			want: "img-src 'bogus'", policies: 1, codes: []csp.Code{csp.NonASCIIDirective, csp.InvalidSource},
			check: func(t *testing.T, _ csp.List, probs []csp.Problem) {
				assert.Equal(t, -1, probs[0].Policy)
				assert.Equal(t, 0, probs[1].Policy)
			},
		},
		{
			name: "unknown directive kept", value: "foo bar baz",
			want: "foo bar baz", policies: 1, codes: []csp.Code{csp.UnknownDirective},
			check: func(t *testing.T, l csp.List, probs []csp.Problem) {
				assert.True(t, l.Policy(0).Has("foo"))
				assert.True(t, l.Policy(0).Has("FOO"))
				assert.Equal(t, "foo", probs[0].Token)
			},
		},
		{
			name: "did you mean", value: "conect-src https://a.example",
			want: "conect-src https://a.example", policies: 1, codes: []csp.Code{csp.UnknownDirective},
			check: func(t *testing.T, _ csp.List, probs []csp.Problem) {
				assert.Contains(t, probs[0].Message, `did you mean "connect-src"?`)
			},
		},
		{
			name: "no suggestion for far names", value: "xyzzy-totally-different",
			want: "xyzzy-totally-different", policies: 1, codes: []csp.Code{csp.UnknownDirective},
			check: func(t *testing.T, _ csp.List, probs []csp.Problem) {
				assert.NotContains(t, probs[0].Message, "did you mean")
			},
		},
		{
			name: "invalid source in source list", value: "img-src https://a.example 'unsafe-evil' https://b.example",
			want: "img-src https://a.example 'unsafe-evil' https://b.example", policies: 1, codes: []csp.Code{csp.InvalidSource},
			check: func(t *testing.T, l csp.List, probs []csp.Problem) {
				assert.Equal(t, "'unsafe-evil'", probs[0].Token)
				assert.Equal(t, "img-src", probs[0].Directive)
				d, _ := l.Policy(0).Directive("img-src")
				assert.Equal(t, 3, d.Sources().Len())
			},
		},
		{
			name: "several invalid sources", value: "  script-src  https://a.example/?q  'nonce-***'  http://[::1]",
			want: "script-src https://a.example/?q 'nonce-***' http://[::1]", policies: 1,
			codes: []csp.Code{csp.InvalidSource, csp.InvalidSource, csp.InvalidSource},
		},
		{
			name: "report-uri is not a source list", value: "default-src 'self'; report-uri /csp",
			want: "default-src 'self'; report-uri /csp", policies: 1,
		},
		{
			name: "report-to is not a source list", value: "report-to csp-endpoint; sandbox allow-scripts",
			want: "report-to csp-endpoint; sandbox allow-scripts", policies: 1,
		},
		{
			name: "none with sources", value: "img-src 'none' https://a.example",
			want: "img-src 'none' https://a.example", policies: 1, codes: []csp.Code{csp.NoneWithSources},
			check: func(t *testing.T, _ csp.List, probs []csp.Problem) {
				assert.Equal(t, "'none'", probs[0].Token)
				assert.Equal(t, 8, probs[0].Offset)
			},
		},
		{
			name: "none with sources, upper case", value: "img-src https://a.example 'NONE'",
			want: "img-src https://a.example 'NONE'", policies: 1, codes: []csp.Code{csp.NoneWithSources},
		},
		{name: "none alone is fine", value: "default-src 'none'", want: "default-src 'none'", policies: 1},
		{
			name: "unsupported directive", value: "block-all-mixed-content; referrer origin; default-src https:",
			want: "block-all-mixed-content; referrer origin; default-src https:", policies: 1, codes: []csp.Code{csp.UnsupportedDirective},
			check: func(t *testing.T, l csp.List, probs []csp.Problem) {
				assert.True(t, l.Policy(0).Has(csp.BlockAllMixedContent))
				assert.Equal(t, "referrer", probs[0].Token, "block-all-mixed-content is still enforced by Chromium: lint's advice")
			},
		},
		{
			name: "upgrade-insecure-requests enforced is fine", value: "upgrade-insecure-requests",
			want: "upgrade-insecure-requests", policies: 1,
		},
		{
			name: "upgrade-insecure-requests ignored in report-only", value: "default-src 'self'; Upgrade-Insecure-Requests", reportOnly: true,
			want: "default-src 'self'; upgrade-insecure-requests", policies: 1, codes: []csp.Code{csp.IgnoredInReportOnly},
			check: func(t *testing.T, l csp.List, probs []csp.Problem) {
				assert.Equal(t, csp.ReportOnly, l.Policy(0).Disposition())
				assert.Equal(t, "Upgrade-Insecure-Requests", probs[0].Token)
				assert.Equal(t, csp.UpgradeInsecureRequests, probs[0].Directive)
			},
		},
		{
			name: "sandbox ignored in report-only", value: "sandbox", reportOnly: true,
			want: "sandbox", policies: 1, codes: []csp.Code{csp.IgnoredInReportOnly},
		},
		{
			name: "report-only policies have disposition report", value: "img-src *, font-src *", reportOnly: true,
			want: "img-src *, font-src *", policies: 2,
			check: func(t *testing.T, l csp.List, _ []csp.Problem) {
				for _, p := range l.All() {
					assert.Equal(t, csp.ReportOnly, p.Disposition())
				}
			},
		},
		{
			name: "directive without value", value: "img-src; upgrade-insecure-requests",
			want: "img-src; upgrade-insecure-requests", policies: 1,
			check: func(t *testing.T, l csp.List, _ []csp.Problem) {
				d, ok := l.Policy(0).Directive("IMG-SRC")
				require.True(t, ok)
				assert.Equal(t, "", d.Value())
				assert.Equal(t, 0, d.Sources().Len())
				assert.True(t, d.Sources().IsNone())
			},
		},
		{
			name: "many problems, in order", value: "CONECT-SRC *; img-src 'none' x:/\x01; img-src *, default-src é",
			want: "conect-src *; img-src 'none' x:/\x01", policies: 1,
			codes: []csp.Code{csp.UnknownDirective, csp.InvalidSource, csp.NoneWithSources, csp.DuplicateDirective, csp.NonASCIIDirective},
			check: func(t *testing.T, _ csp.List, probs []csp.Problem) {
				assert.Equal(t, "CONECT-SRC", probs[0].Token)
				assert.Equal(t, "conect-src", probs[0].Directive)
				assert.Equal(t, -1, probs[4].Policy)
			},
		},
		{
			name: "keyword and nonce and hash", value: "script-src 'self' 'nonce-abc123==' 'sha256-AAAA' 'strict-dynamic'",
			want: "script-src 'self' 'nonce-abc123==' 'sha256-AAAA' 'strict-dynamic'", policies: 1,
		},
		{
			name: "unknown and duplicate unknown", value: "foo a; FOO b",
			want: "foo a", policies: 1, codes: []csp.Code{csp.UnknownDirective, csp.DuplicateDirective},
		},
		{
			name: "unsupported source-list directive", value: "prefetch-src 'bogus'",
			want: "prefetch-src 'bogus'", policies: 1, codes: []csp.Code{csp.UnsupportedDirective, csp.InvalidSource},
		},
		{
			name: "non-ascii name", value: "ïmg-src *; img-src *",
			want: "img-src *", policies: 1, codes: []csp.Code{csp.NonASCIIDirective},
		},
		{
			name: "invalid utf-8 byte", value: "img-src \xff; font-src *",
			want: "font-src *", policies: 1, codes: []csp.Code{csp.NonASCIIDirective},
		},
		{
			name: "whitespace-only policies around a comma", value: " \t , \r\n ",
			want: "", policies: 0,
		},
		{
			name: "vertical tab is not whitespace", value: "img-src\va.example",
			want: "img-src\va.example", policies: 1, codes: []csp.Code{csp.UnknownDirective},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			parse := csp.Parse
			if tt.reportOnly {
				parse = csp.ParseReportOnly
			}
			l, err := parse(tt.value)
			probs := problemsOf(t, err)
			assert.Equal(t, tt.want, l.String())
			assert.Equal(t, tt.policies, l.Len())
			assert.Equal(t, tt.codes, codes(probs), "problems: %v", probs)
			checkOffsets(t, tt.value, probs)
			for _, p := range probs {
				assert.True(t, p.Policy >= -1 && p.Policy < l.Len(), "problem %+v", p)
				assert.Empty(t, p.Header)
				assert.NotEmpty(t, p.Message)
			}
			if err != nil {
				var pe *csp.ParseError
				require.ErrorAs(t, err, &pe)
				for _, c := range tt.codes {
					assert.True(t, pe.Has(c))
				}
			}
			// The canonical form parses back to an equal list.
			l2, _ := parse(l.String())
			assert.True(t, l.Equal(l2), "round trip of %q via %q", tt.value, l.String())
			if tt.check != nil {
				tt.check(t, l, probs)
			}
		})
	}
}

func TestParseErrorText(t *testing.T) {
	_, err := csp.Parse("img-src *; conect-src *; img-src 'self'")
	require.Error(t, err)
	assert.Equal(t,
		`csp: policy 0, conect-src, byte 11: unknown directive "conect-src" has no effect (did you mean "connect-src"?) (and 1 more problems)`,
		err.Error())
	var pe *csp.ParseError
	require.ErrorAs(t, err, &pe)
	assert.True(t, pe.Has(csp.UnknownDirective))
	assert.True(t, pe.Has(csp.DuplicateDirective))
	assert.False(t, pe.Has(csp.InvalidSource))
	assert.False(t, pe.Has(csp.NonASCIIDirective))

	_, err = csp.Parse("default-src 'self', connect-src é")
	require.Error(t, err)
	assert.Equal(t,
		`csp: discarded policy, connect-src, byte 20: directive "connect-src" is dropped whole: it contains the non-ASCII character "é" at byte 32`,
		err.Error())

	assert.Equal(t, "csp: no problems", (&csp.ParseError{}).Error())
	assert.Equal(t, "csp: policy 2, byte 0: m", (&csp.ParseError{Problems: []csp.Problem{{Policy: 2, Message: "m"}}}).Error())
	assert.False(t, (&csp.ParseError{}).Has(csp.UnknownDirective))
}

func TestMustParse(t *testing.T) {
	l := csp.MustParse("default-src 'self'")
	assert.Equal(t, 1, l.Len())
	assert.Panics(t, func() { csp.MustParse("conect-src *") })
	assert.NotPanics(t, func() { csp.MustParse("") })
}

func TestDirective(t *testing.T) {
	tests := []struct {
		value, name, dirValue, str string
		sources                    []string
	}{
		{"img-src *", "img-src", "*", "img-src *", []string{"*"}},
		{"IMG-SRC   'SELF'\t https://A.example:443/p  ", "img-src", "'SELF'\t https://A.example:443/p", "img-src 'SELF' https://A.example:443/p", []string{"'self'", "https://a.example:443/p"}},
		{"upgrade-insecure-requests", "upgrade-insecure-requests", "", "upgrade-insecure-requests", nil},
		{"report-uri /csp https://r.example/x", "report-uri", "/csp https://r.example/x", "report-uri /csp https://r.example/x", []string{"/csp", "https://r.example/x"}},
		{"connect-src wss: data:", "connect-src", "wss: data:", "connect-src wss: data:", []string{"wss:", "data:"}},
	}
	for _, tt := range tests {
		t.Run(tt.value, func(t *testing.T) {
			l, _ := csp.Parse(tt.value)
			require.Equal(t, 1, l.Len())
			d, ok := l.Policy(0).Directive(tt.name)
			require.True(t, ok)
			assert.Equal(t, tt.name, d.Name())
			assert.Equal(t, tt.dirValue, d.Value())
			assert.Equal(t, tt.str, d.String())
			var got []string
			for _, e := range d.Sources().All() {
				got = append(got, e.String())
			}
			assert.Equal(t, tt.sources, got)
			assert.True(t, d.Equal(d))
		})
	}
	a, _ := csp.Parse("img-src a b; font-src a b; img-src a")
	_ = a
	p := csp.MustParse("img-src a.example b.example; font-src a.example b.example").Policy(0)
	img, _ := p.Directive("img-src")
	font, _ := p.Directive("font-src")
	assert.False(t, img.Equal(font), "different names")
	q := csp.MustParse("img-src  A.EXAMPLE\tb.example").Policy(0)
	img2, _ := q.Directive("img-src")
	assert.True(t, img.Equal(img2), "same tokens modulo case and spacing")
}

func TestPolicy(t *testing.T) {
	l, err := csp.Parse("  Default-Src 'self';  img-src * ;connect-src https://api.example wss://ws.example  ")
	require.NoError(t, err)
	require.Equal(t, 1, l.Len())
	p := l.Policy(0)
	assert.Equal(t, "Default-Src 'self';  img-src * ;connect-src https://api.example wss://ws.example", p.Text())
	assert.Equal(t, 3, p.Len())
	assert.Equal(t, "default-src 'self'; img-src *; connect-src https://api.example wss://ws.example", p.String())
	assert.Equal(t, csp.Enforce, p.Disposition())

	var names []string
	for d := range p.Directives() {
		names = append(names, d.Name())
	}
	assert.Equal(t, []string{"default-src", "img-src", "connect-src"}, names)

	// Early break from the iterator.
	n := 0
	for range p.Directives() {
		n++
		break
	}
	assert.Equal(t, 1, n)

	for _, name := range []string{"connect-src", "CONNECT-SRC", "Connect-Src"} {
		d, ok := p.Directive(name)
		assert.True(t, ok, name)
		assert.Equal(t, "connect-src", d.Name())
	}
	for _, name := range []string{"", "connect", "connect-src ", "connect-srcx", "style-src"} {
		_, ok := p.Directive(name)
		assert.False(t, ok, name)
		assert.False(t, p.Has(name), name)
	}

	assert.True(t, p.Equal(csp.MustParse("default-src 'SELF'; img-src *; connect-src https://api.example wss://ws.example").Policy(0)))
	assert.False(t, p.Equal(csp.MustParse("img-src *; default-src 'self'; connect-src https://api.example wss://ws.example").Policy(0)), "order matters")
	ro, _ := csp.ParseReportOnly(p.String())
	assert.False(t, p.Equal(ro.Policy(0)), "disposition matters")

	var zero csp.Policy
	assert.Equal(t, 0, zero.Len())
	assert.Equal(t, "", zero.String())
	assert.False(t, zero.Has("img-src"))
}

func TestDisposition(t *testing.T) {
	tests := []struct {
		d          csp.Disposition
		str, hname string
	}{
		{csp.Enforce, "enforce", "Content-Security-Policy"},
		{csp.ReportOnly, "report", "Content-Security-Policy-Report-Only"},
		{csp.Disposition(7), "Disposition(7)", "Content-Security-Policy"},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.str, tt.d.String())
		assert.Equal(t, tt.hname, tt.d.HeaderName())
	}
	assert.Equal(t, csp.Header, csp.Enforce.HeaderName())
	assert.Equal(t, csp.HeaderReportOnly, csp.ReportOnly.HeaderName())
}

func TestList(t *testing.T) {
	a := csp.MustParse("default-src 'self', img-src *")
	b, _ := csp.ParseReportOnly("font-src *")
	var zero csp.List
	assert.Equal(t, 0, zero.Len())
	assert.Equal(t, "", zero.String())
	assert.True(t, zero.Equal(csp.MustParse("")))
	assert.True(t, zero.Equal(csp.Join()))

	assert.Equal(t, 2, a.Len())
	assert.Equal(t, "img-src *", a.Policy(1).String())
	assert.Panics(t, func() { a.Policy(2) })

	var idx []int
	var strs []string
	for i, p := range a.All() {
		idx = append(idx, i)
		strs = append(strs, p.String())
	}
	assert.Equal(t, []int{0, 1}, idx)
	assert.Equal(t, []string{"default-src 'self'", "img-src *"}, strs)
	for i := range a.All() {
		assert.Equal(t, 0, i)
		break
	}

	j := csp.Join(a, zero, b)
	assert.Equal(t, 3, j.Len())
	assert.Equal(t, "default-src 'self', img-src *, font-src *", j.String())
	assert.Equal(t, []csp.Disposition{csp.Enforce, csp.Enforce, csp.ReportOnly},
		[]csp.Disposition{j.Policy(0).Disposition(), j.Policy(1).Disposition(), j.Policy(2).Disposition()})
	assert.True(t, j.Equal(j))
	assert.False(t, j.Equal(a))
	assert.False(t, j.Equal(csp.MustParse(j.String())), "dispositions differ")
	assert.True(t, csp.Join(a).Equal(a))
	assert.False(t, a.Equal(csp.MustParse("img-src *, default-src 'self'")))
	assert.True(t, a.Equal(csp.MustParse(" DEFAULT-SRC  'self' ;, img-src\t*")))

	// Join does not alias its inputs.
	j2 := csp.Join(a)
	_ = csp.Join(j2, b)
	assert.True(t, j2.Equal(a))
	assert.True(t, slices.Equal([]string{a.String()}, []string{j2.String()}))
	assert.False(t, strings.Contains(a.String(), "font-src"))
}
