package lint

import (
	"fmt"

	"github.com/cspkit/cspkit/csp"
	"github.com/cspkit/cspkit/source"
)

// scripts checks what default-src allows for scripts and plugins when the
// policy has no script-src or object-src of its own.
func (c *checker) scripts(i int, p csp.Policy) {
	def, ok := p.Directive(csp.DefaultSrc)
	if !ok {
		return
	}
	noScript, noObject := !p.Has("script-src"), !p.Has("object-src")
	if !noScript && !noObject {
		return
	}
	k := scriptKeywordsOf(def.Sources())
	inline, eval, nonceOrHash, strictDynamic := k.unsafeInline, k.unsafeEval, k.nonceOrHash, k.strictDynamic
	if noScript && inline && !nonceOrHash {
		c.add(DefaultUnsafeInline, i, def.Name(), "'unsafe-inline'",
			"with no script-src, default-src 'unsafe-inline' lets injected inline scripts and event handlers run")
	}
	if noScript && eval {
		c.add(DefaultUnsafeEval, i, def.Name(), "'unsafe-eval'",
			"with no script-src, default-src 'unsafe-eval' lets scripts turn strings into code with eval() and similar")
	}
	// 'strict-dynamic' (with a nonce or hash) makes scripts ignore the
	// host and scheme allow-list; plugins still use it.
	scriptsUseList := noScript && !(strictDynamic && nonceOrHash)
	if !scriptsUseList && !noObject {
		return
	}
	what := "scripts and plugins"
	switch {
	case !scriptsUseList:
		what = "plugins"
	case !noObject:
		what = "scripts"
	}
	for _, e := range def.Sources().All() {
		broad := false
		switch e.Kind() {
		case source.Wildcard:
			broad = true
		case source.Scheme:
			broad = e.Scheme() == "http" || e.Scheme() == "https" || e.Scheme() == "data"
		case source.Host:
			broad = e.Host() == "*"
		}
		if broad {
			c.add(DefaultBroadScripts, i, def.Name(), e.String(), fmt.Sprintf(
				"default-src %s also governs %s here (no script-src or object-src of their own): they can load from anywhere", e, what))
		}
	}
}

// scriptDirectives checks the script directives policy i has of its own:
// 'unsafe-inline' that browsers honor, and 'unsafe-eval'.
func (c *checker) scriptDirectives(i int, p csp.Policy) {
	for _, name := range [...]string{"script-src", "script-src-elem", "script-src-attr"} {
		d, ok := p.Directive(name)
		if !ok {
			continue
		}
		k := scriptKeywordsOf(d.Sources())
		inline, eval, overrides := k.unsafeInline, k.unsafeEval, k.nonceOrHash || k.strictDynamic
		if inline && !overrides {
			c.add(InlineScripts, i, name, "'unsafe-inline'", name+" 'unsafe-inline' without a nonce, hash or 'strict-dynamic' lets injected inline scripts and event handlers run")
		}
		if eval && name == "script-src" {
			c.add(EvalScripts, i, name, "'unsafe-eval'", "script-src 'unsafe-eval' lets scripts turn strings into code with eval() and similar")
		}
	}
}

// scriptKeywords are what a script source list holds that bears on inline
// scripts and eval.
type scriptKeywords struct {
	unsafeInline, unsafeEval, nonceOrHash, strictDynamic bool
}

// scriptKeywordsOf scans l once for them.
func scriptKeywordsOf(l source.List) scriptKeywords {
	var k scriptKeywords
	for _, e := range l.All() {
		switch e.Kind() {
		case source.Nonce, source.Hash:
			k.nonceOrHash = true
		case source.Keyword:
			switch e.Keyword() {
			case "unsafe-inline":
				k.unsafeInline = true
			case "unsafe-eval":
				k.unsafeEval = true
			case "strict-dynamic":
				k.strictDynamic = true
			}
		}
	}
	return k
}
