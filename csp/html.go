package csp

import (
	"bytes"
	"errors"
	"fmt"
	"io"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// MetaHeader is the Problem.Header of problems that FromHTML and
// FromResponse find in <meta http-equiv="Content-Security-Policy"> elements;
// Problem.Field is then the index of the element among the document's CSP
// <meta> elements.
const MetaHeader = "meta"

// Problems only FromHTML and FromResponse report.
const (
	// MetaReportOnly: <meta http-equiv="Content-Security-Policy-Report-Only">
	// is ignored by browsers.
	MetaReportOnly Code = "meta-report-only"
	// MetaOutsideHead: a CSP <meta> that is not a child of <head> once the
	// document is parsed is ignored by browsers.
	MetaOutsideHead Code = "meta-outside-head"
)

// FromHTML returns the policies that <meta http-equiv="Content-Security-Policy">
// elements deliver in the HTML document read from r, in document order,
// each parsed by ParseMeta.
//
// As in browsers, only a <meta> that ends up a child of <head> counts: the
// document is read with the HTML standard's tree-construction rules for
// where <head> ends (the first content that does not belong in it starts
// the body, even without a <body> tag). http-equiv is compared ASCII
// case-insensitively; a <meta> without content, or with empty content, has
// no effect. Content-Security-Policy-Report-Only in a <meta>, and CSP
// <meta> elements outside <head>, are ignored and reported as problems; r is
// read to its end to find them.
//
// The document is read as UTF-8 (or any ASCII-compatible encoding). err is
// a *ParseError for problems in the policies, an *HTMLError when r fails,
// or both joined (use errors.As); the List is usable in every case.
//
// The content of the <meta> elements is bounded by the default Limits,
// counted over the whole document as for one header: a <meta> over a limit
// is replaced by ClosedPolicy, later ones are ignored, and err includes the
// *LimitError.
func FromHTML(r io.Reader) (List, error) {
	if r == nil {
		return List{}, &HTMLError{Err: errors.New("nil io.Reader")}
	}
	s := newHeadScanner()
	s.scan(r, false, 0)
	return s.result()
}

// HTMLError reports an HTML document that could not be read to the end of
// its head, so <meta> policies after Offset may be missing.
type HTMLError struct {
	Offset int64 // bytes of the document read before the failure
	Err    error // the cause: the reader's error, or ErrHeadTooLong
}

// Error names the offset and the cause.
func (e *HTMLError) Error() string {
	return fmt.Sprintf("csp: reading HTML at byte %d: %v", e.Offset, e.Err)
}

// Unwrap returns the cause.
func (e *HTMLError) Unwrap() error { return e.Err }

// ErrHeadTooLong is the cause of an HTMLError when a document's head is
// longer than the limit a caller set (see FromResponse).
var ErrHeadTooLong = errors.New("head is longer than the limit; later <meta> policies were not read")

// insertion modes of the HTML tree builder, up to "in body".
type mode uint8

const (
	beforeHead mode = iota // "initial", "before html" and "before head" act alike here
	inHead
	afterHead
	done // "in body", "in frameset" or later: no <meta> can join <head>
)

// headScanner follows the HTML tree-construction rules only as far as
// they decide which elements become children of <head>.
type headScanner struct {
	p        parser
	limits   limitCounter
	limitErr error // the first *LimitError; later <meta> elements are ignored
	metas    int   // CSP <meta> elements seen, in head or not
	mode     mode
	template int   // depth of open <template> elements in head
	rawText  bool  // the next text token is the content of <script>, <style>, <title>...
	pos      int64 // offset in the document of the current token
	err      error
}

func newHeadScanner() *headScanner {
	l := Limits{}.withDefaults()
	return &headScanner{p: parser{maxProblems: l.MaxProblems}, limits: limitCounter{l: l}}
}

// scan reads r to its end, or only until the body starts when headOnly.
// maxBuf > 0 limits the size of one token.
func (s *headScanner) scan(r io.Reader, headOnly bool, maxBuf int) {
	z := html.NewTokenizer(r)
	z.SetMaxBuf(maxBuf)
	for !(headOnly && s.mode == done) {
		tt := z.Next()
		rawText := s.rawText
		s.rawText = false
		switch tt {
		case html.ErrorToken:
			switch err := z.Err(); {
			case err == io.EOF:
			case errors.Is(err, html.ErrBufferExceeded):
				s.err = &HTMLError{Offset: s.pos, Err: ErrHeadTooLong}
			default:
				s.err = &HTMLError{Offset: s.pos, Err: err}
			}
			return
		case html.TextToken:
			if !rawText && !isHTMLSpace(z.Text()) {
				s.other()
			}
		case html.StartTagToken, html.SelfClosingTagToken:
			// In the body only <meta> matters; skip the others before the
			// tokenizer copies their names.
			if s.mode != done || rawTagIs(z.Raw(), "meta") {
				s.start(z)
			}
		case html.EndTagToken:
			if s.mode != done {
				name, _ := z.TagName()
				s.end(atom.Lookup(name))
			}
		}
		// Comments and doctypes never change the mode.
		s.pos += int64(len(z.Raw()))
	}
}

// other handles a token that HTML's head-related insertion modes treat as
// "anything else".
func (s *headScanner) other() {
	if s.template > 0 {
		return
	}
	switch s.mode {
	case beforeHead, inHead, afterHead:
		// Before head, <head> is implied and the token reprocessed in
		// head, which ends head; after head, <body> is implied.
		s.mode = done
	}
}

func (s *headScanner) start(z *html.Tokenizer) {
	name, hasAttr := z.TagName()
	tag := atom.Lookup(name) // 0 for names HTML does not define
	if s.template > 0 || s.mode == done {
		switch tag {
		case atom.Template:
			if s.template > 0 {
				s.template++
			}
		case atom.Meta:
			s.meta(z, hasAttr, false)
		}
		return
	}
	switch tag {
	case atom.Html:
		return // attributes merge into <html>; the mode is unchanged
	case atom.Head:
		if s.mode == beforeHead {
			s.mode = inHead
		}
		return // a second <head> is ignored
	case atom.Body, atom.Frameset:
		s.mode = done
		return
	case atom.Meta:
		if s.mode == beforeHead {
			s.mode = inHead
		}
		s.meta(z, hasAttr, true)
		return
	case atom.Base, atom.Basefont, atom.Bgsound, atom.Link:
		if s.mode == beforeHead {
			s.mode = inHead
		}
		return
	case atom.Title, atom.Noscript, atom.Noframes, atom.Style, atom.Script:
		// Their content is text that the tokenizer returns whole.
		if s.mode == beforeHead {
			s.mode = inHead
		}
		s.rawText = true
		return
	case atom.Template:
		if s.mode == beforeHead {
			s.mode = inHead
		}
		s.template++
		return
	}
	s.other()
}

func (s *headScanner) end(tag atom.Atom) {
	if s.template > 0 {
		if tag == atom.Template {
			s.template--
		}
		return
	}
	switch tag {
	case atom.Head:
		switch s.mode {
		case beforeHead:
			s.mode = afterHead // an empty <head> is implied
		case inHead:
			s.mode = afterHead
		}
	case atom.Body, atom.Html, atom.Br:
		s.other()
	}
	// Other end tags are ignored before the body.
}

// meta handles a <meta> start tag; inHead says whether it becomes a child
// of <head>.
func (s *headScanner) meta(z *html.Tokenizer, hasAttr, inHead bool) {
	var equiv, content []byte
	var haveEquiv, haveContent bool
	for more := hasAttr; more; {
		var k, v []byte
		k, v, more = z.TagAttr()
		switch {
		case !haveEquiv && string(k) == "http-equiv": // the first of duplicate attributes wins
			equiv, haveEquiv = v, true
		case !haveContent && string(k) == "content":
			content, haveContent = v, true
		}
	}
	enforce := bytes.EqualFold(equiv, []byte(Header))
	report := bytes.EqualFold(equiv, []byte(HeaderReportOnly))
	if !enforce && !report {
		return
	}
	index := s.metas
	s.metas++
	switch {
	case report:
		s.p.header, s.p.field = MetaHeader, index
		s.p.problem(-1, "", string(equiv), 0, MetaReportOnly,
			"<meta http-equiv=\"Content-Security-Policy-Report-Only\"> is ignored by browsers; send the header instead")
	case !inHead:
		s.p.header, s.p.field = MetaHeader, index
		s.p.problem(-1, "", string(content), 0, MetaOutsideHead, fmt.Sprintf(
			"a Content-Security-Policy <meta> that is not a child of <head> is ignored by browsers (byte %d of the document)",
			s.pos))
	case len(content) > 0 && s.limitErr == nil:
		f := field{name: MetaHeader, index: index, value: string(content), disp: Enforce}
		if err := s.limits.scan(f); err != nil {
			s.limitErr = err
			s.p.policies = append(s.p.policies, closedEnforced.policies...)
			return
		}
		s.p.parseMeta(f.value, MetaHeader, index)
	}
}

func (s *headScanner) result() (List, error) {
	l, err := s.p.result()
	return l, joinErrors(err, s.limitErr, s.err)
}

// joinErrors is errors.Join, except that a single error is returned as
// it is.
func joinErrors(errs ...error) error {
	var one error
	n := 0
	for _, e := range errs {
		if e != nil {
			one = e
			n++
		}
	}
	if n <= 1 {
		return one
	}
	return errors.Join(errs...)
}

// rawTagIs reports whether the raw start tag raw ("<META ...>") has the
// lower-case name name.
func rawTagIs(raw []byte, name string) bool {
	if len(raw) < len(name)+2 || raw[0] != '<' {
		return false
	}
	for i := 0; i < len(name); i++ {
		if c := raw[1+i]; c|0x20 != name[i] {
			return false
		}
	}
	switch raw[1+len(name)] {
	case ' ', '\t', '\n', '\f', '\r', '/', '>':
		return true
	}
	return false
}

func isHTMLSpace(b []byte) bool {
	for _, c := range b {
		switch c {
		case ' ', '\t', '\n', '\f', '\r':
		default:
			return false
		}
	}
	return true
}
