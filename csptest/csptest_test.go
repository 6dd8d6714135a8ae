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
	"github.com/cspkit/cspkit/lint"
	"github.com/cspkit/cspkit/match"
)

// fakeT records what the helpers report instead of failing the test. It
// implements only csptest.TB and Logf, as another framework's T would.
type fakeT struct {
	errors  []string
	logs    []string
	helper  int   // Helper calls
	helpers []int // Helper calls seen at each Errorf
}

func (f *fakeT) Helper() { f.helper++ }
func (f *fakeT) Errorf(format string, args ...any) {
	f.errors = append(f.errors, fmt.Sprintf(format, args...))
	f.helpers = append(f.helpers, f.helper)
}
func (f *fakeT) Logf(format string, args ...any) {
	f.logs = append(f.logs, fmt.Sprintf(format, args...))
}

// bareT has Helper and Errorf only.
type bareT struct{ errors []string }

func (*bareT) Helper() {}
func (b *bareT) Errorf(format string, args ...any) {
	b.errors = append(b.errors, fmt.Sprintf(format, args...))
}

func newFake(*testing.T) *fakeT { return &fakeT{} }

const page = "https://shop.example/cart"
const policy = "default-src 'self'; connect-src 'self' https://api.shop.example wss://push.shop.example; report-uri /csp"

// sources returns the same policy read from every kind of source.
func sources() map[string]func(csptest.TB) *csptest.Policies {
	return map[string]func(csptest.TB) *csptest.Policies{
		"header value": func(t csptest.TB) *csptest.Policies { return csptest.Of(t, policy) },
		"csp.List":     func(t csptest.TB) *csptest.Policies { return csptest.Of(t, csp.MustParse(policy)) },
		"http.Header": func(t csptest.TB) *csptest.Policies {
			h := http.Header{}
			h.Set("Content-Security-Policy", policy)
			return csptest.Of(t, h)
		},
		"*http.Response": func(t csptest.TB) *csptest.Policies {
			return csptest.Of(t, &http.Response{StatusCode: 200, Header: http.Header{"Content-Type": {"text/html"}},
				Body: io.NopCloser(strings.NewReader(`<meta http-equiv="Content-Security-Policy" content="` + policy + `">`))})
		},
		"*httptest.ResponseRecorder": func(t csptest.TB) *csptest.Policies {
			rec := httptest.NewRecorder()
			http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Security-Policy", policy)
				io.WriteString(w, "<!doctype html><title>shop</title>")
			}).ServeHTTP(rec, httptest.NewRequest("GET", "/", nil))
			return csptest.Of(t, rec)
		},
	}
}

func TestEveryInputType(t *testing.T) {
	for name, of := range sources() {
		t.Run(name, func(t *testing.T) {
			f := newFake(t)
			assert.True(t, of(f).AllowsConnect(page, "/api/cart", "https://api.shop.example/v1", "wss://push.shop.example/s"))
			assert.True(t, of(f).BlocksConnect(page, "https://evil.example/", "wss://evil.example/"))
			assert.Empty(t, f.errors)
			f = newFake(t)
			assert.False(t, of(f).AllowsConnect(page, "/ok", "https://evil.example/steal"))
			require.Len(t, f.errors, 1, "only the failing target is reported")
			msg := f.errors[0]
			assert.True(t, strings.HasPrefix(msg, "csptest.AllowsConnect: https://evil.example/steal is blocked by Chromium, Firefox and WebKit\n"), msg)
			assert.Contains(t, msg, "  page:    https://shop.example/cart\n")
			assert.Contains(t, msg, "  policies ("+name+"):\n    0 enforce: "+policy+"\n")
			assert.Contains(t, msg, "  Chromium, Firefox, WebKit: blocked: https://evil.example/steal\n")
			assert.Contains(t, msg, "    policy 0 connect-src 'self' https://api.shop.example wss://push.shop.example: no source matches (page origin https://shop.example)\n")
			assert.Contains(t, msg, "      to allow it, add https://evil.example to connect-src (or, narrower, https://evil.example/steal)")
			f = newFake(t)
			assert.False(t, of(f).BlocksConnect(page, "https://api.shop.example/v2"))
			require.Len(t, f.errors, 1)
			assert.True(t, strings.HasPrefix(f.errors[0], "csptest.BlocksConnect: https://api.shop.example/v2 is allowed by Chromium, Firefox and WebKit\n"), f.errors[0])
			assert.Contains(t, f.errors[0], "    policy 0 connect-src allows it by https://api.shop.example")
		})
	}
}

func TestPackageFunctions(t *testing.T) {
	f := newFake(t)
	h := http.Header{}
	h.Set("Content-Security-Policy", policy)
	assert.True(t, csptest.AllowsConnect(f, h, page, "/api"))
	assert.True(t, csptest.BlocksConnect(f, policy, page, "https://evil.example/"))
	assert.False(t, csptest.AllowsConnect(f, csp.MustParse(policy), page, "https://evil.example/"))
	assert.Len(t, f.errors, 1)
}

func TestHelperMarksCallSite(t *testing.T) {
	f := newFake(t)
	csptest.AllowsConnect(f, policy, page, "https://evil.example/")
	csptest.Of(f, policy).In(match.Firefox).BlocksConnect(page, "/api")
	csptest.Of(f, policy).Requires("sandbox")
	require.Len(t, f.errors, 3)
	for _, n := range f.helpers {
		assert.GreaterOrEqual(t, n, 2, "Helper is called by the exported function and by every function between it and Errorf")
	}
}

func TestMinimalTB(t *testing.T) {
	b := &bareT{}
	assert.True(t, csptest.AllowsConnect(b, policy, page, "/api"), "no Logf needed")
	assert.False(t, csptest.Of(b, "conect-src 'self'").WellFormed())
	assert.Len(t, b.errors, 1)
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
	pol := csptest.Of(f, p)
	assert.True(t, pol.AllowsConnect(page, target))
	assert.True(t, pol.In(match.Chromium, match.WebKit).AllowsConnect(page, target))
	assert.True(t, pol.In(match.Spec).BlocksConnect(page, target))
	assert.True(t, pol.In().AllowsConnect(page, target), "In() keeps every browser")
	assert.Empty(t, f.errors)
	f = newFake(t)
	all := csptest.Of(f, p).In(match.Spec, match.Chromium, match.Firefox, match.WebKit)
	assert.False(t, all.AllowsConnect(page, target))
	assert.False(t, all.BlocksConnect(page, target))
	require.Len(t, f.errors, 2)
	assert.Contains(t, f.errors[0], "csptest.AllowsConnect: https://api.example/x does not go through in CSP3 spec (it does in Chromium, Firefox and WebKit)\n")
	assert.Contains(t, f.errors[0], "  CSP3 spec: blocked: https://api.example/x\n")
	assert.Contains(t, f.errors[0], "  Chromium, Firefox, WebKit: allowed: https://api.example/x\n")
	assert.Contains(t, f.errors[1], "csptest.BlocksConnect: https://api.example/x is allowed by Chromium, Firefox and WebKit (blocked by CSP3 spec)\n")
}

func TestWithOptions(t *testing.T) {
	// Paths are ignored after a redirect.
	const p = "connect-src https://api.example/v1/"
	f := newFake(t)
	pol := csptest.Of(f, p)
	assert.True(t, pol.BlocksConnect(page, "https://api.example/v2/"))
	assert.True(t, pol.With(match.Redirected()).AllowsConnect(page, "https://api.example/v2/"))
	assert.True(t, pol.With(match.Redirected()).In(match.Firefox).AllowsConnect(page, "https://api.example/v2/"))
	assert.Empty(t, f.errors)
	// fetch refuses URLs with credentials before CSP runs.
	f = newFake(t)
	assert.False(t, csptest.AllowsConnect(f, "connect-src *", page, "https://u:p@api.example/"))
	assert.False(t, csptest.BlocksConnect(f, "connect-src 'none'", page, "https://u:p@api.example/"))
	require.Len(t, f.errors, 2)
	assert.Contains(t, f.errors[0], "is refused before CSP runs: ")
	assert.Contains(t, f.errors[1], "so the policies were not tested")
	f = newFake(t)
	assert.True(t, csptest.Of(f, "connect-src 'none'").With(match.WithRequest(match.XHR)).BlocksConnect(page, "https://u:p@api.example/"), f.errors)
}

// TestMixedContent: a request the policies allow but browsers block as
// mixed content does not go through, and no source is suggested.
func TestMixedContent(t *testing.T) {
	f := newFake(t)
	assert.False(t, csptest.AllowsConnect(f, "connect-src http://api.example", page, "http://api.example/"))
	require.Len(t, f.errors, 1)
	assert.Contains(t, f.errors[0], "is allowed by the policies, but Chromium, Firefox and WebKit block it as mixed content")
	assert.Contains(t, f.errors[0], "no source can allow it")
	assert.NotContains(t, f.errors[0], "to allow it, add")
	f = newFake(t)
	assert.True(t, csptest.Of(f, "connect-src *").In(match.Chromium, match.Firefox).AllowsConnect(page, "http://localhost:8080/"),
		"loopback is not mixed content in Chromium and Firefox")
	assert.False(t, csptest.AllowsConnect(f, "connect-src *", page, "http://localhost:8080/"), "but it is in WebKit")
	require.Len(t, f.errors, 1)
	assert.Contains(t, f.errors[0], "is allowed by the policies, but WebKit block it as mixed content")
	assert.Contains(t, f.errors[0], "  WebKit: blocked as mixed content: http://localhost:8080/\n")
	// BlocksConnect does not count a mixed-content block as the policy's.
	f = newFake(t)
	assert.False(t, csptest.BlocksConnect(f, "connect-src *", page, "http://api.example/"))
	require.Len(t, f.errors, 1)
	assert.Contains(t, f.errors[0], "is blocked only as mixed content by Chromium, Firefox and WebKit: the policies allow it, so they were not tested")
}

func TestReportOnly(t *testing.T) {
	h := http.Header{}
	h.Set("Content-Security-Policy-Report-Only", "connect-src 'none'")
	h.Set("Content-Security-Policy", "connect-src 'self'")
	f := newFake(t)
	assert.True(t, csptest.AllowsConnect(f, h, page, "/api"), "report-only policies never block")
	assert.False(t, csptest.BlocksConnect(f, h, page, "/api"))
	require.Len(t, f.errors, 1)
	assert.Contains(t, f.errors[0], "    report-only policy 1 connect-src is 'none' (reported, not blocked)\n")
}

// TestNoVacuousPass: with no policy, a nil header, a policy that restricts
// only in report-only mode, or a broken directive name, no assertion about
// connections passes; Unrestricted says so explicitly.
func TestNoVacuousPass(t *testing.T) {
	ro := http.Header{}
	ro.Set("Content-Security-Policy-Report-Only", "connect-src 'none'")
	for name, of := range map[string]func(csptest.TB) *csptest.Policies{
		"no header":          func(t csptest.TB) *csptest.Policies { return csptest.Of(t, http.Header{}) },
		"nil header":         func(t csptest.TB) *csptest.Policies { return csptest.Of(t, http.Header(nil)) },
		"report-only":        func(t csptest.TB) *csptest.Policies { return csptest.Of(t, ro) },
		"broken name":        func(t csptest.TB) *csptest.Policies { return csptest.Of(t, "connect-src: self, api.example.com") },
		"empty header value": func(t csptest.TB) *csptest.Policies { return csptest.Of(t, "") },
	} {
		t.Run(name, func(t *testing.T) {
			f := newFake(t)
			assert.False(t, of(f).AllowsConnect(page, "https://api.example.com/"))
			require.Len(t, f.errors, 1)
			assert.Contains(t, f.errors[0], "no enforced policy restricts connect requests in Chromium, Firefox and WebKit, so any target would pass; if that is meant, assert it with Unrestricted")
			assert.False(t, of(f).BlocksConnect(page, "https://evil.example/"))
			assert.False(t, of(f).WellFormed())
			f = newFake(t)
			assert.True(t, of(f).Unrestricted(), f.errors)
		})
	}
	f := newFake(t)
	assert.False(t, csptest.Of(f, policy).Unrestricted())
	require.Len(t, f.errors, 1)
	assert.Contains(t, f.errors[0], "csptest.Unrestricted: an enforced policy restricts connect requests in Chromium, Firefox and WebKit")
}

// TestAmbiguousTargets: a target that is neither absolute nor explicitly
// relative fails, saying what to write.
func TestAmbiguousTargets(t *testing.T) {
	for target, want := range map[string]string{
		"api.example.com/v1":  "write https://api.example.com/v1 for that host, or /api.example.com/v1 for a path",
		"evil.example":        "the page would request https://shop.example/evil.example, a path on the page's host",
		"htps//evil.example/": "write an absolute URL (https://host/path) for another host",
		"":                    "it is empty",
		"localhost:3000/api":  "write https://localhost:3000/api",
	} {
		f := newFake(t)
		assert.False(t, csptest.AllowsConnect(f, "connect-src 'self'", page, target), target)
		assert.False(t, csptest.BlocksConnect(f, "connect-src 'none'", page, target), target)
		require.Len(t, f.errors, 2, target)
		assert.Contains(t, f.errors[0], "csptest.AllowsConnect: match: ambiguous target")
		assert.Contains(t, f.errors[0], want)
	}
	f := newFake(t)
	assert.True(t, csptest.AllowsConnect(f, "connect-src 'self'", page, "/x", "./x", "../x", "?q", "#f", "//shop.example/x"), f.errors)
}

func TestProblemsInMessagesAndLogs(t *testing.T) {
	f := newFake(t)
	csptest.BlocksConnect(f, "conect-src 'none'; default-src 'self'", page, "https://evil.example/x", "/x")
	require.Len(t, f.errors, 1)
	assert.Contains(t, f.errors[0], "  parse problems (what browsers drop or ignore):\n    policy 0, conect-src, byte 0: unknown directive \"conect-src\" has no effect (did you mean \"connect-src\"?) [unknown-directive]")
	assert.Empty(t, f.logs)

	f = newFake(t)
	assert.True(t, csptest.AllowsConnect(f, "connect-src 'self'; connect-src *", page, "/api"))
	require.Len(t, f.logs, 1, "a passing assertion logs the problems")
	assert.Contains(t, f.logs[0], "csptest.AllowsConnect: passed; note the parse problems")
	assert.Contains(t, f.logs[0], `directive "connect-src" is ignored`)
}

func TestBadInput(t *testing.T) {
	tests := []struct {
		name string
		call func(csptest.TB) bool
		want string
	}{
		{"nil response", func(t csptest.TB) bool { return csptest.BlocksConnect(t, (*http.Response)(nil), page, "/x") },
			"csptest.BlocksConnect: source is a nil *http.Response"},
		{"nil recorder", func(t csptest.TB) bool {
			return csptest.Of(t, (*httptest.ResponseRecorder)(nil)).WellFormed()
		}, "csptest.WellFormed: source is a nil *httptest.ResponseRecorder"},
		{"no target", func(t csptest.TB) bool { return csptest.AllowsConnect(t, policy, page) },
			"csptest.AllowsConnect: no target given"},
		{"bad page", func(t csptest.TB) bool { return csptest.AllowsConnect(t, policy, "not a url", "/x") },
			`csptest.AllowsConnect: match: invalid page URL "not a url"`},
		{"bad target", func(t csptest.TB) bool { return csptest.BlocksConnect(t, policy, page, "https://exa mple/") },
			`csptest.BlocksConnect: match: invalid target URL "https://exa mple/"`},
		{"unreadable body", func(t csptest.TB) bool {
			resp := &http.Response{Header: http.Header{"Content-Type": {"text/html"}, "Content-Encoding": {"br"}},
				Body: io.NopCloser(strings.NewReader("x"))}
			return csptest.BlocksConnect(t, resp, page, "/x")
		}, `csptest.BlocksConnect: reading the policies of the *http.Response: csp: reading HTML at byte 0: content encoding "br" is not supported`},
		{"no directive", func(t csptest.TB) bool { return csptest.Of(t, policy).Requires() }, "csptest.Requires: no directive given"},
		{"no source", func(t csptest.TB) bool { return csptest.Of(t, policy).Forbids("script-src") }, "csptest.Forbids: no source given"},
		{"bad source", func(t csptest.TB) bool { return csptest.Of(t, policy).Forbids("script-src", "'unsafe_inline'") },
			`csptest.Forbids: source: invalid expression "'unsafe_inline'"`},
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

func TestList(t *testing.T) {
	f := newFake(t)
	l := sources()["*httptest.ResponseRecorder"](f).List()
	assert.True(t, l.Equal(csp.MustParse(policy)))
	assert.Empty(t, f.errors)
}

func TestClosestSource(t *testing.T) {
	f := newFake(t)
	csptest.AllowsConnect(f, "connect-src 'self' https://api.example/v1/", page, "https://api.example/v2/items")
	require.Len(t, f.errors, 1)
	assert.Contains(t, f.errors[0], "\n      closest: [source https://api.example/v1/ allows only paths under /v1/; target path is /v2/items]\n")
	assert.Contains(t, f.errors[0], "\n      to allow it, add https://api.example to connect-src (or, narrower, https://api.example/v2/items)")
}

func TestWellFormed(t *testing.T) {
	f := newFake(t)
	assert.True(t, csptest.Of(f, policy).WellFormed())
	assert.Empty(t, f.errors)
	for value, want := range map[string]string{
		"connect-src 'self' https://a.example/p?q": "browsers drop or ignore part of the policies (1 parse problem)",
		"referrer origin; default-src 'self'":      "unsupported-directive",
		"connect-src 'self'; connect-src *":        "duplicate-directive",
	} {
		f = newFake(t)
		assert.False(t, csptest.Of(f, value).WellFormed(), value)
		require.Len(t, f.errors, 1)
		assert.Contains(t, f.errors[0], want)
	}
	h := http.Header{}
	h.Set("Content-Security-Policy-Report-Only", "default-src 'self'")
	f = newFake(t)
	assert.False(t, csptest.Of(f, h).WellFormed())
	assert.Contains(t, f.errors[0], "no enforced Content-Security-Policy is delivered")
}

func TestRequires(t *testing.T) {
	f := newFake(t)
	const p = "default-src 'self'; object-src 'none'; base-uri 'none'"
	assert.True(t, csptest.Of(f, p).Requires("object-src", "base-uri"))
	assert.Empty(t, f.errors)
	assert.False(t, csptest.Of(f, p).Requires("object-src", "frame-ancestors", "form-action"))
	require.Len(t, f.errors, 1)
	assert.Contains(t, f.errors[0], "csptest.Requires: no enforced policy has frame-ancestors, form-action")
	h := http.Header{}
	h.Set("Content-Security-Policy-Report-Only", "frame-ancestors 'none'")
	f = newFake(t)
	assert.False(t, csptest.Of(f, h).Requires("frame-ancestors"), "report-only does not count")
}

func TestForbids(t *testing.T) {
	f := newFake(t)
	const strict = "default-src 'self'; script-src 'nonce-r4nd0m' 'strict-dynamic'; object-src 'none'"
	assert.True(t, csptest.Of(f, strict).Forbids("script-src", "'unsafe-inline'", "*", "https:"))
	assert.True(t, csptest.Of(f, strict).Forbids("connect-src", "*"), "connect-src falls back to default-src 'self'")
	assert.Empty(t, f.errors)

	f = newFake(t)
	assert.False(t, csptest.Of(f, "default-src 'self' 'UNSAFE-INLINE'").Forbids("script-src-elem", "'unsafe-inline'"))
	require.Len(t, f.errors, 1)
	assert.Contains(t, f.errors[0], "script-src-elem allows what the test forbids: 'unsafe-inline' in policy 0 default-src")

	f = newFake(t)
	assert.False(t, csptest.Of(f, "default-src 'self' 'unsafe-inline'").Forbids("script-src", "'unsafe-inline'"))
	require.Len(t, f.errors, 1)
	assert.Contains(t, f.errors[0], "script-src allows what the test forbids: 'unsafe-inline' in policy 0 default-src")

	// The directives that fall back to script-src govern scripts too.
	f = newFake(t)
	assert.False(t, csptest.Of(f, "default-src 'self'; script-src-elem 'self' 'unsafe-inline'; object-src 'none'").Forbids("script-src", "'unsafe-inline'", "*"))
	require.Len(t, f.errors, 1)
	assert.Contains(t, f.errors[0], "script-src allows what the test forbids: 'unsafe-inline' in policy 0 script-src-elem")
	f = newFake(t)
	assert.False(t, csptest.Of(f, "script-src 'self'; script-src-attr 'unsafe-inline'; worker-src *").Forbids("script-src", "'unsafe-inline'", "*"))
	require.Len(t, f.errors, 1)
	assert.Contains(t, f.errors[0], "'unsafe-inline' in policy 0 script-src-attr, * in policy 0 worker-src")

	f = newFake(t)
	assert.False(t, csptest.Of(f, "img-src *").Forbids("script-src", "'unsafe-inline'"))
	require.Len(t, f.errors, 1)
	assert.Contains(t, f.errors[0], "no enforced policy restricts script-src (nor a directive it falls back to), so every source is allowed")

	f = newFake(t)
	assert.False(t, csptest.Of(f, "connect-src 'self', connect-src https:").Forbids("connect-src", "https:"),
		"a second policy counts")
	assert.Contains(t, f.errors[0], "https: in policy 1 connect-src")
}

func TestPassesLint(t *testing.T) {
	f := newFake(t)
	assert.True(t, csptest.Of(f, "default-src 'self'; connect-src 'self' https://api.example.com").PassesLint(lint.Medium))
	assert.Empty(t, f.errors)
	assert.False(t, csptest.Of(f, "default-src 'self'; connect-src 'self' https:").PassesLint(lint.Medium))
	require.Len(t, f.errors, 1)
	assert.Contains(t, f.errors[0], "csptest.PassesLint: 1 lint finding at or above medium:\n    CSP1004 high (policy 0, connect-src: https:)")

	f = newFake(t)
	assert.True(t, csptest.Of(f, "connect-src 'self'").PassesLint(lint.Low, lint.Connect), "scripts are out of scope")
	assert.False(t, csptest.Of(f, "connect-src 'self'").PassesLint(lint.Low), "CSP2004: scripts unrestricted")
	assert.Len(t, f.errors, 1)
}

// TestDrainedBody: a body read before the assertion lost its <meta>
// policies; the assertion fails instead of checking the headers alone.
func TestDrainedBody(t *testing.T) {
	handler := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Security-Policy", "default-src 'self'; connect-src 'self' https://api.example.com")
		w.Header().Set("Content-Type", "text/html")
		io.WriteString(w, `<head><meta http-equiv="Content-Security-Policy" content="connect-src 'self'"></head>`)
	})
	rec := httptest.NewRecorder()
	handler.ServeHTTP(rec, httptest.NewRequest("GET", "/", nil))
	f := newFake(t)
	assert.True(t, csptest.BlocksConnect(f, rec, page, "https://api.example.com/v1"), "the <meta> policy blocks it: %v", f.errors)
	rec = httptest.NewRecorder()
	handler.ServeHTTP(rec, httptest.NewRequest("GET", "/", nil))
	io.ReadAll(rec.Body) // the test looked at the page first
	assert.False(t, csptest.AllowsConnect(f, rec, page, "https://api.example.com/v1"))
	require.Len(t, f.errors, 1)
	assert.Contains(t, f.errors[0], "the HTML body is empty: was it read before?")

	// Over the wire, with a chunked body read to its end first.
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Security-Policy", "connect-src 'self' https://api.example.com")
		w.Header().Set("Content-Type", "text/html")
		w.(http.Flusher).Flush()
		io.WriteString(w, `<head><meta http-equiv="Content-Security-Policy" content="connect-src 'self'"></head>`)
	}))
	defer srv.Close()
	resp, err := http.Get(srv.URL)
	require.NoError(t, err)
	defer resp.Body.Close()
	require.Equal(t, int64(-1), resp.ContentLength)
	io.ReadAll(resp.Body)
	f = newFake(t)
	assert.False(t, csptest.AllowsConnect(f, resp, srv.URL, "https://api.example.com/v1"))
	require.Len(t, f.errors, 1)
	assert.Contains(t, f.errors[0], "was it read before?")
}

// TestInWinsOverWith: engines chosen with In decide, whatever the order of
// In and With and whatever engine option With carries.
func TestInWinsOverWith(t *testing.T) {
	const p = "connect-src http://api.example.com:8000"
	const target = "https://api.example.com:8000/v1" // Chromium blocks it, Firefox allows it
	page := "https://example.com/"
	f := newFake(t)
	pol := csptest.Of(f, p)
	assert.False(t, pol.In(match.Chromium).With(match.WithEngine(match.Firefox)).AllowsConnect(page, target))
	assert.False(t, pol.With(match.WithEngine(match.Firefox)).In(match.Chromium).AllowsConnect(page, target))
	assert.True(t, pol.In(match.Chromium).With(match.WithEngine(match.Firefox)).BlocksConnect(page, target))
	assert.Len(t, f.errors, 2)
}

// TestForbidsArgumentTypos: a forbidden source the test misspells would
// make Forbids pass without testing anything.
func TestForbidsArgumentTypos(t *testing.T) {
	const p = "script-src 'self' 'unsafe-inline' 'unsafe-eval' https: data:"
	for arg, want := range map[string]string{
		"unsafe-inline":                 `"unsafe-inline" without quotes is a host name, not the keyword 'unsafe-inline'`,
		"https":                         `"https" is a host name, not a scheme`,
		"self":                          `not the keyword 'self'`,
		"'unsafe-inline' 'unsafe-eval'": "holds white space: give one source expression per argument",
	} {
		f := newFake(t)
		assert.False(t, csptest.Of(f, p).Forbids("script-src", arg), arg)
		require.Len(t, f.errors, 1, arg)
		assert.Contains(t, f.errors[0], want)
	}
}

func TestBlocksConnectUnrestricted(t *testing.T) {
	f := newFake(t)
	assert.False(t, csptest.BlocksConnect(f, "report-uri /r", page, "https://evil.example/"))
	require.Len(t, f.errors, 1)
	assert.Contains(t, f.errors[0], "csptest.BlocksConnect: https://evil.example/ is allowed: no enforced policy restricts connect requests in Chromium, Firefox and WebKit, so every target is allowed")
}

func TestLikelyTyposInMessages(t *testing.T) {
	f := newFake(t)
	assert.False(t, csptest.AllowsConnect(f, "default-src self; connect-src self", page, "/x"))
	require.Len(t, f.errors, 1)
	assert.Contains(t, f.errors[0], "  likely typos (browsers read these as host names):\n    CSP3001 medium (policy 0, default-src: self)")
}

func TestPassesLintRefusesBadArguments(t *testing.T) {
	f := newFake(t)
	assert.False(t, csptest.Of(f, "default-src *").PassesLint(lint.Medium, lint.Scope(0)))
	assert.False(t, csptest.Of(f, "default-src *").PassesLint(lint.Severity(9)))
	require.Len(t, f.errors, 2)
	assert.Contains(t, f.errors[0], "unknown scope")
	assert.Contains(t, f.errors[1], "invalid severity 9")
}

func TestLoads(t *testing.T) {
	const p = "default-src 'self'; script-src 'self' https://cdn.example; img-src * data:; object-src 'none'"
	f := newFake(t)
	pol := csptest.Of(f, p)
	assert.True(t, pol.AllowsLoad(page, match.Script, "/app.js", "https://cdn.example/lib.js"))
	assert.True(t, pol.BlocksLoad(page, match.Script, "https://evil.example/x.js", "data:text/javascript,1"))
	assert.True(t, pol.AllowsLoad(page, match.Image, "https://any.example/a.png", "data:image/png,x"))
	assert.True(t, pol.BlocksLoad(page, match.Object, "/movie.swf"))
	assert.True(t, csptest.AllowsLoad(f, p, page, match.Style, "/site.css"))
	assert.True(t, csptest.BlocksLoad(f, p, page, match.Font, "https://fonts.example/a.woff2"))
	assert.Empty(t, f.errors)

	f = newFake(t)
	assert.False(t, csptest.Of(f, p).AllowsLoad(page, match.Script, "https://evil.example/x.js"))
	require.Len(t, f.errors, 1)
	assert.Contains(t, f.errors[0], "csptest.AllowsLoad: https://evil.example/x.js is blocked by Chromium, Firefox and WebKit")
	assert.Contains(t, f.errors[0], "  destination: script (script-src-elem)\n")
	assert.Contains(t, f.errors[0], "policy 0 script-src (no script-src-elem) 'self' https://cdn.example: no source matches")

	f = newFake(t)
	assert.False(t, csptest.AllowsLoad(f, "connect-src 'self'", page, match.Image, "/a.png"))
	require.Len(t, f.errors, 1)
	assert.Contains(t, f.errors[0], "no enforced policy restricts image loads (img-src) in Chromium, Firefox and WebKit, so any target would pass")
	f = newFake(t)
	assert.True(t, csptest.Of(f, "connect-src 'self'").Unrestricted(match.Image, match.Script))
	assert.False(t, csptest.Of(f, "connect-src 'self'").Unrestricted(match.Connection))
}

// TestBlocksNeedsEveryEngineToTest checks that a Blocks assertion fails
// when one engine refuses the URL before CSP runs or blocks it as mixed
// content only: that engine's policies were not tested.
func TestBlocksNeedsEveryEngineToTest(t *testing.T) {
	f := newFake(t)
	assert.False(t, csptest.BlocksConnect(f, "connect-src 'self'", page, "javascript:alert(1)"))
	require.Len(t, f.errors, 1)
	assert.Contains(t, f.errors[0], "is refused before CSP runs in Firefox (Firefox's fetch() rejects javascript: URLs), so the policies were not tested there")

	f = newFake(t)
	assert.False(t, csptest.BlocksLoad(f, "default-src 'self'", page, match.Worker, "https://evil.example/w.js"))
	require.Len(t, f.errors, 1)
	assert.Contains(t, f.errors[0], "test a target the worker constructor accepts (same origin as the page)")
	assert.NotContains(t, f.errors[0], "WithRequest")

	f = newFake(t)
	assert.True(t, csptest.BlocksConnect(f, "connect-src 'self'", page, "https://evil.example/"))
	assert.Empty(t, f.errors)
}

// TestMixedImagesAndMedia checks http: images and media on an https page,
// which Chromium and WebKit upgrade to https (images before the CSP check,
// media after checking the URL as written too) and Firefox checks as
// written and loads anyway: an assertion names the engine that disagrees.
func TestMixedImagesAndMedia(t *testing.T) {
	for _, dest := range []match.Destination{match.Image, match.Media} {
		f := newFake(t)
		assert.True(t, csptest.AllowsLoad(f, "default-src *", page, dest, "http://shop.example/logo.png"), dest)
		assert.Empty(t, f.errors)
	}
	f := newFake(t)
	assert.False(t, csptest.BlocksLoad(f, "default-src 'self'", page, match.Image, "http://shop.example/logo.png"))
	assert.False(t, csptest.AllowsLoad(f, "default-src 'self'", page, match.Image, "http://shop.example/logo.png"))
	require.Len(t, f.errors, 2)
	assert.Contains(t, f.errors[0], "is allowed by Chromium and WebKit (blocked by Firefox)")
	assert.Contains(t, f.errors[1], "does not go through in Firefox (it does in Chromium and WebKit)")
	f = newFake(t)
	assert.True(t, csptest.BlocksLoad(f, "default-src 'self'", page, match.Media, "http://shop.example/clip.mp4"), "media is checked as written first")
	assert.Empty(t, f.errors)
	f = newFake(t)
	assert.False(t, csptest.AllowsLoad(f, "default-src *", page, match.Track, "http://shop.example/captions.vtt"))
	require.Len(t, f.errors, 1)
	assert.Contains(t, f.errors[0], "block it as mixed content", "a text track is not upgraded")
	f = newFake(t)
	assert.True(t, csptest.BlocksLoad(f, "default-src 'self'", "http://shop.example/", match.Image, "http://evil.example/x.png"), "an http page has no mixed content")
	assert.True(t, csptest.BlocksLoad(f, "default-src 'self'", page, match.Script, "http://shop.example/a.js"), "scripts are not upgraded")
	assert.Empty(t, f.errors)
}
