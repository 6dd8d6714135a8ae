package match_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cspkit/cspkit/csp"
	"github.com/cspkit/cspkit/internal/lineartest"
	"github.com/cspkit/cspkit/match"
)

var sinkText string

// TestExplanationMemoryBound checks the documented bounds of what renders
// and explains a decision, however many policies block the request and
// however long the target is, so that explaining never costs the product
// of the two: String and %+v describe at most 16 policies and quote at
// most 256 bytes of a URL part (a few bytes per input byte at most);
// Explain explains every policy, about 2 KB each.
func TestExplanationMemoryBound(t *testing.T) {
	if testing.Short() || lineartest.RaceEnabled {
		t.Skip("memory is measured without -short and the race detector")
	}
	bounds := map[string]uint64{"String": 8, "%+v": 8, "Explain": 64} // bytes per input byte
	cases := []struct {
		name         string
		policies     int
		targetLength int
	}{
		{"14,285 one-directive policies (200 KB)", 14285, 40},
		{"1,000 policies, 100 KB target path", 1000, 100 << 10},
		{"one policy, 1 MB target path", 1, 1 << 20},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var b strings.Builder
			for i := range tc.policies {
				if i > 0 {
					b.WriteString(",")
				}
				fmt.Fprintf(&b, "connect-src https://a%d.example/v1/", i%10)
			}
			header := b.String()
			list, err := csp.Parse(header)
			require.NoError(t, err)
			target := "https://a1.example/v2/" + strings.Repeat("p", tc.targetLength)
			d, err := match.Connect(list, "https://app.example/", target, match.WithEngine(match.Chromium))
			require.NoError(t, err)
			require.False(t, d.Allowed)
			size := uint64(len(header) + len(target))
			for name, f := range map[string]func(){
				"String":  func() { sinkText = d.String() },
				"%+v":     func() { sinkText = fmt.Sprintf("%+v", d) },
				"Explain": func() { sinkExplained = d.Explain() },
			} {
				got := lineartest.Allocated(f)
				t.Logf("%s: %d bytes for %d input bytes (%.1f per byte)", name, got, size, float64(got)/float64(size))
				assert.LessOrEqual(t, got, bounds[name]*size, "%s allocates more than %d bytes per input byte", name, bounds[name])
			}
		})
	}
}

var sinkExplained []match.Explanation
