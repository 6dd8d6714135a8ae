package urlx

import "unicode/utf8"

// appendHost runs the host parser on a non-empty s (for special URLs) or
// any s (for non-special URLs) and appends the serialised host to buf.
func (p *parser) appendHost(b []byte, s string) ([]byte, HostKind, *failure) {
	if s == "" {
		return b, EmptyHost, nil
	}
	if s[0] == '[' {
		if len(s) < 2 || s[len(s)-1] != ']' {
			return b, 0, fail("invalid IPv6 address")
		}
		addr, ok := parseIPv6(s[1 : len(s)-1])
		if !ok {
			return b, 0, fail("invalid IPv6 address")
		}
		return appendIPv6(b, &addr), IPv6, nil
	}
	if !p.special {
		for i := 0; i < len(s); i++ {
			if forbiddenHost(s[i]) {
				return b, 0, forbiddenCodePoint(s[i])
			}
		}
		return appendEncoded(b, s, setC0), Opaque, nil
	}
	return p.appendDomain(b, s)
}

// appendDomain handles the special-URL part of the host parser:
// percent-decode, domain to ASCII, forbidden domain code points and the
// IPv4 parser when the domain ends in a number.
func (p *parser) appendDomain(b []byte, s string) ([]byte, HostKind, *failure) {
	simple := true
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= utf8.RuneSelf || c == '%' {
			simple = false
			break
		}
	}
	if !simple {
		s = percentDecode(s)
		if !isASCII(s) || hasACELabel(s) {
			if !utf8.ValidString(s) {
				return b, 0, fail("invalid UTF-8 in host")
			}
			a, f := domainToASCII(s)
			if f != nil {
				return b, 0, f
			}
			s = a
		}
	} else if hasACELabel(s) {
		a, f := domainToASCII(s)
		if f != nil {
			return b, 0, f
		}
		s = a
	}
	// s is now ASCII; lower-casing is a no-op after IDNA and is exactly
	// domain to ASCII for ASCII input without "xn--" labels.
	if s == "" {
		return b, 0, fail("empty host after IDNA processing")
	}
	start := len(b)
	for i := 0; i < len(s); i++ {
		c := lower(s[i])
		if forbiddenDomain(c) {
			return b[:start], 0, forbiddenCodePoint(c)
		}
		b = append(b, c)
	}
	if endsInNumber(b[start:]) {
		v, ok := parseIPv4(b[start:])
		if !ok {
			return b[:start], 0, fail("invalid IPv4 address")
		}
		return appendIPv4(b[:start], v), IPv4, nil
	}
	return b, Domain, nil
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// hasACELabel reports whether a label of s (split on '.') starts with an
// ASCII case-insensitive "xn--".
func hasACELabel(s string) bool {
	for i := 0; i+4 <= len(s); i++ {
		if (i == 0 || s[i-1] == '.') && s[i]|0x20 == 'x' && s[i+1]|0x20 == 'n' && s[i+2] == '-' && s[i+3] == '-' {
			return true
		}
	}
	return false
}
