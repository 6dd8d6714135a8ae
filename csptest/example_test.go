package csptest_test

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/cspkit/cspkit/csptest"
	"github.com/cspkit/cspkit/match"
)

// printT prints what a helper reports, to show it here; in a test, pass
// the test's t.
type printT struct{ testing.TB }

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

	var t testing.TB = printT{} // the test's t
	page := "https://shop.example.com/"
	ok := csptest.AllowsConnect(t, rec, page, "/api/cart", "https://api.example.com/v1/orders", "wss://live.example.com/feed")
	fmt.Println(ok)
	ok = csptest.BlocksConnect(t, rec, page, "https://evil.example/collect", "http://api.example.com/v1/orders")
	fmt.Println(ok)
	// One engine only, or another kind of request:
	ok = csptest.In(match.Firefox).AllowsConnect(t, rec, page, "wss://live.example.com/feed")
	fmt.Println(ok)
	ok = csptest.With(match.WithRequest(match.Beacon)).BlocksConnect(t, rec, page, "https://tracker.example/")
	fmt.Println(ok)

	// A failure explains itself:
	csptest.AllowsConnect(t, rec, page, "https://cdn.other.net/data.json")
	// Output:
	// true
	// true
	// true
	// true
	// csptest.AllowsConnect: https://cdn.other.net/data.json is blocked by Chromium, Firefox and WebKit
	//   page:    https://shop.example.com/
	//   request: fetch
	//   policies (*httptest.ResponseRecorder):
	//     0 enforce: default-src 'self'; connect-src 'self' https://api.example.com wss://live.example.com
	//   Chromium, Firefox, WebKit: blocked
	//     policy 0 (enforce) connect-src 'self' https://api.example.com wss://live.example.com; no source matches
	//       to allow it, add https://cdn.other.net/data.json to connect-src
}
