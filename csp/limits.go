package csp

import (
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/cspkit/cspkit/source"
)

// The default limits, used for every zero field of Limits and by Parse,
// ParseReportOnly and FromHeader. They are far above real headers (the
// largest seen in the wild are tens of kilobytes) and above what browsers
// accept: Chromium refuses a response whose header block exceeds 256 KiB.
const (
	DefaultMaxHeaderBytes = 4 << 20 // 4 MiB of header values per call
	DefaultMaxPolicies    = 1 << 14 // 16,384 policies per call
	DefaultMaxDirectives  = 1 << 17 // 131,072 directives per policy
	DefaultMaxSources     = 1 << 17 // 131,072 source expressions per directive
	DefaultMaxProblems    = 10000   // problems listed in a *ParseError
)

// ClosedPolicy is the policy that stands in for a header that exceeds a
// limit. Every directive that can restrict anything is at its strictest, so
// a refused header is never looser than the header itself would have been.
const ClosedPolicy = "default-src 'none'; base-uri 'none'; form-action 'none'; " +
	"frame-ancestors 'none'; sandbox; require-trusted-types-for 'script'; " +
	"trusted-types 'none'; webrtc 'block'"

// TooManyProblems is the code of the last Problem of a *ParseError that
// reached Limits.MaxProblems: it counts the problems that are not listed.
const TooManyProblems Code = "too-many-problems"

// Limits bounds the work and memory of parsing. Each zero field selects its
// default (the Default* constants). Counts are taken as written: a directive
// that a browser drops (non-ASCII, duplicate) still counts.
//
// A header value that exceeds any limit except MaxProblems is not parsed:
// the List returned holds ClosedPolicy instead, with the disposition of the
// header (an enforced one when the call had any enforced field), together
// with a *LimitError. Truncating a header would be unsafe: dropping a
// connect-src can allow more.
//
// Time and memory are linear in the size of the header. Parsing keeps at
// most about 250 bytes per byte of header (a header of two-byte
// directives; under 10 for typical headers) and allocates at most about 500
// in all. At the default MaxHeaderBytes a header built to waste memory can
// thus hold a few hundred megabytes: when parsing untrusted headers with
// little memory, lower MaxHeaderBytes to what the HTTP stack accepts
// anyway (Chromium: 256 KiB for all response headers).
type Limits struct {
	MaxHeaderBytes int // bytes of all header values of one call together
	MaxPolicies    int // policies of one call together
	MaxDirectives  int // directives of one policy
	MaxSources     int // source expressions of one directive
	// MaxProblems bounds the problems a *ParseError lists; the List is
	// unaffected. Beyond it, one TooManyProblems problem counts the rest.
	MaxProblems int
}

// Parse is like the package's Parse with the limits l.
func (l Limits) Parse(value string) (List, error) {
	return l.parseValue(value, Enforce)
}

// ParseReportOnly is like the package's ParseReportOnly with the limits l.
func (l Limits) ParseReportOnly(value string) (List, error) {
	return l.parseValue(value, ReportOnly)
}

func (l Limits) parseValue(value string, disp Disposition) (List, error) {
	l = l.withDefaults()
	if err := l.check(field{value: value}); err != nil {
		return closedList(disp == Enforce, disp == ReportOnly), err
	}
	p := parser{maxProblems: l.MaxProblems}
	p.parse(value, disp, "", 0)
	return p.result()
}

// ParseMeta is like the package's ParseMeta with the limits l.
func (l Limits) ParseMeta(content string) (List, error) {
	l = l.withDefaults()
	if err := l.check(field{value: content}); err != nil {
		return closedList(true, false), err
	}
	p := parser{maxProblems: l.MaxProblems}
	p.parseMeta(content, "", 0)
	return p.result()
}

// FromHeader is like the package's FromHeader with the limits l.
func (l Limits) FromHeader(h http.Header) (List, error) {
	l = l.withDefaults()
	var fields []field
	var has [2]bool // an enforced field, a report-only field
	for k, disp := range [...]Disposition{Enforce, ReportOnly} {
		name := disp.HeaderName()
		for i, v := range headerValues(h, name) {
			fields = append(fields, field{name, i, v, disp})
			has[k] = true
		}
	}
	if err := l.check(fields...); err != nil {
		return closedList(has[0], has[1]), err
	}
	p := parser{maxProblems: l.MaxProblems}
	for _, f := range fields {
		p.parse(f.value, f.disp, f.name, f.index)
	}
	return p.result()
}

// headerValues returns the values of the field name in h: those under the
// canonical key, then those under keys that differ from it only in case
// (set by writing to the map directly), in key order, so that a policy is
// never missed for its key's spelling.
func headerValues(h http.Header, name string) []string {
	vs := h[name]
	var odd []string
	for k := range h {
		if k != name && strings.EqualFold(k, name) {
			odd = append(odd, k)
		}
	}
	if len(odd) == 0 {
		return vs
	}
	slices.Sort(odd)
	out := slices.Clone(vs)
	for _, k := range odd {
		out = append(out, h[k]...)
	}
	return out
}

// field is one header value to parse.
type field struct {
	name  string // header field name, "" for Parse
	index int    // among the fields with that name
	value string
	disp  Disposition
}

// check returns a *LimitError for the first item over a limit.
func (l Limits) check(fields ...field) error {
	total := 0
	for _, f := range fields {
		total += len(f.value)
	}
	// Every policy, directive and source takes at least two bytes with
	// its separator, but for the last of each field: short values need
	// no count.
	if n := (total + len(fields)) / 2; total <= l.MaxHeaderBytes &&
		n <= l.MaxPolicies && n <= l.MaxDirectives && n <= l.MaxSources+1 {
		return nil
	}
	if total <= l.MaxHeaderBytes && l.withinByCount(fields) {
		return nil
	}
	c := limitCounter{l: l}
	for _, f := range fields {
		if err := c.scan(f); err != nil {
			return err
		}
	}
	return nil
}

func (l Limits) withDefaults() Limits {
	def := func(v *int, d int) {
		if *v <= 0 {
			*v = d
		}
	}
	def(&l.MaxHeaderBytes, DefaultMaxHeaderBytes)
	def(&l.MaxPolicies, DefaultMaxPolicies)
	def(&l.MaxDirectives, DefaultMaxDirectives)
	def(&l.MaxSources, DefaultMaxSources)
	def(&l.MaxProblems, DefaultMaxProblems)
	return l
}

// closedList returns ClosedPolicy once per disposition asked for, enforced
// first.
func closedList(enforce, report bool) List {
	var lists []List
	if enforce {
		lists = append(lists, closedEnforced)
	}
	if report {
		lists = append(lists, closedReport)
	}
	return Join(lists...)
}

var (
	closedEnforced = mustParseAs(ClosedPolicy, Enforce)
	closedReport   = mustParseAs(ClosedPolicy, ReportOnly)
)

func mustParseAs(value string, disp Disposition) List {
	var p parser
	p.parse(value, disp, "", 0)
	l, err := p.result()
	if err != nil && disp == Enforce { // report-only policies ignore sandbox
		panic(err)
	}
	return l
}

// LimitError reports a header value that exceeds one of the Limits. The
// value was not parsed; ClosedPolicy stands in for it.
type LimitError struct {
	Limit  string // the Limits field exceeded, such as "MaxDirectives"
	Max    int    // the value of that limit
	Header string // the header field name, or "" for Parse and ParseReportOnly
	Field  int    // index of the field among the fields with that name
	Offset int    // byte offset in the field value of the first item over the limit
}

// Error names the limit, where it was exceeded, and what stands in.
func (e *LimitError) Error() string {
	where := ""
	if e.Header != "" {
		where = e.Header + "[" + strconv.Itoa(e.Field) + "] "
	}
	what := map[string]string{
		"MaxHeaderBytes": "header bytes",
		"MaxPolicies":    "policies",
		"MaxDirectives":  "directives in one policy",
		"MaxSources":     "source expressions in one directive",
	}[e.Limit]
	return fmt.Sprintf("csp: %sbyte %d: more than %d %s (Limits.%s); the header is refused and a policy allowing nothing stands in",
		where, e.Offset, e.Max, what, e.Limit)
}

// limitCounter counts bytes, policies, directives and sources across the
// values of one call, splitting them the way the parser does.
type limitCounter struct {
	l               Limits
	bytes, policies int
}

// withinByCount reports whether the fields are within the policy,
// directive and source limits judging by separator counts alone, which
// bound what scan counts: policies by commas, directives by semicolons and
// commas, tokens by those and white space. The counts are vectorised, so
// for large values within the limits this is much cheaper than scan.
func (l Limits) withinByCount(fields []field) bool {
	policies, directives, tokens := 0, 0, 0
	for _, f := range fields {
		commas := strings.Count(f.value, ",")
		semis := strings.Count(f.value, ";")
		space := 0
		for _, c := range [...]string{" ", "\t", "\n", "\f", "\r"} {
			space += strings.Count(f.value, c)
		}
		policies += commas + 1
		directives += semis + commas + 1
		tokens += space + semis + commas + 1
	}
	return policies <= l.MaxPolicies && directives <= l.MaxDirectives && tokens <= l.MaxSources+1
}

// scan returns a *LimitError for the first item of f over a limit.
func (c *limitCounter) scan(f field) error {
	over := func(limit string, max, off int) error {
		return &LimitError{Limit: limit, Max: max, Header: f.name, Field: f.index, Offset: off}
	}
	l := c.l
	if c.bytes+len(f.value) > l.MaxHeaderBytes {
		return over("MaxHeaderBytes", l.MaxHeaderBytes, l.MaxHeaderBytes-c.bytes)
	}
	c.bytes += len(f.value)
	dirs, toks := 0, 0 // in the current policy and directive
	inTok := false
	for i := 0; i < len(f.value); i++ {
		switch b := f.value[i]; {
		case b == ',':
			dirs, toks, inTok = 0, 0, false
		case b == ';':
			toks, inTok = 0, false
		case source.IsSpace(b):
			inTok = false
		case !inTok:
			inTok = true
			toks++
			if toks > 1 {
				if toks-1 > l.MaxSources {
					return over("MaxSources", l.MaxSources, i)
				}
				continue
			}
			dirs++
			if dirs > l.MaxDirectives {
				return over("MaxDirectives", l.MaxDirectives, i)
			}
			if dirs == 1 {
				c.policies++
				if c.policies > l.MaxPolicies {
					return over("MaxPolicies", l.MaxPolicies, i)
				}
			}
		}
	}
	return nil
}

// overProblems reports whether the parser lists no more problems, and
// counts the one it was about to list.
func (p *parser) overProblems() bool {
	if p.maxProblems > 0 && len(p.problems) >= p.maxProblems {
		p.unlisted++
		return true
	}
	return false
}

// listUnlisted adds the TooManyProblems problem counting those not listed.
func (p *parser) listUnlisted() {
	if p.unlisted == 0 {
		return
	}
	p.problems = append(p.problems, Problem{
		Policy: -1, Code: TooManyProblems,
		Message: fmt.Sprintf("%d more problems are not listed (Limits.MaxProblems is %d)", p.unlisted, p.maxProblems),
	})
	p.unlisted = 0
}
