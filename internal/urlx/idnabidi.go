package urlx

import "golang.org/x/net/idna"

// idnaBidi checks the Bidi Rule of RFC 5893 section 2 on every label
// when the domain has a label with a code point of bidi class R, AL or AN
// (a "Bidi domain name"). Given labels that are already mapped, its
// mapping changes nothing, so it judges the code points the labels
// really have; golang.org/x/net/idna on its own judges a mapped code
// point by the code point it was mapped from (U+2135 ALEF SYMBOL, class L,
// maps to U+05D0 HEBREW LETTER ALEF, class R).
var idnaBidi = idna.New(
	idna.MapForLookup(),
	idna.BidiRule(),
	idna.Transitional(false),
	idna.StrictDomainName(false),
	idna.CheckHyphens(false),
	idna.CheckJoiners(false),
	idna.VerifyDNSLength(false),
	idna.RemoveLeadingDots(false),
)

// checkBidi applies UTS #46 validity criterion 9 with CheckBidi=true
// (https://www.unicode.org/reports/tr46/#Validity_Criteria) to a domain
// given in its Unicode form: every label mapped or decoded from Punycode,
// none starting with "xn--". A domain that is all ASCII has no
// right-to-left label and passes.
func checkBidi(unicode string) *failure {
	if isASCII(unicode) {
		return nil
	}
	if _, err := idnaBidi.ToUnicode(unicode); err != nil {
		return idnaFail(unicode, "Bidi Rule (RFC 5893) broken", err)
	}
	return nil
}
