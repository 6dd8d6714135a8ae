// Command cspcheck says whether a page under a Content-Security-Policy may
// make connect-src requests (fetch, XHR, WebSocket, EventSource, beacons,
// pings) to the given targets, or lints the policy.
//
// Usage:
//
//	cspcheck -policy "<header value>" [-report-only "<header value>"] [-meta "<content>"] -page <url> [-redirected] [-engine <names>] [-json] <target>...
//	curl -sI https://site/ | cspcheck -page https://site/ <target>...
//	cspcheck -lint [-fail-on low] -policy "<header value>" [-report-only "<header value>"] [-meta "<content>"]
//
// Policies come from the flags, or from a raw HTTP response (what curl -sI
// or curl -si prints: the CSP headers, and <meta> policies of an HTML body)
// read from the file named by -headers, from standard input with
// -headers - or a lone - before the targets, or from standard input when
// it is a pipe or a file and no policy flag is given.
//
// It prints parse problems on standard error (unless -q). To decide, it
// prints one line per target with the verdict and the explanation, or with
// -json one JSON array with an object per target (each engine's verdict
// per policy, the closest sources and a suggestion). -engine chooses who
// decides: browsers (Chromium, Firefox and WebKit; the default), all (the
// browsers and the CSP3 spec), or engine names separated by commas
// (chromium, firefox, webkit, spec). With -lint it prints one line per lint
// finding instead (with -json, a JSON array of findings), and takes no page
// or targets.
//
// Exit codes:
//
//	0  every target is allowed; with -lint, no finding at or above -fail-on
//	1  a target is blocked
//	2  bad input: flags, URLs
//	3  -lint only: a finding at or above -fail-on (info, low, medium, high; none never fails)
package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/cspkit/cspkit/csp"
	"github.com/cspkit/cspkit/match"
)

func main() {
	os.Exit(runWithInput(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// run is cspcheck without standard input.
func run(args []string, stdout, stderr io.Writer) int {
	return runWithInput(args, nil, stdout, stderr)
}

// runWithInput runs cspcheck; stdin may be nil.
func runWithInput(args []string, stdin *os.File, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("cspcheck", flag.ContinueOnError)
	fs.SetOutput(stderr)
	policy := fs.String("policy", "", "Content-Security-Policy header value (several policies comma-separated)")
	reportOnly := fs.String("report-only", "", "Content-Security-Policy-Report-Only header value")
	page := fs.String("page", "", "URL of the page making the requests")
	redirected := fs.Bool("redirected", false, "targets were reached through a redirect (paths ignored)")
	meta := fs.String("meta", "", `content of a <meta http-equiv="Content-Security-Policy"> element`)
	quiet := fs.Bool("q", false, "do not print parse problems")
	lintMode := fs.Bool("lint", false, "lint the policies instead of deciding targets")
	failOn := fs.String("fail-on", "low", "with -lint, exit 3 on a finding of this severity or above (info, low, medium, high, none)")
	headers := fs.String("headers", "", "read a raw HTTP response (headers, optionally a body) from this file; - for standard input")
	engines := fs.String("engine", "browsers", "who decides: browsers, all, or names separated by commas (chromium, firefox, webkit, spec)")
	asJSON := fs.Bool("json", false, "print the decisions as JSON")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: cspcheck -policy <header> -page <url> [-report-only <header>] [-meta <content>] [-redirected] <target>...")
		fmt.Fprintln(stderr, "       cspcheck -lint [-fail-on <severity>] -policy <header> [-report-only <header>] [-meta <content>]")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return 2
	}
	targets := fs.Args()
	if len(targets) > 0 && targets[0] == "-" && *headers == "" {
		*headers, targets = "-", targets[1:]
	}
	if *lintMode && (*page != "" || len(targets) > 0) {
		fmt.Fprintln(stderr, "cspcheck: -lint takes no -page and no targets")
		return 2
	}
	if !*lintMode && (*page == "" || len(targets) == 0) {
		fs.Usage()
		return 2
	}
	enforced, err := csp.Parse(*policy)
	printProblems(stderr, "policy", err, *quiet)
	reported, err := csp.ParseReportOnly(*reportOnly)
	printProblems(stderr, "report-only", err, *quiet)
	fromMeta, err := csp.ParseMeta(*meta)
	printProblems(stderr, "meta", err, *quiet)
	list := csp.Join(enforced, fromMeta, reported)
	if *headers == "" && *policy == "" && *reportOnly == "" && *meta == "" && stdinIsPiped(stdin) {
		*headers = "-"
	}
	if *headers != "" {
		fromResponse, err := responsePolicies(*headers, stdin)
		printProblems(stderr, "response", err, *quiet)
		var le *csp.LimitError
		if errors.As(err, &le) {
			fmt.Fprintf(stderr, "cspcheck: response: %v\n", le)
		}
		if err := fatal(err); err != nil {
			fmt.Fprintf(stderr, "cspcheck: %v\n", err)
			return 2
		}
		list = csp.Join(fromResponse, list)
	}
	if list.Len() == 0 && !*lintMode { // lint reports an absent policy itself (CSP1001)
		if *headers == "" {
			// Nothing to check is a mistake (an unset variable in a
			// script), not a verdict: fail rather than allow everything.
			fmt.Fprintln(stderr, "cspcheck: no policy to check: -policy, -report-only and -meta are empty and no response headers were given")
			return 2
		}
		if !*quiet {
			fmt.Fprintln(stderr, "cspcheck: the response has no Content-Security-Policy: nothing restricts its connections")
		}
	}
	if *lintMode {
		return runLint(list, *failOn, *asJSON, stdout, stderr)
	}

	engineOpt, err := engineOption(*engines)
	if err != nil {
		fmt.Fprintf(stderr, "cspcheck: %v\n", err)
		return 2
	}
	opts := []match.Option{engineOpt}
	if *redirected {
		opts = append(opts, match.Redirected())
	}
	code := 0
	var decisions []jsonDecision
	for _, target := range targets {
		d, err := match.Connect(list, *page, target, opts...)
		if err != nil {
			fmt.Fprintf(stderr, "cspcheck: %v\n", err)
			return 2
		}
		if *asJSON {
			decisions = append(decisions, toJSON(target, d))
		} else {
			fmt.Fprintln(stdout, d)
		}
		if !d.Allowed && code == 0 {
			code = 1
		}
	}
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		if err := enc.Encode(decisions); err != nil {
			fmt.Fprintf(stderr, "cspcheck: %v\n", err)
			return 2
		}
	}
	return code
}

func printProblems(w io.Writer, what string, err error, quiet bool) {
	var pe *csp.ParseError
	if quiet || !errors.As(err, &pe) {
		return
	}
	for _, p := range pe.Problems {
		fmt.Fprintf(w, "cspcheck: %s: %s [%s]\n", what, p, p.Code)
	}
}
