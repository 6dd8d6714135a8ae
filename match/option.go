package match

import "slices"

// Option changes how a decision is made. Options are created by the
// functions of this package only.
type Option interface {
	apply(config) config
}

type config struct {
	engines     []*profile
	redirected  bool
	request     Request
	requestSet  bool
	strict      bool // targets must be absolute or explicitly relative; see StrictTarget
	dest        Destination
	upgrades    bool // set per decision: an enforced policy has upgrade-insecure-requests
	blocksMixed bool // set per decision: an enforced policy has block-all-mixed-content
	relative    bool // set per decision: the target was given relative to the page

	nonce             string // the element's nonce (WithNonce)
	integrity         string // the element's integrity metadata (WithIntegrity)
	notParserInserted bool   // the element was inserted by script (NotParserInserted)
	sri               []sriItem
}

// forDest sets the destination decided; a base URL is never redirected.
func (c *config) forDest(dest Destination) {
	c.dest = dest
	if dest == Base {
		c.redirected = false
	}
}

func newConfig(opts []Option) config {
	c := config{engines: browserProfiles}
	for _, o := range opts {
		if o != nil {
			c = o.apply(c)
		}
	}
	if c.integrity != "" {
		c.sri = parseIntegrity(c.integrity)
	}
	return c
}

type redirectedOption struct{}

func (redirectedOption) apply(c config) config {
	c.redirected = true
	return c
}

// Redirected says that the target was reached through a redirect (its
// redirect count is above zero), so path-parts of host-sources are ignored
// (https://w3c.github.io/webappsec-csp/#source-list-paths-and-redirects).
// Browsers check every hop: decide the original URL without this option and
// each redirect target with it.
func Redirected() Option { return redirectedOption{} }

type engineOption struct{ p *profile }

func (o engineOption) apply(c config) config {
	c.engines = o.p.solo()
	return c
}

// WithEngine decides with one engine only. Without an engine option, every
// browser engine decides (see Browsers).
func WithEngine(e Engine) Option { return engineOption{p: e.profile()} }

type enginesOption []*profile

func (o enginesOption) apply(c config) config {
	if len(o) > 0 {
		c.engines = o
	}
	return c
}

// WithEngines decides with each of the engines given, once each: the
// request is allowed only when every one allows it, and the Decision holds
// each engine's own. WithEngines() with no engine keeps the default, every
// browser engine.
func WithEngines(engines ...Engine) Option {
	o := make(enginesOption, 0, len(engines))
	for _, e := range engines {
		if !slices.Contains(o, e.profile()) {
			o = append(o, e.profile())
		}
	}
	return o
}

type requestOption Request

func (o requestOption) apply(c config) config {
	c.request, c.requestSet = Request(o), true
	return c
}

// WithRequest names the API that makes the request. Without it, a ws: or
// wss: target is taken as a WebSocket and any other as a fetch(). A
// Request value that is none of the package's constants is refused
// (Decision.Refused): no request is made.
// It matters where browsers check something else than the URL given, or
// refuse it before CSP runs: see Request.
func WithRequest(r Request) Option { return requestOption(r) }

var solos = func() map[*profile][]*profile {
	m := make(map[*profile][]*profile, len(allEngines))
	for _, p := range allEngines {
		m[p] = []*profile{p}
	}
	return m
}()

// solo returns a one-engine list holding p, without allocating.
func (p *profile) solo() []*profile {
	if s, ok := solos[p]; ok {
		return s
	}
	return []*profile{p}
}
