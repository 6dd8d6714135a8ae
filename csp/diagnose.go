package csp

import (
	"fmt"
	"strings"

	"github.com/cspkit/cspkit/source"
)

// checkSource reports what is wrong with token t, parsed as e, found at
// byte off in directive dir of policy idx. It runs for directives whose
// value is a source list.
func (p *parser) checkSource(idx int, dir, t string, off int, e source.Expression) {
	if r, pos := e.Problem(); r != 0 {
		msg := invalidSourceMessage(&source.Error{Token: t, Pos: pos, Reason: r})
		if h, ok := e.Lenient(source.CutQuery | source.AnyPathChar | source.CutQueryAfterHost); ok {
			msg = fmt.Sprintf("source expression %q fits no CSP3 grammar (%s), so the spec's matching ignores it, while browsers that read sources leniently take it as the host-source %s; write it so that all read it alike",
				t, r, hostSourceText(h))
		}
		p.problem(idx, dir, t, off, InvalidSource, msg)
	}
	if portOutOfRange(e) {
		p.problem(idx, dir, t, off, InvalidSource, fmt.Sprintf(
			"source expression %q never matches: port %s is above 65535", t, e.Port()))
	}
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
	d, ok := pol.Governing(connectFallback, claimed)
	switch {
	case !ok:
		return "connect requests are no longer restricted by this policy"
	case d.Name() == ConnectSrc:
		return "connect requests are governed by the remaining connect-src"
	}
	return "connect requests now fall back to default-src"
}

// hostSourceText writes host-source h from its parts, without what a
// lenient reading cut off.
func hostSourceText(h source.Expression) string {
	s := h.Host()
	if sc := h.Scheme(); sc != "" {
		s = sc + "://" + s
	}
	if p := h.Port(); p != "" {
		s += ":" + p
	}
	return s + h.Path()
}

// connectFallback is connect-src's fallback list.
var connectFallback = FallbackList(ConnectSrc)
