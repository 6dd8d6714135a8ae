package match_test

import (
	"strconv"
	"strings"
	"testing"

	"github.com/cspkit/cspkit/csp"
	"github.com/cspkit/cspkit/internal/lineartest"
	"github.com/cspkit/cspkit/match"
)

// TestInlineLinear checks that Inline, Eval and Load with a nonce and
// integrity metadata cost time linear in the size of the policy, the
// inline text and the integrity metadata, at two sizes 10x apart, with
// nothing matching so that every source is read (and every engine
// decides).
func TestInlineLinear(t *testing.T) {
	manyHashes := func(n int) string {
		var b strings.Builder
		b.WriteString("script-src 'unsafe-hashes' 'unsafe-inline' 'strict-dynamic'")
		for i := range n {
			b.WriteString(" 'sha256-" + sha256Of(strconv.Itoa(i)) + "' 'nonce-n" + strconv.Itoa(i) + "'")
		}
		return b.String()
	}
	tests := []struct {
		name  string
		build func(n int) string
		run   func(s string) any
	}{
		{"policy", manyHashes, func(s string) any {
			return inlineOf(csp.MustParse(s), match.ScriptElement, match.Element{Nonce: "zz", Text: "alert(1)"})
		}},
		{"attribute", manyHashes, func(s string) any {
			return inlineOf(csp.MustParse(s), match.ScriptAttribute, match.Element{Text: "alert(1)"})
		}},
		{"text", func(n int) string { return strings.Repeat("alert(1);", n) }, func(s string) any {
			return inlineOf(csp.MustParse("script-src 'sha256-abc=' 'sha384-abc=' 'sha512-abc='"), match.ScriptElement, match.Element{Text: s})
		}},
		{"nonce", func(n int) string { return strings.Repeat("n", n) }, func(s string) any {
			return inlineOf(csp.MustParse("script-src 'nonce-abc'"), match.StyleElement, match.Element{Nonce: s})
		}},
		{"eval", func(n int) string { return "script-src" + strings.Repeat(" 'unsafe-inline' https://a.example", n) }, func(s string) any {
			d, err := match.Eval(csp.MustParse(s), inlinePage, match.StringEval)
			w, werr := match.Eval(csp.MustParse(s), inlinePage, match.WasmCompile)
			return []any{d, err, w, werr}
		}},
		{"integrity", func(n int) string { return strings.Repeat("sha256-"+sha256Of("x")+" ", n) + "sha384-zz" }, func(s string) any {
			d, err := match.Load(csp.MustParse("script-src 'sha256-"+sha256Of("x")+"'"), inlinePage, "https://a.example/x.js", match.Script,
				match.WithIntegrity(s), match.WithNonce("x"))
			return []any{d, err}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lineartest.Check(t, 200, 10, tt.build, tt.run)
		})
	}
}

func inlineOf(list csp.List, k match.InlineKind, el match.Element) any {
	d, err := match.Inline(list, inlinePage, k, el)
	return []any{d, err}
}
