package report_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"

	"github.com/cspkit/cspkit/csp"
	"github.com/cspkit/cspkit/match"
	"github.com/cspkit/cspkit/report"
)

// Test a report endpoint with the exact body Chromium would POST to it.
func Example() {
	list := csp.MustParse("default-src 'self'; report-uri /csp-reports")
	d, err := match.Connect(list, "https://shop.example/cart", "https://evil.example/steal?c=1#x",
		match.WithEngine(match.Chromium))
	if err != nil {
		panic(err)
	}
	vs, err := report.Violations(d)
	if err != nil {
		panic(err)
	}
	v := vs[0]
	fmt.Println(v.ReportURIs[0])
	fmt.Println(string(v.ReportURIBody()))

	endpoint := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusNoContent)
	})
	req, err := report.NewReportURIRequest(v.ReportURIs[0], v)
	if err != nil {
		panic(err)
	}
	rec := httptest.NewRecorder()
	endpoint.ServeHTTP(rec, req)
	fmt.Println(rec.Code)
	// Output:
	// https://shop.example/csp-reports
	// {"csp-report":{"document-uri":"https://shop.example/cart","referrer":"","violated-directive":"connect-src","effective-directive":"connect-src","original-policy":"default-src 'self'; report-uri /csp-reports","disposition":"enforce","blocked-uri":"https://evil.example/steal?c=1","status-code":200,"script-sample":""}}
	// 204
}
