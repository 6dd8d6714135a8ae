package report

import (
	"bytes"
	"net/http"
)

// NewReportURIRequest returns the POST that v.Engine sends to a report-uri
// endpoint for v, ready for a handler's ServeHTTP or an http.Client.
func NewReportURIRequest(endpoint string, v Violation) (*http.Request, error) {
	return newPost(endpoint, CSPReportType, v.ReportURIBody())
}

// NewReportToRequest returns the POST that delivers vs to a report-to
// endpoint through the Reporting API; userAgent is the reporting browser's
// User-Agent.
func NewReportToRequest(endpoint, userAgent string, vs ...Violation) (*http.Request, error) {
	req, err := newPost(endpoint, ReportsType, ReportToBody(userAgent, vs...))
	if err == nil && userAgent != "" {
		req.Header.Set("User-Agent", userAgent)
	}
	return req, err
}

func newPost(endpoint, contentType string, body []byte) (*http.Request, error) {
	req, err := http.NewRequest(http.MethodPost, endpoint, bytes.NewReader(body))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", contentType)
	return req, nil
}
