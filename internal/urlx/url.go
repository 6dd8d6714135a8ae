package urlx

import "strconv"

// HostKind says what kind of host a URL has (WHATWG URL "host" types).
type HostKind uint8

// The host kinds of the URL Standard, plus NoHost for a null host.
const (
	NoHost    HostKind = iota // host is null (data:, blob:, mailto:, "foo:bar")
	Domain                    // ASCII domain after IDNA, lower-case, trailing dot kept
	IPv4                      // serialised dotted quad
	IPv6                      // serialised with brackets, compressed per the URL standard, e.g. "[::1]"
	Opaque                    // opaque host of a non-special URL ("myapp://Host" -> "Host", percent-encoded)
	EmptyHost                 // empty host ("file:///x", "myapp:///x")
)

// String returns the name of the host kind, e.g. "Domain".
func (k HostKind) String() string {
	switch k {
	case NoHost:
		return "NoHost"
	case Domain:
		return "Domain"
	case IPv4:
		return "IPv4"
	case IPv6:
		return "IPv6"
	case Opaque:
		return "Opaque"
	case EmptyHost:
		return "EmptyHost"
	}
	return "HostKind(" + strconv.Itoa(int(k)) + ")"
}

// URL is a parsed URL record. All string fields are already serialised
// (percent-encoded, lower-cased where the standard says so); String
// joins them back into the href.
type URL struct {
	Scheme      string   // lower-case, no ':'
	Host        string   // serialised host ("" when NoHost/EmptyHost)
	Path        string   // URL path serialisation, or the opaque path when OpaquePath
	Query       string   // without '?', "" if none; HasQuery tells null from empty
	Fragment    string   // without '#'
	Username    string   // percent-encoded as the standard does
	Password    string   // percent-encoded as the standard does
	Port        int      // -1 when absent or equal to the scheme's default port
	HostKind    HostKind // what kind of host Host is
	OpaquePath  bool     // the URL has an opaque path (cannot-be-a-base URL)
	HasQuery    bool     // the query is non-null
	HasFragment bool     // the fragment is non-null
}

// Parse parses s as an absolute URL with the WHATWG basic URL parser (no
// base). It fails with an *Error when s has no scheme or is otherwise
// invalid.
func Parse(s string) (URL, error) {
	var u URL
	if parseFast(s, nil, &u) {
		return u, nil
	}
	return parseFull(s, nil)
}

// ParseRef parses ref with base as the base URL, per the WHATWG basic URL
// parser: relative references ("/api", "api", "../x", "//h/p", "?q",
// "#f", "https:x" when base is https, ...) are resolved against base and
// absolute references are parsed as is. A zero base (empty Scheme) is
// treated as no base. Errors are *Error values naming ref.
func ParseRef(base URL, ref string) (URL, error) {
	b := &base
	if base.Scheme == "" {
		b = nil
	}
	var u URL
	if parseFast(ref, b, &u) {
		return u, nil
	}
	return parseFull(ref, b)
}

// String returns the WHATWG href serialisation of u.
func (u URL) String() string {
	n := len(u.Scheme) + 1 + len(u.Path) + len(u.Query) + len(u.Fragment) + 2
	if u.HostKind != NoHost {
		n += 2 + len(u.Username) + len(u.Password) + 2 + len(u.Host) + 6
	} else {
		n += 2
	}
	b := make([]byte, 0, n)
	b = append(b, u.Scheme...)
	b = append(b, ':')
	if u.HostKind != NoHost {
		b = append(b, '/', '/')
		if u.Username != "" || u.Password != "" {
			b = append(b, u.Username...)
			if u.Password != "" {
				b = append(b, ':')
				b = append(b, u.Password...)
			}
			b = append(b, '@')
		}
		b = append(b, u.Host...)
		if u.Port >= 0 {
			b = append(b, ':')
			b = strconv.AppendInt(b, int64(u.Port), 10)
		}
	} else if !u.OpaquePath && len(u.Path) > 1 && u.Path[0] == '/' && u.Path[1] == '/' {
		b = append(b, '/', '.')
	}
	b = append(b, u.Path...)
	if u.HasQuery {
		b = append(b, '?')
		b = append(b, u.Query...)
	}
	if u.HasFragment {
		b = append(b, '#')
		b = append(b, u.Fragment...)
	}
	return string(b)
}
