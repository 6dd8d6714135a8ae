package match

import (
	"fmt"
	"strings"

	"github.com/cspkit/cspkit/internal/urlx"
)

// AmbiguousTargetError reports, under the StrictTarget option, a target
// that is neither an absolute URL nor an explicit relative reference, such
// as "api.example.com/v1" or "htps//evil.example": fetch() reads it as a
// path on the page's host, which is rarely what a test meant.
type AmbiguousTargetError struct {
	Target string // the target as given
	Read   string // the URL the page would request (fetch() or any load), "" when there is none
	// Meant is the URL the target reads as on its own, when it has a
	// scheme: "https:/evil.example/x" reads as https://evil.example/x,
	// but relative to an https page it is a path on the page's host.
	Meant string
}

// Error says how the target would be read and what to write instead.
func (e *AmbiguousTargetError) Error() string {
	t := e.Target
	switch {
	case t == "":
		return `ambiguous target "": it is empty; write / for the page's root, or an absolute URL`
	case looksLikeHostPort(t):
		return fmt.Sprintf("ambiguous target %q: it reads as a URL with the scheme %q; write https://%s for a host and port",
			t, t[:strings.IndexByte(t, ':')], t)
	case e.Meant != "":
		return fmt.Sprintf("ambiguous target %q: the page would request %s, a path on the page's host, not %s; write %s",
			t, e.Read, e.Meant, e.Meant)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "ambiguous target %q", t)
	if e.Read != "" {
		fmt.Fprintf(&b, ": the page would request %s, a path on the page's host", e.Read)
	}
	first, _, _ := strings.Cut(t, "/")
	if looksLikeHost(first) {
		fmt.Fprintf(&b, "; write https://%s for that host, or /%s for a path on the page's host", t, t)
	} else {
		fmt.Fprintf(&b, "; write an absolute URL (https://host/path) for another host, or /%s for a path on the page's host", t)
	}
	return b.String()
}

// looksLikeHost reports whether s is a dotted name of letters, digits and
// hyphens, such as api.example.com.
func looksLikeHost(s string) bool {
	if !strings.Contains(s, ".") {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '.') {
			return false
		}
	}
	return true
}

type strictTargetOption struct{}

func (strictTargetOption) apply(c config) config {
	c.strict = true
	return c
}

// StrictTarget makes Connect and Load refuse a target that is neither an
// absolute URL (with a scheme such as https:, followed by // for http,
// https, ws and wss) nor an explicit relative reference (starting with
// "/", "./", "../", "?" or "#", or exactly "." or ".."), with a *URLError
// wrapping an *AmbiguousTargetError; and a page or target whose scheme
// browsers do not know ("htps:"), with a *URLError wrapping an
// *UnknownSchemeError. fetch("evil.example")
// requests a path on the page's own host; in a test that is nearly always
// a typo for https://evil.example. Package csptest and the cspcheck
// command decide with this option.
func StrictTarget() Option { return strictTargetOption{} }

// ambiguity returns why target, which resolved against the page to t (or
// failed with err), is ambiguous, or nil when it is not.
func ambiguity(target string, t urlx.URL, err error) *AmbiguousTargetError {
	read := ""
	if err == nil {
		read = t.String()
	}
	if !explicitTarget(target) {
		return &AmbiguousTargetError{Target: target, Read: read}
	}
	if err == nil && hasScheme(strings.TrimLeft(target, c0Space)) {
		// A special scheme followed by fewer than two slashes is
		// relative to a page of that scheme.
		abs, aerr := urlx.Parse(target)
		if aerr == nil && abs.String() != read {
			return &AmbiguousTargetError{Target: target, Read: read, Meant: abs.String()}
		}
		if aerr != nil && specialWithoutSlashes(target) {
			// "https:://h/x": no URL of its own, a path on the page's
			// host; it was probably meant as https://h/x.
			t := strings.TrimLeft(target, c0Space)
			i := strings.IndexByte(t, ':')
			return &AmbiguousTargetError{Target: target, Read: read, Meant: t[:i] + "://" + strings.TrimLeft(t[i+1:], ":/\\")}
		}
	}
	return nil
}

// c0Space holds the C0 controls and space, which the URL parser strips
// from both ends of its input.
const c0Space = "\x00\x01\x02\x03\x04\x05\x06\x07\x08\t\n\x0b\x0c\r\x0e\x0f\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f "

// explicitTarget reports whether target is an absolute URL or an explicit
// relative reference, after the leading C0 controls and spaces the URL
// parser strips.
func explicitTarget(target string) bool {
	t := strings.TrimLeft(target, c0Space)
	switch {
	case t == "":
		return false
	case t == "." || t == "..":
		return true
	}
	for _, p := range [...]string{"/", "./", "../", "?", "#"} {
		if strings.HasPrefix(t, p) {
			return true
		}
	}
	return hasScheme(t) && !looksLikeHostPort(t)
}

// hasScheme reports whether s starts with a URL scheme and ":".
func hasScheme(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z':
		case i > 0 && (c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.'):
		case i > 0 && c == ':':
			return true
		default:
			return false
		}
	}
	return false
}

// looksLikeHostPort reports whether s, which starts with a scheme, is more
// likely a host and port without a scheme: "localhost:3000/api",
// "api.example.com:8443".
func looksLikeHostPort(s string) bool {
	i := strings.IndexByte(s, ':')
	if i < 0 || !hasScheme(s) {
		return false
	}
	rest := s[i+1:]
	return strings.Contains(s[:i], ".") || rest != "" && rest[0] >= '0' && rest[0] <= '9'
}
