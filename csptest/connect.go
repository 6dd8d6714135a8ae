package csptest

import (
	"testing"

	"github.com/cspkit/cspkit/match"
)

// Checker decides with a fixed set of match options. The zero Checker
// decides with every browser engine, as AllowsConnect and BlocksConnect do.
// A Checker is immutable: In and With return new ones.
type Checker struct {
	opts []match.Option
}

// In returns a Checker in which the given engines decide: a target is
// allowed only when each of them allows it. In() keeps every browser
// engine.
func In(engines ...match.Engine) Checker { return Checker{}.In(engines...) }

// With returns a Checker that passes opts to match.Connect, such as
// match.WithRequest(match.WebSocket) or match.Redirected().
func With(opts ...match.Option) Checker { return Checker{}.With(opts...) }

// In returns a copy of c in which the given engines decide.
func (c Checker) In(engines ...match.Engine) Checker {
	if len(engines) == 0 {
		return c
	}
	return c.With(match.WithEngines(engines...))
}

// With returns a copy of c with opts added after its own.
func (c Checker) With(opts ...match.Option) Checker {
	all := make([]match.Option, 0, len(c.opts)+len(opts))
	return Checker{opts: append(append(all, c.opts...), opts...)}
}

// AllowsConnect reports whether a page at page, under the policies of src,
// may connect to every target (fetch, XHR, WebSocket, EventSource, beacon,
// ping): every deciding engine allows it, the API does not refuse it, and
// it is not mixed content. Each target that fails is reported with t.Errorf
// and a full explanation. Targets may be relative to page.
func AllowsConnect(t testing.TB, src any, page string, targets ...string) bool {
	t.Helper()
	return Checker{}.check(t, "csptest.AllowsConnect", true, src, page, targets)
}

// BlocksConnect reports whether the policies of src block every target
// for a page at page, in every deciding engine. A target that the policies
// allow in any engine fails, and so does one the API refuses before CSP
// runs (CSP was not tested) or one blocked only as mixed content. Each
// failure is reported with t.Errorf and a full explanation.
func BlocksConnect(t testing.TB, src any, page string, targets ...string) bool {
	t.Helper()
	return Checker{}.check(t, "csptest.BlocksConnect", false, src, page, targets)
}

// AllowsConnect is the package's AllowsConnect with c's options.
func (c Checker) AllowsConnect(t testing.TB, src any, page string, targets ...string) bool {
	t.Helper()
	return c.check(t, "csptest.AllowsConnect", true, src, page, targets)
}

// BlocksConnect is the package's BlocksConnect with c's options.
func (c Checker) BlocksConnect(t testing.TB, src any, page string, targets ...string) bool {
	t.Helper()
	return c.check(t, "csptest.BlocksConnect", false, src, page, targets)
}

func (c Checker) check(t testing.TB, name string, wantAllowed bool, src any, page string, targets []string) bool {
	t.Helper()
	if len(targets) == 0 {
		t.Errorf("%s: no target given", name)
		return false
	}
	p := read(src)
	if p.err != nil {
		t.Errorf("%s: %v", name, p.err)
		return false
	}
	ok := true
	for _, target := range targets {
		d, err := match.Connect(p.list, page, target, c.opts...)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			ok = false
			continue
		}
		if why := failure(d, wantAllowed); why != "" {
			t.Errorf("%s", message(name, why, page, target, d, &p))
			ok = false
		}
	}
	return ok
}

// failure returns why d fails the assertion, or "" when it passes.
func failure(d match.Decision, wantAllowed bool) string {
	target := d.Target().String()
	switch {
	case d.Refused != "":
		if wantAllowed {
			return target + " is refused before CSP runs: " + d.Refused
		}
		return target + " is refused before CSP runs (" + d.Refused + "), so the policies were not tested; use a request kind that accepts it (csptest.With(match.WithRequest(...)))"
	case wantAllowed && !d.Allowed:
		if d.Divergent() {
			return target + " is blocked by " + engineList(d.BlockedBy()) + " but allowed by " + engineList(d.AllowedBy())
		}
		return target + " is blocked by " + engineList(d.BlockedBy())
	case wantAllowed && d.MixedContent:
		m, verb := mixedIn(d), " block"
		if len(m) == 1 {
			verb = " blocks"
		}
		return target + " is allowed by the policies, but " + engineList(m) + verb + " it as mixed content (an https page requesting http: or ws:)"
	case !wantAllowed && !d.Blocked():
		if d.Divergent() {
			return target + " is allowed by " + engineList(d.AllowedBy()) + " (blocked by " + engineList(d.BlockedBy()) + ")"
		}
		return target + " is allowed by " + engineList(d.AllowedBy())
	}
	return ""
}

// mixedIn returns the engines that block d's request as mixed content.
func mixedIn(d match.Decision) []match.Engine {
	if d.Engines == nil {
		return []match.Engine{d.Engine()}
	}
	var out []match.Engine
	for _, e := range d.Engines {
		if e.MixedContent {
			out = append(out, e.Engine())
		}
	}
	return out
}

func engineList(es []match.Engine) string {
	switch len(es) {
	case 0:
		return "no engine"
	case 1:
		return es[0].Title()
	}
	s := ""
	for i, e := range es {
		switch {
		case i == 0:
		case i == len(es)-1:
			s += " and "
		default:
			s += ", "
		}
		s += e.Title()
	}
	return s
}
