package csp_test

import (
	"errors"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cspkit/cspkit/csp"
	"github.com/cspkit/cspkit/internal/corpus"
)

// TestCorpusParses keeps the benchmark headers honest: each is within the
// advertised size range, parses to at least one policy, reports at least
// the problems recorded for it, and survives a String round trip.
func TestCorpusParses(t *testing.T) {
	cases := corpus.LoadTB(t)
	require.GreaterOrEqual(t, len(cases), 30)
	for _, c := range cases {
		t.Run(c.Name, func(t *testing.T) {
			assert.GreaterOrEqual(t, len(c.Value), 50)
			assert.LessOrEqual(t, len(c.Value), 8192)
			l, err := c.Parse()
			require.Positive(t, l.Len())
			var codes []string
			if err != nil {
				var pe *csp.ParseError
				require.True(t, errors.As(err, &pe), "error %T is not a *csp.ParseError", err)
				for _, p := range pe.Problems {
					if !slices.Contains(codes, string(p.Code)) {
						codes = append(codes, string(p.Code))
					}
				}
			}
			assert.Subset(t, codes, c.Problems, "problem codes: %v", err)
			want := csp.Enforce
			if c.ReportOnly() {
				want = csp.ReportOnly
			}
			for _, p := range l.All() {
				assert.Equal(t, want, p.Disposition())
			}
			again, _ := csp.Parse(l.String())
			assert.Equal(t, l.String(), again.String())
			assert.Equal(t, l.Len(), again.Len())
		})
	}
}

// TestMustParseEnforcedAsWritten checks that MustParse panics on no
// corpus header that browsers enforce as written (no problem recorded for
// it), however much advice lint has about it.
func TestMustParseEnforcedAsWritten(t *testing.T) {
	n := 0
	for _, c := range corpus.LoadTB(t) {
		if len(c.Problems) > 0 || c.ReportOnly() {
			continue
		}
		n++
		assert.NotPanics(t, func() { csp.MustParse(c.Value) }, c.Name)
	}
	assert.Greater(t, n, 25)
}
