package match_test

import (
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cspkit/cspkit/csp"
	"github.com/cspkit/cspkit/internal/lineartest"
	"github.com/cspkit/cspkit/match"
)

// TestHostileTargets decides hostile URLs with every engine: a URL a
// browser cannot parse is a *URLError and never allowed; one it can parse
// is decided as the browser would see it.
func TestHostileTargets(t *testing.T) {
	const page = "https://example.com/"
	label300 := strings.Repeat("l", 300)
	label100KB := distinctLabel(100 << 10)
	tests := []struct {
		name, page, target string
		allowed            bool   // when decided
		checked            string // when decided: the URL the policy saw; "" for an error
	}{
		{"30-digit port", page, "https://api.example.com:123456789012345678901234567890/", false, ""},
		{"port 65536", page, "https://api.example.com:65536/", false, ""},
		{"300-character label", page, "https://" + label300 + ".example.com/", true, "https://" + label300 + ".example.com/"},
		{"invalid UTF-8 in the host", page, "https://a\xff.example.com/", false, ""},
		{"invalid UTF-8 in the path", page, "https://api.example.com/\xff", true, "https://api.example.com/%EF%BF%BD"},
		{"NUL in the host", page, "https://a\x00.example.com/", false, ""},
		{"NUL in the path", page, "https://api.example.com/a\x00b", true, "https://api.example.com/a%00b"},
		{"leading and trailing C0 removed", page, "\x00\x01 https://api.example.com/ \x00", true, "https://api.example.com/"},
		{"CR LF tab removed", page, "https://api.exa\r\nmple.co\tm/", true, "https://api.example.com/"},
		{"undecodable escape in the host", page, "https://%zz.example.com/", false, ""},
		{"escape of a forbidden host byte", page, "https://a%00.example.com/", false, ""},
		{"undecodable escapes in the path", page, "https://api.example.com/%zz%/%G0", true, "https://api.example.com/%zz%/%G0"},
		{"invalid punycode", page, "https://xn--a.example.com/", false, ""},
		{"zero-width joiner", page, "https://a\u200d.example.com/", false, ""},
		{"bidi rule", page, "https://a\u05d0.example.com/", false, ""},
		{"Punycode label decoding to nothing", page, "https://xn--.a.com/", false, ""},
		{"Punycode label decoding to nothing, under a wildcard", page, "https://xn--.example.com/", false, ""},
		{"Punycode label decoding to nothing, inside", page, "https://evil.xn--.example.com/", false, ""},
		{"bidi rule after mapping (U+2135 maps to U+05D0)", page, "https://\u2135x.com/", false, ""},
		{"bidi rule after mapping, under a wildcard", page, "https://\u2135x.example.com/", false, ""},
		{"bidi rule in Punycode", page, "https://xn--x-zhc.example.com/", false, ""},
		{"100 KB single-label target", page, "https://" + label100KB + ".example.com/", false, ""},
		{"100 KB single-label page", "https://" + label100KB + ".example.com/", "https://api.example.com/", false, ""},
		{"1000-code-point label", page, "https://" + strings.Repeat("\u00e9", 1000) + ".example.com/", true,
			"https://xn--9ca" + strings.Repeat("a", 999) + ".example.com/"},
		{"slashes before the host", page, "https:///x.example.com//", true, "https://x.example.com//"},
		{"IPv6 garbage", page, "https://[::1::]/", false, ""},
		{"IPv4 out of range", page, "https://256.256.256.256/", false, ""},
		{"over the URL length limit", page, "https://api.example.com/" + strings.Repeat("a", match.MaxURLLength), false, ""},
		{"resolved over the limit", "https://example.com/" + strings.Repeat("p", match.MaxURLLength-30) + "/",
			"x" + strings.Repeat("q", 20), false, ""},
		{"bad page", "no scheme", "https://api.example.com/", false, ""},
	}
	list := csp.MustParse("connect-src https://api.example.com https://*.example.com:443")
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, opts := range append([][]match.Option{nil}, engineOptions()...) {
				d, err := match.Connect(list, tt.page, tt.target, opts...)
				if tt.checked == "" {
					var ue *match.URLError
					require.ErrorAs(t, err, &ue)
					assert.False(t, d.Allowed)
					assert.Less(t, len(err.Error()), 300, "the message quotes a long URL in part only")
					pu, _ := match.ParseURL(tt.page)
					tu, _ := pu.ParseRef(tt.target)
					assert.False(t, match.Allows(list, pu, tu, opts...), "Allows of a URL that does not parse")
					continue
				}
				require.NoError(t, err)
				assert.Equal(t, tt.allowed, d.Allowed, "%s", d)
				assert.Equal(t, tt.checked, d.Checked().String())
			}
		})
	}
}

// distinctLabel returns a label of about n bytes in which no code point
// repeats (CJK ideographs, 3 bytes each), the worst case of Punycode.
func distinctLabel(n int) string {
	var b strings.Builder
	for i := 0; b.Len() < n; i++ {
		b.WriteRune(rune(0x4E00 + i%0x5000))
	}
	return b.String()
}

func engineOptions() [][]match.Option {
	var out [][]match.Option
	for _, e := range engines {
		out = append(out, []match.Option{match.WithEngine(e)})
	}
	return out
}

// TestHostileDecisionsLinear checks that a decision (Connect, and Load
// through a fallback list) costs time and allocations linear in the size
// of the list and of the URLs.
func TestHostileDecisionsLinear(t *testing.T) {
	const page = "https://example.com/"
	lists := map[string]csp.List{}
	lim := csp.Limits{MaxPolicies: 1 << 24, MaxDirectives: 1 << 24, MaxSources: 1 << 24}
	listOf := func(header string) csp.List {
		if l, ok := lists[header]; ok {
			return l
		}
		l, _ := lim.Parse(header)
		lists[header] = l
		return l
	}
	tests := []struct {
		name   string
		build  func(n int) string // a string from which run derives its inputs
		policy func(s string) string
		target func(s string) string
	}{
		{"sources", func(n int) string {
			var b strings.Builder
			b.WriteString("connect-src")
			for i := range n {
				b.WriteString(" https://h" + strconv.Itoa(i) + ".example:8443/p/")
			}
			return b.String()
		}, nil, func(string) string { return "https://evil.example/" }},
		{"policies", func(n int) string { return strings.Repeat("connect-src https://api.example.com/, ", n) },
			nil, func(string) string { return "https://api.example.com/x" }},
		{"long path", func(n int) string { return strings.Repeat("a/", n) },
			func(s string) string { return "connect-src https://api.example.com/" + s },
			func(s string) string { return "https://api.example.com/" + s }},
		{"escapes in the path", func(n int) string { return strings.Repeat("%61%zz%2F", n) },
			func(s string) string { return "connect-src https://api.example.com/" + s },
			func(s string) string { return "https://api.example.com/" + s + "x" }},
		{"long label", func(n int) string { return strings.Repeat("a", 16*n) },
			func(string) string { return "connect-src https://*.example.com" },
			func(s string) string { return "https://" + s + ".example.com/" }},
		{"long non-ASCII label", func(n int) string { return strings.Repeat("é", n) },
			func(string) string { return "connect-src https://*.example.com" },
			func(s string) string { return "https://" + s + ".example.com/" }},
		{"label of distinct code points", func(n int) string { return distinctLabel(3 * n) },
			func(string) string { return "connect-src https://*.example.com" },
			func(s string) string { return "https://" + s + ".example.com/" }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			run := func(s string) any {
				header := s
				if tt.policy != nil {
					header = tt.policy(s)
				}
				d, err := match.Connect(listOf(header), page, tt.target(s))
				// The same as a worker, falling back through worker-src,
				// child-src and script-src to the list's script-src.
				w, werr := match.Load(listOf(strings.ReplaceAll(header, "connect-src", "script-src")), page, tt.target(s), match.Worker)
				return []any{d, err, w, werr}
			}
			build := func(n int) string {
				s := tt.build(n)
				run(s) // parse the list outside the measure
				return s
			}
			lineartest.Check(t, 200, 16, build, run)
		})
	}
}

// TestHostilePageLinear checks that a decision costs time linear in the
// size of the page URL when its host is a label of distinct code points,
// the worst case of Punycode.
func TestHostilePageLinear(t *testing.T) {
	list := csp.MustParse("connect-src 'self'")
	lineartest.Check(t, 200, 16, func(n int) string { return "https://" + distinctLabel(3*n) + ".example.com/" },
		func(page string) any {
			d, err := match.Connect(list, page, "https://api.example.com/")
			return []any{d, err}
		})
}

// TestHugeHeaderDecision decides against the hostile headers, at
// full size and default limits: the decision is the one the header asks for.
func TestHugeHeaderDecision(t *testing.T) {
	if testing.Short() || lineartest.RaceEnabled {
		t.Skip("large inputs: run without -short and -race")
	}
	const page = "https://example.com/"
	var many strings.Builder
	many.WriteString("connect-src")
	for i := range 100_000 {
		many.WriteString(" https://h" + strconv.Itoa(i) + ".example")
	}
	var dirs strings.Builder
	for i := range 100_000 {
		dirs.WriteString("x-" + strconv.Itoa(i) + " *; ")
	}
	dirs.WriteString("connect-src 'self'")
	tests := []struct {
		name, header, target string
		allowed              bool
	}{
		{"1 MB token", "connect-src https://api.example.com https://" + strings.Repeat("a", 1<<20), "https://api.example.com/", true},
		{"1 MB token, other host", "connect-src https://api.example.com https://" + strings.Repeat("a", 1<<20), "https://b.example.com/", false},
		{"100,000 sources, last matches", many.String(), "https://h99999.example/", true},
		{"100,000 sources, none matches", many.String(), "https://h100000.example/", false},
		{"100,000 directives then connect-src", dirs.String(), "https://example.com/x", true},
		{"100,000 directives then connect-src, other origin", dirs.String(), "https://evil.example/", false},
		{"10,000 policies, the last blocks", strings.Repeat("connect-src *, ", 9_999) + "connect-src 'none'", "https://a.example/", false},
		{"10,000 policies allowing", strings.Repeat("connect-src *, ", 10_000), "https://a.example/", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			list, err := csp.Parse(tt.header)
			var le *csp.LimitError
			require.NotErrorAs(t, err, &le)
			d, err := match.Connect(list, page, tt.target)
			require.NoError(t, err)
			assert.Equal(t, tt.allowed, d.Allowed, "%.300s", d)
		})
	}
}
