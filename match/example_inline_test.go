package match_test

import (
	"fmt"

	"github.com/cspkit/cspkit/csp"
	"github.com/cspkit/cspkit/match"
)

func ExampleInline() {
	list := csp.MustParse("default-src 'self'; script-src 'nonce-r4nd0m' 'unsafe-inline' 'strict-dynamic'")

	// An inline <script nonce="r4nd0m">: the nonce allows it.
	d, _ := match.Inline(list, "https://example.com/", match.ScriptElement, match.Element{Nonce: "r4nd0m", Text: "init()"})
	fmt.Println(d.Allowed)

	// An onclick handler: nonces do not apply to attributes, and the nonce
	// makes browsers ignore 'unsafe-inline'.
	d, _ = match.Inline(list, "https://example.com/", match.ScriptAttribute, match.Element{Text: "go()"}, match.WithEngine(match.Spec))
	fmt.Println(d)
	// Output:
	// true
	// blocked: event handler attribute (script-src-attr); policy 0 script-src (no script-src-attr) 'nonce-r4nd0m' 'unsafe-inline' 'strict-dynamic': 'unsafe-inline' is ignored because the list has a nonce or hash
}

func ExampleEval() {
	list := csp.MustParse("script-src 'self' 'wasm-unsafe-eval'")
	d, _ := match.Eval(list, "https://example.com/", match.StringEval)
	fmt.Println(d.Allowed)
	d, _ = match.Eval(list, "https://example.com/", match.WasmCompile)
	fmt.Println(d.Allowed)
	// Output:
	// false
	// true
}

func ExampleWithNonce() {
	list := csp.MustParse("script-src 'nonce-r4nd0m' 'strict-dynamic'")
	// <script src="https://cdn.example/lib.js"> in markup, without and
	// with the nonce; then the same script created by a script.
	d, _ := match.Load(list, "https://example.com/", "https://cdn.example/lib.js", match.Script)
	fmt.Println(d.Allowed)
	d, _ = match.Load(list, "https://example.com/", "https://cdn.example/lib.js", match.Script, match.WithNonce("r4nd0m"))
	fmt.Println(d.Allowed)
	d, _ = match.Load(list, "https://example.com/", "https://cdn.example/lib.js", match.Script, match.NotParserInserted())
	fmt.Println(d.Allowed)
	// Output:
	// false
	// true
	// true
}
