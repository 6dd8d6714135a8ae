package match_test

import (
	"fmt"

	"github.com/cspkit/cspkit/csp"
	"github.com/cspkit/cspkit/match"
)

func ExampleDecision_Explain() {
	list := csp.MustParse("connect-src 'self' https://api.example.com")
	d, _ := match.Connect(list, "https://example.com/", "https://api.example.com:8443/v1", match.WithEngine(match.Chromium))
	for _, x := range d.Explain() {
		fmt.Printf("policy %d %s blocks it\n", x.Verdict.Policy, x.Verdict.Directive)
		for _, m := range x.NearMisses {
			for _, df := range m.Differences {
				fmt.Printf("  %s: %s\n", df.Part, df.Reason)
			}
		}
		for _, s := range x.Suggestions {
			fmt.Println("  to allow it, add:", s.Source)
		}
	}
	// Output:
	// policy 0 connect-src blocks it
	//   port: source https://api.example.com allows only port 443, the default for https; target uses 8443
	//   host: source 'self' (https://example.com) allows only host example.com; target host is api.example.com
	//   port: source 'self' (https://example.com) allows only port 443, the default for https; target uses 8443
	//   to allow it, add: https://api.example.com:8443
	//   to allow it, add: https://api.example.com:8443/v1
}
