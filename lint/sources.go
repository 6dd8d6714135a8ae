package lint

import (
	"fmt"

	"github.com/cspkit/cspkit/csp"
	"github.com/cspkit/cspkit/source"
)

// Source lints one source expression as it would stand in directive: the
// findings Check reports for such a source, one per rule, each with Policy
// -1. In connect-src and default-src, which govern connect requests, those
// are the connect rules (CSP1003-CSP1013); in another fetch directive that
// Check rates (script-src, img-src, object-src...), the rule a source that
// loads from any host breaks there (CSP4001-CSP4003); in any other
// directive, none. Check runs it on every source of the directive that
// governs connections; package match runs it on the sources it suggests,
// to say when a suggestion opens a policy up.
func Source(directive string, e source.Expression) []Finding {
	var out []Finding
	add := func(code Code, msg string) {
		r, _ := ruleOf(code)
		out = append(out, Finding{Code: code, Severity: r.Severity, Policy: -1, Directive: directive,
			Sources: []string{e.String()}, Message: msg})
	}
	switch directive {
	case csp.ConnectSrc, csp.DefaultSrc:
		sourceRules(directive, e, add)
	default:
		if code, msg, ok := loadRule(directive, e); ok {
			add(code, msg)
		}
	}
	return out
}

// sourceRules calls add with the code and message of each rule e breaks
// in directive.
func sourceRules(directive string, e source.Expression, add func(Code, string)) {
	s := e.String()
	switch e.Kind() {
	case source.Wildcard:
		add(AnyHost, "* allows connections to every host over http, https, ws and wss: injected script can send data to any server")
	case source.Scheme:
		schemeFindings(e, add)
	case source.Host:
		hostFindings(e, add)
	case source.Nonce, source.Hash, source.Keyword:
		if directive == csp.ConnectSrc {
			add(NoConnectEffect, fmt.Sprintf(
				"%s never allows or blocks a connect request: connect-src only matches URLs (and 'self')", s))
		}
	}
}

func schemeFindings(e source.Expression, add func(Code, string)) {
	s := e.String()
	switch e.Scheme() {
	case "https", "wss":
		add(NetworkScheme, fmt.Sprintf(
			"%s allows connections to every %s host on the web: injected script can send data to any server; list the hosts instead", s, e.Scheme()))
	case "http", "ws":
		add(NetworkScheme, fmt.Sprintf(
			"%s allows connections to every %s host on the web, in plaintext: injected script can send data to any server; list the hosts instead", s, e.Scheme()))
	case "data", "blob", "filesystem":
		add(LocalScheme, fmt.Sprintf(
			"%s lets the page fetch content it made itself, hiding what it loads; CSP guidance is to leave it out of connect-src", s))
	}
}

func hostFindings(e source.Expression, add func(Code, string)) {
	s := e.String()
	host := e.Host()
	if host == "*" {
		add(AnyHost, fmt.Sprintf(
			"%s has host *, which allows every host on the web: injected script can send data to any server", s))
	}
	switch e.Scheme() {
	case "http", "ws":
		add(Plaintext, fmt.Sprintf(
			"%s is plaintext: the traffic can be read and changed on the network, and https pages block or upgrade it as mixed content; use %ss://", s, e.Scheme()))
	}
	if e.HostWildcard() {
		if base, children := onPublicSuffix(host); base != "" {
			msg := fmt.Sprintf("%s matches every host under %s, which is a public suffix: anyone can register a host there and receive the page's connections", s, base)
			if children {
				msg = fmt.Sprintf("%s matches hosts under %s, whose sub-domains are public suffixes: anyone can register a host there and receive the page's connections", s, base)
			}
			add(PublicSuffixWildcard, msg)
		}
	}
	switch kind, private := addressKind(host); kind {
	case loopbackHost:
		add(Loopback, fmt.Sprintf(
			"%s is the visitor's own machine: usually a development leftover; it lets pages reach local services", s))
	case ipHost:
		msg := fmt.Sprintf("%s names an IP address: it breaks when the server moves, and browsers differ on matching IP hosts", s)
		if private {
			msg += "; it is a private-network address, so pages can reach devices on the visitor's network"
		}
		add(IPHost, msg)
	}
	if e.PortWildcard() {
		add(AnyPort, fmt.Sprintf(
			"%s allows every port on the host, including internal services listening there; name the port", s))
	}
	if p := e.Path(); p != "" && p != "/" {
		add(PathAfterRedirect, fmt.Sprintf(
			"the path %s stops applying after a redirect: a redirect from an allowed URL reaches any path on the host", p))
	}
}
