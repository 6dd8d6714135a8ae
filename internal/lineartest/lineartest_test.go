package lineartest

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

// recorder is a testing.TB that records failures instead of failing.
type recorder struct {
	testing.TB
	failed bool
}

func (r *recorder) Errorf(f string, args ...any) { r.failed = true; r.TB.Logf("recorded: "+f, args...) }
func (r *recorder) Helper()                      {}

func TestCheck(t *testing.T) {
	if RaceEnabled {
		t.Skip("costs are distorted under the race detector")
	}
	build := func(n int) string { return strings.Repeat("ab", n) }
	linear := func(s string) any { return strings.Count(s, "a") }
	quadratic := func(s string) any {
		n := 0
		for i := 0; i < len(s); i++ {
			for j := i; j < len(s); j++ {
				n += int(s[j] & 1)
			}
		}
		return n
	}
	perItem := func(s string) any {
		out := make([]*int, 0)
		for i := 0; i < len(s)*len(s)/4096; i++ {
			out = append(out, new(int))
		}
		return out
	}
	for _, tt := range []struct {
		name string
		run  func(string) any
		fail bool
	}{
		{"linear", linear, false},
		{"quadratic time", quadratic, true},
		{"quadratic allocations", perItem, true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r := &recorder{TB: t}
			Check(r, 250, 16, build, tt.run)
			assert.Equal(t, tt.fail, r.failed)
		})
	}
}
