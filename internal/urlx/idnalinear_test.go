package urlx

import (
	"strings"
	"testing"

	"github.com/cspkit/cspkit/internal/lineartest"
)

// cjkFrom returns n distinct code points from first on.
func cjkFrom(first rune, n int) string {
	var b strings.Builder
	for i := 0; i < n; i++ {
		b.WriteRune(first + rune(i))
	}
	return b.String()
}

// punycodeOf returns the "xn--" form of a non-ASCII label.
func punycodeOf(label string) string {
	b, _ := appendPunycode([]byte("xn--"), []rune(label))
	return string(b)
}

// TestIDNALinear checks that domain to ASCII costs time and memory linear
// in the length of the host whatever its code points, at two sizes 10x
// apart: distinct code points make Punycode quadratic when encoded or
// decoded naively.
func TestIDNALinear(t *testing.T) {
	tests := []struct {
		name  string
		n     int
		build func(n int) string
	}{
		{"distinct code points in one label", 100, func(n int) string {
			return "https://" + cjkFrom(0x4E00, n) + ".example/"
		}},
		{"distinct code points in Punycode", 90, func(n int) string {
			return "https://" + punycodeOf(cjkFrom(0x4E00, n)) + ".example/"
		}},
		{"labels of distinct code points", 2, func(n int) string {
			return "https://" + strings.Repeat(cjkFrom(0x4E00, 60)+".", n) + "example/"
		}},
		{"code points that expand when mapped", 5, func(n int) string {
			return "https://" + strings.Repeat("\ufdfa", n) + ".example/"
		}},
		{"long non-ASCII host", 2000, func(n int) string {
			return "https://" + cjkFrom(0x4E00, n) + ".example/"
		}},
		{"long Punycode host", 300, func(n int) string {
			return "https://" + strings.Repeat("xn--9ca.", n) + "example/"
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lineartest.Check(t, tt.n, 10, tt.build, func(s string) any {
				u, err := Parse(s)
				return []any{u, err}
			})
		})
	}
}
