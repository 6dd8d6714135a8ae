package corpus

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/cspkit/cspkit/csp"
)

// Case is one header of the corpus: NAME.txt holds the header value on one
// line, NAME.json the header name, the page it was served with, and the
// targets its policies allow and block.
type Case struct {
	Name     string   `json:"-"`      // file name without extension
	Header   string   `json:"header"` // "Content-Security-Policy" or "Content-Security-Policy-Report-Only"
	Value    string   `json:"-"`      // the header value
	Page     string   `json:"page"`
	Allowed  []string `json:"allowed"`  // targets every policy allows
	Blocked  []string `json:"blocked"`  // targets at least one policy blocks
	Problems []string `json:"problems"` // csp problem codes Parse reports, in any order
}

// ReportOnly reports whether the header is Content-Security-Policy-Report-Only.
func (c Case) ReportOnly() bool { return c.Header == "Content-Security-Policy-Report-Only" }

// Dir returns the directory holding the header corpus written for the
// benchmarks (internal/testdata/headers).
func Dir() string { return Testdata("headers") }

// RealSitesDir returns the directory holding the headers copied from real
// websites' responses (internal/testdata/realsites; its README.md names
// each one's source).
func RealSitesDir() string { return Testdata("realsites") }

// Load reads every case of the header corpus, sorted by value length.
func Load() ([]Case, error) { return LoadDir(Dir()) }

// LoadRealSites reads every case of the real sites' headers, sorted by value
// length.
func LoadRealSites() ([]Case, error) { return LoadDir(RealSitesDir()) }

// LoadDir reads every case in dir (each NAME.txt with its NAME.json),
// sorted by value length. A directory with no case is an error, since a
// test over an empty corpus tests nothing; so is a NAME.json field this
// package does not know, which would otherwise be dropped unread.
func LoadDir(dir string) ([]Case, error) {
	names, err := filepath.Glob(filepath.Join(dir, "*.txt"))
	if err != nil {
		return nil, err
	}
	if len(names) == 0 {
		return nil, fmt.Errorf("corpus: no headers in %s", dir)
	}
	cases := make([]Case, 0, len(names))
	for _, txt := range names {
		c, err := load(txt)
		if err != nil {
			return nil, err
		}
		cases = append(cases, c)
	}
	slices.SortStableFunc(cases, func(a, b Case) int { return len(a.Value) - len(b.Value) })
	return cases, nil
}

func load(txt string) (Case, error) {
	value, err := os.ReadFile(txt)
	if err != nil {
		return Case{}, err
	}
	base := strings.TrimSuffix(txt, ".txt")
	meta, err := os.ReadFile(base + ".json")
	if err != nil {
		return Case{}, err
	}
	c := Case{Name: filepath.Base(base)}
	dec := json.NewDecoder(bytes.NewReader(meta))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&c); err != nil {
		return Case{}, fmt.Errorf("corpus: %s.json: %w", base, err)
	}
	c.Value = strings.TrimSuffix(string(value), "\n")
	if strings.ContainsAny(c.Value, "\r\n") {
		return Case{}, fmt.Errorf("corpus: %s.txt: the value must be one line", base)
	}
	switch c.Header {
	case "Content-Security-Policy", "Content-Security-Policy-Report-Only":
	default:
		return Case{}, fmt.Errorf("corpus: %s.json: unknown header %q", base, c.Header)
	}
	return c, nil
}

// Parse parses the header value with csp.Parse or, for a report-only
// header, csp.ParseReportOnly.
func (c Case) Parse() (csp.List, error) {
	if c.ReportOnly() {
		return csp.ParseReportOnly(c.Value)
	}
	return csp.Parse(c.Value)
}

// LoadTB is Load for tests and benchmarks: it fails tb when the corpus
// cannot be read.
func LoadTB(tb testing.TB) []Case {
	tb.Helper()
	return loadTB(tb, Dir())
}

// LoadRealSitesTB is LoadRealSites for tests and benchmarks: it fails tb
// when the headers cannot be read.
func LoadRealSitesTB(tb testing.TB) []Case {
	tb.Helper()
	return loadTB(tb, RealSitesDir())
}

func loadTB(tb testing.TB, dir string) []Case {
	tb.Helper()
	cases, err := LoadDir(dir)
	if err != nil {
		tb.Fatal(err)
	}
	return cases
}

// LoadAllTB returns both sets, the benchmark headers then the real sites'
// headers, failing tb when either cannot be read.
func LoadAllTB(tb testing.TB) []Case {
	tb.Helper()
	return append(loadTB(tb, Dir()), loadTB(tb, RealSitesDir())...)
}
