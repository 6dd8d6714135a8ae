package match_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cspkit/cspkit/csp"
	"github.com/cspkit/cspkit/internal/lineartest"
	"github.com/cspkit/cspkit/match"
)

// navVector is one decision about a form submission, a base URL or an
// embedding, with what CSP3 says of it.
type navVector struct {
	name       string
	policy     string
	reportOnly string
	page       string
	target     string // the form action, the base URL, or the ancestors (space-separated, parent first)
	dest       match.Destination
	redirected bool
	allowed    bool
	directive  string // the deciding directive of policy 0, "" when none
	checked    string // the URL matched, when it matters
	refused    bool
}

// specNavVectors are decided from the CSP3 text: form-action's
// pre-navigation check (#form-action-pre-navigate, "does request match
// source list"), "Is base allowed for document?" (#allow-base-for-document)
// and frame-ancestors' navigation response check
// (#frame-ancestors-navigation-response), none of which falls back to
// default-src; and HTML's "set the frozen base URL", which ignores data:
// and javascript: base URLs before CSP.
var specNavVectors = []navVector{
	{name: "form to self", policy: "form-action 'self'", page: "https://a.example/p", target: "/login", dest: match.Form, allowed: true, directive: "form-action"},
	{name: "form elsewhere", policy: "form-action 'self'", page: "https://a.example/p", target: "https://evil.example/collect", dest: match.Form, directive: "form-action"},
	{name: "form: no fallback to default-src", policy: "default-src 'none'", page: "https://a.example/p", target: "https://evil.example/", dest: match.Form, allowed: true},
	{name: "form: none", policy: "form-action 'none'", page: "https://a.example/p", target: "/login", dest: match.Form, directive: "form-action"},
	{name: "form: path", policy: "form-action https://a.example/forms/", page: "https://a.example/p", target: "https://a.example/other", dest: match.Form, directive: "form-action"},
	{name: "form: redirect hop ignores the path", policy: "form-action https://a.example/forms/", page: "https://a.example/p", target: "https://a.example/other", dest: match.Form, redirected: true, allowed: true, directive: "form-action"},
	{name: "form: redirect hop elsewhere", policy: "form-action 'self'", page: "https://a.example/p", target: "https://evil.example/", dest: match.Form, redirected: true, directive: "form-action"},
	{name: "form: POST to http from https is no mixed content", policy: "form-action *", page: "https://a.example/p", target: "http://b.example/post", dest: match.Form, allowed: true, directive: "form-action"},
	{name: "form: checked as written before upgrade-insecure-requests", policy: "form-action http://b.example; upgrade-insecure-requests", page: "https://a.example/p", target: "http://b.example/x", dest: match.Form, allowed: true, directive: "form-action", checked: "http://b.example/x"},
	{name: "form: report-only never blocks", reportOnly: "form-action 'none'", page: "https://a.example/p", target: "/login", dest: match.Form, allowed: true, directive: "form-action"},
	{name: "form: javascript: action refused", policy: "form-action *", page: "https://a.example/p", target: "javascript:void(0)", dest: match.Form, refused: true},
	{name: "base self", policy: "base-uri 'self'", page: "https://a.example/p", target: "https://a.example/static/", dest: match.Base, allowed: true, directive: "base-uri"},
	{name: "base elsewhere", policy: "base-uri 'self'", page: "https://a.example/p", target: "https://evil.example/", dest: match.Base, directive: "base-uri"},
	{name: "base: no fallback to default-src", policy: "default-src 'none'", page: "https://a.example/p", target: "https://evil.example/", dest: match.Base, allowed: true},
	{name: "base: redirect count is 0", policy: "base-uri https://a.example/static/", page: "https://a.example/p", target: "https://a.example/other/", dest: match.Base, redirected: true, directive: "base-uri"},
	{name: "base: not upgraded", policy: "base-uri http://a.example; upgrade-insecure-requests", page: "https://a.example/p", target: "http://a.example/", dest: match.Base, allowed: true, directive: "base-uri", checked: "http://a.example/"},
	{name: "base: data: ignored before CSP", policy: "base-uri *", page: "https://a.example/p", target: "data:text/html,x", dest: match.Base, refused: true},
	{name: "base: javascript: ignored before CSP", policy: "base-uri *", page: "https://a.example/p", target: "javascript:alert(1)", dest: match.Base, refused: true},
	{name: "ancestors: no directive", policy: "default-src 'none'", page: "https://a.example/p", target: "https://evil.example/", dest: match.Ancestor, allowed: true},
	{name: "ancestors: none", policy: "frame-ancestors 'none'", page: "https://a.example/p", target: "https://a.example/", dest: match.Ancestor, directive: "frame-ancestors"},
	{name: "ancestors: self", policy: "frame-ancestors 'self'", page: "https://a.example/p", target: "https://a.example/x https://a.example/", dest: match.Ancestor, allowed: true, directive: "frame-ancestors"},
	{name: "ancestors: a cross-origin top", policy: "frame-ancestors 'self'", page: "https://a.example/p", target: "https://a.example/x https://evil.example/", dest: match.Ancestor, directive: "frame-ancestors", checked: "https://evil.example/"},
	{name: "ancestors: a cross-origin parent", policy: "frame-ancestors 'self' https://partner.example", page: "https://a.example/p", target: "https://evil.example/ https://partner.example/", dest: match.Ancestor, directive: "frame-ancestors", checked: "https://evil.example/"},
	{name: "ancestors: the origin is matched, path /", policy: "frame-ancestors https://partner.example/embed/", page: "https://a.example/p", target: "https://partner.example/embed/page", dest: match.Ancestor, directive: "frame-ancestors", checked: "https://partner.example/"},
	{name: "ancestors: redirect count is 0", policy: "frame-ancestors https://partner.example/embed/", page: "https://a.example/p", target: "https://partner.example/", dest: match.Ancestor, redirected: true, directive: "frame-ancestors"},
	{name: "ancestors: an opaque origin matches nothing", policy: "frame-ancestors *", page: "https://a.example/p", target: "null", dest: match.Ancestor, directive: "frame-ancestors"},
	{name: "ancestors: a data: ancestor is opaque", policy: "frame-ancestors * data:", page: "https://a.example/p", target: "data:text/html,x", dest: match.Ancestor, directive: "frame-ancestors"},
	{name: "ancestors: scheme-source", policy: "frame-ancestors https:", page: "https://a.example/p", target: "https://b.example/ https://c.example:8443/", dest: match.Ancestor, allowed: true, directive: "frame-ancestors"},
	{name: "ancestors: http ancestor under https:", policy: "frame-ancestors https:", page: "https://a.example/p", target: "http://b.example/", dest: match.Ancestor, directive: "frame-ancestors"},
	{name: "ancestors: a local page is never checked", policy: "frame-ancestors 'none'", page: "about:blank", target: "https://evil.example/", dest: match.Ancestor, allowed: true, directive: "frame-ancestors"},
	{name: "ancestors: report-only never blocks", reportOnly: "frame-ancestors 'none'", page: "https://a.example/p", target: "https://evil.example/", dest: match.Ancestor, allowed: true, directive: "frame-ancestors"},
	{name: "ancestors: sandbox leaves 'self' the page's origin", policy: "sandbox; frame-ancestors 'self'", page: "https://a.example/p", target: "https://a.example/", dest: match.Ancestor, allowed: true, directive: "frame-ancestors"},
}

// navDecide decides v with opts.
func navDecide(t *testing.T, v navVector, opts ...match.Option) match.Decision {
	t.Helper()
	list, _ := csp.Parse(v.policy)
	if v.reportOnly != "" {
		ro, _ := csp.ParseReportOnly(v.reportOnly)
		list = csp.Join(list, ro)
	}
	if v.redirected {
		opts = append(opts, match.Redirected())
	}
	var d match.Decision
	var err error
	if v.dest == match.Ancestor {
		d, err = match.FrameAncestors(list, v.page, strings.Fields(v.target), opts...)
	} else {
		d, err = match.Load(list, v.page, v.target, v.dest, opts...)
	}
	require.NoError(t, err)
	return d
}

func TestNavigationSpecVectors(t *testing.T) {
	for _, v := range specNavVectors {
		t.Run(v.name, func(t *testing.T) {
			d := navDecide(t, v, match.WithEngine(match.Spec))
			assert.Equal(t, v.allowed, d.Allowed, "%+v", d)
			assert.Equal(t, v.refused, d.Refused != "", "%+v", d)
			assert.False(t, d.MixedContent, "never mixed content")
			assert.Equal(t, v.dest, d.Destination())
			if v.refused {
				return
			}
			require.NotEmpty(t, d.Policies)
			assert.Equal(t, v.directive, d.Policies[0].Directive)
			assert.Equal(t, v.dest.EffectiveDirective(), d.Policies[0].Effective)
			assert.False(t, d.Policies[0].Fallback(), "no fallback")
			if v.checked != "" {
				assert.Equal(t, v.checked, d.Checked().String())
			}
			if v.reportOnly != "" {
				assert.Len(t, d.Violations(), 1, "the report-only policy reports")
			}
		})
	}
}

// TestNavigationEngineSwitches checks each switch of the navigation-side
// destinations where engines part.
func TestNavigationEngineSwitches(t *testing.T) {
	tests := []struct {
		name    string
		v       navVector
		allowed map[match.Engine]bool
		checked map[match.Engine]string
	}{
		{
			name:    "form-action-redirects-unchecked: Firefox lets a redirect hop through",
			v:       navVector{policy: "form-action 'self'", page: "https://a.example/p", target: "https://evil.example/", dest: match.Form, redirected: true},
			allowed: map[match.Engine]bool{match.Spec: false, match.Chromium: false, match.Firefox: true, match.WebKit: false},
		},
		{
			name: "form-action-upgrade: the action checked under upgrade-insecure-requests",
			v:    navVector{policy: "form-action *; upgrade-insecure-requests", page: "https://a.example/p", target: "http://b.example/x", dest: match.Form},
			checked: map[match.Engine]string{match.Spec: "http://b.example/x", match.Chromium: "https://b.example/x",
				match.Firefox: "http://b.example/x", match.WebKit: "https://b.example/x"},
		},
		{
			name:    "navigation-matcher: Chromium's browser process keeps http://h:443 from https://h (forms)",
			v:       navVector{policy: "form-action http://b.example:443", page: "http://a.example/p", target: "https://b.example/", dest: match.Form},
			allowed: map[match.Engine]bool{match.Spec: true, match.Chromium: false},
		},
		{
			name:    "navigation-matcher: Chromium's browser process keeps http://h:443 from https://h (frame-ancestors)",
			v:       navVector{policy: "frame-ancestors http://b.example:443", page: "http://a.example/p", target: "https://b.example/", dest: match.Ancestor},
			allowed: map[match.Engine]bool{match.Spec: true, match.Chromium: false},
		},
		{
			name:    "ancestor-url: Firefox matches the ancestor's URL",
			v:       navVector{policy: "frame-ancestors https://partner.example/embed/", page: "https://a.example/p", target: "https://partner.example/embed/page#f", dest: match.Ancestor},
			allowed: map[match.Engine]bool{match.Spec: false, match.Chromium: false, match.Firefox: true, match.WebKit: false},
			checked: map[match.Engine]string{match.Spec: "https://partner.example/", match.Firefox: "https://partner.example/embed/page"},
		},
		{
			name:    "opaque-ancestor: * matches Firefox's null principal only",
			v:       navVector{policy: "frame-ancestors *", page: "https://a.example/p", target: "https://a.example/ null", dest: match.Ancestor},
			allowed: map[match.Engine]bool{match.Spec: false, match.Chromium: false, match.Firefox: true, match.WebKit: false},
		},
		{
			name:    "opaque-ancestor: 'self' never matches it",
			v:       navVector{policy: "frame-ancestors 'self'", page: "https://a.example/p", target: "null", dest: match.Ancestor},
			allowed: map[match.Engine]bool{match.Spec: false, match.Chromium: false, match.Firefox: false, match.WebKit: false},
		},
		{
			name:    "ancestor-paths-after-redirect: Chromium ignores paths when the page was redirected; Firefox always (ancestor-paths-ignored, i002834)",
			v:       navVector{policy: "frame-ancestors https://partner.example/embed/", page: "https://a.example/p", target: "https://partner.example/", dest: match.Ancestor, redirected: true},
			allowed: map[match.Engine]bool{match.Spec: false, match.Chromium: true, match.Firefox: true, match.WebKit: false},
		},
		{
			name:    "base-uri is never upgraded nor mixed content",
			v:       navVector{policy: "base-uri http://b.example; upgrade-insecure-requests", page: "https://a.example/p", target: "http://b.example/", dest: match.Base},
			allowed: map[match.Engine]bool{match.Spec: true, match.Chromium: true, match.Firefox: true, match.WebKit: true},
			checked: map[match.Engine]string{match.Spec: "http://b.example/", match.Chromium: "http://b.example/", match.Firefox: "http://b.example/", match.WebKit: "http://b.example/"},
		},
		{
			name:    "base URLs: data: is ignored before CSP",
			v:       navVector{policy: "base-uri *", page: "https://a.example/p", target: "data:,x", dest: match.Base},
			allowed: map[match.Engine]bool{match.Spec: false, match.Chromium: false, match.Firefox: false, match.WebKit: false},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for e, want := range tt.allowed {
				d := navDecide(t, tt.v, match.WithEngine(e))
				assert.Equal(t, want, d.Allowed, "%s: %+v", e, d)
				assert.False(t, d.MixedContent, "%s", e)
			}
			for e, want := range tt.checked {
				d := navDecide(t, tt.v, match.WithEngine(e))
				assert.Equal(t, want, d.Checked().String(), "%s: %+v", e, d)
			}
			d := navDecide(t, tt.v) // every browser: Allowed only if all allow
			all := true
			for _, e := range match.Browsers() {
				if want, ok := tt.allowed[e]; ok {
					all = all && want
				}
			}
			if len(tt.allowed) == 4 {
				assert.Equal(t, all, d.Allowed, "%s", d)
			}
		})
	}
}

func TestFrameAncestorsDecision(t *testing.T) {
	list := csp.MustParse("frame-ancestors 'self' https://partner.example")
	page := "https://a.example/p"
	d, err := match.FrameAncestors(list, page, []string{"https://partner.example/x", "https://evil.example/top", "https://evil2.example/"})
	require.NoError(t, err)
	assert.True(t, d.Blocked())
	assert.Equal(t, "https://evil.example/top", d.Target().String(), "the first blocking ancestor decides")
	require.Len(t, d.Ancestors(), 3)
	assert.Equal(t, "https://partner.example/x", d.Ancestors()[0].String())
	assert.Equal(t, match.Ancestor, d.Destination())
	assert.Contains(t, d.String(), "blocked: embedding by https://evil.example/top (frame-ancestors; ancestor 2 of 3, parent first)")
	assert.Contains(t, d.String(), "policy 0 frame-ancestors 'self' https://partner.example: no source matches")
	assert.Contains(t, d.String(), "to allow it, add https://evil.example to frame-ancestors")

	d, err = match.FrameAncestors(list, page, []string{"https://partner.example/x", "https://a.example/"})
	require.NoError(t, err)
	assert.True(t, d.Allowed)
	assert.Equal(t, "https://a.example/", d.Target().String(), "the top-level ancestor when every one is allowed")
	assert.Contains(t, d.String(), "allowed: embedding by https://a.example/")

	// A report-only violation names the ancestor it reports.
	roList, err := csp.ParseReportOnly("frame-ancestors 'self'")
	require.NoError(t, err)
	ro := csp.Join(csp.MustParse("frame-ancestors *"), roList)
	d, err = match.FrameAncestors(ro, page, []string{"https://a.example/", "https://evil.example/", "https://a.example/"})
	require.NoError(t, err)
	assert.True(t, d.Allowed)
	assert.Equal(t, "https://evil.example/", d.Target().String())
	assert.Len(t, d.Violations(), 1)

	// Load with Ancestor is FrameAncestors with one ancestor, and
	// AllowsLoad agrees with both.
	for _, a := range []string{"https://partner.example/", "https://evil.example/", "null"} {
		one, err := match.FrameAncestors(list, page, []string{a})
		require.NoError(t, err)
		l, err := match.Load(list, page, a, match.Ancestor)
		require.NoError(t, err)
		assert.Equal(t, one.String(), l.String())
		if a != "null" {
			assert.Equal(t, one.Allowed, match.AllowsLoad(list, match.MustParseURL(page), match.MustParseURL(a), match.Ancestor), a)
		}
	}

	// A meta policy has no frame-ancestors: csp.ParseMeta drops it.
	meta, err := csp.ParseMeta("frame-ancestors 'none'")
	require.Error(t, err)
	d, err = match.FrameAncestors(meta, page, []string{"https://evil.example/"})
	require.NoError(t, err)
	assert.True(t, d.Allowed, "%s", d)
}

func TestFrameAncestorsErrors(t *testing.T) {
	list := csp.MustParse("frame-ancestors 'self'")
	for name, tt := range map[string]struct {
		page      string
		ancestors []string
		role      string
	}{
		"no ancestor":       {"https://a.example/", nil, "ancestor"},
		"relative ancestor": {"https://a.example/", []string{"/x"}, "ancestor"},
		"bad ancestor":      {"https://a.example/", []string{"https://a.example/", "https://[::1"}, "ancestor"},
		"bad page":          {"not a url", []string{"https://a.example/"}, "page"},
	} {
		_, err := match.FrameAncestors(list, tt.page, tt.ancestors)
		var ue *match.URLError
		require.ErrorAs(t, err, &ue, name)
		assert.Equal(t, tt.role, ue.Role, name)
	}
	_, err := match.FrameAncestors(list, "https://a.example/", []string{"htps://a.example/"}, match.StrictTarget())
	var ue *match.URLError
	require.ErrorAs(t, err, &ue, "an unknown scheme under StrictTarget")
}

// FuzzFrameAncestorsProperties checks two invariants whatever the policy,
// page and ancestors: without frame-ancestors in any policy, embedding is
// allowed; with an enforced frame-ancestors 'none', it is blocked (but for
// a page at a local URL, which frame-ancestors never applies to).
func FuzzFrameAncestorsProperties(f *testing.F) {
	f.Add("default-src 'none'; frame-src 'none'", "https://a.example/p", "https://a.example/ https://evil.example/")
	f.Add("frame-ancestors 'self'", "http://a.example:8080/", "null")
	f.Add("sandbox; child-src *", "https://a.example/p", "data:text/html,x https://b.example/")
	f.Add("", "https://a.example/", "blob:https://a.example/uuid")
	f.Fuzz(func(t *testing.T, policy, page, ancestors string) {
		chain := strings.Fields(ancestors)
		if len(chain) == 0 || len(chain) > 64 {
			return
		}
		policy = strings.ReplaceAll(strings.ToLower(policy), "frame-ancestors", "frame-ancestor")
		list, _ := csp.Parse(policy)
		d, err := match.FrameAncestors(list, page, chain)
		if err != nil {
			return
		}
		if !d.Allowed {
			t.Fatalf("no frame-ancestors, yet blocked: %q %q %q: %s", policy, page, ancestors, d)
		}
		closed := csp.Join(list, csp.MustParse("frame-ancestors 'none'"))
		d, err = match.FrameAncestors(closed, page, chain)
		require.NoError(t, err)
		switch d.Page().Scheme() {
		case "about", "blob", "data":
			return
		}
		for _, e := range d.Engines {
			if e.Allowed {
				t.Fatalf("frame-ancestors 'none', yet %s allows: %q %q: %s", e.Engine(), page, ancestors, e)
			}
		}
	})
}

// TestFrameAncestorsLinear checks that a decision costs time linear in
// the length of the ancestor chain.
func TestFrameAncestorsLinear(t *testing.T) {
	list := csp.MustParse("frame-ancestors 'self' https://partner.example https://*.cdn.example; default-src 'none'")
	lineartest.Check(t, 200, 10, func(n int) string {
		var b strings.Builder
		for i := range n {
			if i%2 == 0 {
				b.WriteString("https://partner.example/x ")
			} else {
				b.WriteString("https://a.example/y ")
			}
		}
		return b.String()
	}, func(in string) any {
		d, err := match.FrameAncestors(list, "https://a.example/p", strings.Fields(in))
		return []any{d, err}
	})
}
