package match

import (
	"strings"
	"unicode/utf8"

	"github.com/cspkit/cspkit/internal/urlx"
)

// escapeRule says how an engine reads the percent-escapes of a path whose
// escapes stand for bytes outside ASCII, before comparing a source's path
// with a URL's.
type escapeRule uint8

const (
	// escapeBytes: each escape is one byte, compared as bytes (CSP3,
	// Firefox).
	escapeBytes escapeRule = iota
	// escapeUTF8OrLatin1: the whole path's escapes are decoded as UTF-8
	// when the bytes they make, with the rest of the path, are valid
	// UTF-8, and otherwise each escape is one Latin-1 character, so %E9
	// and %C3%A9 are both é (Chromium: DecodeURLEscapeSequences with
	// kUTF8OrIsomorphic).
	escapeUTF8OrLatin1
	// escapeUTF8Replacing: each run of escapes is decoded as UTF-8, an
	// invalid sequence becoming U+FFFD, so %FF, %E9 and %C3 are all
	// U+FFFD (WebKit: URLEscapeSequence::decodeRun).
	escapeUTF8Replacing
)

// hasHighEscape reports whether s holds an escape of a byte above 0x7F,
// the only escapes the rules read differently.
func hasHighEscape(s string) bool {
	for i := strings.IndexByte(s, '%'); i >= 0 && i+2 < len(s); {
		if h, ok := urlx.Unhex(s[i+1]); ok && h >= 8 {
			if _, ok := urlx.Unhex(s[i+2]); ok {
				return true
			}
		}
		j := strings.IndexByte(s[i+1:], '%')
		if j < 0 {
			break
		}
		i += 1 + j
	}
	return false
}

// decodePath returns s with its escapes decoded under rule r, as text
// (UTF-8) to compare with another decoded path. For escapeBytes it
// returns the bytes.
func decodePath(s string, r escapeRule) string {
	raw := unescapeBytes(s)
	switch r {
	case escapeUTF8OrLatin1:
		if utf8.Valid(raw) {
			return string(raw)
		}
		// Isomorphic decoding: every byte is the code point of its value.
		b := make([]byte, 0, 2*len(raw))
		for _, c := range raw {
			b = utf8.AppendRune(b, rune(c))
		}
		return string(b)
	case escapeUTF8Replacing:
		var b []byte
		for i := 0; i < len(s); {
			j := i
			for j+2 < len(s) && s[j] == '%' && isHexByte(s[j+1]) && isHexByte(s[j+2]) {
				j += 3
			}
			if j == i {
				b = append(b, s[i])
				i++
				continue
			}
			b = appendUTF8Replacing(b, unescapeBytes(s[i:j]))
			i = j
		}
		return string(b)
	}
	return string(raw)
}

// unescapeBytes returns s with each valid escape replaced by its byte.
func unescapeBytes(s string) []byte {
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		if s[i] == '%' && i+2 < len(s) {
			h, ok1 := urlx.Unhex(s[i+1])
			l, ok2 := urlx.Unhex(s[i+2])
			if ok1 && ok2 {
				b = append(b, h<<4|l)
				i += 2
				continue
			}
		}
		b = append(b, s[i])
	}
	return b
}

// appendUTF8Replacing appends the UTF-8 decoding of p to b, each maximal
// invalid subpart replaced by one U+FFFD, as the Encoding standard's
// UTF-8 decoder does.
func appendUTF8Replacing(b, p []byte) []byte {
	for len(p) > 0 {
		r, n := utf8.DecodeRune(p)
		if r != utf8.RuneError || n > 1 {
			b = append(b, p[:n]...)
			p = p[n:]
			continue
		}
		b = utf8.AppendRune(b, utf8.RuneError)
		p = p[maximalSubpart(p):]
	}
	return b
}

// maximalSubpart returns the length of the longest prefix of p, which
// does not start a valid UTF-8 sequence, that is a prefix of one
// (at least 1).
func maximalSubpart(p []byte) int {
	c := p[0]
	var need int
	lo, hi := byte(0x80), byte(0xBF)
	switch {
	case c >= 0xC2 && c <= 0xDF:
		need = 1
	case c >= 0xE0 && c <= 0xEF:
		need = 2
		if c == 0xE0 {
			lo = 0xA0
		} else if c == 0xED {
			hi = 0x9F
		}
	case c >= 0xF0 && c <= 0xF4:
		need = 3
		if c == 0xF0 {
			lo = 0x90
		} else if c == 0xF4 {
			hi = 0x8F
		}
	default:
		return 1
	}
	n := 1
	for n <= need && n < len(p) && p[n] >= lo && p[n] <= hi {
		lo, hi = 0x80, 0xBF
		n++
	}
	return n
}

func isHexByte(c byte) bool {
	_, ok := urlx.Unhex(c)
	return ok
}
