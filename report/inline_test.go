package report_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cspkit/cspkit/csp"
	"github.com/cspkit/cspkit/match"
	"github.com/cspkit/cspkit/report"
)

// TestInlineDecisionsRefused checks that Violations builds no URL report
// for a decision about inline code or eval, whose reports CSP3 gives a
// blocked-uri of "inline", "eval" or "wasm-eval".
func TestInlineDecisionsRefused(t *testing.T) {
	list := csp.MustParse("script-src 'none'")
	d, err := match.Inline(list, "https://example.com/", match.ScriptElement, match.Element{Text: "a()"}, match.WithEngine(match.Spec))
	require.NoError(t, err)
	require.False(t, d.Allowed)
	vs, err := report.Violations(d)
	assert.ErrorIs(t, err, report.ErrInlineUnsupported)
	assert.Nil(t, vs)
	for _, k := range []match.EvalKind{match.StringEval, match.WasmCompile} {
		d, err = match.Eval(list, "https://example.com/", k)
		require.NoError(t, err)
		vs, err = report.Violations(d, report.ForEngine(match.Chromium))
		assert.ErrorIs(t, err, report.ErrInlineUnsupported)
		assert.Nil(t, vs)
	}
}
