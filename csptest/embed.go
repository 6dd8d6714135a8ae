package csptest

import (
	"strings"

	"github.com/cspkit/cspkit/match"
)

// EmbeddableBy reports whether the page at page, served with the policies
// of src, may be displayed in a frame whose ancestors are ancestors: one
// chain, the document embedding the page first, then its embedder, up to
// the top-level document (see match.FrameAncestors). In every deciding
// engine, every enforced frame-ancestors must allow every ancestor. It is
// Of(t, src).EmbeddableBy.
func EmbeddableBy[S Source](t TB, src S, page string, ancestors ...string) bool {
	t.Helper()
	return Of(t, src).checkEmbed("csptest.EmbeddableBy", true, page, ancestors)
}

// NotEmbeddableBy reports whether the policies of src keep the page at page
// out of a frame whose ancestors are ancestors (one chain, parent first),
// in every deciding engine. It is Of(t, src).NotEmbeddableBy.
func NotEmbeddableBy[S Source](t TB, src S, page string, ancestors ...string) bool {
	t.Helper()
	return Of(t, src).checkEmbed("csptest.NotEmbeddableBy", false, page, ancestors)
}

// EmbeddableBy reports whether the page at page may be framed by the chain
// of ancestors, parent first: each an absolute URL (the ancestor
// document's URL or origin), or "null" for a sandboxed document's opaque
// origin. The assertion fails when no enforced policy has frame-ancestors
// in a deciding engine, since any chain would pass; assert that with
// Unrestricted(match.Ancestor) when it is meant.
func (p *Policies) EmbeddableBy(page string, ancestors ...string) bool {
	p.t.Helper()
	return p.checkEmbed("csptest.EmbeddableBy", true, page, ancestors)
}

// NotEmbeddableBy reports whether the policies keep the page at page out of
// a frame whose ancestors are ancestors (one chain, parent first), in
// every deciding engine. It fails when an engine lets the chain embed the
// page, and so when no enforced policy has frame-ancestors.
func (p *Policies) NotEmbeddableBy(page string, ancestors ...string) bool {
	p.t.Helper()
	return p.checkEmbed("csptest.NotEmbeddableBy", false, page, ancestors)
}

func (p *Policies) checkEmbed(name string, wantAllowed bool, page string, ancestors []string) bool {
	p.t.Helper()
	if p.err != nil {
		p.t.Errorf("%s: %v", name, p.err)
		return false
	}
	d, err := match.FrameAncestors(p.list, page, ancestors, p.options()...)
	if err != nil {
		p.t.Errorf("%s: %v", name, err)
		return false
	}
	if why := failure(d, wantAllowed); why != "" {
		if strings.HasPrefix(why, d.Target().String()) {
			why = "embedding by " + why
		}
		p.t.Errorf("%s", p.message(name, why, d.Target().String(), &d))
		return false
	}
	p.logProblems(name)
	return true
}
