package urlx

import "strings"

// opaquePath is the opaque path state.
func (p *parser) opaquePath(b []byte, i int) ([]byte, *failure) {
	p.opaque = true
	p.pathStart = len(b)
	in := p.in
	j := i
	for j < len(in) && in[j] != '?' && in[j] != '#' {
		j++
	}
	seg := in[i:j]
	// whatwg/url 6c78200: a space right before '?' or '#' becomes %20 so
	// that opaque paths never end in a space.
	trailingSpace := j < len(in) && len(seg) > 0 && seg[len(seg)-1] == ' '
	if trailingSpace {
		seg = seg[:len(seg)-1]
	}
	b = appendEncoded(b, seg, setC0)
	if trailingSpace {
		b = append(b, "%20"...)
	}
	return p.afterPath(b, j)
}

// afterPath handles the '?', '#' or EOF at index j that ended a path.
func (p *parser) afterPath(b []byte, j int) ([]byte, *failure) {
	p.pathEnd = len(b)
	c, ok := p.at(j)
	switch {
	case !ok:
		return b, nil
	case c == '?':
		return p.query(b, j+1)
	default: // '#'
		return p.fragment(b, j+1)
	}
}

// query is the query state; the path is complete.
func (p *parser) query(b []byte, i int) ([]byte, *failure) {
	if p.pathEnd < 0 {
		p.pathEnd = len(b)
	}
	in := p.in
	j := strings.IndexByte(in[i:], '#')
	if j < 0 {
		j = len(in)
	} else {
		j += i
	}
	set := setQuery
	if p.special {
		set = setSpecialQuery
	}
	b = append(b, '?')
	p.queryStart = len(b)
	b = appendEncoded(b, in[i:j], set)
	p.queryEnd = len(b)
	if j < len(in) {
		return p.fragment(b, j+1)
	}
	return b, nil
}

// fragment is the fragment state.
func (p *parser) fragment(b []byte, i int) ([]byte, *failure) {
	if p.pathEnd < 0 {
		p.pathEnd = len(b)
	}
	b = append(b, '#')
	p.fragStart = len(b)
	return appendEncoded(b, p.in[i:], setFragment), nil
}
