package lint_test

import (
	"fmt"

	"github.com/cspkit/cspkit/csp"
	"github.com/cspkit/cspkit/lint"
)

func ExampleCheck() {
	list, _ := csp.Parse("default-src 'self'; connect-src 'self' https: *.github.io; report-uri /csp")
	for _, f := range lint.Check(list) {
		if f.Severity >= lint.Medium {
			fmt.Println(f)
		}
	}
	// Output:
	// CSP1004 high (policy 0, connect-src: https:): https: allows connections to every https host on the web: injected script can send data to any server; list the hosts instead
	// CSP1007 high (policy 0, connect-src: *.github.io): *.github.io matches every host under github.io, which is a public suffix: anyone can register a host there and receive the page's connections
}

func ExampleRules() {
	for _, r := range lint.Rules()[:3] {
		fmt.Println(r.Code, r.Severity, r.Title)
	}
	// Output:
	// CSP1001 high Connections unrestricted
	// CSP1002 medium Connect restrictions only report-only
	// CSP1003 high Any host
}
