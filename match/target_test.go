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
		{"api.example.com/v1", false, "fetch() would request https://app.example.com/api.example.com/v1, a path on the page's host; write https://api.example.com/v1 for that host"},
		{"evil.example", false, "write https://evil.example for that host, or /evil.example for a path"},
		{"htps//evil.example/", false, "write an absolute URL (https://host/path) for another host, or /htps//evil.example/ for a path"},
		{"", false, "it is empty; write / for the page's root"},
		{"localhost:3000/api", false, `it reads as a URL with the scheme "localhost"; write https://localhost:3000/api`},
		{"api.example.com:8443", false, "write https://api.example.com:8443"},
		{"api", false, "a path on the page's host"},
	}
	for _, tt := range tests {
		d, err := match.Connect(list, page, tt.target, match.StrictTarget())
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
