package match_test

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cspkit/cspkit/csp"
	"github.com/cspkit/cspkit/internal/corpus"
	"github.com/cspkit/cspkit/match"
)

// allowsOptions are the option sets Allows must agree with ConnectURL on.
var allowsOptions = map[string][]match.Option{
	"default":     nil,
	"spec":        {match.WithEngine(match.Spec)},
	"chromium":    {match.WithEngine(match.Chromium)},
	"firefox":     {match.WithEngine(match.Firefox)},
	"webkit":      {match.WithEngine(match.WebKit)},
	"redirected":  {match.Redirected()},
	"websocket":   {match.WithRequest(match.WebSocket)},
	"beacon":      {match.WithRequest(match.Beacon), match.WithEngine(match.Chromium)},
	"xhr-engines": {match.WithRequest(match.XHR), match.WithEngines(match.Spec, match.WebKit)},
}

// extraTargets are variations that exercise upgrades, WebSocket schemes,
// ports, credentials and refusals on top of each corpus case's own URLs.
var extraTargets = []string{
	"http://api.example.com/", "ws://api.example.com/", "wss://api.example.com:443/", "https://u:p@api.example.com/",
	"ftp://files.example/", "data:text/plain,hi", "blob:https://example.com/1", "http://localhost:8080/", "/relative#frag",
}

// TestAllowsAgreesWithConnectURL checks that the allocation-free Allows is
// ConnectURL's Allowed on every corpus header, URL and option set.
func TestAllowsAgreesWithConnectURL(t *testing.T) {
	n := 0
	for _, c := range corpus.LoadAllTB(t) {
		list := parseCase(t, c)
		page := match.MustParseURL(c.Page)
		targets := append(append(append([]string{}, c.Allowed...), c.Blocked...), extraTargets...)
		for _, raw := range targets {
			target, err := page.ParseRef(raw)
			require.NoError(t, err, raw)
			for name, opts := range allowsOptions {
				d, err := match.ConnectURL(list, page, target, opts...)
				require.NoError(t, err)
				assert.Equal(t, d.Allowed, match.Allows(list, page, target, opts...), "%s: %s %s: %s", c.Name, raw, name, d)
				n++
			}
		}
	}
	assert.Greater(t, n, 1000)
}

func TestAllowsZeroURLs(t *testing.T) {
	list := csp.MustParse("connect-src *")
	u := match.MustParseURL("https://example.com/")
	assert.True(t, match.Allows(list, u, u))
	assert.False(t, match.Allows(list, match.URL{}, u), "zero page")
	assert.False(t, match.Allows(list, u, match.URL{}), "zero target")
	assert.True(t, match.Allows(csp.List{}, u, u), "no policy restricts nothing")
}

func TestAllowsDoesNotAllocate(t *testing.T) {
	// The last policy's sources are tokens the grammar rejects that
	// browsers still read as host-sources (a query cut off, a path
	// character outside the grammar).
	list, _ := csp.Parse(benchPolicy + "; upgrade-insecure-requests, connect-src 'self' https:" +
		", connect-src https://a.example/p?q=1 https://A.Example/a\"b wss://live.example.com https://sentry.example.io https://evil.example http://api.example.com")
	page := match.MustParseURL("https://example.com/app/")
	for _, raw := range []string{"https://sentry.example.io/api/42/", "https://evil.example/", "http://api.example.com/",
		"wss://live.example.com/", "https://a.example/p", "https://a.example/a%22b"} {
		target := match.MustParseURL(raw)
		for name, opts := range allowsOptions {
			allocs := testing.AllocsPerRun(50, func() { sinkAllowed += boolInt(match.Allows(list, page, target, opts...)) })
			assert.Zero(t, allocs, "%s %s", raw, name)
		}
	}
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

func FuzzAllows(f *testing.F) {
	for _, c := range corpus.LoadAllTB(f) {
		for _, t := range append(c.Allowed, c.Blocked...) {
			f.Add(c.Value, c.Page, t)
		}
	}
	f.Fuzz(func(t *testing.T, header, page, target string) {
		list, _ := csp.Parse(header)
		p, err := match.ParseURL(page)
		if err != nil {
			return
		}
		u, err := p.ParseRef(target)
		if err != nil {
			return
		}
		for name, opts := range allowsOptions {
			d, err := match.ConnectURL(list, p, u, opts...)
			if err != nil {
				t.Fatal(err)
			}
			if got := match.Allows(list, p, u, opts...); got != d.Allowed {
				t.Fatalf("%s: Allows = %v, ConnectURL: %s", name, got, d)
			}
		}
		for _, dest := range match.Destinations() {
			d, err := match.LoadURL(list, p, u, dest)
			if err != nil {
				t.Fatal(err)
			}
			if got := match.AllowsLoad(list, p, u, dest); got != d.Allowed {
				t.Fatalf("%s: AllowsLoad = %v, LoadURL: %s", dest, got, d)
			}
		}
	})
}

func ExampleAllows() {
	list := csp.MustParse("connect-src 'self' https://api.example.com")
	page := match.MustParseURL("https://example.com/app/")
	for _, raw := range []string{"/api/items", "https://api.example.com/v1", "https://tracker.example/p"} {
		target, err := page.ParseRef(raw)
		if err != nil {
			panic(err)
		}
		fmt.Println(raw, match.Allows(list, page, target))
	}
	// Output:
	// /api/items true
	// https://api.example.com/v1 true
	// https://tracker.example/p false
}
