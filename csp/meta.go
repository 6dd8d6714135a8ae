package csp

import (
	"fmt"
	"strings"
)

// Problems only ParseMeta reports.
const (
	IgnoredInMeta Code = "ignored-in-meta" // report-uri, frame-ancestors or sandbox in a <meta> policy: removed
	CommaInMeta   Code = "comma-in-meta"   // a "," in <meta> content, which browsers read differently
)

// ParseMeta parses, within the default Limits, the content attribute of a
// <meta http-equiv="Content-Security-Policy"> element. Such a policy is
// always enforced, and browsers remove its report-uri, frame-ancestors and
// sandbox directives; the returned List lacks them too, and err lists each
// as an IgnoredInMeta problem.
//
// Chromium and WebKit split the content at commas into several policies,
// as they do for a header; Firefox, following the HTML standard, reads it as
// a single policy in which the comma is part of a token. ParseMeta splits,
// like the majority, and reports any comma as a CommaInMeta problem.
func ParseMeta(content string) (List, error) {
	return Limits{}.ParseMeta(content)
}

// parseMeta appends the policies of one <meta> element's content; header
// and field name it in problems.
func (p *parser) parseMeta(content, header string, field int) {
	before := len(p.policies)
	p.meta = true
	p.parse(content, Enforce, header, field)
	p.meta = false
	if i := strings.IndexByte(content, ','); i >= 0 {
		pol := before
		if len(p.policies) == before {
			pol = -1
		}
		p.problem(pol, "", ",", i, CommaInMeta,
			"Chromium and WebKit split <meta> content at commas into separate policies, "+
				"but Firefox reads it as one policy with the comma inside a source expression: "+
				"use one <meta> element per policy")
	}
}

// dropInMeta reports and returns true for a directive that browsers remove
// from <meta> policies.
func (p *parser) dropInMeta(idx int, name, tok string, off int) bool {
	switch name {
	case "report-uri", "frame-ancestors", "sandbox":
		p.problem(idx, name, tok, off, IgnoredInMeta, fmt.Sprintf(
			"directive %q is ignored in a <meta> policy: deliver it in the Content-Security-Policy header", name))
		return true
	}
	return false
}
