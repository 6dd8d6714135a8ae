package source

import (
	"math/bits"
	"strings"
)

// scan parses the token that starts at s[i], which is not white space,
// into *r, whose other fields must be zero, and returns where the token
// ends, at lim at the latest. It returns 0 when the token is not in one
// of the common shapes it knows, and lex must decide. Those shapes are scheme-sources,
// host-sources and * in lower case, ending at SPACE or at lim, and
// quoted keywords, nonces and hashes in lower case: for them scan finds
// the token's end and fits it to the grammar in one pass over its bytes.
// Every token scan accepts, lex parses to the same record.
func scan(r *rec, s string, lim, i int) int {
	c := s[i]
	if c == '\'' {
		return scanQuoted(r, s[:lim], i)
	}
	h := i // where the host-part starts
	if i+8 <= lim && le64(s, i) == httpsWord {
		h = i + 8
	} else if lowerScheme[c] && class[c]&cAlpha != 0 {
		j := i + 1
		for j < lim && lowerScheme[s[j]] {
			j++
		}
		if j < lim && s[j] == ':' {
			if j+1 == lim || s[j+1] == ' ' {
				r.off, r.end, r.kind, r.portNum = uint32(i), uint32(j+1), Scheme, portAbsent
				return j + 1
			}
			if j+2 < lim && s[j+1] == '/' && s[j+2] == '/' {
				h = j + 3
			}
		}
	} else if c != '*' && !plainLabel[c] {
		return 0
	}
	k := h
	if k < lim && s[k] == '*' {
		k++
		switch {
		case k < lim && s[k] == '.':
			k++
			if k = scanLabels(s, lim, k); k == 0 {
				return 0
			}
		case k == lim || s[k] == ' ':
			if h == i {
				r.off, r.end, r.kind, r.portNum = uint32(i), uint32(k), Wildcard, portAbsent
				return k
			}
		case s[k] != ':' && s[k] != '/':
			return 0
		}
	} else if k = scanLabels(s, lim, k); k == 0 {
		return 0
	}
	hostEnd := k
	port := int32(portAbsent)
	if k < lim && s[k] == ':' {
		k++
		if k < lim && s[k] == '*' {
			port = portWildcard
			k++
		} else {
			start := k
			n := int32(0)
			for k < lim && class[s[k]]&cDigit != 0 {
				if n != portTooLarge {
					if n = n*10 + int32(s[k]-'0'); n > 65535 {
						n = portTooLarge
					}
				}
				k++
			}
			if k == start {
				return 0
			}
			port = n
		}
	}
	portEnd := k
	if k < lim && s[k] == '/' {
		if k+1 < lim && s[k+1] == '/' {
			return 0
		}
		for k++; k < lim; {
			if c := s[k]; pathByte[c] {
				k++
			} else if c == '%' && k+2 < lim && isHex(s[k+1]) && isHex(s[k+2]) {
				k += 3
			} else {
				break
			}
		}
	}
	if k < lim && s[k] != ' ' {
		return 0
	}
	*r = rec{
		off: uint32(i), end: uint32(k),
		hostStart: uint32(h - i), hostEnd: uint32(hostEnd - i), portEnd: uint32(portEnd - i), pathEnd: uint32(k - i),
		portNum: port, kind: Host,
	}
	return k
}

// scanLabels returns where the lower-case host labels that start at s[k]
// end, a single trailing dot included, or 0 when there is no label or
// a label is empty. Only bytes before lim belong to the token's text.
func scanLabels(s string, lim, k int) int {
	if k >= lim || s[k] == '.' || !hostByte[s[k]] {
		return 0
	}
	// The labels are the run of a-z, 0-9, "-" and "." that starts at k,
	// without ".." (nor a leading dot, checked above). Eight bytes at a
	// time: bit 7 of each byte of member says whether it is in the run's
	// set, of dots whether it is a dot.
	var prev uint64 // dots of the previous word
	for k+8 <= len(s) {
		w := le64(s, k)
		x := w &^ msb
		member := (x+0x1f*lsb)&^(x+0x05*lsb) | // a-z
			(x+0x50*lsb)&^(x+0x46*lsb) | // 0-9
			(x+0x53*lsb)&^(x+0x51*lsb) // "-" and "."
		non := (^member | w) & msb
		dots := ^((x ^ 0x2e*lsb) + 0x7f*lsb) & msb &^ w
		if non != 0 {
			n := bits.TrailingZeros64(non)
			dots &= 1<<n - 1
			if dots&(dots<<8) != 0 || prev>>56&dots != 0 {
				return 0
			}
			return min(k+n>>3, lim)
		}
		if dots&(dots<<8) != 0 || prev>>56&dots != 0 {
			return 0
		}
		prev = dots
		k += 8
	}
	dot := prev>>63 != 0
	for ; k < len(s) && hostByte[s[k]]; k++ {
		if s[k] == '.' {
			if dot {
				return 0
			}
			dot = true
		} else {
			dot = false
		}
	}
	return min(k, lim)
}

// httpsWord is "https://" read by le64.
const httpsWord = 0x2f2f3a7370747468

const (
	lsb = 0x0101010101010101
	msb = 0x8080808080808080
)

// le64 returns the eight bytes of s from k on, the first in the low bits.
func le64(s string, k int) uint64 {
	s = s[k : k+8]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

// hostByte holds the bytes of lower-case host labels and the dots between
// them.
var hostByte = func() (t [256]bool) {
	t = plainLabel
	t['.'] = true
	return t
}()

// scanQuoted is scan for a token that starts with a quote.
func scanQuoted(r *rec, s string, i int) int {
	q := strings.IndexByte(s[i+1:], '\'')
	if q < 0 {
		return 0
	}
	j := i + q + 2
	if j < len(s) && s[j] != ' ' {
		return 0
	}
	e := Expression{portNum: portAbsent}
	if reason, _, lower := parseQuoted(&e, s[i:j]); reason != 0 || lower != 0 {
		return 0
	}
	r.off, r.end, r.kind, r.portNum = uint32(i), uint32(j), e.kind, portAbsent
	return j
}

// lowerScheme holds the lower-case bytes of a scheme: letters a to z,
// digits, "+", "-" and ".".
var lowerScheme = func() (t [256]bool) {
	for c := range t {
		t[c] = class[c]&cSchemeRest != 0 && class[c]&cUpper == 0
	}
	return t
}()

// pathByte holds the bytes a path-part may hold besides percent-escapes.
var pathByte = func() (t [256]bool) {
	for c := range t {
		t[c] = c == '/' || class[c]&cPath != 0
	}
	return t
}()
