package lint

import (
	"fmt"

	"github.com/cspkit/cspkit/csp"
	"github.com/cspkit/cspkit/source"
)

// sources checks each expression of d, the directive that governs connect
// requests in policy i.
func (c *checker) sources(i int, d csp.Directive) {
	dir := d.Name()
	for _, e := range d.Sources().All() {
		s := e.String()
		switch e.Kind() {
		case source.Wildcard:
			c.add(AnyHost, i, dir, s, "* allows connections to every host over http, https, ws and wss: injected script can send data to any server")
		case source.Scheme:
			c.scheme(i, dir, e)
		case source.Host:
			c.host(i, dir, e)
		case source.Nonce, source.Hash, source.Keyword:
			if dir == csp.ConnectSrc {
				c.add(NoConnectEffect, i, dir, s, fmt.Sprintf(
					"%s never allows or blocks a connect request: connect-src only matches URLs (and 'self')", s))
			}
		}
	}
}

func (c *checker) scheme(i int, dir string, e source.Expression) {
	s := e.String()
	switch e.Scheme() {
	case "https", "wss":
		c.add(NetworkScheme, i, dir, s, fmt.Sprintf(
			"%s allows connections to every %s host on the web: injected script can send data to any server; list the hosts instead", s, e.Scheme()))
	case "http", "ws":
		c.add(NetworkScheme, i, dir, s, fmt.Sprintf(
			"%s allows connections to every %s host on the web, in plaintext: injected script can send data to any server; list the hosts instead", s, e.Scheme()))
	case "data", "blob", "filesystem":
		c.add(LocalScheme, i, dir, s, fmt.Sprintf(
			"%s lets the page fetch content it made itself, hiding what it loads; CSP guidance is to leave it out of connect-src", s))
	}
}

func (c *checker) host(i int, dir string, e source.Expression) {
	s := e.String()
	host := e.Host()
	if host == "*" {
		c.add(AnyHost, i, dir, s, fmt.Sprintf(
			"%s has host *, which allows every host on the web: injected script can send data to any server", s))
	}
	switch e.Scheme() {
	case "http", "ws":
		c.add(Plaintext, i, dir, s, fmt.Sprintf(
			"%s is plaintext: the traffic can be read and changed on the network, and browsers block it from https pages as mixed content; use %ss://", s, e.Scheme()))
	}
	if e.HostWildcard() {
		if base, children := onPublicSuffix(host); base != "" {
			msg := fmt.Sprintf("%s matches every host under %s, which is a public suffix: anyone can register a host there and receive the page's connections", s, base)
			if children {
				msg = fmt.Sprintf("%s matches hosts under %s, whose sub-domains are public suffixes: anyone can register a host there and receive the page's connections", s, base)
			}
			c.add(PublicSuffixWildcard, i, dir, s, msg)
		}
	}
	switch kind, private := addressKind(host); kind {
	case loopbackHost:
		c.add(Loopback, i, dir, s, fmt.Sprintf(
			"%s is the visitor's own machine: usually a development leftover; it lets pages reach local services", s))
	case ipHost:
		msg := fmt.Sprintf("%s names an IP address: it breaks when the server moves, and browsers differ on matching IP hosts", s)
		if private {
			msg += "; it is a private-network address, so pages can reach devices on the visitor's network"
		}
		c.add(IPHost, i, dir, s, msg)
	}
	if e.PortWildcard() {
		c.add(AnyPort, i, dir, s, fmt.Sprintf(
			"%s allows every port on the host, including internal services listening there; name the port", s))
	}
	if p := e.Path(); p != "" && p != "/" {
		c.add(PathAfterRedirect, i, dir, s, fmt.Sprintf(
			"the path %s stops applying after a redirect: a redirect from an allowed URL reaches any path on the host", p))
	}
}
