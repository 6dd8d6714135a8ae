package csp_test

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cspkit/cspkit/csp"
)

func TestFromHeader(t *testing.T) {
	tests := []struct {
		name   string
		header http.Header
		want   []string // policies in order
		disp   []csp.Disposition
		probs  []csp.Problem // Header, Field, Policy, Code, Token, Offset only
	}{
		{name: "nil header", header: nil},
		{name: "empty header", header: http.Header{}},
		{name: "unrelated fields", header: http.Header{"X-Frame-Options": {"DENY"}}},
		{name: "empty value", header: http.Header{"Content-Security-Policy": {""}}},
		{
			name: "two CSP fields and one CSPRO field",
			header: http.Header{
				// Report-only listed first in the map: enforced still come first.
				"Content-Security-Policy-Report-Only": {"img-src *; upgrade-insecure-requests"},
				"Content-Security-Policy":             {"default-src 'self', conect-src *", "connect-src 'none' https://a.example"},
			},
			want: []string{"default-src 'self'", "conect-src *", "connect-src 'none' https://a.example", "img-src *; upgrade-insecure-requests"},
			disp: []csp.Disposition{csp.Enforce, csp.Enforce, csp.Enforce, csp.ReportOnly},
			probs: []csp.Problem{
				{Header: csp.Header, Field: 0, Policy: 1, Code: csp.UnknownDirective, Token: "conect-src", Offset: 20},
				{Header: csp.Header, Field: 1, Policy: 2, Code: csp.NoneWithSources, Token: "'none'", Offset: 12},
				{Header: csp.HeaderReportOnly, Field: 0, Policy: 3, Code: csp.IgnoredInReportOnly, Token: "upgrade-insecure-requests", Offset: 11},
			},
		},
		{
			name: "discarded policy in a later field",
			header: http.Header{
				"Content-Security-Policy": {"img-src *", " ; ", "connect-src é, font-src *"},
			},
			want: []string{"img-src *", "font-src *"},
			disp: []csp.Disposition{csp.Enforce, csp.Enforce},
			probs: []csp.Problem{
				{Header: csp.Header, Field: 2, Policy: -1, Code: csp.NonASCIIDirective, Token: "connect-src é", Offset: 0},
			},
		},
		{
			name:   "only report-only",
			header: http.Header{"Content-Security-Policy-Report-Only": {"default-src 'none'", "sandbox"}},
			want:   []string{"default-src 'none'", "sandbox"},
			disp:   []csp.Disposition{csp.ReportOnly, csp.ReportOnly},
			probs: []csp.Problem{
				{Header: csp.HeaderReportOnly, Field: 1, Policy: 1, Code: csp.IgnoredInReportOnly, Token: "sandbox", Offset: 0},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l, err := csp.FromHeader(tt.header)
			var got []string
			var disp []csp.Disposition
			for _, p := range l.All() {
				got = append(got, p.String())
				disp = append(disp, p.Disposition())
			}
			assert.Equal(t, tt.want, got)
			assert.Equal(t, tt.disp, disp)
			if tt.probs == nil {
				require.NoError(t, err)
				return
			}
			probs := problemsOf(t, err)
			require.Len(t, probs, len(tt.probs))
			for i, p := range probs {
				w := tt.probs[i]
				assert.Equal(t, w, csp.Problem{Header: p.Header, Field: p.Field, Policy: p.Policy, Code: p.Code, Token: p.Token, Offset: p.Offset}, "problem %d", i)
				value := tt.header.Values(p.Header)[p.Field]
				checkOffsets(t, value, []csp.Problem{p})
				assert.Contains(t, p.String(), p.Header+"[")
			}
		})
	}
}

func TestFromHeaderEqualsJoinedParse(t *testing.T) {
	h := http.Header{}
	h.Add("Content-Security-Policy", "default-src 'self'")
	h.Add("Content-Security-Policy", "img-src *")
	h.Add("content-security-policy-report-only", "font-src *")
	l, err := csp.FromHeader(h)
	require.NoError(t, err)
	enf := csp.MustParse("default-src 'self', img-src *")
	ro, err := csp.ParseReportOnly("font-src *")
	require.NoError(t, err)
	assert.True(t, l.Equal(csp.Join(enf, ro)))
	assert.Equal(t, "default-src 'self', img-src *, font-src *", l.String())
}

func TestFromHeaderEmpty(t *testing.T) {
	l, err := csp.FromHeader(http.Header{})
	assert.NoError(t, err)
	assert.Nil(t, err)
	assert.Equal(t, 0, l.Len())
	assert.Equal(t, "", l.String())
}
