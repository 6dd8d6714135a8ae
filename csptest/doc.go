// Package csptest checks a server's Content Security Policy in Go tests, in
// the manner of net/http/httptest: give it what your handler returned and
// say which connections the page must and must not be able to make, and
// what the policy itself must look like.
//
//	rec := httptest.NewRecorder()
//	handler.ServeHTTP(rec, httptest.NewRequest("GET", "/", nil))
//	csptest.AllowsConnect(t, rec, "https://shop.example/", "/api/cart", "https://api.stripe.com/v1/tokens")
//	csptest.BlocksConnect(t, rec, "https://shop.example/", "https://evil.example/collect")
//
// The policies are read from a Source: an http.Header, an *http.Response or
// *httptest.ResponseRecorder (headers and, for an HTML body, <meta
// http-equiv> policies in its head; the body stays readable), a csp.List,
// or a string holding a Content-Security-Policy header value. Any other
// type does not compile.
//
// Of reads them once for several assertions, about requests and about the
// policy itself:
//
//	p := csptest.Of(t, rec)
//	p.WellFormed()                                         // delivered, and enforced exactly as written
//	p.Requires("object-src", "base-uri", "frame-ancestors")
//	p.Forbids("script-src", "'unsafe-inline'", "*", "https:")
//	p.PassesLint(lint.Medium)
//	p.In(match.Firefox).AllowsConnect(page, "wss://push.example/")
//	p.BlocksLoad(page, match.Form, "https://evil.example/collect")   // form-action
//	p.NotEmbeddableBy(page, "https://evil.example/")                   // frame-ancestors
//	p.With(match.WithRequest(match.Beacon)).BlocksConnect(page, "https://tracker.example/")
//
// By default every browser engine decides (Chromium, Firefox and WebKit),
// and AllowsConnect passes only when the request goes through in all of
// them (match.Decision.Allowed: not refused before CSP runs, allowed by
// every enforced policy, not blocked as mixed content), so a policy that
// works in one browser and fails in another fails the test.
//
// No assertion passes without testing something. A target must be an
// absolute URL or an explicit relative reference ("/api", "./x"): the typo
// "api.example.com/v1" fails rather than being checked as a path on the
// page's host. AllowsConnect fails when no enforced policy restricts
// connect requests, since it would pass for any target (a route that
// forgot its security middleware); assert that with Unrestricted when it is
// meant. BlocksConnect fails for a request that is refused before CSP runs
// or blocked only as mixed content, since the policies were not tested.
// Pair AllowsConnect with BlocksConnect: a test that only checks what is
// allowed passes for a policy that allows everything.
//
// A failure is reported with Errorf at the caller's line (the helpers call
// Helper) and explains itself: the page, every policy, each engine's
// verdict with the deciding directive, the closest source expressions and
// what would allow the target, and the parse problems (what browsers drop
// or ignore). A passing assertion logs those problems with Logf when the
// test's TB has it (go test -v shows them).
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
// For require's stop-at-first-failure behavior, stop on a false result:
//
//	if !csptest.AllowsConnect(t, rec, page, "/api") {
//		t.FailNow()
//	}
//
// Wrapping a helper in assert.True or require.True works as well, but adds
// a second, uninformative "Should be true" failure after the explanation.
// The helpers need only Helper and Errorf of their TB, so the T of other
// test frameworks works too.
package csptest
