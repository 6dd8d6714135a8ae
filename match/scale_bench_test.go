package match_test

import (
	"fmt"
	"net/url"
	"strings"
	"testing"

	"github.com/cspkit/cspkit/csp"
	"github.com/cspkit/cspkit/internal/corpus"
	"github.com/cspkit/cspkit/match"
)

var (
	sinkURL     *url.URL
	sinkErr     error
	sinkAllowed int
)

const (
	benchPage   = "https://example.com/app/"
	benchTarget = "https://sentry.example.io/api/42/store/"
)

// BenchmarkURLParse is the yardstick for the decide targets: net/url.Parse
// of a page and a target (pair), and of one URL (one).
func BenchmarkURLParse(b *testing.B) {
	b.Run("pair", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			sinkURL, sinkErr = url.Parse(benchPage)
			sinkURL, sinkErr = url.Parse(benchTarget)
		}
	})
	b.Run("one", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			sinkURL, sinkErr = url.Parse(benchTarget)
		}
	})
}

// manyTargets returns n targets of which about a third the corpus policy
// news-adtech allows.
func manyTargets(n int) []string {
	hosts := []string{"securepubads.g.doubleclick.net", "cdn.taboola.com", "evil%d.example", "api%d.adnxs.com",
		"www.dailyherald.example", "tracker%d.example.net"}
	out := make([]string, n)
	for i := range out {
		h := hosts[i%len(hosts)]
		if strings.Contains(h, "%d") {
			h = fmt.Sprintf(h, i)
		}
		out[i] = fmt.Sprintf("https://%s/p/%d?x=%d", h, i, i*7)
	}
	return out
}

func corpusList(b *testing.B, name string) (csp.List, string) {
	for _, c := range corpus.LoadTB(b) {
		if c.Name == name {
			return parseCase(b, c), c.Page
		}
	}
	b.Fatalf("no corpus header %q", name)
	return csp.List{}, ""
}

// BenchmarkManyTargets decides 1,000 pre-parsed targets against the
// corpus's largest header (an 8 KB ad-tech allowlist); ns/decision is the
// cost of one.
func BenchmarkManyTargets(b *testing.B) {
	list, pageRaw := corpusList(b, "news-adtech")
	page := match.MustParseURL(pageRaw)
	raw := manyTargets(1000)
	targets := make([]match.URL, len(raw))
	for i, t := range raw {
		targets[i] = match.MustParseURL(t)
	}
	b.Run("ConnectURL", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			sinkAllowed = 0
			for _, t := range targets {
				if d, _ := match.ConnectURL(list, page, t); d.Allowed {
					sinkAllowed++
				}
			}
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(targets)), "ns/decision")
	})
	b.Run("Allows", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			sinkAllowed = 0
			for _, t := range targets {
				if match.Allows(list, page, t) {
					sinkAllowed++
				}
			}
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(targets)), "ns/decision")
	})
	b.Run("Connect", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			sinkAllowed = 0
			for _, t := range raw {
				if d, _ := match.Connect(list, pageRaw, t); d.Allowed {
					sinkAllowed++
				}
			}
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(raw)), "ns/decision")
	})
}

// longList returns a policy whose connect-src has n host-sources, none of
// which matches benchTarget.
func longList(n int) csp.List {
	var sb strings.Builder
	sb.WriteString("connect-src")
	for i := range n {
		fmt.Fprintf(&sb, " https://api%d.service%d.example/v%d/", i, i%89, i%3)
	}
	return csp.MustParse(sb.String())
}

// BenchmarkConnectOneEngine is BenchmarkConnect with a single engine
// deciding, the cost of string URLs without the other engines' decisions.
func BenchmarkConnectOneEngine(b *testing.B) {
	list := csp.MustParse(benchPolicy)
	opt := match.WithEngine(match.Chromium)
	b.ReportAllocs()
	for b.Loop() {
		d, err := match.Connect(list, benchPage, benchTarget, opt)
		if err != nil || !d.Allowed {
			b.Fatal(err, d)
		}
	}
}

// BenchmarkAllows decides a pre-parsed target with the allocation-free
// Allows: with every browser engine (the default) and with one engine.
func BenchmarkAllows(b *testing.B) {
	list := csp.MustParse(benchPolicy)
	page := match.MustParseURL(benchPage)
	target := match.MustParseURL(benchTarget)
	for _, bc := range []struct {
		name string
		opts []match.Option
	}{
		{"browsers", nil},
		{"chromium", []match.Option{match.WithEngine(match.Chromium)}},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if !match.Allows(list, page, target, bc.opts...) {
					b.Fatal("blocked")
				}
			}
		})
	}
}

// BenchmarkLongList decides one pre-parsed target against connect-src
// lists of 100 to 10,000 sources that all have to be tried: the time per
// source should stay flat.
func BenchmarkLongList(b *testing.B) {
	page := match.MustParseURL(benchPage)
	target := match.MustParseURL(benchTarget)
	for _, n := range []int{100, 1000, 10000} {
		list := longList(n)
		b.Run(fmt.Sprintf("sources=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if match.Allows(list, page, target) {
					b.Fatal("allowed")
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/source")
		})
	}
}

func TestBenchFixtures(t *testing.T) {
	l := longList(100)
	d, err := match.Connect(l, benchPage, benchTarget)
	if err != nil || d.Allowed || l.Policy(0).Len() != 1 {
		t.Fatalf("long list: %v %v", d, err)
	}
	d, err = match.Connect(l, benchPage, "https://api7.service7.example/v1/x")
	if err != nil || !d.Allowed {
		t.Fatalf("long list must allow its own sources: %v %v", d, err)
	}
	list, _ := csp.Parse("connect-src https://securepubads.g.doubleclick.net https://cdn.taboola.com https://*.adnxs.com")
	allowed := 0
	for _, target := range manyTargets(60) {
		if d, err := match.Connect(list, benchPage, target); err != nil {
			t.Fatal(err)
		} else if d.Allowed {
			allowed++
		}
	}
	if allowed != 30 {
		t.Errorf("%d of 60 targets allowed, want 30", allowed)
	}
}
