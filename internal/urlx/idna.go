package urlx

import "strings"

// domainToASCII is the URL Standard's domain to ASCII with beStrict=false
// (https://url.spec.whatwg.org/#concept-domain-to-ascii): UTS #46 ToASCII
// (https://www.unicode.org/reports/tr46/#ToASCII) with CheckHyphens=false,
// CheckBidi=true, CheckJoiners=true, UseSTD3ASCIIRules=false,
// Transitional_Processing=false, VerifyDnsLength=false and
// IgnoreInvalidPunycode=false. host must be valid UTF-8. Every error UTS #46
// records fails the host; so do hosts and labels beyond the limits of
// idnalimit.go, and the code points of refusedCodePoint.
// The caller checks for an empty result and forbidden code points.
//
// Each label is mapped on its own (section 4, steps 1 to 3, see
// mapLabel), converted or validated (step 4, see labelToASCII), and the
// Bidi Rule is checked on the whole domain at the end (validity criterion
// 9, see checkBidi).
func domainToASCII(host string) (string, *failure) {
	s := host
	switch {
	case !isASCII(s) && utf16Above(s, maxIDNAHostUTF16):
		return "", idnaFail(s, "host with non-ASCII code points longer than 1265 UTF-16 code units", nil)
	case len(s) > maxIDNAHostASCII && isASCII(s):
		return "", idnaFail(s, "host with an \"xn--\" label longer than 2048 characters", nil)
	}
	// The URL Standard checks for forbidden domain code points after
	// domain to ASCII, by which time '<' or '>' followed by U+0338
	// COMBINING LONG SOLIDUS OVERLAY has become U+226E or U+226F;
	// Chromium 156 checks the host before, and refuses it.
	for i := 0; i < len(s); i++ {
		if forbiddenDomain(s[i]) {
			return "", forbiddenCodePoint(s[i])
		}
	}
	var ascii, unicode strings.Builder
	ascii.Grow(len(s) + 8)
	unicode.Grow(len(s))
	for {
		raw, rest, more := cutLabel(s)
		a, u, f := labelToASCII(raw)
		if f != nil {
			return "", f
		}
		ascii.WriteString(a)
		unicode.WriteString(u)
		if !more {
			break
		}
		ascii.WriteByte('.')
		unicode.WriteByte('.')
		s = rest
	}
	if ascii.Len() > maxIDNAHostASCII {
		return "", idnaFail(host, "host whose ASCII form is longer than 2048 characters", nil)
	}
	if f := checkBidi(unicode.String()); f != nil {
		return "", f
	}
	return ascii.String(), nil
}

// cutLabel splits s at its first label separator: U+002E FULL STOP or
// one of the code points that UTS #46 maps to it (U+3002 IDEOGRAPHIC FULL
// STOP, U+FF0E FULLWIDTH FULL STOP, U+FF61 HALFWIDTH IDEOGRAPHIC FULL
// STOP). No other code point maps to a string containing U+002E (the
// others that did before Unicode 16, such as U+2488 DIGIT ONE FULL STOP,
// are disallowed), so splitting before mapping gives the labels of
// section 4, step 3.
func cutLabel(s string) (label, rest string, found bool) {
	for i := 0; i < len(s); i++ {
		switch {
		case s[i] == '.':
			return s[:i], s[i+1:], true
		case s[i] == 0xE3 && i+2 < len(s) && s[i+1] == 0x80 && s[i+2] == 0x82, // U+3002
			s[i] == 0xEF && i+2 < len(s) && s[i+1] == 0xBC && s[i+2] == 0x8E, // U+FF0E
			s[i] == 0xEF && i+2 < len(s) && s[i+1] == 0xBD && s[i+2] == 0xA1: // U+FF61
			return s[:i], s[i+3:], true
		}
	}
	return s, "", false
}
