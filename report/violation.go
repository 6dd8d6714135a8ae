package report

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/cspkit/cspkit/csp"
	"github.com/cspkit/cspkit/internal/urlx"
	"github.com/cspkit/cspkit/match"
	"github.com/cspkit/cspkit/source"
)

// Violation is what a browser records when one policy does not allow a
// request: the fields of the securitypolicyviolation event and of both
// report formats. URLs are already stripped for reporting.
type Violation struct {
	Engine      match.Engine    // the engine whose report this is
	Policy      int             // index of the violated policy in the list
	Disposition csp.Disposition // csp.Enforce (the request was blocked) or csp.ReportOnly
	DocumentURL string          // the page's URL, stripped
	Referrer    string          // the page's referrer, as given by the Referrer option
	// BlockedURL is the request's URL (before any redirect; the blocked hop
	// for engines that report it), stripped: for frames and plugins of
	// another origin, its origin alone.
	BlockedURL string
	// EffectiveDirective is the request destination's effective directive
	// ("connect-src", "script-src-elem", "img-src"...), even when a
	// fallback such as default-src decided.
	EffectiveDirective string
	// ViolatedDirective is the historical alias of EffectiveDirective that
	// application/csp-report bodies still carry; it equals it in CSP3 and
	// in current browsers.
	ViolatedDirective string
	// OriginalPolicy is the violated policy as the engine reports it: the
	// text received (Spec, Chromium, WebKit), or Firefox's re-serialisation
	// of the parsed policy (lower-case names and keywords, scheme-less
	// host-sources given the page's scheme, report-uri made absolute).
	OriginalPolicy string
	StatusCode     int    // HTTP status of the page's response (0 for WebKit on any page not served over http:, https included; 0 for Firefox's frames, plugins and shared workers)
	SourceFile     string // the script that made the request, stripped, when known
	LineNumber     int    // its line, 0 when unknown
	ColumnNumber   int    // its column, 0 when unknown (Firefox: 1)
	Sample         string // always empty: violations of a URL carry no sample
	// ReportURIs are the policy's report-uri values resolved against the
	// page's URL: where a report-uri POST goes. Values that do not parse
	// as URLs are left out, as browsers leave them out.
	ReportURIs []string
	// ReportTo is the policy's report-to endpoint name, or "". Engines
	// that support the Reporting API send Report there and ignore
	// ReportURIs when it is set.
	ReportTo string
}

// Option sets what a Decision does not know about the page, or which
// engine's violations to build. Options are created by the functions of
// this package only.
type Option interface {
	apply(*config)
}

type optionFunc func(*config)

func (f optionFunc) apply(c *config) { f(c) }

type config struct {
	engine               match.Engine
	engineSet            bool
	referrer             string
	status               int
	sourceFile           string
	line, column         int
	original             string
	originalSet, haveSrc bool
}

// Referrer sets the page's referrer (default "").
func Referrer(r string) Option { return optionFunc(func(c *config) { c.referrer = r }) }

// StatusCode sets the HTTP status of the page's response (default 200).
func StatusCode(code int) Option { return optionFunc(func(c *config) { c.status = code }) }

// Source sets the script, line and column that made the request, which
// browsers know when script runs (default: unknown).
func Source(file string, line, column int) Option {
	return optionFunc(func(c *config) { c.sourceFile, c.line, c.column, c.haveSrc = file, line, column, true })
}

// OriginalURL sets the URL the request was first made to. It is required
// for a decision made with match.Redirected: browsers report the original
// URL rather than the redirect target, so as not to leak where a redirect
// leads (Chromium's frames and WebKit's frames and plugins report the
// target's origin alone).
func OriginalURL(u string) Option {
	return optionFunc(func(c *config) { c.original, c.originalSet = u, true })
}

// ForEngine chooses the engine whose violations to build from a decision
// that several engines made (match decides with every browser by
// default). A single-engine decision needs no ForEngine.
func ForEngine(e match.Engine) Option {
	return optionFunc(func(c *config) { c.engine, c.engineSet = e, true })
}

// ErrInlineUnsupported is returned by Violations for a decision of
// match.Inline or match.Eval: CSP3 reports those with blocked-uri
// "inline", "eval" or "wasm-eval", a sample and the element's position,
// which this package does not build yet (rather than a report of a URL
// load that would be wrong).
var ErrInlineUnsupported = errors.New("report: violations of inline code and eval (blocked-uri \"inline\", \"eval\", \"wasm-eval\") are not built yet")

// codeDecision returns ErrInlineUnsupported for a decision about inline
// code or eval.
func codeDecision(d match.Decision) error {
	_, inline := d.Inline()
	_, eval := d.Eval()
	if inline || eval {
		return ErrInlineUnsupported
	}
	return nil
}

// ErrRedirectNeedsOriginal is returned by Violations for a redirected
// decision without the OriginalURL option.
var ErrRedirectNeedsOriginal = errors.New("report: the decision is about a redirect target; browsers report the original URL: give it with OriginalURL")

// UnrecordedError is returned by Violations for a decision about a
// destination whose reports have not been recorded from the engine: XSLT
// style sheets for every browser, which pages cannot load from HTML, and
// the loads an engine never makes (Firefox's and WebKit's manifests,
// WebKit's prefetches; match refuses those, so Violations meets them only
// in decisions not refused); and, for every engine Spec included, the
// navigation-side destinations match.Form, match.Base and match.Ancestor.
// The package does not guess a browser's report it has not seen.
type UnrecordedError struct {
	Engine      match.Engine
	Destination match.Destination
}

func (e *UnrecordedError) Error() string {
	if slices.Contains(unbuilt, e.Destination) {
		return fmt.Sprintf("report: reports for %s (%s) are not built yet, for any engine", e.Destination.String(), e.Destination.EffectiveDirective())
	}
	return fmt.Sprintf("report: %s reports for %s loads (%s) are not recorded yet; for CSP3's, decide with match.WithEngine(match.Spec) (or match.WithEngines with match.Spec among them)", e.Engine.Title(), e.Destination, e.Destination.EffectiveDirective())
}

// Violations returns the violations that one engine records for the
// decision d: one per policy of the list d was made with that does not
// allow the request, enforced or report-only, in policy order (but for
// the engine's per-destination exceptions below). The
// violations share their URL strings, and each distinct report-uri value
// is resolved once, so memory is about the size of the violating
// policies plus the page and target URLs once. When
// several engines decided d, ForEngine chooses which; it is an error to
// leave it out then, since each browser sends its own reports. A request
// refused before CSP runs (d.Refused) has none.
//
// Firefox reports a report-only service worker twice (once by register(),
// once by the script's fetch, with no script position and status-code 0):
// its violations hold both. Chromium reports no report-only violation of a
// prefetch: its violations hold none.
//
// The error is ErrInlineUnsupported for a decision of match.Inline or
// match.Eval, ErrRedirectNeedsOriginal, a *match.URLError for a bad
// OriginalURL, an *UnrecordedError for a destination whose reports were
// not recorded from the engine (XSLT for the browsers, and loads an engine
// never makes; Spec builds every fetch destination's; no engine builds
// Form's, Base's or Ancestor's yet), or an error saying which
// engine to choose.
func Violations(d match.Decision, opts ...Option) ([]Violation, error) {
	c := config{status: 200}
	for _, o := range opts {
		if o != nil {
			o.apply(&c)
		}
	}
	if err := codeDecision(d); err != nil {
		return nil, err
	}
	one := d
	switch {
	case c.engineSet:
		x, ok := d.For(c.engine)
		if !ok {
			return nil, fmt.Errorf("report: %s did not decide: the decision was made by %s; decide with match.WithEngine or match.WithEngines naming it", c.engine.Title(), engineNames(d))
		}
		one = x
	case d.Engines != nil:
		return nil, fmt.Errorf("report: the decision was made by %s, and each sends its own reports: choose one with report.ForEngine", engineNames(d))
	}
	return violations(d.List(), one, &c)
}

// engineNames lists the engines that made d.
func engineNames(d match.Decision) string {
	var names []string
	for _, e := range append(d.AllowedBy(), d.BlockedBy()...) {
		names = append(names, e.Title())
	}
	return strings.Join(names, ", ")
}

func violations(list csp.List, d match.Decision, c *config) ([]Violation, error) {
	if d.Refused != "" {
		return nil, nil
	}
	e := d.Engine()
	r := rulesOf(e)
	dest := d.Destination()
	if !slices.Contains(r.destinations, dest) {
		return nil, &UnrecordedError{Engine: e, Destination: dest}
	}
	page := d.Page().String()
	pu, perr := urlx.Parse(page)
	var documentURL, blockedURL, sourceFile string // made once, shared by every violation
	resolved := map[string]string{}                // report-uri values resolved against the page
	var out []Violation
	for _, v := range d.Policies {
		if v.Allowed || v.Disposition == csp.ReportOnly && r.unreportedReportOnly.has(dest) {
			continue
		}
		if d.Redirected && !c.originalSet {
			return nil, ErrRedirectNeedsOriginal
		}
		if out == nil {
			blocked := d.Checked().String()
			if c.originalSet && !r.hopReported.has(dest) {
				u, err := d.Page().ParseRef(c.original)
				if err != nil {
					return nil, err
				}
				blocked = u.String()
			}
			documentURL, blockedURL = strip(&r, page), stripBlocked(&r, dest, page, blocked)
			if c.haveSrc {
				sourceFile = strip(&r, c.sourceFile)
			}
		}
		pol := list.Policy(v.Policy)
		x := Violation{
			Engine:             e,
			Policy:             v.Policy,
			Disposition:        v.Disposition,
			DocumentURL:        documentURL,
			Referrer:           c.referrer,
			BlockedURL:         blockedURL,
			EffectiveDirective: v.ViolatedDirective(),
			ViolatedDirective:  v.ViolatedDirective(),
			OriginalPolicy:     pol.Text(),
			StatusCode:         c.status,
			ReportTo:           reportTo(pol),
		}
		if perr == nil {
			x.ReportURIs = reportURIs(pol, &pu, resolved)
			if r.reserialize {
				x.OriginalPolicy = firefoxPolicy(pol, pu)
			}
		}
		if r.noStatusOffHTTP && d.Page().Scheme() != "http" || r.statusless.has(dest) {
			x.StatusCode = 0
		}
		if c.haveSrc {
			x.SourceFile = sourceFile
			x.LineNumber, x.ColumnNumber = c.line, c.column
		} else {
			x.ColumnNumber = r.unknownColumn
		}
		out = append(out, x)
		if x.Disposition == csp.ReportOnly && r.refetched.has(dest) {
			again := x
			again.SourceFile, again.LineNumber, again.ColumnNumber = "", 0, r.unknownColumn
			again.StatusCode = 0
			out = append(out, again)
		}
	}
	return out, nil
}

// strip returns u as an engine with rules r writes it in reports
// (https://w3c.github.io/webappsec-csp/#strip-url-for-use-in-reports): the
// scheme alone for schemes the engine does not report in full, else the URL
// without fragment, user name and password. A string that is not an
// absolute URL is returned as it is.
func strip(r *rules, s string) string {
	u, err := urlx.Parse(s)
	if err != nil {
		return s
	}
	if !r.keeps.keeps(&u) {
		return u.Scheme
	}
	u.Fragment, u.HasFragment = "", false
	u.Username, u.Password = "", ""
	return u.String()
}

// stripBlocked returns the blocked URL s of a dest load from page as an
// engine with rules r reports it: stripped, and cut to its origin or to ""
// where the engine does so for the destination.
func stripBlocked(r *rules, dest match.Destination, page, s string) string {
	u, err := urlx.Parse(s)
	if err != nil {
		return s
	}
	if u.Scheme == "data" && r.dataUnnamed.has(dest) {
		return ""
	}
	if r.originOnly.has(dest) && r.keeps.keeps(&u) {
		if p, err := urlx.Parse(page); err != nil || !u.Origin().SameOrigin(p.Origin()) {
			return u.Origin().String()
		}
	}
	return strip(r, s)
}

// reportTo returns the token of the policy's report-to directive.
func reportTo(p csp.Policy) string {
	d, ok := p.Directive("report-to")
	if !ok {
		return ""
	}
	fields := source.Fields(d.Value())
	for _, f := range fields {
		return f
	}
	return ""
}

// reportURIs returns the policy's report-uri values resolved against page.
func reportURIs(p csp.Policy, base *urlx.URL, resolved map[string]string) []string {
	d, ok := p.Directive("report-uri")
	if !ok {
		return nil
	}
	var out []string
	for _, f := range source.Fields(d.Value()) {
		r, seen := resolved[f]
		if !seen {
			if u, err := urlx.ParseRef(*base, f); err == nil {
				r = u.String()
			}
			resolved[f] = r
		}
		if r != "" {
			out = append(out, r)
		}
	}
	return out
}
