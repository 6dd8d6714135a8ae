package csp_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/cspkit/cspkit/csp"
	"github.com/cspkit/cspkit/internal/corpus"
)

// TestParseAllocationsAreFixed checks that parsing allocates a fixed number
// of times (the policies, directives and token records), however many
// policies, directives and tokens the header has, as long as there is
// nothing to report and nothing to lower-case.
func TestParseAllocationsAreFixed(t *testing.T) {
	headers := map[string]string{
		"1KB policies": scaleHeader("policies", 1<<10),
		"1MB policies": scaleHeader("policies", 1<<20),
		"1MB sources":  scaleHeader("sources", 1<<20),
	}
	for _, c := range corpus.LoadTB(t) {
		if _, err := csp.Parse(c.Value); err == nil && strings.ToLower(c.Value) == c.Value {
			headers[c.Name] = c.Value
		}
	}
	assert.Greater(t, len(headers), 10)
	for name, h := range headers {
		runs := 20
		if len(h) > 1<<16 {
			runs = 10
		}
		allocs := testing.AllocsPerRun(runs, func() { sinkList, sinkErr = csp.Parse(h) })
		assert.Equal(t, 3.0, allocs, "%s (%d bytes)", name, len(h))
	}
}
