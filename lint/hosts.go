package lint

import (
	"net/netip"
	"strings"

	"golang.org/x/net/publicsuffix"
)

// onPublicSuffix reports, for a wildcard host "*.base", base when base is a
// public suffix itself, or when the names directly under it are (children
// is then true); otherwise "".
func onPublicSuffix(host string) (base string, children bool) {
	base = strings.TrimPrefix(host, "*.")
	if ps, _ := publicsuffix.PublicSuffix(base); ps == base {
		return base, false
	}
	probe := "x." + base
	if ps, _ := publicsuffix.PublicSuffix(probe); ps == probe {
		return base, true
	}
	return "", false
}

type hostKind uint8

const (
	nameHost hostKind = iota
	ipHost
	loopbackHost
)

// addressKind says whether host is an IP address or a loopback name, and
// whether an address is in a private range.
func addressKind(host string) (kind hostKind, private bool) {
	h := strings.TrimPrefix(host, "*.")
	if h == "localhost" || strings.HasSuffix(h, ".localhost") {
		return loopbackHost, false
	}
	a, err := netip.ParseAddr(host)
	if err != nil {
		return nameHost, false
	}
	if a.IsLoopback() {
		return loopbackHost, false
	}
	return ipHost, a.IsPrivate() || a.IsLinkLocalUnicast()
}
