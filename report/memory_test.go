package report_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cspkit/cspkit/csp"
	"github.com/cspkit/cspkit/internal/lineartest"
	"github.com/cspkit/cspkit/match"
	"github.com/cspkit/cspkit/report"
)

// TestViolationsMemoryBound checks the documented bound of Violations and
// of the report bodies: the violations share the URLs, so a header of many
// violated policies and a long target cost their sum, not their product.
func TestViolationsMemoryBound(t *testing.T) {
	if testing.Short() || lineartest.RaceEnabled {
		t.Skip("memory is measured without -short and the race detector")
	}
	for _, tc := range []struct {
		name              string
		policies, pathLen int
	}{
		{"14,285 policies", 14285, 40},
		{"1,000 policies, 100 KB target path", 1000, 100 << 10},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var b strings.Builder
			for i := range tc.policies {
				if i > 0 {
					b.WriteString(",")
				}
				fmt.Fprintf(&b, "connect-src 'self'; report-uri /r%d", i%7)
			}
			list, err := csp.Parse(b.String())
			require.NoError(t, err)
			target := "https://evil.example/" + strings.Repeat("p", tc.pathLen)
			d, err := match.Connect(list, "https://app.example/", target, match.WithEngine(match.Firefox))
			require.NoError(t, err)
			size := uint64(b.Len() + len(target))
			var vs []report.Violation
			got := lineartest.Allocated(func() { vs, err = report.Violations(d) })
			require.NoError(t, err)
			require.Len(t, vs, tc.policies)
			t.Logf("Violations: %d bytes for %d input bytes (%.1f per byte)", got, size, float64(got)/float64(size))
			assert.LessOrEqual(t, got, 64*size)
		})
	}
}
