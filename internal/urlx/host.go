package urlx

import (
	"unicode/utf8"

	"golang.org/x/net/idna"
)

// idnaProfile is UTS #46 ToASCII with the options of the URL Standard's
// "domain to ASCII" with beStrict=false: CheckHyphens=false,
// CheckBidi=true, CheckJoiners=true, UseSTD3ASCIIRules=false,
// Transitional_Processing=false, VerifyDnsLength=false. Options are
// applied in order, so the ones after MapForLookup override its defaults.
var idnaProfile = idna.New(
	idna.MapForLookup(),
	idna.BidiRule(),
	idna.Transitional(false),
	idna.StrictDomainName(false),
	idna.CheckHyphens(false),
	idna.CheckJoiners(true),
	idna.VerifyDNSLength(false),
	idna.RemoveLeadingDots(false),
)

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
			a, f := toASCII(s)
			if f != nil {
				return b, 0, f
			}
			s = a
		}
	} else if hasACELabel(s) {
		a, f := toASCII(s)
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

// maxDecodableLabel is the longest xn-- label that x/net/idna can always
// decode: its Punycode decoder refuses output of 1024 code points or
// more, and a label decodes to at most one code point per byte.
const maxDecodableLabel = len("xn--") + 1023

// toASCII runs UTS #46 ToASCII. A result whose Punycode labels x/net/idna
// could not decode again (more than 1023 code points in a label; the
// encoder has no such limit) is rejected so that every href this package
// returns can be parsed again.
func toASCII(s string) (string, *failure) {
	a, err := idnaProfile.ToASCII(s)
	if err != nil {
		return "", &failure{reason: "IDNA: " + err.Error(), err: err}
	}
	if longestLabel(a) > maxDecodableLabel {
		if _, err := idnaProfile.ToASCII(a); err != nil {
			return "", &failure{reason: "IDNA: label too long to decode again", err: err}
		}
	}
	return a, nil
}

// longestLabel returns the length of the longest '.'-separated label.
func longestLabel(s string) int {
	longest, n := 0, 0
	for i := 0; i < len(s); i++ {
		if s[i] == '.' {
			n = 0
			continue
		}
		n++
		longest = max(longest, n)
	}
	return longest
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
