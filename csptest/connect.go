package csptest

import (
	"github.com/cspkit/cspkit/csp"
	"github.com/cspkit/cspkit/match"
)

// AllowsConnect reports whether a page at page, under the policies of src,
// may connect to every target (fetch, XHR, WebSocket, EventSource, beacon,
// ping): in every deciding engine the request goes through (see
// match.Decision.Allowed). Each target that fails is reported with
// t.Errorf and a full explanation. It is Of(t, src).AllowsConnect.
func AllowsConnect[S Source](t TB, src S, page string, targets ...string) bool {
	t.Helper()
	return Of(t, src).check("csptest.AllowsConnect", true, match.Connection, page, targets)
}

// BlocksConnect reports whether the policies of src block every target for
// a page at page, in every deciding engine. It is Of(t, src).BlocksConnect.
func BlocksConnect[S Source](t TB, src S, page string, targets ...string) bool {
	t.Helper()
	return Of(t, src).check("csptest.BlocksConnect", false, match.Connection, page, targets)
}

// AllowsLoad reports whether a page at page, under the policies of src, may
// load every target as dest (a script, an image, a frame...): in every
// deciding engine the request goes through. It is Of(t, src).AllowsLoad.
func AllowsLoad[S Source](t TB, src S, page string, dest match.Destination, targets ...string) bool {
	t.Helper()
	return Of(t, src).check("csptest.AllowsLoad", true, dest, page, targets)
}

// BlocksLoad reports whether the policies of src block loading every target
// as dest for a page at page, in every deciding engine. It is
// Of(t, src).BlocksLoad.
func BlocksLoad[S Source](t TB, src S, page string, dest match.Destination, targets ...string) bool {
	t.Helper()
	return Of(t, src).check("csptest.BlocksLoad", false, dest, page, targets)
}

// AllowsConnect reports whether a page at page may connect to every
// target: in every deciding engine the request goes through, which means
// the API does not refuse it before CSP runs, the policies allow it, and it
// is not blocked as mixed content. Each target that fails is reported with
// t.Errorf and a full explanation.
//
// A target is an absolute URL or a reference relative to page that starts
// with "/", "./", "../", "?" or "#"; anything else ("api.example.com/v1",
// "") fails, since fetch() would read it as a path on the page's host (see
// match.StrictTarget). The assertion also fails when no enforced policy
// restricts connect requests, in any deciding engine: it would pass for
// every target. Assert that a page is meant to be unrestricted with
// Unrestricted.
func (p *Policies) AllowsConnect(page string, targets ...string) bool {
	p.t.Helper()
	return p.check("csptest.AllowsConnect", true, match.Connection, page, targets)
}

// BlocksConnect reports whether the policies block every target for a page
// at page, in every deciding engine. A target that the policies allow in
// any engine fails, and so does one the API refuses before CSP runs (CSP
// was not tested) or one blocked only as mixed content (the policies
// allow it). Targets are read as AllowsConnect reads them.
func (p *Policies) BlocksConnect(page string, targets ...string) bool {
	p.t.Helper()
	return p.check("csptest.BlocksConnect", false, match.Connection, page, targets)
}

// AllowsLoad reports whether a page at page may load every target as dest,
// such as match.Script or match.Image: in every deciding engine the
// request goes through. The directive that decides is dest's effective
// directive or the one it falls back to (script-src-elem, script-src,
// default-src for a script), as each engine reads the fallback. Targets
// are read as AllowsConnect reads them, and the assertion fails when no
// enforced policy restricts dest at all.
func (p *Policies) AllowsLoad(page string, dest match.Destination, targets ...string) bool {
	p.t.Helper()
	return p.check("csptest.AllowsLoad", true, dest, page, targets)
}

// BlocksLoad reports whether the policies block loading every target as
// dest for a page at page, in every deciding engine; a target blocked only
// as mixed content fails (the policies were not tested).
func (p *Policies) BlocksLoad(page string, dest match.Destination, targets ...string) bool {
	p.t.Helper()
	return p.check("csptest.BlocksLoad", false, dest, page, targets)
}

// Unrestricted reports whether no enforced policy restricts requests of the
// given destinations (connections when none is given), in any deciding
// engine: a page meant to connect, or load scripts, from anywhere.
func (p *Policies) Unrestricted(dests ...match.Destination) bool {
	p.t.Helper()
	const name = "csptest.Unrestricted"
	if p.err != nil {
		p.t.Errorf("%s: %v", name, p.err)
		return false
	}
	if len(dests) == 0 {
		dests = []match.Destination{match.Connection}
	}
	ok := true
	for _, dest := range dests {
		d, err := match.Load(p.list, "https://csptest.invalid/", "https://csptest.invalid/", dest, p.options()...)
		if err != nil {
			p.t.Errorf("%s: %v", name, err)
			return false
		}
		if restricted := restrictingIn(d); len(restricted) > 0 {
			p.t.Errorf("%s", p.message(name, "an enforced policy restricts "+what(dest)+" in "+engineList(restricted), "", nil))
			ok = false
		}
	}
	if ok {
		p.logProblems(name)
	}
	return ok
}

// what names the requests of dest, for messages.
func what(dest match.Destination) string {
	switch dest {
	case match.Connection:
		return "connect requests"
	case match.Form:
		return "form submissions (form-action)"
	case match.Base:
		return "base URLs (base-uri)"
	case match.Ancestor:
		return "embedding (frame-ancestors)"
	}
	return dest.String() + " loads (" + dest.EffectiveDirective() + ")"
}

func (p *Policies) check(name string, wantAllowed bool, dest match.Destination, page string, targets []string) bool {
	p.t.Helper()
	if p.err != nil {
		p.t.Errorf("%s: %v", name, p.err)
		return false
	}
	if len(targets) == 0 {
		p.t.Errorf("%s: no target given", name)
		return false
	}
	opts := p.options()
	ok := true
	for _, target := range targets {
		d, err := match.Load(p.list, page, target, dest, opts...)
		if err != nil {
			p.t.Errorf("%s: %v", name, err)
			ok = false
			continue
		}
		if why := failure(d, wantAllowed); why != "" {
			p.t.Errorf("%s", p.message(name, why, target, &d))
			ok = false
		}
	}
	if ok {
		p.logProblems(name)
	}
	return ok
}

// failure returns why d fails the assertion, or "" when it passes.
func failure(d match.Decision, wantAllowed bool) string {
	target := d.Target().String()
	if unrestricted := unrestrictedIn(d); len(unrestricted) > 0 {
		if !wantAllowed {
			return target + " is allowed: no enforced policy restricts " + what(d.Destination()) + " in " + engineList(unrestricted) + ", so every target is allowed"
		}
		return "no enforced policy restricts " + what(d.Destination()) + " in " + engineList(unrestricted) +
			", so any target would pass; if that is meant, assert it with Unrestricted"
	}
	if !wantAllowed {
		if !d.Blocked() {
			if d.Divergent() {
				return target + " is allowed by " + engineList(d.AllowedBy()) + " (blocked by " + engineList(d.BlockedBy()) + ")"
			}
			return target + " is allowed by " + engineList(d.AllowedBy())
		}
		// Every engine must block it by its policies: a refusal before
		// CSP, or mixed content alone, leaves that engine's policies
		// untested.
		var refused []match.Engine
		why := ""
		for _, e := range each(d) {
			if e.Refused != "" {
				refused = append(refused, e.Engine())
				if why == "" {
					why = e.Refused
				}
			}
		}
		if len(refused) > 0 {
			return target + " is refused before CSP runs in " + engineList(refused) + " (" + why + "), so the policies were not tested there; " + refusalAdvice(d.Destination())
		}
		if m := mixedOnlyIn(d); len(m) > 0 {
			return target + " is blocked only as mixed content by " + engineList(m) + ": the policies allow it, so they were not tested; use an https: or wss: target"
		}
		return ""
	}
	switch {
	case d.Refused != "":
		return target + " is refused before CSP runs: " + d.Refused
	case !d.Allowed:
		blocked := d.BlockedBy()
		var why string
		if d.Divergent() {
			why = target + " does not go through in " + engineList(blocked) + " (it does in " + engineList(d.AllowedBy()) + ")"
		} else {
			why = target + " is blocked by " + engineList(blocked)
		}
		if m := mixedIn(d); len(m) > 0 && d.CSPAllowed {
			why = target + " is allowed by the policies, but " + engineList(m) + " block it as mixed content (an https page requesting http: or ws:); no source can allow it"
		}
		return why
	}
	return ""
}

// refusalAdvice says how to test the policies with a target an API
// refuses before CSP runs.
func refusalAdvice(dest match.Destination) string {
	switch dest {
	case match.Connection:
		return "use a request kind that accepts it (With(match.WithRequest(...)))"
	case match.Worker, match.SharedWorker, match.ServiceWorker:
		return "test a target the worker constructor accepts (same origin as the page)"
	}
	return "test a target the browsers load"
}

// mixedOnlyIn returns the engines whose policies allow d's request, which
// they block as mixed content.
func mixedOnlyIn(d match.Decision) []match.Engine {
	var out []match.Engine
	for _, e := range each(d) {
		if e.MixedContent && e.CSPAllowed {
			out = append(out, e.Engine())
		}
	}
	return out
}

// each returns the single-engine decisions of d.
func each(d match.Decision) []match.Decision {
	if d.Engines == nil {
		return []match.Decision{d}
	}
	return d.Engines
}

// mixedIn returns the engines that block d's request as mixed content.
func mixedIn(d match.Decision) []match.Engine {
	var out []match.Engine
	for _, e := range each(d) {
		if e.MixedContent {
			out = append(out, e.Engine())
		}
	}
	return out
}

// unrestrictedIn returns the engines in which no enforced policy of d
// restricts connect requests; restrictingIn those in which one does.
func unrestrictedIn(d match.Decision) []match.Engine { return byRestriction(d, false) }

func restrictingIn(d match.Decision) []match.Engine { return byRestriction(d, true) }

func byRestriction(d match.Decision, restricted bool) []match.Engine {
	var out []match.Engine
	for _, e := range each(d) {
		if e.Refused != "" {
			continue // no verdicts: CSP never ran
		}
		r := false
		for _, v := range e.Policies {
			r = r || v.Disposition == csp.Enforce && v.Directive != ""
		}
		if r == restricted {
			out = append(out, e.Engine())
		}
	}
	return out
}

func engineList(es []match.Engine) string {
	names := make([]string, len(es))
	for i, e := range es {
		names[i] = e.Title()
	}
	switch len(names) {
	case 0:
		return "no engine"
	case 1:
		return names[0]
	}
	s := ""
	for i, n := range names {
		switch {
		case i == 0:
		case i == len(names)-1:
			s += " and "
		default:
			s += ", "
		}
		s += n
	}
	return s
}
