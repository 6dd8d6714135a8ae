package match_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cspkit/cspkit/csp"
	"github.com/cspkit/cspkit/match"
)

// TestRound4Switches pins each switch modelled from the fourth recording
// round with a case per engine: the verdict each browser recorded (the
// ids name one recorded case of the rule) and CSP3's.
func TestRound4Switches(t *testing.T) {
	type want struct{ spec, chromium, firefox, webkit string }
	tests := []struct {
		name, policy, page, target string
		request                    match.Request
		want                       want
	}{
		// mixed-content-violation (f000001): Chromium reports a mixed
		// request as a block-all-mixed-content violation.
		{"block-all-mixed-content", "connect-src *; block-all-mixed-content", "https://a.example/", "http://b.example/x", match.Fetch,
			want{"allowed", "blocked", "allowed", "allowed"}},
		{"block-all-mixed-content spares loopback", "connect-src *; block-all-mixed-content", "https://a.example/", "http://127.0.0.2/x", match.Fetch,
			want{"allowed", "allowed", "allowed", "allowed"}},
		// websocket-reparsed-policy (f000605).
		{"websocket with an escaped space", "connect-src wss://pe.example/a%20b/", "https://a.example/", "wss://pe.example/a%20b/c", match.WebSocket,
			want{"allowed", "allowed", "blocked", "allowed"}},
		{"fetch with an escaped space", "connect-src https://pe.example/a%20b/", "https://a.example/", "https://pe.example/a%20b/c", match.Fetch,
			want{"allowed", "allowed", "allowed", "allowed"}},
		{"websocket with an escaped semicolon loses later sources", "connect-src wss://pe.example/a%3Bb/ wss://ok.example", "https://a.example/", "wss://ok.example/", match.WebSocket,
			want{"allowed", "allowed", "blocked", "allowed"}},
		{"websocket with a non-ASCII escape", "connect-src 'self' wss://pe.example/%C3%A9/", "https://pe.example/", "wss://pe.example/%C3%A9/x", match.WebSocket,
			want{"allowed", "allowed", "allowed", "allowed"}},
		// star-host-needs-port (f001117).
		{"* host with a path", "connect-src https://*/p/", "https://a.example/", "https://b.example/p/x", match.Fetch,
			want{"allowed", "allowed", "blocked", "allowed"}},
		{"* host with a port and a path", "connect-src https://*:443/p/", "https://a.example/", "https://b.example/p/x", match.Fetch,
			want{"allowed", "allowed", "allowed", "allowed"}},
		// source-query-after-host (f001441).
		{"query after the host", "connect-src https://q.example?x", "https://a.example/", "https://q.example/any", match.Fetch,
			want{"blocked", "blocked", "allowed", "blocked"}},
		// strict-dynamic-in-default-src (f001809).
		{"strict-dynamic before a host", "default-src 'strict-dynamic' https://sd.example", "https://a.example/", "https://sd.example/", match.Fetch,
			want{"allowed", "allowed", "allowed", "blocked"}},
		{"strict-dynamic after a host", "default-src https://sd.example 'strict-dynamic'", "https://a.example/", "https://sd.example/", match.Fetch,
			want{"allowed", "allowed", "allowed", "allowed"}},
		{"strict-dynamic voids 'self'", "default-src 'self' 'strict-dynamic'", "https://a.example/", "https://a.example/x", match.Fetch,
			want{"allowed", "allowed", "allowed", "blocked"}},
		{"strict-dynamic in connect-src", "connect-src 'strict-dynamic' https://sd.example", "https://a.example/", "https://sd.example/", match.Fetch,
			want{"allowed", "allowed", "allowed", "allowed"}},
		// sandboxed-self (f002195, f002232, f002697).
		{"sandboxed 'self', another host", "sandbox allow-scripts; connect-src 'self'", "https://sb.example/", "https://attacker.example/x", match.Fetch,
			want{"blocked", "blocked", "blocked", "allowed"}},
		{"sandboxed 'self', own origin", "sandbox allow-scripts; connect-src 'self'", "https://sb.example/", "https://sb.example/x", match.Fetch,
			want{"blocked", "allowed", "allowed", "allowed"}},
		{"sandboxed 'self', own http origin", "sandbox allow-scripts; connect-src 'self'", "http://sb.example/", "http://sb.example/x", match.Fetch,
			want{"blocked", "allowed", "allowed", "blocked"}},
		{"sandboxed scheme-less source", "sandbox allow-scripts; connect-src sb.example", "https://sb.example/", "https://sb.example/x", match.Fetch,
			want{"blocked", "allowed", "allowed", "blocked"}},
		{"allow-same-origin keeps the origin", "sandbox allow-scripts allow-same-origin; connect-src 'self'", "https://sb.example/", "https://attacker.example/x", match.Fetch,
			want{"blocked", "blocked", "blocked", "blocked"}},
		// sandboxed-relative-websocket-refused (f002214).
		{"sandboxed relative WebSocket", "sandbox allow-scripts; connect-src *", "https://sb.example/", "/ok", match.WebSocket,
			want{"allowed", "allowed", "refused", "allowed"}},
		// path-escape-charset (f003089, f003153).
		{"%E9 against %C3%A9", "connect-src https://pd.example/%C3%A9/", "https://a.example/", "https://pd.example/%E9/x", match.Fetch,
			want{"blocked", "allowed", "blocked", "blocked"}},
		{"%FF against %E9", "connect-src https://pd.example/%FF/", "https://a.example/", "https://pd.example/%E9/x", match.Fetch,
			want{"blocked", "blocked", "blocked", "allowed"}},
		{"valid UTF-8 prefix, invalid rest", "connect-src https://pd.example/%C3%A9/", "https://a.example/", "https://pd.example/%C3%A9/%FF", match.Fetch,
			want{"allowed", "blocked", "allowed", "allowed"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			list, _ := csp.Parse(tt.policy)
			for e, w := range map[match.Engine]string{match.Spec: tt.want.spec, match.Chromium: tt.want.chromium,
				match.Firefox: tt.want.firefox, match.WebKit: tt.want.webkit} {
				d, err := match.Connect(list, tt.page, tt.target, match.WithEngine(e), match.WithRequest(tt.request))
				require.NoError(t, err)
				got := "allowed"
				switch {
				case d.Refused != "":
					got = "refused"
				case !d.CSPAllowed:
					got = "blocked"
				}
				assert.Equal(t, w, got, "%s: %s", e, d)
				if tt.target[0] == '/' {
					// Allows takes the target parsed, without knowing it
					// was written relative to the page (see ConnectURL).
					continue
				}
				page, target := d.Page(), d.Target()
				assert.Equal(t, d.Allowed, match.Allows(list, page, target, match.WithEngine(e), match.WithRequest(tt.request)), "%s: Allows", e)
			}
		})
	}
}

// TestBlockedByVerdicts checks how a verdict blocked by something other than
// its sources reads: the directive that blocked, why, and no suggestion.
func TestBlockedByVerdicts(t *testing.T) {
	list := csp.MustParse("connect-src *; block-all-mixed-content")
	d, err := match.Connect(list, "https://a.example/", "http://b.example/x", match.WithEngine(match.Chromium))
	require.NoError(t, err)
	v := d.Policies[0]
	assert.False(t, v.Allowed)
	assert.Equal(t, "connect-src", v.Directive)
	assert.Equal(t, "block-all-mixed-content", v.BlockedBy)
	assert.Equal(t, "block-all-mixed-content", v.ViolatedDirective())
	assert.Contains(t, d.String(), "connect-src allows it, but block-all-mixed-content blocks it")
	require.Len(t, d.Explain(), 1)
	assert.Empty(t, d.Explain()[0].Suggestions)

	d, err = match.Connect(csp.MustParse("connect-src wss://pe.example/a%20b/"), "https://a.example/", "wss://pe.example/a%20b/c", match.WithEngine(match.Firefox))
	require.NoError(t, err)
	v = d.Policies[0]
	assert.Equal(t, "connect-src", v.BlockedBy)
	assert.Equal(t, "connect-src", v.ViolatedDirective())
	assert.Contains(t, v.Reason, "(connect-src wss://pe.example/a b/)")
	_, matched := v.Matched()
	assert.False(t, matched)
}
