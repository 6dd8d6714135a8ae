package source

// Byte classes of the CSP3 source-expression grammar (ASCII only).
const (
	cAlpha      = 1 << iota // ALPHA
	cDigit                  // DIGIT
	cSchemeRest             // ALPHA / DIGIT / "+" / "-" / "."
	cHost                   // host-char: ALPHA / DIGIT / "-"
	cPath                   // RFC 3986 pchar minus "%" (handled apart), ";" and ","
	cBase64                 // base64-value body: ALPHA / DIGIT / "+" / "/" / "-" / "_"
	cSpace                  // ASCII whitespace: TAB LF FF CR SPACE
	cUpper                  // ASCII upper-case letter
)

var class = func() (t [256]uint8) {
	for c := 'a'; c <= 'z'; c++ {
		t[c] |= cAlpha | cSchemeRest | cHost | cPath | cBase64
		t[c-'a'+'A'] |= cAlpha | cSchemeRest | cHost | cPath | cBase64 | cUpper
	}
	for c := '0'; c <= '9'; c++ {
		t[c] |= cDigit | cSchemeRest | cHost | cPath | cBase64
	}
	for _, c := range "+-." {
		t[c] |= cSchemeRest
	}
	t['-'] |= cHost
	// unreserved "-" "." "_" "~", sub-delims except ";" and ",", ":" and "@".
	for _, c := range "-._~!$&'()*+=:@" {
		t[c] |= cPath
	}
	for _, c := range "+/-_" {
		t[c] |= cBase64
	}
	for _, c := range "\t\n\f\r " {
		t[c] |= cSpace
	}
	return t
}()

// IsSpace reports whether c is ASCII whitespace as CSP defines it (TAB, LF,
// FF, CR or SPACE). NBSP and other Unicode spaces are not.
func IsSpace(c byte) bool { return class[c]&cSpace != 0 }

func isHex(c byte) bool {
	return class[c]&cDigit != 0 || (c|0x20) >= 'a' && (c|0x20) <= 'f'
}

// hasUpper reports whether s has an ASCII upper-case letter.
func hasUpper(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 'A' && c <= 'Z' {
			return true
		}
	}
	return false
}

// equalFold reports whether s equals the lower-case ASCII string t, ignoring
// ASCII case in s.
func equalFold(s, t string) bool {
	if len(s) != len(t) {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != t[i] {
			return false
		}
	}
	return true
}

// plainLabel holds the bytes of a lower-case host label: letters a to z,
// digits and "-".
var plainLabel = func() (t [256]bool) {
	for c := 'a'; c <= 'z'; c++ {
		t[c] = true
	}
	for c := '0'; c <= '9'; c++ {
		t[c] = true
	}
	t['-'] = true
	return t
}()

// indexSpace returns the index of the first ASCII white space byte of s,
// or -1.
func indexSpace(s string) int {
	for i := 0; i < len(s); i++ {
		if class[s[i]]&cSpace != 0 {
			return i
		}
	}
	return -1
}
