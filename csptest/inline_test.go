package csptest_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cspkit/cspkit/csptest"
	"github.com/cspkit/cspkit/internal/lineartest"
	"github.com/cspkit/cspkit/match"
)

const noncePolicy = "default-src 'self'; script-src 'nonce-r4nd0mR4nd0m' 'strict-dynamic'; object-src 'none'; base-uri 'none'"

func TestAllowsInline(t *testing.T) {
	f := newFake(t)
	assert.True(t, csptest.AllowsInline(f, noncePolicy, page, match.ScriptElement, match.Element{Nonce: "r4nd0mR4nd0m", Text: "init()"}))
	assert.True(t, csptest.BlocksInline(f, noncePolicy, page, match.ScriptElement, match.Element{Text: "alert(1)"}, match.Element{Nonce: "guess", Text: "alert(1)"}))
	assert.True(t, csptest.BlocksInline(f, noncePolicy, page, match.ScriptAttribute, match.Element{Text: "alert(1)"}))
	assert.True(t, csptest.BlocksInline(f, noncePolicy, page, match.JavaScriptURL, match.Element{Text: "javascript:alert(1)"}))
	assert.Empty(t, f.errors)

	f = newFake(t)
	assert.False(t, csptest.AllowsInline(f, noncePolicy, page, match.ScriptElement, match.Element{Text: "init()"}))
	require.Len(t, f.errors, 1)
	assert.Contains(t, f.errors[0], `csptest.AllowsInline: inline script "init()" is blocked by Chromium, Firefox and WebKit`)
	assert.Contains(t, f.errors[0], "inline: inline script (script-src-elem)")
	assert.NotContains(t, f.errors[0], "target:", "no URL to show")
	assert.GreaterOrEqual(t, f.helpers[0], 2, "reported at the caller's line")
}

func TestInlineNeverVacuous(t *testing.T) {
	f := newFake(t)
	// img-src alone restricts no inline script: any would run.
	assert.False(t, csptest.AllowsInline(f, "img-src 'self'", page, match.ScriptElement, match.Element{Text: "x()"}))
	assert.False(t, csptest.BlocksInline(f, "img-src 'self'", page, match.ScriptElement, match.Element{Text: "x()"}))
	assert.False(t, csptest.AllowsInline(f, noncePolicy, page, match.ScriptElement))
	require.Len(t, f.errors, 3)
	assert.Contains(t, f.errors[0], "no enforced policy restricts inline script")
	assert.Contains(t, f.errors[1], "runs: no enforced policy restricts it")
	assert.Contains(t, f.errors[2], "no element given")
}

func TestAllowsEval(t *testing.T) {
	f := newFake(t)
	assert.True(t, csptest.BlocksEval(f, noncePolicy, page, match.StringEval))
	assert.True(t, csptest.AllowsEval(f, "script-src 'self' 'wasm-unsafe-eval'", page, match.WasmInstantiate))
	assert.True(t, csptest.BlocksEval(f, "script-src 'self' 'wasm-unsafe-eval'", page, match.StringEval))
	assert.Empty(t, f.errors)
	assert.False(t, csptest.AllowsEval(f, "img-src 'self'", page, match.StringEval), "nothing restricts eval")
	assert.False(t, csptest.AllowsEval(f, noncePolicy, page, match.StringEval))
	require.Len(t, f.errors, 2)
	assert.Contains(t, f.errors[1], "eval: string eval (script-src)")

	// WebKit does not check compilation: an assertion about it in every
	// engine would pass there whatever the policy says.
	f = newFake(t)
	assert.False(t, csptest.AllowsEval(f, "script-src 'self' 'wasm-unsafe-eval'", page, match.WasmCompile))
	require.Len(t, f.errors, 1)
	assert.Contains(t, f.errors[0], "WebKit checks WebAssembly only when it is instantiated, not compiled, so any code would pass there")
	assert.NotContains(t, f.errors[0], "no enforced policy has script-src")
	assert.True(t, csptest.Of(newFake(t), "script-src 'self' 'wasm-unsafe-eval'").In(match.Chromium, match.Firefox).AllowsEval(page, match.WasmCompile))
}

// noncePage serves a page whose policy and script carry nonce.
func noncePage(policyNonce, elementNonce string) *httptest.ResponseRecorder {
	rec := httptest.NewRecorder()
	rec.Header().Set("Content-Type", "text/html")
	rec.Header().Set("Content-Security-Policy", "script-src 'nonce-"+policyNonce+"'")
	rec.WriteHeader(http.StatusOK)
	rec.WriteString(`<!doctype html><head><script nonce="` + elementNonce + `">init()</script></head>`)
	return rec
}

func TestFreshNonces(t *testing.T) {
	f := newFake(t)
	assert.True(t, csptest.FreshNonces(f, noncePage("aaaaaaaaaaaa", "aaaaaaaaaaaa"), noncePage("bbbbbbbbbbbb", "bbbbbbbbbbbb")))
	assert.Empty(t, f.errors)

	for name, tc := range map[string]struct {
		first, second *httptest.ResponseRecorder
		want          string
	}{
		"reused":             {noncePage("aaaaaaaaaaaa", "aaaaaaaaaaaa"), noncePage("aaaaaaaaaaaa", "aaaaaaaaaaaa"), `nonce "aaaaaaaaaaaa" is in both responses' policies`},
		"element mismatch":   {noncePage("aaaaaaaaaaaa", "aaaaaaaaaaaa"), noncePage("bbbbbbbbbbbb", "cccccccccccc"), `second response: an element carries nonce "cccccccccccc", which no enforced policy has`},
		"unused in the page": {noncePage("aaaaaaaaaaaa", "aaaaaaaaaaaa"), noncePage("bbbbbbbbbbbb", "aaaaaaaaaaaa"), `second response: nonce "bbbbbbbbbbbb" of the policy is on no element`},
	} {
		t.Run(name, func(t *testing.T) {
			f := newFake(t)
			assert.False(t, csptest.FreshNonces(f, tc.first, tc.second))
			require.NotEmpty(t, f.errors)
			assert.Contains(t, f.errors[0], tc.want)
		})
	}

	f = newFake(t)
	plain := httptest.NewRecorder()
	plain.Header().Set("Content-Security-Policy", "script-src 'self'")
	assert.False(t, csptest.FreshNonces(f, plain, plain), "no nonce at all is nothing to check")
	require.Len(t, f.errors, 1)
	assert.Contains(t, f.errors[0], "no enforced policy has a nonce-source")

	// the body stays readable
	rec := noncePage("aaaaaaaaaaaa", "aaaaaaaaaaaa")
	resp := rec.Result()
	csptest.FreshNonces(newFake(t), resp, noncePage("bbbbbbbbbbbb", "bbbbbbbbbbbb").Result())
	body := make([]byte, 15)
	n, _ := resp.Body.Read(body)
	assert.Equal(t, "<!doctype html>", string(body[:n]))
}

// TestFreshNoncesLinear checks that FreshNonces costs time linear in the
// number of nonce attributes in the bodies (each a distinct nonce the
// policy lacks, the worst case of the look-ups).
func TestFreshNoncesLinear(t *testing.T) {
	build := func(n int) string {
		var b strings.Builder
		for i := range n {
			fmt.Fprintf(&b, `<script nonce="n%07d"></script>`, i)
		}
		return b.String()
	}
	lineartest.Check(t, 500, 10, build, func(body string) any {
		mk := func(nonce string) *httptest.ResponseRecorder {
			rec := httptest.NewRecorder()
			rec.Header().Set("Content-Type", "text/html")
			rec.Header().Set("Content-Security-Policy", "script-src 'nonce-"+nonce+"'")
			rec.WriteString(body)
			return rec
		}
		return csptest.FreshNonces(newFake(t), mk("aaaaaaaaaaaa"), mk("bbbbbbbbbbbb"))
	})
}

func TestUnrestrictedCode(t *testing.T) {
	f := newFake(t)
	assert.True(t, csptest.Of(f, "img-src 'self'").UnrestrictedInline())
	assert.True(t, csptest.Of(f, "img-src 'self'").UnrestrictedInline(match.ScriptAttribute, match.StyleElement, match.JavaScriptURL))
	assert.True(t, csptest.Of(f, "style-src 'self'").UnrestrictedEval(match.StringEval, match.WasmInstantiate))
	assert.Empty(t, f.errors)
	assert.False(t, csptest.Of(f, noncePolicy).UnrestrictedInline())
	assert.False(t, csptest.Of(f, noncePolicy).UnrestrictedEval())
	assert.False(t, csptest.Of(f, "default-src 'self' 'unsafe-inline'").UnrestrictedInline(match.StyleAttribute), "allowed is not unrestricted")
	require.Len(t, f.errors, 3)
	assert.Contains(t, f.errors[0], "csptest.UnrestrictedInline: an enforced policy restricts inline scripts in Chromium, Firefox and WebKit")
	assert.Contains(t, f.errors[1], "restricts string eval")
}
