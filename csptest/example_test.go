package csptest_test

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"

	"github.com/cspkit/cspkit/csptest"
	"github.com/cspkit/cspkit/match"
)

// printT prints what a helper reports, to show it here; in a test, pass
// the test's t.
type printT struct{}

func (printT) Helper() {}

func (printT) Errorf(format string, args ...any) { fmt.Printf(format+"\n", args...) }

func Example() {
	handler := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Security-Policy", "default-src 'self'; connect-src 'self' https://api.example.com wss://live.example.com")
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		io.WriteString(w, "<!doctype html><title>shop</title>")
	})
	rec := httptest.NewRecorder()
	handler.ServeHTTP(rec, httptest.NewRequest("GET", "/", nil))

	var t csptest.TB = printT{} // the test's t
	page := "https://shop.example.com/"
	ok := csptest.AllowsConnect(t, rec, page, "/api/cart", "https://api.example.com/v1/orders", "wss://live.example.com/feed")
	fmt.Println(ok)
	ok = csptest.BlocksConnect(t, rec, page, "https://evil.example/collect", "https://api.example.com.evil.example/")
	fmt.Println(ok)

	// Read the policies once for more assertions: about the policy
	// itself, with one engine only, or another kind of request.
	p := csptest.Of(t, rec)
	fmt.Println(p.WellFormed(), p.Forbids("connect-src", "*", "https:"))
	fmt.Println(p.In(match.Firefox).AllowsConnect(page, "wss://live.example.com/feed"))
	fmt.Println(p.With(match.WithRequest(match.Beacon)).BlocksConnect(page, "https://tracker.example/"))

	// A failure explains itself:
	p.AllowsConnect(page, "https://cdn.other.net/data.json")
	// Output:
	// true
	// true
	// true true
	// true
	// true
	// csptest.AllowsConnect: https://cdn.other.net/data.json is blocked by Chromium, Firefox and WebKit
	//   page:    https://shop.example.com/
	//   request: fetch
	//   policies (*httptest.ResponseRecorder):
	//     0 enforce: default-src 'self'; connect-src 'self' https://api.example.com wss://live.example.com
	//   Chromium, Firefox, WebKit: blocked: https://cdn.other.net/data.json
	//     policy 0 connect-src 'self' https://api.example.com wss://live.example.com: no source matches (page origin https://shop.example.com)
	//       to allow it, add https://cdn.other.net to connect-src (or, narrower, https://cdn.other.net/data.json)
}
