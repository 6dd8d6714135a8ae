package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// fileWith returns an open file holding content, to stand in for a piped
// standard input.
func fileWith(t *testing.T, content string) *os.File {
	t.Helper()
	path := filepath.Join(t.TempDir(), "stdin")
	require.NoError(t, os.WriteFile(path, []byte(content), 0o644))
	f, err := os.Open(path)
	require.NoError(t, err)
	t.Cleanup(func() { f.Close() })
	return f
}

const curlHead = "HTTP/2 200 \r\ncontent-type: text/html; charset=utf-8\r\n" +
	"content-security-policy: default-src 'self'; connect-src 'self' https://api.example.com\r\n" +
	"content-security-policy-report-only: connect-src 'none'\r\n\r\n"

func TestRunResponseInput(t *testing.T) {
	page := "https://example.com/"
	tests := []struct {
		name     string
		stdin    string
		args     []string
		code     int
		stdout   []string
		stderrIn string
	}{
		{"piped curl -sI", curlHead, []string{"-page", page, "https://api.example.com/v1"},
			0, []string{"allowed: https://api.example.com/v1", "report-only policy 1 connect-src is 'none' (reported, not blocked)"}, ""},
		{"no policy in the response", "HTTP/2 200 \r\ncontent-type: text/html\r\n\r\n", []string{"-page", page, "https://evil.example/"},
			4, []string{"allowed"}, "the response has no Content-Security-Policy"},
		{"piped, blocked", curlHead, []string{"-page", page, "https://evil.example/"}, 1, []string{"blocked: https://evil.example/"}, ""},
		{"lone dash", curlHead, []string{"-page", page, "-", "https://evil.example/"}, 1, []string{"blocked"}, ""},
		{"-headers -", curlHead, []string{"-headers", "-", "-page", page, "https://api.example.com/"}, 0, []string{"allowed"}, ""},
		{"policy flag wins over a pipe", curlHead, []string{"-policy", "connect-src *", "-page", page, "https://evil.example/"},
			0, []string{"allowed"}, ""},
		{"redirect chain: last block counts",
			"HTTP/1.1 301 Moved Permanently\r\nLocation: https://example.com/\r\nContent-Security-Policy: connect-src *\r\n\r\n" +
				"HTTP/1.1 100 Continue\r\n\r\n" + curlHead,
			[]string{"-page", page, "https://evil.example/"}, 1, []string{"blocked"}, ""},
		{"curl -si with a meta policy in the body",
			"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<!doctype html><head><meta http-equiv=\"Content-Security-Policy\" content=\"connect-src 'none'; report-uri /r\"></head>",
			[]string{"-page", page, "https://example.com/api"}, 1, []string{"blocked: https://example.com/api; policy 0 connect-src is 'none'"},
			"ignored-in-meta"},
		{"bare header lines", "Content-Security-Policy: connect-src https:\n", []string{"-page", page, "http://x.example/"},
			1, []string{"blocked"}, ""},
		{"problems printed", "Content-Security-Policy: conect-src 'self'\n\n", []string{"-page", page, "https://x.example/"},
			4, []string{"allowed"}, `cspcheck: response: Content-Security-Policy[0] policy 0, conect-src`},
		{"empty input", "", []string{"-headers", "-", "-page", page, "/x"}, 2, nil, "no response headers on standard input"},
		{"malformed header", "HTTP/1.1 200 OK\r\nnot a header line\r\n\r\n", []string{"-page", page, "/x"}, 2, nil, "malformed MIME header"},
		{"unsupported encoding", "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: br\r\n\r\n\x1b\x00",
			[]string{"-page", page, "/x"}, 2, nil, `content encoding "br" is not supported`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out, errOut bytes.Buffer
			code := runWithInput(tt.args, fileWith(t, tt.stdin), &out, &errOut)
			assert.Equal(t, tt.code, code, "stdout: %s\nstderr: %s", out.String(), errOut.String())
			for _, s := range tt.stdout {
				assert.Contains(t, out.String(), s)
			}
			assert.Contains(t, errOut.String(), tt.stderrIn)
		})
	}
}

func TestRunHeadersFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "headers.txt")
	require.NoError(t, os.WriteFile(path, []byte(curlHead), 0o644))
	var out, errOut bytes.Buffer
	code := run([]string{"-headers", path, "-page", "https://example.com/", "https://evil.example/"}, &out, &errOut)
	assert.Equal(t, 1, code, errOut.String())
	assert.Contains(t, out.String(), "blocked")

	out.Reset()
	errOut.Reset()
	code = run([]string{"-headers", filepath.Join(t.TempDir(), "missing"), "-page", "https://example.com/", "/x"}, &out, &errOut)
	assert.Equal(t, 2, code)
	assert.Contains(t, errOut.String(), "no such file")

	errOut.Reset()
	code = run([]string{"-page", "https://example.com/", "-", "/x"}, &out, &errOut)
	assert.Equal(t, 2, code)
	assert.Contains(t, errOut.String(), "no standard input")
}

func TestRunEngineFlag(t *testing.T) {
	base := []string{"-policy", "connect-src http://a.example:80", "-page", "https://example.com/"}
	tests := []struct {
		engine string
		code   int
		out    string
		errIn  string
	}{
		{"browsers", 0, "(Chromium, Firefox and WebKit agree)", ""},
		{"firefox", 0, "allowed: https://a.example/", ""},
		{"spec", 1, "blocked: https://a.example/", ""},
		{"all", 1, "divergent: allowed by Chromium, Firefox and WebKit, blocked by CSP3 spec", ""},
		{"spec,firefox", 1, "divergent: allowed by Firefox, blocked by CSP3 spec", ""},
		{"Chromium", 0, "allowed: https://a.example/", ""},
		{"chrome,SAFARI,gecko", 0, "(Chromium, WebKit and Firefox agree)", ""},
		{"netscape", 2, "", `-engine: match: unknown engine "netscape"`},
		{"firefox,", 2, "", `unknown engine ""`},
	}
	for _, tt := range tests {
		t.Run(tt.engine, func(t *testing.T) {
			var out, errOut bytes.Buffer
			code := run(append(append([]string{"-engine", tt.engine}, base...), "https://a.example/"), &out, &errOut)
			assert.Equal(t, tt.code, code, "stdout: %s\nstderr: %s", out.String(), errOut.String())
			assert.Contains(t, out.String(), tt.out)
			assert.Contains(t, errOut.String(), tt.errIn)
		})
	}
}

func TestRunJSON(t *testing.T) {
	var out, errOut bytes.Buffer
	code := run([]string{"-json", "-engine", "all", "-policy", "connect-src http://a.example:80 https://api.example.com/v1/", "-report-only", "connect-src 'none'",
		"-page", "https://example.com/", "https://a.example/", "https://api.example.com/v2/x", "wss://api.example.com/v1/s"}, &out, &errOut)
	assert.Equal(t, 1, code, errOut.String())
	var got []jsonDecision
	require.NoError(t, json.Unmarshal(out.Bytes(), &got), out.String())
	require.Len(t, got, 3)

	div := got[0]
	assert.Equal(t, "https://a.example/", div.Target)
	assert.Equal(t, "divergent", div.Verdict)
	assert.False(t, div.Allowed)
	require.Len(t, div.Engines, 4)
	assert.Equal(t, "spec", div.Engines[0].Engine)
	assert.False(t, div.Engines[0].Allowed)
	assert.Equal(t, "chromium", div.Engines[1].Engine)
	assert.True(t, div.Engines[1].Allowed)
	assert.Equal(t, "http://a.example:80", div.Engines[1].Policies[0].Matched)
	assert.Equal(t, []string{"http://a.example:80", "https://api.example.com/v1/"}, div.Engines[1].Policies[0].Sources)
	assert.Equal(t, jsonVerdict{Policy: 1, Disposition: "report", Directive: "connect-src", Sources: []string{"'none'"},
		Allowed: false, Suggestions: []jsonSuggestion{{Source: "https://a.example"}}}, div.Engines[1].Policies[1])
	assert.Contains(t, div.Explanation, "divergent")

	blocked := got[1]
	assert.Equal(t, "blocked", blocked.Verdict)
	p := blocked.Engines[1].Policies[0]
	assert.False(t, p.Allowed)
	assert.Equal(t, "https://api.example.com/v1/", p.Closest[0], "the closest source is named")
	require.Len(t, p.Suggestions, 2)
	assert.Equal(t, "https://api.example.com", p.Suggestions[0].Source, "the origin first")
	assert.Equal(t, "https://api.example.com/v2/x", p.Suggestions[1].Source, "then the narrowest")

	ws := got[2]
	assert.Equal(t, "wss://api.example.com/v1/s", ws.URL)
	assert.Equal(t, "https://api.example.com/v1/s", ws.Engines[0].Checked, "spec checks the WebSocket URL in its https form")
	assert.Equal(t, "wss://api.example.com/v1/s", ws.Engines[1].Checked)
	assert.True(t, strings.HasPrefix(out.String(), "[\n  {"), "indented JSON")
	assert.Equal(t, "connect", ws.Destination)
	assert.Equal(t, "connect-src", ws.Effective)
}

func TestRunJSONDestination(t *testing.T) {
	var out, errOut bytes.Buffer
	code := run([]string{"-json", "-dest", "style", "-policy", "default-src 'self'", "-page", "https://example.com/", "/a.css", "evil.example"}, &out, &errOut)
	assert.Equal(t, 2, code)
	var got []jsonDecision
	require.NoError(t, json.Unmarshal(out.Bytes(), &got), out.String())
	require.Len(t, got, 2)
	assert.Equal(t, "style", got[0].Destination)
	assert.Equal(t, "style-src-elem", got[0].Effective)
	assert.Equal(t, "default-src", got[0].Engines[0].Policies[0].Directive)
	assert.Equal(t, "allowed", got[0].Verdict)
	assert.Equal(t, "style", got[1].Destination, "an error entry names the destination too")
	assert.Equal(t, "error", got[1].Verdict)

	out.Reset()
	code = run([]string{"-json", "-dest", "script", "-policy", "script-src-elem 'self'; script-src https://cdn.example", "-page", "https://example.com/", "https://cdn.example/x.js"}, &out, &errOut)
	assert.Equal(t, 1, code)
	got = nil
	require.NoError(t, json.Unmarshal(out.Bytes(), &got), out.String())
	require.Len(t, got, 1)
	assert.Equal(t, "script-src", got[0].Engines[0].Policies[0].Shadows)

	out.Reset()
	code = run([]string{"-json", "-engine", "chromium", "-policy", "connect-src *; block-all-mixed-content", "-page", "https://example.com/", "http://api.example/"}, &out, &errOut)
	assert.Equal(t, 1, code)
	got = nil
	require.NoError(t, json.Unmarshal(out.Bytes(), &got), out.String())
	require.Len(t, got, 1)
	assert.Equal(t, "block-all-mixed-content", got[0].Engines[0].Policies[0].BlockedBy)
	assert.Contains(t, got[0].Engines[0].Policies[0].Reason, "Chromium enforces it")
}

func TestRunJSONBadTarget(t *testing.T) {
	var out, errOut bytes.Buffer
	code := run([]string{"-json", "-policy", "connect-src 'self'", "-page", "https://example.com/", "/ok", "evil.example"}, &out, &errOut)
	assert.Equal(t, 2, code)
	var got []jsonDecision
	require.NoError(t, json.Unmarshal(out.Bytes(), &got), out.String())
	require.Len(t, got, 2, "the bad target has its entry")
	assert.Equal(t, "allowed", got[0].Verdict)
	assert.Equal(t, "error", got[1].Verdict)
	assert.Contains(t, got[1].Error, `ambiguous target "evil.example"`)
}
