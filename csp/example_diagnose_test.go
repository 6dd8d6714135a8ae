package csp_test

import (
	"errors"
	"fmt"

	"github.com/cspkit/cspkit/csp"
)

// Problems name the policy, directive and byte offset of each token that a
// browser drops or ignores. An unquoted self is a valid host name, enforced
// as written: lint reports it (CSP3001), not Parse.
func ExampleParseError() {
	_, err := csp.Parse("connect-src self https://api.example.com/v1?x=1 'nonce-r4nd0m'")
	var pe *csp.ParseError
	if errors.As(err, &pe) {
		for _, p := range pe.Problems {
			fmt.Printf("%s at byte %d (%s): %s\n", p.Code, p.Offset, p.Token, p.Message)
		}
	}
	// Output:
	// invalid-source at byte 17 (https://api.example.com/v1?x=1): source expression "https://api.example.com/v1?x=1" fits no CSP3 grammar (query not allowed in a source expression), so the spec's matching ignores it, while browsers that read sources leniently take it as the host-source https://api.example.com/v1; write it so that all read it alike
}

func ExampleParseMeta() {
	l, err := csp.ParseMeta("connect-src 'self'; report-uri /csp-reports")
	fmt.Println(l)
	fmt.Println(err)
	// Output:
	// connect-src 'self'
	// csp: policy 0, report-uri, byte 20: directive "report-uri" is ignored in a <meta> policy: deliver it in the Content-Security-Policy header
}
