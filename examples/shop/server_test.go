package shop_test

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/unrolled/secure"

	"github.com/cspkit/cspkit/csp"
	"github.com/cspkit/cspkit/csptest"
	"github.com/cspkit/cspkit/examples/shop"
	"github.com/cspkit/cspkit/match"
	"github.com/cspkit/cspkit/report"
)

const page = "https://shop.example/"

func home(t *testing.T) *httptest.ResponseRecorder {
	rec := httptest.NewRecorder()
	shop.NewServer(nil).ServeHTTP(rec, httptest.NewRequest("GET", "/", nil))
	require.Equal(t, http.StatusOK, rec.Code)
	return rec
}

func TestConnections(t *testing.T) {
	rec := home(t)
	csptest.AllowsConnect(t, rec, page,
		"/api/cart",
		"https://api.payments.example/v1/charges",
		"wss://live.shop.example/stock",
	)
	csptest.BlocksConnect(t, rec, page,
		"https://evil.example/collect",
		"https://api.payments.example.evil.example/", // not a subdomain check by substring
		"http://api.payments.example/v1/charges",     // https only
		"ws://live.shop.example/stock",               // wss only
		"https://cdn.shop.example/data.json",         // other subdomains are not allowed
	)
	// Beacons and pings are connect-src requests too.
	csptest.Of(t, rec).With(match.WithRequest(match.Beacon)).BlocksConnect(page, "https://tracker.example/")
}

func TestPerEngine(t *testing.T) {
	rec := home(t)
	p := csptest.Of(t, rec)
	for _, e := range match.Browsers() {
		p.In(e).AllowsConnect(page, "wss://live.shop.example/stock")
	}
}

// A real server and a real client: the policy arrives over HTTP.
func TestOverTheWire(t *testing.T) {
	srv := httptest.NewServer(shop.NewServer(nil))
	defer srv.Close()
	resp, err := http.Get(srv.URL)
	require.NoError(t, err)
	defer resp.Body.Close()

	csptest.AllowsConnect(t, resp, srv.URL, "/api/cart")
	csptest.BlocksConnect(t, resp, srv.URL, "https://evil.example/")

	// The nonce changes per response, and the report-only policy is there.
	list := csptest.Of(t, resp).List()
	require.Equal(t, 2, list.Len())
	assert.Equal(t, csp.ReportOnly, list.Policy(1).Disposition())
	doc := make([]byte, 15)
	_, err = resp.Body.Read(doc)
	require.NoError(t, err)
	assert.Equal(t, "<!doctype html>", string(doc), "csptest leaves the body readable")
}

// The report endpoint accepts what browsers send when the report-only
// policy is violated.
func TestReportEndpoint(t *testing.T) {
	list := csptest.Of(t, home(t)).List()
	d, err := match.Connect(list, page, "https://api.payments.example/v1/charges")
	require.NoError(t, err)
	require.True(t, d.Allowed, "the enforced policy allows it")
	var violations []report.Violation
	for _, e := range match.Browsers() { // each browser sends its own report
		vs, err := report.Violations(d, report.ForEngine(e))
		require.NoError(t, err)
		violations = append(violations, vs...)
	}
	require.Len(t, violations, 3, "the report-only policy reports it, in each browser")

	reports := make(chan []byte, len(violations))
	srv := shop.NewServer(reports)
	for _, v := range violations {
		require.Equal(t, csp.ReportOnly, v.Disposition)
		require.Equal(t, []string{"https://shop.example/csp-report"}, v.ReportURIs)
		req, err := report.NewReportURIRequest(v.ReportURIs[0], v)
		require.NoError(t, err)
		rec := httptest.NewRecorder()
		srv.ServeHTTP(rec, req)
		assert.Equal(t, http.StatusNoContent, rec.Code, "%s: %s", v.Engine, rec.Body)

		var got struct {
			Report map[string]any `json:"csp-report"`
		}
		require.NoError(t, json.Unmarshal(<-reports, &got))
		assert.Equal(t, "https://api.payments.example/v1/charges", got.Report["blocked-uri"])
		assert.Equal(t, "connect-src", got.Report["effective-directive"])
	}
}

// secure formats both policies with fmt.Sprintf when either has $NONCE; the
// report-only policy below lacks it, so its report-uri gets mangled. The
// violation reports show where they would really be sent.
func TestNonceOnlyInOnePolicy(t *testing.T) {
	mw := secure.New(secure.Options{
		ContentSecurityPolicy:           "script-src $NONCE",
		ContentSecurityPolicyReportOnly: "connect-src 'self'; report-uri /csp-report",
	})
	rec := httptest.NewRecorder()
	mw.Handler(http.NotFoundHandler()).ServeHTTP(rec, httptest.NewRequest("GET", "/", nil))
	list := csptest.Of(t, rec).List()
	d, err := match.Connect(list, page, "https://evil.example/")
	require.NoError(t, err)
	vs, err := report.Violations(d, report.ForEngine(match.Chromium))
	require.NoError(t, err)
	require.NotEmpty(t, vs)
	assert.Equal(t, "https://shop.example/csp-report%!(EXTRA", vs[0].ReportURIs[0])
}
