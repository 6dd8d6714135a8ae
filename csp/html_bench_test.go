package csp_test

import (
	"bytes"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/cspkit/cspkit/csp"
)

// benchDoc is a typical page: a head with metadata, styles, scripts and a
// CSP <meta>, then a long body.
var benchDoc = func() string {
	var b strings.Builder
	b.WriteString("<!doctype html>\n<html lang=en><head><meta charset=utf-8><title>Shop</title>\n")
	for i := 0; i < 20; i++ {
		b.WriteString(`<link rel="preload" href="/static/app.css" as="style"><meta name="x" content="y">` + "\n")
	}
	b.WriteString(`<meta http-equiv="Content-Security-Policy" content="default-src 'self'; connect-src 'self' https://api.example.com">` + "\n")
	b.WriteString("<style>" + strings.Repeat("body{margin:0}\n", 200) + "</style>\n<script>" + strings.Repeat("var a=1;\n", 200) + "</script>\n")
	b.WriteString("</head><body>\n")
	for i := 0; i < 2000; i++ {
		b.WriteString(`<div class="item"><a href="/p/1">Product</a> <span>9.99</span></div>` + "\n")
	}
	b.WriteString("</body></html>\n")
	return b.String()
}()

func BenchmarkFromHTML(b *testing.B) {
	b.SetBytes(int64(len(benchDoc)))
	b.ReportAllocs()
	for b.Loop() {
		if l, _ := csp.FromHTML(strings.NewReader(benchDoc)); l.Len() != 1 {
			b.Fatal(l.Len())
		}
	}
}

func BenchmarkFromResponse(b *testing.B) {
	doc := []byte(benchDoc)
	h := http.Header{"Content-Type": {"text/html"}, "Content-Security-Policy": {"default-src 'self'"}}
	b.ReportAllocs()
	for b.Loop() {
		resp := &http.Response{Header: h, Body: io.NopCloser(bytes.NewReader(doc))}
		if l, _ := csp.FromResponse(resp); l.Len() != 2 {
			b.Fatal(l.Len())
		}
	}
}
