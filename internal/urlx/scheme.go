package urlx

// DefaultPort returns the default port of a special scheme (http 80,
// https 443, ws 80, wss 443, ftp 21) and -1 for every other scheme,
// including file. The scheme must be lower-case, as URL.Scheme is.
func DefaultPort(scheme string) int {
	switch scheme {
	case "http", "ws":
		return 80
	case "https", "wss":
		return 443
	case "ftp":
		return 21
	}
	return -1
}

// IsSpecial reports whether scheme is one of the URL Standard's special
// schemes: ftp, file, http, https, ws or wss. The scheme must be
// lower-case.
func IsSpecial(scheme string) bool {
	switch scheme {
	case "http", "https", "ws", "wss", "ftp", "file":
		return true
	}
	return false
}

// schemeInfo classifies a lower-case scheme held in a byte slice without
// converting it to a string.
func schemeInfo(s []byte) (special, file bool, defPort int) {
	switch len(s) {
	case 2:
		if s[0] == 'w' && s[1] == 's' {
			return true, false, 80
		}
	case 3:
		if s[0] == 'w' && s[1] == 's' && s[2] == 's' {
			return true, false, 443
		}
		if s[0] == 'f' && s[1] == 't' && s[2] == 'p' {
			return true, false, 21
		}
	case 4:
		if s[0] == 'h' && s[1] == 't' && s[2] == 't' && s[3] == 'p' {
			return true, false, 80
		}
		if s[0] == 'f' && s[1] == 'i' && s[2] == 'l' && s[3] == 'e' {
			return true, true, -1
		}
	case 5:
		if s[0] == 'h' && s[1] == 't' && s[2] == 't' && s[3] == 'p' && s[4] == 's' {
			return true, false, 443
		}
	}
	return false, false, -1
}
