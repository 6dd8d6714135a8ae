package csp

import "strconv"

// Disposition says whether a policy is enforced or only reported.
type Disposition uint8

const (
	// Enforce policies (the Content-Security-Policy header) block requests
	// that violate them.
	Enforce Disposition = iota
	// ReportOnly policies (Content-Security-Policy-Report-Only) never block;
	// their violations are only reported.
	ReportOnly
)

// String returns "enforce" or "report", the names CSP violation reports use.
func (d Disposition) String() string {
	switch d {
	case Enforce:
		return "enforce"
	case ReportOnly:
		return "report"
	}
	return "Disposition(" + strconv.Itoa(int(d)) + ")"
}

// HeaderName returns the response header that delivers policies with
// disposition d.
func (d Disposition) HeaderName() string {
	if d == ReportOnly {
		return HeaderReportOnly
	}
	return Header
}

// The response header names that carry policies.
const (
	Header           = "Content-Security-Policy"
	HeaderReportOnly = "Content-Security-Policy-Report-Only"
)
