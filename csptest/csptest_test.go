package csptest_test

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cspkit/cspkit/csp"
	"github.com/cspkit/cspkit/csptest"
	"github.com/cspkit/cspkit/match"
)

// fakeT records what the helpers report instead of failing the test.
type fakeT struct {
	testing.TB
	errors  []string
	helper  int // Helper calls
	late    bool
	fatal   bool
	helpers []int // Helper calls seen at each Errorf
}

func (f *fakeT) Helper() { f.helper++ }

func (f *fakeT) Errorf(format string, args ...any) {
	f.errors = append(f.errors, fmt.Sprintf(format, args...))
	f.helpers = append(f.helpers, f.helper)
}

func (f *fakeT) Fatalf(format string, args ...any) { f.fatal = true; f.Errorf(format, args...) }

func newFake(t *testing.T) *fakeT { return &fakeT{TB: t} }

const page = "https://shop.example/cart"

const policy = "default-src 'self'; connect-src 'self' https://api.shop.example wss://push.shop.example; report-uri /csp"

// sources returns the same policy in every kind of source.
func sources(t *testing.T) map[string]func() any {
	return map[string]func() any{
		"string":      func() any { return policy },
		"csp.List":    func() any { return csp.MustParse(policy) },
		"http.Header": func() any { h := http.Header{}; h.Set("Content-Security-Policy", policy); return h },
		"*http.Response": func() any {
			return &http.Response{StatusCode: 200, Header: http.Header{"Content-Type": {"text/html"}},
				Body: io.NopCloser(strings.NewReader(`<meta http-equiv="Content-Security-Policy" content="` + policy + `">`))}
		},
		"*httptest.ResponseRecorder": func() any {
			rec := httptest.NewRecorder()
			http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Security-Policy", policy)
				io.WriteString(w, "<!doctype html><title>shop</title>")
			}).ServeHTTP(rec, httptest.NewRequest("GET", "/", nil))
			return rec
		},
	}
}

func TestEveryInputType(t *testing.T) {
	for name, src := range sources(t) {
		t.Run(name, func(t *testing.T) {
			f := newFake(t)
			assert.True(t, csptest.AllowsConnect(f, src(), page, "/api/cart", "https://api.shop.example/v1", "wss://push.shop.example/s"))
			assert.True(t, csptest.BlocksConnect(f, src(), page, "https://evil.example/", "http://shop.example/api", "wss://evil.example/"))
			assert.Empty(t, f.errors)

			f = newFake(t)
			assert.False(t, csptest.AllowsConnect(f, src(), page, "/ok", "https://evil.example/steal"))
			require.Len(t, f.errors, 1, "only the failing target is reported")
			msg := f.errors[0]
			assert.True(t, strings.HasPrefix(msg, "csptest.AllowsConnect: https://evil.example/steal is blocked by Chromium, Firefox and WebKit\n"), msg)
			assert.Contains(t, msg, "  page:    https://shop.example/cart\n")
			assert.Contains(t, msg, "\n    0 enforce: "+policy+"\n")
			assert.Contains(t, msg, "  Chromium, Firefox, WebKit: blocked\n")
			assert.Contains(t, msg, "    policy 0 (enforce) connect-src 'self' https://api.shop.example wss://push.shop.example; no source matches\n")
			assert.Contains(t, msg, "      to allow it, add https://evil.example/steal to connect-src")

			f = newFake(t)
			assert.False(t, csptest.BlocksConnect(f, src(), page, "https://api.shop.example/v2"))
			require.Len(t, f.errors, 1)
			assert.True(t, strings.HasPrefix(f.errors[0], "csptest.BlocksConnect: https://api.shop.example/v2 is allowed by Chromium, Firefox and WebKit\n"), f.errors[0])
			assert.Contains(t, f.errors[0], "    policy 0 (enforce) connect-src 'self' https://api.shop.example wss://push.shop.example; allows it by https://api.shop.example")
		})
	}
}

func TestSourceIsDescribed(t *testing.T) {
	for name, src := range sources(t) {
		f := newFake(t)
		csptest.AllowsConnect(f, src(), page, "https://evil.example/")
		require.Len(t, f.errors, 1)
		assert.Contains(t, f.errors[0], "  policies ("+map[string]string{"string": "header value"}[name]+"", name)
		if name != "string" {
			assert.Contains(t, f.errors[0], "  policies ("+name+"):", name)
		}
	}
}

func TestHelperMarksCallSite(t *testing.T) {
	f := newFake(t)
	csptest.AllowsConnect(f, policy, page, "https://evil.example/")
	csptest.In(match.Firefox).BlocksConnect(f, policy, page, "/api")
	require.Len(t, f.errors, 2)
	for _, n := range f.helpers {
		assert.GreaterOrEqual(t, n, 2, "Helper is called by the exported function and by every function between it and Errorf")
	}
}

func TestResponseBodyStaysReadable(t *testing.T) {
	body := `<head><meta http-equiv="Content-Security-Policy" content="connect-src 'none'"></head><body>hello</body>`
	resp := &http.Response{Header: http.Header{"Content-Type": {"text/html"}}, Body: io.NopCloser(strings.NewReader(body))}
	f := newFake(t)
	assert.True(t, csptest.BlocksConnect(f, resp, page, "/api"), f.errors)
	got, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	assert.Equal(t, body, string(got))
}

func TestEngines(t *testing.T) {
	// Browsers allow http://h:80 to match https://h; the CSP3 text does not.
	const p = "connect-src http://api.example:80"
	target := "https://api.example/x"

	f := newFake(t)
	assert.True(t, csptest.AllowsConnect(f, p, page, target))
	assert.True(t, csptest.In(match.Chromium, match.WebKit).AllowsConnect(f, p, page, target))
	assert.True(t, csptest.In(match.Spec).BlocksConnect(f, p, page, target))
	assert.True(t, csptest.In().AllowsConnect(f, p, page, target), "In() keeps every browser")
	assert.Empty(t, f.errors)

	f = newFake(t)
	all := csptest.In(match.Spec, match.Chromium, match.Firefox, match.WebKit)
	assert.False(t, all.AllowsConnect(f, p, page, target))
	assert.False(t, all.BlocksConnect(f, p, page, target))
	require.Len(t, f.errors, 2)
	assert.Contains(t, f.errors[0], "csptest.AllowsConnect: https://api.example/x is blocked by CSP3 spec but allowed by Chromium, Firefox and WebKit\n")
	assert.Contains(t, f.errors[0], "  CSP3 spec: blocked\n")
	assert.Contains(t, f.errors[0], "  Chromium, Firefox, WebKit: allowed\n")
	assert.Contains(t, f.errors[1], "csptest.BlocksConnect: https://api.example/x is allowed by Chromium, Firefox and WebKit (blocked by CSP3 spec)\n")
}

func TestWithOptions(t *testing.T) {
	// Paths are ignored after a redirect.
	const p = "connect-src https://api.example/v1/"
	f := newFake(t)
	assert.True(t, csptest.BlocksConnect(f, p, page, "https://api.example/v2/"))
	assert.True(t, csptest.With(match.Redirected()).AllowsConnect(f, p, page, "https://api.example/v2/"))
	assert.True(t, csptest.With(match.Redirected()).In(match.Firefox).AllowsConnect(f, p, page, "https://api.example/v2/"))
	assert.Empty(t, f.errors)

	// fetch refuses URLs with credentials before CSP runs.
	f = newFake(t)
	assert.False(t, csptest.AllowsConnect(f, "connect-src *", page, "https://u:p@api.example/"))
	assert.False(t, csptest.BlocksConnect(f, "connect-src 'none'", page, "https://u:p@api.example/"))
	require.Len(t, f.errors, 2)
	assert.Contains(t, f.errors[0], "is refused before CSP runs: ")
	assert.Contains(t, f.errors[1], "so the policies were not tested")
	f = newFake(t)
	assert.True(t, csptest.With(match.WithRequest(match.XHR)).BlocksConnect(f, "connect-src 'none'", page, "https://u:p@api.example/"), f.errors)
}

func TestMixedContent(t *testing.T) {
	f := newFake(t)
	assert.False(t, csptest.AllowsConnect(f, "connect-src *", page, "http://api.example/"))
	require.Len(t, f.errors, 1)
	assert.Contains(t, f.errors[0], "is allowed by the policies, but Chromium, Firefox and WebKit block it as mixed content")
	assert.Contains(t, f.errors[0], "; blocked as mixed content whatever CSP says")
	f = newFake(t)
	assert.True(t, csptest.In(match.Chromium, match.Firefox).AllowsConnect(f, "connect-src *", page, "http://localhost:8080/"),
		"loopback is not mixed content in Chromium and Firefox")
	assert.False(t, csptest.AllowsConnect(f, "connect-src *", page, "http://localhost:8080/"), "but it is in WebKit")
	require.Len(t, f.errors, 1)
	assert.Contains(t, f.errors[0], "is allowed by the policies, but WebKit blocks it as mixed content")
	assert.Contains(t, f.errors[0], "  WebKit: allowed; blocked as mixed content whatever CSP says\n")
}

func TestReportOnly(t *testing.T) {
	h := http.Header{}
	h.Set("Content-Security-Policy-Report-Only", "connect-src 'none'")
	h.Set("Content-Security-Policy", "connect-src 'self'")
	f := newFake(t)
	assert.True(t, csptest.AllowsConnect(f, h, page, "/api"), "report-only policies never block")
	assert.False(t, csptest.BlocksConnect(f, h, page, "/api"))
	require.Len(t, f.errors, 1)
	assert.Contains(t, f.errors[0], "    policy 1 (report) connect-src 'none'; allows nothing (report-only: reported, not blocked)\n")
}

func TestNoPolicy(t *testing.T) {
	f := newFake(t)
	assert.True(t, csptest.AllowsConnect(f, http.Header{}, page, "https://anything.example/"))
	assert.False(t, csptest.BlocksConnect(f, http.Header{}, page, "https://anything.example/"))
	require.Len(t, f.errors, 1)
	assert.Contains(t, f.errors[0], "  policies (http.Header): none, so nothing is restricted\n")
}

func TestProblemsInMessage(t *testing.T) {
	f := newFake(t)
	csptest.BlocksConnect(f, "conect-src 'none'", page, "https://evil.example/")
	require.Len(t, f.errors, 1)
	assert.Contains(t, f.errors[0], "  parse problems (what browsers ignore):\n    policy 0, conect-src, byte 0: unknown directive \"conect-src\" has no effect (did you mean \"connect-src\"?) [unknown-directive]")
	assert.Contains(t, f.errors[0], "policy 0 (enforce): no connect-src or default-src, does not restrict connections")
}

func TestBadInput(t *testing.T) {
	tests := []struct {
		name string
		call func(testing.TB) bool
		want string
	}{
		{"unsupported source", func(t testing.TB) bool { return csptest.AllowsConnect(t, 42, page, "/x") },
			"csptest.AllowsConnect: unsupported source type int: want http.Header, *http.Response, *httptest.ResponseRecorder, csp.List or string"},
		{"nil response", func(t testing.TB) bool { return csptest.BlocksConnect(t, (*http.Response)(nil), page, "/x") },
			"csptest.BlocksConnect: source is a nil *http.Response"},
		{"nil recorder", func(t testing.TB) bool {
			return csptest.AllowsConnect(t, (*httptest.ResponseRecorder)(nil), page, "/x")
		},
			"csptest.AllowsConnect: source is a nil *httptest.ResponseRecorder"},
		{"no target", func(t testing.TB) bool { return csptest.AllowsConnect(t, policy, page) },
			"csptest.AllowsConnect: no target given"},
		{"bad page", func(t testing.TB) bool { return csptest.AllowsConnect(t, policy, "not a url", "/x") },
			`csptest.AllowsConnect: match: invalid page URL "not a url"`},
		{"bad target", func(t testing.TB) bool { return csptest.BlocksConnect(t, policy, page, "https://exa mple/") },
			`csptest.BlocksConnect: match: invalid target URL "https://exa mple/"`},
		{"unreadable body", func(t testing.TB) bool {
			resp := &http.Response{Header: http.Header{"Content-Type": {"text/html"}, "Content-Encoding": {"br"}},
				Body: io.NopCloser(strings.NewReader("x"))}
			return csptest.BlocksConnect(t, resp, page, "/x")
		}, `csptest.BlocksConnect: reading the policies of the *http.Response: csp: reading HTML at byte 0: content encoding "br" is not supported`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFake(t)
			assert.False(t, tt.call(f))
			require.Len(t, f.errors, 1)
			assert.True(t, strings.HasPrefix(f.errors[0], tt.want), f.errors[0])
		})
	}
}

func TestPolicies(t *testing.T) {
	f := newFake(t)
	l := csptest.Policies(f, sources(t)["*httptest.ResponseRecorder"]())
	assert.True(t, l.Equal(csp.MustParse(policy)))
	assert.Empty(t, f.errors)
	csptest.Policies(f, 3.5)
	require.Len(t, f.errors, 1)
	assert.Contains(t, f.errors[0], "csptest.Policies: unsupported source type float64")
}

func TestClosestSource(t *testing.T) {
	f := newFake(t)
	csptest.AllowsConnect(f, "connect-src 'self' https://api.example/v1/", page, "https://api.example/v2/items")
	require.Len(t, f.errors, 1)
	assert.Contains(t, f.errors[0], "\n      closest source: source https://api.example/v1/ allows only paths under /v1/; target path is /v2/items\n")
	assert.Contains(t, f.errors[0], "\n      to allow it, add https://api.example/v2/items to connect-src")
}
