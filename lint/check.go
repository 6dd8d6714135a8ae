package lint

import (
	"github.com/cspkit/cspkit/csp"
)

// Check lints every policy in list and returns the findings, list-wide ones
// first, then policy by policy in directive order: one finding per rule and
// directive, listing every source of the directive that breaks the rule. It
// never fails: a list with no policies yields the findings for an
// unprotected page. Time and memory are linear in the size of the list:
// a finding costs a few hundred bytes, and there are at most a few per
// source, so a header costs at most about 128 bytes per byte.
func Check(list csp.List) []Finding {
	c := checker{policies: list, sandboxed: sandboxesOpaque(list), baseURIEnforced: enforcesBaseURI(list)}
	c.list(list)
	for i, p := range list.All() {
		c.policy(i, p)
	}
	return c.out
}

type checker struct {
	policies  csp.List
	sandboxed bool // an enforced policy sandboxes the page without allow-same-origin
	// baseURIEnforced: an enforced policy has base-uri.
	baseURIEnforced bool
	out             []Finding
	// The findings of one directive are added one after the other: cur
	// names it, and curAt locates its findings in out by code.
	cur   directiveKey
	curAt []codeAt
}

type directiveKey struct {
	policy int
	dir    string
}

type codeAt struct {
	code Code
	at   int
}

// add records that source src (or, when src is "", the directive or
// policy as a whole) of directive dir in policy breaks the rule code, msg
// saying how. A second source for the same rule and directive joins the
// first finding, whose message then becomes the rule's summary.
func (c *checker) add(code Code, policy int, dir, src, msg string) {
	if k := (directiveKey{policy, dir}); k != c.cur || len(c.out) == 0 {
		c.cur, c.curAt = k, c.curAt[:0]
	}
	for _, ca := range c.curAt {
		if ca.code != code {
			continue
		}
		f := &c.out[ca.at]
		if src != "" {
			f.Sources = append(f.Sources, src)
			f.Message = c.suffix(code, policy, summaries[code])
		}
		return
	}
	r, _ := ruleOf(code)
	f := Finding{Code: code, Severity: r.Severity, Policy: policy, Directive: dir, Message: c.suffix(code, policy, msg)}
	if src != "" {
		f.Sources = []string{src}
	}
	c.curAt = append(c.curAt, codeAt{code, len(c.out)})
	c.out = append(c.out, f)
}

// suffix adds to msg, for a finding in a report-only policy, that it
// applies once the policy is enforced.
func (c *checker) suffix(code Code, policy int, msg string) string {
	if policy >= 0 && code != ReportOnly && c.policies.Policy(policy).Disposition() == csp.ReportOnly {
		msg += " (in a report-only policy: it applies once the policy is enforced)"
	}
	return msg
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
		for _, e := range d.Sources().All() {
			sourceRules(d.Name(), e, func(code Code, msg string) { c.add(code, i, d.Name(), e.String(), msg) })
		}
		if def, ok := p.Directive(csp.DefaultSrc); ok && d.Name() == csp.ConnectSrc {
			c.looser(i, d, def)
		}
		c.reporting(i, p)
	}
	c.sandboxedSelf(i, p)
	c.nonces(i, p)
	c.scripts(i, p)
	c.scriptDirectives(i, p)
	c.baseURI(i, p)
	c.scriptNonces(i, p)
	c.bypassHosts(i, p)
	c.loads(i, p)
	c.reportURI(i, p)
	c.writing(i, p)
}
