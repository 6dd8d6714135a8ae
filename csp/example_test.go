package csp_test

import (
	"errors"
	"fmt"
	"net/http"

	"github.com/cspkit/cspkit/csp"
)

func ExampleParse() {
	l, err := csp.Parse("default-src 'self'; CONNECT-SRC https://api.example.com wss://ws.example.com, conect-src *")
	for i, p := range l.All() {
		fmt.Printf("policy %d (%s):\n", i, p.Disposition())
		for d := range p.Directives() {
			fmt.Printf("  %s = %q\n", d.Name(), d.Value())
		}
	}
	var pe *csp.ParseError
	if errors.As(err, &pe) {
		for _, p := range pe.Problems {
			fmt.Println(p.Code, "-", p)
		}
	}
	// Output:
	// policy 0 (enforce):
	//   default-src = "'self'"
	//   connect-src = "https://api.example.com wss://ws.example.com"
	// policy 1 (enforce):
	//   conect-src = "*"
	// unknown-directive - policy 1, conect-src, byte 78: unknown directive "conect-src" has no effect (did you mean "connect-src"?)
}

func ExampleFromHeader() {
	h := http.Header{}
	h.Add("Content-Security-Policy", "default-src 'self'")
	h.Add("Content-Security-Policy-Report-Only", "img-src https:; upgrade-insecure-requests")
	l, err := csp.FromHeader(h)
	for i, p := range l.All() {
		fmt.Printf("%d %s: %s\n", i, p.Disposition().HeaderName(), p)
	}
	fmt.Println(err)
	// Output:
	// 0 Content-Security-Policy: default-src 'self'
	// 1 Content-Security-Policy-Report-Only: img-src https:; upgrade-insecure-requests
	// csp: Content-Security-Policy-Report-Only[0] policy 1, upgrade-insecure-requests, byte 16: directive "upgrade-insecure-requests" is ignored in a report-only policy
}
