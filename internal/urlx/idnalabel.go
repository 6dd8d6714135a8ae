package urlx

import (
	"errors"
	"strings"
)

// labelToASCII maps one label and returns its ASCII form (as in the href)
// and its Unicode form (for the Bidi Rule): UTS #46 section 4, step 4
// (https://www.unicode.org/reports/tr46/#ProcessingStepPunycode), then
// the Punycode conversion of ToASCII step 3
// (https://www.unicode.org/reports/tr46/#ToASCII).
func labelToASCII(raw string) (ascii, unicode string, f *failure) {
	m, f := mapLabel(raw)
	if f != nil {
		return "", "", f
	}
	if strings.HasPrefix(m, "xn--") {
		u, f := decodeACELabel(m)
		return m, u, f
	}
	if isASCII(m) {
		// Lower-case ASCII meets every validity criterion when
		// CheckHyphens and UseSTD3ASCIIRules are false.
		return m, m, nil
	}
	if f := checkLabel(m); f != nil {
		return "", "", f
	}
	a, f := encodeLabel(m)
	return a, m, f
}

// decodeACELabel converts a mapped label that starts with "xn--" to
// Unicode (section 4, step 4.1, as revised in Unicode 15.1): it must be
// ASCII, decode as Punycode, decode to something that is not empty and not
// all ASCII, and meet the validity criteria. The label keeps its Punycode
// form in the href.
func decodeACELabel(m string) (string, *failure) {
	if !isASCII(m) {
		return "", idnaFail(m, "non-ASCII character in a Punycode label", nil)
	}
	if len(m)-len("xn--") > maxPunycodeLength {
		return "", idnaFail(m, "Punycode label longer than 2000 characters", nil)
	}
	cps, err := decodePunycode(m[len("xn--"):], maxLabelCodePoints)
	switch {
	case errors.Is(err, errPunycodeTooLong):
		return "", idnaFail(m, "Punycode label decodes to more than 1000 code points", err)
	case err != nil:
		return "", idnaFail(m, "invalid Punycode", err)
	case len(cps) == 0:
		return "", idnaFail(m, "Punycode label decodes to nothing", nil)
	}
	u := string(cps)
	if isASCII(u) {
		return "", idnaFail(m, "Punycode label decodes to ASCII only", nil)
	}
	if f := checkLabel(u); f != nil {
		return "", f
	}
	return u, nil
}

// encodeLabel returns "xn--" and the Punycode encoding of u, a non-ASCII
// label that meets the validity criteria.
func encodeLabel(u string) (string, *failure) {
	b := make([]byte, 0, len("xn--")+len(u)+8)
	b = append(b, "xn--"...)
	b, ok := appendPunycode(b, []rune(u))
	if !ok {
		return "", idnaFail(u, "Punycode overflow", nil)
	}
	if len(b)-len("xn--") > maxPunycodeLength {
		return "", idnaFail(u, "Punycode form longer than 2000 characters", nil)
	}
	return string(b), nil
}
