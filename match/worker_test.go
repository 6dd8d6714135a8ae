package match_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cspkit/cspkit/csp"
	"github.com/cspkit/cspkit/match"
)

// TestWorkerRefusals checks the URLs worker constructors refuse before any
// fetch, whatever the policy allows: a policy of * allows every one of
// these targets, so only the refusal can block them.
func TestWorkerRefusals(t *testing.T) {
	list := csp.MustParse("default-src * data: blob:")
	tests := []struct {
		dest    match.Destination
		page    string
		target  string
		refused string // "" when the load goes through
	}{
		{match.Worker, "https://app.example/", "/w.js", ""},
		{match.Worker, "https://app.example/", "https://app.example:443/w.js", ""},
		{match.Worker, "https://app.example/", "data:text/javascript,1", ""},
		{match.Worker, "https://app.example/", "blob:https://app.example/8d1c", ""},
		{match.Worker, "https://app.example/", "blob:https://cdn.example/8d1c", "same-origin and data: scripts"},
		{match.Worker, "https://app.example/", "https://cdn.example/w.js", "same-origin and data: scripts"},
		{match.Worker, "https://app.example/", "http://app.example/w.js", "same-origin and data: scripts"},
		{match.Worker, "https://app.example/", "https://app.example:8443/w.js", "same-origin and data: scripts"},
		{match.SharedWorker, "https://app.example/", "/s.js", ""},
		{match.SharedWorker, "https://app.example/", "https://sub.app.example/s.js", "same-origin and data: scripts"},
		{match.Worker, "data:text/html,<p>", "data:text/javascript,1", ""},
		{match.Worker, "data:text/html,<p>", "https://app.example/w.js", "same-origin and data: scripts"},
		{match.ServiceWorker, "https://app.example/", "/sw.js", ""},
		{match.ServiceWorker, "http://localhost:8080/", "/sw.js", ""},
		{match.ServiceWorker, "http://127.0.0.1/", "/sw.js", ""},
		{match.ServiceWorker, "http://app.example/", "/sw.js", "exists only on secure pages"},
		{match.ServiceWorker, "https://app.example/", "data:text/javascript,1", "only http: and https: scripts"},
		{match.ServiceWorker, "https://app.example/", "blob:https://app.example/8d1c", "only http: and https: scripts"},
		{match.ServiceWorker, "https://app.example/", "https://cdn.example/sw.js", "only same-origin scripts"},
	}
	for _, tt := range tests {
		t.Run(tt.dest.String()+" "+tt.page+" "+tt.target, func(t *testing.T) {
			for _, e := range append(match.Browsers(), match.Spec) {
				d, err := match.Load(list, tt.page, tt.target, tt.dest, match.WithEngine(e))
				require.NoError(t, err)
				if tt.refused == "" {
					assert.Empty(t, d.Refused, "%s: %s", e, d)
					assert.True(t, d.Allowed, "%s: %s", e, d)
					continue
				}
				assert.Contains(t, d.Refused, tt.refused, "%s", e)
				assert.False(t, d.Allowed, "%s: refused before CSP runs", e)
				assert.Empty(t, d.Policies, "%s: no policy is consulted", e)
				assert.Equal(t, d.Allowed, match.AllowsLoad(list, d.Page(), d.Target(), tt.dest, match.WithEngine(e)))
			}
		})
	}
}
