package corpus

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestReadJSONL(t *testing.T) {
	dir := t.TempDir()
	write := func(name, body string) string {
		p := filepath.Join(dir, name)
		require.NoError(t, os.WriteFile(p, []byte(body), 0o644))
		return p
	}
	type row struct{ A int }
	got, err := ReadJSONL[row](write("ok.jsonl", "{\"A\":1}\n\n{\"A\":2}\n"))
	require.NoError(t, err)
	assert.Equal(t, []row{{1}, {2}}, got)

	_, err = ReadJSONL[row](write("bad.jsonl", "{\"A\":1}\n{\"A\":\n"))
	assert.ErrorContains(t, err, "bad.jsonl:2")
	_, err = ReadJSONL[row](write("empty.jsonl", "\n"))
	assert.ErrorContains(t, err, "holds no values", "an empty corpus is an error, not a vacuous pass")
	_, err = ReadJSONL[row](filepath.Join(dir, "missing.jsonl"))
	assert.Error(t, err)

	all, err := ReadAll[row](filepath.Join(dir, "ok*.jsonl"))
	require.NoError(t, err)
	assert.Len(t, all, 2)
	_, err = ReadAll[row](filepath.Join(dir, "none-*.jsonl"))
	assert.ErrorContains(t, err, "no file matches")
}

func TestCorporaLoad(t *testing.T) {
	vs, err := Vectors()
	require.NoError(t, err)
	assert.Len(t, vs, 173)
	for _, b := range []string{"chromium", "firefox", "webkit"} {
		v, err := Verdicts(b)
		require.NoError(t, err)
		assert.GreaterOrEqual(t, len(v), 5000, b)
		loads := map[string]int{}
		for _, x := range v {
			if x.Destination() != "connect" {
				loads[x.Destination()]++
			}
		}
		n := 0
		for _, c := range loads {
			n += c
		}
		assert.GreaterOrEqual(t, n, 5000, "%s: destination loads", b)
		assert.Len(t, loads, 13, "%s: every destination but connect and xslt: %v", b, loads)
	}
	cases, err := Load()
	require.NoError(t, err)
	assert.GreaterOrEqual(t, len(cases), 30)
	real, err := LoadRealSites()
	require.NoError(t, err)
	assert.GreaterOrEqual(t, len(real), 20)
}
