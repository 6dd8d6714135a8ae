package csp_test

import (
	"bytes"
	"compress/flate"
	"compress/gzip"
	"compress/zlib"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cspkit/cspkit/csp"
)

// closeRecorder is a body that records whether it was closed.
type closeRecorder struct {
	io.Reader
	closed bool
}

func (c *closeRecorder) Close() error { c.closed = true; return nil }

func response(h http.Header, body string) *http.Response {
	return &http.Response{StatusCode: 200, Header: h, Body: &closeRecorder{Reader: strings.NewReader(body)}}
}

func hdr(kv ...string) http.Header {
	h := http.Header{}
	for i := 0; i < len(kv); i += 2 {
		h.Add(kv[i], kv[i+1])
	}
	return h
}

func TestFromResponse(t *testing.T) {
	page := "<!doctype html><head>" + cspMeta + "</head><body>hello</body>"
	tests := []struct {
		name     string
		header   http.Header
		body     string
		policies []string // "enforce: ..." or "report: ..."
		codes    []csp.Code
	}{
		{"headers then meta", hdr("Content-Security-Policy", "default-src 'self'", "Content-Security-Policy-Report-Only", "connect-src 'none'",
			"Content-Type", "text/html; charset=utf-8"), page,
			[]string{"enforce: default-src 'self'", "report: connect-src 'none'", "enforce: connect-src 'self'"}, nil},
		{"content type case and parameters", hdr("Content-Type", "Text/HTML;Charset=UTF-8"), page, []string{"enforce: connect-src 'self'"}, nil},
		{"non-HTML body not read", hdr("Content-Type", "application/json", "Content-Security-Policy", "connect-src *"), page,
			[]string{"enforce: connect-src *"}, nil},
		{"xhtml is not HTML", hdr("Content-Type", "application/xhtml+xml"), page, nil, nil},
		{"bad content type", hdr("Content-Type", "text/html; ;;=="), page, nil, nil},
		{"sniffed HTML without content type", hdr(), page, []string{"enforce: connect-src 'self'"}, nil},
		{"no sniffing with nosniff", hdr("X-Content-Type-Options", "nosniff"), page, nil, nil},
		{"sniffed text", hdr(), "just text " + cspMeta, nil, nil},
		{"meta in body", hdr("Content-Type", "text/html"), "<body>" + cspMeta, nil, nil},
		{"multiple metas", hdr("Content-Type", "text/html"), "<head>" + cspMeta + strings.Replace(cspMeta, "'self'", "https:", 1),
			[]string{"enforce: connect-src 'self'", "enforce: connect-src https:"}, nil},
		{"malformed HTML", hdr("Content-Type", "text/html"), "<head><<meta http-equiv='Content-Security-Policy' content=\"connect-src 'none'\"<title>",
			nil, nil},
		{"meta problems", hdr("Content-Type", "text/html"), `<meta http-equiv="Content-Security-Policy" content="connect-src 'self'; report-uri /r">`,
			[]string{"enforce: connect-src 'self'"}, []csp.Code{csp.IgnoredInMeta}},
		{"header problems first", hdr("Content-Type", "text/html", "Content-Security-Policy", "conect-src 'self'"), `<meta http-equiv="Content-Security-Policy" content="sandbox">`,
			[]string{"enforce: conect-src 'self'"}, []csp.Code{csp.UnknownDirective, csp.IgnoredInMeta}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp := response(tt.header, tt.body)
			orig := resp.Body.(*closeRecorder)
			l, err := csp.FromResponse(resp)
			assert.Equal(t, tt.policies, describe(l))
			assert.Equal(t, tt.codes, errCodes(err))
			var he *csp.HTMLError
			assert.False(t, errors.As(err, &he), "no HTMLError: %v", err)

			body, err := io.ReadAll(resp.Body)
			require.NoError(t, err)
			assert.Equal(t, tt.body, string(body), "the body is still there for the caller")
			require.NoError(t, resp.Body.Close())
			assert.True(t, orig.closed, "closing the body closes the original")
		})
	}
}

func describe(l csp.List) []string {
	var out []string
	for _, p := range l.All() {
		out = append(out, p.Disposition().String()+": "+p.String())
	}
	return out
}

func TestFromResponseNoBody(t *testing.T) {
	for _, body := range []io.ReadCloser{nil, http.NoBody} {
		resp := &http.Response{Header: hdr("Content-Security-Policy", "connect-src 'self'", "Content-Type", "text/html"), Body: body}
		l, err := csp.FromResponse(resp)
		require.NoError(t, err)
		assert.Equal(t, []string{"enforce: connect-src 'self'"}, describe(l))
		assert.Equal(t, body, resp.Body, "a missing body is left alone")
	}
}

func TestFromResponseRecorder(t *testing.T) {
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Security-Policy", "default-src 'self'")
		io.WriteString(w, "<!doctype html><html><head>"+cspMeta+"</head><body></body></html>")
	})
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", "/", nil))
	l, err := csp.FromResponse(rec.Result())
	require.NoError(t, err)
	assert.Equal(t, []string{"enforce: default-src 'self'", "enforce: connect-src 'self'"}, describe(l))
}

func TestFromResponseEncoded(t *testing.T) {
	doc := "<head>" + cspMeta + "</head>"
	encode := map[string]func(io.Writer) io.WriteCloser{
		"gzip":    func(w io.Writer) io.WriteCloser { return gzip.NewWriter(w) },
		"x-gzip":  func(w io.Writer) io.WriteCloser { return gzip.NewWriter(w) },
		"deflate": func(w io.Writer) io.WriteCloser { return zlib.NewWriter(w) },
		"Deflate": func(w io.Writer) io.WriteCloser { fw, _ := flate.NewWriter(w, 5); return fw }, // raw deflate, as some servers send
	}
	for coding, enc := range encode {
		t.Run(coding, func(t *testing.T) {
			var b bytes.Buffer
			w := enc(&b)
			io.WriteString(w, doc)
			require.NoError(t, w.Close())
			encoded := b.String()
			resp := response(hdr("Content-Type", "text/html", "Content-Encoding", coding), encoded)
			l, err := csp.FromResponse(resp)
			require.NoError(t, err)
			assert.Equal(t, []string{"enforce: connect-src 'self'"}, describe(l))
			got, _ := io.ReadAll(resp.Body)
			assert.Equal(t, encoded, string(got), "the caller still reads the encoded body")
		})
	}
	t.Run("unsupported", func(t *testing.T) {
		resp := response(hdr("Content-Type", "text/html", "Content-Encoding", "br", "Content-Security-Policy", "connect-src 'none'"), "\x8b\x00")
		l, err := csp.FromResponse(resp)
		var he *csp.HTMLError
		require.ErrorAs(t, err, &he)
		assert.EqualError(t, err, `csp: reading HTML at byte 0: content encoding "br" is not supported; decode the body first`)
		assert.Equal(t, []string{"enforce: connect-src 'none'"}, describe(l), "header policies are still returned")
	})
	t.Run("corrupt gzip", func(t *testing.T) {
		resp := response(hdr("Content-Type", "text/html", "Content-Encoding", "gzip"), "not gzip at all")
		_, err := csp.FromResponse(resp)
		var he *csp.HTMLError
		require.ErrorAs(t, err, &he)
		assert.ErrorIs(t, err, gzip.ErrHeader)
	})
}

func TestFromResponseHugeBody(t *testing.T) {
	t.Run("long body after the head is not read", func(t *testing.T) {
		body := &countingBody{r: io.MultiReader(strings.NewReader("<head>"+cspMeta+"</head><body>"), neverEnding('x'))}
		resp := &http.Response{Header: hdr("Content-Type", "text/html"), Body: body}
		l, err := csp.FromResponse(resp)
		require.NoError(t, err)
		assert.Equal(t, []string{"enforce: connect-src 'self'"}, describe(l))
		assert.LessOrEqual(t, body.n, int64(64<<10), "reading stops soon after the head")
		prefix := make([]byte, 10)
		_, err = io.ReadFull(resp.Body, prefix)
		require.NoError(t, err)
		assert.Equal(t, "<head><met", string(prefix))
	})
	t.Run("head longer than the limit", func(t *testing.T) {
		head := "<head>" + cspMeta + "<script>" + strings.Repeat("/* long */\n", csp.MaxHTMLRead/10) + "</script>" + cspMeta
		resp := response(hdr("Content-Type", "text/html"), head+"</head>")
		l, err := csp.FromResponse(resp)
		var he *csp.HTMLError
		require.ErrorAs(t, err, &he)
		assert.ErrorIs(t, err, csp.ErrHeadTooLong)
		assert.Equal(t, []string{"enforce: connect-src 'self'"}, describe(l), "the policies before the limit are kept")
		got, err := io.ReadAll(resp.Body)
		require.NoError(t, err)
		assert.Equal(t, len(head)+len("</head>"), len(got), "the whole body is still readable")
	})
	t.Run("many small tokens past the limit", func(t *testing.T) {
		head := "<head>" + strings.Repeat("<link>", csp.MaxHTMLRead/6+10) + cspMeta
		_, err := csp.FromResponse(response(hdr("Content-Type", "text/html"), head))
		assert.ErrorIs(t, err, csp.ErrHeadTooLong)
	})
	t.Run("read error", func(t *testing.T) {
		boom := errors.New("connection reset")
		resp := &http.Response{Header: hdr("Content-Type", "text/html"),
			Body: io.NopCloser(io.MultiReader(strings.NewReader("<head>"+cspMeta), iotest.ErrReader(boom)))}
		l, err := csp.FromResponse(resp)
		assert.ErrorIs(t, err, boom)
		assert.Equal(t, 1, l.Len())
		got, err := io.ReadAll(resp.Body)
		assert.ErrorIs(t, err, boom, "the caller sees the same error")
		assert.Equal(t, "<head>"+cspMeta, string(got))
	})
}

type neverEnding byte

func (b neverEnding) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = byte(b)
	}
	return len(p), nil
}

type countingBody struct {
	r io.Reader
	n int64
}

func (c *countingBody) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

func (c *countingBody) Close() error { return nil }

func TestFromResponseProblemIndexes(t *testing.T) {
	resp := response(hdr("Content-Type", "text/html", "Content-Security-Policy", "conect-src 'self', img-src *"),
		`<meta http-equiv="Content-Security-Policy" content="connect-src 'self'; report-uri /r">`)
	l, err := csp.FromResponse(resp)
	require.Equal(t, 3, l.Len())
	var pe *csp.ParseError
	require.ErrorAs(t, err, &pe)
	require.Len(t, pe.Problems, 2)
	assert.Equal(t, csp.Header, pe.Problems[0].Header)
	assert.Equal(t, 0, pe.Problems[0].Policy)
	assert.Equal(t, csp.MetaHeader, pe.Problems[1].Header)
	assert.Equal(t, 2, pe.Problems[1].Policy, "meta policy indexes count the header policies before them")
	assert.Equal(t, "connect-src 'self'", l.Policy(pe.Problems[1].Policy).String())
}

func TestFromHTMLLimits(t *testing.T) {
	huge := `<meta http-equiv="Content-Security-Policy" content="connect-src` + strings.Repeat(" a", csp.DefaultMaxSources+1) + `">`
	doc := "<head>" + cspMeta + huge + cspMeta
	l, err := csp.FromHTML(strings.NewReader(doc))
	var le *csp.LimitError
	require.ErrorAs(t, err, &le)
	assert.Equal(t, "MaxSources", le.Limit)
	assert.Equal(t, csp.MetaHeader, le.Header)
	assert.Equal(t, 1, le.Field)
	require.Equal(t, 2, l.Len(), "the first meta, then the closed policy; later metas are ignored")
	assert.Equal(t, "connect-src 'self'", l.Policy(0).String())
	assert.True(t, csp.MustParse(csp.ClosedPolicy).Policy(0).Equal(l.Policy(1)))

	resp := response(hdr("Content-Type", "text/html", "Content-Security-Policy", "connect-src *"), doc)
	l, err = csp.FromResponse(resp)
	require.ErrorAs(t, err, &le)
	assert.Equal(t, 3, l.Len())
}
