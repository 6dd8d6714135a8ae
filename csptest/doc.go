// Package csptest checks a server's Content Security Policy in Go tests, in
// the manner of net/http/httptest: give it what your handler returned and
// say which connections the page must and must not be able to make.
//
//	rec := httptest.NewRecorder()
//	handler.ServeHTTP(rec, httptest.NewRequest("GET", "/", nil))
//	csptest.AllowsConnect(t, rec, "https://shop.example/", "/api/cart", "https://api.stripe.com/v1/tokens")
//	csptest.BlocksConnect(t, rec, "https://shop.example/", "https://evil.example/collect")
//
// The policies are read from the source given: an http.Header, an
// *http.Response or *httptest.ResponseRecorder (headers and, for an HTML
// body, <meta http-equiv> policies in its head; the body stays readable),
// a csp.List, or a string holding a Content-Security-Policy header value.
//
// By default every browser engine decides (Chromium, Firefox and WebKit),
// and AllowsConnect passes only when all of them allow each target, so a
// policy that works in one browser and fails in another fails the test.
// In and With choose engines and other match options:
//
//	csptest.In(match.Firefox).AllowsConnect(t, rec, page, "wss://push.example/")
//	csptest.With(match.WithRequest(match.Beacon)).BlocksConnect(t, rec, page, "https://tracker.example/")
//
// A failure is reported with t.Errorf at the caller's line (the helpers
// call t.Helper) and explains itself: the page, every policy, the deciding
// directive, the closest source expressions and what would allow the
// target, each engine's verdict, and the problems found while parsing.
//
// # With testify
//
// The helpers report their own failures and, like testify's assert
// functions, return whether they passed, so they sit among assert calls
// unchanged:
//
//	assert.Equal(t, http.StatusOK, rec.Code)
//	csptest.AllowsConnect(t, rec, page, "/api")
//
// For require's stop-at-first-failure behaviour, stop on a false result:
//
//	if !csptest.AllowsConnect(t, rec, page, "/api") {
//		t.FailNow()
//	}
//
// Wrapping a helper in assert.True or require.True works as well, but adds
// a second, uninformative "Should be true" failure after the explanation.
package csptest
