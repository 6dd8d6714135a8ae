// Command cspcheck says whether a page under a Content-Security-Policy may
// make connect-src requests (fetch, XHR, WebSocket, EventSource, beacons,
// pings) to the given targets, or lints the policy.
//
// Usage:
//
//	cspcheck -policy "<header value>" [-report-only "<header value>"] [-meta "<content>"] -page <url> [-redirected] <target>...
//	cspcheck -lint [-fail-on low] -policy "<header value>" [-report-only "<header value>"] [-meta "<content>"]
//
// It prints parse problems on standard error (unless -q). To decide, it
// prints one line per target with the verdict and the explanation. With
// -lint it prints one line per lint finding instead, and takes no page or
// targets.
//
// Exit codes:
//
//	0  every target is allowed; with -lint, no finding at or above -fail-on
//	1  a target is blocked
//	2  bad input: flags, URLs
//	3  -lint only: a finding at or above -fail-on (info, low, medium, high; none never fails)
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/cspkit/cspkit/csp"
	"github.com/cspkit/cspkit/match"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
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
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: cspcheck -policy <header> -page <url> [-report-only <header>] [-meta <content>] [-redirected] <target>...")
		fmt.Fprintln(stderr, "       cspcheck -lint [-fail-on <severity>] -policy <header> [-report-only <header>] [-meta <content>]")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if *lintMode && (*page != "" || fs.NArg() > 0) {
		fmt.Fprintln(stderr, "cspcheck: -lint takes no -page and no targets")
		return 2
	}
	if !*lintMode && (*page == "" || fs.NArg() == 0) {
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
	if *lintMode {
		return runLint(list, *failOn, stdout, stderr)
	}

	var opts []match.Option // every browser engine decides
	if *redirected {
		opts = append(opts, match.Redirected())
	}
	code := 0
	for _, target := range fs.Args() {
		d, err := match.Connect(list, *page, target, opts...)
		if err != nil {
			fmt.Fprintf(stderr, "cspcheck: %v\n", err)
			return 2
		}
		fmt.Fprintln(stdout, d)
		if !d.Allowed && code == 0 {
			code = 1
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
