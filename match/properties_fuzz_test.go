package match_test

import (
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/cspkit/cspkit/csp"
	"github.com/cspkit/cspkit/match"
	"github.com/cspkit/cspkit/source"
)

// engines are every engine, each checked on its own: the properties hold
// for each model, and so for any set of them.
var engines = append([]match.Engine{match.Spec}, match.Browsers()...)

// FuzzProperties checks, for every engine and request kind, the invariants
// a CSP decision can never break:
//   - a bad URL is a *URLError and never allowed;
//   - decisions are deterministic;
//   - adding a policy, enforced or report-only, never turns a block into an
//     allow, unless it brings upgrade-insecure-requests, which upgrades the
//     request itself; a report-only policy never changes the decision;
//   - 'none' alone, and ClosedPolicy, block everything;
//   - adding a well-formed ASCII source expression to a directive never
//     turns an allow into a block.
func FuzzProperties(f *testing.F) {
	for _, v := range loadVectors(f) {
		f.Add(v.Policy, v.Origin, v.URL, "img-src *", "https://x.example", uint8(0), v.Redirected)
	}
	for _, tt := range connectTests {
		f.Add(tt.policy, tt.page, tt.target, "connect-src 'self'", "'self'", uint8(1), tt.redirected)
	}
	f.Add("connect-src 'none'", "https://a.example/", "wss://a.example/", "default-src *", "*", uint8(2), false)
	f.Add("connect-src https://a.example", "https://p.example/", "http://a.example/", "upgrade-insecure-requests", "'self'", uint8(0), false)
	f.Add("connect-src https://a.example", "https://p.example/", "ws://a.example/", "upgrade-insecure-requests; connect-src *", "'self'", uint8(2), false)
	f.Add("connect-src https://a.example/p/", "https://a.example/", "/p/%2e%2e/q", "", "https:", uint8(3), true)
	f.Fuzz(func(t *testing.T, policy, page, target, other, token string, pick uint8, redirected bool) {
		list, _ := csp.Parse(policy)
		otherList, _ := csp.Parse(other)
		otherRO, _ := csp.ParseReportOnly(other)
		grown, grew := addSource(policy, token, int(pick))
		for _, e := range engines {
			opts := []match.Option{match.WithEngine(e), match.WithRequest(match.Request(pick % 6))}
			if redirected {
				opts = append(opts, match.Redirected())
			}
			decide := func(l csp.List) match.Decision {
				d, err := match.Connect(l, page, target, opts...)
				if err != nil {
					t.Fatalf("%s: the URLs parsed once, then: %v", e, err)
				}
				return d
			}
			d, err := match.Connect(list, page, target, opts...)
			if err != nil {
				var ue *match.URLError
				if !errors.As(err, &ue) || d.Allowed {
					t.Fatalf("%s: error %v (%T) with Allowed %v", e, err, err, d.Allowed)
				}
				continue
			}
			if again := decide(list); !reflect.DeepEqual(again, d) {
				t.Fatalf("%s: not deterministic: %s, then %s", e, d, again)
			}
			if d.Refused != "" && d.Allowed {
				t.Fatalf("%s: refused (%s) yet allowed", e, d.Refused)
			}
			if !d.Allowed {
				for _, l := range []csp.List{csp.Join(list, otherList), csp.Join(otherList, list), csp.Join(list, otherRO)} {
					// The one exception: an added upgrade-insecure-requests
					// changes the request itself (http: becomes https:).
					if x := decide(l); x.Allowed && !(x.Upgraded && !d.Upgraded) {
						t.Fatalf("%s: adding policies %q turned a block into an allow: %s", e, other, x)
					}
				}
			}
			if x := decide(csp.Join(otherRO, list)); x.Allowed != d.Allowed {
				t.Fatalf("%s: a report-only policy changed the decision: %s", e, x)
			}
			none := decide(csp.Join(otherList, csp.MustParse("connect-src 'none'")))
			closed, _ := csp.Parse(csp.ClosedPolicy)
			if none.Allowed || decide(closed).Allowed {
				t.Fatalf("%s: 'none' allowed: %s", e, none)
			}
			if grew && d.Allowed {
				if x := decide(grown); !x.Allowed {
					t.Fatalf("%s: adding %q to %q turned an allow into a block: %s", e, token, grown, x)
				}
			}
		}
	})
}

// addSource returns the header with token added to its pick-th directive
// (counting non-empty directives across policies), when token is one
// well-formed ASCII source expression. It edits the header text, not the
// parsed list, so that what each engine drops or ignores stays as it was.
func addSource(header, token string, pick int) (csp.List, bool) {
	e, err := source.Parse(token)
	if err != nil || e.Kind() == source.Invalid || strings.ContainsAny(token, ",; \t\n\f\r") {
		return csp.List{}, false
	}
	var ends []int // where each non-empty directive ends
	start := 0
	for i := 0; i <= len(header); i++ {
		if i < len(header) && header[i] != ';' && header[i] != ',' {
			continue
		}
		if strings.Trim(header[start:i], " \t\n\f\r") != "" {
			ends = append(ends, i)
		}
		start = i + 1
	}
	if len(ends) == 0 {
		return csp.List{}, false
	}
	at := ends[pick%len(ends)]
	grown, _ := csp.Parse(header[:at] + " " + token + header[at:])
	return grown, true
}
