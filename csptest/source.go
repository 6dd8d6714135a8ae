package csptest

import (
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/cspkit/cspkit/csp"
)

// policies is what a source holds.
type policies struct {
	list     csp.List
	from     string   // what the policies were read from, for messages
	problems []string // parse problems and limit errors, for messages
	err      error    // reading failed: the list may lack policies
}

// Policies returns the policies of src, which is an http.Header, an
// *http.Response, an *httptest.ResponseRecorder, a csp.List or a string
// holding a Content-Security-Policy header value (see the package
// documentation). It reports an unsupported src, or a response whose body
// could not be read for <meta> policies, as a test error. Parse problems
// do not fail the test: browsers ignore what they report.
func Policies(t testing.TB, src any) csp.List {
	t.Helper()
	p := read(src)
	if p.err != nil {
		t.Errorf("csptest.Policies: %v", p.err)
	}
	return p.list
}

func read(src any) policies {
	var p policies
	var err error
	switch s := src.(type) {
	case http.Header:
		p.from = "http.Header"
		p.list, err = csp.FromHeader(s)
	case *http.Response:
		if s == nil {
			return policies{err: errors.New("source is a nil *http.Response")}
		}
		p.from = "*http.Response"
		p.list, err = csp.FromResponse(s)
	case *httptest.ResponseRecorder:
		if s == nil {
			return policies{err: errors.New("source is a nil *httptest.ResponseRecorder")}
		}
		p.from = "*httptest.ResponseRecorder"
		p.list, err = csp.FromResponse(s.Result())
	case csp.List:
		p.from = "csp.List"
		p.list = s
	case string:
		p.from = "header value"
		p.list, err = csp.Parse(s)
	default:
		return policies{err: fmt.Errorf("unsupported source type %T: want http.Header, *http.Response, *httptest.ResponseRecorder, csp.List or string", src)}
	}
	p.classify(err)
	return p
}

// classify keeps parse problems and limit errors as notes and anything
// else as the reading error.
func (p *policies) classify(err error) {
	if err == nil {
		return
	}
	errs := []error{err}
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		errs = j.Unwrap()
	}
	var fatal []error
	for _, e := range errs {
		var pe *csp.ParseError
		var le *csp.LimitError
		switch {
		case errors.As(e, &pe):
			for _, pr := range pe.Problems {
				p.problems = append(p.problems, fmt.Sprintf("%s [%s]", pr, pr.Code))
			}
		case errors.As(e, &le):
			p.problems = append(p.problems, le.Error())
		default:
			fatal = append(fatal, e)
		}
	}
	if len(fatal) > 0 {
		p.err = fmt.Errorf("reading the policies of the %s: %w", p.from, errors.Join(fatal...))
	}
}
