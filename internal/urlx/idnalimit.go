package urlx

// Limits on hosts and labels that need UTS #46 processing. Each is a
// limit of a browser's URL parser, so a host beyond it is one that a
// browser refuses. None refuses a host that DNS could resolve, since a
// DNS name has at most 253 characters and a label at most 63 octets
// (RFC 1035 section 2.3.4; a label of more than 59 code points that needs
// Punycode is longer than that once encoded), with one exception:
// maxIDNAHostUTF16 counts the host before mapping, so it refuses a short
// host padded with code points the mapping removes (soft hyphens), as
// Chromium does and Firefox and WebKit do not. Besides, the limits bound
// the work of domain to ASCII per host. The browser versions are those
// recorded in testdata/idna/meta.json; the cases at each limit are in
// testdata/idna/cases.jsonl.
const (
	// maxIDNAHostUTF16 is the longest host, in UTF-16 code units after
	// percent-decoding, that has a non-ASCII code point: Chromium 156
	// refuses longer ones before mapping (1266 units fail, 1265 pass).
	maxIDNAHostUTF16 = 1265

	// maxIDNAHostASCII is the longest ASCII form of a host that needs
	// UTS #46 processing (a non-ASCII code point or an "xn--" label):
	// WebKitGTK 2.50 converts such hosts with ICU into a buffer of 2048
	// code units and refuses longer results.
	maxIDNAHostASCII = 2048

	// maxLabelCodePoints is the most code points a label may have after
	// mapping or Punycode decoding when it is not all ASCII. Chromium 156
	// and Firefox 153 refuse longer labels: ICU's and the Rust idna
	// crate's Punycode encoders stop at 1000 code points, a bound both
	// adopted against quadratic encoding (ICU-13727, whatwg/url#824).
	maxLabelCodePoints = 1000

	// maxPunycodeLength is the longest Punycode part (after "xn--") of a
	// label, whether given or produced by encoding. Firefox 153 refuses
	// longer Punycode labels before decoding them (the Rust idna crate's
	// PUNYCODE_DECODE_MAX_INPUT_LENGTH); refusing them when encoding too
	// keeps every href this package returns parseable again.
	maxPunycodeLength = 2000
)

// utf16Above reports whether s, valid UTF-8, has more than n UTF-16 code
// units.
func utf16Above(s string, n int) bool {
	if len(s) <= n {
		return false
	}
	units := 0
	for _, r := range s {
		units++
		if r >= 0x10000 {
			units++
		}
		if units > n {
			return true
		}
	}
	return false
}
