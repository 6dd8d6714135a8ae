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

// BenchmarkLoad decides one load per destination against benchPolicy,
// beside BenchmarkConnect: a Load decision should cost what a Connect
// decision does (the fallback list is looked up once per engine).
func BenchmarkLoad(b *testing.B) {
	list := csp.MustParse(benchPolicy)
	for _, dest := range match.Destinations() {
		target := "https://sentry.example.io/api/42/store/"
		switch dest {
		case match.Worker, match.SharedWorker, match.ServiceWorker:
			// a worker script of another origin is refused before CSP:
			// decide one the page may load
			target = "https://example.com/app/worker.js"
		}
		b.Run(dest.String(), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := match.Load(list, "https://example.com/app/", target, dest); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkAllowsLoad is BenchmarkAllows for an image, decided by img-src.
func BenchmarkAllowsLoad(b *testing.B) {
	list := csp.MustParse(benchPolicy)
	page := match.MustParseURL("https://example.com/app/")
	target := match.MustParseURL("https://images.example.org/a.png")
	b.ReportAllocs()
	for b.Loop() {
		if !match.AllowsLoad(list, page, target, match.Image) {
			b.Fatal("blocked")
		}
	}
}
