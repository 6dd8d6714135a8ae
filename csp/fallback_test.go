package csp_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cspkit/cspkit/csp"
)

// TestFallbackList checks the lists against CSP3's "directive fallback
// list" (#directive-fallback-list).
func TestFallbackList(t *testing.T) {
	tests := map[string][]string{
		"script-src-elem":  {"script-src-elem", "script-src", "default-src"},
		"script-src-attr":  {"script-src-attr", "script-src", "default-src"},
		"style-src-elem":   {"style-src-elem", "style-src", "default-src"},
		"style-src-attr":   {"style-src-attr", "style-src", "default-src"},
		"worker-src":       {"worker-src", "child-src", "script-src", "default-src"},
		"connect-src":      {"connect-src", "default-src"},
		"manifest-src":     {"manifest-src", "default-src"},
		"object-src":       {"object-src", "default-src"},
		"frame-src":        {"frame-src", "child-src", "default-src"},
		"fenced-frame-src": {"fenced-frame-src", "frame-src", "child-src", "default-src"},
		"media-src":        {"media-src", "default-src"},
		"font-src":         {"font-src", "default-src"},
		"img-src":          {"img-src", "default-src"},
		"script-src":       {"script-src", "default-src"},
		"style-src":        {"style-src", "default-src"},
		"child-src":        {"child-src", "default-src"},
		"form-action":      {"form-action"},
		"base-uri":         {"base-uri"},
	}
	for name, want := range tests {
		f := csp.FallbackList(name)
		got := f.Names()
		assert.Equal(t, want, got, name)
		got[0] = "changed"
		assert.Equal(t, want, f.Names(), "%s: the result is the caller's copy", name)
	}
}

func TestGoverning(t *testing.T) {
	worker := csp.FallbackList("worker-src")
	connect := csp.FallbackList(csp.ConnectSrc)
	tests := []struct {
		policy  string
		names   csp.Fallback
		claimed bool
		want    string // the governing directive's name, "" for none
	}{
		{"default-src 'self'", connect, false, "default-src"},
		{"default-src 'self'; connect-src 'none'", connect, false, "connect-src"},
		{"connect-src", connect, false, "connect-src"},
		{"img-src 'none'", connect, false, ""},
		{"FOO-SRC a; default-src b", csp.FallbackList("foo-src"), false, "foo-src"},
		{"default-src b", csp.Fallback{}, false, ""},
		{"default-src a; script-src b; child-src c", worker, false, "child-src"},
		{"default-src a; script-src b", worker, false, "script-src"},
		{"DEFAULT-SRC a", worker, false, "default-src"},
		// A connect-src dropped for non-ASCII content, then a duplicate:
		// the spec reads the duplicate; Chromium's reading falls back.
		{"connect-src https://ü.example; connect-src 'self'; default-src 'none'", connect, false, "connect-src"},
		{"connect-src https://ü.example; connect-src 'self'; default-src 'none'", connect, true, "default-src"},
		{"connect-src https://ü.example; connect-src 'self'", connect, true, ""},
		{"connect-src https://ü.example; default-src 'none'", connect, false, "default-src"},
	}
	for _, tt := range tests {
		l, _ := csp.Parse(tt.policy)
		require.Equal(t, 1, l.Len(), tt.policy)
		d, ok := l.Policy(0).Governing(tt.names, tt.claimed)
		assert.Equal(t, tt.want != "", ok, "%s (claimed %v)", tt.policy, tt.claimed)
		assert.Equal(t, tt.want, d.Name(), "%s (claimed %v)", tt.policy, tt.claimed)
	}
}

func TestFallingBackTo(t *testing.T) {
	assert.Equal(t, []string{"script-src-attr", "script-src-elem", "worker-src"}, csp.FallingBackTo("script-src"))
	assert.Equal(t, []string{"style-src-attr", "style-src-elem"}, csp.FallingBackTo("style-src"))
	assert.Equal(t, []string{"fenced-frame-src", "frame-src", "worker-src"}, csp.FallingBackTo("child-src"))
	assert.Equal(t, []string{"fenced-frame-src"}, csp.FallingBackTo("frame-src"))
	assert.Empty(t, csp.FallingBackTo("default-src"))
	assert.Empty(t, csp.FallingBackTo("connect-src"))
	assert.Empty(t, csp.FallingBackTo("script-src-elem"))
	assert.Empty(t, csp.FallingBackTo("no-such-src"))
}
