package urlx

// baseIsFile reports whether the base URL is a file URL.
func (p *parser) baseIsFile() bool { return p.hasBase && p.base.Scheme == "file" }

// writeFileHost appends "//" and a file URL's host (empty or a domain/IP)
// and starts the path.
func (p *parser) writeFileHost(b []byte, h string, kind HostKind) []byte {
	p.hasHost = true
	p.hostKind = kind
	b = p.writeHost(append(b, '/', '/'), h)
	p.pathStart = len(b)
	return b
}

// fileHostKind is the base's host kind, with a null host read as empty.
func fileHostKind(base *URL) HostKind {
	if base.HostKind == NoHost {
		return EmptyHost
	}
	return base.HostKind
}

// fileState is the file state; "file:" has been written.
func (p *parser) fileState(b []byte, i int) ([]byte, *failure) {
	c, ok := p.at(i)
	if ok && (c == '/' || c == '\\') {
		return p.fileSlash(b, i+1)
	}
	if !p.baseIsFile() {
		return p.path(p.writeFileHost(b, "", EmptyHost), i)
	}
	base := &p.base
	b = p.writeFileHost(b, base.Host, fileHostKind(base))
	b = append(b, base.Path...)
	switch {
	case !ok:
		return p.copyBaseQuery(b), nil
	case c == '?':
		return p.query(b, i+1)
	case c == '#':
		return p.fragment(p.copyBaseQuery(b), i+1)
	}
	if startsWithDriveLetter(p.in[i:]) {
		b = b[:p.pathStart]
	} else {
		b = p.shortenPath(b)
	}
	return p.path(b, i)
}

// fileSlash is the file slash state.
func (p *parser) fileSlash(b []byte, i int) ([]byte, *failure) {
	c, ok := p.at(i)
	if ok && (c == '/' || c == '\\') {
		return p.fileHost(b, i+1)
	}
	if !p.baseIsFile() {
		return p.path(p.writeFileHost(b, "", EmptyHost), i)
	}
	base := &p.base
	b = p.writeFileHost(b, base.Host, fileHostKind(base))
	if !startsWithDriveLetter(p.in[i:]) {
		first := base.Path
		if len(first) > 0 && first[0] == '/' {
			first = first[1:]
		}
		if k := indexByte(first, '/'); k >= 0 {
			first = first[:k]
		}
		if isNormalizedDriveLetter(first) {
			b = append(append(b, '/'), first...)
		}
	}
	return p.path(b, i)
}

// fileHost is the file host state.
func (p *parser) fileHost(b []byte, i int) ([]byte, *failure) {
	j := i
	for j < len(p.in) {
		c := p.in[j]
		if c == '/' || c == '\\' || c == '?' || c == '#' {
			break
		}
		j++
	}
	buffer := p.in[i:j]
	if isDriveLetter(buffer) {
		// Windows drive letter quirk: the buffer becomes the first segment.
		return p.path(p.writeFileHost(b, "", EmptyHost), i)
	}
	p.hasHost = true
	b = append(b, '/', '/')
	p.hostStart = len(b)
	p.hostKind = EmptyHost
	if buffer != "" {
		var kind HostKind
		var f *failure
		b, kind, f = p.appendHost(b, buffer)
		if f != nil {
			return b, f
		}
		p.hostKind = kind
		if kind == Domain && string(b[p.hostStart:]) == "localhost" {
			b = b[:p.hostStart]
			p.hostKind = EmptyHost
		}
	}
	p.hostEnd = len(b)
	return p.pathStartState(b, j)
}

func indexByte(s string, c byte) int {
	for i := 0; i < len(s); i++ {
		if s[i] == c {
			return i
		}
	}
	return -1
}
