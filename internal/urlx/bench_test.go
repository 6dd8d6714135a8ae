package urlx

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var sink URL

func BenchmarkParse(b *testing.B) {
	for _, bc := range []struct{ name, in string }{
		{"ascii", "https://api.example.com/v1/items?x=1"},
		{"ascii-rewrite", "HTTPS://API.Example.com:443/v1/../items?x=1 2"},
		{"idn", "https://bücher.example/straße?q=ü"},
		{"ipv6", "http://[2001:db8::1]:8080/x"},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				u, err := Parse(bc.in)
				if err != nil {
					b.Fatal(err)
				}
				sink = u
			}
		})
	}
}

func BenchmarkParseRef(b *testing.B) {
	base, err := Parse("https://example.com/dir/page.html?b=1")
	require.NoError(b, err)
	for _, bc := range []struct{ name, in string }{
		{"path-relative", "../api/v1/items"},
		{"absolute-path", "/api/v1/items?x=1"},
		{"absolute-url", "https://cdn.example.net/lib.js"},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				u, err := ParseRef(base, bc.in)
				if err != nil {
					b.Fatal(err)
				}
				sink = u
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
