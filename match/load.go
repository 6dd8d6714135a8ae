package match

import (
	"github.com/cspkit/cspkit/csp"
	"github.com/cspkit/cspkit/internal/urlx"
)

// Load decides whether a page at page, subject to the policies in list, may
// load target as dest: a script, a style sheet, an image, a frame, a
// worker... The directive that decides is the destination's effective
// directive or, when a policy lacks it, the next of its fallback list
// (script-src-elem, then script-src, then default-src for a Script), as
// each engine has them. Load(list, page, target, Connection) is Connect.
//
// Options, engines and the Decision are those of Connect; WithRequest
// applies to Connection only and is ignored for other destinations.
// Form decides a form submission to target (form-action, checked on
// redirect hops too: decide each with Redirected); Base decides a <base
// href> (base-uri; no request is made, so Redirected does not apply and
// is ignored); Ancestor decides whether target, as the only ancestor, may
// embed the page: FrameAncestors with one ancestor.
// target is resolved against page as a browser resolves an attribute's
// URL; StrictTarget refuses targets that read as a path on the page's
// host by accident. The error is a *URLError when page or target cannot be
// parsed as a browser would, or under StrictTarget, and a
// *DestinationError when dest is not a defined Destination.
func Load(list csp.List, page, target string, dest Destination, opts ...Option) (Decision, error) {
	if !dest.IsValid() {
		return Decision{}, &DestinationError{Name: dest.String()}
	}
	if dest == Ancestor {
		return FrameAncestors(list, page, []string{target}, opts...)
	}
	c := newConfig(opts)
	c.forDest(dest)
	c.relative = isRelative(target)
	if c.strict {
		if err := schemeProblem(page); err != nil {
			return Decision{}, &URLError{Role: "page", Input: page, Err: err}
		}
		if err := schemeProblem(target); err != nil {
			return Decision{}, &URLError{Role: "target", Input: target, Err: err}
		}
	}
	p, err := urlx.Parse(page)
	if err != nil {
		return Decision{}, &URLError{Role: "page", Input: page, Err: err}
	}
	t, err := urlx.ParseRef(p, target)
	if c.strict {
		if amb := ambiguity(target, t, err); amb != nil {
			return Decision{}, &URLError{Role: "target", Input: target, Err: amb}
		}
	}
	if err != nil {
		return Decision{}, &URLError{Role: "target", Input: target, Err: err}
	}
	return decide(list, p, t, c), nil
}

// LoadURL is Load for URLs parsed already. It returns a *URLError when page
// or target is the zero URL, and a *DestinationError for an undefined dest.
func LoadURL(list csp.List, page, target URL, dest Destination, opts ...Option) (Decision, error) {
	if !page.IsValid() {
		return Decision{}, &URLError{Role: "page", Err: errZeroURL}
	}
	if !target.IsValid() {
		return Decision{}, &URLError{Role: "target", Err: errZeroURL}
	}
	if !dest.IsValid() {
		return Decision{}, &DestinationError{Name: dest.String()}
	}
	c := newConfig(opts)
	c.forDest(dest)
	if dest == Ancestor {
		return decideAncestors(list, page.u, []URL{target}, c), nil
	}
	return decide(list, page.u, target.u, c), nil
}
