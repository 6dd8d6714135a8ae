package urlx

import (
	"errors"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// cjk returns n distinct code points from U+4E00 on.
func cjk(n int) string {
	var b strings.Builder
	for i := 0; i < n; i++ {
		b.WriteRune(rune(0x4E00 + i))
	}
	return b.String()
}

// TestDomainToASCII pins each step and validity criterion of UTS #46 as the
// URL Standard uses it: the host of https://<in>/ is want, or parsing
// fails with an *IDNAError for rule (or another *Error when rule is "").
func TestDomainToASCII(t *testing.T) {
	for _, tt := range []struct {
		in, want, rule string
	}{
		// mapping, normalization, label separators
		{in: "Bücher.Example", want: "xn--bcher-kva.example"},
		{in: "a_b.ü", want: "a_b.xn--tda"},
		{in: "faß.de", want: "xn--fa-hia.de"}, // deviation characters are kept
		{in: "ς.com", want: "xn--3xa.com"},
		{in: "ｅｘａｍｐｌｅ．ｃｏｍ", want: "example.com"},
		{in: "a。b．c｡d", want: "a.b.c.d"},
		{in: "a\u00adb.ü", want: "ab.xn--tda"},   // ignored
		{in: "e\u0301.com", want: "xn--9ca.com"}, // NFC
		{in: "≠", want: "xn--1ch"},               // UseSTD3ASCIIRules=false
		{in: "a..ü", want: "a..xn--tda"},         // VerifyDnsLength=false
		{in: "ü.com.", want: "xn--tda.com."},
		{in: "a\u2488b", rule: "disallowed code point"},
		{in: "ẞ.de", rule: "U+1E9E LATIN CAPITAL LETTER SHARP S, which browsers map differently"},
		{in: "<\u0338", rule: ""},                                                              // '<' before mapping: forbidden, as in Chromium
		{in: "a" + strings.Repeat("\u0301", 30), want: "xn--1ca20i" + strings.Repeat("a", 28)}, // as the browsers
		{in: "a" + strings.Repeat("\u0301", 31), rule: "U+034F COMBINING GRAPHEME JOINER, or more than 30 combining marks in a row"},
		// Punycode labels (section 4, step 4.1)
		{in: "XN--BCHER-KVA.de", want: "xn--bcher-kva.de"},
		{in: "ｘｎ--bcher-kva", want: "xn--bcher-kva"},
		{in: "\u00adxn--bcher-kva", want: "xn--bcher-kva"},
		{in: "xn--.api.example.com", rule: "Punycode label decodes to nothing"},
		{in: "evil.xn--.api.example.com", rule: "Punycode label decodes to nothing"},
		{in: "a.xn--", rule: "Punycode label decodes to nothing"},
		{in: "xn--abc-", rule: "Punycode label decodes to ASCII only"},
		{in: "xn--ASCII-", rule: "Punycode label decodes to ASCII only"},
		{in: "xn--ü-", rule: "non-ASCII character in a Punycode label"},
		{in: "xn--a-", rule: "Punycode label decodes to ASCII only"},
		{in: "xn---", rule: "invalid Punycode"},
		{in: "xn--99999999", rule: "invalid Punycode"},
		{in: "xn--xn---epa", rule: "label decoded from Punycode begins with \"xn--\""},     // criterion 4
		{in: "xn--wca", rule: "label not in NFC or with a code point that is not valid"},   // "Ü": mapped, criterion 7
		{in: "xn--e-xbb", rule: "label not in NFC or with a code point that is not valid"}, // "e\u0301": criterion 1
		{in: "xn--a-wbb", rule: "label breaks a validity criterion"},                       // leading U+0301: criterion 6
		{in: "xn--ab-j1t", rule: "label breaks a validity criterion"},                      // "a\u200cb": criterion 8
		{in: "xn--a", rule: "label breaks a validity criterion"},                           // U+0080: criterion 7
		// the Bidi Rule (criterion 9), on the labels after mapping
		{in: "ℵx.com", rule: "Bidi Rule (RFC 5893) broken"},
		{in: "xn--x-zhc.com", rule: "Bidi Rule (RFC 5893) broken"},
		{in: "1.א", rule: "Bidi Rule (RFC 5893) broken"},
		{in: "א.1", rule: "Bidi Rule (RFC 5893) broken"},
		{in: "a.١", rule: "Bidi Rule (RFC 5893) broken"},
		{in: "a.א", want: "a.xn--4db"},
		{in: "ℵ.com", want: "xn--4db.com"},
		{in: "ا١", want: "xn--mgb0j"},
		// joiners (criterion 8)
		{in: "a\u200db", rule: "label breaks a validity criterion"},
		{in: "क्\u200d", want: "xn--11b6iy14e"},
		{in: "ل\u200cا", want: "xn--mgb1ds31i"},
		{in: "\u0301a", rule: "label breaks a validity criterion"},
		// lengths
		{in: strings.Repeat("é", 1000), want: "xn--9ca" + strings.Repeat("a", 999)},
		{in: strings.Repeat("é", 1001), rule: "label of more than 1000 code points"},
		{in: "xn--9ca" + strings.Repeat("a", 1000), rule: "Punycode label decodes to more than 1000 code points"},
		{in: "xn--" + strings.Repeat("a", 1997) + "-9ca", rule: "Punycode label longer than 2000 characters"},
		{in: cjk(1000), rule: "Punycode form longer than 2000 characters"},
		{in: strings.Repeat("a", 1263) + ".é", want: strings.Repeat("a", 1263) + ".xn--9ca"},
		{in: strings.Repeat("a", 1264) + ".é", rule: "host with non-ASCII code points longer than 1265 UTF-16 code units"},
		{in: strings.Repeat("\u00ad", 1300) + "a", rule: "host with non-ASCII code points longer than 1265 UTF-16 code units"},
		{in: strings.Repeat("a", 2040) + ".xn--9ca", want: strings.Repeat("a", 2040) + ".xn--9ca"},
		{in: strings.Repeat("a", 2041) + ".xn--9ca", rule: "host with an \"xn--\" label longer than 2048 characters"},
		{in: strings.Repeat("\ufdfa", 60), rule: "label of more than 1000 code points"}, // 18 code points each once mapped
	} {
		u, err := Parse("https://" + tt.in + "/")
		if tt.want != "" {
			if assert.NoError(t, err, "%+q", tt.in) {
				assert.Equal(t, tt.want, u.Host, "%+q", tt.in)
			}
			continue
		}
		var e *Error
		require.ErrorAs(t, err, &e, "%+q gave %q", tt.in, u.Host)
		var ie *IDNAError
		if tt.rule == "" {
			assert.False(t, errors.As(err, &ie), "%+q: %v", tt.in, err)
			continue
		}
		if assert.ErrorAs(t, err, &ie, "%+q: %v", tt.in, err) {
			assert.Equal(t, tt.rule, ie.Rule, "%+q", tt.in)
			assert.Equal(t, "IDNA: "+ie.Rule+": "+QuoteInput(ie.Label), ie.Error())
			assert.Equal(t, ie.Error(), e.Reason)
		}
	}
}

// TestIDNAErrorUnwrap checks that a failure found by golang.org/x/net/idna
// keeps its error, and one found here has none.
func TestIDNAErrorUnwrap(t *testing.T) {
	_, err := Parse("https://a\u2488b/")
	var ie *IDNAError
	require.ErrorAs(t, err, &ie)
	assert.Error(t, ie.Unwrap())
	_, err = Parse("https://xn--/")
	require.ErrorAs(t, err, &ie)
	assert.NoError(t, ie.Unwrap())
}

// TestIDNAHostsReparse checks that every host returned parses again to
// itself, at the limits too.
func TestIDNAHostsReparse(t *testing.T) {
	for _, in := range []string{strings.Repeat("é", 1000), cjk(600), "ß.ς.xn--zca", strings.Repeat("a", 1263) + ".é",
		"a" + strings.Repeat("\u0301", 30), "ا١.a", "xn--11b6iy14e", "xn--mgb1ds31i"} {
		u, err := Parse("https://" + in + "/")
		require.NoError(t, err, "%+q", in)
		v, err := Parse(u.String())
		require.NoError(t, err, u.String())
		assert.Equal(t, u, v)
	}
}
