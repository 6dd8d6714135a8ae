package match_test

import (
	"testing"

	"github.com/cspkit/cspkit/csp"
	"github.com/cspkit/cspkit/match"
)

const benchPolicy = "default-src 'self'; script-src 'self' 'nonce-r4nd0m' 'strict-dynamic' https://cdn.example.net; " +
	"connect-src 'self' https://api.example.com https://*.analytics.example wss://live.example.com https://sentry.example.io/api/; " +
	"img-src 'self' data: https:; report-uri /csp-report"

func BenchmarkConnect(b *testing.B) {
	list := csp.MustParse(benchPolicy)
	b.ReportAllocs()
	for b.Loop() {
		d, err := match.Connect(list, "https://example.com/app/", "https://sentry.example.io/api/42/store/")
		if err != nil || !d.Allowed {
			b.Fatal(err, d)
		}
	}
}

func BenchmarkConnectURL(b *testing.B) {
	list := csp.MustParse(benchPolicy)
	page := match.MustParseURL("https://example.com/app/")
	target := match.MustParseURL("https://evil.example/exfil")
	b.ReportAllocs()
	for b.Loop() {
		d, err := match.ConnectURL(list, page, target)
		if err != nil || d.Allowed {
			b.Fatal(err, d)
		}
	}
}
