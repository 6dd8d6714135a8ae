package match

import (
	"strconv"

	"github.com/cspkit/cspkit/internal/urlx"
)

// portMatch is "port-part matching" (#match-ports) under the engine's rule.
// scheme is the source's effective scheme (the page's for a scheme-less
// source) and sm how it matched the URL's. URL ports equal to the scheme's
// default are -1.
func (p *profile) portMatch(s *hostSrc, scheme string, sm schemeResult, u *urlx.URL) bool {
	if s.port == "*" {
		return true
	}
	switch p.ports {
	case portChromium:
		return chromiumPorts(s, scheme, sm, u, false)
	case portChromiumNavigation:
		return chromiumPorts(s, scheme, sm, u, true)
	case portFirefox:
		return firefoxPorts(s, scheme, u)
	case portWebKit:
		return webkitPorts(s, u)
	}
	if s.port == "" {
		return u.Port == -1
	}
	return s.portNum >= 0 && (s.portNum == u.Port || u.Port == -1 && s.portNum == urlx.DefaultPort(u.Scheme))
}

// Port results in Chromium's model.
const (
	portNo = iota
	portAny
	portUpgrade
	portExact
)

// chromiumPorts follows Blink: a source port of 80, or an http source with no
// port or port 443, reaches a URL on port 443; such a port upgrade must come
// with a scheme upgrade, and a scheme upgrade with a port upgrade (or no
// ports on either side). With nav, it follows the browser process, which
// compares the URL's effective port: port 443 written on an http source is
// then an exact match, which no scheme upgrade accepts.
func chromiumPorts(s *hostSrc, scheme string, sm schemeResult, u *urlx.URL, nav bool) bool {
	src := s.portNum
	if s.port != "" && src < 0 {
		src = -2 // a port too large to parse never equals a URL's
	}
	pr := portNo
	switch {
	case u.Port == src && src == -1:
		pr = portAny
	case u.Port == src:
		pr = portExact
	case (src == 80 || (src == -1 || src == 443 && !nav) && scheme == "http") &&
		(u.Port == 443 || u.Port == -1 && urlx.DefaultPort(u.Scheme) == 443):
		pr = portUpgrade
	case u.Port == -1 && src >= 0 && src == urlx.DefaultPort(u.Scheme):
		pr = portExact
	case src == -1 && u.Port >= 0 && u.Port == urlx.DefaultPort(u.Scheme):
		pr = portExact
	}
	if pr == portNo {
		return false
	}
	if sm == schemeUpgrade || pr == portUpgrade {
		return sm == schemeUpgrade && (pr == portUpgrade || pr == portAny)
	}
	return true
}

// firefoxPorts follows Gecko: ports are compared as decimal text (so a
// written "0443" never matches), a missing source port means the default
// port of the source's scheme, and port 80 also matches port 443.
func firefoxPorts(s *hostSrc, scheme string, u *urlx.URL) bool {
	if u.Port == -1 && s.port == "" {
		return true
	}
	rp := u.Port
	if rp == -1 {
		rp = urlx.DefaultPort(u.Scheme)
	}
	var buf [12]byte
	rs := strconv.AppendInt(buf[:0], int64(rp), 10)
	if s.port == string(rs) {
		return true
	}
	ep := s.port
	if ep == "" {
		var eb [12]byte
		es := strconv.AppendInt(eb[:0], int64(urlx.DefaultPort(scheme)), 10)
		if string(es) == string(rs) {
			return true
		}
		return string(es) == "80" && string(rs) == "443"
	}
	return ep == "80" && string(rs) == "443"
}

// webkitPorts follows WebKit: equal ports match; a URL on port 443 (or an
// https or wss URL on its default port) is reached by a source port of 80,
// or by an http source with no port or port 443, whatever the schemes;
// otherwise the URL scheme's default port stands in for a missing one.
func webkitPorts(s *hostSrc, u *urlx.URL) bool {
	src := s.portNum
	if u.Port == src {
		return true
	}
	secure := u.Port == 443 || u.Port == -1 && (u.Scheme == "https" || u.Scheme == "wss")
	upgradable := src == 80 || s.scheme == "http" && (src == -1 || src == 443)
	if secure && upgradable {
		return true
	}
	if u.Port == -1 {
		return src >= 0 && src == urlx.DefaultPort(u.Scheme)
	}
	if src == -1 {
		return u.Port == urlx.DefaultPort(u.Scheme)
	}
	return false
}
