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
// scope when it is ""), and returns the exit code: 3 when there is a parse
// problem or a finding at or above the severity named by failOn ("none":
// never), 2 on a bad flag, else 0. With asJSON it prints one JSON object
// with the problems and the findings.
func runLint(list csp.List, problems []jsonProblem, failOn, only string, asJSON bool, stdout, stderr io.Writer) int {
	never := failOn == "none"
	threshold, err := lint.ParseSeverity(failOn)
	if err != nil && !never {
		fmt.Fprintf(stderr, "cspcheck: -fail-on: %v, or none\n", err)
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
		if problems == nil {
			problems = []jsonProblem{}
		}
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		if err := enc.Encode(jsonLint{Problems: problems, Findings: findings}); err != nil {
			fmt.Fprintf(stderr, "cspcheck: %v\n", err)
			return 2
		}
	}
	switch {
	case never:
		return 0
	case len(problems) > 0:
		fmt.Fprintf(stderr, "cspcheck: browsers drop or ignore part of the policies (%s): the policy enforced is not the one written\n", plural(len(problems), "parse problem"))
		return 3
	case failing > 0:
		fmt.Fprintf(stderr, "cspcheck: %d of %d findings at or above %s\n", failing, len(findings), threshold)
		return 3
	}
	return 0
}

// jsonLint is the -lint -json output.
type jsonLint struct {
	Problems []jsonProblem  `json:"problems"` // parse problems: what browsers drop or ignore
	Findings []lint.Finding `json:"findings"`
}

// plural writes n and the noun, plural when n is not 1.
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
