package lint_test

import (
	"runtime"
	"strconv"
	"strings"
	"testing"

	"github.com/cspkit/cspkit/csp"
	"github.com/cspkit/cspkit/internal/lineartest"
	"github.com/cspkit/cspkit/lint"
)

// TestHostileCheckLinear checks that linting costs time and memory linear
// in the size of the policy, for the lists that stress the cover index:
// many sources on one host, many wildcards, many duplicates.
func TestHostileCheckLinear(t *testing.T) {
	builds := map[string]func(n int) string{
		"one host, many ports": func(n int) string {
			var b strings.Builder
			b.WriteString("default-src https://a.example; connect-src")
			for i := 0; i < n/24; i++ {
				b.WriteString(" https://a.example:" + strconv.Itoa(1000+i%60000))
			}
			return b.String()
		},
		"many wildcards": func(n int) string {
			var b strings.Builder
			b.WriteString("default-src 'self'; connect-src")
			for i := 0; i < n/20; i++ {
				b.WriteString(" *.h" + strconv.Itoa(i) + ".example")
			}
			return b.String()
		},
		"bypass-like hosts": func(n int) string {
			var b strings.Builder
			b.WriteString("script-src 'nonce-abc' 'unsafe-eval'")
			for i := 0; i < n/40; i++ {
				b.WriteString(" *.com https://www.google.com/x" + strconv.Itoa(i))
			}
			return b.String()
		},
		"duplicates and schemes": func(n int) string {
			return "img-src" + strings.Repeat(" https: data: https://a.example", n/30)
		},
	}
	for name, build := range builds {
		t.Run(name, func(t *testing.T) {
			lineartest.Check(t, 20_000, 10, build, func(s string) any {
				l, _ := csp.Parse(s)
				return lint.Check(l)
			})
		})
	}
}

// TestCheckMemoryBound checks the documented bound of Check: its findings
// cost memory in proportion to the policies, at most 128 bytes per byte of
// header, for a header of many small policies each with three findings.
func TestCheckMemoryBound(t *testing.T) {
	if testing.Short() || lineartest.RaceEnabled {
		t.Skip("memory is measured without -short and the race detector")
	}
	header := strings.TrimSuffix(strings.Repeat("connect-src https: http://a.example,", 14285), ",")
	list, _ := csp.Parse(header)
	var m0, m1 runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&m0)
	findings := lint.Check(list)
	runtime.ReadMemStats(&m1)
	got := m1.TotalAlloc - m0.TotalAlloc
	t.Logf("Check: %d findings, %d bytes for %d header bytes (%.1f per byte)", len(findings), got, len(header), float64(got)/float64(len(header)))
	if got > 128*uint64(len(header)) {
		t.Errorf("Check allocates %d bytes for a %d-byte header: more than 128 per byte", got, len(header))
	}
}
