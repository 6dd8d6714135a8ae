package match

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
)

func TestDecodePath(t *testing.T) {
	tests := []struct {
		in                     string
		bytes, latin1, replace string
	}{
		{"/a%20b/", "/a b/", "/a b/", "/a b/"},
		{"/%C3%A9/", "/\xc3\xa9/", "/é/", "/é/"},
		{"/%E9/", "/\xe9/", "/é/", "/\uFFFD/"},
		{"/%FF/", "/\xff/", "/ÿ/", "/\uFFFD/"},
		{"/%C3%A9/%FF", "/\xc3\xa9/\xff", "/Ã©/ÿ", "/é/\uFFFD"},
		{"/%E2%82", "/\xe2\x82", "/â\u0082", "/\uFFFD"},       // one maximal subpart
		{"/%E2%82%41", "/\xe2\x82A", "/â\u0082A", "/\uFFFDA"}, // then ASCII
		{"/%F0%9F%98%80", "/\U0001F600", "/\U0001F600", "/\U0001F600"},
		{"/%zz%4", "/%zz%4", "/%zz%4", "/%zz%4"},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.bytes, decodePath(tt.in, escapeBytes), "bytes %s", tt.in)
		assert.Equal(t, tt.latin1, decodePath(tt.in, escapeUTF8OrLatin1), "latin1 %s", tt.in)
		assert.Equal(t, tt.replace, decodePath(tt.in, escapeUTF8Replacing), "replacing %s", tt.in)
	}
	assert.True(t, hasHighEscape("/a/%e9"))
	assert.False(t, hasHighEscape("/a/%7F%41%"))
}

// FuzzDecodePath checks the decoders' invariants: the UTF-8 rules yield
// valid UTF-8, and on paths whose escapes are all ASCII every rule reads
// the same bytes.
func FuzzDecodePath(f *testing.F) {
	for _, s := range []string{"/a%20b/", "/%C3%A9/%FF", "/%E2%82%41", "%", "/%F4%90%80%80", "/%ED%A0%80"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		b := decodePath(s, escapeBytes)
		for _, r := range []escapeRule{escapeUTF8OrLatin1, escapeUTF8Replacing} {
			d := decodePath(s, r)
			if utf8.ValidString(s) && !utf8.ValidString(d) {
				t.Fatalf("rule %d: %q decodes to invalid UTF-8 %q", r, s, d)
			}
			if !hasHighEscape(s) && utf8.ValidString(s) && d != b {
				t.Fatalf("rule %d: %q has only ASCII escapes, yet decodes to %q, not %q", r, s, d, b)
			}
		}
		if strings.IndexByte(s, '%') < 0 && b != s {
			t.Fatalf("%q has no escape, yet decodes to %q", s, b)
		}
	})
}
