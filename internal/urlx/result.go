package urlx

// finish builds the URL from the href in b; in is the cleaned input,
// reused as the href when nothing was rewritten.
func (p *parser) finish(b []byte, in string) URL {
	if p.pathEnd < 0 {
		p.pathEnd = len(b)
	}
	if !p.hasHost && !p.opaque && p.pathEnd-p.pathStart > 1 && b[p.pathStart] == '/' && b[p.pathStart+1] == '/' {
		b = p.insertDotSlash(b)
	}
	var href string
	if string(b) == in {
		href = in
	} else {
		href = string(b)
	}
	u := URL{
		Scheme:     href[:p.schemeEnd],
		HostKind:   p.hostKind,
		Port:       p.port,
		Path:       href[p.pathStart:p.pathEnd],
		OpaquePath: p.opaque,
	}
	if p.hasHost {
		u.Host = href[p.hostStart:p.hostEnd]
		u.Username = href[p.userStart:p.userEnd]
		u.Password = href[p.passStart:p.passEnd]
	}
	if p.queryStart >= 0 {
		u.Query = href[p.queryStart:p.queryEnd]
		u.HasQuery = true
	}
	if p.fragStart >= 0 {
		u.Fragment = href[p.fragStart:]
		u.HasFragment = true
	}
	return u
}

// insertDotSlash inserts "/." before a path that would otherwise
// serialise as "//..." on a URL without host.
func (p *parser) insertDotSlash(b []byte) []byte {
	at := p.pathStart
	out := make([]byte, 0, len(b)+2)
	out = append(out, b[:at]...)
	out = append(out, '/', '.')
	out = append(out, b[at:]...)
	p.pathStart += 2
	p.pathEnd += 2
	if p.queryStart >= 0 {
		p.queryStart += 2
		p.queryEnd += 2
	}
	if p.fragStart >= 0 {
		p.fragStart += 2
	}
	return out
}
