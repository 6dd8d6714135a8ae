package match_test

import (
	"testing"

	"github.com/cspkit/cspkit/csp"
	"github.com/cspkit/cspkit/match"
)

// BenchmarkInline decides an inline script with a nonce and one without
// (its text hashed against the list) against benchPolicy, every engine.
func BenchmarkInline(b *testing.B) {
	list := csp.MustParse(benchPolicy)
	for name, el := range map[string]match.Element{
		"nonce":   {Nonce: "r4nd0m", Text: "init()"},
		"blocked": {Text: "document.title = 'hello, world'"},
	} {
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := match.Inline(list, "https://example.com/app/", match.ScriptElement, el); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkEval decides eval() against benchPolicy, every engine.
func BenchmarkEval(b *testing.B) {
	list := csp.MustParse(benchPolicy)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := match.Eval(list, "https://example.com/app/", match.StringEval); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkFrameAncestors decides a chain of two ancestors, every engine.
func BenchmarkFrameAncestors(b *testing.B) {
	list := csp.MustParse("default-src 'self'; frame-ancestors 'self' https://partner.example https://*.cdn.example")
	chain := []string{"https://partner.example/embed", "https://portal.cdn.example/"}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := match.FrameAncestors(list, "https://example.com/app/", chain); err != nil {
			b.Fatal(err)
		}
	}
}
