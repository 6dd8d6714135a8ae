package csp_test

import (
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/cspkit/cspkit/csp"
	"github.com/cspkit/cspkit/internal/lineartest"
)

// hostileHeaders builds header values of n repeated items, each case
// aimed at one part of the parser.
var hostileHeaders = []struct {
	name  string
	build func(n int) string
	n     int // the size: a megabyte or 100,000 items, 10,000 policies
}{
	{"one long token", func(n int) string { return "connect-src https://" + strings.Repeat("a", 16*n) }, 1 << 16},
	{"directives", func(n int) string {
		var b strings.Builder
		for i := range n {
			b.WriteString("x-")
			b.WriteString(strconv.Itoa(i))
			b.WriteString(" a;")
		}
		return b.String()
	}, 1e5},
	{"duplicate directives", rep("connect-src 'self';"), 1e5},
	{"sources", func(n int) string { return "connect-src" + strings.Repeat(" https://a.example", n) }, 1e5},
	{"invalid sources", func(n int) string { return "connect-src" + strings.Repeat(" \x00%zz'x", n) }, 1e5},
	{"policies", rep("connect-src 'self',"), 1e4},
	{"empty policies and directives", rep(",;, ;\t,"), 1e5},
	{"invalid UTF-8 directives", rep("connect-src \xff\xfe;"), 1e5},
	{"NUL CR LF", rep("connect-src\r\na\x00b\r\n;\x00,"), 1e4},
	{"30-digit ports", rep("connect-src https://a:123456789012345678901234567890;"), 1e4},
	{"300-character labels", func(n int) string {
		return "connect-src" + strings.Repeat(" https://"+strings.Repeat("l", 300)+".example", n/16)
	}, 1e5},
	{"undecodable escapes", rep("connect-src https://a/%zz%/%G0 "), 1e4},
	{"unknown keywords", rep("connect-src 'nonce-!' 'sha256-' 'unsafe-x' "), 1e4},
	// The smallest items: the most memory per byte.
	{"tiny directives", rep("a;"), 1e5},
	{"tiny policies", rep("a,"), 1e4},
	{"tiny sources", func(n int) string { return "connect-src" + strings.Repeat(" a", n) }, 1e5},
	{"tiny invalid sources", func(n int) string { return "connect-src" + strings.Repeat(" !", n) }, 1e5},
}

func rep(item string) func(int) string {
	return func(n int) string { return strings.Repeat(item, n) }
}

// Parsing memory, documented in csp.Limits: bytes per byte of header.
const (
	maxAllocatedPerByte = 500 // garbage included
	maxRetainedPerByte  = 250 // kept by the List and *ParseError
)

// TestHostileLinear checks that each hostile header costs time,
// allocations and memory linear in its size, within the documented bounds.
func TestHostileLinear(t *testing.T) {
	lim := csp.Limits{MaxPolicies: 1 << 24, MaxDirectives: 1 << 24, MaxSources: 1 << 24, MaxProblems: 1 << 24}
	parse := func(s string) any {
		l, err := lim.Parse(s)
		return []any{l, err}
	}
	for _, tt := range hostileHeaders {
		t.Run(tt.name, func(t *testing.T) {
			_, large := lineartest.Check(t, 200, 16, tt.build, parse)
			allocated, retained := large.PerByte()
			assert.LessOrEqual(t, allocated, float64(maxAllocatedPerByte), "allocated bytes per header byte")
			assert.LessOrEqual(t, retained, float64(maxRetainedPerByte), "retained bytes per header byte")
		})
	}
}

// TestHostileDefaults parses each hostile header at the size of the issue
// (a megabyte, 100,000 directives or sources, 10,000 policies) with the
// default limits: each is parsed, not refused, and nothing panics.
func TestHostileDefaults(t *testing.T) {
	if testing.Short() || lineartest.RaceEnabled {
		t.Skip("large inputs: run without -short and -race")
	}
	for _, tt := range hostileHeaders {
		t.Run(tt.name, func(t *testing.T) {
			value := tt.build(tt.n)
			list, err := csp.Parse(value)
			var le *csp.LimitError
			assert.NotErrorAs(t, err, &le)
			assert.NotEqual(t, csp.ClosedPolicy, list.String())
		})
	}
}
