package csptest

import (
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"

	"github.com/cspkit/cspkit/csp"
)

// Source is the set of things the policies of a page can be read from: an
// http.Header, an *http.Response or *httptest.ResponseRecorder (its
// headers and, for an HTML body, the <meta http-equiv> policies of its
// head; the body stays readable), a csp.List, or a string holding a
// Content-Security-Policy header value.
type Source interface {
	http.Header | *http.Response | *httptest.ResponseRecorder | csp.List | string
}

// read returns the policies of src, what they were read from, the parse
// problems (each a line for messages), and an error when reading failed
// (the list may then lack policies).
func read(src any) (list csp.List, from string, problems []string, err error) {
	switch s := src.(type) {
	case http.Header:
		from = "http.Header"
		list, err = csp.FromHeader(s)
	case *http.Response:
		from = "*http.Response"
		if s == nil {
			return list, from, nil, errors.New("source is a nil *http.Response")
		}
		list, err = csp.FromResponse(s)
	case *httptest.ResponseRecorder:
		from = "*httptest.ResponseRecorder"
		if s == nil {
			return list, from, nil, errors.New("source is a nil *httptest.ResponseRecorder")
		}
		list, err = csp.FromResponse(s.Result())
	case csp.List:
		from = "csp.List"
		list = s
	case string:
		from = "header value"
		list, err = csp.Parse(s)
	}
	problems, err = classify(err)
	if err != nil {
		err = fmt.Errorf("reading the policies of the %s: %w", from, err)
	}
	return list, from, problems, err
}

// classify separates parse problems (and exceeded limits, which replace a
// header by csp.ClosedPolicy) from errors that mean the policies could not
// be read.
func classify(err error) ([]string, error) {
	if err == nil {
		return nil, nil
	}
	errs := []error{err}
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		errs = j.Unwrap()
	}
	var problems []string
	var fatal []error
	for _, e := range errs {
		var pe *csp.ParseError
		var le *csp.LimitError
		switch {
		case errors.As(e, &pe):
			for _, p := range pe.Problems {
				problems = append(problems, fmt.Sprintf("%s [%s]", p, p.Code))
			}
		case errors.As(e, &le):
			problems = append(problems, le.Error()+" (csp.ClosedPolicy stands in for the header)")
		default:
			fatal = append(fatal, e)
		}
	}
	return problems, errors.Join(fatal...)
}
