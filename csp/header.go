package csp

import "net/http"

// FromHeader parses every Content-Security-Policy field of h (disposition
// Enforce) followed by every Content-Security-Policy-Report-Only field
// (disposition ReportOnly), each field in order. Several fields are equivalent
// to one field with their values joined by commas. Problems name the field
// they come from.
func FromHeader(h http.Header) (List, error) {
	return Limits{}.FromHeader(h)
}
