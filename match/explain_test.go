package match_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cspkit/cspkit/csp"
	"github.com/cspkit/cspkit/match"
	"github.com/cspkit/cspkit/source"
)

// explainCases are rendered to internal/testdata/explain/<name>.golden;
// go test ./match -update rewrites the files.
var explainCases = []struct {
	name       string
	policy     string
	reportOnly string
	page       string
	target     string
	engine     string // "" for every browser
	redirected bool
}{
	{name: "port", policy: "connect-src 'self' https://api.example.com", page: "https://example.com/", target: "https://api.example.com:8443/v1/items"},
	{name: "scheme", policy: "connect-src https://api.example.com", page: "http://example.com/", target: "http://api.example.com/x"},
	{name: "path-exact", policy: "connect-src https://api.example.com/v1", page: "https://example.com/", target: "https://api.example.com/v1/items", engine: "spec"},
	{name: "path-prefix", policy: "connect-src https://api.example.com/v1/ https://cdn.example.com", page: "https://example.com/", target: "https://api.example.com/v2/items"},
	{name: "path-after-redirect", policy: "connect-src https://api.example.com/v1/", page: "https://example.com/", target: "https://other.example.com/v1/", redirected: true},
	{name: "wildcard-apex", policy: "default-src *.example.com", page: "https://app.example.com/", target: "https://example.com/api"},
	{name: "wildcard-other-site", policy: "connect-src *.example.com https://api.example.org", page: "https://app.example.com/", target: "https://evil.example.net/steal"},
	{name: "self-subdomain", policy: "connect-src 'self'", page: "https://example.com/", target: "https://api.example.com/"},
	{name: "self-port", policy: "connect-src 'self'", page: "https://example.com/", target: "https://example.com:8443/"},
	{name: "websocket", policy: "connect-src 'self' https://rt.example.com", page: "https://example.com/", target: "wss://rt.example.com/socket"},
	{name: "websocket-spec", policy: "connect-src http://rt.example.com", page: "https://example.com/", target: "ws://rt.example.com/socket", engine: "spec"},
	{name: "scheme-source", policy: "connect-src https:", page: "https://example.com/", target: "http://api.example.com/"},
	{name: "star-data", policy: "connect-src *", page: "https://example.com/", target: "data:text/plain,hi"},
	{name: "chromium-port-upgrade", policy: "connect-src http://api.example.com:8000", page: "https://example.com/", target: "https://api.example.com:8000/v1", engine: "chromium"},
	{name: "ip-host-spec", policy: "connect-src http://192.168.1.10", page: "http://example.com/", target: "http://192.168.1.10/status", engine: "spec"},
	{name: "report-only", policy: "connect-src *", reportOnly: "connect-src https://api.example.com", page: "https://example.com/", target: "https://api.example.com:444/"},
	{name: "none", policy: "connect-src 'none'", page: "https://example.com/", target: "https://api.example.com/"},
	{name: "many-sources", policy: "connect-src https://a.example.com https://api.example.com:8443 http://api.example.com https://api.example.com/v2/ wss://api.example.com", page: "https://example.com/", target: "https://api.example.com/v1/x"},
	{name: "mixed-content-allowed", policy: "connect-src http://api.example.com", page: "https://example.com/", target: "http://api.example.com/x"},
	{name: "upgraded", policy: "connect-src https://api.example.com:8443; upgrade-insecure-requests", page: "https://example.com/", target: "http://api.example.com/x"},
	{name: "comma-path", policy: "connect-src https://api.example.com/a/", page: "https://example.com/", target: "https://api.example.com/b,c;d"},
}

func TestExplainGolden(t *testing.T) {
	for _, tc := range explainCases {
		t.Run(tc.name, func(t *testing.T) {
			enforced, _ := csp.Parse(tc.policy)
			reported, _ := csp.ParseReportOnly(tc.reportOnly)
			var opts []match.Option
			if tc.engine != "" {
				e, err := match.ParseEngine(tc.engine)
				require.NoError(t, err)
				opts = append(opts, match.WithEngine(e))
			}
			if tc.redirected {
				opts = append(opts, match.Redirected())
			}
			d, err := match.Connect(csp.Join(enforced, reported), tc.page, tc.target, opts...)
			require.NoError(t, err)
			got := renderExplain(tc.policy, tc.reportOnly, tc.page, tc.target, tc.engine, tc.redirected, d)

			path := filepath.Join("..", "internal", "testdata", "explain", tc.name+".golden")
			if *update {
				require.NoError(t, os.WriteFile(path, []byte(got), 0o644))
			}
			want, err := os.ReadFile(path)
			require.NoError(t, err, "run go test ./match -update to create it")
			assert.Equal(t, string(want), got)
		})
	}
}

func renderExplain(policy, reportOnly, page, target, engine string, redirected bool, d match.Decision) string {
	var b strings.Builder
	fmt.Fprintf(&b, "policy: %s\n", policy)
	if reportOnly != "" {
		fmt.Fprintf(&b, "report-only: %s\n", reportOnly)
	}
	fmt.Fprintf(&b, "page: %s\ntarget: %s\n", page, target)
	if engine == "" {
		engine = "browsers"
	}
	fmt.Fprintf(&b, "engine: %s\nredirected: %v\n\n", engine, redirected)
	fmt.Fprintf(&b, "allowed: %v\nCSP allowed: %v\nmixed content: %v\n", d.Allowed, d.CSPAllowed, d.MixedContent)
	fmt.Fprintf(&b, "string: %s\n", d)
	fmt.Fprintf(&b, "full:\n%+v\n", d)
	fmt.Fprintf(&b, "explain (%s):\n", d.Engine())
	xs := d.Explain()
	if len(xs) == 0 {
		b.WriteString("  nothing to explain\n")
	}
	for _, x := range xs {
		fmt.Fprintf(&b, "  policy %d (%s) %s %s\n", x.Verdict.Policy, x.Verdict.Disposition, x.Verdict.Directive, x.Verdict.Sources)
		for _, m := range x.NearMisses {
			fmt.Fprintf(&b, "    near miss %s\n", m.Source)
			for _, df := range m.Differences {
				fmt.Fprintf(&b, "      %s: %s\n", df.Part, df.Reason)
			}
		}
		if len(x.Suggestions) == 0 {
			b.WriteString("    no source expression allows it\n")
		}
		for _, s := range x.Suggestions {
			fmt.Fprintf(&b, "    suggested: %s\n", s.Source)
			if s.Caution != "" {
				fmt.Fprintf(&b, "      caution: %s\n", s.Caution)
			}
		}
	}
	return b.String()
}

// TestExplainSuggestionAllows checks the rule behind every suggestion: added
// to the deciding directive, it allows the target in the engine that
// explained.
func TestExplainSuggestionAllows(t *testing.T) {
	for _, tc := range explainCases {
		if tc.reportOnly != "" {
			continue
		}
		t.Run(tc.name, func(t *testing.T) {
			list, _ := csp.Parse(tc.policy)
			var opts []match.Option
			if tc.redirected {
				opts = append(opts, match.Redirected())
			}
			if tc.engine != "" {
				e, err := match.ParseEngine(tc.engine)
				require.NoError(t, err)
				opts = append(opts, match.WithEngine(e))
			}
			d, err := match.Connect(list, tc.page, tc.target, opts...)
			require.NoError(t, err)
			for _, x := range d.Explain() {
				for _, s := range x.Suggestions {
					opts := append(opts, match.WithEngine(d.Engine()))
					fixed := strings.Replace(tc.policy, x.Verdict.Directive, x.Verdict.Directive+" "+s.Source.String(), 1)
					fixedList, _ := csp.Parse(fixed) // 'none' next to a source is a problem, not an error
					d2, err := match.Connect(fixedList, tc.page, tc.target, opts...)
					require.NoError(t, err)
					assert.True(t, d2.CSPAllowed, "%q does not allow %s: %s", fixed, tc.target, d2)
				}
			}
		})
	}
}

func TestExplainAllowed(t *testing.T) {
	d, err := match.Connect(csp.MustParse("connect-src 'self'"), "https://example.com/", "/api")
	require.NoError(t, err)
	assert.Nil(t, d.Explain())
	assert.Equal(t, "port", match.PortPart.String())

	// Engines disagree: the representative (blocking) engine explains; an
	// allowing engine has nothing to explain.
	d, err = match.Connect(csp.MustParse("connect-src http://api.example.com:8000"), "https://example.com/", "https://api.example.com:8000/v1")
	require.NoError(t, err)
	require.True(t, d.Divergent())
	require.Len(t, d.Explain(), 1)
	assert.Equal(t, match.Chromium, d.Engine())
	ff, ok := d.For(match.Firefox)
	require.True(t, ok)
	assert.Nil(t, ff.Explain())
	assert.Equal(t, "Part(9)", match.Part(9).String())
}

// TestSelfNearMissesFollowEngineRule checks that every engine explains a
// 'self' that does not match by its own 'self' rule: a near miss with at
// least one difference whenever the engine's 'self' rejects a target on
// the page's host, and the part that differs.
func TestSelfNearMissesFollowEngineRule(t *testing.T) {
	list := csp.MustParse("connect-src 'self'")
	pages := []string{"https://example.com/", "http://example.com/", "https://example.com:8443/", "http://example.com:8000/"}
	var targets []string
	for _, scheme := range []string{"http", "https", "ws", "wss"} {
		for _, port := range []string{"", ":80", ":443", ":8000", ":8443"} {
			targets = append(targets, scheme+"://example.com"+port+"/x")
		}
	}
	self := source.MustParse("'self'")
	n := 0
	for _, e := range append([]match.Engine{match.Spec}, match.Browsers()...) {
		for _, page := range pages {
			p := match.MustParseURL(page)
			for _, target := range targets {
				u := match.MustParseURL(target)
				d, err := match.ConnectURL(list, p, u, match.WithEngine(e))
				require.NoError(t, err)
				if d.Allowed || d.Refused != "" || match.ExpressionMatches(self, p, d.Checked(), match.WithEngine(e)) {
					continue
				}
				n++
				x := d.Explain()
				require.Len(t, x, 1, "%s %s %s", e, page, target)
				require.Len(t, x[0].NearMisses, 1, "%s %s %s: 'self' is a near miss", e, page, target)
				assert.NotEmpty(t, x[0].NearMisses[0].Differences, "%s %s %s", e, page, target)
				for _, df := range x[0].NearMisses[0].Differences {
					assert.NotEqual(t, match.HostPart, df.Part, "%s %s %s: same host", e, page, target)
				}
			}
		}
	}
	assert.Greater(t, n, 100)

	// Chromium rejects only the port here; the spec only the scheme.
	d, _ := match.Connect(list, "https://example.com/", "https://example.com:8443/", match.WithEngine(match.Chromium))
	require.Len(t, d.Explain(), 1)
	assert.Equal(t, []match.Part{match.PortPart}, parts(d.Explain()[0].NearMisses[0]))
	d, _ = match.Connect(list, "https://example.com:8443/", "http://example.com:8443/", match.WithEngine(match.Spec))
	require.Len(t, d.Explain(), 1)
	assert.Equal(t, []match.Part{match.SchemePart}, parts(d.Explain()[0].NearMisses[0]))
}

func parts(m match.NearMiss) []match.Part {
	var out []match.Part
	for _, d := range m.Differences {
		out = append(out, d.Part)
	}
	return out
}
