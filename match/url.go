package match

import (
	"fmt"

	"github.com/cspkit/cspkit/internal/urlx"
)

// URL is a URL parsed as browsers parse it (the WHATWG URL standard): scheme
// and host lower-cased, international host names converted to punycode,
// IPv4 forms normalised, default ports dropped, dot segments removed. The
// zero URL is not valid; a URL is immutable.
type URL struct {
	u urlx.URL
}

// ParseURL parses an absolute URL. The error is a *URLError.
func ParseURL(raw string) (URL, error) {
	u, err := urlx.Parse(raw)
	if err != nil {
		return URL{}, &URLError{Role: "url", Input: raw, Err: err}
	}
	return URL{u: u}, nil
}

// ParseRef parses ref relative to base, as fetch(ref) on a page at base
// does: "/api", "../x", "//host/p" and absolute URLs are all accepted. The
// error is a *URLError.
func (base URL) ParseRef(ref string) (URL, error) {
	if !base.IsValid() {
		return ParseURL(ref)
	}
	u, err := urlx.ParseRef(base.u, ref)
	if err != nil {
		return URL{}, &URLError{Role: "url", Input: ref, Err: err}
	}
	return URL{u: u}, nil
}

// MustParseURL is like ParseURL but panics on error; it is meant for tests.
func MustParseURL(raw string) URL {
	u, err := ParseURL(raw)
	if err != nil {
		panic(err)
	}
	return u
}

// IsValid reports whether u was produced by a successful parse.
func (u URL) IsValid() bool { return u.u.Scheme != "" }

// String returns the URL's WHATWG serialisation (its href).
func (u URL) String() string {
	if !u.IsValid() {
		return ""
	}
	return u.u.String()
}

// Scheme returns the lower-case scheme without ":".
func (u URL) Scheme() string { return u.u.Scheme }

// Host returns the serialised host: a lower-case punycode domain, a dotted
// IPv4 address, a bracketed IPv6 address, an opaque host, or "" when the URL
// has none.
func (u URL) Host() string { return u.u.Host }

// Port returns the URL's port, or -1 when it has none, it is the scheme's
// default port, or u is the zero URL.
func (u URL) Port() int {
	if !u.IsValid() {
		return -1
	}
	return u.u.Port
}

// Path returns the serialised path, percent-escapes included.
func (u URL) Path() string { return u.u.Path }

// Origin returns the serialised origin, such as "https://example.com:8443",
// or "null" for an opaque origin.
func (u URL) Origin() string { return u.u.Origin().String() }

// URLError reports a URL that cannot be parsed. A decision is never made
// about such a URL: it is neither allowed nor blocked.
type URLError struct {
	Role  string // "page" or "target", or "url" for ParseURL
	Input string // the URL as given
	Err   error  // the cause
}

// Error names the URL, its role and why it cannot be parsed.
func (e *URLError) Error() string {
	if e.Err == nil {
		return fmt.Sprintf("match: invalid %s URL %s", e.Role, urlx.QuoteInput(e.Input))
	}
	cause := e.Err.Error()
	switch err := e.Err.(type) {
	case *urlx.Error:
		cause = err.Reason
	case *AmbiguousTargetError:
		return "match: " + cause
	}
	if e.Role == "url" {
		return fmt.Sprintf("match: invalid URL %s: %s", urlx.QuoteInput(e.Input), cause)
	}
	return fmt.Sprintf("match: invalid %s URL %s: %s", e.Role, urlx.QuoteInput(e.Input), cause)
}

// Unwrap returns the cause.
func (e *URLError) Unwrap() error { return e.Err }
