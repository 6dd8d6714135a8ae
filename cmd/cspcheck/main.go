// Command cspcheck says whether a page under a Content-Security-Policy may
// make connect-src requests (fetch, XHR, WebSocket, EventSource, beacons,
// pings) to the given targets.
//
// Usage:
//
//	cspcheck -policy "<header value>" [-report-only "<header value>"] -page <url> [-redirected] <target>...
//
// It prints one line per target with the verdict and the explanation, and
// exits 0 when every target is allowed, 1 when any is blocked and 2 on bad
// input.
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
	quiet := fs.Bool("q", false, "do not print parse problems")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: cspcheck -policy <header> -page <url> [-report-only <header>] [-redirected] <target>...")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if *page == "" || fs.NArg() == 0 {
		fs.Usage()
		return 2
	}
	enforced, err := csp.Parse(*policy)
	printProblems(stderr, "policy", err, *quiet)
	reported, err := csp.ParseReportOnly(*reportOnly)
	printProblems(stderr, "report-only", err, *quiet)
	list := csp.Join(enforced, reported)

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
