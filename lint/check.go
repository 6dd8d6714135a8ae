package lint

import (
	"github.com/cspkit/cspkit/csp"
)

// Check lints every policy in list and returns the findings, list-wide ones
// first, then policy by policy in directive and source order. It never fails:
// a list with no policies yields the findings for an unprotected page.
func Check(list csp.List) []Finding {
	c := checker{policies: list}
	c.list(list)
	for i, p := range list.All() {
		c.policy(i, p)
	}
	return c.out
}

type checker struct {
	policies csp.List
	out      []Finding
}

func (c *checker) add(code Code, policy int, dir, src, msg string) {
	r, _ := ruleOf(code)
	if policy >= 0 && code != ReportOnly && c.policies.Policy(policy).Disposition() == csp.Report {
		msg += " (in a report-only policy: it applies once the policy is enforced)"
	}
	c.out = append(c.out, Finding{
		Code: code, Severity: r.Severity, Policy: policy,
		Directive: dir, Source: src, Message: msg,
	})
}

// connectFallback is connect-src's fallback list.
var connectFallback = csp.FallbackList(csp.ConnectSrc)

// governing returns the directive that governs connect requests in p, as
// the spec reads it.
func governing(p csp.Policy) (csp.Directive, bool) {
	return p.Governing(connectFallback, false)
}

// list reports what no single policy shows: that nothing enforced restricts
// connections, scripts or plugins.
func (c *checker) list(list csp.List) {
	var connect, script, object bool
	for _, p := range list.All() {
		if p.Disposition() != csp.Enforce {
			continue
		}
		_, ok := governing(p)
		connect = connect || ok
		hasDefault := p.Has(csp.DefaultSrc)
		script = script || hasDefault || p.Has("script-src")
		object = object || hasDefault || p.Has("object-src")
	}
	if !connect {
		c.add(Unrestricted, -1, "", "",
			"no enforced policy has connect-src or default-src: the page may connect to any server, so injected script can send data anywhere")
		for i, p := range list.All() {
			if d, ok := governing(p); ok {
				c.add(ReportOnly, i, d.Name(), "",
					"only this report-only policy restricts connect requests: violations are reported, but every request proceeds")
			}
		}
	}
	if !script {
		c.add(ScriptsUnrestricted, -1, "script-src", "",
			"no enforced policy has script-src or default-src: scripts load from anywhere, and injected script can then use every connection the policy allows")
	}
	if !object {
		c.add(ScriptsUnrestricted, -1, "object-src", "",
			"no enforced policy has object-src or default-src: plugins load from anywhere; set object-src 'none'")
	}
}

func (c *checker) policy(i int, p csp.Policy) {
	if d, ok := governing(p); ok {
		c.sources(i, d)
		if def, ok := p.Directive(csp.DefaultSrc); ok && d.Name() == csp.ConnectSrc {
			c.looser(i, d, def)
		}
		c.reporting(i, p)
	}
	c.nonces(i, p)
	c.scripts(i, p)
	c.reportURI(i, p)
}
