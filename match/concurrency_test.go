package match_test

import (
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/cspkit/cspkit/csp"
	"github.com/cspkit/cspkit/match"
)

// TestConcurrentDecisions shares one parsed list between goroutines; run
// with -race it proves decisions only read the list.
func TestConcurrentDecisions(t *testing.T) {
	list := csp.MustParse(benchPolicy)
	targets := map[string]bool{
		"https://api.example.com/x":           true,
		"https://evil.example/":               false,
		"wss://live.example.com/s":            true,
		"https://sentry.example.io/api/1":     true,
		"https://sentry.example.io/other":     false,
		"https://a.analytics.example/collect": true,
	}
	var wg sync.WaitGroup
	for g := range 16 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 20 {
				for target, want := range targets {
					d, err := match.Connect(list, "https://example.com/", target)
					if assert.NoError(t, err) {
						assert.Equal(t, want, d.Allowed, "goroutine %d: %s", g, d)
					}
				}
			}
		}()
	}
	wg.Wait()
}
