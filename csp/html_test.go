package csp_test

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cspkit/cspkit/csp"
)

const cspMeta = `<meta http-equiv="Content-Security-Policy" content="connect-src 'self'">`

func TestFromHTML(t *testing.T) {
	tests := []struct {
		name     string
		doc      string
		policies []string // each policy's String()
		codes    []csp.Code
	}{
		{"no meta", `<!doctype html><title>x</title><p>hi`, nil, nil},
		{"in head", `<!doctype html><html><head>` + cspMeta + `</head><body></body></html>`,
			[]string{"connect-src 'self'"}, nil},
		{"implied head", cspMeta + `<p>x`, []string{"connect-src 'self'"}, nil},
		{"after doctype and comments", "<!DOCTYPE html>\n<!-- c -->\n<html>\n<!-- d -->" + cspMeta,
			[]string{"connect-src 'self'"}, nil},
		{"http-equiv case-insensitive", `<META HTTP-EQUIV="content-SECURITY-policy" CONTENT="default-src https:">`,
			[]string{"default-src https:"}, nil},
		{"unquoted attributes and entities", `<meta http-equiv=content-security-policy content="connect-src &apos;self&apos; https://a.example">`,
			[]string{"connect-src 'self' https://a.example"}, nil},
		{"several metas in order", `<head>` + cspMeta + `<meta http-equiv="Content-Security-Policy" content="default-src 'none'"></head>`,
			[]string{"connect-src 'self'", "default-src 'none'"}, nil},
		{"other metas ignored", `<head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><meta http-equiv="refresh" content="5"></head>`,
			nil, nil},
		{"http-equiv with spaces is another pragma", `<meta http-equiv=" Content-Security-Policy" content="connect-src 'none'">`, nil, nil},
		{"first duplicate attribute wins", `<meta http-equiv="Content-Security-Policy" content="connect-src 'none'" content="connect-src *">`,
			[]string{"connect-src 'none'"}, nil},
		{"empty content has no effect", `<meta http-equiv="Content-Security-Policy" content="">`, nil, nil},
		{"no content has no effect", `<meta http-equiv="Content-Security-Policy">`, nil, nil},
		{"in body ignored", `<html><head></head><body>` + cspMeta + `</body>`, nil, []csp.Code{csp.MetaOutsideHead}},
		{"upper case in body", "<body><p>x</p><META\nHTTP-EQUIV=Content-Security-Policy content=\"connect-src *\"/>", nil, []csp.Code{csp.MetaOutsideHead}},
		{"look-alike tags in body", `<body><metadata http-equiv="Content-Security-Policy" content="connect-src *"></metadata><met>`, nil, nil},
		{"after text ignored", `<title>t</title>hello` + cspMeta, nil, []csp.Code{csp.MetaOutsideHead}},
		{"after a div in head ignored", `<head><div></div>` + cspMeta + `</head>`, nil, []csp.Code{csp.MetaOutsideHead}},
		{"between head and body still in head", `<head></head>` + cspMeta + `<body>`, []string{"connect-src 'self'"}, nil},
		{"after </br> ignored", `<head></br>` + cspMeta, nil, []csp.Code{csp.MetaOutsideHead}},
		{"inside template ignored", `<head><template><div>` + cspMeta + `</div></template></head>`, nil, []csp.Code{csp.MetaOutsideHead}},
		{"after template still in head", `<head><template><p>x</p></template>` + cspMeta + `</head>`, []string{"connect-src 'self'"}, nil},
		{"inside noscript is text", `<head><noscript>` + cspMeta + `</noscript></head>`, nil, nil},
		{"inside script is text", `<head><script>document.write('` + cspMeta + `')</script></head>`, nil, nil},
		{"inside comment", `<head><!-- ` + cspMeta + ` --></head>`, nil, nil},
		{"after style and link", `<head><style>p{}</style><link rel=stylesheet href=a.css><base href="/">` + cspMeta,
			[]string{"connect-src 'self'"}, nil},
		{"whitespace keeps head", "<head>\n\t " + cspMeta, []string{"connect-src 'self'"}, nil},
		{"frameset ends head", `<head></head><frameset>` + cspMeta, nil, []csp.Code{csp.MetaOutsideHead}},
		{"report-only ignored", `<meta http-equiv="Content-Security-Policy-Report-Only" content="connect-src 'none'">`,
			nil, []csp.Code{csp.MetaReportOnly}},
		{"dropped directives", `<meta http-equiv="Content-Security-Policy" content="connect-src 'self'; report-uri /r; frame-ancestors 'none'; sandbox">`,
			[]string{"connect-src 'self'"}, []csp.Code{csp.IgnoredInMeta, csp.IgnoredInMeta, csp.IgnoredInMeta}},
		{"only dropped directives", `<meta http-equiv="Content-Security-Policy" content="sandbox allow-scripts">`,
			nil, []csp.Code{csp.IgnoredInMeta}},
		{"comma splits as in Chromium", `<meta http-equiv="Content-Security-Policy" content="connect-src 'self', default-src 'none'">`,
			[]string{"connect-src 'self'", "default-src 'none'"}, []csp.Code{csp.CommaInMeta}},
		{"problems of the policy", `<meta http-equiv="Content-Security-Policy" content="conect-src 'self'">`,
			[]string{"conect-src 'self'"}, []csp.Code{csp.UnknownDirective}},
		{"malformed: unclosed attribute", `<head><meta http-equiv="Content-Security-Policy" content="connect-src 'self'`, nil, nil},
		{"malformed: stray tags", `<html><html></p></div><head><head>` + cspMeta + `</span></head>`, []string{"connect-src 'self'"}, nil},
		{"malformed: nul bytes", "\x00" + cspMeta, nil, []csp.Code{csp.MetaOutsideHead}},
		{"empty document", ``, nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l, err := csp.FromHTML(strings.NewReader(tt.doc))
			var got []string
			for _, p := range l.All() {
				got = append(got, p.String())
				assert.Equal(t, csp.Enforce, p.Disposition())
			}
			assert.Equal(t, tt.policies, got)
			assert.Equal(t, tt.codes, errCodes(err))
		})
	}
}

func errCodes(err error) []csp.Code {
	var pe *csp.ParseError
	if !errors.As(err, &pe) {
		return nil
	}
	var out []csp.Code
	for _, p := range pe.Problems {
		out = append(out, p.Code)
	}
	return out
}

func TestFromHTMLProblemPositions(t *testing.T) {
	doc := `<head><meta http-equiv="Content-Security-Policy" content="x-y"><meta http-equiv="content-security-policy" content="connect-src 'self';  report-uri /r"></head><body>` + cspMeta
	_, err := csp.FromHTML(strings.NewReader(doc))
	var pe *csp.ParseError
	require.ErrorAs(t, err, &pe)
	require.Len(t, pe.Problems, 3)
	assert.Equal(t, csp.Problem{Header: csp.MetaHeader, Field: 0, Policy: 0, Directive: "x-y", Token: "x-y",
		Code: csp.UnknownDirective, Message: `unknown directive "x-y" has no effect`}, pe.Problems[0])
	assert.Equal(t, csp.Problem{Header: csp.MetaHeader, Field: 1, Policy: 1, Directive: "report-uri", Token: "report-uri",
		Offset: len("connect-src 'self';  "), Code: csp.IgnoredInMeta, Message: `directive "report-uri" is ignored in a <meta> policy: deliver it in the Content-Security-Policy header`},
		pe.Problems[1])
	assert.Equal(t, csp.MetaOutsideHead, pe.Problems[2].Code)
	assert.Equal(t, 2, pe.Problems[2].Field)
	assert.Equal(t, -1, pe.Problems[2].Policy)
	at := strings.LastIndex(doc, "<meta")
	assert.Contains(t, pe.Problems[2].Message, fmt.Sprintf("byte %d of the document", at))
	assert.Equal(t, `meta[1] policy 1, report-uri, byte 21: directive "report-uri" is ignored in a <meta> policy: deliver it in the Content-Security-Policy header`,
		pe.Problems[1].String())
}

func TestFromHTMLReadError(t *testing.T) {
	boom := errors.New("boom")
	doc := `<head>` + cspMeta + `<meta http-equiv="Content-Security-Policy" content="sandbox">`
	r := io.MultiReader(strings.NewReader(doc), iotest.ErrReader(boom))
	l, err := csp.FromHTML(r)
	require.Error(t, err)
	assert.ErrorIs(t, err, boom)
	var he *csp.HTMLError
	require.ErrorAs(t, err, &he)
	assert.Equal(t, int64(len(doc)), he.Offset)
	assert.Equal(t, fmt.Sprintf("csp: reading HTML at byte %d: boom", len(doc)), he.Error())
	var pe *csp.ParseError
	require.ErrorAs(t, err, &pe, "the problems before the failure are kept")
	assert.True(t, pe.Has(csp.IgnoredInMeta))
	assert.Equal(t, 1, l.Len(), "the policies before the failure are kept")
}
