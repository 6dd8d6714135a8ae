package myapp_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/cspkit/cspkit/csptest"
	"github.com/cspkit/cspkit/match"
)

// newHandler stands for your application's handler.
func newHandler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Security-Policy", "default-src 'self'; connect-src 'self' https://api.example.com")
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		io.WriteString(w, "<!doctype html><title>app</title>")
	})
}

func TestCSP(t *testing.T) {
	rec := httptest.NewRecorder()
	newHandler().ServeHTTP(rec, httptest.NewRequest("GET", "/", nil))

	page := "https://app.example.com/" // where the page is served in production
	csptest.AllowsConnect(t, rec, page, "/api/items", "https://api.example.com/v1/items")
	csptest.BlocksConnect(t, rec, page,
		"https://evil.example/collect",
		"https://api.example.com.evil.example/", // a look-alike host
		"http://api.example.com/v1/items",       // plain http
	)

	// Browsers do not let an https:// source cover wss://: a WebSocket to
	// the API needs its own wss://api.example.com source.
	csptest.BlocksConnect(t, rec, page, "wss://api.example.com/live")

	// One engine only, or another kind of request:
	csptest.In(match.Firefox).AllowsConnect(t, rec, page, "https://api.example.com/v1/items")
	csptest.With(match.WithRequest(match.Beacon)).AllowsConnect(t, rec, page, "/api/log")
}
