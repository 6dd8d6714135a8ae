package urlx

import "strings"

// The fast path recognizes the URLs pages and requests mostly use and
// parses them in one pass: an http, https, ws or wss URL whose host is a
// lower-case ASCII domain (a-z, 0-9, '-', '.', '_'; no "xn--" label, not
// ending in a number) or an IPv4 address written as it is serialized,
// with an optional port that is neither the
// default nor written with leading zeros, and a path, query and fragment
// that need no percent-encoding and have no dot segments. For such a URL
// the href is the input itself, with "/" added when the path is empty.
// Every other input goes to the full parser (parseFull), which stays the
// reference: FuzzFastPath checks that both give the same URL.

// Byte classes of the fast path, as bit flags in fastTable: what each
// component may hold for its href to be the input unchanged.
const (
	fastHost        uint8 = 1 << iota // a-z, 0-9, '-', '_', but not 'x' (see fastHostSpecial)
	fastPath                          // not in the path percent-encode set, not '/' or '\'
	fastQuery                         // not in the special-query percent-encode set (so not '#')
	fastFragment                      // not in the fragment percent-encode set
	fastHostSpecial                   // '.' and 'x', which a host may hold after a check
)

var fastTable = func() (t [256]uint8) {
	for c := 0x21; c < 0x7f; c++ {
		b := byte(c)
		switch {
		case b == '.' || b == 'x':
			t[c] |= fastHostSpecial
		case 'a' <= b && b <= 'z' || isDigit(b) || b == '-' || b == '_':
			t[c] |= fastHost
		}
		if encodeTable[c]&setPath == 0 && b != '/' && b != '\\' {
			t[c] |= fastPath
		}
		if encodeTable[c]&setSpecialQuery == 0 {
			t[c] |= fastQuery
		}
		if encodeTable[c]&setFragment == 0 {
			t[c] |= fastFragment
		}
	}
	return t
}()

// fastParts are the component boundaries the fast path found, as offsets
// into its input.
type fastParts struct {
	hostStart, hostEnd int
	hostKind           HostKind // Domain or IPv4
	port               int      // -1 when absent
	pathStart, pathEnd int      // equal when the path "/" is to be added at pathStart
	queryStart         int      // -1 when the query is null
	queryEnd           int
	fragStart          int // -1 when the fragment is null
}

// fastScheme returns the length of the scheme when s starts with
// "http://", "https://", "ws://" or "wss://", and that scheme's default
// port; n is 0 for anything else.
func fastScheme(s string) (n, defPort int) {
	switch {
	case strings.HasPrefix(s, "https://"):
		return 5, 443
	case strings.HasPrefix(s, "http://"):
		return 4, 80
	case strings.HasPrefix(s, "wss://"):
		return 3, 443
	case strings.HasPrefix(s, "ws://"):
		return 2, 80
	}
	return 0, 0
}

// fastDefaultPort returns the default port of a fast-path scheme given
// without "://", or 0 for any other scheme.
func fastDefaultPort(scheme string) int {
	switch scheme {
	case "http", "ws":
		return 80
	case "https", "wss":
		return 443
	}
	return 0
}

// scanAuthority reads the host and port of s starting at i (after "//")
// and then the rest of s into f; it returns false unless all of it is on
// the fast path.
func scanAuthority(s string, i, defPort int, f *fastParts) bool {
	f.hostStart = i
	label, prev := i, i // starts of the last two labels
	for i < len(s) {
		c := fastTable[s[i]]
		if c&fastHost != 0 {
			i++
			continue
		}
		if c&fastHostSpecial == 0 {
			break
		}
		if s[i] == '.' {
			prev, label = label, i+1
		} else if i == label && strings.HasPrefix(s[i:], "xn--") {
			return false // IDNA decides
		}
		i++
	}
	if i == f.hostStart {
		return false
	}
	// The host ends in a number, and is an IPv4 address or invalid, only
	// if its last label, after dropping one trailing dot, starts with a
	// digit.
	f.hostKind = Domain
	last, lastEnd := label, i
	if label == i {
		last, lastEnd = prev, i-1
	}
	if last < lastEnd && isDigit(s[last]) {
		if !serializedIPv4(s[f.hostStart:i]) {
			return false
		}
		f.hostKind = IPv4
	}
	f.hostEnd = i
	f.port = -1
	if i < len(s) && s[i] == ':' {
		start := i + 1
		n := 0
		for i = start; i < len(s) && isDigit(s[i]) && i-start < 5; i++ {
			n = n*10 + int(s[i]-'0')
		}
		if i == start || s[start] == '0' && i-start > 1 || n > 65535 || n == defPort {
			return false
		}
		f.port = n
	}
	if i == len(s) || s[i] == '?' || s[i] == '#' {
		f.pathStart, f.pathEnd = i, i
		return scanQueryFragment(s, i, f)
	}
	if s[i] != '/' {
		return false
	}
	f.pathStart = i
	return scanPath(s, i, f)
}

// serializedIPv4 reports whether h is an IPv4 address as the host
// parser serializes one: four decimal numbers from 0 to 255 without
// leading zeros, separated by dots.
func serializedIPv4(h string) bool {
	parts := 0
	for i := 0; i < len(h); {
		j, n := i, 0
		for j < len(h) && isDigit(h[j]) && j-i < 3 {
			n = n*10 + int(h[j]-'0')
			j++
		}
		if j == i || n > 255 || h[i] == '0' && j-i > 1 {
			return false
		}
		parts++
		if j == len(h) {
			return parts == 4
		}
		if h[j] != '.' || parts == 4 {
			return false
		}
		i = j + 1
	}
	return false
}

// scanPath reads a path of s starting with the '/' at i, then the rest
// of s.
func scanPath(s string, i int, f *fastParts) bool {
	for i < len(s) && s[i] == '/' {
		i++
		seg := i
		for i < len(s) && fastTable[s[i]]&fastPath != 0 {
			i++
		}
		// Every dot segment (".", "..", "%2e", ".%2E", ...) is short and
		// starts with '.' or '%'.
		if n := i - seg; n > 0 && n <= 6 && (s[seg] == '.' || s[seg] == '%') {
			return false
		}
	}
	f.pathEnd = i
	return scanQueryFragment(s, i, f)
}

// scanQueryFragment reads what follows the path at i: nothing, or a
// query, a fragment or both.
func scanQueryFragment(s string, i int, f *fastParts) bool {
	f.queryStart, f.fragStart = -1, -1
	if i < len(s) && s[i] == '?' {
		i++
		f.queryStart = i
		for i < len(s) && fastTable[s[i]]&fastQuery != 0 {
			i++
		}
		f.queryEnd = i
	}
	if i < len(s) && s[i] == '#' {
		i++
		f.fragStart = i
		for i < len(s) && fastTable[s[i]]&fastFragment != 0 {
			i++
		}
	}
	return i == len(s)
}

// href returns head+s, with "/" inserted at f.pathStart when the path
// is to be added, and moves f's offsets from s to the href; ok is false
// when the href would be longer than MaxLength. head, when not empty,
// is a buffer the href is built in.
func (f *fastParts) href(head []byte, s string) (href string, ok bool) {
	add := 0
	if f.pathStart == f.pathEnd {
		add = 1
	}
	if len(head)+len(s)+add > MaxLength {
		return "", false
	}
	switch {
	case len(head) == 0 && add == 0:
		href = s
	case len(head) == 0:
		href = s[:f.pathStart] + "/" + s[f.pathStart:]
	default:
		b := append(head, s[:f.pathStart]...)
		if add == 1 {
			b = append(b, '/')
		}
		href = string(append(b, s[f.pathStart:]...))
	}
	at := len(head)
	if f.hostEnd > 0 {
		f.hostStart += at
		f.hostEnd += at
	}
	f.pathStart += at
	f.pathEnd += at + add
	at += add
	if f.queryStart >= 0 {
		f.queryStart += at
		f.queryEnd += at
	}
	if f.fragStart >= 0 {
		f.fragStart += at
	}
	return href, true
}

// setURL sets the zero URL u to the URL whose href is href, with f's
// offsets into it; the scheme is its first scheme bytes and a host found
// by scanAuthority is a Domain.
func (f *fastParts) setURL(u *URL, href string, scheme int) {
	u.Scheme = href[:scheme]
	u.Port = f.port
	u.Path = href[f.pathStart:f.pathEnd]
	if f.hostEnd > 0 {
		u.Host, u.HostKind = href[f.hostStart:f.hostEnd], f.hostKind
	}
	if f.queryStart >= 0 {
		u.Query, u.HasQuery = href[f.queryStart:f.queryEnd], true
	}
	if f.fragStart >= 0 {
		u.Fragment, u.HasFragment = href[f.fragStart:], true
	}
}
