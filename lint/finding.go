package lint

import (
	"fmt"
	"strings"
)

// Code identifies a kind of Finding, such as "CSP1001". Codes are stable;
// messages are not.
type Code string

// Finding is one weakness in a policy list: one rule broken by one
// directive of one policy, with every source of that directive that breaks
// it.
type Finding struct {
	Code      Code     `json:"code"`
	Severity  Severity `json:"severity"`
	Policy    int      `json:"policy"`              // index of the policy in the list; -1 for the list as a whole
	Directive string   `json:"directive,omitempty"` // the directive concerned, or "" for the list or policy as a whole
	Sources   []string `json:"sources,omitempty"`   // the source expressions concerned, in canonical form and in order
	Message   string   `json:"message"`             // a plain sentence for people
}

// Scope returns the scope of the finding's rule.
func (f Finding) Scope() Scope {
	r, _ := ruleOf(f.Code)
	return r.Scope
}

// String formats the finding on one line, e.g.
// `CSP1004 high (policy 0, connect-src: https: wss:): ...`.
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
	if len(f.Sources) > 0 {
		b.WriteString(": " + strings.Join(f.Sources, " "))
	}
	b.WriteString("): " + f.Message)
	return b.String()
}
