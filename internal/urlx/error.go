package urlx

import "strconv"

// Error is returned for any URL that cannot be parsed; it names the input
// and why parsing failed.
type Error struct {
	Input  string // the string given (for ParseRef, the ref)
	Reason string // short lower-case reason, e.g. "invalid port"
	Err    error  // wrapped cause when there is one (e.g. an IDNA error), else nil
}

// Error formats the failure as `urlx: parse "<input>": <reason>`.
func (e *Error) Error() string {
	return "urlx: parse " + QuoteInput(e.Input) + ": " + e.Reason
}

// Unwrap returns the wrapped cause, or nil.
func (e *Error) Unwrap() error { return e.Err }

// failure is the internal error value used while parsing; the public
// entry points turn it into an *Error carrying the input.
type failure struct {
	reason string
	err    error
}

func fail(reason string) *failure { return &failure{reason: reason} }

func forbiddenCodePoint(c byte) *failure {
	return fail("forbidden host code point " + strconv.QuoteRune(rune(c)))
}
