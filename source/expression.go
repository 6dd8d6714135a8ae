package source

// Expression is one parsed source expression. The zero value is an Invalid
// expression with empty text. Expressions are comparable: two expressions
// are == exactly when they print the same.
type Expression struct {
	// text is the canonical form, which String returns: usually a slice
	// of the parsed token itself, copied only when case had to be
	// lowered. The parts of a host-source are located by offsets.
	text      string
	kind      Kind
	reason    Reason   // Invalid: what is wrong
	lenient   leniency // Invalid: how browsers may still read it; see Lenient
	hostStart uint32   // Host: where the host-part starts (after "scheme://")
	hostEnd   uint32   // Host: where the host-part ends
	portEnd   uint32   // Host: where the port-part ends and the path-part starts
	pathEnd   uint32   // Host: where the path-part ends
	portNum   int32    // decimal value of the port; see the port* constants
	pos       uint32   // Invalid: byte position of the problem in text
}

const (
	portAbsent   = -1
	portWildcard = -2
	portTooLarge = -3 // more than any URL port (65535); never matches
)

// Kind reports which grammar production the expression fits.
func (e Expression) Kind() Kind { return e.kind }

// Scheme returns the lower-case scheme of a scheme-source ("https" for
// https:) or of a host-source that names one, and "" otherwise.
func (e Expression) Scheme() string {
	switch {
	case e.kind == Scheme:
		return e.text[:len(e.text)-1]
	case e.kind == Host && e.hostStart > 0:
		return e.text[:e.hostStart-3]
	}
	return ""
}

// Host returns the lower-case host-part of a host-source, such as
// "api.example.com", "*.example.com" or "*", and "" for other kinds.
func (e Expression) Host() string {
	if e.kind != Host {
		return ""
	}
	return e.text[e.hostStart:e.hostEnd]
}

// HostWildcard reports whether the host-part starts with "*.", so that it
// matches sub-domains of the rest but not the rest itself.
func (e Expression) HostWildcard() bool {
	h := e.Host()
	return len(h) > 2 && h[0] == '*' && h[1] == '.'
}

// Port returns the port-part of a host-source as written ("8443", "080" or
// "*"), and "" when the expression has none.
func (e Expression) Port() string {
	if e.kind != Host || e.portEnd == e.hostEnd {
		return ""
	}
	return e.text[e.hostEnd+1 : e.portEnd]
}

// PortNumber returns the decimal value of a numeric port-part. ok is false
// when the port is absent, "*", or larger than 65535 (such a port can never
// match a URL).
func (e Expression) PortNumber() (port int, ok bool) {
	if e.kind != Host || e.portNum < 0 {
		return 0, false
	}
	return int(e.portNum), true
}

// PortWildcard reports whether the port-part is "*".
func (e Expression) PortWildcard() bool { return e.kind == Host && e.portNum == portWildcard }

// Path returns the path-part of a host-source as written, percent-escapes
// included, and "" when it has none.
func (e Expression) Path() string {
	if e.kind != Host {
		return ""
	}
	return e.text[e.portEnd:e.pathEnd]
}

// Keyword returns the lower-case name of a keyword-source without quotes,
// such as "unsafe-inline"; for None and Self it returns "none" and "self".
func (e Expression) Keyword() string {
	switch e.kind {
	case None, Self, Keyword:
		return e.text[1 : len(e.text)-1]
	}
	return ""
}

// Nonce returns the base64 value of a nonce-source, and "" otherwise.
func (e Expression) Nonce() string {
	if e.kind == Nonce {
		return e.text[len("'nonce-") : len(e.text)-1]
	}
	return ""
}

// Hash returns the lower-case algorithm ("sha256", "sha384" or "sha512") and
// the base64 digest of a hash-source, and two empty strings otherwise.
func (e Expression) Hash() (alg, digest string) {
	if e.kind == Hash {
		return e.text[1:7], e.text[8 : len(e.text)-1]
	}
	return "", ""
}

// Problem returns why an Invalid expression fits no grammar and the byte
// position of the problem in its text, as Parse's *Error reports them; it
// returns 0 and 0 for an expression of any other kind. The zero Expression,
// which Parse("") returns, is missing its host.
func (e Expression) Problem() (Reason, int) {
	if e.kind == Invalid && e.reason == 0 {
		return EmptyHost, 0
	}
	return e.reason, int(e.pos)
}

// err returns the *Error for an Invalid expression parsed from token, found
// at byte off of a list.
func (e Expression) err(token string, off int) *Error {
	r, pos := e.Problem()
	return &Error{Token: token, Offset: off, Pos: pos, Reason: r}
}

// IsZero reports whether e is the zero Expression.
func (e Expression) IsZero() bool { return e == Expression{} }

// CanMatchURL reports whether an expression of this kind can ever allow a
// URL: only *, scheme-sources, host-sources and 'self' can.
func (e Expression) CanMatchURL() bool {
	switch e.kind {
	case Wildcard, Scheme, Host, Self:
		return true
	}
	return false
}

// String returns the expression in canonical form: keywords, schemes and
// hosts lower-cased, everything else as written. Parsing the result gives an
// identical Expression. An Invalid expression prints its token, with the
// scheme and host lower-cased when they are well-formed (see Lenient); a
// host-source returned by Lenient prints the whole token it was read from.
func (e Expression) String() string { return e.text }

// AppendTo appends the canonical form of e, as String returns it, to b.
func (e Expression) AppendTo(b []byte) []byte { return append(b, e.text...) }
