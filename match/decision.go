package match

import (
	"github.com/cspkit/cspkit/csp"
	"github.com/cspkit/cspkit/source"
)

// Decision is the outcome of Connect or Load: whether the request goes through,
// how each policy judged it and, when several engines decided, each
// engine's own decision.
type Decision struct {
	// Allowed is true when the request goes through in every engine that
	// decided: the API does not refuse it before CSP runs (Refused), every
	// enforced policy allows it (CSPAllowed), and it is not blocked as
	// mixed content (MixedContent). This is what a test of a page's policy
	// wants to know; csptest and cspcheck decide by it.
	Allowed bool
	// CSPAllowed is the Content Security Policy verdict alone: every
	// enforced policy allows the request, in every engine that decided. A
	// request that is CSPAllowed may still be blocked as mixed content; a
	// Refused request is not CSPAllowed (CSP never ran).
	CSPAllowed bool
	// Policies holds one Verdict per policy of the list, in order,
	// report-only policies included, as the representative engine (see
	// Engine) judged them. It is empty when the target was Refused.
	Policies []Verdict
	// Redirected is true when the target was decided as reached by a
	// redirect (path-parts ignored).
	Redirected bool
	// Upgraded is true when an enforced upgrade-insecure-requests
	// directive turns an http: or ws: target into https: or wss:. The spec
	// and WebKit check the upgraded URL; Chromium and Firefox check the URL
	// as given (Firefox lets https: and wss: sources cover it).
	Upgraded bool
	// MixedContent is true when the page is https and the request goes to
	// an http: or ws: URL that browsers block as mixed content whatever
	// CSP allows, in any engine that decided. Loopback hosts are exempt in
	// some engines; so are the images and media an engine upgrades to
	// https: and the passive content it loads as it is, unless an
	// enforced policy has block-all-mixed-content (see the mixed-*
	// behaviors).
	MixedContent bool
	// Refused, when not empty, says why the API refuses the target before
	// CSP runs (for example fetch() of a URL with credentials): no request
	// is made, and neither Allowed nor CSPAllowed is true.
	Refused string
	// Engines holds each engine's own decision, in the order the engines
	// were given, when more than one engine decided; it is nil otherwise.
	Engines []Decision

	engine       Engine
	request      Request
	dest         Destination
	list         csp.List
	page, target URL
	checked      URL
	inline       InlineKind // set by Inline
	eval         EvalKind   // set by Eval
	ancestors    []URL      // the chain a FrameAncestors decision is about
}

// Verdict is how one policy judged a request.
type Verdict struct {
	Policy      int             // index of the policy in the list
	Disposition csp.Disposition // csp.Enforce or csp.ReportOnly
	// Directive is the deciding directive: the destination's effective
	// directive ("connect-src", "script-src-elem"...), the one the policy
	// falls back to when it lacks it ("default-src", "script-src"...), or
	// "" when the policy has none of them and so does not restrict the
	// request.
	Directive string
	Sources   source.List // the deciding directive's sources
	Allowed   bool        // whether this policy allows the request
	Match     int         // index in Sources of the expression that matched, or -1
	// Effective is the destination's effective directive, such as
	// "connect-src" or "script-src-elem".
	Effective string
	// BlockedBy, when not empty, names what blocks a request whatever
	// the deciding directive's sources match: the directive
	// block-all-mixed-content, which Chromium enforces as a CSP check on
	// mixed requests; or the deciding directive itself when the engine
	// checks the request a second time and that check fails (Firefox's
	// WebSockets), or when it has 'strict-dynamic' and the request is a
	// parser-inserted script (Load with Script). Match is -1 then, and
	// Reason says why.
	BlockedBy string
	// Reason says why BlockedBy blocks and, in decisions of Inline and
	// Eval, why the sources do not allow the code ("no 'unsafe-inline',
	// no hash-source matches the text..."). It is for people; the
	// wording may change.
	Reason string
}

// ViolatedDirective returns the directive a violation report names for
// this verdict: block-all-mixed-content when it blocked, else the
// destination's effective directive (even when a fallback decided).
func (v Verdict) ViolatedDirective() string {
	if v.BlockedBy != "" && v.BlockedBy != v.Directive {
		return v.BlockedBy
	}
	return v.Effective
}

// Fallback reports whether a directive other than the effective one
// decided, because the policy lacks the effective directive: default-src
// for a connect request in a policy without connect-src, script-src for a
// script in a policy without script-src-elem.
func (v Verdict) Fallback() bool { return v.Directive != "" && v.Directive != v.Effective }

// Matched returns the source expression that allowed the request.
func (v Verdict) Matched() (source.Expression, bool) {
	if v.Match < 0 {
		return source.Expression{}, false
	}
	return v.Sources.At(v.Match), true
}

// Engine returns the engine that decided or, when several did, the
// representative one whose verdicts fill Policies: the first engine in
// which the request does not go through, or the first engine when it goes
// through in all.
func (d Decision) Engine() Engine { return d.engine }

// Request returns the API the decision is about, for a decision about a
// Connection; for other destinations it is Fetch, and means nothing.
func (d Decision) Request() Request { return d.request }

// Destination returns what the page loads the target as.
func (d Decision) Destination() Destination { return d.dest }

// List returns the policies the decision was made with.
func (d Decision) List() csp.List { return d.list }

// For returns the decision of engine e, and false when e did not decide.
func (d Decision) For(e Engine) (Decision, bool) {
	if d.Engines == nil {
		return d, d.engine.profile() == e.profile()
	}
	for _, x := range d.Engines {
		if x.engine.profile() == e.profile() {
			return x, true
		}
	}
	return Decision{}, false
}

// AllowedBy returns the engines in which the request goes through.
func (d Decision) AllowedBy() []Engine { return d.by(true) }

// BlockedBy returns the engines in which the request does not go through:
// blocked by CSP or as mixed content, or refused before CSP runs.
func (d Decision) BlockedBy() []Engine { return d.by(false) }

func (d Decision) by(allowed bool) []Engine {
	var out []Engine
	for _, x := range d.each() {
		if x.Allowed == allowed {
			out = append(out, x.engine)
		}
	}
	return out
}

// each returns the single-engine decisions d is made of.
func (d *Decision) each() []Decision {
	if d.Engines == nil {
		return []Decision{*d}
	}
	return d.Engines
}

// Blocked reports whether the request goes through in no engine. With one
// engine it is !Allowed; with several, a request that goes through in some
// engines is neither Allowed nor Blocked but Divergent.
func (d Decision) Blocked() bool {
	for _, x := range d.each() {
		if x.Allowed {
			return false
		}
	}
	return true
}

// Divergent reports whether the engines that decided disagree.
func (d Decision) Divergent() bool { return !d.Allowed && !d.Blocked() }

// Page returns the page URL as parsed.
func (d Decision) Page() URL { return d.page }

// Target returns the target URL as parsed and resolved against the page.
func (d Decision) Target() URL { return d.target }

// Checked returns the URL the policies were matched against: the target
// after upgrade-insecure-requests and, for engines that follow the Fetch
// standard, with ws:/wss: turned into http:/https:.
func (d Decision) Checked() URL { return d.checked }

// Violations returns the verdicts of the policies that do not allow the
// request: enforced ones (which block it) and report-only ones (which
// only report it).
func (d Decision) Violations() []Verdict {
	var out []Verdict
	for _, v := range d.Policies {
		if !v.Allowed {
			out = append(out, v)
		}
	}
	return out
}
