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

// TestCorpusDecisions replays the request URLs recorded with each corpus
// header: every policy must judge by its connect-src (or default-src), and
// the recorded allowed targets pass every policy while the blocked ones
// fail at least one (report-only policies included).
func TestCorpusDecisions(t *testing.T) {
	for _, c := range corpus.LoadTB(t) {
		t.Run(c.Name, func(t *testing.T) {
			l := parseCase(t, c)
			require.NotEmpty(t, append(c.Allowed, c.Blocked...), "no targets recorded")
			check := func(target string, want bool) {
				d, err := match.Connect(l, c.Page, target, match.WithEngine(match.Spec)) // expectations follow the CSP3 text
				require.NoError(t, err, target)
				require.Len(t, d.Policies, l.Len())
				all := true
				for i, v := range d.Policies {
					assert.Equal(t, deciding(l.Policy(i)), v.Directive, "%s: policy %d", target, i)
					all = all && v.Allowed
				}
				assert.Equal(t, want, all, "%s: %s", target, d)
				if !c.ReportOnly() {
					assert.Equal(t, want, d.Allowed, "%s: %s", target, d)
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
