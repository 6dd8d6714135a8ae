package source

import "strings"

// Parse parses one source expression (a token without whitespace). A token
// that fits no grammar yields an Expression of kind Invalid that keeps the
// token, together with an *Error saying why; it is never a panic.
func Parse(token string) (Expression, error) {
	e := Lex(token)
	if e.kind == Invalid {
		return e, e.err(token, 0)
	}
	return e, nil
}

// MustParse is like Parse but panics when the token is invalid. It is meant
// for tests and package-level variables with hard-coded expressions.
func MustParse(token string) Expression {
	e, err := Parse(token)
	if err != nil {
		panic(err)
	}
	return e
}

// Lex parses one token like Parse but without an error value: an invalid
// token yields an Expression of kind Invalid whose Problem method says what
// is wrong. It allocates only to lower-case a scheme or host written in
// upper case.
func Lex(token string) Expression {
	var e Expression
	if n := lex(&e, token); n > 0 {
		e.text = canonical(&e, token, n)
	}
	return e
}

// canonical returns tok with its first n bytes lower-cased: the text of
// the Expression e parsed from it. Keywords come from constants.
func canonical(e *Expression, tok string, n int) string {
	switch e.kind {
	case None:
		return "'none'"
	case Self:
		return "'self'"
	case Keyword:
		if i := keywordIndex(tok[1:len(tok)-1], true); i >= 0 {
			return quotedKeywords[i]
		}
	}
	var b strings.Builder
	b.Grow(len(tok))
	for i := 0; i < n; i++ {
		b.WriteByte(lowerByte(tok[i]))
	}
	b.WriteString(tok[n:])
	return b.String()
}

func lowerByte(c byte) byte {
	if c >= 'A' && c <= 'Z' {
		c += 'a' - 'A'
	}
	return c
}

// lex parses tok into *e, which must be the zero Expression, with e.text
// set to tok as written, and returns how many leading bytes of tok the
// canonical form lower-cases (0 when none of them has upper case). It
// never allocates.
func lex(e *Expression, tok string) int {
	if tok == "" {
		return 0
	}
	r, pos, lower := parseASCII(e, tok)
	if r == 0 {
		e.text = tok
		if e.kind == Host {
			e.pathEnd = uint32(len(tok))
		}
		return lower
	}
	*e = Expression{kind: Invalid, text: tok, reason: r, pos: uint32(pos)}
	// Every successful path above checks each byte against an ASCII
	// class, so a non-ASCII byte always ends up here; it is the reason
	// that wins.
	for i := 0; i < len(tok); i++ {
		if tok[i] >= 0x80 {
			e.reason, e.pos = NonASCII, uint32(i)
			return 0
		}
	}
	return salvage(e)
}

// parseASCII parses tok into *e, which must be the zero Expression,
// assuming tok is ASCII. It returns the reason and byte position of the
// problem when tok fits no grammar (*e is then in any state), and
// otherwise how many leading bytes the canonical form lower-cases. It
// does not set e.text. Results are written in place: an Expression is
// large enough that returning it through every step costs more than the
// parse itself.
func parseASCII(e *Expression, tok string) (Reason, int, int) {
	e.portNum = portAbsent
	if tok[0] == '\'' {
		return parseQuoted(e, tok)
	}
	if tok == "*" {
		e.kind = Wildcard
		return 0, 0, 0
	}
	n, upper := schemeLen(tok)
	if n > 0 && n+1 == len(tok) && tok[n] == ':' {
		e.kind = Scheme
		return 0, 0, lowerIf(upper, len(tok))
	}
	if n > 0 && len(tok) >= n+3 && tok[n] == ':' && tok[n+1] == '/' && tok[n+2] == '/' {
		return parseHostSource(e, tok, n+3, upper)
	}
	return parseHostSource(e, tok, 0, false)
}

// lowerIf returns n when upper is true, and 0 otherwise.
func lowerIf(upper bool, n int) int {
	if upper {
		return n
	}
	return 0
}

// hostStart returns where the host-part of a host-source token starts:
// after "scheme://", or at 0 when the token has no scheme; and whether the
// scheme has upper case.
func hostStart(tok string) (int, bool) {
	n, upper := schemeLen(tok)
	if n > 0 && len(tok) >= n+3 && tok[n] == ':' && tok[n+1] == '/' && tok[n+2] == '/' {
		return n + 3, upper
	}
	return 0, false
}

// schemeLen returns the length of the scheme-part at the start of s, or 0,
// and whether it has upper case.
func schemeLen(s string) (int, bool) {
	if s == "" || class[s[0]]&cAlpha == 0 {
		return 0, false
	}
	acc := class[s[0]]
	i := 1
	for i < len(s) {
		c := class[s[i]]
		if c&cSchemeRest == 0 {
			break
		}
		acc |= c
		i++
	}
	return i, acc&cUpper != 0
}

func parseQuoted(e *Expression, tok string) (Reason, int, int) {
	if len(tok) < 2 || tok[len(tok)-1] != '\'' {
		return MissingQuote, len(tok), 0
	}
	in := tok[1 : len(tok)-1]
	upper := hasUpper(in)
	switch {
	case in == "none" || upper && equalFold(in, "none"):
		e.kind = None
		return 0, 0, lowerIf(upper, len(tok))
	case in == "self" || upper && equalFold(in, "self"):
		e.kind = Self
		return 0, 0, lowerIf(upper, len(tok))
	}
	if keywordIndex(in, upper) >= 0 {
		e.kind = Keyword
		return 0, 0, lowerIf(upper, len(tok))
	}
	if len(in) >= 6 && equalFold(in[:6], "nonce-") {
		if !isBase64(in[6:]) {
			return BadBase64, 7, 0
		}
		e.kind = Nonce
		return 0, 0, lowerIf(hasUpper(in[:6]), 7)
	}
	if len(in) >= 7 && in[6] == '-' {
		for _, alg := range [...]string{"sha256", "sha384", "sha512"} {
			if equalFold(in[:6], alg) {
				if !isBase64(in[7:]) {
					return BadBase64, 8, 0
				}
				e.kind = Hash
				return 0, 0, lowerIf(in[:6] != alg, 7)
			}
		}
	}
	return UnknownKeyword, 1, 0
}

// isBase64 reports whether s is a CSP base64-value: one or more of ALPHA,
// DIGIT, "+", "/", "-", "_", then at most two "=".
func isBase64(s string) bool {
	i := 0
	for i < len(s) && class[s[i]]&cBase64 != 0 {
		i++
	}
	if i == 0 {
		return false
	}
	pad := len(s) - i
	if pad > 2 {
		return false
	}
	for ; i < len(s); i++ {
		if s[i] != '=' {
			return false
		}
	}
	return true
}

// parseHostSource parses host-part [":" port-part] [path-part], which
// starts at byte start of tok, after a scheme with upper case when
// schemeUpper is true; positions in the result are relative to tok.
func parseHostSource(e *Expression, tok string, start int, schemeUpper bool) (Reason, int, int) {
	upper, r, pos := hostPort(e, tok, start)
	if r != 0 {
		return r, pos, 0
	}
	if i := int(e.portEnd); i < len(tok) {
		if r, pos := checkPath(tok[i:]); r != 0 {
			return r, i + pos, 0
		}
	}
	return 0, 0, lowerIf(upper || schemeUpper, int(e.hostEnd))
}

// hostPort parses the host-part and the optional port-part that start at
// byte start of tok, setting the kind Host and the offsets in *e; the
// path-part, if any, starts at e.portEnd, the first "/" after the port.
// It reports whether the host has upper case, or the reason and position
// of the problem.
func hostPort(e *Expression, tok string, start int) (bool, Reason, int) {
	s := tok[start:]
	i, upper, r := hostEnd(s)
	if r != 0 {
		return false, r, start + i
	}
	e.kind, e.hostStart, e.hostEnd = Host, uint32(start), uint32(start+i)
	if i < len(s) && s[i] == ':' {
		j := i + 1
		for j < len(s) && s[j] != '/' {
			j++
		}
		port := s[i+1 : j]
		n, ok := parsePort(port)
		if !ok {
			r, pos := portProblem(port)
			return false, r, start + i + 1 + pos
		}
		e.portNum, i = n, j
	}
	e.portEnd = uint32(start + i)
	return upper, 0, 0
}

// hostEnd returns the length of the host-part at the start of s, which must
// be followed by the end, ":" or "/", and whether it has upper case.
func hostEnd(s string) (int, bool, Reason) {
	if s == "" {
		return 0, false, EmptyHost
	}
	i := 0
	if s[0] == '*' {
		if len(s) == 1 || s[1] == ':' || s[1] == '/' {
			return 1, false, 0
		}
		if s[1] != '.' {
			return 1, false, BadWildcard
		}
		i = 2
	}
	// Most hosts are lower-case names: a tight loop per label, and the
	// general loop below only for the rest.
	plain := &plainLabel
	for j := i; ; {
		label := s[j:]
		n := 0
		for n < len(label) && plain[label[n]] {
			n++
		}
		if n == 0 {
			break // an empty label, or upper case: the general loop decides
		}
		k := j + n
		if k == len(s) || s[k] == ':' || s[k] == '/' {
			return k, false, 0
		}
		if s[k] != '.' {
			break
		}
		j = k + 1
		if j == len(s) || s[j] == ':' || s[j] == '/' {
			return j, false, 0 // a single trailing dot
		}
	}
	var acc uint8
	for {
		start := i
		for i < len(s) {
			c := class[s[i]]
			if c&cHost == 0 {
				break
			}
			acc |= c
			i++
		}
		if i == start {
			// An empty label is allowed only as the single trailing dot.
			if start > 0 && s[start-1] == '.' && start > 1 && s[start-2] != '.' && s[start-2] != '*' &&
				(i == len(s) || s[i] == ':' || s[i] == '/') {
				return i, acc&cUpper != 0, 0
			}
			return i, false, labelReason(s, i)
		}
		if i == len(s) || s[i] == ':' || s[i] == '/' {
			return i, acc&cUpper != 0, 0
		}
		if s[i] != '.' {
			return i, false, labelReason(s, i)
		}
		i++
	}
}

func labelReason(s string, i int) Reason {
	if i >= len(s) {
		return EmptyLabel
	}
	switch s[i] {
	case '[':
		return IPv6Host
	case '.', ':', '/':
		return EmptyLabel
	case '?':
		return HasQuery
	case '#':
		return HasFragment
	}
	for j := i; j < len(s) && s[j] != '/'; j++ {
		if s[j] == '@' {
			return Userinfo
		}
	}
	return BadHostChar
}

// parsePort returns the value of a port-part, or false if it is not one.
func parsePort(p string) (int32, bool) {
	if p == "*" {
		return portWildcard, true
	}
	if p == "" {
		return 0, false
	}
	n := int32(0)
	for i := 0; i < len(p); i++ {
		c := p[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		if n != portTooLarge {
			n = n*10 + int32(c-'0')
			if n > 65535 {
				n = portTooLarge
			}
		}
	}
	return n, true
}

// portProblem says why p, the text between the host's ":" and the next "/",
// is not a port-part: user:password@ before a host, a query or fragment
// after a good port, or else a bad port. pos is relative to p.
func portProblem(p string) (Reason, int) {
	for i := 0; i < len(p); i++ {
		if p[i] == '@' {
			return Userinfo, i
		}
	}
	for i := 1; i < len(p); i++ {
		if p[i] == '?' || p[i] == '#' {
			if _, ok := parsePort(p[:i]); !ok {
				break
			}
			if p[i] == '?' {
				return HasQuery, i
			}
			return HasFragment, i
		}
	}
	return BadPort, 0
}

// checkPath validates an RFC 3986 path-absolute without ";" or ",".
func checkPath(p string) (Reason, int) {
	if len(p) > 1 && p[1] == '/' {
		return BadPath, 1
	}
	for i := 1; i < len(p); i++ {
		c := p[i]
		switch {
		case c == '/' || class[c]&cPath != 0:
		case c == '%':
			if i+2 >= len(p) || !isHex(p[i+1]) || !isHex(p[i+2]) {
				return BadPercent, i
			}
			i += 2
		case c == '?':
			return HasQuery, i
		case c == '#':
			return HasFragment, i
		default:
			return BadPathChar, i
		}
	}
	return 0, 0
}
