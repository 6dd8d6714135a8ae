package main

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/textproto"
	"os"

	"github.com/cspkit/cspkit/csp"
)

// readResponse reads a raw HTTP response as curl -sI (headers) or curl -si
// (headers and body) prints it, and returns its policies: those of the
// headers and, when the body is HTML, of its <meta> elements. With several
// header blocks (curl -L through redirects, or a 100 Continue first), the
// last one counts. Header lines without a status line are accepted too.
func readResponse(r io.Reader) (csp.List, error) {
	br := bufio.NewReader(r)
	var h http.Header
	blocks := 0
	for {
		skipBlankLines(br)
		if blocks > 0 && !startsWith(br, "HTTP/") {
			break // what follows the last header block is the body
		}
		if startsWith(br, "HTTP/") {
			if _, err := br.ReadString('\n'); err != nil {
				return csp.List{}, fmt.Errorf("reading response headers: status line without header fields")
			}
		}
		mh, err := textproto.NewReader(br).ReadMIMEHeader()
		if err != nil && !errors.Is(err, io.EOF) {
			return csp.List{}, fmt.Errorf("reading response headers: %w", err)
		}
		if len(mh) == 0 && blocks == 0 && errors.Is(err, io.EOF) {
			return csp.List{}, errors.New("no response headers on standard input")
		}
		h = http.Header(mh)
		blocks++
		if err != nil { // EOF: no body
			return csp.FromHeader(h)
		}
	}
	return csp.FromResponse(&http.Response{Header: h, Body: io.NopCloser(br)})
}

func skipBlankLines(br *bufio.Reader) {
	for {
		b, err := br.Peek(1)
		if err != nil || (b[0] != '\n' && b[0] != '\r') {
			return
		}
		br.ReadByte()
	}
}

func startsWith(br *bufio.Reader, prefix string) bool {
	b, _ := br.Peek(len(prefix))
	return bytes.Equal(b, []byte(prefix))
}

// stdinIsPiped reports whether f is a pipe or a regular file rather than a
// terminal, a device or nothing, so that cspcheck may read headers from it.
func stdinIsPiped(f *os.File) bool {
	if f == nil {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&(os.ModeCharDevice|os.ModeDevice) == 0
}

// responsePolicies reads the raw response named by path ("-": stdin).
func responsePolicies(path string, stdin *os.File) (csp.List, error) {
	if path == "-" {
		if stdin == nil {
			return csp.List{}, errors.New("-headers -: no standard input")
		}
		return readResponse(stdin)
	}
	f, err := os.Open(path)
	if err != nil {
		return csp.List{}, err
	}
	defer f.Close()
	return readResponse(f)
}

// fatal returns the part of err that stops cspcheck: anything but parse
// problems and limit errors, which are only printed (a header over a limit
// is replaced by a policy that blocks everything).
func fatal(err error) error {
	if err == nil {
		return nil
	}
	var errs []error
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		errs = j.Unwrap()
	} else {
		errs = []error{err}
	}
	var out []error
	for _, e := range errs {
		var pe *csp.ParseError
		var le *csp.LimitError
		if !errors.As(e, &pe) && !errors.As(e, &le) {
			out = append(out, e)
		}
	}
	return errors.Join(out...)
}
