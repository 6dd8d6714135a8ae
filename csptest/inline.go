package csptest

import (
	"strconv"
	"strings"

	"github.com/cspkit/cspkit/csp"
	"github.com/cspkit/cspkit/match"
)

// AllowsInline reports whether every element runs as inline code of kind
// (match.ScriptElement, match.ScriptAttribute, match.StyleElement,
// match.StyleAttribute or match.JavaScriptURL) on the page at page, in
// every deciding engine (see match.Inline). It is Of(t, src).AllowsInline.
func AllowsInline[S Source](t TB, src S, page string, kind match.InlineKind, elements ...match.Element) bool {
	t.Helper()
	return Of(t, src).checkInline("csptest.AllowsInline", true, page, kind, elements)
}

// BlocksInline reports whether the policies of src block every element as
// inline code of kind on the page at page, in every deciding engine. It
// is Of(t, src).BlocksInline.
func BlocksInline[S Source](t TB, src S, page string, kind match.InlineKind, elements ...match.Element) bool {
	t.Helper()
	return Of(t, src).checkInline("csptest.BlocksInline", false, page, kind, elements)
}

// AllowsInline reports whether every element runs as inline code of kind:
// an inline <script> or <style> (its nonce and text), an event handler or
// style attribute (its value), or a javascript: URL (the whole URL). The
// assertion fails when no enforced policy governs that kind of code in a
// deciding engine (any code would run) and when no element is given.
func (p *Policies) AllowsInline(page string, kind match.InlineKind, elements ...match.Element) bool {
	p.t.Helper()
	return p.checkInline("csptest.AllowsInline", true, page, kind, elements)
}

// BlocksInline reports whether the policies block every element as inline
// code of kind, in every deciding engine.
func (p *Policies) BlocksInline(page string, kind match.InlineKind, elements ...match.Element) bool {
	p.t.Helper()
	return p.checkInline("csptest.BlocksInline", false, page, kind, elements)
}

// AllowsEval reports whether the page at page may compile code of kind
// (match.StringEval: eval(), new Function(), setTimeout with a string;
// match.WasmCompile: WebAssembly), in every deciding engine (see
// match.Eval). It is Of(t, src).AllowsEval.
func AllowsEval[S Source](t TB, src S, page string, kind match.EvalKind) bool {
	t.Helper()
	return Of(t, src).checkEval("csptest.AllowsEval", true, page, kind)
}

// BlocksEval reports whether the policies of src stop the page at page
// compiling code of kind, in every deciding engine. It is
// Of(t, src).BlocksEval.
func BlocksEval[S Source](t TB, src S, page string, kind match.EvalKind) bool {
	t.Helper()
	return Of(t, src).checkEval("csptest.BlocksEval", false, page, kind)
}

// AllowsEval reports whether the page may compile code of kind in every
// deciding engine. It fails when no enforced policy governs it (script-src
// or default-src), since any page would pass.
func (p *Policies) AllowsEval(page string, kind match.EvalKind) bool {
	p.t.Helper()
	return p.checkEval("csptest.AllowsEval", true, page, kind)
}

// BlocksEval reports whether the policies stop the page compiling code of
// kind in every deciding engine.
func (p *Policies) BlocksEval(page string, kind match.EvalKind) bool {
	p.t.Helper()
	return p.checkEval("csptest.BlocksEval", false, page, kind)
}

func (p *Policies) checkInline(name string, wantAllowed bool, page string, kind match.InlineKind, elements []match.Element) bool {
	p.t.Helper()
	if p.err != nil {
		p.t.Errorf("%s: %v", name, p.err)
		return false
	}
	if len(elements) == 0 {
		p.t.Errorf("%s: no element given", name)
		return false
	}
	ok := true
	for _, el := range elements {
		d, err := match.Inline(p.list, page, kind, el, p.options()...)
		if err != nil {
			p.t.Errorf("%s: %v", name, err)
			ok = false
			continue
		}
		if why := codeFailure(d, wantAllowed, describeElement(kind, el)); why != "" {
			p.t.Errorf("%s", p.message(name, why, "", &d))
			ok = false
		}
	}
	if ok {
		p.logProblems(name)
	}
	return ok
}

func (p *Policies) checkEval(name string, wantAllowed bool, page string, kind match.EvalKind) bool {
	p.t.Helper()
	if p.err != nil {
		p.t.Errorf("%s: %v", name, p.err)
		return false
	}
	d, err := match.Eval(p.list, page, kind, p.options()...)
	if err != nil {
		p.t.Errorf("%s: %v", name, err)
		return false
	}
	if why := codeFailure(d, wantAllowed, kind.String()); why != "" {
		p.t.Errorf("%s", p.message(name, why, "", &d))
		return false
	}
	p.logProblems(name)
	return true
}

// codeFailure returns why an inline or eval decision d fails the
// assertion, or "" when it passes; what names the code.
func codeFailure(d match.Decision, wantAllowed bool, what string) string {
	if unrestricted := unrestrictedIn(d); len(unrestricted) > 0 {
		if why := uncheckedReason(d); why != "" {
			if !wantAllowed {
				return what + " runs: " + why
			}
			return why + ", so any code would pass there; choose the engines that check it with In"
		}
		if !wantAllowed {
			return what + " runs: no enforced policy restricts it in " + engineList(unrestricted)
		}
		return "no enforced policy restricts " + what + " in " + engineList(unrestricted) + ", so any code would pass; if that is meant, assert it with UnrestrictedInline or UnrestrictedEval"
	}
	switch {
	case wantAllowed && !d.Allowed && d.Divergent():
		return what + " is blocked by " + engineList(d.BlockedBy()) + " (it runs in " + engineList(d.AllowedBy()) + ")"
	case wantAllowed && !d.Allowed:
		return what + " is blocked by " + engineList(d.BlockedBy())
	case !wantAllowed && !d.Blocked() && d.Divergent():
		return what + " runs in " + engineList(d.AllowedBy()) + " (blocked by " + engineList(d.BlockedBy()) + ")"
	case !wantAllowed && !d.Blocked():
		return what + " runs in " + engineList(d.AllowedBy())
	}
	return ""
}

// uncheckedReason returns why an engine that decided d does not check it
// at all (WebKit and WebAssembly compilation), or "".
func uncheckedReason(d match.Decision) string {
	for _, e := range each(d) {
		for _, v := range e.Policies {
			if v.Disposition == csp.Enforce && v.Directive == "" && v.Reason != "" {
				return v.Reason
			}
		}
	}
	return ""
}

// describeElement names an element for messages: its kind, nonce and the
// start of its text.
func describeElement(kind match.InlineKind, el match.Element) string {
	var b strings.Builder
	b.WriteString(kind.String())
	if el.Nonce != "" {
		b.WriteString(" with nonce " + quoteShort(el.Nonce))
	}
	b.WriteString(" " + quoteShort(el.Text))
	return b.String()
}

// quoteShort quotes s as Go does, cut to 60 bytes.
func quoteShort(s string) string {
	if len(s) > 60 {
		return strconv.Quote(s[:60]) + "..."
	}
	return strconv.Quote(s)
}

// UnrestrictedInline reports whether no enforced policy governs inline code
// of the given kinds (inline scripts when none is given), in any deciding
// engine: a page meant to run any such code.
func (p *Policies) UnrestrictedInline(kinds ...match.InlineKind) bool {
	p.t.Helper()
	const name = "csptest.UnrestrictedInline"
	if len(kinds) == 0 {
		kinds = []match.InlineKind{match.ScriptElement}
	}
	ok := true
	for _, k := range kinds {
		text := ""
		if k == match.JavaScriptURL {
			text = "javascript:void(0)"
		}
		d, err := match.Inline(p.list, "https://csptest.invalid/", k, match.Element{Text: text}, p.options()...)
		ok = p.unrestricted(name, k.String()+"s", d, err) && ok
	}
	return ok
}

// UnrestrictedEval reports whether no enforced policy governs compiling
// code of the given kinds (string eval when none is given), in any deciding
// engine.
func (p *Policies) UnrestrictedEval(kinds ...match.EvalKind) bool {
	p.t.Helper()
	const name = "csptest.UnrestrictedEval"
	if len(kinds) == 0 {
		kinds = []match.EvalKind{match.StringEval}
	}
	ok := true
	for _, k := range kinds {
		d, err := match.Eval(p.list, "https://csptest.invalid/", k, p.options()...)
		ok = p.unrestricted(name, k.String(), d, err) && ok
	}
	return ok
}

// unrestricted reports, for the Unrestricted assertions about code,
// whether no engine restricts what d decided.
func (p *Policies) unrestricted(name, what string, d match.Decision, err error) bool {
	p.t.Helper()
	if p.err != nil {
		p.t.Errorf("%s: %v", name, p.err)
		return false
	}
	if err != nil {
		p.t.Errorf("%s: %v", name, err)
		return false
	}
	if restricted := restrictingIn(d); len(restricted) > 0 {
		p.t.Errorf("%s", p.message(name, "an enforced policy restricts "+what+" in "+engineList(restricted), "", &d))
		return false
	}
	p.logProblems(name)
	return true
}
