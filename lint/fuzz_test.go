package lint_test

import (
	"testing"

	"github.com/cspkit/cspkit/csp"
	"github.com/cspkit/cspkit/lint"
)

// FuzzCheck checks that linting any header never panics, reports only
// catalogued codes at their catalogued severity, and names policies that
// exist.
func FuzzCheck(f *testing.F) {
	for _, tt := range lintCases {
		f.Add(tt.policy, tt.reported)
	}
	f.Add("connect-src *.\u00e9.com; default-src *:*/x", "")
	f.Fuzz(func(t *testing.T, enforced, reported string) {
		e, _ := csp.Parse(enforced)
		r, _ := csp.ParseReportOnly(reported)
		list := csp.Join(e, r)
		sev := map[lint.Code]lint.Severity{}
		for _, rule := range lint.Rules() {
			sev[rule.Code] = rule.Severity
		}
		for _, fd := range lint.Check(list) {
			s, ok := sev[fd.Code]
			if !ok || s != fd.Severity {
				t.Fatalf("finding %v: code not catalogued or wrong severity", fd)
			}
			if fd.Policy < -1 || fd.Policy >= list.Len() || fd.Message == "" {
				t.Fatalf("finding %v: bad policy index or empty message", fd)
			}
		}
	})
}
