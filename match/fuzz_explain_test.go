package match_test

import (
	"testing"

	"github.com/cspkit/cspkit/csp"
	"github.com/cspkit/cspkit/match"
)

// FuzzExplain checks that explaining never panics, that every near miss has
// a difference, and that a suggestion, added to the blocking directive's
// policy as a connect-src of its own plus the original sources, lets that
// engine allow the target under that policy.
func FuzzExplain(f *testing.F) {
	for _, tc := range explainCases {
		for e := range uint8(4) {
			f.Add(tc.policy, tc.page, tc.target, tc.redirected, e)
		}
	}
	engines := []match.Engine{match.Spec, match.Chromium, match.Firefox, match.WebKit}
	f.Fuzz(func(t *testing.T, policy, page, target string, redirected bool, engine uint8) {
		list, _ := csp.Parse(policy)
		opts := []match.Option{match.WithEngine(engines[int(engine)%len(engines)])}
		if redirected {
			opts = append(opts, match.Redirected())
		}
		d, err := match.Connect(list, page, target, opts...)
		if err != nil {
			return
		}
		_ = d.String()
		for _, x := range d.Explain() {
			if x.Verdict.Allowed {
				t.Fatalf("explained an allowing verdict: %s", d)
			}
			for _, m := range x.NearMisses {
				if len(m.Differences) == 0 {
					t.Fatalf("near miss %s without a difference: %s", m.Source, d)
				}
			}
			if d.MixedContent && len(x.Suggestions) > 0 {
				t.Fatalf("suggested a source for a request blocked as mixed content: %s", d)
			}
			for _, s := range x.Suggestions {
				fix := "connect-src " + s.Source.String()
				if d.Upgraded {
					fix += "; upgrade-insecure-requests"
				}
				fixed, _ := csp.Parse(fix)
				d2, err := match.Connect(fixed, page, target, opts...)
				if err != nil || d2.Policies[0].Match < 0 {
					t.Fatalf("suggestion %s does not allow %q from %q: %s", s.Source, target, page, d2)
				}
			}
		}
	})
}
