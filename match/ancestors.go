package match

import (
	"errors"
	"strconv"
	"strings"

	"github.com/cspkit/cspkit/csp"
	"github.com/cspkit/cspkit/internal/urlx"
)

// FrameAncestors decides whether the page at page, served with the
// policies of list, may be displayed in a frame (<iframe>, <frame>,
// <object>, <embed>) whose ancestors are ancestors: the document that
// embeds it first, then that document's embedder, up to the top-level
// document (CSP3 "frame-ancestors Navigation Response Check",
// #frame-ancestors-navigation-response). Every ancestor must match the
// frame-ancestors directive of every enforced policy; report-only
// policies report but never block. A policy without frame-ancestors does
// not restrict embedding: the directive falls back to nothing, not even
// default-src. Browsers ignore frame-ancestors in <meta> policies, and
// csp.ParseMeta drops it. X-Frame-Options, which an enforced
// frame-ancestors overrides, is not decided here.
//
// Each ancestor is an absolute URL: its document's URL, or its origin
// (for about:blank and about:srcdoc documents, give the origin they
// inherit), or "null" for a document whose origin is opaque (a frame
// sandboxed without allow-same-origin). 'self' is the origin of page's URL
// (the check runs on the response, before a sandbox directive can make
// the document's origin opaque). Redirected says that the page's response
// was reached through a redirect, which only Chromium heeds (see the
// ancestor-paths-after-redirect behavior). Other options are those of
// Load; WithRequest is ignored.
//
// The Decision's Target is the ancestor that decided: the first one (from
// the parent up) that an enforced policy blocks, else the first one a
// report-only policy blocks, else the top-level one; Policies are the
// verdicts on it and Ancestors the whole chain. The error is a *URLError
// when page or an ancestor cannot be parsed, or no ancestor is given (a
// top-level page is never checked against frame-ancestors).
func FrameAncestors(list csp.List, page string, ancestors []string, opts ...Option) (Decision, error) {
	c := newConfig(opts)
	c.dest = Ancestor
	if c.strict {
		if err := schemeProblem(page); err != nil {
			return Decision{}, &URLError{Role: "page", Input: page, Err: err}
		}
	}
	p, err := urlx.Parse(page)
	if err != nil {
		return Decision{}, &URLError{Role: "page", Input: page, Err: err}
	}
	if len(ancestors) == 0 {
		return Decision{}, &URLError{Role: "ancestor", Err: errNoAncestor}
	}
	chain := make([]URL, len(ancestors))
	for i, a := range ancestors {
		u, err := parseAncestor(a, c.strict)
		if err != nil {
			return Decision{}, &URLError{Role: "ancestor", Input: a, Err: err}
		}
		chain[i].u = u
	}
	return decideAncestors(list, p, chain, c), nil
}

var errNoAncestor = errors.New("no ancestor given: a top-level page is never checked against frame-ancestors")

// parseAncestor parses one ancestor: an absolute URL, or "null" for an
// opaque origin, kept as the URL "null:".
func parseAncestor(a string, strict bool) (urlx.URL, error) {
	if strings.EqualFold(strings.TrimSpace(a), "null") {
		return nullAncestor, nil
	}
	if strict {
		if err := schemeProblem(a); err != nil {
			return urlx.URL{}, err
		}
	}
	return urlx.Parse(a)
}

// nullAncestor stands for an ancestor whose origin is opaque.
var nullAncestor = urlx.URL{Scheme: "null", OpaquePath: true, Port: -1}

// Ancestors returns the chain of ancestors a FrameAncestors decision was
// made about, parent first; nil for the decision of any other destination.
// An opaque ancestor ("null") is the URL "null:".
func (d Decision) Ancestors() []URL { return d.ancestors }

// decideAncestors is decide for the chain of ancestors of page.
func decideAncestors(list csp.List, page urlx.URL, chain []URL, c config) Decision {
	self := selfOf(&page)
	var d Decision
	if len(c.engines) == 1 {
		ancestorsOne(&d, list, &page, chain, &c, c.engines[0], nil, &self)
		return d
	}
	ds := make([]Decision, len(c.engines))
	n := list.Len()
	var vs []Verdict
	if n > 0 {
		vs = make([]Verdict, 0, len(c.engines)*n)
	}
	rep, allowed := 0, true
	for i, p := range c.engines {
		e := &ds[i]
		ancestorsOne(e, list, &page, chain, &c, p, vs[i*n:i*n:i*n+n], &self)
		if !e.Allowed && allowed {
			rep, allowed = i, false
		}
	}
	d = ds[rep]
	d.Allowed, d.CSPAllowed, d.Engines = allowed, allowed, ds
	return d
}

// localAncestorReason says why frame-ancestors does not apply to a page
// at a local URL.
const localAncestorReason = "a page at a local URL (about:, blob:, data:) is never checked against frame-ancestors"

// opaqueAncestorReason says why an opaque ancestor is blocked.
const opaqueAncestorReason = "the ancestor's origin is opaque (a sandboxed document), which no source matches in this engine"

// ancestorsOne makes engine p's decision about the chain into d, keeping
// its verdicts in verdicts when it has room for them.
func ancestorsOne(d *Decision, list csp.List, page *urlx.URL, chain []URL, c *config, p *profile, verdicts []Verdict, self *selfOrigin) {
	d.engine = Engine{p: p}
	d.request, d.dest, d.list = Fetch, Ancestor, list
	d.page.u = *page
	d.ancestors = chain
	d.Redirected = c.redirected
	d.Policies = verdicts
	local := isLocalScheme(page.Scheme)
	k := 0
	if !local {
		k = p.decidingAncestor(list, chain, self, c)
	}
	d.target = chain[k]
	u, ok := p.ancestorURL(&chain[k].u)
	d.checked.u = chain[k].u
	if ok {
		d.checked.u = u
	}
	d.CSPAllowed = true
	mp := p.matcher(Ancestor)
	redirected := c.redirected && p.ancestorPathsAfterRedirect || p.ancestorPathsIgnored
	if d.Policies == nil && list.Len() > 0 {
		d.Policies = make([]Verdict, 0, list.Len())
	}
	for i := range list.Len() {
		pol := list.Policy(i)
		v := Verdict{Policy: i, Disposition: pol.Disposition(), Allowed: true, Match: -1, Effective: Ancestor.EffectiveDirective()}
		dir, has := p.governing(pol, Ancestor)
		if has && p.reportOnlyIgnores(pol, Ancestor) {
			has, v.Reason = false, p.title+" ignores frame-ancestors in report-only policies (no report)"
		}
		if has {
			v.Directive, v.Sources = dir.Name(), dir.Sources()
			switch {
			case local:
				v.Reason = localAncestorReason
			case ok:
				v.Match = mp.matchPolicy(pol, dir, &u, self, redirected)
				v.Allowed = v.Match >= 0
			default:
				v.Allowed, v.BlockedBy, v.Reason = false, dir.Name(), opaqueAncestorReason
			}
		}
		if !v.Allowed && v.Disposition == csp.Enforce {
			d.CSPAllowed = false
		}
		d.Policies = append(d.Policies, v)
	}
	d.Allowed = d.CSPAllowed
}

// decidingAncestor returns the index of the ancestor that decides: the
// first that an enforced policy blocks, else the first that a report-only
// policy blocks, else the top-level one.
func (p *profile) decidingAncestor(list csp.List, chain []URL, self *selfOrigin, c *config) int {
	reported := -1
	for k := range chain {
		switch p.ancestorBlocked(list, &chain[k].u, self, c) {
		case blockedEnforced:
			return k
		case blockedReported:
			if reported < 0 {
				reported = k
			}
		}
	}
	if reported >= 0 {
		return reported
	}
	return len(chain) - 1
}

// ancestorVerdict is how the policies of a list judge one ancestor.
type ancestorVerdict uint8

const (
	ancestorAllowed ancestorVerdict = iota
	blockedReported                 // only report-only policies block it
	blockedEnforced                 // an enforced policy blocks it
)

// ancestorBlocked judges the ancestor a against every policy of list.
func (p *profile) ancestorBlocked(list csp.List, a *urlx.URL, self *selfOrigin, c *config) ancestorVerdict {
	u, ok := p.ancestorURL(a)
	mp := p.matcher(Ancestor)
	redirected := c.redirected && p.ancestorPathsAfterRedirect || p.ancestorPathsIgnored
	out := ancestorAllowed
	for i := range list.Len() {
		pol := list.Policy(i)
		dir, has := p.governing(pol, Ancestor)
		if !has || ok && mp.matchPolicy(pol, dir, &u, self, redirected) >= 0 {
			continue
		}
		if pol.Disposition() == csp.Enforce {
			return blockedEnforced
		}
		out = blockedReported
	}
	return out
}

// ancestorURL returns the URL engine p matches frame-ancestors against for
// the ancestor a, and false when the engine matches nothing against it
// (an opaque origin). CSP3, Chromium and WebKit match the URL made of the
// ancestor's origin (path "/"); Firefox matches the ancestor document's
// URL without its fragment and credentials, and a document with a null
// principal (opaque: sandboxed, or data:) as its moz-nullprincipal: URL,
// which only * matches.
func (p *profile) ancestorURL(a *urlx.URL) (urlx.URL, bool) {
	if p.ancestorFullURL {
		if a.Scheme == "null" || a.Scheme == "data" {
			return nullAncestor, true
		}
		u := *a
		u.Fragment, u.HasFragment, u.Username, u.Password = "", false, "", ""
		return u, true
	}
	if a.Scheme == "null" {
		return urlx.URL{}, false
	}
	o := a.Origin()
	if o.Opaque {
		return urlx.URL{}, false
	}
	kind := a.HostKind
	if a.Scheme == "blob" {
		inner, err := urlx.Parse(a.Path)
		if err != nil {
			return urlx.URL{}, false
		}
		kind = inner.HostKind
	}
	return urlx.URL{Scheme: o.Scheme, Host: o.Host, Port: o.Port, Path: "/", HostKind: kind}, true
}

// isLocalScheme reports whether scheme is a local scheme of the Fetch
// standard: about, blob or data.
func isLocalScheme(scheme string) bool {
	return scheme == "about" || scheme == "blob" || scheme == "data"
}

// allowsAncestors is AllowsLoad for the one ancestor target.
func allowsAncestors(list csp.List, page, target *urlx.URL, c *config) bool {
	self := selfOf(page)
	if isLocalScheme(page.Scheme) {
		return true
	}
	for _, p := range c.engines {
		if p.ancestorBlocked(list, target, &self, c) == blockedEnforced {
			return false
		}
	}
	return true
}

// ancestorHeadline writes the rest of a FrameAncestors decision's first
// line after its verdict: the ancestor that decided, its place in the
// chain and the URL matched.
func (d Decision) ancestorHeadline(b *strings.Builder) {
	b.WriteString("embedding by ")
	if d.target.u.Scheme == "null" {
		b.WriteString("an opaque origin (null)")
	} else {
		b.WriteString(clip(d.target.String()))
	}
	b.WriteString(" (frame-ancestors")
	if n := len(d.ancestors); n > 1 {
		k := 0
		for i := range d.ancestors {
			if d.ancestors[i].u == d.target.u {
				k = i
				break
			}
		}
		b.WriteString("; ancestor " + strconv.Itoa(k+1) + " of " + strconv.Itoa(n) + ", parent first")
	}
	b.WriteString(")")
	if d.checked.u != d.target.u && d.checked.u.Scheme != "null" {
		b.WriteString(" (checked as " + clip(d.checked.String()) + ")")
	}
	if d.Redirected {
		b.WriteString(" of a page reached by a redirect")
	}
}
