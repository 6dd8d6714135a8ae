package source

import (
	"fmt"
	"strconv"
)

// Reason says what is wrong with an expression that fits no grammar, or with
// a list.
type Reason uint8

// The reasons an expression is invalid, plus NoneWithOthers for a list.
const (
	NonASCII       Reason = iota + 1 // a code point above U+007F
	MissingQuote                     // a quoted keyword without its closing quote
	UnknownKeyword                   // a quoted word that is no keyword-source
	BadBase64                        // a nonce or hash value that is not base64
	EmptyHost                        // nothing after "scheme://"
	BadWildcard                      // "*" not followed by "." or the end of the host
	EmptyLabel                       // ".." or a leading "." in a host
	BadHostChar                      // a character other than ALPHA, DIGIT or "-" in a host
	IPv6Host                         // a bracketed IPv6 literal, which the grammar lacks
	Userinfo                         // user:password@ before the host
	BadPort                          // a port-part that is not digits or "*"
	BadPath                          // a path that starts with "//"
	BadPathChar                      // a character not allowed in a path
	BadPercent                       // a "%" not followed by two hex digits
	HasQuery                         // a "?query" after the path
	HasFragment                      // a "#fragment" after the path
	NoneWithOthers                   // 'none' in a list with other expressions
)

var reasonText = [...]string{
	NonASCII:       "non-ASCII character",
	MissingQuote:   "missing closing quote",
	UnknownKeyword: "unknown keyword",
	BadBase64:      "value is not base64",
	EmptyHost:      "missing host",
	BadWildcard:    `wildcard "*" must stand alone or be followed by "."`,
	EmptyLabel:     "empty label in host",
	BadHostChar:    "character not allowed in a host",
	IPv6Host:       "IPv6 addresses cannot be written in a source expression",
	Userinfo:       "user information is not allowed",
	BadPort:        `port must be digits or "*"`,
	BadPath:        `path must not start with "//"`,
	BadPathChar:    "character not allowed in a path",
	BadPercent:     `"%" not followed by two hex digits`,
	HasQuery:       "query not allowed in a source expression",
	HasFragment:    "fragment not allowed in a source expression",
	NoneWithOthers: "'none' has no effect unless it is the only expression",
}

// String returns a short lower-case description of r.
func (r Reason) String() string {
	if r > 0 && int(r) < len(reasonText) {
		return reasonText[r]
	}
	return "Reason(" + strconv.Itoa(int(r)) + ")"
}

// Error describes one token that fits no source-expression grammar (and so
// never matches a URL), or 'none' mixed into a list.
type Error struct {
	Token  string // the token as written
	Offset int    // byte offset of Token in the parsed value (0 for Parse)
	Pos    int    // byte offset of the problem within Token
	Reason Reason // what is wrong
}

// Error returns a message that quotes the token and points at the problem.
func (e *Error) Error() string {
	if e.Reason == NoneWithOthers {
		return fmt.Sprintf("source: %s", e.Reason)
	}
	msg := fmt.Sprintf("source: invalid expression %q: %s", e.Token, e.Reason)
	if e.Pos < len(e.Token) && e.Reason != MissingQuote && e.Reason != UnknownKeyword && e.Reason != BadBase64 {
		msg += fmt.Sprintf(" (%q at byte %d)", e.Token[e.Pos:e.Pos+runeLen(e.Token[e.Pos:])], e.Pos)
	}
	return msg
}

func runeLen(s string) int {
	if s == "" {
		return 0
	}
	c := s[0]
	switch {
	case c < 0x80:
		return 1
	case c>>5 == 0x6 && len(s) >= 2:
		return 2
	case c>>4 == 0xe && len(s) >= 3:
		return 3
	case c>>3 == 0x1e && len(s) >= 4:
		return 4
	}
	return 1
}

// ListError reports every problem found by ParseList, in input order.
type ListError struct {
	Errs []*Error
}

// Error summarises the problems: the first one, and how many follow.
func (e *ListError) Error() string {
	switch len(e.Errs) {
	case 0:
		return "source: no problems"
	case 1:
		return e.Errs[0].Error()
	}
	return fmt.Sprintf("%s (and %d more)", e.Errs[0].Error(), len(e.Errs)-1)
}

// Unwrap returns the individual *Error values, for errors.As and errors.Is.
func (e *ListError) Unwrap() []error {
	out := make([]error, len(e.Errs))
	for i, err := range e.Errs {
		out[i] = err
	}
	return out
}
