package urlx

// parseFast parses s, against base when base is not nil, when s is on
// the fast path (see fast.go): an absolute URL, or, against a base URL of
// a fast-path scheme, a scheme-relative ("//host/p") or path-absolute
// ("/p") reference. ok is false for every other input, which the full
// parser takes; u, which must be the zero URL, is set only when ok.
func parseFast(s string, base *URL, u *URL) (ok bool) {
	var f fastParts
	if n, defPort := fastScheme(s); n > 0 {
		if !scanAuthority(s, n+3, defPort, &f) {
			return false
		}
		href, ok := f.href(nil, s)
		if ok {
			f.setURL(u, href, n)
		}
		return ok
	}
	if base == nil || len(s) == 0 || s[0] != '/' || base.OpaquePath {
		return false
	}
	defPort := fastDefaultPort(base.Scheme)
	if defPort == 0 {
		return false
	}
	var arr [bufSize]byte
	head := append(append(arr[:0], base.Scheme...), ':')
	if len(s) > 1 && s[1] == '/' {
		if !scanAuthority(s, 2, defPort, &f) {
			return false
		}
		href, ok := f.href(head, s)
		if ok {
			f.setURL(u, href, len(base.Scheme))
		}
		return ok
	}
	if base.HostKind == NoHost || !scanPath(s, 0, &f) {
		return false
	}
	// The base URL's credentials, host and port, as the full parser's
	// copyBaseAuthority writes them.
	head = append(head, '/', '/')
	head = append(head, base.Username...)
	if base.Username != "" || base.Password != "" {
		if base.Password != "" {
			head = append(append(head, ':'), base.Password...)
		}
		head = append(head, '@')
	}
	hostStart := len(head)
	head = append(head, base.Host...)
	hostEnd := len(head)
	f.port = -1
	if base.Port >= 0 && base.Port <= 65535 && base.Port != defPort {
		f.port = base.Port
		head = appendUint(append(head, ':'), base.Port)
	}
	href, ok := f.href(head, s)
	if !ok {
		return false
	}
	f.setURL(u, href, len(base.Scheme))
	u.Host, u.HostKind = href[hostStart:hostEnd], base.HostKind
	u.Username, u.Password = base.Username, base.Password
	return true
}
