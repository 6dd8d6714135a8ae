package match

import (
	"fmt"
	"strings"

	"github.com/cspkit/cspkit/csp"
	"github.com/cspkit/cspkit/source"
)

// Decision is the outcome of Connect: whether the request is allowed, and
// how each policy judged it.
type Decision struct {
	// Allowed is true when every enforced policy allows the request. It
	// is the CSP verdict only: see MixedContent.
	Allowed bool
	// Policies holds one Verdict per policy of the list, in order,
	// report-only policies included.
	Policies []Verdict
	// Redirected is true when the target was decided as reached by a
	// redirect (path-parts ignored).
	Redirected bool
	// Upgraded is true when an enforced upgrade-insecure-requests
	// directive turned an http: or ws: target into https: or wss: before
	// the check.
	Upgraded bool
	// MixedContent is true when the page is https and the request goes to
	// a non-loopback http: or ws: URL: browsers block such a request as
	// mixed content whatever CSP allows.
	MixedContent bool

	engine       Engine
	page, target URL
	checked      URL
}

// Verdict is how one policy judged a request.
type Verdict struct {
	Policy      int             // index of the policy in the list
	Disposition csp.Disposition // Enforce or Report
	// Directive is the deciding directive: "connect-src", "default-src"
	// (the fallback when connect-src is absent), or "" when the policy has
	// neither and so does not restrict connections.
	Directive string
	Sources   source.List // the deciding directive's sources
	Allowed   bool        // whether this policy allows the request
	Match     int         // index in Sources of the expression that matched, or -1
}

// Fallback reports whether default-src decided because the policy has no
// connect-src.
func (v Verdict) Fallback() bool { return v.Directive == csp.DefaultSrc }

// Matched returns the source expression that allowed the request.
func (v Verdict) Matched() (source.Expression, bool) {
	if v.Match < 0 {
		return source.Expression{}, false
	}
	return v.Sources.At(v.Match), true
}

// Engine returns the behaviour model that decided.
func (d Decision) Engine() Engine { return d.engine }

// Page returns the page URL as parsed.
func (d Decision) Page() URL { return d.page }

// Target returns the target URL as parsed and resolved against the page.
func (d Decision) Target() URL { return d.target }

// Checked returns the URL the policies were matched against: the target
// after upgrade-insecure-requests and, for engines that follow the Fetch
// standard, with ws:/wss: turned into http:/https:.
func (d Decision) Checked() URL { return d.checked }

// Violations returns the verdicts of the policies that do not allow the
// request: enforced ones (which block it) and report-only ones (which
// only report it).
func (d Decision) Violations() []Verdict {
	var out []Verdict
	for _, v := range d.Policies {
		if !v.Allowed {
			out = append(out, v)
		}
	}
	return out
}

// String explains the decision in one line: which policy and directive
// decided, which source matched or why none did. The wording is for people
// and may change; use the fields to test behaviour.
func (d Decision) String() string {
	var b strings.Builder
	if d.Allowed {
		b.WriteString("allowed: ")
	} else {
		b.WriteString("blocked: ")
	}
	b.WriteString(d.target.String())
	if d.checked.String() != d.target.String() {
		fmt.Fprintf(&b, " (checked as %s", d.checked)
		if d.Upgraded {
			b.WriteString(", upgraded by upgrade-insecure-requests")
		}
		b.WriteString(")")
	}
	if d.Redirected {
		b.WriteString(" after a redirect (paths ignored)")
	}
	restricting := 0
	for _, v := range d.Policies {
		if v.Disposition != csp.Enforce || v.Directive == "" {
			continue
		}
		if !d.Allowed && v.Allowed {
			continue // explain only the blocking policies
		}
		restricting++
		b.WriteString("; ")
		v.explain(&b, d)
	}
	if d.Allowed && restricting == 0 {
		if len(d.Policies) == 0 {
			b.WriteString("; no policy")
		} else {
			b.WriteString("; no enforced policy has connect-src or default-src, so connections are unrestricted")
		}
	}
	for _, v := range d.Policies {
		if v.Disposition == csp.Report && !v.Allowed {
			b.WriteString("; report-only ")
			v.explain(&b, d)
			b.WriteString(" (reported, not blocked)")
		}
	}
	if d.MixedContent {
		b.WriteString("; note: an https page's request to http/ws is blocked by browsers as mixed content")
	}
	return b.String()
}

func (v Verdict) explain(b *strings.Builder, d Decision) {
	fmt.Fprintf(b, "policy %d %s", v.Policy, v.Directive)
	if v.Fallback() {
		b.WriteString(" (no connect-src)")
	}
	if e, ok := v.Matched(); ok {
		fmt.Fprintf(b, " allows it by %s", e)
		return
	}
	switch {
	case v.Sources.Len() == 0:
		b.WriteString(" is empty, which blocks everything")
	case v.Sources.IsNone():
		b.WriteString(" is 'none'")
	default:
		fmt.Fprintf(b, " %s: no source matches (page origin %s)", v.Sources, d.page.Origin())
	}
}
