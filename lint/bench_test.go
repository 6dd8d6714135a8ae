package lint_test

import (
	"strings"
	"testing"

	"github.com/cspkit/cspkit/csp"
	"github.com/cspkit/cspkit/lint"
)

func BenchmarkCheck(b *testing.B) {
	list := csp.MustParse("default-src 'self'; script-src 'self' 'nonce-r4nd0mr4nd0m' 'strict-dynamic'; " +
		"connect-src 'self' https://api.example.com https://*.analytics.example wss://live.example.com https://sentry.example.io/api/ https:; " +
		"img-src 'self' data: https:; report-uri /csp-report")
	b.ReportAllocs()
	for b.Loop() {
		if len(lint.Check(list)) == 0 {
			b.Fatal("no findings")
		}
	}
}

// BenchmarkCheckLarge lints a connect-src and a default-src of 5,000
// sources each: the cost grows with the sum of their sizes, not the product.
func BenchmarkCheckLarge(b *testing.B) {
	var conn, def strings.Builder
	for i := range 5000 {
		conn.WriteString(" https://h" + strings.Repeat("x", i%7) + ".example.com/p" + string(rune('a'+i%26)) + "/")
		def.WriteString(" https://d" + strings.Repeat("y", i%5) + ".example.org:" + string(rune('1'+i%9)) + "443")
	}
	list, _ := csp.Parse("default-src" + def.String() + "; connect-src" + conn.String())
	b.ReportAllocs()
	for b.Loop() {
		lint.Check(list)
	}
}
