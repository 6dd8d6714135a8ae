package csp

import (
	"bytes"
	"compress/flate"
	"compress/gzip"
	"compress/zlib"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strings"
)

// MaxHTMLRead is the most bytes of a response body FromResponse reads
// looking for <meta> policies: 4 MiB.
const MaxHTMLRead = 4 << 20

// FromResponse returns every policy a browser applies to the page in resp:
// those of the Content-Security-Policy and
// Content-Security-Policy-Report-Only headers (as FromHeader), followed
// by those of <meta http-equiv="Content-Security-Policy"> elements in the
// body's <head> (as FromHTML) when the body is HTML.
//
// The body is HTML when Content-Type is text/html, or when Content-Type is
// absent and the first bytes look like HTML (unless the response has
// X-Content-Type-Options: nosniff). A gzip- or deflate-encoded body is
// decoded for reading. Other bodies are not read.
//
// The body is not consumed: FromResponse reads at most MaxHTMLRead bytes
// of it, then replaces resp.Body with a ReadCloser that returns the bytes
// read followed by the rest, and closes the original body. When the head
// goes on past MaxHTMLRead bytes, err includes an *HTMLError with cause
// ErrHeadTooLong, as <meta> policies may be missing from the List.
//
// err is a *ParseError for problems in the policies, an *HTMLError when
// the body cannot be read, or both joined (use errors.As); the List is
// usable in every case.
func FromResponse(resp *http.Response) (List, error) {
	if resp == nil {
		return List{}, errNilResponse
	}
	hl, herr := FromHeader(resp.Header)
	ml, merr := metaFromBody(resp)
	return joinResults(hl, herr, ml, merr)
}

// metaFromBody returns the <meta> policies of resp's body, leaving the
// body readable.
func metaFromBody(resp *http.Response) (List, error) {
	s := newHeadScanner()
	if resp.Body == nil || resp.Body == http.NoBody {
		return List{}, nil
	}
	var buf bytes.Buffer
	orig := resp.Body
	tee := io.TeeReader(io.LimitReader(orig, MaxHTMLRead+1), &buf)
	resp.Body = &replayBody{r: io.MultiReader(&buf, orig), c: orig}
	isHTML, r, err := htmlBody(resp.Header, tee)
	switch {
	case err != nil:
		s.err = &HTMLError{Err: err}
	case isHTML:
		var n int64
		s.scan(countingReader{r: io.LimitReader(r, MaxHTMLRead+1), n: &n}, true, MaxHTMLRead)
		if s.mode != done && (n > MaxHTMLRead || buf.Len() > MaxHTMLRead) {
			s.err = &HTMLError{Offset: s.pos, Err: ErrHeadTooLong}
		}
		if buf.Len() == 0 && bodyExpected(resp) {
			s.err = &HTMLError{Err: ErrBodyRead}
		}
	}
	return s.result()
}

var errNilResponse = errors.New("csp: FromResponse of a nil *http.Response")

// ErrBodyRead is the cause of an HTMLError when an HTML response should
// have a body but none is left to read: it was most likely read already,
// so its <meta> policies are missing from the List. A response should have
// a body when its Content-Length says so, or when its length is unknown
// (chunked, or an httptest.ResponseRecorder's) and its status allows one
// (not 1xx, 204 or 304) for a request other than HEAD: an empty HTML page
// counts as drained.
var ErrBodyRead = errors.New("the HTML body is empty: was it read before? <meta> policies may be missing")

// bodyExpected reports whether resp should have a body (see ErrBodyRead).
func bodyExpected(resp *http.Response) bool {
	switch {
	case resp.ContentLength > 0:
		return true
	case resp.ContentLength == 0:
		return false
	case resp.StatusCode/100 == 1 || resp.StatusCode == http.StatusNoContent || resp.StatusCode == http.StatusNotModified:
		return false
	case resp.Request != nil && resp.Request.Method == http.MethodHead:
		return false
	}
	return true
}

// joinResults joins two lists and their errors, as if one call had made
// them: the problems of both *ParseErrors go into one, with the second's
// policy indexes shifted after the first list.
func joinResults(first List, ferr error, second List, serr error) (List, error) {
	var problems []Problem
	var others []error
	take := func(err error, shift int) {
		errs := []error{err}
		if j, ok := err.(interface{ Unwrap() []error }); ok {
			errs = j.Unwrap()
		}
		for _, e := range errs {
			pe, ok := e.(*ParseError)
			if !ok {
				if e != nil {
					others = append(others, e)
				}
				continue
			}
			for _, p := range pe.Problems {
				if p.Policy >= 0 {
					p.Policy += shift
				}
				problems = append(problems, p)
			}
		}
	}
	take(ferr, 0)
	take(serr, first.Len())
	if len(problems) > 0 {
		others = append([]error{&ParseError{Problems: problems}}, others...)
	}
	return Join(first, second), joinErrors(others...)
}

// countingReader counts the bytes read through it in *n.
type countingReader struct {
	r io.Reader
	n *int64
}

func (c countingReader) Read(b []byte) (int, error) {
	n, err := c.r.Read(b)
	*c.n += int64(n)
	return n, err
}

// htmlBody reports whether the body read from r is HTML and returns a
// reader of its decoded bytes.
func htmlBody(h http.Header, r io.Reader) (bool, io.Reader, error) {
	ct := h.Get("Content-Type")
	var sniff []byte
	if ct == "" {
		if strings.EqualFold(strings.TrimSpace(h.Get("X-Content-Type-Options")), "nosniff") {
			return false, nil, nil
		}
	}
	dec, err := decoded(h.Get("Content-Encoding"), r)
	if err != nil {
		return false, nil, err
	}
	if ct == "" {
		sniff = make([]byte, 512)
		n, err := io.ReadFull(dec, sniff)
		if err != nil && err != io.ErrUnexpectedEOF && err != io.EOF {
			return false, nil, err
		}
		sniff = sniff[:n]
		ct = http.DetectContentType(sniff)
		dec = io.MultiReader(bytes.NewReader(sniff), dec)
	}
	mt, _, err := mime.ParseMediaType(ct)
	if err != nil || mt != "text/html" {
		return false, nil, nil
	}
	return true, dec, nil
}

// decoded returns a reader of r's bytes with the content coding undone.
func decoded(coding string, r io.Reader) (io.Reader, error) {
	switch c := strings.ToLower(strings.TrimSpace(coding)); c {
	case "", "identity":
		return r, nil
	case "gzip", "x-gzip":
		return gzip.NewReader(r)
	case "deflate":
		// Servers send zlib-wrapped deflate as the standard says, or raw
		// deflate; read the zlib header when there is one.
		var hdr [2]byte
		n, err := io.ReadFull(r, hdr[:])
		if err != nil && err != io.ErrUnexpectedEOF {
			return nil, err
		}
		r = io.MultiReader(bytes.NewReader(hdr[:n]), r)
		if n == 2 && hdr[0]&0x0f == 8 && (uint16(hdr[0])<<8|uint16(hdr[1]))%31 == 0 {
			return zlib.NewReader(r)
		}
		return flate.NewReader(r), nil
	default:
		return nil, fmt.Errorf("content encoding %q is not supported; decode the body first", coding)
	}
}

// replayBody is a response body that starts with bytes already read.
type replayBody struct {
	r io.Reader
	c io.Closer
}

func (b *replayBody) Read(p []byte) (int, error) { return b.r.Read(p) }

func (b *replayBody) Close() error { return b.c.Close() }
