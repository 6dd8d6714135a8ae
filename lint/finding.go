package lint

import (
	"fmt"
	"strings"
)

// Code identifies a kind of Finding, such as "CSP1001". Codes are stable;
// messages are not.
type Code string

// Finding is one weakness in a policy list.
type Finding struct {
	Code      Code     `json:"code"`
	Severity  Severity `json:"severity"`
	Policy    int      `json:"policy"`              // index of the policy in the list; -1 for the list as a whole
	Directive string   `json:"directive,omitempty"` // the directive concerned, or "" for the list or policy as a whole
	Source    string   `json:"source,omitempty"`    // the source expression concerned, in canonical form, or ""
	Message   string   `json:"message"`             // a plain sentence for people
}

// String formats the finding on one line, e.g.
// `CSP1003 high (policy 0, connect-src, *): ...`.
func (f Finding) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s (", f.Code, f.Severity)
	if f.Policy >= 0 {
		fmt.Fprintf(&b, "policy %d", f.Policy)
	} else {
		b.WriteString("all policies")
	}
	if f.Directive != "" {
		b.WriteString(", " + f.Directive)
	}
	if f.Source != "" {
		b.WriteString(", " + f.Source)
	}
	b.WriteString("): " + f.Message)
	return b.String()
}
