package urlx

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/net/idna"
)

func encodePunycode(s string) (string, bool) {
	b, ok := appendPunycode(nil, []rune(s))
	return string(b), ok
}

func TestPunycodeVectors(t *testing.T) {
	for _, tt := range []struct{ unicode, puny string }{
		{"ü", "tda"},
		{"bücher", "bcher-kva"},
		{"faß", "fa-hia"},
		{"ß", "zca"},
		{"ς", "3xa"},
		{"💩", "ls8h"},
		{"☃-⌘", "--dqo34k"},
		{"≠", "1ch"},
		{"א", "4db"},
		{"éééééé", "9caaaaaa"},
		{"a-b", "a-b-"},
	} {
		got, ok := encodePunycode(tt.unicode)
		require.True(t, ok, tt.unicode)
		assert.Equal(t, tt.puny, got, "encode %q", tt.unicode)
		dec, err := decodePunycode(tt.puny, maxLabelCodePoints)
		require.NoError(t, err, tt.puny)
		assert.Equal(t, tt.unicode, string(dec), "decode %q", tt.puny)
	}
}

func TestPunycodeDecodeErrors(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want error
	}{
		{"-", errPunycodeSyntax},            // a '-' at 0 is no delimiter, and no digit
		{"-abc", errPunycodeSyntax},         // likewise
		{"ü-a", errPunycodeSyntax},          // non-ASCII basic code point
		{"a-ü", errPunycodeSyntax},          // non-digit after the delimiter
		{"abc-9", errPunycodeSyntax},        // number cut short
		{"zzzzzzzzzzzz", errPunycodeSyntax}, // the last number is cut short
		{"99999999", errPunycodeOverflow},   // delta past 31 bits
		{"a-99999999999", errPunycodeOverflow},
		{strings.Repeat("a", 1001) + "-9ca", errPunycodeTooLong},
		{"9ca" + strings.Repeat("a", 1000), errPunycodeTooLong},
	} {
		_, err := decodePunycode(tt.in, maxLabelCodePoints)
		assert.ErrorIs(t, err, tt.want, "%q", tt.in)
	}
	// Not errors of Punycode itself: UTS #46 refuses these afterwards.
	for in, want := range map[string]string{"": "", "abc-": "abc", "a": "\u0080"} {
		got, err := decodePunycode(in, maxLabelCodePoints)
		require.NoError(t, err, in)
		assert.Equal(t, want, string(got), in)
	}
}

// randomLabel returns a label of n code points drawn from ASCII, Latin-1,
// CJK and astral ranges, without '.'.
func randomLabel(r *rand.Rand, n int) string {
	pools := [][2]rune{{'a', 'z'}, {'0', '9'}, {0xC0, 0x17F}, {0x4E00, 0x9FFF}, {0x1F300, 0x1F64F}, {0x20000, 0x2A6DF}, {0x80, 0x10FFFF}}
	var b strings.Builder
	for i := 0; i < n; i++ {
		p := pools[r.IntN(len(pools))]
		c := p[0] + rune(r.IntN(int(p[1]-p[0]+1)))
		if c == '.' || 0xD800 <= c && c <= 0xDFFF {
			c = 'x'
		}
		b.WriteRune(c)
	}
	return b.String()
}

// TestPunycodeMatchesXNet compares both directions with golang.org/x/net/idna's
// quadratic Punycode on random labels of up to 300 code points.
func TestPunycodeMatchesXNet(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for i := 0; i < 2000; i++ {
		label := randomLabel(r, 1+r.IntN(300))
		if isASCII(label) {
			continue
		}
		want, err := idna.Punycode.ToASCII(label)
		require.NoError(t, err, "%+q", label)
		got, ok := encodePunycode(label)
		require.True(t, ok)
		require.Equal(t, want, "xn--"+got, "%+q", label)
		dec, derr := decodePunycode(got, maxLabelCodePoints)
		require.NoError(t, derr)
		require.Equal(t, label, string(dec))
	}
}

func FuzzPunycode(f *testing.F) {
	for _, s := range []string{"bücher", "a-b", "💩", "ab--c", "9ca", "zzzz", "-", "a-", "", "xn--ß", "4gqcdefghijklmn"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		// Any string may be decoded; a decoded label encodes back to the
		// same Punycode, its digits (after the last '-') lower-cased.
		if dec, err := decodePunycode(s, maxLabelCodePoints); err == nil && !isASCII(string(dec)) {
			enc, ok := encodePunycode(string(dec))
			p := strings.LastIndexByte(s, '-') + 1
			if !ok || enc != s[:p]+strings.ToLower(s[p:]) {
				t.Fatalf("decode(%q) = %+q encodes to %q (ok %v)", s, string(dec), enc, ok)
			}
		}
		// A label of valid UTF-8 encodes, and decodes back.
		if !strings.ContainsRune(s, '.') && !strings.ContainsRune(s, 0xFFFD) && isValidUTF8Label(s) {
			enc, ok := encodePunycode(s)
			if !ok {
				t.Fatalf("encode(%+q) overflowed", s)
			}
			dec, err := decodePunycode(enc, len(s))
			if err != nil || string(dec) != s {
				t.Fatalf("encode(%+q) = %q decodes to %+q, %v", s, enc, string(dec), err)
			}
		}
	})
}

func isValidUTF8Label(s string) bool {
	return s != "" && strings.ToValidUTF8(s, "\ufffd") == s
}
