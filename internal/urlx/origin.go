package urlx

import "strconv"

// Origin is a URL origin: either a tuple (scheme, host, port) or opaque.
// It is comparable with ==, but use SameOrigin to decide same-origin:
// an opaque origin here has no identity, so two opaque origins are never
// same-origin (the standard compares opaque origins by identity, and each
// parse creates a new one).
type Origin struct {
	Scheme string // lower-case scheme of a tuple origin
	Host   string // serialised host of a tuple origin
	Port   int    // -1 when default/absent
	Opaque bool   // when true the other fields are zero
}

// Origin returns u's origin: a tuple origin for http, https, ws, wss and
// ftp; for blob: the origin of the URL in its path when that URL is
// http or https (a file inner URL gives an opaque origin, as file
// origins are opaque); an opaque origin for everything else.
func (u URL) Origin() Origin {
	switch u.Scheme {
	case "http", "https", "ws", "wss", "ftp":
		return Origin{Scheme: u.Scheme, Host: u.Host, Port: u.Port}
	case "blob":
		inner, err := Parse(u.Path)
		if err == nil && (inner.Scheme == "http" || inner.Scheme == "https" || inner.Scheme == "file") {
			return inner.Origin()
		}
	}
	return Origin{Opaque: true}
}

// SameOrigin reports whether o and p are the same tuple origin. It is
// false if either is opaque.
func (o Origin) SameOrigin(p Origin) bool {
	return !o.Opaque && !p.Opaque && o == p
}

// String returns the ASCII serialisation of the origin,
// e.g. "https://example.com:8443", or "null" when opaque.
func (o Origin) String() string {
	if o.Opaque {
		return "null"
	}
	s := o.Scheme + "://" + o.Host
	if o.Port >= 0 {
		s += ":" + strconv.Itoa(o.Port)
	}
	return s
}
