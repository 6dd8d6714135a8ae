package match

import (
	"bytes"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/base64"
	"unicode/utf8"

	"github.com/cspkit/cspkit/source"
)

// hashRule says how an engine compares a hash-source with a digest.
type hashRule uint8

const (
	// hashSpec: an inline text's digest, base64-encoded with padding, must
	// equal the source's value with base64url characters turned to
	// base64 ('-' to '+', '_' to '/': #match-element-to-source-list step
	// 5.2.5.2), padding included; an SRI value must be identical to the
	// source's value as written (#script-pre-request step 1.3.4.1).
	hashSpec hashRule = iota
	// hashNormalized: the source's value is turned from base64url to
	// base64 when parsed, then compared as text with the inline digest
	// and with SRI values alike (Gecko).
	hashNormalized
	// hashDecoded: the source's value and SRI values are decoded, base64
	// or base64url, padding optional, and compared as bytes (Blink,
	// WebKit).
	hashDecoded
)

// Hash algorithms, as indexes into digests.
const (
	algSHA256 = iota
	algSHA384
	algSHA512
	numAlgs
)

// algIndex returns the index of a lower-case hash algorithm name, or -1.
func algIndex(alg string) int {
	switch alg {
	case "sha256":
		return algSHA256
	case "sha384":
		return algSHA384
	case "sha512":
		return algSHA512
	}
	return -1
}

// digests holds a text's digests, each computed when first asked for.
type digests struct {
	text string
	sum  [numAlgs][]byte
}

// of returns the digest of the text with algorithm alg (an algIndex).
func (d *digests) of(alg int) []byte {
	if d.sum[alg] == nil {
		b := scalarUTF8(d.text)
		switch alg {
		case algSHA256:
			s := sha256.Sum256(b)
			d.sum[alg] = s[:]
		case algSHA384:
			s := sha512.Sum384(b)
			d.sum[alg] = s[:]
		default:
			s := sha512.Sum512(b)
			d.sum[alg] = s[:]
		}
	}
	return d.sum[alg]
}

// scalarUTF8 returns s as the UTF-8 bytes CSP3 hashes ("UTF-8 encode" of
// the "JavaScript string converting" of the source): valid UTF-8 as it
// is, each byte of an invalid sequence as U+FFFD.
func scalarUTF8(s string) []byte {
	if utf8.ValidString(s) {
		return []byte(s)
	}
	out := make([]byte, 0, len(s)+8)
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		out = utf8.AppendRune(out, r) // an invalid byte decodes as U+FFFD, n == 1
		i += n
	}
	return out
}

// inlineHashMatch reports whether the hash-source e matches the text
// whose digests are d, under rule r.
func (r hashRule) inlineHashMatch(e source.Expression, d *digests) bool {
	alg, val := e.Hash()
	a := algIndex(alg)
	if a < 0 {
		return false
	}
	sum := d.of(a)
	if r == hashDecoded {
		return decodedEqual(val, sum)
	}
	return base64Equal(sum, val)
}

// integrityMatch reports whether the hash-source e lists the SRI
// metadata alg-val under rule r; alg is in lower case.
func (r hashRule) integrityMatch(e source.Expression, alg, val string) bool {
	ealg, eval := e.Hash()
	if ealg != alg {
		return false
	}
	switch r {
	case hashDecoded:
		a, ok := decodeDigest(val)
		return ok && decodedEqual(eval, a)
	case hashNormalized:
		if len(eval) != len(val) {
			return false
		}
		for i := 0; i < len(eval); i++ {
			if toBase64(eval[i]) != val[i] {
				return false
			}
		}
		return true
	}
	return eval == val
}

// toBase64 maps the base64url characters to their base64 counterparts.
func toBase64(c byte) byte {
	switch c {
	case '-':
		return '+'
	case '_':
		return '/'
	}
	return c
}

// base64Equal reports whether val, with base64url characters turned to
// base64, is the padded base64 encoding of sum.
func base64Equal(sum []byte, val string) bool {
	var buf [base64MaxLen]byte
	n := base64.StdEncoding.EncodedLen(len(sum))
	if n != len(val) || n > len(buf) {
		return false
	}
	base64.StdEncoding.Encode(buf[:n], sum)
	for i := 0; i < n; i++ {
		if buf[i] != toBase64(val[i]) {
			return false
		}
	}
	return true
}

// base64MaxLen is the length of a SHA-512 digest in base64.
const base64MaxLen = 88

// decodedEqual reports whether val decodes (base64 or base64url, padding
// optional) to sum.
func decodedEqual(val string, sum []byte) bool {
	b, ok := decodeDigest(val)
	return ok && bytes.Equal(b, sum)
}

// decodeDigest decodes a base64 or base64url value, padding optional, as
// Blink's ParseHash does; values longer than a SHA-512 digest's encoding
// are refused without decoding.
func decodeDigest(val string) ([]byte, bool) {
	for len(val) > 0 && val[len(val)-1] == '=' {
		val = val[:len(val)-1]
	}
	if len(val) > base64MaxLen {
		return nil, false
	}
	var norm [base64MaxLen]byte
	for i := 0; i < len(val); i++ {
		c := val[i]
		switch c {
		case '+':
			c = '-'
		case '/':
			c = '_'
		}
		norm[i] = c
	}
	out := make([]byte, base64.RawURLEncoding.DecodedLen(len(val)))
	n, err := base64.RawURLEncoding.Decode(out, norm[:len(val)])
	if err != nil {
		return nil, false
	}
	return out[:n], true
}

// sriItem is one item of parsed integrity metadata: val is its value as
// the SRI text cuts it (at the next "-"), whole the value up to "?" (a
// base64url value, which Chromium reads, holds "-").
type sriItem struct{ alg, val, whole string }

// value returns the item's value as an engine comparing hashes under r
// reads it: whole when it decodes digests (base64url accepted), val
// otherwise.
func (it sriItem) value(r hashRule) string {
	if r == hashDecoded {
		return it.whole
	}
	return it.val
}

// parseIntegrity is Subresource Integrity's "parse metadata"
// (https://w3c.github.io/webappsec-subresource-integrity/#parse-metadata):
// the items of metadata, split on ASCII whitespace, whose algorithm
// (before the first "-", in any case) is sha256, sha384 or sha512, each
// with its value up to the next "-" or "?". Options after "?" are
// dropped. The algorithm is returned in lower case.
func parseIntegrity(metadata string) []sriItem {
	var out []sriItem
	for _, item := range source.Fields(metadata) {
		expr := item
		for i := 0; i < len(expr); i++ {
			if expr[i] == '?' {
				expr = expr[:i]
				break
			}
		}
		alg, val := expr, ""
		for i := 0; i < len(expr); i++ {
			if expr[i] == '-' {
				alg, val = expr[:i], expr[i+1:]
				break
			}
		}
		whole := val
		for i := 0; i < len(val); i++ {
			if val[i] == '-' {
				val = val[:i]
				break
			}
		}
		lower := lowerAlg(alg)
		if lower == "" {
			continue
		}
		out = append(out, sriItem{alg: lower, val: val, whole: whole})
	}
	return out
}

// lowerAlg returns the canonical name of an SRI hash algorithm token
// written in any case, or "".
func lowerAlg(alg string) string {
	if len(alg) != 6 {
		return ""
	}
	for _, a := range [...]string{"sha256", "sha384", "sha512"} {
		ok := true
		for i := 0; i < 6 && ok; i++ {
			c := alg[i]
			if c >= 'A' && c <= 'Z' {
				c += 'a' - 'A'
			}
			ok = c == a[i]
		}
		if ok {
			return a
		}
	}
	return ""
}
