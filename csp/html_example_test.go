package csp_test

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"

	"github.com/cspkit/cspkit/csp"
)

func ExampleFromHTML() {
	doc := `<!doctype html>
<html><head>
<meta http-equiv="Content-Security-Policy" content="connect-src 'self'; report-uri /csp">
</head><body>
<meta http-equiv="Content-Security-Policy" content="connect-src *">
</body></html>`
	list, err := csp.FromHTML(strings.NewReader(doc))
	fmt.Println(list)
	if pe, ok := err.(*csp.ParseError); ok {
		for _, p := range pe.Problems {
			fmt.Println(p.Code)
		}
	}
	// Output:
	// connect-src 'self'
	// ignored-in-meta
	// meta-outside-head
}

func ExampleFromResponse() {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Security-Policy", "default-src 'self'")
		w.Header().Set("Content-Type", "text/html")
		io.WriteString(w, `<head><meta http-equiv="Content-Security-Policy" content="connect-src https://api.example.com"></head>`)
	}))
	defer srv.Close()

	resp, err := http.Get(srv.URL)
	if err != nil {
		panic(err)
	}
	defer resp.Body.Close()
	list, err := csp.FromResponse(resp)
	if err != nil {
		panic(err)
	}
	for _, p := range list.All() {
		fmt.Println(p.Disposition(), p)
	}
	body, _ := io.ReadAll(resp.Body) // the body is still there
	fmt.Println(len(body), "bytes")
	// Output:
	// enforce default-src 'self'
	// enforce connect-src https://api.example.com
	// 102 bytes
}
