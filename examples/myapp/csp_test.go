package myapp_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/cspkit/cspkit/csptest"
	"github.com/cspkit/cspkit/lint"
	"github.com/cspkit/cspkit/match"
)

// newHandler stands for your application's handler.
func newHandler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Security-Policy",
			"default-src 'self'; connect-src 'self' https://api.example.com; object-src 'none'; base-uri 'none'")
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		io.WriteString(w, "<!doctype html><title>app</title>")
	})
}

func TestCSP(t *testing.T) {
	rec := httptest.NewRecorder()
	newHandler().ServeHTTP(rec, httptest.NewRequest("GET", "/", nil))

	// The policy itself: delivered, enforced exactly as written, with the
	// directives a strict policy has, and nothing lint rates medium or
	// above (lint rates connections, inline scripts and eval, sources
	// that load from anywhere in every fetch directive, and sources
	// written like typos; a misspelt directive name is WellFormed's).
	p := csptest.Of(t, rec)
	p.WellFormed()
	p.Requires("object-src", "base-uri")
	p.Forbids("script-src", "'unsafe-inline'", "*", "https:")
	p.PassesLint(lint.Medium)

	// What the page may connect to, and what it may not: test both, since
	// a policy that allows everything passes any "allows" test.
	page := "https://app.example.com/" // where the page is served in production
	p.AllowsConnect(page, "/api/items", "https://api.example.com/v1/items")
	p.BlocksConnect(page,
		"https://evil.example/collect",
		"https://api.example.com.evil.example/", // a look-alike host
		"http://api.example.com/v1/items",       // plain http
	)

	// Browsers do not let an https:// source cover wss://: a WebSocket to
	// the API needs its own wss://api.example.com source.
	p.BlocksConnect(page, "wss://api.example.com/live")

	// One engine only, or another kind of request:
	p.In(match.Firefox).AllowsConnect(page, "https://api.example.com/v1/items")
	p.With(match.WithRequest(match.Beacon)).AllowsConnect(page, "/api/log")

	// Scripts, images, frames...: default-src 'self' decides them here.
	p.AllowsLoad(page, match.Script, "/static/app.js")
	p.BlocksLoad(page, match.Script, "https://cdn.evil.example/x.js")
	p.BlocksLoad(page, match.Object, "/plugin.swf") // object-src 'none'
}
