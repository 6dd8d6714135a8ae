package match_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cspkit/cspkit/csp"
	"github.com/cspkit/cspkit/match"
)

// The divergence table of internal/testdata/conformance/browsers.md §2, one row per
// case, with each engine's expected verdict: 'A' allowed, 'B' blocked by
// CSP, 'R' refused by the API before CSP runs. Row numbers refer to that
// table; the page is https://example.com/ unless given.
var divergenceTests = []struct {
	row                    int
	policy, page, target   string
	spec, chro, fire, webk byte
}{
	{1, "connect-src http://a.com:80", "", "https://a.com/", 'B', 'A', 'A', 'A'},
	{2, "connect-src http://*:80", "", "https://x.com/", 'B', 'A', 'A', 'A'},
	{3, "connect-src http://a.com", "", "http://a.com:443/", 'B', 'B', 'A', 'A'},
	{4, "connect-src http://a.com:80", "", "http://a.com:443/", 'B', 'B', 'A', 'A'},
	{5, "connect-src http://a.com:443", "", "https://a.com/", 'A', 'A', 'A', 'A'},
	{6, "connect-src a.com:443", "http://example.com/", "https://a.com/", 'A', 'A', 'A', 'A'},
	{7, "connect-src ws:", "", "https://a.com/", 'A', 'B', 'B', 'A'},
	{8, "connect-src wss://a.com", "", "https://a.com/", 'A', 'B', 'B', 'A'},
	{9, "connect-src https://a.com", "", "wss://a.com/", 'A', 'B', 'B', 'B'},
	{9, "connect-src https:", "", "wss://a.com/", 'A', 'B', 'B', 'B'},
	{10, "connect-src *", "", "wss://a.com/", 'A', 'A', 'A', 'A'},
	{10, "connect-src *", "http://example.com/", "ws://a.com/", 'A', 'A', 'A', 'A'},
	{11, "connect-src *", "", "ftp://a.com/", 'B', 'B', 'R', 'B'},
	{12, "connect-src *", "", "foo://a.com/", 'B', 'B', 'A', 'B'},
	{13, "connect-src *", "file:///srv/index.html", "file:///srv/data.json", 'A', 'A', 'R', 'A'}, // Firefox: "—" in the table; its fetch refuses file: (recorded)
	{14, "connect-src 'self'", "http://h.com/", "ws://h.com/", 'A', 'A', 'A', 'A'},
	{15, "connect-src 'self'", "http://h.com/", "https://h.com/", 'A', 'A', 'A', 'A'},
	{16, "connect-src 'self'", "https://h.com/", "wss://h.com/", 'A', 'A', 'A', 'A'},
	{17, "connect-src 'self'", "http://h.com:8080/", "https://h.com:8080/", 'A', 'A', 'A', 'A'},
	{18, "connect-src example.com.", "", "https://example.com./", 'A', 'A', 'B', 'A'},
	{19, "connect-src example.com.", "", "https://example.com/", 'B', 'B', 'B', 'B'},
	{20, "connect-src 10.0.0.1", "", "https://10.0.0.1/", 'B', 'A', 'A', 'A'},
	{21, "connect-src 127.0.0.1", "", "https://127.0.0.1/", 'B', 'A', 'A', 'A'},
	{22, "connect-src https://*", "", "https://10.0.0.1/", 'B', 'A', 'A', 'A'},
	{24, "connect-src https://a.com:0443", "", "https://a.com/", 'A', 'A', 'B', 'A'},
	{25, "connect-src https://a.com:0", "", "https://a.com:0/", 'A', 'A', 'A', 'B'},
	{26, "connect-src https://a.com:99999", "", "https://a.com/", 'B', 'B', 'B', 'B'},
	{27, "connect-src https://a.com/a/b", "", "https://a.com/a%2Fb", 'B', 'A', 'A', 'A'},
	{28, "connect-src https://a.com/p?x=1", "", "https://a.com/p", 'B', 'A', 'A', 'A'},
	{28, "connect-src https://a.com/p#f", "", "https://a.com/q", 'B', 'B', 'B', 'B'},
	{31, "connect-src *.a.com", "", "https://a.com/", 'B', 'B', 'B', 'B'},
	{33, "connect-src 'none' https://a.com", "", "https://a.com/", 'A', 'A', 'A', 'A'},
	{35, "connect-src https://ü.com; connect-src https://a.com", "", "https://b.com/", 'B', 'A', 'B', 'B'},
	{35, "connect-src https://ü.com; connect-src https://a.com", "", "https://a.com/", 'A', 'A', 'A', 'A'},
	{35, "connect-src https://ü.com; connect-src https://a.com; default-src 'none'", "", "https://a.com/", 'A', 'B', 'A', 'A'},
	{37, "connect-src", "", "https://example.com/", 'B', 'B', 'B', 'B'},
	{41, "connect-src http://a.com:8000", "", "https://a.com:8000/", 'A', 'B', 'A', 'A'},
	// Not in the table: recorded from WebKitGTK 2.50.
	{0, "connect-src *:443", "http://example.com/", "https://a.com/", 'A', 'A', 'A', 'B'},
	{0, "connect-src *:443 https://a.com", "https://example.com/", "https://a.com/", 'A', 'A', 'A', 'A'},
	{41, "connect-src http://a.com:*", "", "https://a.com:8000/", 'A', 'A', 'A', 'A'},
}

func TestDivergences(t *testing.T) {
	engines := []match.Engine{match.Spec, match.Chromium, match.Firefox, match.WebKit}
	for _, tt := range divergenceTests {
		page := tt.page
		if page == "" {
			page = "https://example.com/"
		}
		list, _ := csp.Parse(tt.policy)
		for i, want := range []byte{tt.spec, tt.chro, tt.fire, tt.webk} {
			e := engines[i]
			d, err := match.Connect(list, page, tt.target, match.WithEngine(e))
			require.NoError(t, err)
			got := byte('B')
			switch {
			case d.Refused != "":
				got = 'R'
			case d.CSPAllowed:
				got = 'A'
			}
			assert.Equal(t, string(want), string(got), "row %d %s: %q on %s → %s: %s", tt.row, e, tt.policy, page, tt.target, d)
		}
	}
}

// The default decision combines the browsers and keeps each one's verdict.
func TestEveryBrowser(t *testing.T) {
	for _, tt := range divergenceTests {
		page := tt.page
		if page == "" {
			page = "https://example.com/"
		}
		list, _ := csp.Parse(tt.policy)
		d, err := match.Connect(list, page, tt.target)
		require.NoError(t, err)
		require.Len(t, d.Engines, 3)
		browsers := []byte{tt.chro, tt.fire, tt.webk}
		allowed, cspAllowed := 0, 0
		for i, e := range match.Browsers() {
			x, ok := d.For(e)
			require.True(t, ok)
			assert.Equal(t, e, x.Engine())
			assert.Equal(t, browsers[i] == 'A', x.CSPAllowed, "row %d %s", tt.row, e)
			assert.Equal(t, x.CSPAllowed && !x.MixedContent && x.Refused == "", x.Allowed, "row %d %s: the request goes through", tt.row, e)
			if x.Allowed {
				allowed++
			}
			if x.CSPAllowed {
				cspAllowed++
			}
		}
		assert.Equal(t, cspAllowed == 3, d.CSPAllowed, "row %d: %s", tt.row, d)
		assert.Equal(t, allowed == 3, d.Allowed, "row %d: %s", tt.row, d)
		assert.Equal(t, allowed == 0, d.Blocked(), "row %d", tt.row)
		assert.Equal(t, allowed > 0 && allowed < 3, d.Divergent(), "row %d", tt.row)
		assert.Len(t, d.AllowedBy(), allowed)
		assert.Len(t, d.BlockedBy(), 3-allowed)
		if !d.Allowed {
			rep, _ := d.For(d.Engine())
			assert.False(t, rep.Allowed, "row %d: the representative engine blocks", tt.row)
		}
		_, ok := d.For(match.Spec)
		assert.False(t, ok, "Spec did not decide")
	}
}

func TestDivergentString(t *testing.T) {
	list := csp.MustParse("connect-src http://api.example.com:8000")
	d, err := match.Connect(list, "https://example.com/", "https://api.example.com:8000/v1")
	require.NoError(t, err)
	assert.Equal(t, "divergent: allowed by Firefox and WebKit, blocked by Chromium"+
		" | Chromium: blocked: https://api.example.com:8000/v1; policy 0 connect-src http://api.example.com:8000: no source matches (page origin https://example.com)"+
		"; closest: [Chromium lets source http://api.example.com:8000 reach https only with the default ports (the scheme upgrade must come with 80 to 443); target uses port 8000]"+
		"; to allow it, add https://api.example.com:8000 to connect-src (or, narrower, https://api.example.com:8000/v1)"+
		" | Firefox and WebKit: allowed: https://api.example.com:8000/v1; policy 0 connect-src allows it by http://api.example.com:8000", d.String())

	d, err = match.Connect(csp.MustParse("connect-src 'none'"), "https://example.com/", "/x", match.WithEngines(match.Chromium, match.Spec))
	require.NoError(t, err)
	assert.Equal(t, "blocked: https://example.com/x; policy 0 connect-src is 'none'; to allow it, replace 'none' in connect-src with https://example.com (or, narrower, https://example.com/x) (Chromium and CSP3 spec agree)", d.String())
	assert.True(t, d.Blocked())
	assert.False(t, d.Divergent())
}

func TestRequestKinds(t *testing.T) {
	open := csp.MustParse("connect-src *")
	for _, tt := range []struct {
		req     match.Request
		target  string
		checked string // the URL checked, when not refused
		refused bool
	}{
		{match.WebSocket, "https://a.com/s", "wss://a.com/s", false},
		{match.WebSocket, "http://a.com:8080/s", "ws://a.com:8080/s", false},
		{match.WebSocket, "wss://a.com/s", "wss://a.com/s", false},
		{match.WebSocket, "wss://a.com/s#frag", "", true},
		{match.WebSocket, "ftp://a.com/", "", true},
		{match.Fetch, "https://user:pw@a.com/", "", true},
		{match.XHR, "https://user:pw@a.com/", "https://user:pw@a.com/", false},
		{match.EventSource, "https://a.com/events", "https://a.com/events", false},
		{match.Beacon, "https://a.com/log", "https://a.com/log", false},
		{match.Beacon, "wss://a.com/log", "", true},
		{match.Ping, "data:,x", "", true},
		{match.XHR, "ftp://a.com/", "", true},
		{match.EventSource, "data:text/plain,x", "data:text/plain,x", false},
	} {
		d, err := match.Connect(open, "https://example.com/", tt.target, match.WithRequest(tt.req), match.WithEngine(match.Chromium))
		require.NoError(t, err)
		assert.Equal(t, tt.req, d.Request())
		if tt.refused {
			assert.NotEmpty(t, d.Refused, "%s %s", tt.req, tt.target)
			assert.False(t, d.Allowed)
			assert.Contains(t, d.String(), "refused")
			continue
		}
		assert.Empty(t, d.Refused, "%s %s: %s", tt.req, tt.target, d)
		assert.Equal(t, tt.checked, d.Checked().String())
	}

	// Without WithRequest a ws(s) target is a WebSocket and anything else a fetch.
	d, err := match.Connect(open, "https://example.com/", "wss://a.com/")
	require.NoError(t, err)
	assert.Equal(t, match.WebSocket, d.Request())
	assert.True(t, d.Allowed, "%s", d)
	d, err = match.Connect(open, "https://example.com/", "/api")
	require.NoError(t, err)
	assert.Equal(t, match.Fetch, d.Request())

	// Firefox does not parse URLs over 1 MiB; the others go up to the
	// library's 2 MiB.
	long := "https://a.com/" + strings.Repeat("x", 1<<20)
	d, err = match.Connect(open, "https://example.com/", long, match.WithEngine(match.Firefox))
	require.NoError(t, err)
	assert.Contains(t, d.Refused, "longer than")
	d, err = match.Connect(open, "https://example.com/", long, match.WithEngine(match.Chromium))
	require.NoError(t, err)
	assert.True(t, d.Allowed)

	// Schemes and ports refused before CSP in one engine only (recorded).
	for _, tt := range []struct {
		e      match.Engine
		req    match.Request
		target string
	}{
		{match.Firefox, match.Fetch, "about:blank"},
		{match.Firefox, match.XHR, "javascript:void(0)"},
		{match.Firefox, match.EventSource, "mailto:a@example.com"},
		{match.Chromium, match.XHR, "file:///etc/hosts"},
		{match.WebKit, match.WebSocket, "wss://a.com:1/"},
	} {
		d, err := match.Connect(open, "https://example.com/", tt.target, match.WithEngine(tt.e), match.WithRequest(tt.req))
		require.NoError(t, err)
		assert.NotEmpty(t, d.Refused, "%s %s %s", tt.e, tt.req, tt.target)
		others, err := match.Connect(open, "https://example.com/", tt.target, match.WithEngine(match.Spec), match.WithRequest(tt.req))
		require.NoError(t, err)
		assert.Empty(t, others.Refused, "spec %s %s", tt.req, tt.target)
	}

	// Firefox's EventSource refuses data: URLs.
	d, err = match.Connect(open, "https://example.com/", "data:text/plain,x", match.WithRequest(match.EventSource), match.WithEngine(match.Firefox))
	require.NoError(t, err)
	assert.NotEmpty(t, d.Refused)

	// Firefox's fetch and XMLHttpRequest refuse WebSocket URLs.
	d, err = match.Connect(open, "https://example.com/", "wss://a.com/", match.WithRequest(match.Fetch), match.WithEngine(match.Firefox))
	require.NoError(t, err)
	assert.NotEmpty(t, d.Refused)

	for _, r := range []match.Request{match.Fetch, match.XHR, match.WebSocket, match.EventSource, match.Beacon, match.Ping} {
		back, err := match.ParseRequest(r.String())
		require.NoError(t, err)
		assert.Equal(t, r, back)
	}
	_, err = match.ParseRequest("carrier-pigeon")
	assert.Error(t, err)
	assert.Equal(t, "Request(9)", match.Request(9).String())
}

func TestEngineNames(t *testing.T) {
	for _, e := range []match.Engine{match.Spec, match.Chromium, match.Firefox, match.WebKit} {
		back, err := match.ParseEngine(e.String())
		require.NoError(t, err)
		assert.Equal(t, e, back)
		assert.NotEmpty(t, e.Title())
	}
	for alias, want := range map[string]match.Engine{"Chromium": match.Chromium, "chrome": match.Chromium, "Edge": match.Chromium,
		"blink": match.Chromium, "FIREFOX": match.Firefox, "gecko": match.Firefox, "Safari": match.WebKit, "WebKit": match.WebKit,
		"CSP3": match.Spec, " spec ": match.Spec} {
		got, err := match.ParseEngine(alias)
		require.NoError(t, err, alias)
		assert.Equal(t, want, got, alias)
	}
	_, err := match.ParseEngine("netscape")
	assert.ErrorContains(t, err, `unknown engine "netscape"`)
	assert.Equal(t, "spec", match.Engine{}.String(), "the zero Engine is Spec")
	assert.Equal(t, []match.Engine{match.Chromium, match.Firefox, match.WebKit}, match.Browsers())
}

// How upgrade-insecure-requests meets the check differs by engine and, in
// Chromium, by API (recorded from the browsers).
func TestUpgradeInsecureRequests(t *testing.T) {
	for _, tt := range []struct {
		policy, page, target   string
		req                    match.Request
		spec, chro, fire, webk bool
	}{
		{"connect-src 'self'; upgrade-insecure-requests", "https://example.com/", "http://example.com/", match.Fetch, true, false, true, true},
		{"connect-src 'self'; upgrade-insecure-requests", "https://example.com/", "http://example.com/", match.XHR, true, true, true, true},
		{"connect-src 'self'; upgrade-insecure-requests", "https://example.com/", "ws://example.com/", match.WebSocket, true, true, false, true},
		{"connect-src 'self'; upgrade-insecure-requests", "https://127.0.0.1/", "ws://127.0.0.1/", match.WebSocket, true, false, false, true},
		{"connect-src https:; upgrade-insecure-requests", "http://example.com/", "http://a.example/", match.Beacon, true, false, true, false},
		{"connect-src https:; upgrade-insecure-requests", "http://example.com/", "http://a.example/", match.EventSource, true, true, true, false},
		{"connect-src https:; upgrade-insecure-requests", "http://example.com/", "http://a.example/", match.Fetch, true, false, true, true},
		{"connect-src http://*:8000; upgrade-insecure-requests", "http://example.com/", "http://a.example:8000/", match.XHR, true, false, true, true},
		{"connect-src https:, upgrade-insecure-requests", "http://example.com/", "http://a.example/", match.XHR, true, true, false, true},
	} {
		list, _ := csp.Parse(tt.policy)
		for i, e := range []match.Engine{match.Spec, match.Chromium, match.Firefox, match.WebKit} {
			d, err := match.Connect(list, tt.page, tt.target, match.WithEngine(e), match.WithRequest(tt.req))
			require.NoError(t, err)
			want := []bool{tt.spec, tt.chro, tt.fire, tt.webk}[i]
			assert.Equal(t, want, d.Allowed, "%s %s %q → %s: %s", e, tt.req, tt.policy, tt.target, d)
			loopback := strings.Contains(tt.target, "127.0.0.1")
			assert.Equal(t, !(e == match.Chromium && loopback), d.Upgraded, "Chromium never upgrades loopback: %s", d)
		}
	}
}

// Chromium's fetch() checks the URL as given before upgrade-insecure-requests
// rewrites it, but a redirect hop only in its upgraded form.
func TestChromiumUpgradeAfterRedirect(t *testing.T) {
	list := csp.MustParse("connect-src https://api.example; upgrade-insecure-requests")
	d, err := match.Connect(list, "https://example.com/", "http://api.example/x", match.WithEngine(match.Chromium))
	require.NoError(t, err)
	assert.False(t, d.Allowed, "%s", d)
	assert.Equal(t, "http://api.example/x", d.Checked().String())
	d, err = match.Connect(list, "https://example.com/", "http://api.example/x", match.WithEngine(match.Chromium), match.Redirected())
	require.NoError(t, err)
	assert.True(t, d.Allowed, "%s", d)
	assert.Equal(t, "https://api.example/x", d.Checked().String())
}
