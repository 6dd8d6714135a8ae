package urlx

import (
	"strings"

	"golang.org/x/net/idna"
)

// idnaMapper runs the UTS #46 mapping and normalization (section 4, steps
// 1 and 2; https://www.unicode.org/reports/tr46/#Processing) with
// Transitional_Processing=false and UseSTD3ASCIIRules=false: ignored code
// points are removed, mapped ones replaced, deviation characters (ß, ς,
// ZWJ, ZWNJ) kept, the result is put in NFC, and a disallowed code point
// is an error. Its validity checks are all off: labelToASCII applies the
// validity criteria itself, to labels it knows the origin of.
var idnaMapper = idna.New(
	idna.MapForLookup(),
	idna.Transitional(false),
	idna.StrictDomainName(false),
	idna.CheckHyphens(false),
	idna.CheckJoiners(false),
	idna.VerifyDNSLength(false),
	idna.RemoveLeadingDots(false),
)

// mapLabel maps one label. golang.org/x/net/idna decodes every label
// that starts with "xn--" once mapped, so the label is given to it behind
// a '0', which is valid, maps to itself and starts no canonical
// decomposition (it never composes with what follows); the '0' is then
// removed. An ASCII label maps to its lower-case form.
func mapLabel(raw string) (string, *failure) {
	if isASCII(raw) {
		return lowerASCII(raw), nil
	}
	if f := refusedCodePoint(raw); f != nil {
		return "", f
	}
	m, err := idnaMapper.ToUnicode("0" + raw)
	if err != nil {
		return "", idnaFail(raw, "disallowed code point", err)
	}
	if !strings.HasPrefix(m, "0") || strings.IndexByte(m, '.') >= 0 {
		return "", idnaFail(raw, "label maps to more than one label", nil)
	}
	return m[1:], nil
}

// lowerASCII returns s with A-Z lower-cased, allocating only when s has
// upper-case letters.
func lowerASCII(s string) string {
	for i := 0; i < len(s); i++ {
		if 'A' <= s[i] && s[i] <= 'Z' {
			b := []byte(s)
			for j := i; j < len(b); j++ {
				b[j] = lower(b[j])
			}
			return string(b)
		}
	}
	return s
}

// refusedCodePoint refuses a label with a code point whose mapping
// changed between Unicode 15.0, the version of golang.org/x/net/idna's
// tables, and the versions browsers use now, where browsers disagree:
// U+1E9E LATIN CAPITAL LETTER SHARP S maps to "ss" up to UTS #46 15.1 and
// to U+00DF since 16.0, so Chromium 156 and Firefox 153 turn "ẞ.de" into
// "xn--zca.de" and WebKitGTK 2.50 (ICU 72) into "ss.de". Accepting it
// either way would decide about a host that one of them does not request.
// (Every other code point gets the same result from the three browsers
// and this package, or one of them refuses it; testdata/idna holds a
// sample, and nodegen/README.md how the whole code space was compared.)
func refusedCodePoint(label string) *failure {
	if strings.Contains(label, "\u1e9e") {
		return idnaFail(label, "U+1E9E LATIN CAPITAL LETTER SHARP S, which browsers map differently", nil)
	}
	return nil
}
