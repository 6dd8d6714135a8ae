// Command cspcheck says whether a page under a Content-Security-Policy may
// make requests (fetch, XHR, WebSocket, EventSource, beacons, pings; with
// -dest, scripts, style sheets, images, frames, workers...) to the given
// targets, or lints the policy.
//
// Usage:
//
//	cspcheck -policy "<header value>" [-report-only "<header value>"] [-meta "<content>"] -page <url> [-dest <destination>] [-request <api>] [-redirected] [-engine <names>] [-json] [-v] [-q] [-allow-unrestricted] <target>...
//	curl -sI https://site/ | cspcheck -page https://site/ <target>...
//	cspcheck -lint [-fail-on medium] [-only connect,scripts,writing,loads] -policy "<header value>" [-report-only "<header value>"] [-meta "<content>"]
//
// Flags may come before, between or after the targets; "--" ends them.
// Policies come from the flags, or from a raw HTTP response (what curl -sI
// or curl -si prints: the CSP headers, and <meta> policies of an HTML body)
// read from the file named by -headers, from standard input with
// -headers - or a lone - among the targets, or from standard input when
// it is a pipe or a file and no policy flag is given.
//
// A target is an absolute URL or a reference relative to the page that
// starts with "/", "./", "../", "?" or "#": "api.example.com/v1" is an
// error (fetch() would read it as a path on the page's host).
//
// -dest says what the page loads the targets as (connect, the default;
// script, style, image, font, media, track, object, frame, worker, sharedworker,
// serviceworker, manifest, xslt, prefetch): the destination's directive
// decides, or the next of its fallback list when a policy lacks it
// (script-src-elem, script-src, default-src for a script). -request names
// the API of a connect request.
//
// It prints parse problems (what browsers drop or ignore) on standard
// error (unless -q). To decide, it prints one line per target with the
// verdict and why (-v: the whole explanation, each policy on its own
// line), or with -json one JSON array with an object per target (each
// engine's verdict per policy, the closest sources and suggestions). A
// target goes through when the API does not refuse it before CSP runs,
// every enforced policy allows it, and it is not blocked as mixed content.
// -engine chooses who decides: browsers (Chromium, Firefox and WebKit; the
// default), all (the browsers and the CSP3 spec), or engine names
// separated by commas, in any case (chromium, firefox, webkit, spec; also
// chrome, edge, gecko, safari). With -lint it prints one line per lint
// finding instead (with -json, a JSON array of findings), and takes no
// page or targets; -only keeps the findings of the given scopes. Flags of
// the other mode are an error, and -h exits 0.
//
// Exit codes:
//
//	0  every target goes through; with -lint, no parse problem and no finding at or above -fail-on
//	1  a target does not go through
//	2  bad input: flags, policies that cannot be read, a URL (the other targets are still decided)
//	4  every target goes through, but one only because no enforced policy restricts it (no policy,
//	   report-only ones, or none with the destination's directive or a fallback); -allow-unrestricted
//	   makes that 0
//	3  -lint only: a parse problem (what browsers drop or ignore), or a finding at or above
//	   -fail-on (info, low, medium — the default —, high; none never fails)
package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/cspkit/cspkit/csp"
	"github.com/cspkit/cspkit/lint"
	"github.com/cspkit/cspkit/match"
)

func main() {
	os.Exit(runWithInput(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// run is cspcheck without standard input.
func run(args []string, stdout, stderr io.Writer) int {
	return runWithInput(args, nil, stdout, stderr)
}

// options are cspcheck's flags.
type options struct {
	policy, reportOnly, meta, page string
	headers, engines, failOn, only string
	request, dest                  string
	redirected, quiet, lint, json  bool
	verbose, allowUnrestricted     bool
	set                            map[string]bool // the flags given
}

func newFlagSet(o *options, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet("cspcheck", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&o.policy, "policy", "", "Content-Security-Policy header value (several policies comma-separated)")
	fs.StringVar(&o.reportOnly, "report-only", "", "Content-Security-Policy-Report-Only header value")
	fs.StringVar(&o.page, "page", "", "URL of the page making the requests")
	fs.BoolVar(&o.redirected, "redirected", false, "targets were reached through a redirect (paths ignored)")
	fs.StringVar(&o.meta, "meta", "", `content of a <meta http-equiv="Content-Security-Policy"> element`)
	fs.BoolVar(&o.quiet, "q", false, "do not print parse problems")
	fs.BoolVar(&o.lint, "lint", false, "lint the policies instead of deciding targets")
	fs.StringVar(&o.failOn, "fail-on", "medium", "with -lint, exit 3 on a finding of this severity or above (info, low, medium, high, none)")
	fs.StringVar(&o.only, "only", "", "with -lint, keep only findings of these scopes, comma-separated (connect, scripts, writing, loads)")
	fs.StringVar(&o.headers, "headers", "", "read a raw HTTP response (headers, optionally a body) from this file; - for standard input")
	fs.StringVar(&o.engines, "engine", "browsers", "who decides: browsers, all, or names separated by commas (chromium, firefox, webkit, spec)")
	fs.BoolVar(&o.json, "json", false, "print the decisions (or findings) as JSON")
	fs.BoolVar(&o.allowUnrestricted, "allow-unrestricted", false, "exit 0, not 4, when a target goes through only because no enforced policy restricts it")
	fs.BoolVar(&o.verbose, "v", false, "print each decision's whole explanation, with every policy and source list")
	fs.StringVar(&o.dest, "dest", "connect", "what the page loads the targets as: "+destinationNames()+"; targets are decided by that destination's directive and its fallbacks")
	fs.StringVar(&o.request, "request", "", "the API making the requests: fetch, xhr, websocket, eventsource, beacon or ping (default: websocket for ws:/wss: targets, else fetch)")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: cspcheck -policy <header> -page <url> [-report-only <header>] [-meta <content>] [-dest <destination>] [-request <api>] [-redirected] [-engine <names>] [-json] [-v] [-q] [-allow-unrestricted] <target>...")
		fmt.Fprintln(stderr, "       curl -si <url> | cspcheck -page <url> [flags] <target>...   (or -headers <file>)")
		fmt.Fprintln(stderr, "       cspcheck -lint [-fail-on <severity>] [-only <scopes>] -policy <header> [-report-only <header>] [-meta <content>] [-headers <file>] [-json] [-q]")
		fs.PrintDefaults()
	}
	return fs
}

// parseArgs parses flags wherever they stand among the targets; "--" ends
// the flags.
func parseArgs(fs *flag.FlagSet, args []string) ([]string, error) {
	var targets []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		rest := fs.Args()
		// The flag package consumes a "--" that ends the flags: what
		// follows it is targets only.
		if n := len(args) - len(rest); n > 0 && args[n-1] == "--" {
			return append(targets, rest...), nil
		}
		if len(rest) == 0 {
			return targets, nil
		}
		if rest[0] == "--" {
			return append(targets, rest[1:]...), nil
		}
		targets = append(targets, rest[0])
		args = rest[1:]
	}
}

// runWithInput runs cspcheck; stdin may be nil.
func runWithInput(args []string, stdin *os.File, stdout, stderr io.Writer) int {
	var o options
	fs := newFlagSet(&o, stderr)
	targets, err := parseArgs(fs, args)
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	if err != nil {
		return 2
	}
	o.set = map[string]bool{}
	fs.Visit(func(f *flag.Flag) { o.set[f.Name] = true })
	if msg := misplacedFlags(&o); msg != "" {
		fmt.Fprintln(stderr, "cspcheck: "+msg)
		return 2
	}
	for i, t := range targets {
		if t == "-" && o.headers == "" {
			o.headers = "-"
			targets = append(targets[:i:i], targets[i+1:]...)
			break
		}
	}
	if o.lint && len(targets) > 0 {
		fmt.Fprintln(stderr, "cspcheck: -lint takes no targets")
		return 2
	}
	if !o.lint {
		switch {
		case o.page == "" && len(targets) == 0:
			fmt.Fprintln(stderr, "cspcheck: give the page's URL with -page and at least one target URL (or -lint to lint the policy)")
			fs.Usage()
			return 2
		case o.page == "":
			fmt.Fprintln(stderr, "cspcheck: missing -page: the URL of the page making the requests (targets may be relative to it)")
			return 2
		case len(targets) == 0:
			fmt.Fprintln(stderr, "cspcheck: no target: give at least one URL after the flags")
			return 2
		}
	}
	list, problems, code := readPolicies(&o, stdin, stderr)
	if code != 0 {
		return code
	}
	if o.lint {
		return runLint(list, problems, o.failOn, o.only, o.json, stdout, stderr)
	}
	engineOpt, err := engineOption(o.engines)
	if err != nil {
		fmt.Fprintf(stderr, "cspcheck: %v\n", err)
		return 2
	}
	opts := []match.Option{engineOpt, match.StrictTarget()}
	if o.redirected {
		opts = append(opts, match.Redirected())
	}
	dest, err := match.ParseDestination(o.dest)
	if err != nil {
		fmt.Fprintf(stderr, "cspcheck: -dest: %v\n", err)
		return 2
	}
	if o.request != "" && dest != match.Connection {
		fmt.Fprintf(stderr, "cspcheck: -request applies to -dest connect only, not %s\n", dest)
		return 2
	}
	if o.request != "" {
		r, err := match.ParseRequest(o.request)
		if err != nil {
			fmt.Fprintf(stderr, "cspcheck: -request: %v\n", err)
			return 2
		}
		opts = append(opts, match.WithRequest(r))
	}
	printTypos(stderr, list, o.quiet)
	return decideAll(list, o, targets, dest, opts, stdout, stderr)
}

// destinationNames lists the names -dest accepts.
func destinationNames() string {
	var names []string
	for _, d := range match.Destinations() {
		names = append(names, d.String())
	}
	return strings.Join(names, ", ")
}

// misplacedFlags says which flags were given for the other mode, or "".
func misplacedFlags(o *options) string {
	var wrong []string
	var mode string
	if o.lint {
		mode = "-lint"
		for _, f := range []string{"page", "redirected", "engine", "request", "dest", "v", "allow-unrestricted"} {
			if o.set[f] {
				wrong = append(wrong, "-"+f)
			}
		}
	} else {
		mode = "deciding targets"
		for _, f := range []string{"fail-on", "only"} {
			if o.set[f] {
				wrong = append(wrong, "-"+f)
			}
		}
	}
	if len(wrong) == 0 {
		return ""
	}
	return fmt.Sprintf("%s: not used when %s", strings.Join(wrong, ", "), mode)
}

// printTypos prints, in decide mode, lint's findings about keywords,
// schemes and directive names that browsers read as host names: the
// verdicts are right, but likely not what the policy's author meant.
func printTypos(w io.Writer, list csp.List, quiet bool) {
	if quiet {
		return
	}
	for _, f := range lint.Check(list) {
		switch f.Code {
		case lint.UnquotedKeyword, lint.SchemeAsHost, lint.MissingSemicolon:
			fmt.Fprintf(w, "cspcheck: likely typo: %s\n", f)
		}
	}
}

// readPolicies joins the policies of the flags and of a response, printing
// parse problems and returning them; code is 2 when there is nothing to
// check or the response cannot be read.
func readPolicies(o *options, stdin *os.File, stderr io.Writer) (csp.List, []jsonProblem, int) {
	var problems []jsonProblem
	enforced, err := csp.Parse(o.policy)
	problems = append(problems, printProblems(stderr, "policy", err, o.quiet)...)
	reported, err := csp.ParseReportOnly(o.reportOnly)
	problems = append(problems, printProblems(stderr, "report-only", err, o.quiet)...)
	fromMeta, err := csp.ParseMeta(o.meta)
	problems = append(problems, printProblems(stderr, "meta", err, o.quiet)...)
	list := csp.Join(enforced, fromMeta, reported)
	if o.headers == "" && o.policy == "" && o.reportOnly == "" && o.meta == "" && stdinIsPiped(stdin) {
		o.headers = "-"
	}
	if o.headers != "" {
		fromResponse, err := responsePolicies(o.headers, stdin)
		problems = append(problems, printProblems(stderr, "response", err, o.quiet)...)
		var le *csp.LimitError
		if errors.As(err, &le) {
			fmt.Fprintf(stderr, "cspcheck: response: %v\n", le)
			problems = append(problems, jsonProblem{Source: "response", Code: "limit", Message: le.Error()})
		}
		if err := fatal(err); err != nil {
			fmt.Fprintf(stderr, "cspcheck: %v\n", err)
			return list, problems, 2
		}
		list = csp.Join(fromResponse, list)
	}
	if list.Len() == 0 && !o.lint { // lint reports an absent policy itself (CSP1001)
		if o.headers == "" {
			// Nothing to check is a mistake (an unset variable in a
			// script), not a verdict: fail rather than allow everything.
			fmt.Fprintln(stderr, "cspcheck: no policy to check: -policy, -report-only and -meta are empty and no response headers were given")
			return list, problems, 2
		}
		if !o.quiet {
			fmt.Fprintln(stderr, "cspcheck: the response has no Content-Security-Policy: nothing restricts what it loads")
		}
	}
	return list, problems, 0
}

// decideAll decides every target, reporting a bad one on standard error
// and going on with the others.
func decideAll(list csp.List, o options, targets []string, dest match.Destination, opts []match.Option, stdout, stderr io.Writer) int {
	code := 0
	decisions := []jsonDecision{}
	for _, target := range targets {
		d, err := match.Load(list, o.page, target, dest, opts...)
		if err != nil {
			fmt.Fprintf(stderr, "cspcheck: %v\n", err)
			if o.json {
				decisions = append(decisions, jsonDecision{Target: target, Destination: dest.String(), Effective: dest.EffectiveDirective(), Verdict: "error", Error: err.Error(), Engines: []jsonEngine{}})
			}
			code = worse(code, 2)
			continue
		}
		switch {
		case o.json:
			decisions = append(decisions, toJSON(target, d))
		case o.verbose:
			fmt.Fprintf(stdout, "%s: %+v\n", target, d)
		default:
			fmt.Fprintln(stdout, d)
		}
		switch {
		case !d.Allowed:
			code = worse(code, 1)
		case unrestricted(d) && !o.allowUnrestricted:
			code = worse(code, 4)
			fmt.Fprintf(stderr, "cspcheck: %s goes through only because no enforced policy restricts it (exit 4; -allow-unrestricted accepts it)\n", target)
		}
	}
	if o.json {
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

// worse returns the exit code that outranks the other: 2 (bad input), then
// 1 (a target does not go through), then 4 (a target goes through
// unrestricted), then 0.
func worse(a, b int) int {
	rank := map[int]int{0: 0, 4: 1, 1: 2, 2: 3}
	if rank[b] > rank[a] {
		return b
	}
	return a
}

// unrestricted reports whether, in some engine, no enforced policy
// restricts the decided request: it would go through whatever the target.
func unrestricted(d match.Decision) bool {
	each := d.Engines
	if each == nil {
		each = []match.Decision{d}
	}
	for _, e := range each {
		restricted := false
		for _, v := range e.Policies {
			if v.Disposition == csp.Enforce && v.Directive != "" {
				restricted = true
			}
		}
		if !restricted && e.Refused == "" {
			return true
		}
	}
	return false
}

// printProblems prints the parse problems of err, unless quiet, and
// returns them.
func printProblems(w io.Writer, what string, err error, quiet bool) []jsonProblem {
	var pe *csp.ParseError
	if !errors.As(err, &pe) {
		return nil
	}
	var out []jsonProblem
	for _, p := range pe.Problems {
		if !quiet {
			fmt.Fprintf(w, "cspcheck: %s: %s [%s]\n", what, p, p.Code)
		}
		out = append(out, jsonProblem{Source: what, Policy: p.Policy, Directive: p.Directive, Token: p.Token,
			Offset: p.Offset, Code: string(p.Code), Message: p.Message})
	}
	return out
}
