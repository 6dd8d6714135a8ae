package csp_test

import (
	"errors"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cspkit/cspkit/csp"
)

func TestLimits(t *testing.T) {
	tests := []struct {
		name   string
		limits csp.Limits
		value  string
		limit  string // "" when the value is within the limits
		offset int
	}{
		{"bytes at limit", csp.Limits{MaxHeaderBytes: 18}, "connect-src 'self'", "", 0},
		{"bytes over", csp.Limits{MaxHeaderBytes: 17}, "connect-src 'self'", "MaxHeaderBytes", 17},
		{"policies at limit", csp.Limits{MaxPolicies: 2}, "a, b,,  , ;;", "", 0},
		{"policies over", csp.Limits{MaxPolicies: 2}, "a, b, ;c", "MaxPolicies", 7},
		{"directives at limit", csp.Limits{MaxDirectives: 2}, "a 1;; b 2 ;, c; d", "", 0},
		{"directives over", csp.Limits{MaxDirectives: 2}, "a; b;c", "MaxDirectives", 5},
		{"dropped directives count", csp.Limits{MaxDirectives: 1}, "é; a", "MaxDirectives", 4},
		{"sources at limit", csp.Limits{MaxSources: 2}, "connect-src a b; img-src c d", "", 0},
		{"sources over", csp.Limits{MaxSources: 2}, "connect-src a\tb\nc", "MaxSources", 16},
		{"zero means default", csp.Limits{}, strings.Repeat("a;", 1000), "", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, disp := range []csp.Disposition{csp.Enforce, csp.ReportOnly} {
				parse := tt.limits.Parse
				if disp == csp.ReportOnly {
					parse = tt.limits.ParseReportOnly
				}
				list, err := parse(tt.value)
				var le *csp.LimitError
				if tt.limit == "" {
					require.False(t, errors.As(err, &le), "%v", err)
					continue
				}
				require.ErrorAs(t, err, &le)
				assert.Equal(t, tt.limit, le.Limit)
				assert.Equal(t, tt.offset, le.Offset)
				assert.Contains(t, le.Error(), "Limits."+tt.limit)
				require.Equal(t, 1, list.Len(), "ClosedPolicy stands in")
				assert.Equal(t, disp, list.Policy(0).Disposition())
				assert.Equal(t, csp.ClosedPolicy, list.Policy(0).Text())
			}
		})
	}
}

// TestClosedPolicyIsStrictest checks that the stand-in restricts every
// directive that can restrict: each known directive with a source list is
// 'none' or falls back to default-src 'none'.
func TestClosedPolicyIsStrictest(t *testing.T) {
	p := csp.MustParse(csp.ClosedPolicy).Policy(0)
	for _, name := range []string{"default-src", "base-uri", "form-action", "frame-ancestors", "trusted-types"} {
		d, ok := p.Directive(name)
		require.True(t, ok, name)
		assert.True(t, d.Sources().IsNone(), name)
	}
	for _, name := range []string{"sandbox", "require-trusted-types-for", "webrtc"} {
		assert.True(t, p.Has(name), name)
	}
	assert.False(t, p.Has("upgrade-insecure-requests"))
	assert.False(t, p.Has("connect-src"), "connect-src falls back to default-src 'none'")
}

func TestLimitsFromHeader(t *testing.T) {
	h := http.Header{}
	h.Add("Content-Security-Policy", "connect-src 'self'")
	h.Add("Content-Security-Policy", "img-src 'self', font-src 'self'")
	h.Add("Content-Security-Policy-Report-Only", "script-src 'none'")

	lim := csp.Limits{MaxPolicies: 4}
	list, err := lim.FromHeader(h)
	require.NoError(t, err)
	assert.Equal(t, 4, list.Len())

	lim.MaxPolicies = 3
	list, err = lim.FromHeader(h)
	var le *csp.LimitError
	require.ErrorAs(t, err, &le)
	assert.Equal(t, csp.LimitError{Limit: "MaxPolicies", Max: 3,
		Header: "Content-Security-Policy-Report-Only", Field: 0, Offset: 0}, *le)
	assert.Contains(t, le.Error(), "Content-Security-Policy-Report-Only[0] byte 0")
	require.Equal(t, 2, list.Len())
	assert.Equal(t, csp.Enforce, list.Policy(0).Disposition())
	assert.Equal(t, csp.ReportOnly, list.Policy(1).Disposition())

	lim = csp.Limits{MaxHeaderBytes: 40}
	_, err = lim.FromHeader(h)
	require.ErrorAs(t, err, &le)
	assert.Equal(t, csp.LimitError{Limit: "MaxHeaderBytes", Max: 40,
		Header: "Content-Security-Policy", Field: 1, Offset: 22}, *le)

	short := http.Header{"Content-Security-Policy": {"a", "b", "c"}}
	_, err = csp.Limits{MaxPolicies: 2}.FromHeader(short)
	require.ErrorAs(t, err, &le, "short fields are counted too")
	assert.Equal(t, csp.LimitError{Limit: "MaxPolicies", Max: 2,
		Header: "Content-Security-Policy", Field: 2, Offset: 0}, *le)

	ro := http.Header{"Content-Security-Policy-Report-Only": {"a; b; c"}}
	list, err = csp.Limits{MaxDirectives: 2}.FromHeader(ro)
	require.ErrorAs(t, err, &le)
	require.Equal(t, 1, list.Len(), "a report-only header stays report-only")
	assert.Equal(t, csp.ReportOnly, list.Policy(0).Disposition())
}

// TestDefaultLimits checks the defaults at and just over their values.
func TestDefaultLimits(t *testing.T) {
	assert.Equal(t, 4<<20, csp.DefaultMaxHeaderBytes)
	over := "connect-src " + strings.Repeat("a", csp.DefaultMaxHeaderBytes)
	list, err := csp.Parse(over)
	var le *csp.LimitError
	require.ErrorAs(t, err, &le)
	assert.Equal(t, "MaxHeaderBytes", le.Limit)
	assert.Equal(t, csp.ClosedPolicy, list.Policy(0).Text())

	list, err = csp.Parse(strings.Repeat("a,", csp.DefaultMaxPolicies+1))
	require.ErrorAs(t, err, &le)
	assert.Equal(t, "MaxPolicies", le.Limit)
	assert.Equal(t, 2*csp.DefaultMaxPolicies, le.Offset)
	assert.Equal(t, 1, list.Len())

	list, err = csp.Parse(strings.Repeat("a,", csp.DefaultMaxPolicies))
	require.NotErrorAs(t, err, &le)
	assert.Equal(t, csp.DefaultMaxPolicies, list.Len())
}

func TestMaxProblems(t *testing.T) {
	var b strings.Builder
	for i := range 30 {
		fmt.Fprintf(&b, "x-%d a; ", i)
	}
	value := b.String()
	list, err := csp.Limits{MaxProblems: 10}.Parse(value)
	require.Equal(t, 30, list.Policy(0).Len(), "the list is not affected")
	var pe *csp.ParseError
	require.ErrorAs(t, err, &pe)
	require.Len(t, pe.Problems, 11)
	last := pe.Problems[10]
	assert.Equal(t, csp.TooManyProblems, last.Code)
	assert.Equal(t, -1, last.Policy)
	assert.Contains(t, last.Message, "20 more problems")

	_, err = csp.Limits{MaxProblems: 30}.Parse(value)
	require.ErrorAs(t, err, &pe)
	assert.Len(t, pe.Problems, 30)
	assert.False(t, pe.Has(csp.TooManyProblems))
}

func TestLimitsParseMeta(t *testing.T) {
	list, err := csp.Limits{MaxSources: 1}.ParseMeta("connect-src a b")
	var le *csp.LimitError
	require.ErrorAs(t, err, &le)
	assert.Equal(t, "MaxSources", le.Limit)
	require.Equal(t, 1, list.Len())
	assert.Equal(t, csp.Enforce, list.Policy(0).Disposition())
	assert.Equal(t, csp.ClosedPolicy, list.Policy(0).Text())

	list, err = csp.Limits{MaxSources: 2}.ParseMeta("connect-src a b")
	require.NoError(t, err)
	assert.Equal(t, "connect-src a b", list.String())
}
