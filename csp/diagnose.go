package csp

import (
	"fmt"
	"strings"

	"github.com/cspkit/cspkit/source"
)

// More problems Parse reports about source expressions.
const (
	UnquotedKeyword  Code = "unquoted-keyword"  // a keyword, nonce or hash written without quotes: read as a host name
	SchemeAsHost     Code = "scheme-as-host"    // "https" without its colon: read as a host name
	MissingSemicolon Code = "missing-semicolon" // a directive name inside a value: a ";" is probably missing
	NoConnectEffect  Code = "no-connect-effect" // a nonce, hash or keyword other than 'self' and 'none' in connect-src or default-src
)

// checkSource reports what is wrong with token t, parsed as e, found at
// byte off in directive dir of policy idx. It runs for directives whose
// value is a source list.
func (p *parser) checkSource(idx int, dir, t string, off int, e source.Expression) {
	if r, pos := e.Problem(); r != 0 {
		p.problem(idx, dir, t, off, InvalidSource, invalidSourceMessage(&source.Error{Token: t, Pos: pos, Reason: r}))
	}
	switch e.Kind() {
	case source.Host, source.Invalid:
		if portOutOfRange(e) {
			p.problem(idx, dir, t, off, InvalidSource, fmt.Sprintf(
				"source expression %q never matches: port %s is above 65535", t, e.Port()))
		}
		p.checkBareWord(idx, dir, t, off, e)
	case source.Nonce, source.Hash, source.Keyword:
		if dir == ConnectSrc || dir == DefaultSrc {
			p.problem(idx, dir, t, off, NoConnectEffect, noConnectEffectMessage(dir, e))
		}
	}
}

// worthChecking reports whether checkSource can find anything to say about
// e, the valid expression token t parses to in directive dir. It is a cheap
// filter run for every token, true for few of them.
func worthChecking(dir, t string, e source.Expression) bool {
	switch e.Kind() {
	case source.Host:
		return portOutOfRange(e) || !hasMoreThanHost(e) && !plainHostName(t)
	case source.Nonce, source.Hash, source.Keyword:
		return dir == ConnectSrc || dir == DefaultSrc
	}
	return false
}

// portOutOfRange reports a host-source whose port is a number too large to
// be a port: valid grammar, but it never matches a URL.
func portOutOfRange(e source.Expression) bool {
	if e.Kind() != source.Host || e.Port() == "" || e.PortWildcard() {
		return false
	}
	_, ok := e.PortNumber()
	return !ok
}

// hasMoreThanHost reports whether a host-source has a scheme, a port or a
// path: its canonical form is longer than its host.
func hasMoreThanHost(e source.Expression) bool {
	return len(e.Host()) != len(e.String())
}

// checkBareWord reports a host-source (or an invalid token) that is really
// a keyword, a nonce, a hash, a scheme or a directive name written bare.
func (p *parser) checkBareWord(idx int, dir, t string, off int, e source.Expression) {
	if e.Kind() == source.Host && hasMoreThanHost(e) {
		return
	}
	if plainHostName(t) {
		return
	}
	word := lower(t)
	switch {
	case source.IsKeyword(word):
		p.problem(idx, dir, t, off, UnquotedKeyword, fmt.Sprintf(
			"%q without quotes is a host name, not the keyword '%s': write '%s'", t, word, word))
	case hasPrefixFold(word, "nonce-") || hasPrefixFold(word, "sha256-") ||
		hasPrefixFold(word, "sha384-") || hasPrefixFold(word, "sha512-"):
		p.problem(idx, dir, t, off, UnquotedKeyword, fmt.Sprintf(
			"%q without quotes is not a nonce or hash source: write '%s'", t, t))
	case isNetworkScheme(word):
		p.problem(idx, dir, t, off, SchemeAsHost, fmt.Sprintf(
			"%q is a host name, not a scheme: write %s: to allow the scheme, or %s://host for one host", t, word, word))
	case e.Kind() == source.Host && isDirectiveName(word):
		p.problem(idx, dir, t, off, MissingSemicolon, fmt.Sprintf(
			"%q is a directive name inside the value of %s: a \";\" is probably missing before it, so it is read as a host name", t, dir))
	}
}

// plainHostName reports whether t has a dot and does not start like a nonce
// or hash: then it is none of the words checkBareWord looks for (keyword,
// scheme and directive names have no dot), which is true of most host
// names, so they skip the lookups.
func plainHostName(t string) bool {
	if t == "" || strings.IndexByte(t, '.') < 0 {
		return false
	}
	c := t[0] | 0x20
	return c != 'n' && c != 's'
}

func isNetworkScheme(w string) bool {
	switch w {
	case "http", "https", "ws", "wss", "data", "blob", "filesystem":
		return true
	}
	return false
}

func isDirectiveName(w string) bool {
	_, ok := known[w]
	return ok
}

func hasPrefixFold(s, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
}

// invalidSourceMessage says what is wrong with an invalid expression and,
// where there is one, how to write what was probably meant.
func invalidSourceMessage(e *source.Error) string {
	msg := fmt.Sprintf("source expression %q never matches: %s", e.Token, e.Reason)
	if e.Pos < len(e.Token) {
		switch e.Reason {
		case source.BadHostChar, source.BadPathChar, source.BadPort, source.BadWildcard,
			source.EmptyLabel, source.BadPercent, source.NonASCII:
			msg += fmt.Sprintf(" (%q at byte %d of the expression)", firstRune(e.Token[e.Pos:]), e.Pos)
		}
	}
	if h := reasonHint(e); h != "" {
		msg += "; " + h
	}
	return msg
}

func reasonHint(e *source.Error) string {
	switch e.Reason {
	case source.MissingQuote:
		return "add the closing quote"
	case source.UnknownKeyword:
		if strings.ContainsAny(e.Token, ".:/") {
			return "only keywords, nonces and hashes are quoted: write the host or scheme without quotes"
		}
		return "it is not a keyword browsers know"
	case source.HasQuery, source.HasFragment:
		return "remove it: source expressions cannot constrain the query or fragment"
	case source.IPv6Host:
		return "only * or a scheme source such as https: allows an IPv6 host"
	case source.Userinfo:
		return "remove the user name and password"
	case source.BadPort:
		return "write a port number from 0 to 65535, or * for any port"
	case source.BadPercent:
		return `write a literal "%" as %25`
	case source.NonASCII:
		return "write international host names in punycode (xn--...) and percent-encode paths"
	}
	return ""
}

func noConnectEffectMessage(dir string, e source.Expression) string {
	what := "it"
	switch e.Kind() {
	case source.Nonce:
		what = "a nonce"
	case source.Hash:
		what = "a hash"
	case source.Keyword:
		what = "'" + e.Keyword() + "'"
	}
	if dir == ConnectSrc {
		return fmt.Sprintf("%s cannot allow or block connect requests: connect-src only matches URLs", what)
	}
	return fmt.Sprintf("%s in default-src has no effect on connect requests, which only match URLs; it applies to scripts and styles that fall back to default-src", what)
}

// droppedNote says what governs connect requests in pol once a connect-src
// or default-src was dropped for non-ASCII content. Chromium, unlike the
// spec, Firefox and WebKit, also ignores a later directive of the dropped
// name; the note says so when that changes the outcome.
func droppedNote(pol Policy) string {
	spec, chromium := governor(pol, false), governor(pol, true)
	if spec == chromium {
		return spec
	}
	return spec + " (spec, Firefox, WebKit); in Chromium, which also ignores later directives of a dropped name, " + chromium
}

func governor(pol Policy, claimed bool) string {
	d, ok := pol.Governing(fallbacks[ConnectSrc], claimed)
	switch {
	case !ok:
		return "connect requests are no longer restricted by this policy"
	case d.Name() == ConnectSrc:
		return "connect requests are governed by the remaining connect-src"
	}
	return "connect requests now fall back to default-src"
}
