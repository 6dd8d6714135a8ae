package match

import "strings"

// pathMatch is "path-part matching" (#match-paths): a is the expression's
// path-part, b the URL's serialised path. Both are split on "/" first and
// each segment percent-decoded afterwards, so "%2F" never separates
// segments. The comparison is case-sensitive.
func pathMatch(a, b string) bool {
	if a == "" || a == "/" && b == "" {
		return true
	}
	exact := a[len(a)-1] != '/'
	na, nb := strings.Count(a, "/")+1, strings.Count(b, "/")+1
	if na > nb || exact && na != nb {
		return false
	}
	if !exact {
		a = a[:len(a)-1] // drop the empty last segment
		na--
	}
	for range na {
		sa, ra, _ := strings.Cut(a, "/")
		sb, rb, _ := strings.Cut(b, "/")
		if !decodedEqual(sa, sb) {
			return false
		}
		a, b = ra, rb
	}
	return true
}

// decodedEqual reports whether x and y are equal after percent-decoding
// (a "%" not followed by two hex digits stands for itself).
func decodedEqual(x, y string) bool {
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

func decodeAt(s string, i int) (byte, int) {
	if s[i] == '%' && i+2 < len(s) {
		if h, ok := unhex(s[i+1]); ok {
			if l, ok := unhex(s[i+2]); ok {
				return h<<4 | l, 3
			}
		}
	}
	return s[i], 1
}

func unhex(c byte) (byte, bool) {
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
