package main

import (
	"bytes"
	"testing"

	"github.com/stretchr/testify/assert"
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
			0, []string{"report-only policy 0 connect-src is 'none' (reported, not blocked)"}, ""},
		{"redirect ignores path", []string{"-policy", "connect-src https://a.example/x", "-page", "https://example.com/", "-redirected", "https://a.example/y"},
			0, []string{"allowed"}, ""},
		{"bad target", []string{"-policy", "connect-src *", "-page", "https://example.com/", "http://exa mple.com/"},
			2, nil, `invalid target URL "http://exa mple.com/"`},
		{"bad page", []string{"-policy", "connect-src *", "-page", "not a url", "/x"},
			2, nil, `invalid page URL "not a url"`},
		{"no targets", []string{"-page", "https://example.com/"}, 2, nil, "usage"},
		{"bad flag", []string{"-nope"}, 2, nil, "flag provided but not defined"},
		{"problems printed", []string{"-policy", "conect-src 'self'", "-page", "https://example.com/", "https://x.example/"},
			0, []string{"unrestricted"}, `did you mean "connect-src"`},
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
