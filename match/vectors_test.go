package match_test

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cspkit/cspkit/csp"
	"github.com/cspkit/cspkit/match"
)

// specVector is one line of internal/testdata/spec-vectors.jsonl, derived
// from the CSP3 text (see ../shared/conformance/spec-notes.md §9).
type specVector struct {
	Policy     string `json:"policy"`
	Origin     string `json:"origin"`
	URL        string `json:"url"`
	Redirected bool   `json:"redirected"`
	Expect     string `json:"expect"`
	Rule       string `json:"rule"`
}

func loadVectors(t testing.TB, name string) []specVector {
	t.Helper()
	f, err := os.Open(filepath.Join("..", "internal", "testdata", name))
	require.NoError(t, err)
	defer f.Close()
	var out []specVector
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for line := 1; sc.Scan(); line++ {
		if len(sc.Bytes()) == 0 {
			continue
		}
		var v specVector
		require.NoError(t, json.Unmarshal(sc.Bytes(), &v), "%s:%d", name, line)
		require.Contains(t, []string{"allow", "block"}, v.Expect, "%s:%d", name, line)
		out = append(out, v)
	}
	require.NoError(t, sc.Err())
	return out
}

func TestSpecVectors(t *testing.T) {
	vectors := loadVectors(t, "spec-vectors.jsonl")
	require.Len(t, vectors, 173)
	for i, v := range vectors {
		list, _ := csp.Parse(v.Policy) // problems do not change what is enforced
		opts := []match.Option{match.WithEngine(match.Spec)}
		if v.Redirected {
			opts = append(opts, match.Redirected())
		}
		d, err := match.Connect(list, v.Origin, v.URL, opts...)
		require.NoError(t, err, "vector %d: %s", i, v.Rule)
		assert.Equal(t, v.Expect == "allow", d.Allowed,
			"vector %d (%s)\npolicy: %q\npage: %s\nurl: %s\ndecision: %s", i, v.Rule, v.Policy, v.Origin, v.URL, d)
	}
}
