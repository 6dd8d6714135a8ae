package source_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cspkit/cspkit/internal/lineartest"
	"github.com/cspkit/cspkit/source"
)

// TestHostileTokens parses tokens a hostile header may hold: each is
// either a valid expression or Invalid with the reason and position.
func TestHostileTokens(t *testing.T) {
	label300 := strings.Repeat("l", 300)
	tests := []struct {
		name, token string
		kind        source.Kind
		reason      source.Reason // for Invalid
		pos         int           // for Invalid
	}{
		{"30-digit port", "https://a.example:123456789012345678901234567890", source.Host, 0, 0},
		{"300-character label", "https://" + label300 + ".example", source.Host, 0, 0},
		{"300-character label under a wildcard", "*." + label300, source.Host, 0, 0},
		{"1 MB host", strings.Repeat("a", 1<<20), source.Host, 0, 0},
		{"1 MB path", "https://a/" + strings.Repeat("p/", 1<<19), source.Host, 0, 0},
		{"invalid UTF-8", "https://a\xff.example", source.Invalid, source.NonASCII, 9},
		{"NUL in the host", "https://a\x00b", source.Invalid, source.BadHostChar, 9},
		{"NUL in the path", "https://a/\x00", source.Invalid, source.BadPathChar, 10},
		{"undecodable escape", "https://a/%zz", source.Invalid, source.BadPercent, 10},
		{"truncated escape", "https://a/%4", source.Invalid, source.BadPercent, 10},
		{"escape in the host", "https://%61.example", source.Invalid, source.BadHostChar, 8},
		{"punycode host", "https://xn--a.example", source.Host, 0, 0},
		{"port letters", "https://a:8o", source.Invalid, source.BadPort, 10},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, err := source.Parse(tt.token)
			require.Equal(t, tt.kind, e.Kind())
			if tt.kind != source.Invalid {
				require.NoError(t, err)
				return
			}
			var se *source.Error
			require.ErrorAs(t, err, &se)
			assert.Equal(t, tt.reason, se.Reason)
			assert.Equal(t, tt.pos, se.Pos)
		})
	}
	e := source.MustParse("https://a.example:123456789012345678901234567890")
	_, ok := e.PortNumber()
	assert.False(t, ok, "a port above 65535 has no number: it never matches")
}

// TestHostileListsLinear checks that lists of many expressions, valid or
// not, and long tokens cost time and allocations linear in their size.
func TestHostileListsLinear(t *testing.T) {
	for _, tt := range []struct {
		name  string
		build func(n int) string
	}{
		{"host sources", rep(" https://*.example.com:8443/api/")},
		{"invalid sources", rep(" \x00%zz'x https://[::1] a:b:c")},
		{"'none' among others", rep(" 'none' 'self'")},
		{"tiny tokens", rep(" a")},
		{"one long token", func(n int) string { return "https://a/" + strings.Repeat("%41", 8*n) }},
	} {
		t.Run(tt.name, func(t *testing.T) {
			lineartest.Check(t, 300, 16, tt.build, func(s string) any {
				l, err := source.ParseList(s)
				return []any{l, err}
			})
		})
	}
}

func rep(item string) func(int) string {
	return func(n int) string { return strings.Repeat(item, n) }
}
