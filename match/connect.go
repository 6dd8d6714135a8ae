package match

import (
	"slices"

	"github.com/cspkit/cspkit/csp"
	"github.com/cspkit/cspkit/internal/urlx"
)

// Connect decides whether a page at page, subject to the policies in list,
// may make a connect-src request (fetch, XMLHttpRequest, WebSocket,
// EventSource, sendBeacon, <a ping>) to target. It is Load with the
// destination Connection. target may be relative to page, as in
// fetch("/api"): it is resolved against page the way fetch() resolves it,
// following the WHATWG URL standard, so "api.example.com/v1" is a path on
// the page's host. The StrictTarget option refuses such targets instead.
//
// Without an engine option every browser engine decides (Chromium, Firefox
// and WebKit): Allowed is true only when the request goes through in all
// of them, and Engines holds each one's decision, so that Blocked and
// Divergent tell whether they agree. WithEngine(Spec) decides by the CSP3
// text alone.
//
// The error, a *URLError, is returned only when page or target cannot be
// parsed as a browser would (or, under StrictTarget, the target is
// ambiguous); no Decision is made then, so a bad URL is never silently
// allowed.
func Connect(list csp.List, page, target string, opts ...Option) (Decision, error) {
	return Load(list, page, target, Connection, opts...)
}

// ConnectURL is Connect for URLs parsed already, for callers that check
// many targets or many policies. It returns a *URLError when page or target
// is the zero URL. A parsed target is absolute: what only a target written
// relative to the page meets (Firefox's new WebSocket() refuses a relative
// URL on a sandboxed page) needs Connect.
func ConnectURL(list csp.List, page, target URL, opts ...Option) (Decision, error) {
	return LoadURL(list, page, target, Connection, opts...)
}

type zeroURLError struct{}

// Error says the URL is the zero URL, which no parse produced.
func (zeroURLError) Error() string { return "zero URL" }

var errZeroURL error = zeroURLError{}

func decide(list csp.List, page, target urlx.URL, c config) Decision {
	c.upgrades, c.blocksMixed = insecureFlags(list)
	self := selfOf(&page)
	self.sandboxed = sandboxesOpaque(list)
	var d Decision
	if len(c.engines) == 1 {
		decideOne(&d, list, &page, &target, &c, c.engines[0], nil, &self)
		return d
	}
	ds := make([]Decision, len(c.engines))
	// One array holds every engine's verdicts: one allocation, not one
	// per engine.
	n := list.Len()
	var vs []Verdict
	if n > 0 {
		vs = make([]Verdict, 0, len(c.engines)*n)
	}
	rep, allowed, cspAllowed, mixed := 0, true, true, false
	for i, p := range c.engines {
		e := &ds[i]
		decideOne(e, list, &page, &target, &c, p, vs[i*n:i*n:i*n+n], &self)
		if !e.Allowed && allowed {
			rep, allowed = i, false
		}
		cspAllowed = cspAllowed && e.CSPAllowed
		mixed = mixed || e.MixedContent
	}
	d = ds[rep]
	d.Allowed, d.CSPAllowed, d.MixedContent, d.Engines = allowed, cspAllowed, mixed, ds
	return d
}

// decideOne makes the decision of one engine into d, a zero Decision,
// keeping its verdicts in verdicts when it has room for them; self is
// selfOf(page).
func decideOne(d *Decision, list csp.List, page, target *urlx.URL, c *config, p *profile, verdicts []Verdict, self *selfOrigin) {
	var r route
	p.route(&r, target, c, self)
	checked, sent := r.url(r.checked, target), r.url(r.sent, target)
	d.engine = Engine{p: p}
	d.request, d.dest, d.list = r.request, c.dest, list
	d.page.u, d.target.u = *page, *target
	d.Redirected, d.Upgraded = c.redirected, r.upgraded
	if r.refused != notRefused {
		d.checked.u = *checked
		d.Refused = p.refusalText(r.refused, r.request, checked)
		if r.refused == notLoaded {
			d.Refused = p.notLoadedText(c.dest)
		}
		return
	}
	d.Policies = verdicts
	d.CSPAllowed = true
	if p.mixedAsGiven.has(c.dest) {
		d.MixedContent = p.mixedBlocked(c, self, target)
	} else {
		d.MixedContent = p.mixedBlocked(c, self, sent)
	}
	pass := passAll
	if p.reportOnlyAsGiven && !c.redirected && !c.dest.navigational() && list.Len() > 0 {
		// Report-only policies see the URL as written, before any upgrade.
		given := r.url(r.given, target)
		d.check(list, given, self, c, p, c.dest, d.MixedContent || p.mixedLoad(c, self, given), passReportOnly)
		pass = passEnforced
	}
	if r.twice {
		// Checked as given first; the upgraded URL only if that passes.
		raw := r.url(r.raw, target)
		d.check(list, raw, self, c, p, c.dest, d.MixedContent || p.mixedLoad(c, self, raw), pass)
		if pass == passAll {
			pass = passMerge
		}
	}
	if d.CSPAllowed {
		d.check(list, checked, self, c, p, r.finalDest(c), d.MixedContent, pass)
	}
	if p.formRedirectUnchecked(c) {
		d.CSPAllowed = true
		for i := range d.Policies {
			if v := &d.Policies[i]; !v.Allowed && v.Directive != "" {
				v.Allowed, v.Match, v.BlockedBy, v.Reason = true, -1, "", formRedirectReason
			}
		}
	}
	if d.CSPAllowed && r.refusedAfter != notRefused {
		d.CSPAllowed, d.Policies = false, d.Policies[:0]
		d.Refused = p.refusalText(r.refusedAfter, r.request, checked)
	}
	d.Allowed = d.CSPAllowed && !d.MixedContent
}

// mixedContent reports whether a request from the page to sent, the URL it
// goes to, is blocked as mixed content: an https page requesting http: or
// ws:, loopback hosts exempt unless the engine counts them.
func (p *profile) mixedContent(self *selfOrigin, sent *urlx.URL) bool {
	return self.Scheme == "https" && (sent.Scheme == "http" || sent.Scheme == "ws") &&
		(p.loopbackMixed || !trustworthyHost(sent))
}

// mixedBlocked reports whether a request of c's destination from the page
// to sent, the URL it goes to, is blocked as mixed content: it is mixed
// content, and either the engine blocks that destination's mixed content
// or an enforced policy has block-all-mixed-content (Mixed Content
// #category-optionally-blockable, CSP's block-all-mixed-content).
func (p *profile) mixedBlocked(c *config, self *selfOrigin, sent *urlx.URL) bool {
	return !c.dest.navigational() && p.mixedContent(self, sent) && (!p.mixedLoads.has(c.dest) || c.blocksMixed)
}

// mixedLoad reports whether a load of c's destination (not a connection,
// whose mixed content decideOne judges, nor a navigation-side
// destination, which is never mixed content) to u is mixed content, for
// block-all-mixed-content.
func (p *profile) mixedLoad(c *config, self *selfOrigin, u *urlx.URL) bool {
	return c.dest != Connection && !c.dest.navigational() && p.mixedContent(self, u)
}

// route is what one engine does with a request before matching: the
// request kind, a refusal, the URL the request goes to and the URL (or,
// for engines that check twice, the URLs) matched against the policies.
// It names its URLs by slot, not pointer, so that it stays on the stack.
type route struct {
	request  Request
	refused  refusal
	twice    bool
	upgraded bool
	given    slot // the URL the API makes of the target, before any upgrade
	sent     slot // where the request goes, after any upgrade
	checked  slot // the URL matched (the refused URL when refused)
	raw      slot // when twice: the URL as given, matched first
	// refusedAfter: why the API refuses the URL once CSP has allowed it
	refusedAfter refusal
	navigates    bool // the final check is a frame navigation's (objectNavigates)
	n            slot // the rewritten URLs in buf
	buf          [4]urlx.URL
}

// slot names a URL of a route: 0 the target, k the k-th rewritten URL.
type slot uint8

// url returns the URL in slot s.
func (r *route) url(s slot, target *urlx.URL) *urlx.URL {
	if s == 0 {
		return target
	}
	return &r.buf[s-1]
}

// withScheme returns the slot of the URL in slot s with its scheme
// replaced (see withScheme): s itself when the scheme is already scheme.
func (r *route) withScheme(s slot, target *urlx.URL, scheme string) slot {
	u := r.url(s, target)
	if u.Scheme == scheme {
		return s
	}
	r.buf[r.n] = withScheme(*u, scheme)
	r.n++
	return r.n
}

// route fills r with what engine p does with a request to target from
// the page self.
func (p *profile) route(r *route, target *urlx.URL, c *config, self *selfOrigin) {
	if c.dest.navigational() {
		p.navRoute(r, target, c)
		return
	}
	if c.dest != Connection {
		p.loadRoute(r, target, c, self)
		return
	}
	r.request = c.resolve(target)
	if r.request == WebSocket && c.relative && self.sandboxed && p.sandboxRelativeWSRefused {
		r.refused = sandboxedRelativeWS
		return
	}
	req, refused := p.prepare(r, target)
	if refused != notRefused {
		r.refused, r.checked = refused, req
		return
	}
	r.given, r.sent = req, req
	if c.upgrades {
		r.sent = p.upgradeURL(r, req, target)
		r.upgraded = r.sent != req
		if r.request == WebSocket {
			// new WebSocket() upgrades ws: to wss: itself (Blink: in the
			// constructor), so the API's own URL is the upgraded one.
			r.given = r.sent
		}
	}
	if p.upgrade == upgradeTwice && r.upgraded && !c.redirected && (r.request == Fetch || r.request == Beacon) {
		r.twice, r.raw = true, p.checkedURLIn(r, req, target)
	}
	r.checked = r.sent
	switch {
	case p.upgrade == upgradeCovered,
		p.upgrade == upgradeUnlessReport && !c.redirected && (r.request == EventSource || r.request == Beacon || r.request == Ping):
		r.checked = req
	}
	r.checked = p.checkedURLIn(r, r.checked, target)
}

// loadRoute is route for a destination other than Connection: a load the
// engine never makes from a page, workers refused as their constructors
// refuse them (see workerRefusal; after the CSP check for an engine that
// checks service workers first), and URLs over the engine's length limit;
// then upgrade-insecure-requests, or the engine's upgrade of mixed images
// and media, upgrades the URL before the check, but for engines that check
// the URL as given. A destination the engine checks as given (asGiven) is
// checked twice on its first hop: as given, then as sent. An engine whose
// objects navigate checks an <object> as given against its own directive,
// then as sent as a frame navigation (a redirect hop only so).
func (p *profile) loadRoute(r *route, target *urlx.URL, c *config, self *selfOrigin) {
	r.request = Fetch
	if p.notLoaded.has(c.dest) {
		r.refused = notLoaded
		return
	}
	if c.dest == Prefetch && p.prefetchNetworkOnly && target.Scheme != "http" && target.Scheme != "https" {
		r.refused = prefetchScheme
		return
	}
	if p.maxURLLength > 0 && urlLength(target) > p.maxURLLength {
		r.refused = urlTooLong
		return
	}
	if c.redirected && target.Scheme != "http" && target.Scheme != "https" {
		// Fetch: a redirect to anything but http(s) is a network error,
		// after a CSP check in some engines.
		if !p.redirectSchemeCSPFirst.has(c.dest) {
			r.refused = redirectScheme
			return
		}
		r.refusedAfter = redirectScheme
	}
	if c.dest == ServiceWorker && c.redirected {
		r.refused = serviceWorkerRedirect
		return
	}
	if c.upgrades && !p.notUpgraded.has(c.dest) {
		r.sent = p.upgradeURL(r, 0, target)
		r.upgraded = r.sent != 0
	}
	refURL := target
	if p.upgradeBeforeRefusal.has(c.dest) {
		refURL = r.url(r.sent, target)
	}
	if f := workerRefusal(c.dest, refURL, self); f != notRefused {
		after := c.dest == ServiceWorker && p.serviceWorkerCSPFirst && f != serviceWorkerInsecure
		if c.redirected {
			// a worker script is fetched in same-origin mode: a redirect
			// to another origin fails, after a CSP check in some engines
			f, after = workerRedirect, p.workerRedirectCSPFirst
		}
		if !after {
			r.refused = f
			return
		}
		r.refusedAfter = f
	}
	if c.redirected && p.redirectMixedFirst.has(c.dest) && p.mixedContent(self, target) {
		r.refused = redirectMixed
		return
	}
	if p.autoUpgrade.has(c.dest) && autoUpgradable(self, r.url(r.sent, target)) {
		r.sent = r.withScheme(r.sent, target, "https")
	}
	r.checked = r.sent
	if p.autoUpgradeAfter.has(c.dest) && autoUpgradable(self, r.url(r.sent, target)) {
		r.sent = r.withScheme(r.sent, target, "https")
	}
	if p.upgrade == upgradeCovered {
		r.checked = 0
	}
	r.navigates = p.objectNavigates && c.dest == Object
	if !c.redirected && (p.asGiven.has(c.dest) && r.checked != 0 || r.navigates) {
		r.twice, r.raw = true, 0
	}
}

// finalDest is the destination the final check of a route decides as: a
// frame for an <object> that navigates, the request's otherwise.
func (r *route) finalDest(c *config) Destination {
	if r.navigates {
		return Frame
	}
	return c.dest
}

// checkPass says which policies a check decides when a request is checked
// more than once.
type checkPass uint8

const (
	passAll        checkPass = iota // every policy: the request's first check
	passMerge                       // every policy, but a report-only violation of an earlier check stands (its report was sent)
	passReportOnly                  // report-only policies only (enforced ones come in a later pass)
	passEnforced                    // enforced policies only: report-only verdicts stand from an earlier pass
)

// check matches u against the policies of list that pass decides, filling
// d's verdicts and CSPAllowed.
//
// dest is the destination decided (an <object>'s final check is a frame
// navigation's) and mixed whether the URL is mixed content, for
// block-all-mixed-content.
func (d *Decision) check(list csp.List, u *urlx.URL, self *selfOrigin, c *config, p *profile, dest Destination, mixed bool, pass checkPass) {
	d.checked.u = *u
	d.CSPAllowed = true
	if pass == passAll || pass == passReportOnly {
		d.Policies = d.Policies[:0]
		if d.Policies == nil && list.Len() > 0 {
			d.Policies = make([]Verdict, 0, list.Len())
		}
	}
	mp := p.matcher(dest)
	for i := range list.Len() {
		pol := list.Policy(i)
		if i < len(d.Policies) {
			old := d.Policies[i]
			if old.Disposition != csp.Enforce && (pass == passEnforced || pass == passMerge && !old.Allowed) {
				continue
			}
		}
		if pass == passReportOnly && pol.Disposition() == csp.Enforce {
			d.Policies = append(d.Policies, Verdict{Policy: i, Disposition: csp.Enforce, Allowed: true, Match: -1, Effective: dest.EffectiveDirective()})
			continue
		}
		v := Verdict{Policy: i, Disposition: pol.Disposition(), Allowed: true, Match: -1, Effective: dest.EffectiveDirective()}
		dir, ok := p.governing(pol, dest)
		if ok && (p.hintUnchecked(pol, dest) || p.reportOnlyIgnores(pol, dest)) {
			ok, v.Reason = false, p.title+" does not check "+dest.plural()+" against report-only policies (no report)"
		}
		if ok {
			v.Directive, v.Sources = dir.Name(), dir.Sources()
			v.Match = mp.matchPolicy(pol, dir, u, self, c.redirected)
			v.Allowed = v.Match >= 0
			if !v.Allowed && dest == Prefetch && p.hint == hintAnyDirective {
				if hd, m, ok := p.hintMatch(pol, u, self, c.redirected); ok {
					v.Directive, v.Sources, v.Match, v.Allowed = hd.Name(), hd.Sources(), m, true
				}
			}
			switch i, pre := p.preRequest(dest, v.Sources, c); pre {
			case preAllowed:
				v.Allowed, v.Match = true, i
			case preBlocked:
				v.Allowed, v.Match, v.BlockedBy, v.Reason = false, -1, dir.Name(), strictDynamicReason
			}
			if isWorker(dest) && slices.Contains(p.strictDynamicWorkers, v.Directive) && strictDynamicIndex(v.Sources) >= 0 {
				// CSP3: a request that is not parser-inserted is allowed.
				v.Allowed, v.Match = true, strictDynamicIndex(v.Sources)
			}
			if v.Allowed {
				if fails, why := p.secondCheckFails(dir, u, self, c, d.request); fails {
					v.Allowed, v.Match, v.BlockedBy, v.Reason = false, -1, dir.Name(), why
				}
			}
		}
		if v.Allowed && mixed && p.mixedContentViolation && hasBlockAllMixed(pol) {
			v.Allowed, v.Match, v.BlockedBy, v.Reason = false, -1, csp.BlockAllMixedContent, mixedContentReason
		}
		if !v.Allowed && v.Disposition == csp.Enforce {
			d.CSPAllowed = false
		}
		if i < len(d.Policies) {
			d.Policies[i] = v
		} else {
			d.Policies = append(d.Policies, v)
		}
	}
}

// matchPolicy returns the index of the source of pol's governing list
// sources that matches u, or -1.
func (p *profile) matchPolicy(pol csp.Policy, dir csp.Directive, u *urlx.URL, self *selfOrigin, redirected bool) int {
	self.upgrading = p.upgrade == upgradeCovered && pol.Disposition() == csp.Enforce && hasUpgrade(pol)
	sources := dir.Sources()
	if p.starByDirective {
		if i := directiveStar(dir, u); i >= 0 {
			return i
		}
	}
	if p.selfBlobFrameSrc && u.Scheme == "blob" && dir.Name() == "frame-src" {
		if i := p.selfBlobMatch(sources, u, self); i >= 0 {
			return i
		}
	}
	if p.strictDynamicVoids && voidedByStrictDynamic(dir.Name()) {
		if sd := strictDynamicIndex(sources); sd >= 0 {
			return p.matchListAfterStrictDynamic(sources, sd, u, self, redirected)
		}
	}
	return p.matchList(sources, u, self, redirected)
}

// upgradeDirective finds upgrade-insecure-requests by its name's id.
var upgradeDirective = csp.FallbackList(csp.UpgradeInsecureRequests)

// secondFails is secondCheckFails' verdict without its reason.
func secondFails(fails bool, _ string) bool { return fails }

// blockAllMixedDirective finds block-all-mixed-content by its name's id.
var blockAllMixedDirective = csp.FallbackList(csp.BlockAllMixedContent)

// hasBlockAllMixed reports whether pol has block-all-mixed-content.
func hasBlockAllMixed(pol csp.Policy) bool {
	_, ok := pol.Governing(blockAllMixedDirective, false)
	return ok
}

// hasUpgrade reports whether pol has upgrade-insecure-requests.
func hasUpgrade(pol csp.Policy) bool {
	_, ok := pol.Governing(upgradeDirective, false)
	return ok
}

// enforcedAllow reports whether every enforced policy of list allows u:
// check without the verdicts.
func (p *profile) enforcedAllow(list csp.List, u *urlx.URL, self *selfOrigin, c *config, request Request, dest Destination, mixed bool) bool {
	mp := p.matcher(dest)
	for i := range list.Len() {
		pol := list.Policy(i)
		if pol.Disposition() != csp.Enforce {
			continue
		}
		if mixed && p.mixedContentViolation && hasBlockAllMixed(pol) {
			return false
		}
		dir, ok := p.governing(pol, dest)
		if !ok || isWorker(dest) && slices.Contains(p.strictDynamicWorkers, dir.Name()) && strictDynamicIndex(dir.Sources()) >= 0 {
			continue
		}
		_, pre := p.preRequest(dest, dir.Sources(), c)
		if pre == preBlocked {
			return false
		}
		if pre != preAllowed && mp.matchPolicy(pol, dir, u, self, c.redirected) < 0 {
			if dest != Prefetch || p.hint != hintAnyDirective {
				return false
			}
			if _, _, ok := p.hintMatch(pol, u, self, c.redirected); !ok {
				return false
			}
		}
		if secondFails(p.secondCheckFails(dir, u, self, c, request)) {
			return false
		}
	}
	return true
}

// allowsOne is decideOne's Allowed, without the Decision.
func allowsOne(list csp.List, target *urlx.URL, c *config, p *profile, self *selfOrigin) bool {
	var r route
	p.route(&r, target, c, self)
	sent := r.url(r.sent, target)
	if p.mixedAsGiven.has(c.dest) {
		sent = target
	}
	if r.refused != notRefused || r.refusedAfter != notRefused || p.mixedBlocked(c, self, sent) {
		return false
	}
	if r.refused == notRefused && p.formRedirectUnchecked(c) {
		return true
	}
	if raw := r.url(r.raw, target); r.twice && !p.enforcedAllow(list, raw, self, c, r.request, c.dest, p.mixedLoad(c, self, raw)) {
		return false
	}
	return p.enforcedAllow(list, r.url(r.checked, target), self, c, r.request, r.finalDest(c), false)
}

// upgradeURL returns the URL request r to u goes to under
// upgrade-insecure-requests.
func (p *profile) upgradeURL(r *route, s slot, target *urlx.URL) slot {
	u := r.url(s, target)
	switch u.Scheme {
	case "http":
		if p.upgrade == upgradeTwice && trustworthyHost(u) {
			return s
		}
		return r.withScheme(s, target, "https")
	case "ws":
		if p.upgrade == upgradeTwice && (r.request != WebSocket || trustworthyHost(u)) {
			return s
		}
		return r.withScheme(s, target, "wss")
	}
	return s
}

// governing returns the directive that decides requests of destination
// dest in pol, by the engine's fallback list and its reading of a
// directive dropped for non-ASCII content.
func (p *profile) governing(pol csp.Policy, dest Destination) (csp.Directive, bool) {
	return pol.Governing(p.fallbacks[dest], p.nonASCIIClaimsName)
}

// insecureFlags reports whether an enforced policy of list has
// upgrade-insecure-requests, and whether one has block-all-mixed-content;
// both directives are ignored in report-only policies.
func insecureFlags(list csp.List) (upgrades, blocksMixed bool) {
	for i := range list.Len() {
		if p := list.Policy(i); p.Disposition() == csp.Enforce {
			upgrades = upgrades || hasUpgrade(p)
			blocksMixed = blocksMixed || hasBlockAllMixed(p)
		}
	}
	return upgrades, blocksMixed
}

// trustworthyHost reports whether u's host is potentially trustworthy
// (loopback or localhost), so that an http URL to it is not mixed content.
func trustworthyHost(u *urlx.URL) bool {
	switch u.HostKind {
	case urlx.IPv4:
		return len(u.Host) > 4 && u.Host[:4] == "127."
	case urlx.IPv6:
		return u.Host == "[::1]"
	case urlx.Domain:
		h := u.Host
		if len(h) > 0 && h[len(h)-1] == '.' {
			h = h[:len(h)-1]
		}
		return h == "localhost" || len(h) > 10 && h[len(h)-10:] == ".localhost"
	}
	return false
}
