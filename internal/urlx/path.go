package urlx

// path is the path state for a hierarchical path; i is the start of a
// segment and p.pathStart marks where the path begins in buf.
func (p *parser) path(b []byte, i int) ([]byte, *failure) {
	in := p.in
	for {
		j := i
		for j < len(in) {
			c := in[j]
			if c == '/' || c == '?' || c == '#' || (c == '\\' && p.special) {
				break
			}
			j++
		}
		slash := j < len(in) && p.isSlash(in[j])
		b = append(b, '/')
		segStart := len(b)
		seg := in[i:j]
		if needsEncoding(seg, setPath) {
			b = appendEncoded(b, seg, setPath)
		} else {
			b = append(b, seg...)
		}
		b = p.endSegment(b, segStart, slash)
		if !slash {
			return p.afterPath(b, j)
		}
		i = j + 1
	}
}

// endSegment applies the dot-segment and Windows drive letter rules to the
// segment just written at b[segStart:]; slash tells whether the segment
// was ended by a (back)slash rather than '?', '#' or EOF.
func (p *parser) endSegment(b []byte, segStart int, slash bool) []byte {
	seg := b[segStart:]
	switch {
	case isDoubleDot(seg):
		b = p.shortenPath(b[:segStart-1])
		if !slash {
			b = append(b, '/')
		}
	case isSingleDot(seg):
		b = b[:segStart-1]
		if !slash {
			b = append(b, '/')
		}
	default:
		if p.file && segStart-1 == p.pathStart && isDriveLetter(seg) {
			seg[1] = ':'
		}
	}
	return b
}

// shortenPath removes the last path segment, except a lone normalised
// Windows drive letter of a file URL.
func (p *parser) shortenPath(b []byte) []byte {
	path := b[p.pathStart:]
	if len(path) == 0 {
		return b
	}
	last := len(path) - 1
	for last > 0 && path[last] != '/' {
		last--
	}
	if p.file && last == 0 && len(path) > 1 && isNormalizedDriveLetter(path[1:]) {
		return b
	}
	return b[:p.pathStart+last]
}

func isSingleDot(s []byte) bool {
	switch len(s) {
	case 1:
		return s[0] == '.'
	case 3:
		return s[0] == '%' && s[1] == '2' && s[2]|0x20 == 'e'
	}
	return false
}

func isDoubleDot(s []byte) bool {
	switch len(s) {
	case 2:
		return s[0] == '.' && s[1] == '.'
	case 4:
		return (s[0] == '.' && isSingleDot(s[1:])) || (isSingleDot(s[:3]) && s[3] == '.')
	case 6:
		return isSingleDot(s[:3]) && isSingleDot(s[3:])
	}
	return false
}

// isDriveLetter reports a Windows drive letter: ASCII alpha then ':' or '|'.
func isDriveLetter[T ~string | ~[]byte](s T) bool {
	return len(s) == 2 && isAlpha(s[0]) && (s[1] == ':' || s[1] == '|')
}

func isNormalizedDriveLetter[T ~string | ~[]byte](s T) bool {
	return len(s) == 2 && isAlpha(s[0]) && s[1] == ':'
}

// startsWithDriveLetter reports whether s starts with a Windows drive
// letter followed by EOF, '/', '\', '?' or '#'.
func startsWithDriveLetter(s string) bool {
	if len(s) < 2 || !isDriveLetter(s[:2]) {
		return false
	}
	if len(s) == 2 {
		return true
	}
	switch s[2] {
	case '/', '\\', '?', '#':
		return true
	}
	return false
}
