package csp_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/cspkit/cspkit/csp"
	"github.com/cspkit/cspkit/internal/corpus"
	"github.com/cspkit/cspkit/source"
)

var (
	sinkList csp.List
	sinkErr  error
	sinkN    int
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

// parseFunc parses a corpus header with the right disposition.
func parseFunc(c corpus.Case) func(string) (csp.List, error) {
	if c.ReportOnly() {
		return csp.ParseReportOnly
	}
	return csp.Parse
}

// BenchmarkParseCorpus parses each corpus header; bench/run.sh compares
// these figures with the JavaScript parsers on the same files.
func BenchmarkParseCorpus(b *testing.B) {
	for _, c := range corpus.LoadAllTB(b) {
		parse := parseFunc(c)
		b.Run(c.Name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(c.Value)))
			cpu := processCPU()
			for b.Loop() {
				sinkList, sinkErr = parse(c.Value)
			}
			reportCPU(b, cpu)
		})
	}
}

// reportCPU reports the process CPU time per operation since start, which
// includes the garbage collector's work on other threads.
func reportCPU(b *testing.B, start int64) {
	if start > 0 {
		b.ReportMetric(float64(processCPU()-start)/float64(b.N), "cpu-ns/op")
	}
}

// splitFields is the untyped baseline: split on "," and ";", then on
// white space, keeping nothing.
func splitFields(value string) int {
	n := 0
	for _, pol := range strings.Split(value, ",") {
		for _, dir := range strings.Split(pol, ";") {
			n += len(strings.Fields(dir))
		}
	}
	return n
}

// BenchmarkSplitCorpus is the baseline for BenchmarkParseCorpus: the same
// headers cut with strings.Split and strings.Fields only.
func BenchmarkSplitCorpus(b *testing.B) {
	for _, c := range corpus.LoadAllTB(b) {
		b.Run(c.Name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(c.Value)))
			cpu := processCPU()
			for b.Loop() {
				sinkN = splitFields(c.Value)
			}
			reportCPU(b, cpu)
		})
	}
}

// sizeClasses groups the corpus by header length.
var sizeClasses = []struct {
	name     string
	min, max int
}{
	{"tiny-lt128B", 0, 127},
	{"small-lt512B", 128, 511},
	{"medium-lt2KB", 512, 2047},
	{"large-le8KB", 2048, 8192},
}

// BenchmarkParseSizeClass parses every corpus header of a size class per
// operation and reports the mean time per header.
func BenchmarkParseSizeClass(b *testing.B) {
	cases := corpus.LoadAllTB(b)
	for _, sc := range sizeClasses {
		var in []corpus.Case
		bytes := 0
		for _, c := range cases {
			if len(c.Value) >= sc.min && len(c.Value) <= sc.max {
				in = append(in, c)
				bytes += len(c.Value)
			}
		}
		if len(in) == 0 {
			b.Fatalf("size class %s is empty", sc.name)
		}
		b.Run(sc.name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(bytes))
			for b.Loop() {
				for _, c := range in {
					sinkList, sinkErr = parseFunc(c)(c.Value)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(in)), "ns/header")
		})
	}
}

// scaleHeader returns a header of about n bytes: copies of a realistic 1 KB
// policy joined by commas (policies), or one connect-src with distinct
// host-sources (sources).
func scaleHeader(kind string, n int) string {
	var b strings.Builder
	switch kind {
	case "policies":
		for i := 0; b.Len() < n; i++ {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(benchHeader[:strings.Index(benchHeader, "; style-src")])
		}
	case "sources":
		b.WriteString("default-src 'self'; connect-src 'self'")
		for i := 0; b.Len() < n; i++ {
			fmt.Fprintf(&b, " https://api%d.service%d.example", i, i%97)
		}
	}
	return b.String()
}

// BenchmarkParseScale compares the per-byte cost of a 1 KB and a 1 MB
// header: MB/s should stay about the same.
func BenchmarkParseScale(b *testing.B) {
	for _, kind := range []string{"policies", "sources"} {
		for _, size := range []struct {
			name string
			n    int
		}{{"1KB", 1 << 10}, {"1MB", 1 << 20}} {
			h := scaleHeader(kind, size.n)
			b.Run(kind+"-"+size.name, func(b *testing.B) {
				b.ReportAllocs()
				b.SetBytes(int64(len(h)))
				for b.Loop() {
					sinkList, sinkErr = csp.Parse(h)
				}
			})
		}
	}
}

func TestScaleHeaders(t *testing.T) {
	for _, kind := range []string{"policies", "sources"} {
		for _, n := range []int{1 << 10, 1 << 20} {
			h := scaleHeader(kind, n)
			if len(h) < n || len(h) > n+n/10+1200 {
				t.Errorf("%s header for %d bytes is %d bytes", kind, n, len(h))
			}
			if _, err := csp.Parse(h); err != nil {
				t.Errorf("%s header for %d bytes: %v", kind, n, err)
			}
		}
	}
}

// BenchmarkParseLazyCorpus is the scanner's path: each corpus header
// parsed with ParseLazy, then the source list that governs connect
// requests in each policy (connect-src, else default-src) read.
func BenchmarkParseLazyCorpus(b *testing.B) {
	connect := csp.FallbackList(csp.ConnectSrc)
	for _, c := range corpus.LoadAllTB(b) {
		b.Run(c.Name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(c.Value)))
			cpu := processCPU()
			for b.Loop() {
				sinkList, sinkErr = csp.ParseLazy(c.Value)
				for _, p := range sinkList.All() {
					if d, ok := p.Governing(connect, false); ok {
						sinkSources = d.Sources()
					}
				}
			}
			reportCPU(b, cpu)
		})
	}
}

// BenchmarkParseLazyOnly is ParseLazy alone: policies and directives,
// no source list read.
func BenchmarkParseLazyOnly(b *testing.B) {
	for _, c := range corpus.LoadAllTB(b) {
		b.Run(c.Name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(c.Value)))
			cpu := processCPU()
			for b.Loop() {
				sinkList, sinkErr = csp.ParseLazy(c.Value)
			}
			reportCPU(b, cpu)
		})
	}
}

var sinkSources source.List
