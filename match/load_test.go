package match_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cspkit/cspkit/csp"
	"github.com/cspkit/cspkit/match"
)

// fallbackChains is CSP3's "get the effective directive for request"
// (#effective-directive-for-a-request) and "should fetch directive
// execute" (#should-directive-execute), written out per destination: the
// directives that may decide, in order.
var fallbackChains = map[match.Destination][]string{
	match.Connection:    {"connect-src", "default-src"},
	match.Script:        {"script-src-elem", "script-src", "default-src"},
	match.XSLT:          {"script-src-elem", "script-src", "default-src"},
	match.Style:         {"style-src-elem", "style-src", "default-src"},
	match.Image:         {"img-src", "default-src"},
	match.Font:          {"font-src", "default-src"},
	match.Media:         {"media-src", "default-src"},
	match.Track:         {"media-src", "default-src"},
	match.Object:        {"object-src", "default-src"},
	match.Frame:         {"frame-src", "child-src", "default-src"},
	match.Worker:        {"worker-src", "child-src", "script-src", "default-src"},
	match.SharedWorker:  {"worker-src", "child-src", "script-src", "default-src"},
	match.ServiceWorker: {"worker-src", "child-src", "script-src", "default-src"},
	match.Manifest:      {"manifest-src", "default-src"},
	match.Prefetch:      {"default-src"},
	match.Form:          {"form-action"},
	match.Base:          {"base-uri"},
	match.Ancestor:      {"frame-ancestors"},
}

// unrelated are fetch directives that never decide a destination whose
// chain lacks them.
var unrelated = []string{"connect-src", "script-src-elem", "script-src", "script-src-attr", "style-src-elem", "style-src",
	"style-src-attr", "img-src", "font-src", "media-src", "object-src", "frame-src", "child-src", "worker-src", "manifest-src"}

// TestLoadFallbackChains checks every destination's chain under match.Spec:
// with every directive of the chain present, the first decides; dropping
// them one by one, the next does; directives outside the chain never
// decide; and the decision follows the deciding directive's sources.
func TestLoadFallbackChains(t *testing.T) {
	const page = "https://app.example/"
	require.Len(t, fallbackChains, len(match.Destinations()))
	for dest, chain := range fallbackChains {
		// Workers load only same-origin scripts: their target is on the
		// page's host.
		host := "https://cdn.example"
		switch dest {
		case match.Worker, match.SharedWorker, match.ServiceWorker:
			host = "https://app.example"
		}
		target := host + "/x"
		// Every directive outside the chain allows the target ('*'), every
		// directive of the chain blocks it ('none') but the one that should
		// decide, which allows it.
		var others []string
		for _, d := range unrelated {
			if !contains(chain, d) {
				others = append(others, d+" *")
			}
		}
		for i, decider := range chain {
			dirs := append([]string{}, others...)
			for _, d := range chain[i:] {
				src := "'none'"
				if d == decider {
					src = host
				}
				dirs = append(dirs, d+" "+src)
			}
			list := csp.MustParse(strings.Join(dirs, "; "))
			d, err := match.Load(list, page, target, dest, match.WithEngine(match.Spec))
			require.NoError(t, err)
			require.Len(t, d.Policies, 1)
			v := d.Policies[0]
			assert.Equal(t, decider, v.Directive, "%s with %s", dest, dirs)
			assert.Equal(t, dest.EffectiveDirective(), v.Effective)
			assert.Equal(t, i > 0, v.Fallback(), "%s decided by %s", dest, decider)
			assert.True(t, d.Allowed, "%s: %s", dest, d)
			assert.Equal(t, dest, d.Destination())

			// Without the deciding directive's source, the request is blocked.
			blocking := strings.Replace(strings.Join(dirs, "; "), decider+" "+host, decider+" 'none'", 1)
			d, err = match.Load(csp.MustParse(blocking), page, target, dest, match.WithEngine(match.Spec))
			require.NoError(t, err)
			assert.False(t, d.Allowed, "%s: %s", dest, d)
		}
		// Only directives outside the chain, each blocking everything:
		// nothing restricts the request.
		var closed []string
		for _, d := range unrelated {
			if !contains(chain, d) {
				closed = append(closed, d+" 'none'")
			}
		}
		d, err := match.Load(csp.MustParse(strings.Join(closed, "; ")), page, target, dest, match.WithEngine(match.Spec))
		require.NoError(t, err)
		assert.True(t, d.Allowed, "%s: %s", dest, d)
		assert.Equal(t, "", d.Policies[0].Directive, "%s", dest)
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func TestConnectIsLoadOfConnection(t *testing.T) {
	list := csp.MustParse("default-src 'self'; connect-src https://api.example")
	for _, target := range []string{"https://api.example/x", "/x", "https://evil.example/"} {
		a, err := match.Connect(list, "https://app.example/", target)
		require.NoError(t, err)
		b, err := match.Load(list, "https://app.example/", target, match.Connection)
		require.NoError(t, err)
		assert.Equal(t, a.String(), b.String())
		assert.Equal(t, a.Allowed, b.Allowed)
	}
}

func TestDestinationNames(t *testing.T) {
	for _, d := range match.Destinations() {
		got, err := match.ParseDestination(d.String())
		require.NoError(t, err)
		assert.Equal(t, d, got)
		assert.NotEmpty(t, d.EffectiveDirective())
	}
	for name, want := range map[string]match.Destination{"IMG": match.Image, "video": match.Media, "audio": match.Media,
		"track": match.Track, "embed": match.Object, "iframe": match.Frame, "": match.Connection, "Script": match.Script} {
		got, err := match.ParseDestination(name)
		require.NoError(t, err, name)
		assert.Equal(t, want, got, name)
	}
	_, err := match.ParseDestination("hologram")
	var de *match.DestinationError
	require.ErrorAs(t, err, &de)
	assert.Equal(t, "hologram", de.Name)
	assert.ErrorContains(t, err, `unknown destination "hologram"`)
	assert.Equal(t, "Destination(99)", match.Destination(99).String())
	assert.False(t, match.Destination(99).IsValid())
}

// TestUndefinedDestination checks that a Destination value outside the
// defined ones is an error, and never allowed, rather than a panic.
func TestUndefinedDestination(t *testing.T) {
	list := csp.MustParse("img-src *")
	bad := match.Destination(200)
	_, err := match.Load(list, "https://a.example/", "/x", bad)
	var de *match.DestinationError
	require.ErrorAs(t, err, &de)
	assert.Equal(t, "Destination(200)", de.Name)
	page, target := match.MustParseURL("https://a.example/"), match.MustParseURL("https://a.example/x")
	_, err = match.LoadURL(list, page, target, bad)
	require.ErrorAs(t, err, &de)
	assert.False(t, match.AllowsLoad(list, page, target, bad))
	assert.True(t, match.AllowsLoad(list, page, target, match.Image))
	assert.False(t, match.AllowsLoad(csp.MustParse("img-src 'none'"), page, target, match.Image))
}

func TestLoadExplains(t *testing.T) {
	list := csp.MustParse("default-src 'self'; script-src https://cdn.example")
	d, err := match.Load(list, "https://app.example/", "https://evil.example/a.js", match.Script, match.WithEngine(match.Spec))
	require.NoError(t, err)
	assert.Equal(t, "blocked: https://evil.example/a.js; policy 0 script-src (no script-src-elem) https://cdn.example: no source matches (page origin https://app.example); to allow it, add https://evil.example to script-src (or, narrower, https://evil.example/a.js)", d.String())
	d, err = match.Load(csp.MustParse("img-src 'self'"), "https://app.example/", "https://evil.example/a.js", match.Script, match.WithEngine(match.Spec))
	require.NoError(t, err)
	assert.Equal(t, "allowed: https://evil.example/a.js; no enforced policy has script-src-elem, script-src or default-src, so scripts are unrestricted", d.String())
	// default-src deciding names every directive of the list before it
	d, err = match.Load(csp.MustParse("default-src 'self'"), "https://app.example/", "/w.js", match.Worker, match.WithEngine(match.Spec))
	require.NoError(t, err)
	assert.Equal(t, "allowed: https://app.example/w.js; policy 0 default-src (no worker-src, child-src or script-src) allows it by 'self'", d.String())
}

func TestExplainShadows(t *testing.T) {
	tests := []struct {
		policy  string
		dest    match.Destination
		shadows string
		text    string
	}{
		{"script-src-elem 'self'; script-src https://cdn.example; default-src *", match.Script, "script-src",
			"to allow it, add https://x.example to script-src-elem, which shadows script-src here"},
		// Workers load same-origin scripts only: the page is on x.example
		// for them.
		{"worker-src 'none'; child-src https://x.example; script-src https://x.example", match.Worker, "child-src",
			"to allow it, replace 'none' in worker-src with https://x.example, which shadows child-src here"},
		{"child-src https://cdn.example; script-src 'self'", match.SharedWorker, "script-src",
			"to allow it, add https://x.example to child-src, which shadows script-src here"},
		{"script-src 'self'; default-src *", match.Script, "", "to allow it, add https://x.example to script-src"},
		{"connect-src 'self'; default-src *", match.Connection, "", "to allow it, add https://x.example to connect-src"},
		{"default-src 'self'", match.Frame, "", "to allow it, add https://x.example to default-src"},
	}
	for _, tt := range tests {
		t.Run(tt.policy, func(t *testing.T) {
			page := "https://app.example/"
			if tt.dest == match.Worker || tt.dest == match.SharedWorker {
				page = "https://x.example/"
			}
			d, err := match.Load(csp.MustParse(tt.policy), page, "https://x.example/a", tt.dest, match.WithEngine(match.Spec))
			require.NoError(t, err)
			xs := d.Explain()
			require.Len(t, xs, 1)
			assert.Equal(t, tt.shadows, xs[0].Shadows)
			assert.Contains(t, d.String(), tt.text)
		})
	}
}

// TestStrictDynamicScripts checks CSP3's script-src pre-request check: with
// 'strict-dynamic', a parser-inserted script (what Load(Script) decides) is
// blocked whatever the host list says, in every engine; other
// destinations keep their sources.
func TestStrictDynamicScripts(t *testing.T) {
	list := csp.MustParse("script-src 'nonce-r4nd0mr4nd0m' 'strict-dynamic' https://cdn.example; img-src https://cdn.example")
	for _, e := range append(match.Browsers(), match.Spec) {
		d, err := match.Load(list, "https://app.example/", "https://cdn.example/lib.js", match.Script, match.WithEngine(e))
		require.NoError(t, err)
		assert.False(t, d.Allowed, "%s: %s", e, d)
		assert.Equal(t, "script-src", d.Policies[0].BlockedBy)
		assert.Contains(t, d.String(), "with 'strict-dynamic', host and scheme sources are ignored for scripts")
		assert.False(t, match.AllowsLoad(list, d.Page(), d.Target(), match.Script, match.WithEngine(e)))

		d, err = match.Load(list, "https://app.example/", "https://cdn.example/a.png", match.Image, match.WithEngine(e))
		require.NoError(t, err)
		assert.True(t, d.Allowed, "%s: %s", e, d)
	}
}

// TestStrictDynamicWorkers checks CSP3's script-src pre-request check for
// workers, which are not parser-inserted: with 'strict-dynamic' they are
// allowed whatever the host list (Spec; browsers not recorded yet).
func TestStrictDynamicWorkers(t *testing.T) {
	list := csp.MustParse("script-src 'nonce-r4nd0mr4nd0m' 'strict-dynamic' https://cdn.example")
	d, err := match.Load(list, "https://app.example/", "/w.js", match.Worker, match.WithEngine(match.Spec))
	require.NoError(t, err)
	assert.True(t, d.Allowed, "%s", d)
	assert.True(t, match.AllowsLoad(list, d.Page(), d.Target(), match.Worker, match.WithEngine(match.Spec)))
	e, ok := d.Policies[0].Matched()
	require.True(t, ok)
	assert.Equal(t, "'strict-dynamic'", e.String())
}
