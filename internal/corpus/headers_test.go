package corpus

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestLoadDir(t *testing.T) {
	write := func(dir, name, body string) {
		require.NoError(t, os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644))
	}
	meta := `{"header":"Content-Security-Policy","page":"https://a.example/","allowed":["/x"],"blocked":[],"problems":[]}`

	dir := t.TempDir()
	write(dir, "long.txt", "default-src 'self'; connect-src https://api.a.example\n")
	write(dir, "long.json", meta)
	write(dir, "short.txt", "default-src 'none'\n")
	write(dir, "short.json", strings.Replace(meta, `"Content-Security-Policy"`, `"Content-Security-Policy-Report-Only"`, 1))
	write(dir, "README.md", "not a case\n")
	cases, err := LoadDir(dir)
	require.NoError(t, err)
	require.Len(t, cases, 2)
	assert.Equal(t, "short", cases[0].Name, "sorted by value length")
	assert.Equal(t, "default-src 'none'", cases[0].Value, "the final newline is not part of the value")
	assert.True(t, cases[0].ReportOnly())
	assert.False(t, cases[1].ReportOnly())
	assert.Equal(t, []string{"/x"}, cases[1].Allowed)

	for name, files := range map[string][2]string{
		"unknown field":  {"default-src 'none'\n", strings.Replace(meta, `"blocked"`, `"blokced"`, 1)},
		"unknown header": {"default-src 'none'\n", strings.Replace(meta, `"Content-Security-Policy"`, `"X-Content-Security-Policy"`, 1)},
		"two lines":      {"default-src 'none'\nscript-src 'self'\n", meta},
		"bad json":       {"default-src 'none'\n", meta[:20]},
	} {
		dir := t.TempDir()
		write(dir, "case.txt", files[0])
		write(dir, "case.json", files[1])
		_, err := LoadDir(dir)
		assert.ErrorContains(t, err, "case.", name)
	}

	dir = t.TempDir()
	write(dir, "lonely.txt", "default-src 'none'\n")
	_, err = LoadDir(dir)
	assert.Error(t, err, "a value without its json")

	_, err = LoadDir(t.TempDir())
	assert.ErrorContains(t, err, "no headers", "an empty corpus is an error, not a vacuous pass")
}

// TestRealSitesDocumented checks that the README of the real sites' headers
// has a table row for every case, and only for them, with the page the
// header was served with and its length: the row records where the header
// was found.
func TestRealSitesDocumented(t *testing.T) {
	readme, err := os.ReadFile(filepath.Join(RealSitesDir(), "README.md"))
	require.NoError(t, err)
	rows := map[string]string{}
	for _, line := range strings.Split(string(readme), "\n") {
		if rest, ok := strings.CutPrefix(line, "| `"); ok {
			name, _, _ := strings.Cut(rest, "`")
			assert.NotContains(t, rows, name, "README.md lists %s twice", name)
			rows[name] = line
		}
	}
	cases := LoadRealSitesTB(t)
	for _, c := range cases {
		row, ok := rows[c.Name]
		if !assert.True(t, ok, "README.md has no row for %s", c.Name) {
			continue
		}
		delete(rows, c.Name)
		assert.Contains(t, row, "| "+c.Page+" |", "%s: page", c.Name)
		assert.Contains(t, row, fmt.Sprintf(", %d |", len(c.Value)), "%s: length", c.Name)
	}
	assert.Empty(t, rows, "README.md lists headers that have no files")
}
