package match_test

import (
	"strconv"
	"strings"

	"github.com/cspkit/cspkit/csp"
	"github.com/cspkit/cspkit/match"
)

// This file is a slow, literal reading of the CSP3 algorithms that decide a
// connect-src request (https://w3c.github.io/webappsec-csp/, editor's draft
// of 2026-04 with PR #821), written step by step from the spec text without
// the engine switches, the prepared host-sources or any other shortcut of
// package match. match.Spec is tested against it: where the two disagree,
// one of them misreads the spec.
//
// It works on tokens as written: it re-parses each source expression with
// its own grammar checks rather than trusting package source. Two readings
// the spec leaves open follow the project's documented choices: for a page
// whose origin is opaque, the page URL's scheme stands in for the origin's
// scheme; and a WebSocket URL is checked in its http(s) form, as Fetch's
// "establish a WebSocket connection" builds the request.

// refAllowed is "Should request be blocked by Content Security Policy?"
// (#should-block-request), inverted, for a connect request to target from
// page: every enforced policy must allow it.
func refAllowed(list csp.List, page, target match.URL, redirected bool) bool {
	return refAllowedAs(list, page, target, redirected, "")
}

// refEffective is "get the effective directive for request"
// (#effective-directive-for-a-request) for the destinations package match
// names; "" is the connect request's empty destination.
var refEffective = map[string]string{
	"": "connect-src", "script": "script-src-elem", "style": "style-src-elem", "image": "img-src",
	"font": "font-src", "audio": "media-src", "track": "media-src", "object": "object-src", "iframe": "frame-src",
	"worker": "worker-src", "sharedworker": "worker-src", "serviceworker": "worker-src",
	"manifest": "manifest-src", "xslt": "script-src-elem", "prefetch": "default-src",
	// Not Fetch destinations: a form submission (form-action's pre-navigation
	// check), a <base href> ("Is base allowed for document?") and an
	// embedding ancestor (frame-ancestors' navigation response check).
	"form": "form-action", "base": "base-uri", "ancestor": "frame-ancestors",
}

// refFallback is the "directive fallback list" (#directive-fallback-list).
var refFallback = map[string][]string{
	"script-src-elem": {"script-src-elem", "script-src", "default-src"},
	"style-src-elem":  {"style-src-elem", "style-src", "default-src"},
	"worker-src":      {"worker-src", "child-src", "script-src", "default-src"},
	"connect-src":     {"connect-src", "default-src"},
	"manifest-src":    {"manifest-src", "default-src"},
	"object-src":      {"object-src", "default-src"},
	"frame-src":       {"frame-src", "child-src", "default-src"},
	"media-src":       {"media-src", "default-src"},
	"font-src":        {"font-src", "default-src"},
	"img-src":         {"img-src", "default-src"},
	"default-src":     {"default-src"},
	// The navigation and document directives fall back to nothing.
	"form-action":     {"form-action"},
	"base-uri":        {"base-uri"},
	"frame-ancestors": {"frame-ancestors"},
}

// refAllowedAs is refAllowed for a request of the Fetch destination dest:
// the pre-request check of the effective directive, through its fallback
// list; for script-like destinations the script-src pre-request check's
// 'strict-dynamic' step (a script element's request is parser-inserted,
// a worker's is not).
func refAllowedAs(list csp.List, page, target match.URL, redirected bool, dest string) bool {
	if dest == "ancestor" {
		return refAncestorAllowed(list, page, target)
	}
	if dest == "base" {
		// "Is base allowed for document?" matches with redirect count 0.
		redirected = false
	}
	u := refURLOf(target)
	if dest == "" {
		// Fetch's "establish a WebSocket connection" requests the http(s)
		// form of the URL.
		if u.scheme == "ws" {
			u.scheme = "http"
			u.port = refNormalPort(u.scheme, u.port)
		} else if u.scheme == "wss" {
			u.scheme = "https"
			u.port = refNormalPort(u.scheme, u.port)
		}
	}
	// The pre-navigation check of a form submission runs before Fetch
	// upgrades the request; a base URL is no request.
	if refUpgrades(list) && u.scheme == "http" && dest != "form" && dest != "base" {
		// Upgrade Insecure Requests: the request's URL becomes https.
		u.scheme = "https"
		u.port = refNormalPort(u.scheme, u.port)
	}
	origin := refOriginOf(page)
	if refSandboxed(list) {
		// HTML: a document sandboxed without allow-same-origin gets a new
		// opaque origin, with no scheme of its own.
		origin = refOrigin{opaque: true, serialized: "null", port: -1}
	}
	for _, pol := range list.All() {
		if pol.Disposition() != csp.Enforce {
			continue
		}
		// "get the effective directive", its fallback list, then "should
		// fetch directive execute".
		var value string
		found := false
		for _, name := range refFallback[refEffective[dest]] {
			if d, ok := pol.Directive(name); ok {
				value, found = d.Value(), true
				break
			}
		}
		if !found {
			continue
		}
		tokens := refFields(value)
		if dest == "script" || dest == "worker" || dest == "sharedworker" || dest == "serviceworker" {
			dynamic := false
			for _, tok := range tokens {
				dynamic = dynamic || strings.EqualFold(tok, "'strict-dynamic'")
			}
			if dynamic {
				if dest == "script" {
					return false // parser-inserted
				}
				continue // not parser-inserted: allowed
			}
		}
		if !refMatchSourceList(u, tokens, origin, redirected) {
			return false
		}
	}
	return true
}

// refSandboxed reports whether an enforced policy has a sandbox directive
// without the allow-same-origin token (compared ASCII case-insensitively).
func refSandboxed(list csp.List) bool {
	for _, pol := range list.All() {
		d, ok := pol.Directive("sandbox")
		if pol.Disposition() != csp.Enforce || !ok {
			continue
		}
		same := false
		for _, tok := range refFields(d.Value()) {
			if strings.EqualFold(tok, "allow-same-origin") {
				same = true
			}
		}
		if !same {
			return true
		}
	}
	return false
}

func refUpgrades(list csp.List) bool {
	for _, pol := range list.All() {
		if pol.Disposition() == csp.Enforce && pol.Has("upgrade-insecure-requests") {
			return true
		}
	}
	return false
}

// refURL is the part of a URL record the algorithms read. port is -1 for
// null; host is "" for a null host.
type refURL struct {
	scheme, host, path, origin string
	domain                     bool // the host is a domain (not an IP address or opaque)
	port                       int
}

func refURLOf(u match.URL) refURL {
	r := refURL{scheme: u.Scheme(), host: u.Host(), path: u.Path(), port: u.Port(), origin: u.Origin()}
	r.domain = r.host != "" && !strings.HasPrefix(r.host, "[") && !refIsIPv4(r.host) && refSpecial(r.scheme)
	return r
}

func refSpecial(scheme string) bool {
	switch scheme {
	case "http", "https", "ws", "wss", "ftp", "file":
		return true
	}
	return false
}

func refIsIPv4(h string) bool {
	parts := strings.Split(h, ".")
	if len(parts) != 4 {
		return false
	}
	for _, p := range parts {
		if _, err := strconv.Atoi(p); err != nil {
			return false
		}
	}
	return true
}

func refDefaultPort(scheme string) int {
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

// refNormalPort is the port a URL keeps after its scheme is set: null when
// it is the new scheme's default.
func refNormalPort(scheme string, port int) int {
	if port == refDefaultPort(scheme) {
		return -1
	}
	return port
}

// refOrigin is the page's origin; scheme stands in for an opaque origin's
// scheme (see the file comment).
type refOrigin struct {
	opaque           bool
	scheme, host     string
	port             int
	serialized, self string
}

func refOriginOf(page match.URL) refOrigin {
	o := refOrigin{serialized: page.Origin(), scheme: page.Scheme(), port: -1}
	if o.serialized == "null" {
		o.opaque = true
		return o
	}
	t := match.MustParseURL(o.serialized)
	o.scheme, o.host, o.port = t.Scheme(), t.Host(), t.Port()
	return o
}

// refMatchSourceList is "Does url match source list in origin with
// redirect count?" (#match-url-to-source-list).
func refMatchSourceList(u refURL, list []string, origin refOrigin, redirected bool) bool {
	if len(list) == 0 {
		return false
	}
	if len(list) == 1 && strings.EqualFold(list[0], "'none'") {
		return false
	}
	for _, e := range list {
		if refMatchExpression(u, e, origin, redirected) {
			return true
		}
	}
	return false
}

// refMatchExpression is "Does url match expression in origin with redirect
// count?" (#match-url-to-source-expression).
func refMatchExpression(u refURL, expr string, origin refOrigin, redirected bool) bool {
	if expr == "*" {
		return u.scheme == "http" || u.scheme == "https" || u.scheme == origin.scheme
	}
	if scheme, ok := refSchemeSource(expr); ok {
		return refSchemeMatch(scheme, u.scheme)
	}
	if hs, ok := refHostSource(expr); ok {
		if u.host == "" {
			return false
		}
		if hs.scheme == "" && !refSchemeMatch(origin.scheme, u.scheme) {
			return false
		}
		if hs.scheme != "" && !refSchemeMatch(hs.scheme, u.scheme) {
			return false
		}
		if !refHostMatch(hs.host, u) {
			return false
		}
		if !refPortMatch(hs.port, u) {
			return false
		}
		if hs.path != "" && !redirected && !refPathMatch(hs.path, u.path) {
			return false
		}
		return true
	}
	if strings.EqualFold(expr, "'self'") {
		if origin.opaque || u.scheme == "blob" {
			return false // PR #821: 'self' never matches blob:
		}
		if origin.serialized == u.origin {
			return true
		}
		if origin.host != u.host || u.host == "" {
			return false
		}
		op, up := origin.port, u.port
		if op == -1 {
			op = refDefaultPort(origin.scheme)
		}
		if up == -1 {
			up = refDefaultPort(u.scheme)
		}
		samePorts := origin.port == u.port || op == refDefaultPort(origin.scheme) && up == refDefaultPort(u.scheme)
		return samePorts && (u.scheme == "https" || u.scheme == "wss" ||
			origin.scheme == "http" && (u.scheme == "http" || u.scheme == "ws"))
	}
	return false
}

// refSchemeSource matches the scheme-source grammar: scheme-part ":".
func refSchemeSource(expr string) (string, bool) {
	if !strings.HasSuffix(expr, ":") || !refSchemePart(expr[:len(expr)-1]) {
		return "", false
	}
	return strings.ToLower(expr[:len(expr)-1]), true
}

// refSchemePart is RFC 3986's scheme: ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ).
func refSchemePart(s string) bool {
	if s == "" || !refAlpha(s[0]) {
		return false
	}
	for i := 1; i < len(s); i++ {
		if c := s[i]; !refAlpha(c) && !refDigit(c) && c != '+' && c != '-' && c != '.' {
			return false
		}
	}
	return true
}

func refAlpha(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }
func refDigit(c byte) bool { return c >= '0' && c <= '9' }

type refHost struct{ scheme, host, port, path string }

// refHostSource matches the host-source grammar:
// [ scheme-part "://" ] host-part [ ":" port-part ] [ path-part ].
func refHostSource(expr string) (refHost, bool) {
	var h refHost
	rest := expr
	if i := strings.Index(rest, "://"); i >= 0 && refSchemePart(rest[:i]) {
		h.scheme, rest = strings.ToLower(rest[:i]), rest[i+3:]
	}
	end := strings.IndexAny(rest, ":/")
	if end < 0 {
		end = len(rest)
	}
	h.host, rest = rest[:end], rest[end:]
	if !refHostPart(h.host) {
		return h, false
	}
	if strings.HasPrefix(rest, ":") {
		end = strings.IndexByte(rest, '/')
		if end < 0 {
			end = len(rest)
		}
		h.port, rest = rest[1:end], rest[end:]
		if !refPortPart(h.port) {
			return h, false
		}
	}
	h.path = rest
	return h, h.path == "" || refPathPart(h.path)
}

// refHostPart: "*" / [ "*." ] 1*host-char *( "." 1*host-char ) [ "." ].
func refHostPart(s string) bool {
	if s == "*" {
		return true
	}
	s = strings.TrimPrefix(s, "*.")
	s = strings.TrimSuffix(s, ".")
	if s == "" {
		return false
	}
	for _, label := range strings.Split(s, ".") {
		if label == "" {
			return false
		}
		for i := 0; i < len(label); i++ {
			if c := label[i]; !refAlpha(c) && !refDigit(c) && c != '-' {
				return false
			}
		}
	}
	return true
}

// refPortPart: 1*DIGIT / "*".
func refPortPart(s string) bool {
	if s == "*" {
		return true
	}
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !refDigit(s[i]) {
			return false
		}
	}
	return true
}

// refPathPart is RFC 3986's path-absolute without ";" and ",".
func refPathPart(s string) bool {
	if !strings.HasPrefix(s, "/") || strings.HasPrefix(s, "//") {
		return false
	}
	for i := 1; i < len(s); i++ {
		c := s[i]
		switch {
		case refAlpha(c), refDigit(c), strings.IndexByte("-._~!$&'()*+=:@/", c) >= 0:
		case c == '%' && i+2 < len(s) && refHex(s[i+1]) && refHex(s[i+2]):
			i += 2
		default:
			return false
		}
	}
	return true
}

func refHex(c byte) bool { return refDigit(c) || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F' }

// refSchemeMatch is "scheme-part matching" (#match-schemes).
func refSchemeMatch(a, b string) bool {
	a = strings.ToLower(a)
	switch {
	case a == b:
		return true
	case a == "http" && b == "https":
		return true
	case a == "ws" && (b == "wss" || b == "http" || b == "https"):
		return true
	case a == "wss" && b == "https":
		return true
	}
	return false
}

// refHostMatch is "host-part matching" (#match-hosts).
func refHostMatch(pattern string, u refURL) bool {
	if !u.domain {
		return false
	}
	if pattern == "*" {
		return true
	}
	if strings.HasPrefix(pattern, "*.") {
		return strings.HasSuffix(u.host, strings.ToLower(pattern[1:]))
	}
	return strings.EqualFold(pattern, u.host)
}

// refPortMatch is "port-part matching" (#match-ports).
func refPortMatch(input string, u refURL) bool {
	if input == "*" {
		return true
	}
	normalized := -1
	if input != "" {
		n, err := strconv.Atoi(strings.TrimLeft(input, "0") + "0")
		if err != nil || len(strings.TrimLeft(input, "0")) > 5 {
			return false // no URL port is that large
		}
		normalized = n / 10
	}
	if normalized == u.port {
		return true
	}
	return u.port == -1 && normalized == refDefaultPort(u.scheme)
}

// refPathMatch is "path-part matching" (#match-paths).
func refPathMatch(a, b string) bool {
	if a == "" {
		return true
	}
	if a == "/" && b == "" {
		return true
	}
	exact := !strings.HasSuffix(a, "/")
	listA, listB := strings.Split(a, "/"), strings.Split(b, "/")
	if len(listA) > len(listB) {
		return false
	}
	if exact && len(listA) != len(listB) {
		return false
	}
	if !exact {
		listA = listA[:len(listA)-1]
	}
	for i, pieceA := range listA {
		if refPercentDecode(pieceA) != refPercentDecode(listB[i]) {
			return false
		}
	}
	return true
}

// refPercentDecode is the URL standard's percent-decode of a string.
func refPercentDecode(s string) string {
	var b []byte
	for i := 0; i < len(s); i++ {
		if s[i] == '%' && i+2 < len(s) && refHex(s[i+1]) && refHex(s[i+2]) {
			n, _ := strconv.ParseUint(s[i+1:i+3], 16, 8)
			b = append(b, byte(n))
			i += 2
			continue
		}
		b = append(b, s[i])
	}
	return string(b)
}

// refFields splits a directive value on ASCII whitespace (TAB, LF, FF, CR,
// SPACE: not VT, which strings.Fields would also split on).
func refFields(value string) []string {
	return strings.FieldsFunc(value, func(r rune) bool {
		return r == '\t' || r == '\n' || r == '\f' || r == '\r' || r == ' '
	})
}

// refAncestorAllowed is the frame-ancestors navigation response check for
// a page at page embedded by the one ancestor target: a page at a local
// URL is allowed; otherwise the URL parsed from the ancestor's origin must
// match every enforced policy's frame-ancestors, with redirect count 0.
// The policies' self-origin is the page URL's origin (the response's),
// never made opaque by a sandbox directive.
func refAncestorAllowed(list csp.List, page, target match.URL) bool {
	switch page.Scheme() {
	case "about", "blob", "data":
		return true
	}
	originURL, err := match.ParseURL(target.Origin())
	origin := refOriginOf(page)
	for _, pol := range list.All() {
		if pol.Disposition() != csp.Enforce {
			continue
		}
		d, ok := pol.Directive("frame-ancestors")
		if !ok {
			continue
		}
		// An opaque origin serializes as "null", which the URL parser
		// rejects: no source list matches a failure.
		if err != nil || !refMatchSourceList(refURLOf(originURL), refFields(d.Value()), origin, false) {
			return false
		}
	}
	return true
}
