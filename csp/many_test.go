package csp_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cspkit/cspkit/csp"
)

// TestManyDirectives covers duplicate detection once a policy has more
// directives than the linear scan handles.
func TestManyDirectives(t *testing.T) {
	var b strings.Builder
	const n = 5000
	for i := range n {
		fmt.Fprintf(&b, "x-%d a; ", i)
	}
	b.WriteString("x-7 dup; connect-src 'self'; CONNECT-SRC *; x-4999 dup")
	list, err := csp.Parse(b.String())
	require.Error(t, err)
	require.Equal(t, 1, list.Len())
	assert.Equal(t, n+1, list.Policy(0).Len())
	var pe *csp.ParseError
	require.ErrorAs(t, err, &pe)
	dups := 0
	for _, p := range pe.Problems {
		if p.Code == csp.DuplicateDirective {
			dups++
		}
	}
	assert.Equal(t, 3, dups)
	d, ok := list.Policy(0).Directive("connect-src")
	require.True(t, ok)
	assert.Equal(t, "'self'", d.Value())
}
