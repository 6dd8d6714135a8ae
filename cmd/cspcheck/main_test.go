package main

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cspkit/cspkit/lint"
)

func TestRun(t *testing.T) {
	tests := []struct {
		name     string
		args     []string
		code     int
		stdout   []string
		stderrIn string
	}{
		{"allowed", []string{"-policy", "connect-src 'self' https://api.example.com", "-page", "https://example.com/", "https://api.example.com/v1", "/local"},
			0, []string{"allowed: https://api.example.com/v1; policy 0 connect-src allows it by https://api.example.com", "allowed: https://example.com/local; policy 0 connect-src allows it by 'self'"}, ""},
		{"blocked", []string{"-policy", "default-src 'self'", "-page", "https://example.com/", "https://evil.example/"},
			1, []string{"blocked: https://evil.example/; policy 0 default-src (no connect-src) 'self': no source matches (page origin https://example.com)"}, ""},
		{"report-only never blocks", []string{"-report-only", "connect-src 'none'", "-page", "https://example.com/", "https://evil.example/"},
			4, []string{"report-only policy 0 connect-src is 'none' (reported, not blocked)"}, "https://evil.example/ goes through only because no enforced policy restricts it (exit 4"},
		{"unrestricted accepted", []string{"-allow-unrestricted", "-report-only", "connect-src 'none'", "-page", "https://example.com/", "https://evil.example/"},
			0, []string{"(reported, not blocked)"}, ""},
		{"unrestricted then blocked", []string{"-report-only", "connect-src 'none'", "-policy", "img-src 'none'", "-dest", "image", "-page", "https://example.com/", "https://evil.example/"},
			1, []string{"blocked"}, ""},
		{"redirect ignores path", []string{"-policy", "connect-src https://a.example/x", "-page", "https://example.com/", "-redirected", "https://a.example/y"},
			0, []string{"allowed"}, ""},
		{"bad target", []string{"-policy", "connect-src *", "-page", "https://example.com/", "http://exa mple.com/"},
			2, nil, `invalid target URL "http://exa mple.com/"`},
		{"one bad target, the others decided", []string{"-policy", "connect-src 'self'", "-page", "https://example.com/", "/ok", "evil.example", "https://b.example/"},
			2, []string{"allowed: https://example.com/ok", "blocked: https://b.example/"}, `ambiguous target "evil.example": the page would request https://example.com/evil.example`},
		{"flags after targets", []string{"-page", "https://example.com/", "https://api.example.com/v1", "-policy", "connect-src https://api.example.com", "-engine", "firefox"},
			0, []string{"allowed: https://api.example.com/v1; policy 0 connect-src allows it by https://api.example.com"}, ""},
		{"-- ends the flags", []string{"-policy", "connect-src *", "-page", "https://example.com/", "--", "-json"},
			2, nil, `ambiguous target "-json"`},
		{"-- ends the flags for every later argument", []string{"-policy", "connect-src *", "-page", "https://example.com/", "--", "/a", "-v"},
			2, []string{"allowed: https://example.com/a"}, `ambiguous target "-v"`},
		{"-- after a target", []string{"-policy", "connect-src *", "-page", "https://example.com/", "/a", "--", "/b", "-json"},
			2, []string{"allowed: https://example.com/a", "allowed: https://example.com/b"}, `ambiguous target "-json"`},
		{"mixed content does not go through", []string{"-policy", "connect-src http://api.example.com", "-page", "https://example.com/", "http://api.example.com/"},
			1, []string{"blocked as mixed content: http://api.example.com/"}, ""},
		{"help exits 0", []string{"-h"}, 0, nil, "usage: cspcheck"},
		{"request kind", []string{"-request", "Beacon", "-policy", "connect-src *", "-page", "https://example.com/", "data:,x"}, 1, []string{"refused: data:,x: navigator.sendBeacon() sends only to http: and https: URLs"}, ""},
		{"script destination falls back to script-src", []string{"-dest", "script", "-policy", "default-src 'self'; script-src https://cdn.example", "-page", "https://example.com/", "https://cdn.example/x.js", "/app.js"},
			1, []string{"allowed: https://cdn.example/x.js; policy 0 script-src (no script-src-elem) allows it by https://cdn.example", "blocked: https://example.com/app.js; policy 0 script-src (no script-src-elem) https://cdn.example: no source matches"}, ""},
		{"image destination alias", []string{"-dest", "IMG", "-policy", "default-src 'none'; img-src *", "-page", "https://example.com/", "https://x.example/a.png"},
			0, []string{"allowed: https://x.example/a.png; policy 0 img-src allows it by *"}, ""},
		{"connect-src does not govern images", []string{"-dest", "image", "-policy", "connect-src 'none'", "-page", "https://example.com/", "https://x.example/a.png"},
			4, []string{"unrestricted"}, "no enforced policy restricts it"},
		{"bad destination", []string{"-dest", "scrpt", "-policy", "connect-src *", "-page", "https://example.com/", "/x"}, 2, nil, `-dest: match: unknown destination "scrpt"`},
		{"request kind needs connect", []string{"-dest", "image", "-request", "fetch", "-policy", "connect-src *", "-page", "https://example.com/", "/x"}, 2, nil, "-request applies to -dest connect only, not image"},
		{"destination flag in lint mode", []string{"-lint", "-dest", "script", "-policy", "connect-src *"}, 2, nil, "-dest: not used when -lint"},
		{"bad request kind", []string{"-request", "telepathy", "-policy", "connect-src *", "-page", "https://example.com/", "/x"}, 2, nil, "-request: match: unknown request kind"},
		{"lint flag in decide mode", []string{"-fail-on", "low", "-policy", "connect-src *", "-page", "https://example.com/", "/x"}, 2, nil, "-fail-on: not used when deciding targets"},
		{"typos printed in decide mode", []string{"-policy", "default-src self", "-page", "https://example.com/", "/x"}, 1, nil,
			"cspcheck: likely typo: CSP3001 medium (policy 0, default-src: self)"},
		{"verbose", []string{"-v", "-policy", "connect-src 'self' a.example b.example c.example d.example e.example", "-page", "https://example.com/", "https://x.example/"},
			1, []string{"https://x.example/: Chromium, Firefox, WebKit: blocked: https://x.example/\n  policy 0 connect-src 'self' a.example b.example c.example d.example e.example: no source matches (page origin https://example.com)\n    to allow it, add https://x.example to connect-src\n"}, ""},
		{"long lists shortened", []string{"-policy", "connect-src a.example b.example c.example d.example e.example f.example", "-page", "https://example.com/", "https://x.example/"},
			1, []string{"connect-src a.example b.example c.example d.example and 2 more: no source matches"}, ""},
		{"bad page", []string{"-policy", "connect-src *", "-page", "not a url", "/x"},
			2, nil, `invalid page URL "not a url"`},
		{"no targets", []string{"-page", "https://example.com/"}, 2, nil, "cspcheck: no target: give at least one URL after the flags"},
		{"no page", []string{"-policy", "connect-src *", "https://a.example/"}, 2, nil, "cspcheck: missing -page"},
		{"nothing", []string{"-policy", "connect-src *"}, 2, nil, "give the page's URL with -page and at least one target URL"},
		{"no policy fails closed", []string{"-page", "https://example.com/", "https://x.example/"}, 2, nil, "no policy to check"},
		{"empty policy fails closed", []string{"-policy", " ", "-page", "https://example.com/", "https://x.example/"}, 2, nil, "no policy to check"},
		{"bad flag", []string{"-nope"}, 2, nil, "flag provided but not defined"},
		{"problems printed", []string{"-policy", "conect-src 'self'", "-page", "https://example.com/", "https://x.example/"},
			4, []string{"unrestricted"}, `did you mean "connect-src"`},
		{"advice is not printed", []string{"-policy", "default-src 'self' 'unsafe-inline' 'nonce-abc'; block-all-mixed-content", "-page", "https://example.com/", "/x"},
			0, []string{"allowed"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out, errOut bytes.Buffer
			code := run(tt.args, &out, &errOut)
			assert.Equal(t, tt.code, code, "stdout: %s\nstderr: %s", out.String(), errOut.String())
			for _, s := range tt.stdout {
				assert.Contains(t, out.String(), s)
			}
			assert.Contains(t, errOut.String(), tt.stderrIn)
		})
	}
}

func TestRunLint(t *testing.T) {
	const clean = "default-src 'none'; connect-src 'self' https://api.example.com; script-src 'self'; report-uri https://r.example/csp"
	tests := []struct {
		name      string
		args      []string
		code      int
		stdout    []string // lines expected in stdout, in order
		stderrIn  string
		stdoutNot string // must not be in stdout
	}{
		{"clean policy", []string{"-lint", "-policy", clean}, 0, nil, "", "CSP"},
		{"ignored duplicate is not linted, but fails the gate", []string{"-lint", "-policy", clean + "; connect-src *"}, 3, nil, "duplicate-directive", "CSP1003"},
		{"parse problems fail the gate", []string{"-lint", "-policy", "default-src 'self'; conect-src *; object-src 'none'"}, 3, nil,
			"browsers drop or ignore part of the policies (1 parse problem): the policy enforced is not the one written", ""},
		{"-fail-on none passes parse problems", []string{"-lint", "-fail-on", "none", "-policy", "default-src 'self'; conect-src *"}, 0, nil, "unknown-directive", ""},
		{"star", []string{"-lint", "-policy", "default-src 'none'; connect-src *; script-src 'self'; report-uri /r"}, 3,
			[]string{"CSP1003 high (policy 0, connect-src: *): "}, "1 of 1 findings at or above medium", ""},
		{"well-written policy passes the default gate", []string{"-lint", "-policy", "default-src 'self'; connect-src 'self' https://api.example.com/v1/"}, 0,
			[]string{"CSP1012 info", "CSP1014 info"}, "", ""},
		{"one finding per directive and rule", []string{"-lint", "-policy", "default-src 'self'; connect-src https: wss: http://a.example"}, 3,
			[]string{"CSP1004 high (policy 0, connect-src: https: wss:)", "CSP1006 medium (policy 0, connect-src: http://a.example)"}, "", ""},
		{"only connect", []string{"-lint", "-only", "connect", "-policy", "connect-src 'self'; report-uri /r"}, 0, nil, "", "CSP2004"},
		{"only writing", []string{"-lint", "-only", "writing,scripts", "-policy", "connect-src self; report-uri /r"}, 3,
			[]string{"CSP2004", "CSP3001 medium (policy 0, connect-src: self)"}, "", "CSP1"},
		{"bad only", []string{"-lint", "-only", "everything", "-policy", clean}, 2, nil, `unknown scope "everything"`, ""},
		{"info only passes default", []string{"-lint", "-policy", "default-src 'none'; connect-src 'self'; script-src 'self'"}, 0,
			[]string{"CSP1014 info (policy 0): "}, "", ""},
		{"fail-on low", []string{"-lint", "-fail-on", "low", "-policy", "default-src 'none'; connect-src https://203.0.113.7; script-src 'self'; report-uri /r"}, 3,
			[]string{"CSP1008 low"}, "at or above low", ""},
		{"fail-on info", []string{"-lint", "-fail-on", "info", "-policy", "default-src 'none'; connect-src 'self'; script-src 'self'"}, 3,
			[]string{"CSP1014 info"}, "at or above info", ""},
		{"fail-on high ignores medium", []string{"-lint", "-fail-on", "high", "-policy", "default-src 'none'; connect-src http://api.example.com; script-src 'self'; report-uri /r"}, 0,
			[]string{"CSP1006 medium"}, "", ""},
		{"fail-on medium", []string{"-lint", "-fail-on", "medium", "-policy", "default-src 'none'; connect-src http://api.example.com; script-src 'self'; report-uri /r"}, 3,
			[]string{"CSP1006 medium"}, "", ""},
		{"fail-on none", []string{"-lint", "-fail-on", "none"}, 0, []string{"CSP1001 high (all policies)"}, "", ""},
		{"no policy at all", []string{"-lint"}, 3, []string{"CSP1001 high", "CSP2004 high (all policies, script-src)", "CSP2004 high (all policies, object-src)"}, "", ""},
		{"report-only", []string{"-lint", "-report-only", "connect-src 'self'; report-uri /r"}, 3,
			[]string{"CSP1001 high", "CSP1002 medium (policy 0, connect-src)"}, "", ""},
		{"meta", []string{"-lint", "-meta", "default-src 'self' https:; report-uri /r"}, 3,
			[]string{"CSP1004 high (policy 0, default-src: https:)"}, `meta: policy 0, report-uri, byte 27: directive "report-uri" is ignored in a <meta> policy`, ""},
		{"bad fail-on", []string{"-lint", "-fail-on", "severe", "-policy", clean}, 2, nil, `unknown severity "severe"`, ""},
		{"page with lint", []string{"-lint", "-policy", clean, "-page", "https://example.com/"}, 2, nil, "-page: not used when -lint", ""},
		{"targets with lint", []string{"-lint", "-policy", clean, "/x"}, 2, nil, "-lint takes no targets", ""},
		{"engine with lint", []string{"-lint", "-engine", "firefox", "-policy", clean}, 2, nil, "-engine: not used when -lint", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out, errOut bytes.Buffer
			code := run(tt.args, &out, &errOut)
			assert.Equal(t, tt.code, code, "stdout: %s\nstderr: %s", out.String(), errOut.String())
			rest := out.String()
			for _, s := range tt.stdout {
				i := strings.Index(rest, s)
				if assert.GreaterOrEqual(t, i, 0, "%q not in (the rest of) stdout %q", s, out.String()) {
					rest = rest[i+len(s):]
				}
			}
			assert.Contains(t, errOut.String(), tt.stderrIn)
			if tt.stdoutNot != "" {
				assert.NotContains(t, out.String(), tt.stdoutNot)
			}
		})
	}
}

func TestRunLintJSON(t *testing.T) {
	var out, errOut bytes.Buffer
	code := run([]string{"-lint", "-json", "-policy", "default-src 'none'; connect-src https:; script-src 'self'; report-uri /r"}, &out, &errOut)
	assert.Equal(t, 3, code, errOut.String())
	var got jsonLint
	require.NoError(t, json.Unmarshal(out.Bytes(), &got), out.String())
	require.Len(t, got.Findings, 1)
	assert.Empty(t, got.Problems)
	assert.Equal(t, lint.Finding{Code: lint.NetworkScheme, Severity: lint.High, Policy: 0, Directive: "connect-src", Sources: []string{"https:"}, Message: got.Findings[0].Message}, got.Findings[0])
	assert.Contains(t, out.String(), `"severity": "high"`)

	out.Reset()
	code = run([]string{"-lint", "-json", "-policy", "default-src 'none'; connect-src 'self'; script-src 'self'; report-uri /r"}, &out, &errOut)
	assert.Equal(t, 0, code)
	assert.Equal(t, "{\n  \"problems\": [],\n  \"findings\": []\n}\n", out.String())

	out.Reset()
	code = run([]string{"-lint", "-json", "-q", "-policy", "default-src 'none'; conect-src *"}, &out, &errOut)
	assert.Equal(t, 3, code)
	require.NoError(t, json.Unmarshal(out.Bytes(), &got), out.String())
	require.Len(t, got.Problems, 1, "-q hides problems from stderr, not from the JSON")
	assert.Equal(t, "unknown-directive", got.Problems[0].Code)
}
