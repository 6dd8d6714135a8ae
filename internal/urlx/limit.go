package urlx

import "strconv"

// MaxLength is the longest URL accepted, both as given and as serialised
// after resolution and percent-encoding: 2 MiB, Chromium's limit
// (url::kMaxURLChars). Longer URLs fail to parse, so no decision is ever
// made about them.
const MaxLength = 2 << 20

var tooLong = fail("longer than " + strconv.Itoa(MaxLength) + " bytes")

// QuoteInput quotes s for an error message, shortened to its first bytes
// when it is long.
func QuoteInput(s string) string {
	const keep = 64
	if len(s) <= keep {
		return strconv.Quote(s)
	}
	return strconv.Quote(s[:keep]) + "... (" + strconv.Itoa(len(s)) + " bytes)"
}
