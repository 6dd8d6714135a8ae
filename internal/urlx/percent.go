package urlx

import "strings"

import "unicode/utf8"

// Percent-encode sets of the URL Standard, as bit flags in encodeTable.
// Every byte >= 0x80 is in every set (non-ASCII is always encoded).
const (
	setC0           uint8 = 1 << iota // C0 control percent-encode set
	setFragment                       // fragment percent-encode set
	setQuery                          // query percent-encode set
	setSpecialQuery                   // special-query percent-encode set
	setPath                           // path percent-encode set
	setUserinfo                       // userinfo percent-encode set
)

var encodeTable = func() (t [256]uint8) {
	all := setC0 | setFragment | setQuery | setSpecialQuery | setPath | setUserinfo
	for i := 0; i < 0x20; i++ {
		t[i] = all
	}
	for i := 0x7f; i < 0x100; i++ {
		t[i] = all
	}
	add := func(set uint8, chars string) {
		for i := 0; i < len(chars); i++ {
			t[chars[i]] |= set
		}
	}
	add(setFragment, " \"<>`")
	add(setQuery, " \"#<>")
	add(setSpecialQuery, " \"#<>'")
	// The path set gained U+005E (^) in whatwg/url commit 9bc33c3 (2025).
	add(setPath, " \"#<>?^`{}")
	add(setUserinfo, " \"#<>?^`{}/:;=@[\\]|")
	return t
}()

const upperHex = "0123456789ABCDEF"

// needsEncoding reports whether any byte of s is in set.
func needsEncoding(s string, set uint8) bool {
	for i := 0; i < len(s); i++ {
		if encodeTable[s[i]]&set != 0 {
			return true
		}
	}
	return false
}

// appendEncoded appends s to dst, UTF-8 percent-encoding every code point
// in set. Bytes that are not valid UTF-8 are treated as U+FFFD, as
// decoding the input to code points would.
func appendEncoded(dst []byte, s string, set uint8) []byte {
	for i := 0; i < len(s); {
		b := s[i]
		if encodeTable[b]&set == 0 {
			dst = append(dst, b)
			i++
			continue
		}
		if b < utf8.RuneSelf {
			dst = append(dst, '%', upperHex[b>>4], upperHex[b&15])
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n <= 1 {
			dst = append(dst, "%EF%BF%BD"...)
			i++
			continue
		}
		for j := i; j < i+n; j++ {
			dst = append(dst, '%', upperHex[s[j]>>4], upperHex[s[j]&15])
		}
		i += n
	}
	return dst
}

// Unhex returns the value of the hexadecimal digit c, and false when c is
// not one.
func Unhex(c byte) (byte, bool) {
	switch {
	case '0' <= c && c <= '9':
		return c - '0', true
	case 'a' <= c && c <= 'f':
		return c - 'a' + 10, true
	case 'A' <= c && c <= 'F':
		return c - 'A' + 10, true
	}
	return 0, false
}

// percentDecode decodes %XX escapes; a '%' not followed by two hex digits
// is kept as is.
func percentDecode(s string) string {
	var out []byte
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '%' && i+2 < len(s) {
			h, ok1 := Unhex(s[i+1])
			l, ok2 := Unhex(s[i+2])
			if ok1 && ok2 {
				c = h<<4 | l
				i += 2
			}
		}
		out = append(out, c)
	}
	return string(out)
}

func isAlpha(c byte) bool { return 'a' <= c|0x20 && c|0x20 <= 'z' }
func isDigit(c byte) bool { return '0' <= c && c <= '9' }
func lower(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 0x20
	}
	return c
}

// isSchemeChar reports whether c may follow the first letter of a scheme.
func isSchemeChar(c byte) bool {
	return isAlpha(c) || isDigit(c) || c == '+' || c == '-' || c == '.'
}

// Character classes for host checks, as bit flags in hostTable.
const (
	classForbiddenHost   uint8 = 1 << iota // forbidden host code point
	classForbiddenDomain                   // forbidden domain code point
)

var hostTable = func() (t [256]uint8) {
	for _, c := range []byte("\x00\t\n\r #/:<>?@[\\]^|") {
		t[c] |= classForbiddenHost | classForbiddenDomain
	}
	for c := 0; c < 0x20; c++ {
		t[c] |= classForbiddenDomain
	}
	t['%'] |= classForbiddenDomain
	t[0x7f] |= classForbiddenDomain
	return t
}()

// forbiddenHost reports a forbidden host code point (ASCII only).
func forbiddenHost(c byte) bool { return hostTable[c]&classForbiddenHost != 0 }

// forbiddenDomain reports a forbidden domain code point (ASCII only).
func forbiddenDomain(c byte) bool { return hostTable[c]&classForbiddenDomain != 0 }

// DecodedEqual reports whether x and y are equal after percent-decoding
// each (a "%" not followed by two hex digits stands for itself), without
// allocating.
func DecodedEqual(x, y string) bool {
	if strings.IndexByte(x, '%') < 0 && strings.IndexByte(y, '%') < 0 {
		return x == y // nothing to decode
	}
	i, j := 0, 0
	for i < len(x) && j < len(y) {
		cx, nx := decodeAt(x, i)
		cy, ny := decodeAt(y, j)
		if cx != cy {
			return false
		}
		i, j = i+nx, j+ny
	}
	return i == len(x) && j == len(y)
}

// decodeAt returns the byte that s[i:] starts with after percent-decoding,
// and how many bytes of s it takes.
func decodeAt(s string, i int) (byte, int) {
	if s[i] == '%' && i+2 < len(s) {
		if h, ok := Unhex(s[i+1]); ok {
			if l, ok := Unhex(s[i+2]); ok {
				return h<<4 | l, 3
			}
		}
	}
	return s[i], 1
}

// DecodedHasPrefix reports whether s starts with prefix after
// percent-decoding each, without allocating.
func DecodedHasPrefix(s, prefix string) bool {
	if strings.IndexByte(s, '%') < 0 && strings.IndexByte(prefix, '%') < 0 {
		return strings.HasPrefix(s, prefix) // nothing to decode
	}
	i, j := 0, 0
	for j < len(prefix) {
		if i >= len(s) {
			return false
		}
		cs, ns := decodeAt(s, i)
		cp, np := decodeAt(prefix, j)
		if cs != cp {
			return false
		}
		i, j = i+ns, j+np
	}
	return true
}

// DecodedEndsInSlash reports whether s ends in "/" after percent-decoding.
func DecodedEndsInSlash(s string) bool {
	n := len(s)
	if n > 0 && s[n-1] == '/' {
		return true
	}
	return n >= 3 && s[n-3] == '%' && s[n-2] == '2' && (s[n-1] == 'f' || s[n-1] == 'F')
}
