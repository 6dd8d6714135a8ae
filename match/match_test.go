package match_test

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cspkit/cspkit/csp"
	"github.com/cspkit/cspkit/match"
	"github.com/cspkit/cspkit/source"
)

// Own cases for every branch of the Spec matcher; section numbers refer to
// internal/testdata/conformance/spec-notes.md.
var connectTests = []struct {
	name, policy, page, target string
	redirected, allow          bool
}{
	// §4.3 directive choice.
	{"no policy", "", "https://a.example/", "https://b.example/", false, true},
	{"no connect-src nor default-src", "script-src 'none'", "https://a.example/", "https://b.example/", false, true},
	{"default-src fallback blocks", "default-src 'self'", "https://a.example/", "https://b.example/", false, false},
	{"connect-src shadows default-src", "default-src *; connect-src 'self'", "https://a.example/", "https://b.example/", false, false},
	{"empty connect-src blocks and shadows", "connect-src; default-src *", "https://a.example/", "https://a.example/", false, false},
	{"every enforced policy must allow", "connect-src *, connect-src 'self'", "https://a.example/", "https://b.example/", false, false},
	// §2.3 'none'.
	{"'none' alone", "connect-src 'none'", "https://a.example/", "https://a.example/", false, false},
	{"'none' with others is ignored", "connect-src 'none' https://b.example", "https://a.example/", "https://b.example/", false, true},
	// §3.3 step 1: *.
	{"* http", "connect-src *", "https://a.example/", "http://b.example/", false, true},
	{"* data", "connect-src *", "https://a.example/", "data:text/plain,x", false, false},
	{"* blob", "connect-src *", "https://a.example/", "blob:https://a.example/uuid", false, false},
	{"* custom scheme", "connect-src *", "https://a.example/", "myapp://x/", false, false},
	{"* page's own scheme", "connect-src *", "myapp://host/page", "myapp://other/", false, true},
	{"* wss via Fetch model", "connect-src *", "https://a.example/", "wss://b.example/", false, true},
	// §3.4 scheme-part.
	{"http: covers https", "connect-src http:", "https://a.example/", "https://b.example/", false, true},
	{"https: not http", "connect-src https:", "https://a.example/", "http://b.example/", false, false},
	{"data: scheme-source", "connect-src data:", "https://a.example/", "data:,x", false, true},
	{"blob: scheme-source", "connect-src blob:", "https://a.example/", "blob:https://a.example/u", false, true},
	{"wss: covers https", "connect-src wss:", "https://a.example/", "https://b.example/", false, true},
	{"ws: covers http", "connect-src ws:", "https://a.example/", "http://b.example/", false, true},
	{"http://h covers https://h", "connect-src http://b.example", "https://a.example/", "https://b.example/", false, true},
	{"https://h not http://h", "connect-src https://b.example", "https://a.example/", "http://b.example/", false, false},
	{"scheme-less inherits https", "connect-src b.example", "https://a.example/", "http://b.example/", false, false},
	{"scheme-less on http page allows https", "connect-src b.example", "http://a.example/", "https://b.example/", false, true},
	{"scheme-less on opaque page", "connect-src b.example", "data:text/html,x", "https://b.example/", false, false},
	// §3.5 host-part.
	{"wildcard subdomain", "connect-src *.b.example", "https://a.example/", "https://x.y.b.example/", false, true},
	{"wildcard not apex", "connect-src *.b.example", "https://a.example/", "https://b.example/", false, false},
	{"wildcard not suffix without dot", "connect-src *.b.example", "https://a.example/", "https://xb.example/", false, false},
	{"host case-insensitive", "connect-src HTTPS://B.EXAMPLE", "https://a.example/", "https://b.example/", false, true},
	{"IDN target punycoded", "connect-src xn--bcher-kva.example", "https://a.example/", "https://BÜCHER.example/x", false, true},
	{"IP host never matches host-source", "connect-src https://10.0.0.1", "https://a.example/", "https://10.0.0.1/", false, false},
	{"https://* not an IP", "connect-src https://*", "https://a.example/", "https://10.0.0.1/", false, false},
	{"https://* any domain", "connect-src https://*", "https://a.example/", "https://z.example/", false, true},
	{"IPv4 forms normalised for 'self'", "connect-src 'self'", "https://127.0.0.1/", "https://0x7f000001/x", false, true},
	{"trailing dot distinct", "connect-src b.example", "https://a.example/", "https://b.example./", false, false},
	{"trailing dot source", "connect-src b.example.", "https://a.example/", "https://b.example./", false, true},
	{"non-special URL opaque host", "connect-src myapp://h", "https://a.example/", "myapp://h/", false, false},
	{"superdomain not matched", "connect-src b.example", "https://a.example/", "https://b.example.evil.net/", false, false},
	// §3.6 port-part.
	{"default port only", "connect-src https://b.example", "https://a.example/", "https://b.example:8443/", false, false},
	{"explicit default port", "connect-src https://b.example:443", "https://a.example/", "https://b.example/", false, true},
	{"port written out in URL", "connect-src https://b.example", "https://a.example/", "https://b.example:443/", false, true},
	{"port wildcard", "connect-src https://b.example:*", "https://a.example/", "https://b.example:9/", false, true},
	{"leading zeros", "connect-src https://b.example:08443", "https://a.example/", "https://b.example:8443/", false, true},
	{"80 to 443 not in spec", "connect-src http://b.example:80", "https://a.example/", "https://b.example/", false, false},
	{"upgrade on same non-default port", "connect-src http://b.example:8080", "https://a.example/", "https://b.example:8080/", false, true},
	{"port too large", "connect-src https://b.example:99999", "https://a.example/", "https://b.example/", false, false},
	// §3.7 path-part.
	{"exact path", "connect-src https://b.example/v1", "https://a.example/", "https://b.example/v1", false, true},
	{"exact path not dir", "connect-src https://b.example/v1", "https://a.example/", "https://b.example/v1/", false, false},
	{"dir path prefix", "connect-src https://b.example/v1/", "https://a.example/", "https://b.example/v1/a/b", false, true},
	{"dir path not sibling", "connect-src https://b.example/v1/", "https://a.example/", "https://b.example/v10/x", false, false},
	{"path case-sensitive", "connect-src https://b.example/v1/", "https://a.example/", "https://b.example/V1/x", false, false},
	{"percent-decoded segments", "connect-src https://b.example/a%20b/", "https://a.example/", "https://b.example/a b/c", false, true},
	{"%2F is not a separator", "connect-src https://b.example/a/b", "https://a.example/", "https://b.example/a%2Fb", false, false},
	{"query and fragment ignored", "connect-src https://b.example/f", "https://a.example/", "https://b.example/f?x=1#y", false, true},
	{"dot segments removed", "connect-src https://b.example/api/", "https://a.example/", "https://b.example/api/../api/x", false, true},
	{"dot segments escape", "connect-src https://b.example/api/", "https://a.example/", "https://b.example/api/../admin", false, false},
	{"redirect ignores path", "connect-src https://b.example/v1", "https://a.example/", "https://b.example/other", true, true},
	{"redirect still checks host", "connect-src https://b.example/v1", "https://a.example/", "https://c.example/v1", true, false},
	{"source with query never matches", "connect-src https://b.example/a?x=1", "https://a.example/", "https://b.example/a?x=1", false, false},
	// §3.3 step 4: 'self'.
	{"self same origin", "connect-src 'self'", "https://a.example/p", "/api", false, true},
	{"self other port", "connect-src 'self'", "https://a.example/", "https://a.example:8443/", false, false},
	{"self http page upgrades to https", "connect-src 'self'", "http://a.example/", "https://a.example/", false, true},
	{"self https page not http", "connect-src 'self'", "https://a.example/", "http://a.example/", false, false},
	{"self wss", "connect-src 'self'", "https://a.example/", "wss://a.example/", false, true},
	{"self ws from https page", "connect-src 'self'", "https://a.example/", "ws://a.example/", false, false},
	{"self ws from http page", "connect-src 'self'", "http://a.example/", "ws://a.example/", false, true},
	{"self same non-default port upgrade", "connect-src 'self'", "http://a.example:8080/", "https://a.example:8080/", false, true},
	{"self never blob", "connect-src 'self'", "https://a.example/", "blob:https://a.example/uuid", false, false},
	{"self opaque page", "connect-src 'self'", "data:text/html,x", "https://a.example/", false, false},
	{"self from blob page", "connect-src 'self'", "blob:https://a.example/uuid", "https://a.example/x", false, true},
	{"nonce never matches", "connect-src 'nonce-abc' 'unsafe-inline' 'sha256-abc='", "https://a.example/", "https://a.example/", false, false},
	// upgrade-insecure-requests.
	{"upgrade-insecure-requests upgrades http", "upgrade-insecure-requests; connect-src https://b.example", "https://a.example/", "http://b.example/", false, true},
	{"upgrade-insecure-requests upgrades ws", "upgrade-insecure-requests; connect-src wss://b.example", "https://a.example/", "ws://b.example/", false, true},
	{"upgrade then port 80 default", "upgrade-insecure-requests; connect-src https://b.example", "https://a.example/", "http://b.example:80/", false, true},
	{"block-all-mixed-content changes nothing", "block-all-mixed-content; connect-src http://b.example", "https://a.example/", "http://b.example/", false, true},
	// §1.3 parsing effects.
	{"non-ASCII drops connect-src", "connect-src https://b.example https://ü.example; default-src 'self'", "https://a.example/", "https://b.example/", false, false},
	{"first duplicate wins", "connect-src 'self'; connect-src *", "https://a.example/", "https://b.example/", false, false},
	{"NBSP is not whitespace", "connect-src\u00a0*", "https://a.example/", "https://b.example/", false, true},
}

func TestConnect(t *testing.T) {
	for _, tt := range connectTests {
		t.Run(tt.name, func(t *testing.T) {
			list, _ := csp.Parse(tt.policy)
			opts := []match.Option{match.WithEngine(match.Spec)}
			if tt.redirected {
				opts = append(opts, match.Redirected())
			}
			d, err := match.Connect(list, tt.page, tt.target, opts...)
			require.NoError(t, err)
			assert.Equal(t, tt.allow, d.CSPAllowed, "%s", d)
			assert.Equal(t, tt.allow && !d.MixedContent, d.Allowed, "%s: the request goes through", d)
		})
	}
}

func TestReportOnly(t *testing.T) {
	enforced := csp.MustParse("connect-src *")
	reported, err := csp.ParseReportOnly("connect-src 'self'")
	require.NoError(t, err)
	list := csp.Join(enforced, reported)
	d, err := match.Connect(list, "https://a.example/", "https://b.example/")
	require.NoError(t, err)
	assert.True(t, d.Allowed)
	v := d.Violations()
	require.Len(t, v, 1)
	assert.Equal(t, csp.ReportOnly, v[0].Disposition)
	assert.Equal(t, 1, v[0].Policy)
	assert.Contains(t, d.String(), "report-only policy 1 connect-src")

	// upgrade-insecure-requests is ignored in report-only policies.
	ro, _ := csp.ParseReportOnly("upgrade-insecure-requests")
	d, err = match.Connect(csp.Join(csp.MustParse("connect-src https:"), ro), "https://a.example/", "http://b.example/")
	require.NoError(t, err)
	assert.False(t, d.Allowed)
	assert.False(t, d.Upgraded)
}

func TestDecisionFields(t *testing.T) {
	list := csp.MustParse("default-src 'self' https://api.example.com")
	d, err := match.Connect(list, "https://example.com/app/", "https://API.example.com:443/v1")
	require.NoError(t, err)
	assert.True(t, d.Allowed)
	require.Len(t, d.Policies, 1)
	v := d.Policies[0]
	assert.Equal(t, "default-src", v.Directive)
	assert.True(t, v.Fallback())
	e, ok := v.Matched()
	require.True(t, ok)
	assert.Equal(t, "https://api.example.com", e.String())
	assert.Equal(t, "https://api.example.com/v1", d.Target().String())
	assert.Equal(t, "https://example.com/app/", d.Page().String())
	assert.Equal(t, "chromium", d.Engine().String(), "the first engine represents an agreed decision")
	require.Len(t, d.Engines, 3)
	assert.Empty(t, d.Violations())

	d, err = match.Connect(list, "https://example.com/", "wss://example.com/socket", match.WithEngine(match.Spec))
	require.NoError(t, err)
	assert.Equal(t, "https://example.com/socket", d.Checked().String(), "Spec checks a WebSocket URL in its https form")

	d, err = match.Connect(csp.MustParse("connect-src http:"), "https://example.com/", "http://insecure.example/")
	require.NoError(t, err)
	assert.True(t, d.CSPAllowed, "the policy allows it")
	assert.True(t, d.MixedContent)
	assert.False(t, d.Allowed, "but it does not go through")
	assert.True(t, d.Blocked(), "in any browser")
	assert.Empty(t, d.Explain(), "every policy allows it: nothing to add")
	d, err = match.Connect(csp.MustParse("connect-src http:"), "https://example.com/", "http://127.0.0.1:8080/")
	require.NoError(t, err)
	chromium, ok := d.For(match.Chromium)
	require.True(t, ok)
	assert.False(t, chromium.MixedContent, "loopback is potentially trustworthy")
	webkit, ok := d.For(match.WebKit)
	require.True(t, ok)
	assert.True(t, webkit.MixedContent, "WebKit treats http loopback as mixed content")
	assert.True(t, d.MixedContent, "some browser blocks it as mixed content")
	assert.True(t, d.Divergent(), "it goes through in Chromium and Firefox only")
	assert.Equal(t, []match.Engine{match.Chromium, match.Firefox}, d.AllowedBy())
}

func TestConnectErrors(t *testing.T) {
	list := csp.MustParse("connect-src *")
	for _, tt := range []struct{ page, target, role, msg string }{
		{"", "https://a.example/", "page", `match: invalid page URL ""`},
		{"/relative", "https://a.example/", "page", `invalid page URL "/relative"`},
		{"https://a.example/", "http://exa mple/", "target", `invalid target URL "http://exa mple/"`},
		{"https://a.example/", "https://a.example:99999/", "target", "port"},
		{"https://a.example/", "https://xn--/", "target", "invalid target URL"},
		{"data:text/html,x", "/relative", "target", "invalid target URL"},
	} {
		d, err := match.Connect(list, tt.page, tt.target)
		require.Error(t, err, "%q %q", tt.page, tt.target)
		var ue *match.URLError
		require.True(t, errors.As(err, &ue))
		assert.Equal(t, tt.role, ue.Role)
		assert.Contains(t, err.Error(), tt.msg)
		assert.NotNil(t, errors.Unwrap(err))
		assert.False(t, d.Allowed, "an unparsable URL is never allowed")
	}
	_, err := match.ConnectURL(list, match.URL{}, match.MustParseURL("https://a.example/"))
	require.Error(t, err)
	_, err = match.ConnectURL(list, match.MustParseURL("https://a.example/"), match.URL{})
	require.Error(t, err)
	assert.Panics(t, func() { match.MustParseURL("nope") })
}

func TestPieces(t *testing.T) {
	page := match.MustParseURL("https://example.com/index.html")
	target, err := page.ParseRef("/api/v1")
	require.NoError(t, err)
	assert.Equal(t, "https://example.com/api/v1", target.String())
	assert.Equal(t, "https", target.Scheme())
	assert.Equal(t, "example.com", target.Host())
	assert.Equal(t, -1, target.Port())
	assert.Equal(t, "/api/v1", target.Path())
	assert.Equal(t, "https://example.com", target.Origin())

	assert.True(t, match.ExpressionMatches(source.MustParse("'self'"), page, target))
	assert.False(t, match.ExpressionMatches(source.MustParse("https://example.com/api/v2"), page, target))
	assert.True(t, match.ExpressionMatches(source.MustParse("https://example.com/api/v2"), page, target, match.Redirected()))
	assert.False(t, match.ExpressionMatches(source.MustParse("*"), page, match.URL{}))

	i, ok := match.ListMatches(source.MustParseList("https://cdn.example 'self'"), page, target, match.WithEngine(match.Spec))
	assert.True(t, ok)
	assert.Equal(t, 1, i)
	i, ok = match.ListMatches(source.MustParseList("'none'"), page, target)
	assert.False(t, ok)
	assert.Equal(t, -1, i)
	_, ok = match.ListMatches(source.List{}, page, target)
	assert.False(t, ok)
}

func TestDecisionString(t *testing.T) {
	for _, tt := range []struct{ policy, page, target, want string }{
		{"", "https://a.example/", "https://b.example/", "allowed: https://b.example/; no policy restricts connections"},
		{"img-src 'none'", "https://a.example/", "https://b.example/", "allowed: https://b.example/; no enforced policy has connect-src or default-src, so connections are unrestricted"},
		{"connect-src 'self' https://b.example", "https://a.example/", "https://b.example/x", "allowed: https://b.example/x; policy 0 connect-src allows it by https://b.example"},
		{"default-src 'self'", "https://a.example/", "https://b.example/", "blocked: https://b.example/; policy 0 default-src (no connect-src) 'self': no source matches (page origin https://a.example); to allow it, add https://b.example to default-src"},
		{"connect-src https://c.example/v1/", "https://a.example/", "https://b.example/api/x", "blocked: https://b.example/api/x; policy 0 connect-src https://c.example/v1/: no source matches (page origin https://a.example); to allow it, add https://b.example to connect-src (or, narrower, https://b.example/api/x)"},
		{"connect-src 'self' a.example b.example c.example d.example", "https://x.example/", "https://evil.example/", "blocked: https://evil.example/; policy 0 connect-src 'self' a.example b.example c.example and 1 more: no source matches (page origin https://x.example); to allow it, add https://evil.example to connect-src"},
		{"connect-src", "https://a.example/", "https://a.example/", "blocked: https://a.example/; policy 0 connect-src is empty, which blocks everything; to allow it, add https://a.example to connect-src"},
		{"connect-src 'none'", "https://a.example/", "https://a.example/", "blocked: https://a.example/; policy 0 connect-src is 'none'; to allow it, replace 'none' in connect-src with https://a.example"},
		{"upgrade-insecure-requests; connect-src https://b.example", "https://a.example/", "http://b.example/", "allowed: http://b.example/ (checked as https://b.example/, upgraded by upgrade-insecure-requests); policy 0 connect-src allows it by https://b.example"},
		{"connect-src http:", "https://a.example/", "http://b.example/", "blocked as mixed content: http://b.example/; policy 0 connect-src allows it by http:; an https page's request to http: or ws: is blocked as mixed content whatever the policies say: use https: or wss:"},
		{"connect-src https://a.example", "https://a.example/", "http://b.example/", "blocked: http://b.example/; policy 0 connect-src https://a.example: no source matches (page origin https://a.example); an https page's request to http: or ws: is blocked as mixed content whatever the policies say: use https: or wss:"},
		{"connect-src https://a.example", "http://a.example/", "http://b.example/", "blocked: http://b.example/; policy 0 connect-src https://a.example: no source matches (page origin http://a.example); to allow it, add http://b.example to connect-src; caution: lint rates it medium (CSP1006): http://b.example is plaintext: the traffic can be read and changed on the network, and https pages block or upgrade it as mixed content; use https://"},
		{"connect-src *, connect-src 'self'", "https://a.example/", "https://b.example/", "blocked: https://b.example/; policy 1 connect-src 'self': no source matches (page origin https://a.example); to allow it, add https://b.example to connect-src"},
	} {
		list, _ := csp.Parse(tt.policy)
		d, err := match.Connect(list, tt.page, tt.target, match.WithEngine(match.Spec))
		require.NoError(t, err)
		assert.Equal(t, tt.want, d.String())
	}
	list := csp.MustParse("connect-src https://b.example/v1")
	d, err := match.Connect(list, "https://a.example/", "https://b.example/other", match.Redirected(), match.WithEngine(match.Spec))
	require.NoError(t, err)
	assert.Equal(t, "allowed: https://b.example/other after a redirect (paths ignored); policy 0 connect-src allows it by https://b.example/v1", d.String())
}

func TestZeroDecisionAndURLErrors(t *testing.T) {
	d, err := match.Connect(csp.MustParse("connect-src *"), "https://example.com/", "http://exa mple/")
	require.Error(t, err)
	assert.Equal(t, "no decision (the call returned an error)", d.String())
	assert.False(t, d.Allowed)
	_, err = match.ParseURL("/x")
	assert.ErrorContains(t, err, `match: invalid URL "/x"`)
}
