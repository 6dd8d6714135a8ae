package match

import (
	"github.com/cspkit/cspkit/csp"
	"github.com/cspkit/cspkit/internal/urlx"
)

// Connect decides whether a page at page, subject to the policies in list,
// may make a connect-src request (fetch, XMLHttpRequest, WebSocket,
// EventSource, sendBeacon, <a ping>) to target. target may be relative to
// page, as in fetch("/api").
//
// The error, a *URLError, is returned only when page or target cannot be
// parsed as a browser would; no Decision is made then, so a bad URL is never
// silently allowed.
func Connect(list csp.List, page, target string, opts ...Option) (Decision, error) {
	p, err := urlx.Parse(page)
	if err != nil {
		return Decision{}, &URLError{Role: "page", Input: page, Err: err}
	}
	t, err := urlx.ParseRef(p, target)
	if err != nil {
		return Decision{}, &URLError{Role: "target", Input: target, Err: err}
	}
	return decide(list, p, t, newConfig(opts)), nil
}

// ConnectURL is Connect for URLs parsed already, for callers that check
// many targets or many policies. It returns a *URLError when page or target
// is the zero URL.
func ConnectURL(list csp.List, page, target URL, opts ...Option) (Decision, error) {
	if !page.IsValid() {
		return Decision{}, &URLError{Role: "page", Err: errZeroURL}
	}
	if !target.IsValid() {
		return Decision{}, &URLError{Role: "target", Err: errZeroURL}
	}
	return decide(list, page.u, target.u, newConfig(opts)), nil
}

type zeroURLError struct{}

// Error says the URL is the zero URL, which no parse produced.
func (zeroURLError) Error() string { return "zero URL" }

var errZeroURL error = zeroURLError{}

func decide(list csp.List, page, target urlx.URL, c config) Decision {
	d := Decision{
		engine:     Engine{p: c.engine},
		page:       URL{u: page},
		target:     URL{u: target},
		Redirected: c.redirected,
		Allowed:    true,
	}
	checked := target
	if upgradesInsecure(list) {
		switch checked.Scheme {
		case "http":
			checked, d.Upgraded = withScheme(checked, "https"), true
		case "ws":
			checked, d.Upgraded = withScheme(checked, "wss"), true
		}
	}
	checked = c.engine.checkedURL(checked)
	d.checked = URL{u: checked}
	self := selfOf(&page)
	if list.Len() > 0 {
		d.Policies = make([]Verdict, 0, list.Len())
	}
	for i, pol := range list.All() {
		v := Verdict{Policy: i, Disposition: pol.Disposition(), Allowed: true, Match: -1}
		dir, ok := pol.Directive(csp.ConnectSrc)
		if !ok {
			dir, ok = pol.Directive(csp.DefaultSrc)
		}
		if ok {
			v.Directive, v.Sources = dir.Name(), dir.Sources()
			v.Match = matchList(v.Sources, &checked, &self, c.redirected)
			v.Allowed = v.Match >= 0
		}
		if !v.Allowed && v.Disposition == csp.Enforce {
			d.Allowed = false
		}
		d.Policies = append(d.Policies, v)
	}
	d.MixedContent = self.Scheme == "https" && (checked.Scheme == "http" || checked.Scheme == "ws") &&
		!trustworthyHost(&checked)
	return d
}

// upgradesInsecure reports whether an enforced policy has
// upgrade-insecure-requests; the directive is ignored in report-only
// policies.
func upgradesInsecure(list csp.List) bool {
	for _, p := range list.All() {
		if p.Disposition() == csp.Enforce && p.Has(csp.UpgradeInsecureRequests) {
			return true
		}
	}
	return false
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
