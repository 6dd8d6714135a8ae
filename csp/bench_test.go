package csp_test

import (
	"strings"
	"testing"

	"github.com/cspkit/cspkit/csp"
)

var benchHeader = strings.Join([]string{
	"default-src 'self'",
	"script-src 'self' 'nonce-rAnd0mN0nc3Base64Value==' 'strict-dynamic' https://cdn.jsdelivr.net https://cdnjs.cloudflare.com " +
		"https://unpkg.com https://ajax.googleapis.com https://code.jquery.com https://stackpath.bootstrapcdn.com " +
		"https://cdn.example-cdn.com https://static.cloudflareinsights.com https://www.googletagmanager.com " +
		"https://www.google-analytics.com https://js.stripe.com https://cdn.segment.com https://connect.facebook.net " +
		"https://platform.twitter.com https://*.hotjar.com",
	"style-src 'self' 'unsafe-inline' https://fonts.googleapis.com https://cdn.jsdelivr.net",
	"img-src 'self' data: blob: https://*.example.com https://images.examplecdn.net https://www.google-analytics.com",
	"connect-src 'self' https://api.example.com https://api2.example.com:8443 https://auth.example.com/oauth/ " +
		"wss://realtime.example.com wss://*.pusher.com https://sockjs.pusher.com https://www.google-analytics.com " +
		"https://region1.google-analytics.com https://stats.g.doubleclick.net https://api.segment.io " +
		"https://cdn.segment.com https://api.stripe.com https://o12345.ingest.sentry.io https://api.mixpanel.com " +
		"https://api.amplitude.com https://*.hotjar.com wss://*.hotjar.com https://vitals.vercel-insights.com " +
		"https://api.intercom.io wss://nexus-websocket-a.intercom.io",
	"font-src 'self' https://fonts.gstatic.com data:",
	"frame-ancestors 'none'",
	"report-uri https://example.report-uri.com/r/d/csp/enforce",
	"upgrade-insecure-requests",
}, "; ")

func BenchmarkParse(b *testing.B) {
	if _, err := csp.Parse(benchHeader); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.SetBytes(int64(len(benchHeader)))
	for b.Loop() {
		if _, err := csp.Parse(benchHeader); err != nil {
			b.Fatal(err)
		}
	}
}

func TestBenchHeaderSize(t *testing.T) {
	if n := len(benchHeader); n < 1300 || n > 1800 {
		t.Errorf("bench header is %d bytes, want about 1.5 KB", n)
	}
}
