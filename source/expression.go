package source

// Expression is one parsed source expression. The zero value is an Invalid
// expression with empty text. Expressions are comparable: two expressions
// are == exactly when they print the same.
type Expression struct {
	kind    Kind
	scheme  string // lower case; Scheme and optionally Host
	host    string // lower case host-part, including a leading "*." or "*"
	port    string // port-part as written: digits or "*"; "" when absent
	portNum int32  // decimal value of port; see the port* constants
	path    string // path-part as written, "" when absent
	text    string // Keyword: lower-case name; Nonce/Hash: value; Invalid: raw token
	alg     string // Hash: lower-case algorithm, e.g. "sha256"
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
func (e Expression) Scheme() string { return e.scheme }

// Host returns the lower-case host-part of a host-source, such as
// "api.example.com", "*.example.com" or "*", and "" for other kinds.
func (e Expression) Host() string { return e.host }

// HostWildcard reports whether the host-part starts with "*.", so that it
// matches sub-domains of the rest but not the rest itself.
func (e Expression) HostWildcard() bool {
	return len(e.host) > 2 && e.host[0] == '*' && e.host[1] == '.'
}

// Port returns the port-part of a host-source as written ("8443", "080" or
// "*"), and "" when the expression has none.
func (e Expression) Port() string { return e.port }

// PortNumber returns the decimal value of a numeric port-part. ok is false
// when the port is absent, "*", or larger than 65535 (such a port can never
// match a URL).
func (e Expression) PortNumber() (port int, ok bool) {
	if e.port == "" || e.portNum < 0 {
		return 0, false
	}
	return int(e.portNum), true
}

// PortWildcard reports whether the port-part is "*".
func (e Expression) PortWildcard() bool { return e.portNum == portWildcard }

// Path returns the path-part of a host-source as written, percent-escapes
// included, and "" when it has none.
func (e Expression) Path() string { return e.path }

// Keyword returns the lower-case name of a keyword-source without quotes,
// such as "unsafe-inline"; for None and Self it returns "none" and "self".
func (e Expression) Keyword() string {
	switch e.kind {
	case None:
		return "none"
	case Self:
		return "self"
	case Keyword:
		return e.text
	}
	return ""
}

// Nonce returns the base64 value of a nonce-source, and "" otherwise.
func (e Expression) Nonce() string {
	if e.kind == Nonce {
		return e.text
	}
	return ""
}

// Hash returns the lower-case algorithm ("sha256", "sha384" or "sha512") and
// the base64 digest of a hash-source, and two empty strings otherwise.
func (e Expression) Hash() (alg, digest string) {
	if e.kind == Hash {
		return e.alg, e.text
	}
	return "", ""
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
// identical Expression. An Invalid expression prints its original token.
func (e Expression) String() string {
	switch e.kind {
	case None:
		return "'none'"
	case Self:
		return "'self'"
	case Wildcard:
		return "*"
	case Scheme:
		return e.scheme + ":"
	case Keyword:
		return "'" + e.text + "'"
	case Nonce:
		return "'nonce-" + e.text + "'"
	case Hash:
		return "'" + e.alg + "-" + e.text + "'"
	case Host:
		return string(e.AppendTo(make([]byte, 0, len(e.scheme)+3+len(e.host)+1+len(e.port)+len(e.path))))
	}
	return e.text
}

// AppendTo appends the canonical form of e, as String returns it, to b.
func (e Expression) AppendTo(b []byte) []byte {
	if e.kind != Host {
		return append(b, e.String()...)
	}
	if e.scheme != "" {
		b = append(b, e.scheme...)
		b = append(b, "://"...)
	}
	b = append(b, e.host...)
	if e.port != "" {
		b = append(b, ':')
		b = append(b, e.port...)
	}
	return append(b, e.path...)
}
