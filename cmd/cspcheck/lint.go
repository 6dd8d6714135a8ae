package main

import (
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/cspkit/cspkit/csp"
	"github.com/cspkit/cspkit/lint"
)

// runLint prints the findings for list, of the scopes named in only (every
// scope when it is ""), and returns the exit code: 3 when a finding is at
// or above the severity named by failOn ("none": never), 2 on a bad flag,
// else 0. With asJSON the findings are printed as one JSON array.
func runLint(list csp.List, failOn, only string, asJSON bool, stdout, stderr io.Writer) int {
	never := failOn == "none"
	threshold, err := lint.ParseSeverity(failOn)
	if err != nil && !never {
		fmt.Fprintf(stderr, "cspcheck: -fail-on: %v\n", err)
		return 2
	}
	var scopes []lint.Scope
	if only != "" {
		for _, name := range strings.Split(only, ",") {
			s, err := lint.ParseScope(strings.TrimSpace(name))
			if err != nil {
				fmt.Fprintf(stderr, "cspcheck: -only: %v\n", err)
				return 2
			}
			scopes = append(scopes, s)
		}
	}
	failing := 0
	findings := []lint.Finding{}
	for _, f := range lint.Check(list) {
		if len(scopes) > 0 && !slices.Contains(scopes, f.Scope()) {
			continue
		}
		findings = append(findings, f)
		if !asJSON {
			fmt.Fprintln(stdout, f)
		}
		if !never && f.Severity >= threshold {
			failing++
		}
	}
	if asJSON {
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
