package csp

import (
	"fmt"
	"strings"
)

// Code identifies a kind of Problem. Codes are stable; messages are not.
type Code string

// The problems Parse reports. None of them stops parsing: each names
// something a browser drops or ignores, so that the policy enforced
// differs from the text. Advice about a policy that browsers enforce as
// written (keywords without quotes, deprecated directives, duplicate
// sources...) is package lint's.
const (
	NonASCIIDirective    Code = "non-ascii-directive"    // directive dropped whole for a non-ASCII character
	DuplicateDirective   Code = "duplicate-directive"    // a later directive with the same name, ignored
	UnknownDirective     Code = "unknown-directive"      // a name no browser knows; it has no effect
	UnsupportedDirective Code = "unsupported-directive"  // a directive removed from the spec that no current browser enforces
	InvalidSource        Code = "invalid-source"         // a source expression that fits no grammar; it never matches
	NoneWithSources      Code = "none-with-sources"      // 'none' next to other sources, where it means nothing
	IgnoredInReportOnly  Code = "ignored-in-report-only" // a directive browsers ignore in report-only policies
)

// Problem is one thing in a header value that a browser drops or
// ignores.
type Problem struct {
	Header    string // the header field name, or "" for Parse and ParseReportOnly
	Field     int    // index of the field among the fields with that name
	Policy    int    // index of the policy in the returned List; -1 if it was discarded
	Directive string // lower-case name of the directive concerned
	Token     string // the offending text: a directive or a source expression
	Offset    int    // byte offset of Token in the field value
	Code      Code   // what kind of problem it is
	Message   string // a plain sentence for people
}

// String describes the problem with its position, e.g.
// `policy 0, connect-src, byte 12: ...`.
func (p Problem) String() string {
	var b strings.Builder
	if p.Header != "" {
		fmt.Fprintf(&b, "%s[%d] ", p.Header, p.Field)
	}
	if p.Policy >= 0 {
		fmt.Fprintf(&b, "policy %d", p.Policy)
	} else {
		b.WriteString("discarded policy")
	}
	if p.Directive != "" {
		fmt.Fprintf(&b, ", %s", p.Directive)
	}
	fmt.Fprintf(&b, ", byte %d: %s", p.Offset, p.Message)
	return b.String()
}

// ParseError lists every problem found while parsing. The List returned with
// it is still what a browser would enforce.
type ParseError struct {
	Problems []Problem
}

// Error returns the first problem and how many more there are.
func (e *ParseError) Error() string {
	switch len(e.Problems) {
	case 0:
		return "csp: no problems"
	case 1:
		return "csp: " + e.Problems[0].String()
	}
	return fmt.Sprintf("csp: %s (and %d more problems)", e.Problems[0].String(), len(e.Problems)-1)
}

// Has reports whether any problem has the given code.
func (e *ParseError) Has(c Code) bool {
	for _, p := range e.Problems {
		if p.Code == c {
			return true
		}
	}
	return false
}
