package match_test

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cspkit/cspkit/csp"
	"github.com/cspkit/cspkit/match"
)

func TestStrictTarget(t *testing.T) {
	list := csp.MustParse("connect-src 'self'")
	const page = "https://app.example.com/"
	tests := []struct {
		target string
		ok     bool
		msg    string // part of the error message
	}{
		{"https://api.example.com/v1", true, ""},
		{"HTTPS://api.example.com/v1", true, ""},
		{"wss://live.example.com/", true, ""},
		{"data:text/plain,x", true, ""},
		{"/api", true, ""},
		{"//cdn.example.com/x", true, ""},
		{"./x", true, ""},
		{"../x", true, ""},
		{"?q=1", true, ""},
		{"#f", true, ""},
		{".", true, ""},
		{"..", true, ""},
		{"  /api", true, ""},
		{"api.example.com/v1", false, "the page would request https://app.example.com/api.example.com/v1, a path on the page's host; write https://api.example.com/v1 for that host"},
		{"evil.example", false, "write https://evil.example for that host, or /evil.example for a path"},
		{"htps//evil.example/", false, "write an absolute URL (https://host/path) for another host, or /htps//evil.example/ for a path"},
		{"", false, "it is empty; write / for the page's root"},
		{"localhost:3000/api", false, `it reads as a URL with the scheme "localhost"; write https://localhost:3000/api`},
		{"api.example.com:8443", false, "write https://api.example.com:8443"},
		{"api", false, "a path on the page's host"},
		{"https:/evil.example/x", false, "the page would request https://app.example.com/evil.example/x, a path on the page's host, not https://evil.example/x; write https://evil.example/x"},
		{"https:evil.example/x", false, "not https://evil.example/x"},
		{"HTTPS:/evil.example", false, "not https://evil.example/"},
		{"http:/evil.example/x", true, ""}, // another scheme than the page's: absolute either way
		{"https:://evil.example/x", false, "would request https://app.example.com/://evil.example/x, a path on the page's host, not https://evil.example/x; write https://evil.example/x"},
		{"https:::evil.example", false, "not https://evil.example"},
	}
	for _, tt := range tests {
		d, err := match.Load(list, page, tt.target, match.Connection, match.StrictTarget())
		if tt.ok {
			assert.NoError(t, err, tt.target)
			continue
		}
		require.Error(t, err, tt.target)
		assert.False(t, d.Allowed, "no decision, so never allowed")
		var ue *match.URLError
		require.ErrorAs(t, err, &ue)
		assert.Equal(t, "target", ue.Role)
		var amb *match.AmbiguousTargetError
		require.True(t, errors.As(err, &amb), tt.target)
		assert.Contains(t, err.Error(), tt.msg)

		// Without the option, fetch() semantics: a path on the page's host.
		_, err = match.Connect(list, page, tt.target)
		assert.NoError(t, err, tt.target)
	}
}

func TestSmallGuards(t *testing.T) {
	assert.Equal(t, -1, match.URL{}.Port(), "the zero URL has no port")
	assert.Equal(t, `match: invalid target URL ""`, (&match.URLError{Role: "target"}).Error(), "no panic without a cause")
	for name, want := range map[string]match.Request{"WebSocket": match.WebSocket, "XMLHttpRequest": match.XHR, "sendBeacon": match.Beacon, " FETCH": match.Fetch} {
		got, err := match.ParseRequest(name)
		require.NoError(t, err, name)
		assert.Equal(t, want, got, name)
	}
	d, err := match.Connect(csp.MustParse("connect-src *"), "https://a.example/", "https://b.example/", match.WithRequest(match.Request(99)))
	require.NoError(t, err)
	assert.False(t, d.Allowed, "an unknown request kind is never allowed")
	assert.Contains(t, d.Refused, "no request kind this package knows")
	d, err = match.Connect(csp.MustParse("connect-src *"), "https://a.example/", "https://b.example/", match.WithEngines(match.Spec, match.Spec, match.Firefox))
	require.NoError(t, err)
	assert.Len(t, d.Engines, 2, "each engine decides once")
	assert.Contains(t, d.String(), "(CSP3 spec and Firefox agree)")
}

// TestUnknownSchemes checks that StrictTarget refuses a page or target
// whose scheme browsers do not know: a typo would decide about a URL no
// page requests (and a non-special scheme is blocked by nearly any policy,
// so a "blocks" test would pass without testing).
func TestUnknownSchemes(t *testing.T) {
	list := csp.MustParse("connect-src 'self'")
	tests := []struct {
		page, target, role, msg string
	}{
		{"https://app.example/", "htps://evil.example/", "target", `unknown scheme "htps:" (did you mean "https:"?)`},
		{"https://app.example/", "ttps://evil.example/", "target", `did you mean "https:"?`},
		{"https://app.example/", "wws://live.example/", "target", `did you mean "wss:"?`},
		{"https://app.example/", "gopher://x/", "target", `unknown scheme "gopher:"`},
		{"httsp://app.example/", "/x", "page", `unknown scheme "httsp:" (did you mean "https:"?)`},
	}
	for _, tt := range tests {
		_, err := match.Connect(list, tt.page, tt.target, match.StrictTarget())
		var ue *match.URLError
		require.ErrorAs(t, err, &ue, tt.target)
		assert.Equal(t, tt.role, ue.Role)
		var se *match.UnknownSchemeError
		require.ErrorAs(t, err, &se)
		assert.Contains(t, err.Error(), tt.msg)

		_, err = match.Connect(list, tt.page, tt.target)
		assert.NoError(t, err, "without StrictTarget the URL is decided as browsers parse it")
	}
	for _, ok := range []string{"data:,x", "blob:https://app.example/1", "mailto:a@b.example", "about:blank", "HTTPS://x.example/", "wss://x.example/"} {
		_, err := match.Connect(list, "https://app.example/", ok, match.StrictTarget())
		assert.NoError(t, err, ok)
	}
}
