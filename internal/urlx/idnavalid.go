package urlx

import (
	"strings"
	"unicode/utf8"

	"golang.org/x/net/idna"
)

// idnaValidator checks the validity criteria that need Unicode data: its
// mapping leaves a label unchanged only when the label is in NFC
// (criterion 1) and every code point has status valid or deviation
// (criterion 7, Nontransitional Processing); with CheckJoiners it refuses
// a label that starts with a combining mark (criterion 6) or breaks the
// ContextJ rules of RFC 5892 Appendix A (criterion 8).
var idnaValidator = idna.New(
	idna.MapForLookup(),
	idna.Transitional(false),
	idna.StrictDomainName(false),
	idna.CheckHyphens(false),
	idna.CheckJoiners(true),
	idna.VerifyDNSLength(false),
	idna.RemoveLeadingDots(false),
)

// checkLabel applies the validity criteria of UTS #46 section 4.1
// (https://www.unicode.org/reports/tr46/#Validity_Criteria) with
// CheckHyphens=false, UseSTD3ASCIIRules=false and CheckJoiners=true to a
// non-ASCII label u in its Unicode form, mapped or decoded from Punycode;
// criterion 9 (CheckBidi) is checked on the whole domain by checkBidi. It
// also refuses labels of more than maxLabelCodePoints code points.
func checkLabel(u string) *failure {
	switch {
	case strings.HasPrefix(u, "xn--"):
		// criterion 4 (Unicode 15.1): without CheckHyphens, a label must
		// not begin with "xn--"; only a decoded label can.
		return idnaFail(u, "label decoded from Punycode begins with \"xn--\"", nil)
	case strings.IndexByte(u, '.') >= 0:
		return idnaFail(u, "label contains U+002E FULL STOP", nil) // criterion 5
	case strings.Contains(u, "\u034f"):
		// U+034F COMBINING GRAPHEME JOINER is ignored by the mapping, so
		// no valid label has it (criterion 7); golang.org/x/text's NFC
		// inserts it after 30 combining marks in a row (the Stream-Safe
		// Text Format, UAX #15 section 13), which a label validated by
		// that NFC would then keep.
		return idnaFail(u, "U+034F COMBINING GRAPHEME JOINER, or more than 30 combining marks in a row", nil)
	case runeCountAbove(u, maxLabelCodePoints):
		return idnaFail(u, "label of more than 1000 code points", nil)
	}
	v, err := idnaValidator.ToUnicode(u)
	if err != nil {
		return idnaFail(u, "label breaks a validity criterion", err)
	}
	if v != u {
		return idnaFail(u, "label not in NFC or with a code point that is not valid", nil)
	}
	return nil
}

// runeCountAbove reports whether s has more than n code points; it does
// not decode s when s has at most n bytes.
func runeCountAbove(s string, n int) bool {
	if len(s) <= n {
		return false
	}
	return utf8.RuneCountInString(s) > n
}
