package main

import (
	"encoding/json"
	"fmt"
	"io"

	"github.com/cspkit/cspkit/csp"
	"github.com/cspkit/cspkit/lint"
)

// runLint prints the findings for list and returns the exit code: 3 when a
// finding is at or above the severity named by failOn ("none": never), 2
// when failOn is no severity, else 0.
// With asJSON the findings are printed as one JSON array.
func runLint(list csp.List, failOn string, asJSON bool, stdout, stderr io.Writer) int {
	never := failOn == "none"
	threshold, err := lint.ParseSeverity(failOn)
	if err != nil && !never {
		fmt.Fprintf(stderr, "cspcheck: -fail-on: %v\n", err)
		return 2
	}
	failing := 0
	findings := lint.Check(list)
	for _, f := range findings {
		if !asJSON {
			fmt.Fprintln(stdout, f)
		}
		if !never && f.Severity >= threshold {
			failing++
		}
	}
	if asJSON {
		if findings == nil {
			findings = []lint.Finding{}
		}
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		if err := enc.Encode(findings); err != nil {
			fmt.Fprintf(stderr, "cspcheck: %v\n", err)
			return 2
		}
	}
	if failing > 0 {
		fmt.Fprintf(stderr, "cspcheck: %d of %d findings at or above %s\n", failing, len(findings), threshold)
		return 3
	}
	return 0
}
