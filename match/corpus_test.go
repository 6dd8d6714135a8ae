package match_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cspkit/cspkit/csp"
	"github.com/cspkit/cspkit/internal/corpus"
	"github.com/cspkit/cspkit/match"
)

func parseCase(tb testing.TB, c corpus.Case) csp.List {
	tb.Helper()
	l, _ := c.Parse()
	require.Positive(tb, l.Len(), c.Name)
	return l
}

// deciding returns the directive that decides connect requests for p.
func deciding(p csp.Policy) string {
	for _, name := range []string{csp.ConnectSrc, csp.DefaultSrc} {
		if p.Has(name) {
			return name
		}
	}
	return ""
}

// corpusSets are the header corpora and the engines whose decisions their
// allowed and blocked lists record: the headers written for the benchmarks
// follow the CSP3 text, the real sites' headers what browsers do.
var corpusSets = []struct {
	name    string
	load    func(testing.TB) []corpus.Case
	engines []match.Engine
}{
	{"headers", corpus.LoadTB, []match.Engine{match.Spec}},
	{"realsites", corpus.LoadRealSitesTB, match.Browsers()},
}

// TestCorpusDecisions replays the request URLs recorded with each corpus
// header, with each engine of its set: every policy must judge by its
// connect-src (or default-src), and the recorded allowed targets pass
// every policy while the blocked ones fail at least one (report-only
// policies included).
func TestCorpusDecisions(t *testing.T) {
	for _, set := range corpusSets {
		require.NotEmpty(t, set.engines)
		for _, c := range set.load(t) {
			t.Run(set.name+"/"+c.Name, func(t *testing.T) {
				l := parseCase(t, c)
				require.NotEmpty(t, append(c.Allowed, c.Blocked...), "no targets recorded")
				check := func(target string, want bool) {
					for _, e := range set.engines {
						d, err := match.Connect(l, c.Page, target, match.WithEngine(e))
						require.NoError(t, err, target)
						require.Len(t, d.Policies, l.Len(), "%s: %s", e, target)
						all := true
						for i, v := range d.Policies {
							assert.Equal(t, deciding(l.Policy(i)), v.Directive, "%s: %s: policy %d", e, target, i)
							all = all && v.Allowed
						}
						assert.Equal(t, want, all, "%s: %s: %s", e, target, d)
						if !c.ReportOnly() {
							assert.Equal(t, want, d.Allowed, "%s: %s: %s", e, target, d)
						}
					}
				}
				for _, target := range c.Allowed {
					check(target, true)
				}
				for _, target := range c.Blocked {
					check(target, false)
				}
			})
		}
	}
}
