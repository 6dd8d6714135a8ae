package match_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cspkit/cspkit/csp"
	"github.com/cspkit/cspkit/match"
)

// TestLoadPreRequest checks CSP3's script-src pre-request check
// (#script-pre-request) and style-src-elem's: nonces, integrity metadata
// (#external-hash) and 'strict-dynamic', before the URL.
func TestLoadPreRequest(t *testing.T) {
	h := sha384Of("lib")
	h2 := sha256Of("lib")
	const other = "https://evil.example/x.js"
	tests := []struct {
		name    string
		policy  string
		dest    match.Destination
		target  string
		opts    []match.Option
		allowed bool
		match   string // the expression that allowed the load
		blocked string // BlockedBy, when not a source list
	}{
		{"strict-dynamic blocks a parser-inserted script", "script-src 'strict-dynamic' https:", match.Script, other, nil, false, "", "script-src"},
		{"strict-dynamic allows an inserted script", "script-src 'strict-dynamic'", match.Script, other, []match.Option{match.NotParserInserted()}, true, "'strict-dynamic'", ""},
		{"strict-dynamic in default-src", "default-src 'strict-dynamic'", match.Script, other, []match.Option{match.NotParserInserted()}, true, "'strict-dynamic'", ""},
		{"a nonce allows any URL", "script-src 'nonce-abc'", match.Script, other, []match.Option{match.WithNonce("abc")}, true, "'nonce-abc'", ""},
		{"a nonce beats strict-dynamic", "script-src 'strict-dynamic' 'nonce-abc'", match.Script, other, []match.Option{match.WithNonce("abc")}, true, "'nonce-abc'", ""},
		{"a wrong nonce", "script-src 'nonce-abc'", match.Script, other, []match.Option{match.WithNonce("abd")}, false, "", ""},
		{"an empty nonce matches nothing", "script-src 'nonce-abc'", match.Script, other, []match.Option{match.WithNonce("")}, false, "", ""},
		{"a nonce allows a style sheet", "style-src 'nonce-abc'", match.Style, other, []match.Option{match.WithNonce("abc")}, true, "'nonce-abc'", ""},
		{"a nonce does not allow an image", "img-src 'nonce-abc'", match.Image, "https://evil.example/x.png", []match.Option{match.WithNonce("abc")}, false, "", ""},
		{"the URL still allows without nonce", "script-src 'nonce-abc' https://cdn.example", match.Script, "https://cdn.example/x.js", nil, true, "https://cdn.example", ""},
		{"integrity listed", "script-src 'sha384-" + h + "'", match.Script, other, []match.Option{match.WithIntegrity("sha384-" + h)}, true, "'sha384-" + h + "'", ""},
		{"integrity algorithm in upper case", "script-src 'sha384-" + h + "'", match.Script, other, []match.Option{match.WithIntegrity("SHA384-" + h)}, true, "'sha384-" + h + "'", ""},
		{"integrity with options", "script-src 'sha384-" + h + "'", match.Script, other, []match.Option{match.WithIntegrity("sha384-" + h + "?opt")}, true, "'sha384-" + h + "'", ""},
		{"every integrity item must be listed", "script-src 'sha384-" + h + "'", match.Script, other, []match.Option{match.WithIntegrity("sha384-" + h + " sha256-" + h2)}, false, "", ""},
		{"two items both listed", "script-src 'sha384-" + h + "' 'sha256-" + h2 + "'", match.Script, other, []match.Option{match.WithIntegrity("sha256-" + h2 + "  sha384-" + h)}, true, "'sha256-" + h2 + "'", ""},
		{"unknown algorithms are skipped", "script-src 'sha384-" + h + "'", match.Script, other, []match.Option{match.WithIntegrity("md5-xyz sha384-" + h)}, true, "'sha384-" + h + "'", ""},
		{"only unknown algorithms", "script-src 'sha384-" + h + "'", match.Script, other, []match.Option{match.WithIntegrity("md5-xyz")}, false, "", ""},
		{"integrity beats strict-dynamic", "script-src 'strict-dynamic' 'sha384-" + h + "'", match.Script, other, []match.Option{match.WithIntegrity("sha384-" + h)}, true, "'sha384-" + h + "'", ""},
		{"integrity does not allow a style sheet", "style-src 'sha384-" + h + "'", match.Style, other, []match.Option{match.WithIntegrity("sha384-" + h)}, false, "", ""},
		{"integrity without hash-sources", "script-src 'self'", match.Script, other, []match.Option{match.WithIntegrity("sha384-" + h)}, false, "", ""},
		{"a hash-source without integrity", "script-src 'sha384-" + h + "'", match.Script, other, nil, false, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			list := csp.MustParse(tt.policy)
			for _, e := range []match.Engine{match.Spec, match.Chromium, match.Firefox, match.WebKit} {
				opts := append([]match.Option{match.WithEngine(e)}, tt.opts...)
				d, err := match.Load(list, inlinePage, tt.target, tt.dest, opts...)
				require.NoError(t, err)
				assert.Equal(t, tt.allowed, d.Allowed, "%s: %v", e, d)
				assert.Equal(t, d.Allowed, match.AllowsLoad(list, match.MustParseURL(inlinePage), match.MustParseURL(tt.target), tt.dest, opts...), "%s: AllowsLoad", e)
				v := d.Policies[0]
				if tt.match != "" {
					m, ok := v.Matched()
					require.True(t, ok, "%s: %v", e, d)
					assert.Equal(t, tt.match, m.String())
				}
				assert.Equal(t, tt.blocked, v.BlockedBy, "%s", e)
			}
		})
	}
}

// TestLoadIntegrityEngines pins the hash-comparison switch for SRI
// metadata.
func TestLoadIntegrityEngines(t *testing.T) {
	h := sha256Of("lib>>?") // has + and /
	tests := []struct {
		name, policy, integrity         string
		spec, chromium, firefox, webkit bool
	}{
		{"as written", "script-src 'sha256-" + h + "'", "sha256-" + h, true, true, true, true},
		{"policy in base64url", "script-src 'sha256-" + toURL(h) + "'", "sha256-" + h, false, true, true, true},
		{"no padding in the policy", "script-src 'sha256-" + strings.TrimRight(h, "=") + "'", "sha256-" + h, false, true, false, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			list := csp.MustParse(tt.policy)
			for i, e := range []match.Engine{match.Spec, match.Chromium, match.Firefox, match.WebKit} {
				d, err := match.Load(list, inlinePage, "https://cdn.example/x.js", match.Script, match.WithEngine(e), match.WithIntegrity(tt.integrity))
				require.NoError(t, err)
				assert.Equal(t, []bool{tt.spec, tt.chromium, tt.firefox, tt.webkit}[i], d.Allowed, "%s: %v", e, d)
			}
		})
	}
}

// TestLoadNonceTrimmed pins nonce-trimmed for external scripts.
func TestLoadNonceTrimmed(t *testing.T) {
	list := csp.MustParse("script-src 'nonce-abc'")
	d, err := match.Load(list, inlinePage, "https://x.example/a.js", match.Script, match.WithNonce(" abc "),
		match.WithEngines(match.Spec, match.Chromium, match.Firefox, match.WebKit))
	require.NoError(t, err)
	assert.Equal(t, []match.Engine{match.Chromium, match.WebKit}, d.AllowedBy(), "recorded: i000029 (inline), the same rule")
}
