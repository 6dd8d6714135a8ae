package match

import (
	"github.com/cspkit/cspkit/csp"
	"github.com/cspkit/cspkit/source"
)

// Eval decides whether a page at page, subject to the policies in list,
// may compile strings into code: JavaScript for StringEval (eval(), new
// Function(), setTimeout with a string; CSP3
// EnsureCSPDoesNotBlockStringCompilation, #can-compile-strings) or
// WebAssembly for WasmCompile and WasmInstantiate (#can-compile-wasm-bytes).
//
// In each policy the directive that decides is script-src or, when the
// policy lacks it, default-src; script-src-elem plays no part. StringEval
// is allowed by 'unsafe-eval', or by 'trusted-types-eval' when an enforced
// policy of the list has require-trusted-types-for 'script' (the string
// then went through Trusted Types) in engines that know the keyword;
// WasmCompile and WasmInstantiate by 'wasm-unsafe-eval' or 'unsafe-eval'
// (WebKit checks only instantiation: see wasm-compile-unchecked). Verdict.Match
// indexes the keyword that allowed it; Effective is script-src, which
// violations name. Decision.Eval returns kind.
//
// The error is a *URLError when page cannot be parsed, and a *KindError
// for an undefined kind.
func Eval(list csp.List, page string, kind EvalKind, opts ...Option) (Decision, error) {
	if !kind.IsValid() {
		return Decision{}, &KindError{Type: "EvalKind", Value: int(kind)}
	}
	p, c, err := parsePage(page, opts)
	if err != nil {
		return Decision{}, err
	}
	tt := requiresTrustedTypes(list)
	return decideCode(list, &p, &c, func(d *Decision, pr *profile, vs []Verdict) {
		d.eval = kind
		d.Policies = vs
		d.CSPAllowed = true
		for i := range list.Len() {
			pol := list.Policy(i)
			v := Verdict{Policy: i, Disposition: pol.Disposition(), Allowed: true, Match: -1, Effective: "script-src"}
			if kind == WasmCompile && pr.wasmCompileUnchecked {
				v.Reason = pr.title + " checks WebAssembly only when it is instantiated, not compiled"
			} else if dir, ok := pol.Governing(evalFallback, pr.nonASCIIClaimsName); ok && pr.reportOnlyEvalIgnored && pol.Disposition() != csp.Enforce {
				v.Reason = pr.title + " does not check eval() and WebAssembly against report-only policies (no report)"
			} else if ok {
				v.Directive, v.Sources = dir.Name(), dir.Sources()
				v.Match, v.Reason = pr.evalMatch(v.Sources, kind, tt)
				v.Allowed = v.Match >= 0
			}
			d.add(v)
		}
	}), nil
}

// evalMatch returns the index of the keyword of l that allows the
// compilation of kind k, or -1 and why not; tt says that Trusted Types
// are enforced.
func (p *profile) evalMatch(l source.List, k EvalKind, tt bool) (int, string) {
	for i, e := range l.All() {
		if e.Kind() != source.Keyword {
			continue
		}
		switch e.Keyword() {
		case "unsafe-eval":
			return i, ""
		case "wasm-unsafe-eval":
			if k.isWasm() {
				return i, ""
			}
		case "trusted-types-eval":
			if k == StringEval && tt && p.trustedTypesEval {
				return i, ""
			}
		}
	}
	if k.isWasm() {
		return -1, "no 'wasm-unsafe-eval' or 'unsafe-eval'"
	}
	if keywordIndex(l, "trusted-types-eval") >= 0 {
		if !p.trustedTypesEval {
			return -1, "no 'unsafe-eval', and " + p.title + " ignores 'trusted-types-eval'"
		}
		return -1, "no 'unsafe-eval', and 'trusted-types-eval' needs an enforced require-trusted-types-for 'script'"
	}
	return -1, "no 'unsafe-eval'"
}

// requireTT finds require-trusted-types-for by name.
var requireTT = csp.FallbackList("require-trusted-types-for")

// requiresTrustedTypes is Trusted Types' "does sink type require trusted
// types?" for 'script', report-only policies left out: whether an enforced
// policy of list has require-trusted-types-for with the token 'script'.
func requiresTrustedTypes(list csp.List) bool {
	for i := range list.Len() {
		pol := list.Policy(i)
		if pol.Disposition() != csp.Enforce {
			continue
		}
		if dir, ok := pol.Governing(requireTT, false); ok {
			for _, t := range source.Fields(dir.Value()) {
				if t == "'script'" {
					return true
				}
			}
		}
	}
	return false
}
