package urlx

import (
	"net/url"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var (
	sink       URL
	sinkNetURL *url.URL
)

// benchURLs are realistic absolute URLs: the common case first (what
// pages and fetch targets look like), then URLs that need rewriting.
var benchURLs = []struct{ name, in string }{
	{"page", "https://example.com/app/"},
	{"target", "https://sentry.example.io/api/42/store/"},
	{"query", "https://api.example.com/v1/items?x=1&y=two"},
	{"port-fragment", "http://localhost:3000/index.html#top"},
	{"wss", "wss://live.example.com/socket"},
	{"ipv4", "http://127.0.0.1:8080/api"},
	{"ascii-rewrite", "HTTPS://API.Example.com:443/v1/../items?x=1 2"},
	{"idn", "https://bücher.example/straße?q=ü"},
	{"ipv6", "http://[2001:db8::1]:8080/x"},
}

// BenchmarkParse parses benchURLs with urlx (Parse/<name>/urlx) and, for
// the ratio, with net/url (Parse/<name>/net-url).
func BenchmarkParse(b *testing.B) {
	for _, bc := range benchURLs {
		b.Run(bc.name+"/urlx", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				u, err := Parse(bc.in)
				if err != nil {
					b.Fatal(err)
				}
				sink = u
			}
		})
		b.Run(bc.name+"/net-url", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				u, err := url.Parse(bc.in)
				if err != nil {
					b.Fatal(err)
				}
				sinkNetURL = u
			}
		})
	}
}

// benchRefs are references resolved against benchBase by
// BenchmarkParseRef.
var benchRefs = []struct{ name, in string }{
	{"path-relative", "../api/v1/items"},
	{"absolute-path", "/api/v1/items?x=1"},
	{"absolute-url", "https://cdn.example.net/lib.js"},
}

const benchBase = "https://example.com/dir/page.html?b=1"

// BenchmarkParseRef resolves benchRefs against benchBase with urlx
// (ParseRef/<name>/urlx) and, for the ratio, parses the reference with
// net/url and resolves it (ParseRef/<name>/net-url).
func BenchmarkParseRef(b *testing.B) {
	base, err := Parse(benchBase)
	require.NoError(b, err)
	nbase, err := url.Parse(benchBase)
	require.NoError(b, err)
	for _, bc := range benchRefs {
		b.Run(bc.name+"/urlx", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				u, err := ParseRef(base, bc.in)
				if err != nil {
					b.Fatal(err)
				}
				sink = u
			}
		})
		b.Run(bc.name+"/net-url", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				u, err := url.Parse(bc.in)
				if err != nil {
					b.Fatal(err)
				}
				sinkNetURL = nbase.ResolveReference(u)
			}
		})
	}
}

func BenchmarkOrigin(b *testing.B) {
	u, err := Parse("https://api.example.com:8443/v1/items?x=1")
	require.NoError(b, err)
	p, err := Parse("https://api.example.com:8443/other")
	require.NoError(b, err)
	b.ReportAllocs()
	for b.Loop() {
		if !u.Origin().SameOrigin(p.Origin()) {
			b.Fatal("not same origin")
		}
	}
}

func TestParseAllocs(t *testing.T) {
	const in = "https://api.example.com/v1/items?x=1"
	n := testing.AllocsPerRun(1000, func() {
		u, err := Parse(in)
		if err != nil {
			t.Fatal(err)
		}
		sink = u
	})
	assert.LessOrEqual(t, n, 0.0, "allocations for an already-normalised URL")

	n = testing.AllocsPerRun(1000, func() {
		u, _ := Parse("HTTPS://API.example.com/v1/items?x=1")
		sink = u
	})
	assert.LessOrEqual(t, n, 1.0, "allocations for a URL that needs rewriting")

	base, err := Parse("https://example.com/dir/page.html")
	require.NoError(t, err)
	n = testing.AllocsPerRun(1000, func() {
		u, _ := ParseRef(base, "../api?x=1")
		sink = u
	})
	assert.LessOrEqual(t, n, 1.0, "allocations for a relative reference")
}

// worstHosts are the URLs on which domain to ASCII works hardest, per
// byte: labels of distinct code points (Punycode encoding and decoding
// are quadratic in them when done naively), at the largest sizes a
// browser accepts and beyond.
func worstHosts() []struct{ name, in string } {
	distinct := func(n int) string {
		var b strings.Builder
		for i := 0; i < n; i++ {
			b.WriteRune(rune(0x4E00 + i%0x5000))
		}
		return b.String()
	}
	return []struct{ name, in string }{
		{"label-1000-distinct", "https://" + distinct(1000) + ".example/"},
		{"punycode-900-distinct", "https://xn--" + string(mustPunycode(distinct(900))) + ".example/"},
		{"labels-20x60-distinct", "https://" + strings.Repeat(distinct(60)+".", 20) + "example/"},
		{"label-24KB-distinct", "https://" + distinct(8000) + ".example/"},
		{"label-100KB-distinct", "https://" + distinct(33000) + ".example/"},
		{"ascii-path-100KB", "https://api.example.com/" + strings.Repeat("a", 100_000)},
	}
}

func mustPunycode(s string) []byte {
	b, ok := appendPunycode(nil, []rune(s))
	if !ok {
		panic("punycode overflow")
	}
	return b
}

// BenchmarkParseWorstHosts reports the cost per byte of the URLs of
// worstHosts (accepted or not).
func BenchmarkParseWorstHosts(b *testing.B) {
	for _, bc := range worstHosts() {
		b.Run(bc.name, func(b *testing.B) {
			for b.Loop() {
				sink, _ = Parse(bc.in)
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(bc.in)), "ns/byte")
		})
	}
}
