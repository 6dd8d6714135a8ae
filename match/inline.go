package match

import (
	"fmt"
	"strings"

	"github.com/cspkit/cspkit/csp"
	"github.com/cspkit/cspkit/internal/urlx"
)

// Inline decides whether a page at page, subject to the policies in list,
// runs inline code of kind kind: an inline <script>, an event handler
// attribute, an inline <style>, a style attribute, or a javascript: URL
// it navigates to (CSP3 "should element's inline type behavior be blocked
// by Content Security Policy?", #should-block-inline, and for
// JavaScriptURL the inline check of #should-block-navigation-request).
//
// In each policy the directive that decides is the kind's effective
// directive (script-src-elem, script-src-attr, style-src-elem or
// style-src-attr: #effective-directive-for-inline-check) or the next of
// its fallback list (then script-src or style-src, then default-src). Its
// sources allow the code (#match-element-to-source-list) when:
//
//   - it has 'unsafe-inline' and no nonce-source or hash-source, and, for
//     the script kinds, no 'strict-dynamic' (#allow-all-inline);
//   - for ScriptElement and StyleElement, a nonce-source is the element's
//     nonce, compared exactly;
//   - for ScriptElement and StyleElement, or with 'unsafe-hashes' for the
//     other kinds, a hash-source is the digest of el.Text.
//
// With NotParserInserted, a ScriptElement is a script element a script
// inserted; CSP3 still requires a nonce or hash for its text, but the
// browsers run it under 'strict-dynamic' (see the
// strict-dynamic-inline-inserted behavior). Verdict.Match indexes the
// expression that allowed the code; Decision.Target and Checked are zero
// URLs; Decision.Inline returns kind. Options are those of Load, but
// Redirected, WithRequest, WithNonce and WithIntegrity, which mean nothing
// here.
//
// For JavaScriptURL, el.Text is the URL as the page writes it; it is read
// as the URL parser reads it (leading and trailing spaces and controls
// cut, tabs and newlines removed, the scheme in lower case) and must be a
// javascript: URL.
//
// The error is a *URLError when page cannot be parsed, a *KindError for an
// undefined kind, and an *ElementError for a JavaScriptURL text that is not
// a javascript: URL.
func Inline(list csp.List, page string, kind InlineKind, el Element, opts ...Option) (Decision, error) {
	if !kind.IsValid() {
		return Decision{}, &KindError{Type: "InlineKind", Value: int(kind)}
	}
	if kind == JavaScriptURL {
		u, ok := javascriptURL(el.Text)
		if !ok {
			return Decision{}, &ElementError{Kind: kind, Text: el.Text}
		}
		el.Text = u
	}
	p, c, err := parsePage(page, opts)
	if err != nil {
		return Decision{}, err
	}
	d := &digests{text: htmlNewlines(el.Text)}
	return decideCode(list, &p, &c, func(dc *Decision, pr *profile, vs []Verdict) {
		dc.inline = kind
		dc.Policies = vs
		dc.CSPAllowed = true
		for i := range list.Len() {
			pol := list.Policy(i)
			v := Verdict{Policy: i, Disposition: pol.Disposition(), Allowed: true, Match: -1, Effective: kind.EffectiveDirective()}
			if dir, ok := pol.Governing(inlineFallbacks[kind], pr.nonASCIIClaimsName); ok {
				v.Directive, v.Sources = dir.Name(), dir.Sources()
				v.Match, v.Reason = pr.inlineMatch(v.Sources, v.Directive, kind, &el, d, c.notParserInserted)
				v.Allowed = v.Match >= 0
			}
			dc.add(v)
		}
	}), nil
}

// parsePage parses page for Inline and Eval, with the options.
func parsePage(page string, opts []Option) (urlx.URL, config, error) {
	c := newConfig(opts)
	if c.strict {
		if err := schemeProblem(page); err != nil {
			return urlx.URL{}, c, &URLError{Role: "page", Input: page, Err: err}
		}
	}
	p, err := urlx.Parse(page)
	if err != nil {
		return urlx.URL{}, c, &URLError{Role: "page", Input: page, Err: err}
	}
	return p, c, nil
}

// add appends v to d's verdicts, clearing CSPAllowed when v is an
// enforced policy that does not allow.
func (d *Decision) add(v Verdict) {
	if !v.Allowed && v.Disposition == csp.Enforce {
		d.CSPAllowed = false
	}
	d.Policies = append(d.Policies, v)
}

// decideCode makes the decision about code on the page (no URL) of each
// engine of c with one, which fills a zero Decision's kind, Policies and
// CSPAllowed, appending to the verdicts it is given.
func decideCode(list csp.List, page *urlx.URL, c *config, one func(d *Decision, p *profile, vs []Verdict)) Decision {
	n := list.Len()
	var vs []Verdict
	if n > 0 {
		vs = make([]Verdict, 0, len(c.engines)*n)
	}
	ds := make([]Decision, len(c.engines))
	rep, allowed, cspAllowed := 0, true, true
	for i, p := range c.engines {
		e := &ds[i]
		e.engine, e.list = Engine{p: p}, list
		e.page.u = *page
		one(e, p, vs[i*n:i*n:i*n+n])
		e.Allowed = e.CSPAllowed
		if !e.Allowed && allowed {
			rep, allowed = i, false
		}
		cspAllowed = cspAllowed && e.CSPAllowed
	}
	if len(ds) == 1 {
		return ds[0]
	}
	d := ds[rep]
	d.Allowed, d.CSPAllowed, d.Engines = allowed, cspAllowed, ds
	return d
}

// Inline returns the kind of inline code the decision is about, and false
// for a decision that is not Inline's.
func (d Decision) Inline() (InlineKind, bool) { return d.inline, d.inline != 0 }

// Eval returns the kind of string compilation the decision is about, and
// false for a decision that is not Eval's.
func (d Decision) Eval() (EvalKind, bool) { return d.eval, d.eval != 0 }

// aboutCode reports whether d decides inline code or eval, not a URL.
func (d Decision) aboutCode() bool { return d.inline != 0 || d.eval != 0 }

// ElementError reports an Element that cannot be the code of its kind: a
// JavaScriptURL text that is not a javascript: URL.
type ElementError struct {
	Kind InlineKind
	Text string // the text as given
}

func (e *ElementError) Error() string {
	t := e.Text
	if len(t) > 64 {
		t = t[:64] + "..."
	}
	return fmt.Sprintf("match: %s text %q is not a javascript: URL", e.Kind, t)
}

// javascriptURL returns s as the URL parser reads it, when it is a
// javascript: URL: C0 controls and spaces cut from both ends, ASCII tabs
// and newlines removed, the scheme in lower case (URL #concept-basic-url-parser).
func javascriptURL(s string) (string, bool) {
	s = strings.TrimFunc(s, func(r rune) bool { return r <= ' ' })
	if strings.ContainsAny(s, "\t\n\r") {
		s = strings.Map(func(r rune) rune {
			if r == '\t' || r == '\n' || r == '\r' {
				return -1
			}
			return r
		}, s)
	}
	const scheme = "javascript:"
	if len(s) < len(scheme) || !strings.EqualFold(s[:len(scheme)], scheme) {
		return "", false
	}
	return scheme + s[len(scheme):], true
}
