package match

import (
	"github.com/cspkit/cspkit/internal/urlx"
)

// Refusals of the navigation-side destinations, numbered apart from the
// others so that either list can grow.
const (
	// baseScheme: HTML's "set the frozen base URL" ignores a <base href>
	// whose URL is data: or javascript: before asking CSP.
	baseScheme refusal = 200 + iota
	// formScript: a javascript: form action runs script, which script-src
	// and 'unsafe-inline' decide, not form-action alone.
	formScript
)

// navRefusalText words the refusals of Form and Base.
func navRefusalText(f refusal, u *urlx.URL) string {
	switch f {
	case baseScheme:
		return "HTML ignores a <base href> whose URL is " + u.Scheme + ": (set the frozen base URL): the document keeps its fallback base URL"
	case formScript:
		return "a javascript: form action runs script instead of submitting: decide it with Inline and JavaScriptURL (script-src-elem); no form submission is made"
	}
	return ""
}

// navRoute is route for Form and Base. A base URL is no request: it is
// checked as written, never upgraded and never redirected, and HTML
// refuses data: and javascript: ones. A form submission is a navigation:
// upgrade-insecure-requests upgrades its action (for every host, Chromium
// and WebKit before the check, Spec after it), and it is never mixed
// content.
func (p *profile) navRoute(r *route, target *urlx.URL, c *config) {
	r.request = Fetch
	if p.maxURLLength > 0 && urlLength(target) > p.maxURLLength {
		r.refused = urlTooLong
		return
	}
	switch c.dest {
	case Base:
		if target.Scheme == "data" || target.Scheme == "javascript" {
			if !p.baseSchemeCSPFirst {
				r.refused = baseScheme
				return
			}
			r.refusedAfter = baseScheme // checked (a violation), then ignored
		}
		return
	case Form:
		if target.Scheme == "javascript" {
			r.refused = formScript
			return
		}
	}
	if c.upgrades && !p.notUpgraded.has(c.dest) {
		r.sent = p.upgradeURL(r, 0, target)
		r.upgraded = r.sent != 0
	}
	r.checked = r.sent
	if p.upgrade == upgradeCovered {
		r.checked = 0
	}
}

// formRedirectUnchecked reports whether the engine lets a form
// submission's redirect hop through without checking form-action.
func (p *profile) formRedirectUnchecked(c *config) bool {
	return c.dest == Form && c.redirected && p.formRedirectsUnchecked
}

// formRedirectReason says why a verdict of an unchecked redirect hop
// allows it.
const formRedirectReason = "this engine does not check form-action on a form submission's redirects"
