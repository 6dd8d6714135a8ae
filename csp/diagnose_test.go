package csp_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cspkit/cspkit/csp"
)

// TestProblemCodes has, for every problem code, inputs that report it (with
// where and what) and near-misses that must not.
func TestProblemCodes(t *testing.T) {
	type mode int
	const (
		header mode = iota
		reportOnly
		meta
	)
	tests := []struct {
		name   string
		mode   mode
		value  string
		code   csp.Code
		want   bool   // the code is reported
		policy int    // for want: Problem.Policy
		dir    string // for want: Problem.Directive
		token  string // for want: Problem.Token
		msg    string // for want: a part of Problem.Message
	}{
		// non-ascii-directive, with what now governs connect requests.
		{"non-ascii connect-src, default-src governs", header, "default-src 'self'; connect-src https://ä.example", csp.NonASCIIDirective, true,
			0, "connect-src", "connect-src https://ä.example", "connect requests now fall back to default-src"},
		{"non-ascii connect-src, nothing governs", header, "img-src *; connect-src https://ä.example", csp.NonASCIIDirective, true,
			0, "connect-src", "connect-src https://ä.example", "no longer restricted by this policy"},
		{"non-ascii default-src, connect-src governs", header, "default-src é; connect-src 'self'", csp.NonASCIIDirective, true,
			0, "default-src", "default-src é", "governed by the remaining connect-src"},
		{"non-ascii connect-src before another, engines differ", header, "default-src 'self'; connect-src https://ä.example; connect-src https://b.example", csp.NonASCIIDirective, true,
			0, "connect-src", "connect-src https://ä.example", "governed by the remaining connect-src (spec, Firefox, WebKit); in Chromium, which also ignores later directives of a dropped name, connect requests now fall back to default-src"},
		{"non-ascii img-src", header, "img-src é; connect-src 'self'", csp.NonASCIIDirective, true,
			0, "img-src", "img-src é", `"img-src" is dropped whole`},
		{"ascii only", header, "connect-src https://xn--4ca.example", csp.NonASCIIDirective, false, 0, "", "", ""},

		{"duplicate", header, "connect-src a; connect-src b", csp.DuplicateDirective, true,
			0, "connect-src", "connect-src b", "the first wins"},
		{"same name in two policies", header, "connect-src a, connect-src b", csp.DuplicateDirective, false, 0, "", "", ""},

		{"unknown with suggestion", header, "conect-src 'self'", csp.UnknownDirective, true,
			0, "conect-src", "conect-src", `did you mean "connect-src"?`},
		{"unknown with colon", header, "connect-src: 'self'", csp.UnknownDirective, true,
			0, "connect-src:", "connect-src:", `did you mean "connect-src"?`},
		{"known", header, "connect-src 'self'", csp.UnknownDirective, false, 0, "", "", ""},

		{"unsupported", header, "referrer no-referrer", csp.UnsupportedDirective, true,
			0, "referrer", "referrer", "current browsers ignore it"},
		{"unsupported fetch directive", header, "prefetch-src 'self'", csp.UnsupportedDirective, true,
			0, "prefetch-src", "prefetch-src", "removed from CSP"},
		{"deprecated but enforced by Chromium", header, "block-all-mixed-content", csp.UnsupportedDirective, false, 0, "", "", ""},
		{"current", header, "upgrade-insecure-requests", csp.UnsupportedDirective, false, 0, "", "", ""},

		{"bad host character", header, "connect-src https://api_x.example", csp.InvalidSource, true,
			0, "connect-src", "https://api_x.example", `character not allowed in a host ("_" at byte 11 of the expression)`},
		{"bad port", header, "connect-src https://a.example:44x", csp.InvalidSource, true,
			0, "connect-src", "https://a.example:44x", "write a port number"},
		{"port out of range", header, "connect-src https://a.example:99999", csp.InvalidSource, true,
			0, "connect-src", "https://a.example:99999", "port 99999 is above 65535"},
		{"largest port", header, "connect-src https://a.example:65535", csp.InvalidSource, false, 0, "", "", ""},
		{"query in path", header, "connect-src https://a.example/v1?x=1", csp.InvalidSource, true,
			0, "connect-src", "https://a.example/v1?x=1", "query not allowed"},
		{"fragment in path", header, "connect-src https://a.example/v1#top", csp.InvalidSource, true,
			0, "connect-src", "https://a.example/v1#top", "fragment not allowed"},
		{"missing quote", header, "connect-src 'self", csp.InvalidSource, true,
			0, "connect-src", "'self", "add the closing quote"},
		{"quoted URL", header, "connect-src 'https://a.example'", csp.InvalidSource, true,
			0, "connect-src", "'https://a.example'", "write the host or scheme without quotes"},
		{"unknown keyword", header, "connect-src 'unsafe-evil'", csp.InvalidSource, true,
			0, "connect-src", "'unsafe-evil'", "not a keyword browsers know"},
		{"IPv6", header, "connect-src http://[::1]", csp.InvalidSource, true,
			0, "connect-src", "http://[::1]", "only * or a scheme source"},
		{"valid sources", header, "connect-src https://a.example:8443/v1/ wss: 'self'", csp.InvalidSource, false, 0, "", "", ""},
		{"invalid token outside a source list", header, "report-uri 'x", csp.InvalidSource, false, 0, "", "", ""},

		{"none with sources", header, "connect-src 'none' https://a.example", csp.NoneWithSources, true,
			0, "connect-src", "'none'", "no effect"},
		{"none alone", header, "connect-src 'none'", csp.NoneWithSources, false, 0, "", "", ""},

		{"sandbox in report-only", reportOnly, "connect-src 'self'; sandbox", csp.IgnoredInReportOnly, true,
			0, "sandbox", "sandbox", "report-only"},
		{"sandbox enforced", header, "connect-src 'self'; sandbox", csp.IgnoredInReportOnly, false, 0, "", "", ""},

		{"report-uri in meta", meta, "connect-src 'self'; report-uri /csp", csp.IgnoredInMeta, true,
			0, "report-uri", "report-uri", "ignored in a <meta> policy"},
		{"frame-ancestors in meta", meta, "frame-ancestors 'none'; connect-src 'self'", csp.IgnoredInMeta, true,
			0, "frame-ancestors", "frame-ancestors", "header"},
		{"sandbox alone in meta", meta, "sandbox", csp.IgnoredInMeta, true,
			-1, "sandbox", "sandbox", "ignored"},
		{"report-uri in header", header, "connect-src 'self'; report-uri /csp", csp.IgnoredInMeta, false, 0, "", "", ""},
		{"report-to in meta", meta, "connect-src 'self'; report-to main", csp.IgnoredInMeta, false, 0, "", "", ""},

		{"comma in meta", meta, "connect-src 'self', img-src *", csp.CommaInMeta, true,
			0, "", ",", "Firefox reads it as one policy"},
		{"comma in header", header, "connect-src 'self', img-src *", csp.CommaInMeta, false, 0, "", "", ""},
		{"no comma in meta", meta, "connect-src 'self'; img-src *", csp.CommaInMeta, false, 0, "", "", ""},
	}
	parsers := map[mode]func(string) (csp.List, error){header: csp.Parse, reportOnly: csp.ParseReportOnly, meta: csp.ParseMeta}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l, err := parsers[tt.mode](tt.value)
			probs := problemsOf(t, err)
			checkOffsets(t, tt.value, probs)
			var got []csp.Problem
			for _, p := range probs {
				assert.True(t, p.Policy >= -1 && p.Policy < l.Len(), "problem %+v", p)
				if p.Code == tt.code {
					got = append(got, p)
				}
			}
			if !tt.want {
				assert.Empty(t, got, "problems: %v", probs)
				return
			}
			require.Len(t, got, 1, "problems: %v", probs)
			p := got[0]
			assert.Equal(t, tt.policy, p.Policy)
			assert.Equal(t, tt.dir, p.Directive)
			assert.Equal(t, tt.token, p.Token)
			assert.Contains(t, p.Message, tt.msg)
		})
	}
}

func TestParseMeta(t *testing.T) {
	l, err := csp.ParseMeta("connect-src 'self'; report-uri /r; frame-ancestors 'none'; sandbox; img-src *")
	require.Error(t, err)
	require.Equal(t, 1, l.Len())
	assert.Equal(t, "connect-src 'self'; img-src *", l.String())
	assert.Equal(t, csp.Enforce, l.Policy(0).Disposition())
	assert.Equal(t, []csp.Code{csp.IgnoredInMeta, csp.IgnoredInMeta, csp.IgnoredInMeta}, codes(problemsOf(t, err)))

	l, err = csp.ParseMeta("default-src 'self', connect-src https://a.example")
	assert.Equal(t, 2, l.Len(), "split at commas like Chromium and WebKit")
	assert.Equal(t, []csp.Code{csp.CommaInMeta}, codes(problemsOf(t, err)))

	l, err = csp.ParseMeta("connect-src https://a.example")
	require.NoError(t, err)
	assert.Equal(t, "connect-src https://a.example", l.String())
}

// TestAdviceIsNotAnError checks that policies browsers enforce exactly as
// written parse without a problem, however unwise they are: advice about
// them is package lint's.
func TestAdviceIsNotAnError(t *testing.T) {
	for _, value := range []string{
		"default-src 'self' 'unsafe-inline'",
		"default-src 'self' 'nonce-abc'; connect-src 'self'",
		"block-all-mixed-content",
		"connect-src 'self' 'nonce-abcdefgh' 'sha256-AAAA' 'strict-dynamic' 'unsafe-eval'",
		"script-src 'nonce-r4nd0m' 'strict-dynamic' 'unsafe-inline' https: http:; object-src 'none'; base-uri 'none'",
		"script-src 'sha256-AbC=' 'unsafe-inline'",
		"connect-src self https img-src",
		"connect-src https://a.example https://a.example https://a.example:443",
	} {
		_, err := csp.Parse(value)
		assert.NoError(t, err, value)
		assert.NotPanics(t, func() { csp.MustParse(value) }, value)
	}
}
