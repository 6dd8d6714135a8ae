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

// corpusSets are the header corpora with what each promises: how many
// cases at least, and the range of their lengths (BENCHMARKS.md for the
// headers written for the benchmarks, internal/testdata/realsites/README.md
// for the real sites').
var corpusSets = []struct {
	name           string
	load           func(testing.TB) []corpus.Case
	min            int
	minLen, maxLen int
}{
	{"headers", corpus.LoadTB, 30, 50, 8192},
	{"realsites", corpus.LoadRealSitesTB, 20, 10, 10240},
}

// TestCorpusParses keeps the corpus headers honest: each is within its
// set's size range, parses to at least one policy, reports exactly the
// problems recorded for it, and survives a String round trip.
func TestCorpusParses(t *testing.T) {
	for _, set := range corpusSets {
		cases := set.load(t)
		require.GreaterOrEqual(t, len(cases), set.min, set.name)
		for _, c := range cases {
			t.Run(set.name+"/"+c.Name, func(t *testing.T) {
				assert.GreaterOrEqual(t, len(c.Value), set.minLen)
				assert.LessOrEqual(t, len(c.Value), set.maxLen)
				l, err := c.Parse()
				require.Positive(t, l.Len())
				codes := []string{}
				if err != nil {
					var pe *csp.ParseError
					require.True(t, errors.As(err, &pe), "error %T is not a *csp.ParseError", err)
					for _, p := range pe.Problems {
						if !slices.Contains(codes, string(p.Code)) {
							codes = append(codes, string(p.Code))
						}
					}
				}
				assert.ElementsMatch(t, c.Problems, codes, "problem codes: %v", err)
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
}

// TestMustParseEnforcedAsWritten checks that MustParse panics on no
// corpus header that browsers enforce as written (no problem recorded for
// it), however much advice lint has about it.
func TestMustParseEnforcedAsWritten(t *testing.T) {
	n := 0
	for _, set := range corpusSets {
		for _, c := range set.load(t) {
			if len(c.Problems) > 0 || c.ReportOnly() {
				continue
			}
			n++
			assert.NotPanics(t, func() { csp.MustParse(c.Value) }, set.name+"/"+c.Name)
		}
	}
	assert.Greater(t, n, 40)
}
