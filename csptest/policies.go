package csptest

import (
	"slices"

	"github.com/cspkit/cspkit/csp"
	"github.com/cspkit/cspkit/match"
)

// Policies holds the policies read from a Source, with the test that
// asserts about them and the match options the assertions decide with. It
// is immutable: In and With return new ones.
type Policies struct {
	t        TB
	list     csp.List
	from     string   // what the policies were read from, for messages
	problems []string // parse problems: what browsers drop or ignore
	err      error    // reading failed: every assertion fails
	opts     []match.Option
	engines  []match.Engine // chosen with In; they win over any engine option
}

// Of reads the policies of src once for assertions about them, which
// report their failures to t. A src that cannot be read (a response body
// that cannot be decoded, a nil response) makes every assertion fail.
func Of[S Source](t TB, src S) *Policies {
	t.Helper()
	list, from, problems, err := read(src)
	return &Policies{t: t, list: list, from: from, problems: problems, err: err}
}

// List returns the policies, as a browser enforces them.
func (p *Policies) List() csp.List { return p.list }

// In returns a copy of p in which the given engines decide: a target is
// allowed only when each of them allows it. In() keeps the engines chosen
// before (every browser engine by default). A later In replaces an
// earlier one, and In wins over an engine option given to With, whatever
// the order of the calls.
func (p *Policies) In(engines ...match.Engine) *Policies {
	if len(engines) == 0 {
		return p
	}
	q := *p
	q.engines = slices.Clone(engines)
	return &q
}

// With returns a copy of p that passes opts to match.Connect and match.Load after its
// own, such as match.WithRequest(match.WebSocket) or match.Redirected().
// Choose engines with In.
func (p *Policies) With(opts ...match.Option) *Policies {
	q := *p
	q.opts = append(slices.Clone(p.opts), opts...)
	return &q
}

// options returns the match options the assertions decide with: the
// targets strict, then p's options, then p's engines.
func (p *Policies) options() []match.Option {
	opts := append([]match.Option{match.StrictTarget()}, p.opts...)
	if len(p.engines) > 0 {
		opts = append(opts, match.WithEngines(p.engines...))
	}
	return opts
}

// logProblems logs, on a passing assertion, the parse problems, which
// change what the browsers enforce.
func (p *Policies) logProblems(name string) {
	if len(p.problems) == 0 {
		return
	}
	if l, ok := p.t.(logger); ok {
		p.t.Helper()
		l.Logf("%s: passed; note the parse problems (what browsers drop or ignore):\n%s", name, indentLines(p.problems, "  "))
	}
}
