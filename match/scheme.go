package match

import (
	"fmt"
	"strings"
)

// knownSchemes are the URL schemes a page or a request can have that
// browsers know; under StrictTarget any other scheme is taken for a typo.
var knownSchemes = []string{
	"http", "https", "ws", "wss", "ftp", "file", "data", "blob", "about", "javascript",
	"mailto", "tel", "filesystem", "view-source",
}

// UnknownSchemeError reports, under the StrictTarget option, a page or
// target URL whose scheme is none browsers load from, such as "htps": a
// typo that would make a test decide about a URL no page requests.
type UnknownSchemeError struct {
	Scheme string // the scheme as written, lower-cased
	Near   string // a known scheme it is close to, or ""
}

func (e *UnknownSchemeError) Error() string {
	msg := fmt.Sprintf("unknown scheme %q", e.Scheme+":")
	if e.Near != "" {
		msg += fmt.Sprintf(" (did you mean %q?)", e.Near+":")
	}
	return msg
}

// schemeProblem returns an *UnknownSchemeError when ref, as written, starts
// with a scheme browsers do not know, or nil.
func schemeProblem(ref string) error {
	t := strings.TrimLeft(ref, c0Space)
	if !hasScheme(t) || looksLikeHostPort(t) {
		return nil
	}
	scheme := strings.ToLower(t[:strings.IndexByte(t, ':')])
	for _, k := range knownSchemes {
		if k == scheme {
			return nil
		}
	}
	e := &UnknownSchemeError{Scheme: scheme}
	for _, k := range [...]string{"https", "http", "wss", "ws"} {
		if editDistance(scheme, k) <= 2 {
			e.Near = k
			break
		}
	}
	return e
}

// specialWithoutSlashes reports whether ref, as written, has a special
// scheme (http, https, ws, wss, ftp, file) not followed by "//": such a
// URL is relative to a page of the same scheme ("https:/x", "https::/x").
func specialWithoutSlashes(ref string) bool {
	t := strings.TrimLeft(ref, c0Space)
	if !hasScheme(t) {
		return false
	}
	i := strings.IndexByte(t, ':')
	switch strings.ToLower(t[:i]) {
	case "http", "https", "ws", "wss", "ftp", "file":
		rest := strings.ReplaceAll(t[i+1:], "\\", "/")
		return !strings.HasPrefix(rest, "//")
	}
	return false
}

// editDistance is the Levenshtein distance of two short ASCII strings.
func editDistance(a, b string) int {
	if len(a) > 32 || len(b) > 32 {
		return 33
	}
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
