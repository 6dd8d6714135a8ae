// Package shop is a small web shop whose Content-Security-Policy is set by
// the github.com/unrolled/secure middleware. Its tests show how to check a
// real server's policy with csptest.
package shop

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"

	"github.com/unrolled/secure"
)

// Policy is the shop's Content-Security-Policy; secure replaces $NONCE
// with a fresh nonce on every response.
const Policy = "default-src 'self'; script-src 'self' $NONCE; " +
	"connect-src 'self' https://api.payments.example wss://live.shop.example; " +
	"img-src 'self' data:; report-uri /csp-report"

// ReportOnlyPolicy is the stricter policy the shop tries out before
// enforcing it: no third-party connections at all. It carries $NONCE too:
// secure v1.17.0 formats both policies with the nonce when either has it,
// and a policy without the placeholder gets "%!(EXTRA string=...)" appended
// (TestNonceOnlyInOnePolicy shows it).
const ReportOnlyPolicy = "script-src 'self' $NONCE; connect-src 'self'; report-uri /csp-report"

// NewServer returns the shop's handler: the home page, a JSON API and a CSP
// report endpoint, behind the secure middleware.
func NewServer(reports chan<- []byte) http.Handler {
	mw := secure.New(secure.Options{
		ContentSecurityPolicy:           Policy,
		ContentSecurityPolicyReportOnly: ReportOnlyPolicy,
		FrameDeny:                       true,
		ContentTypeNosniff:              true,
	})
	mux := http.NewServeMux()
	mux.HandleFunc("GET /{$}", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprintf(w, `<!doctype html>
<html><head><title>Shop</title>
<script nonce="%s">
fetch("/api/cart").then(r => r.json());
new WebSocket("wss://live.shop.example/stock");
</script>
</head><body><h1>Shop</h1></body></html>
`, secure.CSPNonce(r.Context()))
	})
	mux.HandleFunc("GET /api/cart", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(map[string]any{"items": []string{}})
	})
	mux.HandleFunc("POST /csp-report", func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Content-Type") != "application/csp-report" {
			http.Error(w, "want application/csp-report", http.StatusUnsupportedMediaType)
			return
		}
		body, err := io.ReadAll(io.LimitReader(r.Body, 64<<10))
		var report struct {
			Report map[string]any `json:"csp-report"`
		}
		if err != nil || json.Unmarshal(body, &report) != nil || report.Report == nil {
			http.Error(w, "not a CSP report", http.StatusBadRequest)
			return
		}
		if reports != nil {
			reports <- body
		}
		w.WriteHeader(http.StatusNoContent)
	})
	return mw.Handler(mux)
}
