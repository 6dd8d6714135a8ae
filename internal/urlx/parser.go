package urlx

import "strings"

// parser holds the state of one run of the basic URL parser. The href is
// built in serialisation order in a byte slice that every state method
// takes and returns (append style, so that a stack buffer never escapes);
// component boundaries are recorded here as offsets into it.
type parser struct {
	in      string // input after trimming and tab/newline removal
	base    URL    // held by value: a pointer would escape with in
	hasBase bool

	special   bool
	file      bool
	defPort   int
	schemeEnd int

	hasHost            bool // host is non-null ("//" was written)
	userStart, userEnd int
	passStart, passEnd int
	hostStart, hostEnd int
	hostKind           HostKind
	port               int
	pathStart          int
	pathEnd            int // -1 until the path is complete
	opaque             bool
	queryStart         int // -1 when the query is null
	queryEnd           int
	fragStart          int // -1 when the fragment is null
}

// bufSize is the size of the on-stack buffer the href is built in; longer
// URLs spill to the heap.
const bufSize = 256

// parseFull is the basic URL parser for every input; it is the reference
// the fast path is checked against.
func parseFull(s string, base *URL) (URL, error) {
	if len(s) > MaxLength {
		return URL{}, &Error{Input: s, Reason: tooLong.reason}
	}
	in := cleanInput(s)
	var arr [bufSize]byte
	p := parser{in: in, port: -1, queryStart: -1, fragStart: -1, pathEnd: -1}
	if base != nil {
		p.base, p.hasBase = *base, true
	}
	b, f := p.run(arr[:0])
	if f == nil && len(b) > MaxLength {
		f = tooLong
	}
	if f != nil {
		return URL{}, &Error{Input: s, Reason: f.reason, Err: f.err}
	}
	return p.finish(b, in), nil
}

// cleanInput strips leading and trailing C0 control or space and removes
// every ASCII tab or newline.
func cleanInput(s string) string {
	i, j := 0, len(s)
	for i < j && s[i] <= ' ' {
		i++
	}
	for j > i && s[j-1] <= ' ' {
		j--
	}
	s = s[i:j]
	if strings.IndexByte(s, '\t') < 0 && strings.IndexByte(s, '\n') < 0 && strings.IndexByte(s, '\r') < 0 {
		return s
	}
	out := make([]byte, 0, len(s))
	for k := 0; k < len(s); k++ {
		if c := s[k]; c != '\t' && c != '\n' && c != '\r' {
			out = append(out, c)
		}
	}
	return string(out)
}

// at returns the byte at i, or ok=false at end of input (EOF).
func (p *parser) at(i int) (c byte, ok bool) {
	if i < len(p.in) {
		return p.in[i], true
	}
	return 0, false
}

// isSlash reports '/' or, for special URLs, '\'.
func (p *parser) isSlash(c byte) bool {
	return c == '/' || (p.special && c == '\\')
}

// run is the scheme start and scheme states.
func (p *parser) run(b []byte) ([]byte, *failure) {
	in := p.in
	if len(in) > 0 && isAlpha(in[0]) {
		i := 1
		for i < len(in) && isSchemeChar(in[i]) {
			i++
		}
		if i < len(in) && in[i] == ':' {
			for k := 0; k < i; k++ {
				b = append(b, lower(in[k]))
			}
			b = p.setScheme(b)
			return p.afterScheme(b, i+1)
		}
	}
	return p.noScheme(b, 0)
}

// setScheme records the scheme just appended to b and appends ':'.
func (p *parser) setScheme(b []byte) []byte {
	p.schemeEnd = len(b)
	p.special, p.file, p.defPort = schemeInfo(b)
	return append(b, ':')
}

// afterScheme continues from the scheme state once ':' was seen; i is the
// index after ':'.
func (p *parser) afterScheme(b []byte, i int) ([]byte, *failure) {
	switch {
	case p.file:
		return p.fileState(b, i)
	case p.special:
		if p.hasBase && string(b[:p.schemeEnd]) == p.base.Scheme {
			// special relative or authority state
			if c, _ := p.at(i); c == '/' && i+1 < len(p.in) && p.in[i+1] == '/' {
				return p.authorityIgnoreSlashes(b, i+2)
			}
			return p.relative(b, i)
		}
		return p.authorityIgnoreSlashes(b, i) // special authority slashes state
	case i < len(p.in) && p.in[i] == '/':
		// path or authority state
		if i+1 < len(p.in) && p.in[i+1] == '/' {
			return p.authority(b, i+2)
		}
		p.pathStart = len(b)
		return p.path(b, i+1)
	}
	return p.opaquePath(b, i)
}

// noScheme is the no scheme state.
func (p *parser) noScheme(b []byte, i int) ([]byte, *failure) {
	if !p.hasBase {
		return b, fail("missing scheme")
	}
	base := &p.base
	c, ok := p.at(i)
	if base.OpaquePath {
		if !ok || c != '#' {
			return b, fail("missing scheme (base URL has an opaque path)")
		}
		b = p.setScheme(append(b, base.Scheme...))
		p.pathStart = len(b)
		b = append(b, base.Path...)
		p.opaque = true
		b = p.copyBaseQuery(b)
		return p.fragment(b, i+1)
	}
	b = p.setScheme(append(b, base.Scheme...))
	if p.file {
		return p.fileState(b, i)
	}
	return p.relative(b, i)
}

// relative is the relative state (scheme already written) including the
// relative slash state.
func (p *parser) relative(b []byte, i int) ([]byte, *failure) {
	c, ok := p.at(i)
	if ok && p.isSlash(c) {
		c2, ok2 := p.at(i + 1)
		if ok2 && p.isSlash(c2) {
			if p.special {
				return p.authorityIgnoreSlashes(b, i+2)
			}
			return p.authority(b, i+2)
		}
		b = p.copyBaseAuthority(b)
		p.pathStart = len(b)
		return p.path(b, i+1)
	}
	b = p.copyBaseAuthority(b)
	p.pathStart = len(b)
	b = append(b, p.base.Path...)
	switch {
	case !ok:
		return p.copyBaseQuery(b), nil
	case c == '?':
		return p.query(b, i+1)
	case c == '#':
		return p.fragment(p.copyBaseQuery(b), i+1)
	}
	return p.path(p.shortenPath(b), i)
}

// copyBaseAuthority copies the base URL's credentials, host and port.
func (p *parser) copyBaseAuthority(b []byte) []byte {
	base := &p.base
	p.hostKind = base.HostKind
	if base.HostKind == NoHost {
		return b
	}
	p.hasHost = true
	b = append(b, '/', '/')
	p.userStart = len(b)
	b = append(b, base.Username...)
	p.userEnd = len(b)
	if base.Username != "" || base.Password != "" {
		if base.Password != "" {
			b = append(b, ':')
			p.passStart = len(b)
			b = append(b, base.Password...)
			p.passEnd = len(b)
		}
		b = append(b, '@')
	}
	b = p.writeHost(b, base.Host)
	if base.Port >= 0 && base.Port <= 65535 && base.Port != p.defPort {
		p.port = base.Port
		b = appendUint(append(b, ':'), base.Port)
	}
	return b
}

func (p *parser) writeHost(b []byte, h string) []byte {
	p.hostStart = len(b)
	b = append(b, h...)
	p.hostEnd = len(b)
	return b
}

// copyBaseQuery ends the path and copies the base URL's query.
func (p *parser) copyBaseQuery(b []byte) []byte {
	p.pathEnd = len(b)
	if p.base.HasQuery {
		b = append(b, '?')
		p.queryStart = len(b)
		b = append(b, p.base.Query...)
		p.queryEnd = len(b)
	}
	return b
}

func appendUint(b []byte, n int) []byte {
	var tmp [20]byte
	i := len(tmp)
	for {
		i--
		tmp[i] = byte('0' + n%10)
		n /= 10
		if n == 0 {
			break
		}
	}
	return append(b, tmp[i:]...)
}
