package match_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cspkit/cspkit/csp"
	"github.com/cspkit/cspkit/internal/corpus"
	"github.com/cspkit/cspkit/match"
)

func loadVectors(t testing.TB) []corpus.Vector {
	t.Helper()
	vs, err := corpus.Vectors()
	require.NoError(t, err)
	return vs
}

func TestSpecVectors(t *testing.T) {
	vectors := loadVectors(t)
	require.Len(t, vectors, 173)
	for i, v := range vectors {
		list, _ := csp.Parse(v.Policy) // problems do not change what is enforced
		opts := []match.Option{match.WithEngine(match.Spec)}
		if v.Redirected {
			opts = append(opts, match.Redirected())
		}
		d, err := match.Connect(list, v.Origin, v.URL, opts...)
		require.NoError(t, err, "vector %d: %s", i, v.Rule)
		assert.Equal(t, v.Expect == "allow", d.CSPAllowed,
			"vector %d (%s)\npolicy: %q\npage: %s\nurl: %s\ndecision: %s", i, v.Rule, v.Policy, v.Origin, v.URL, d)
	}
}
