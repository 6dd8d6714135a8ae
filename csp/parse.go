package csp

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/cspkit/cspkit/source"
)

// Parse parses one Content-Security-Policy header value, which may hold
// several comma-separated policies, all with disposition Enforce. The List
// is always what a browser enforces; err, when not nil, is a *ParseError
// listing what a browser drops or warns about. Parse never panics. It
// applies the default Limits: a value over one is refused with a
// *LimitError (see Limits).
func Parse(value string) (List, error) {
	return Limits{}.Parse(value)
}

// ParseReportOnly is like Parse for a Content-Security-Policy-Report-Only
// value: every policy has disposition ReportOnly.
func ParseReportOnly(value string) (List, error) {
	return Limits{}.ParseReportOnly(value)
}

// MustParse is like Parse but panics on any problem. It is meant for tests
// and hard-coded policies.
func MustParse(value string) List {
	l, err := Parse(value)
	if err != nil {
		panic(err)
	}
	return l
}

type parser struct {
	policies []Policy
	problems []Problem
	header   string
	field    int
	meta     bool // delivered in <meta http-equiv>: see ParseMeta

	maxProblems int // 0: no limit
	unlisted    int // problems beyond maxProblems

	// The directives and source expressions of every policy of one
	// field value share these arrays, sized by one counting pass, so a
	// parse allocates a fixed number of times whatever its length.
	dirs []Directive
	b    source.Builder

	lazy  bool          // see ParseLazy: source lists are parsed on first use
	cells []lazySources // the lazy source lists of the field value
	ascii bool          // lazy: the field value has no byte above 0x7F
}

func (p *parser) result() (List, error) {
	l := List{policies: p.policies}
	p.listUnlisted()
	if len(p.problems) > 0 {
		return l, &ParseError{Problems: p.problems}
	}
	return l, nil
}

// parse splits value on "," and appends each non-empty policy.
func (p *parser) parse(value string, disp Disposition, header string, field int) {
	p.header, p.field = header, field
	n := count(value, !p.lazy)
	if p.policies == nil {
		p.policies = make([]Policy, 0, n.policies)
	}
	p.dirs = make([]Directive, 0, n.directives)
	if p.lazy {
		// count bounds the directives from above, so cells never grows:
		// the directives keep pointers into it.
		p.cells = make([]lazySources, n.directives)
		p.ascii = isASCII(value)
	} else {
		p.b.Reset(value, n.tokens)
	}
	firstDir := len(p.dirs)
	off := 0
	for {
		end := strings.IndexByte(value[off:], ',')
		if end < 0 {
			p.policy(value, off, len(value), disp)
			break
		}
		p.policy(value, off, off+end, disp)
		off += end + 1
	}
	// The source lists share the field value's canonical text, which
	// exists once every token is parsed; it is the value itself unless a
	// name in upper case had to be lowered.
	if !p.lazy && p.b.Lowers() {
		for i := firstDir; i < len(p.dirs); i++ {
			p.dirs[i].sources = p.b.Final(p.dirs[i].sources)
		}
	}
}

func (p *parser) problem(policy int, dir, tok string, off int, c Code, msg string) {
	if p.overProblems() {
		return
	}
	p.problems = append(p.problems, Problem{
		Header: p.header, Field: p.field, Policy: policy,
		Directive: dir, Token: tok, Offset: off, Code: c, Message: msg,
	})
}

// policy parses one serialized policy, value[start:end] of the field value
// (https://w3c.github.io/webappsec-csp/#parse-serialized-policy).
func (p *parser) policy(value string, start, end int, disp Disposition) {
	s, off := value[start:end], start
	idx := len(p.policies)
	firstProblem := len(p.problems)
	firstDir := len(p.dirs)
	var kept uint64              // ids of the known names of the directives kept
	var seen map[string]struct{} // unknown directive names, once there are many
	unknown := 0                 // directives kept with unknown names
	dropped := false             // a connect-src or default-src was dropped for non-ASCII content
	var shadows uint64           // ids of the known names whose first directive was dropped for non-ASCII content
	for pos := 0; pos < len(s); {
		for pos < len(s) && source.IsSpace(s[pos]) {
			pos++
		}
		if pos == len(s) {
			break
		}
		if s[pos] == ';' {
			pos++
			continue
		}
		// The directive is s[from:dend], without the white space around it:
		// its name up to nameEnd, its value s[valStart:tokEnd].
		from := pos
		dend := len(s)
		if k := strings.IndexByte(s[pos:], ';'); k >= 0 {
			dend = pos + k
		}
		// Names are nearly always known, in lower case and followed by
		// SPACE: one lookup confirms all three. Others are read byte by
		// byte.
		var name string
		var info nameInfo
		var isKnown bool
		var acc uint8 // the nameClass bits of the name's bytes
		pos = dend
		if k := strings.IndexByte(s[from:dend], ' '); k >= 0 {
			pos = from + k
		}
		if k, ok := lookupLower(s[from:pos]); ok {
			name, info, isKnown = k.name, k.info, true
		} else {
			for pos = from; pos < dend; pos++ {
				c := nameClass[s[pos]]
				if c&nameEnd != 0 {
					break
				}
				acc |= c
			}
		}
		nameEnd := pos
		tokEnd := dend
		for tokEnd > nameEnd && source.IsSpace(s[tokEnd-1]) {
			tokEnd--
		}
		valStart := nameEnd
		for valStart < tokEnd && source.IsSpace(s[valStart]) {
			valStart++
		}
		pos = dend + 1
		tok, tokOff := s[from:tokEnd], off+from
		rawName := s[from:nameEnd]
		val, valOff := s[valStart:tokEnd], off+valStart

		switch {
		case isKnown:
		case acc&(nameUpper|nameHigh) == 0:
			// The lookup above failed; white space other than SPACE may
			// have ended the name.
			name = rawName
			var k knownName
			if k, isKnown = lookupLower(rawName); isKnown {
				name, info = k.name, k.info
			}
		default:
			name, info, isKnown = lookupFold(rawName)
		}
		var first, last int
		var unusual, dropNonASCII bool
		if p.lazy {
			dropNonASCII = !p.ascii && nonASCII(tok) >= 0
		} else {
			first, last, unusual = p.b.Add(valOff, valOff+len(val))
			dropNonASCII = acc&nameHigh != 0 || unusual && p.nonASCIIToken(first, last)
		}
		if dropNonASCII {
			p.b.Truncate(first)
			i := nonASCII(tok)
			dropped = dropped || name == ConnectSrc || name == DefaultSrc
			if isKnown && kept&(1<<info.id) == 0 {
				shadows |= 1 << info.id
			}
			p.problem(idx, name, tok, tokOff, NonASCIIDirective, fmt.Sprintf(
				"directive %q is dropped whole: it contains the non-ASCII character %q at byte %d",
				name, firstRune(tok[i:]), tokOff+i))
			continue
		}
		if isKnown && kept&(1<<info.id) != 0 || !isKnown && hasName(p.dirs[firstDir:], seen, name) {
			p.b.Truncate(first)
			p.problem(idx, name, tok, tokOff, DuplicateDirective, fmt.Sprintf(
				"directive %q is ignored: the policy already has one, and the first wins", name))
			continue
		}
		if p.meta && p.dropInMeta(idx, name, rawName, tokOff) {
			p.b.Truncate(first)
			continue
		}
		switch {
		case !isKnown:
			msg := fmt.Sprintf("unknown directive %q has no effect", name)
			if s := suggest(name); s != "" {
				msg += fmt.Sprintf(" (did you mean %q?)", s)
			}
			p.problem(idx, name, rawName, tokOff, UnknownDirective, msg)
		case info.unsupported:
			p.problem(idx, name, rawName, tokOff, UnsupportedDirective, fmt.Sprintf(
				"directive %q was removed from CSP and current browsers ignore it", name))
		}
		if disp == ReportOnly && (name == "sandbox" || name == UpgradeInsecureRequests) {
			p.problem(idx, name, rawName, tokOff, IgnoredInReportOnly, fmt.Sprintf(
				"directive %q is ignored in a report-only policy", name))
		}
		if info.sourceList && unusual {
			p.checkSources(idx, name, first, last)
		}
		d := Directive{name: name, value: val, id: info.id}
		if p.lazy {
			cell := &p.cells[len(p.dirs)]
			cell.value, d.lazy = val, cell
		} else {
			d.sources = p.b.Draft(first, last)
		}
		p.dirs = append(p.dirs, d)
		switch {
		case isKnown:
			kept |= 1 << info.id
		case seen != nil:
			seen[name] = struct{}{}
		default:
			// Past 16 unknown names, a set keeps duplicate detection
			// linear in the policy size.
			if unknown++; unknown > 16 {
				seen = make(map[string]struct{}, 2*unknown)
				for _, d := range p.dirs[firstDir:] {
					if d.id == 0 {
						seen[d.name] = struct{}{}
					}
				}
			}
		}
	}
	dirs := p.dirs[firstDir:len(p.dirs):len(p.dirs)]
	if len(dirs) == 0 {
		for i := firstProblem; i < len(p.problems); i++ {
			p.problems[i].Policy = -1
		}
		return
	}
	text, _ := trim(s, 0)
	pol := Policy{text: text, directives: dirs, disposition: disp, dropped: shadows, present: kept}
	if dropped {
		p.explainDropped(pol, firstProblem)
	}
	p.policies = append(p.policies, pol)
}

// The bits of nameClass.
const (
	nameEnd   = 1 << iota // white space or ";": the end of a directive name
	nameUpper             // an ASCII upper-case letter
	nameHigh              // a byte above 0x7F
)

// nameClass classifies the bytes of directive names.
var nameClass = func() (t [256]uint8) {
	for c := range t {
		switch {
		case source.IsSpace(byte(c)) || c == ';':
			t[c] = nameEnd
		case c >= 'A' && c <= 'Z':
			t[c] = nameUpper
		case c >= 0x80:
			t[c] = nameHigh
		}
	}
	return t
}()

// checkSources reports the problems of the tokens first to last of
// directive dir, whose value is a source list: invalid expressions, ports
// no URL has, and 'none' next to other expressions.
func (p *parser) checkSources(idx int, dir string, first, last int) {
	noneAt := -1
	for i := first; i < last; i++ {
		e, off := p.b.Expr(i)
		if e.Kind() == source.Invalid || portOutOfRange(e) {
			p.checkSource(idx, dir, e.String(), off, e)
		}
		if e.Kind() == source.None && noneAt < 0 {
			noneAt = i
		}
	}
	if noneAt >= 0 && last-first > 1 {
		e, off := p.b.Expr(noneAt)
		p.problem(idx, dir, e.String(), off, NoneWithSources,
			"'none' has no effect next to other source expressions")
	}
}

// explainDropped adds to the problem about a dropped connect-src or
// default-src what now governs connect requests.
func (p *parser) explainDropped(pol Policy, from int) {
	now := droppedNote(pol)
	for i := from; i < len(p.problems); i++ {
		if pr := &p.problems[i]; pr.Code == NonASCIIDirective && (pr.Directive == ConnectSrc || pr.Directive == DefaultSrc) {
			pr.Message += "; " + now
		}
	}
}

// hasName reports whether a directive of dirs has the unknown name name;
// seen, when not nil, holds the unknown names of dirs.
func hasName(dirs []Directive, seen map[string]struct{}, name string) bool {
	if seen != nil {
		_, ok := seen[name]
		return ok
	}
	for _, d := range dirs {
		if d.id == 0 && d.name == name {
			return true
		}
	}
	return false
}

// trim strips ASCII whitespace from both ends of s, which starts at byte off,
// and returns the rest with its offset.
func trim(s string, off int) (string, int) {
	i, j := 0, len(s)
	for i < j && source.IsSpace(s[i]) {
		i++
	}
	for j > i && source.IsSpace(s[j-1]) {
		j--
	}
	return s[i:j], off + i
}

// nonASCIIToken reports whether a token from first to last has a
// non-ASCII byte.
func (p *parser) nonASCIIToken(first, last int) bool {
	for i := first; i < last; i++ {
		if e, _ := p.b.Expr(i); e.Kind() == source.Invalid {
			if r, _ := e.Problem(); r == source.NonASCII {
				return true
			}
		}
	}
	return false
}

// nonASCII returns the index of the first byte of s above 0x7F, or -1.
func nonASCII(s string) int {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return i
		}
	}
	return -1
}

// firstRune returns the first UTF-8 character of s, or its first byte when s
// is not valid UTF-8 there (browsers read header bytes as Latin-1).
func firstRune(s string) string {
	if r, n := utf8.DecodeRuneInString(s); r != utf8.RuneError {
		return s[:n]
	}
	return s[:1]
}

// lower ASCII-lower-cases s, allocating only when s has upper case.
func lower(s string) string {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 'A' && c <= 'Z' {
			b := []byte(s)
			for j := i; j < len(b); j++ {
				if c := b[j]; c >= 'A' && c <= 'Z' {
					b[j] = c + 'a' - 'A'
				}
			}
			return string(b)
		}
	}
	return s
}
