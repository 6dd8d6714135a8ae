package match_test

import (
	"testing"

	"github.com/cspkit/cspkit/csp"
	"github.com/cspkit/cspkit/match"
)

// FuzzConnect checks that deciding never panics, that a decision exists
// exactly when both URLs parse, that report-only copies of the policies never
// block, and that adding a policy never turns a block into an allow.
func FuzzConnect(f *testing.F) {
	for _, v := range loadVectors(f) {
		f.Add(v.Policy, v.Origin, v.URL, v.Redirected)
	}
	for _, tt := range connectTests {
		f.Add(tt.policy, tt.page, tt.target, tt.redirected)
	}
	f.Fuzz(func(t *testing.T, policy, page, target string, redirected bool) {
		list, _ := csp.Parse(policy)
		var opts []match.Option
		if redirected {
			opts = append(opts, match.Redirected())
		}
		d, err := match.Connect(list, page, target, opts...)
		if err != nil {
			if d.Allowed {
				t.Fatalf("error %v came with an allowed decision", err)
			}
			return
		}
		if d.Refused == "" && len(d.Policies) != list.Len() || d.Refused != "" && len(d.Policies) != 0 {
			t.Fatalf("%d verdicts for %d policies", len(d.Policies), list.Len())
		}
		_ = d.String()

		ro, _ := csp.ParseReportOnly(policy)
		dr, err := match.Connect(ro, page, target, opts...)
		dn, _ := match.Connect(csp.List{}, page, target, opts...)
		if err != nil || dr.Allowed != dn.Allowed {
			t.Fatalf("report-only policies blocked (%v): %s", err, dr)
		}
		for _, x := range d.Engines {
			if x.Refused != "" && x.Allowed {
				t.Fatalf("a refused request is allowed: %s", x)
			}
		}
		if d.Allowed && (d.Blocked() || d.Divergent()) || d.Blocked() && d.Divergent() {
			t.Fatalf("Allowed, Blocked and Divergent overlap: %s", d)
		}

		stricter := csp.Join(list, csp.MustParse("connect-src 'self'"))
		ds, err := match.Connect(stricter, page, target, opts...)
		if err != nil {
			t.Fatal(err)
		}
		if ds.Allowed && !d.Allowed {
			t.Fatalf("adding a policy turned a block into an allow: %s", ds)
		}
		again, _ := match.Connect(list, page, target, opts...)
		if again.Allowed != d.Allowed {
			t.Fatal("decision is not deterministic")
		}
	})
}
