package urlx

import "strings"

// authorityIgnoreSlashes is the special authority ignore slashes state.
func (p *parser) authorityIgnoreSlashes(b []byte, i int) ([]byte, *failure) {
	for i < len(p.in) && (p.in[i] == '/' || p.in[i] == '\\') {
		i++
	}
	return p.authority(b, i)
}

// authorityEnd returns the index of the first '/', '?', '#' (or '\' for
// special URLs) at or after i, or len(in).
func (p *parser) authorityEnd(i int) int {
	in := p.in
	for ; i < len(in); i++ {
		switch in[i] {
		case '/', '?', '#':
			return i
		case '\\':
			if p.special {
				return i
			}
		}
	}
	return len(in)
}

// authority is the authority state followed by the host and port states:
// userinfo is everything before the last '@'.
func (p *parser) authority(b []byte, i int) ([]byte, *failure) {
	p.hasHost = true
	b = append(b, '/', '/')
	end := p.authorityEnd(i)
	hs := i
	if at := strings.LastIndexByte(p.in[i:end], '@'); at >= 0 {
		at += i
		if at+1 == end {
			return b, fail("missing host")
		}
		b = p.writeUserinfo(b, p.in[i:at])
		hs = at + 1
	}
	// host state: ':' outside brackets starts the port.
	colon := -1
	inBrackets := false
	for k := hs; k < end && colon < 0; k++ {
		switch p.in[k] {
		case '[':
			inBrackets = true
		case ']':
			inBrackets = false
		case ':':
			if !inBrackets {
				colon = k
			}
		}
	}
	hostEnd := end
	if colon >= 0 {
		hostEnd = colon
		if colon == hs {
			return b, fail("missing host")
		}
	} else if p.special && hs == end {
		return b, fail("empty host")
	}
	p.hostStart = len(b)
	b, kind, f := p.appendHost(b, p.in[hs:hostEnd])
	if f != nil {
		return b, f
	}
	p.hostKind = kind
	p.hostEnd = len(b)
	if colon >= 0 {
		if b, f = p.portState(b, p.in[colon+1:end]); f != nil {
			return b, f
		}
	}
	return p.pathStartState(b, end)
}

// writeUserinfo percent-encodes and appends credentials (nothing, not
// even '@', is written when both are empty).
func (p *parser) writeUserinfo(b []byte, s string) []byte {
	user, pass := s, ""
	if c := strings.IndexByte(s, ':'); c >= 0 {
		user, pass = s[:c], s[c+1:]
	}
	p.userStart = len(b)
	b = appendEncoded(b, user, setUserinfo)
	p.userEnd = len(b)
	if pass != "" {
		b = append(b, ':')
		p.passStart = len(b)
		b = appendEncoded(b, pass, setUserinfo)
		p.passEnd = len(b)
	}
	if p.userEnd > p.userStart || pass != "" {
		b = append(b, '@')
	}
	return b
}

// portState parses the digits after ':'; an empty port leaves it null.
func (p *parser) portState(b []byte, s string) ([]byte, *failure) {
	if s == "" {
		return b, nil
	}
	n := 0
	for k := 0; k < len(s); k++ {
		if !isDigit(s[k]) {
			return b, fail("invalid port")
		}
		n = n*10 + int(s[k]-'0')
		if n > 65535 {
			return b, fail("invalid port")
		}
	}
	if n == p.defPort {
		return b, nil
	}
	p.port = n
	return appendUint(append(b, ':'), n), nil
}

// pathStartState is the path start state.
func (p *parser) pathStartState(b []byte, i int) ([]byte, *failure) {
	p.pathStart = len(b)
	c, ok := p.at(i)
	if p.special {
		if ok && p.isSlash(c) {
			i++
		}
		return p.path(b, i)
	}
	switch {
	case !ok:
		p.pathEnd = len(b)
		return b, nil
	case c == '?':
		return p.query(b, i+1)
	case c == '#':
		return p.fragment(b, i+1)
	case c == '/':
		i++
	}
	return p.path(b, i)
}
