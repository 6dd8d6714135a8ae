package csptest

import (
	"fmt"
	"slices"
	"strings"
	"unicode"

	"github.com/cspkit/cspkit/csp"
	"github.com/cspkit/cspkit/lint"
	"github.com/cspkit/cspkit/source"
)

// WellFormed reports whether at least one enforced policy is delivered and
// browsers enforce every policy exactly as written: no parse problem (an
// unknown, misspelled, duplicate or unsupported directive, an invalid
// source expression, a directive ignored in report-only or <meta>
// policies, a limit exceeded). A route that forgot its security
// middleware fails it.
func (p *Policies) WellFormed() bool {
	p.t.Helper()
	const name = "csptest.WellFormed"
	if p.err != nil {
		p.t.Errorf("%s: %v", name, p.err)
		return false
	}
	var why []string
	if !p.enforces() {
		why = append(why, "no enforced Content-Security-Policy is delivered (neither a header nor a <meta> in the <head>: browsers ignore one in the body)")
	}
	if n := len(p.problems); n > 0 {
		why = append(why, "browsers drop or ignore part of the policies ("+count(n, "parse problem")+")")
	}
	if len(why) > 0 {
		p.t.Errorf("%s", p.message(name, strings.Join(why, "; "), "", nil))
		return false
	}
	p.logProblems(name)
	return true
}

// Requires reports whether each named directive (such as "object-src",
// "base-uri" or "frame-ancestors") is in at least one enforced policy.
func (p *Policies) Requires(directives ...string) bool {
	p.t.Helper()
	const name = "csptest.Requires"
	if p.err != nil {
		p.t.Errorf("%s: %v", name, p.err)
		return false
	}
	if len(directives) == 0 {
		p.t.Errorf("%s: no directive given", name)
		return false
	}
	var missing []string
	for _, d := range directives {
		if !p.enforced(func(pol csp.Policy) bool { return pol.Has(d) }) {
			missing = append(missing, d)
		}
	}
	if len(missing) > 0 {
		p.t.Errorf("%s", p.message(name, "no enforced policy has "+strings.Join(missing, ", "), "", nil))
		return false
	}
	p.logProblems(name)
	return true
}

// Forbids reports whether, in every enforced policy, the directives that
// govern what directive names hold none of the given source expressions,
// compared in canonical form ("'UNSAFE-INLINE'" is "'unsafe-inline'"):
// the directive itself or the one it falls back to (default-src for
// script-src: see csp.FallbackList), and the directives that fall back to
// it, or theirs (script-src-elem, script-src-attr and worker-src for
// script-src: see csp.FallingBackTo). It compares expressions, not what
// they match: forbidding "*" does not forbid "https://*" or "https:"
// (PassesLint rates what sources allow). When no enforced policy governs
// the directive at all, everything is allowed and the assertion fails.
func (p *Policies) Forbids(directive string, sources ...string) bool {
	p.t.Helper()
	const name = "csptest.Forbids"
	if p.err != nil {
		p.t.Errorf("%s: %v", name, p.err)
		return false
	}
	if len(sources) == 0 {
		p.t.Errorf("%s: no source given", name)
		return false
	}
	forbidden := make(map[string]bool, len(sources))
	for _, s := range sources {
		e, err := source.Parse(s)
		switch {
		case strings.IndexFunc(s, unicode.IsSpace) >= 0:
			p.t.Errorf("%s: %q holds white space: give one source expression per argument", name, s)
			return false
		case err != nil:
			p.t.Errorf("%s: %v", name, err)
			return false
		}
		// The test's own typo would make the assertion vacuous: "self"
		// is a host name, not 'self'.
		if typo := lint.Written(directive, e); len(typo) > 0 {
			p.t.Errorf("%s: the source %s the test forbids is itself a likely typo: %s", name, s, typo[0].Message)
			return false
		}
		forbidden[e.String()] = true
	}
	// The directive's own fallback list, and those of the directives that
	// fall back to it (script-src-elem and script-src-attr for
	// script-src): each governs part of what the directive names.
	lists := []csp.Fallback{csp.FallbackList(directive)}
	for _, d := range csp.FallingBackTo(directive) {
		lists = append(lists, csp.FallbackList(d))
	}
	governed := false
	var found []string
	for i, pol := range p.list.All() {
		if pol.Disposition() != csp.Enforce {
			continue
		}
		seen := map[string]bool{}
		for _, fallback := range lists {
			d, ok := pol.Governing(fallback, false)
			if !ok || seen[d.Name()] {
				continue
			}
			seen[d.Name()] = true
			governed = true
			for _, e := range d.Sources().All() {
				if forbidden[e.String()] {
					found = append(found, fmt.Sprintf("%s in policy %d %s", e, i, d.Name()))
				}
			}
		}
	}
	switch {
	case !governed:
		p.t.Errorf("%s", p.message(name, "no enforced policy restricts "+directive+" (nor a directive it falls back to), so every source is allowed", "", nil))
		return false
	case len(found) > 0:
		p.t.Errorf("%s", p.message(name, directive+" allows what the test forbids: "+strings.Join(found, ", "), "", nil))
		return false
	}
	p.logProblems(name)
	return true
}

// PassesLint reports whether lint.Check finds nothing at or above min
// severity, in the given scopes (every scope when none is given).
func (p *Policies) PassesLint(min lint.Severity, scopes ...lint.Scope) bool {
	p.t.Helper()
	const name = "csptest.PassesLint"
	if p.err != nil {
		p.t.Errorf("%s: %v", name, p.err)
		return false
	}
	if _, err := lint.Severity(min).MarshalText(); err != nil {
		p.t.Errorf("%s: %v", name, err)
		return false
	}
	for _, sc := range scopes {
		if _, err := lint.ParseScope(sc.String()); err != nil {
			p.t.Errorf("%s: %v", name, err)
			return false
		}
	}
	var failing []string
	for _, f := range lint.Check(p.list) {
		if f.Severity >= min && inScopes(f.Scope(), scopes) {
			failing = append(failing, f.String())
		}
	}
	if len(failing) > 0 {
		why := fmt.Sprintf("%s at or above %s:\n%s", count(len(failing), "lint finding"), min, indentLines(failing, "    "))
		p.t.Errorf("%s", p.message(name, strings.TrimRight(why, "\n"), "", nil))
		return false
	}
	p.logProblems(name)
	return true
}

func inScopes(s lint.Scope, scopes []lint.Scope) bool {
	return len(scopes) == 0 || slices.Contains(scopes, s)
}

// enforces reports whether an enforced policy is delivered.
func (p *Policies) enforces() bool {
	return p.enforced(func(csp.Policy) bool { return true })
}

// enforced reports whether an enforced policy satisfies f.
func (p *Policies) enforced(f func(csp.Policy) bool) bool {
	for _, pol := range p.list.All() {
		if pol.Disposition() == csp.Enforce && f(pol) {
			return true
		}
	}
	return false
}

// count writes n and the noun, plural when n is not 1.
func count(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
