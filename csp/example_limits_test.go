package csp_test

import (
	"errors"
	"fmt"
	"strings"

	"github.com/cspkit/cspkit/csp"
)

// A header over a limit is refused whole: the list holds ClosedPolicy,
// which allows nothing, and the error names the limit and where.
func ExampleLimits() {
	header := "connect-src 'self'" + strings.Repeat(" https://cdn.example", 5)
	lim := csp.Limits{MaxSources: 4}

	list, err := lim.Parse(header)
	var le *csp.LimitError
	if errors.As(err, &le) {
		fmt.Println(le.Limit, le.Max, le.Offset)
	}
	fmt.Println(list.Policy(0).Text() == csp.ClosedPolicy)

	list, err = csp.Parse(header) // the default limits are far higher
	d, _ := list.Policy(0).Directive("connect-src")
	fmt.Println(d.Sources().Len(), err)
	// Output:
	// MaxSources 4 79
	// true
	// 6 <nil>
}
