package match

import (
	"fmt"

	"github.com/cspkit/cspkit/csp"
)

// InlineKind is the kind of inline code an inline check decides: CSP3's
// inline check types "script", "script attribute", "style", "style
// attribute" and "navigation" (#should-block-inline).
type InlineKind uint8

// The inline kinds. The zero InlineKind is none of them.
const (
	ScriptElement   InlineKind = iota + 1 // an inline <script> (no src): script-src-elem
	ScriptAttribute                       // an event handler attribute (onclick=...): script-src-attr
	StyleElement                          // an inline <style>: style-src-elem
	StyleAttribute                        // a style="..." attribute: style-src-attr
	JavaScriptURL                         // a navigation to a javascript: URL: script-src-elem
	numInlineKinds
)

var inlineNames = [...]string{
	ScriptElement: "inline script", ScriptAttribute: "event handler attribute", StyleElement: "inline style",
	StyleAttribute: "style attribute", JavaScriptURL: "javascript: URL",
}

var inlinePlurals = [...]string{
	ScriptElement: "inline scripts", ScriptAttribute: "event handler attributes", StyleElement: "inline styles",
	StyleAttribute: "style attributes", JavaScriptURL: "javascript: URLs",
}

// inlineEffective is CSP3's "get the effective directive for inline
// checks" (#effective-directive-for-inline-check).
var inlineEffective = [...]string{
	ScriptElement: "script-src-elem", ScriptAttribute: "script-src-attr", StyleElement: "style-src-elem",
	StyleAttribute: "style-src-attr", JavaScriptURL: "script-src-elem",
}

// inlineFallbacks holds the directive fallback list of each kind's
// effective directive (#directive-fallback-list): script-src-elem, then
// script-src, then default-src for a ScriptElement. Every engine read
// (Blink's OperativeDirective, Gecko's and WebKit's operative directives)
// uses these lists.
var inlineFallbacks = func() (out [numInlineKinds]csp.Fallback) {
	for k := ScriptElement; k < numInlineKinds; k++ {
		out[k] = csp.FallbackList(inlineEffective[k])
	}
	return out
}()

// String describes the kind, such as "inline script" or "javascript: URL".
func (k InlineKind) String() string {
	if k.IsValid() {
		return inlineNames[k]
	}
	return fmt.Sprintf("InlineKind(%d)", uint8(k))
}

// IsValid reports whether k is one of the inline kinds of this package.
func (k InlineKind) IsValid() bool { return k >= ScriptElement && k < numInlineKinds }

// EffectiveDirective returns the directive violation reports name for
// this kind (CSP3 #effective-directive-for-inline-check): script-src-elem
// for ScriptElement and JavaScriptURL, script-src-attr, style-src-elem or
// style-src-attr for the others, and "" for an invalid kind.
func (k InlineKind) EffectiveDirective() string {
	if k.IsValid() {
		return inlineEffective[k]
	}
	return ""
}

// isScript reports whether k is one of CSP3's script types ("script",
// "script attribute", "navigation").
func (k InlineKind) isScript() bool {
	return k == ScriptElement || k == ScriptAttribute || k == JavaScriptURL
}

// hashedWithoutFlag reports whether hash-sources apply to k without
// 'unsafe-hashes' (#match-element-to-source-list step 5: types "script"
// and "style").
func (k InlineKind) hashedWithoutFlag() bool { return k == ScriptElement || k == StyleElement }

// EvalKind is what a page compiles from strings: JavaScript or
// WebAssembly.
type EvalKind uint8

// The eval kinds. The zero EvalKind is none of them.
const (
	StringEval      EvalKind = iota + 1 // eval(), new Function(), setTimeout("string"): 'unsafe-eval'
	WasmCompile                         // new WebAssembly.Module(), WebAssembly.compile(): 'wasm-unsafe-eval' or 'unsafe-eval'
	WasmInstantiate                     // WebAssembly.instantiate() of bytes, which compiles them: 'wasm-unsafe-eval' or 'unsafe-eval'
	numEvalKinds
)

var evalNames = [...]string{StringEval: "string eval", WasmCompile: "WebAssembly compilation", WasmInstantiate: "WebAssembly instantiation"}

// isWasm reports whether k compiles WebAssembly.
func (k EvalKind) isWasm() bool { return k == WasmCompile || k == WasmInstantiate }

// String describes the kind: "string eval" or "WebAssembly compilation".
func (k EvalKind) String() string {
	if k.IsValid() {
		return evalNames[k]
	}
	return fmt.Sprintf("EvalKind(%d)", uint8(k))
}

// IsValid reports whether k is one of the eval kinds of this package.
func (k EvalKind) IsValid() bool { return k >= StringEval && k < numEvalKinds }

// EffectiveDirective returns script-src, the directive CSP3 names in
// violations of both kinds (#can-compile-strings, #can-compile-wasm-bytes),
// or "" for an invalid kind.
func (k EvalKind) EffectiveDirective() string {
	if k.IsValid() {
		return "script-src"
	}
	return ""
}

// evalFallback is the list CSP3's eval checks read: script-src, else
// default-src (never script-src-elem).
var evalFallback = csp.FallbackList("script-src")

// KindError reports an InlineKind or EvalKind value that is none of the
// package's constants.
type KindError struct {
	Type  string // "InlineKind" or "EvalKind"
	Value int
}

func (e *KindError) Error() string {
	return fmt.Sprintf("match: %s(%d) is not a defined %s", e.Type, e.Value, e.Type)
}
