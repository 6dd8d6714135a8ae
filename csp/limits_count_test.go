package csp

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestWithinByCountNeverHidesAnOverflow checks the cheap separator-count
// bound against the exact scan: whenever the counts say "within", the scan
// agrees, whatever white space separates the tokens.
func TestWithinByCountNeverHidesAnOverflow(t *testing.T) {
	values := []string{
		"default-src 'self'",
		"connect-src a b c d e f g h",
		"connect-src\ta\tb\tc\td\te\tf",
		"connect-src\na\rb\fc d\te",
		"a; b; c; d; e; f, g; h, i",
		"a b, c d, e f, g h, i j, k",
		";;;;,,,, \t\n",
		strings.Repeat("connect-src x y z; ", 20),
	}
	for _, v := range values {
		for max := 1; max <= 12; max++ {
			for _, l := range []Limits{
				{MaxPolicies: max}, {MaxDirectives: max}, {MaxSources: max},
				{MaxPolicies: max, MaxDirectives: max, MaxSources: max},
			} {
				l = l.withDefaults()
				f := []field{{value: v}}
				c := limitCounter{l: l}
				scanErr := c.scan(f[0])
				if l.withinByCount(f) {
					assert.NoError(t, scanErr, "%q with %+v", v, l)
				}
				assert.Equal(t, scanErr == nil, l.check(f...) == nil, "%q with %+v", v, l)
			}
		}
	}
}
