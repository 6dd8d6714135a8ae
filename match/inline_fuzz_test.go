package match_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/cspkit/cspkit/csp"
	"github.com/cspkit/cspkit/match"
	"github.com/cspkit/cspkit/source"
)

// FuzzInline checks that Inline never panics; that the Spec engine agrees
// with the literal reading of CSP3 in inline_reference_test.go; and, for
// every engine, that an allowing verdict names an expression of its
// governing directive that can allow inline code ('unsafe-inline', a
// nonce-source, a hash-source, or 'strict-dynamic' for an inserted
// script), so that no policy without one of them ever lets inline code
// run; and that report-only policies never block.
func FuzzInline(f *testing.F) {
	for _, tt := range specInlineTests {
		f.Add(tt.policy, uint8(tt.kind), tt.el.Nonce, tt.el.Text, tt.inserted)
	}
	for _, tt := range engineInlineTests {
		f.Add(tt.policy, uint8(tt.kind), tt.el.Nonce, tt.el.Text, tt.inserted)
	}
	engines := []match.Engine{match.Spec, match.Chromium, match.Firefox, match.WebKit}
	f.Fuzz(func(t *testing.T, policy string, kind uint8, nonce, text string, inserted bool) {
		list, _ := csp.Parse(policy)
		k := match.InlineKind(kind%6 + 1) // one invalid kind among them
		el := match.Element{Nonce: nonce, Text: text}
		opts := []match.Option{match.WithEngines(engines...)}
		if inserted {
			opts = append(opts, match.NotParserInserted())
		}
		d, err := match.Inline(list, inlinePage, k, el, opts...)
		if !k.IsValid() {
			if err == nil || d.Allowed {
				t.Fatalf("kind %d: no error", k)
			}
			return
		}
		var ee *match.ElementError
		if errors.As(err, &ee) {
			if k != match.JavaScriptURL || d.Allowed || strings.HasPrefix(strings.ToLower(strings.TrimFunc(text, func(r rune) bool { return r <= 0x20 })), "javascript:") {
				t.Fatalf("kind %s, text %q: %v", k, text, err)
			}
			return
		}
		if err != nil {
			t.Fatal(err)
		}
		_ = d.String()
		for _, e := range engines {
			x, _ := d.For(e)
			if len(x.Policies) != list.Len() {
				t.Fatalf("%s: %d verdicts for %d policies", e, len(x.Policies), list.Len())
			}
			for _, v := range x.Policies {
				if !v.Allowed || v.Directive == "" {
					continue
				}
				m, ok := v.Matched()
				if !ok {
					t.Fatalf("%s: policy %d allows %s without an expression: %v", e, v.Policy, k, x)
				}
				switch {
				case m.Kind() == source.Nonce, m.Kind() == source.Hash:
				case m.Kind() == source.Keyword && m.Keyword() == "unsafe-inline":
				case m.Kind() == source.Keyword && m.Keyword() == "strict-dynamic" && inserted && k == match.ScriptElement && e != match.Spec:
				default:
					t.Fatalf("%s: policy %d allows %s by %s: %v", e, v.Policy, k, m, x)
				}
			}
		}
		spec, _ := d.For(match.Spec)
		if k == match.JavaScriptURL {
			el.Text = refJavaScriptURL(el.Text)
		}
		if want := refInline(list, k, el); spec.Allowed != want {
			t.Fatalf("Spec says %v, the reference %v: %v", spec.Allowed, want, spec)
		}
		ro, _ := csp.ParseReportOnly(policy)
		if dr, err := match.Inline(ro, inlinePage, k, el, opts...); err != nil || !dr.Allowed {
			t.Fatalf("report-only policies blocked: %v %v", dr, err)
		}
	})
}

// FuzzEval checks that Eval never panics, that an allowing verdict names
// 'unsafe-eval', 'wasm-unsafe-eval' (WebAssembly only) or
// 'trusted-types-eval' (strings only), and that report-only policies
// never block.
func FuzzEval(f *testing.F) {
	f.Add("script-src 'unsafe-eval'", false)
	f.Add("default-src 'wasm-unsafe-eval'", true)
	f.Add("script-src 'trusted-types-eval'; require-trusted-types-for 'script'", false)
	engines := []match.Engine{match.Spec, match.Chromium, match.Firefox, match.WebKit}
	f.Fuzz(func(t *testing.T, policy string, wasm bool) {
		list, _ := csp.Parse(policy)
		k := match.StringEval
		if wasm {
			k = match.WasmCompile
		}
		d, err := match.Eval(list, inlinePage, k, match.WithEngines(engines...))
		if err != nil {
			t.Fatal(err)
		}
		_ = d.String()
		for _, x := range d.Engines {
			for _, v := range x.Policies {
				if !v.Allowed || v.Directive == "" {
					continue
				}
				m, ok := v.Matched()
				if !ok || m.Kind() != source.Keyword {
					t.Fatalf("policy %d allows %s without a keyword: %v", v.Policy, k, x)
				}
				switch kw := m.Keyword(); {
				case kw == "unsafe-eval":
				case kw == "wasm-unsafe-eval" && wasm:
				case kw == "trusted-types-eval" && !wasm:
				default:
					t.Fatalf("policy %d allows %s by %s", v.Policy, k, m)
				}
			}
		}
		ro, _ := csp.ParseReportOnly(policy)
		if dr, err := match.Eval(ro, inlinePage, k); err != nil || !dr.Allowed {
			t.Fatalf("report-only policies blocked: %v %v", dr, err)
		}
	})
}

// refJavaScriptURL reads a javascript: URL as the URL parser does: C0
// controls and spaces cut from both ends, tabs and newlines removed, the
// scheme in lower case.
func refJavaScriptURL(s string) string {
	s = strings.TrimFunc(s, func(r rune) bool { return r <= 0x20 })
	s = strings.NewReplacer("\t", "", "\n", "", "\r", "").Replace(s)
	return "javascript:" + s[len("javascript:"):]
}
