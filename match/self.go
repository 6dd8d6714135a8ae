package match

import (
	"strconv"

	"github.com/cspkit/cspkit/internal/urlx"
)

// selfMatch decides the keyword 'self'.
func (p *profile) selfMatch(u *urlx.URL, self *selfOrigin) bool {
	if m, ok := p.sandboxedSelf(u, self); ok {
		return m
	}
	switch p.self {
	case selfHostSource:
		s, ok := selfSource(self)
		return ok && p.hostSourceMatch(&s, u, self, true)
	case selfBlink:
		return chromiumSelf(u, self)
	}
	return specSelf(u, self)
}

// selfSource returns the host-source that engines with the rule
// selfHostSource make of the page's origin, and false for an opaque origin
// or one without a host, which 'self' never matches.
func selfSource(self *selfOrigin) (hostSrc, bool) {
	if self.Opaque || self.Host == "" {
		return hostSrc{}, false
	}
	s := hostSrc{scheme: self.Scheme, host: self.Host, portNum: -1, fromSelf: true}
	if self.Port >= 0 {
		s.portNum = self.Port
		s.port = strconv.Itoa(self.Port)
	}
	return s, true
}

// specSelf is step 4 of "does url match expression", with PR #821: a blob:
// URL never matches 'self'.
func specSelf(u *urlx.URL, self *selfOrigin) bool {
	if self.Opaque || u.Scheme == "blob" {
		return false
	}
	if self.Origin.SameOrigin(u.Origin()) {
		return true
	}
	if u.HostKind == urlx.NoHost || self.Host != u.Host || self.Port != u.Port {
		return false
	}
	switch u.Scheme {
	case "https", "wss":
		return true
	case "http", "ws":
		return self.Scheme == "http"
	}
	return false
}

// chromiumSelf follows Blink's 'self', a source made of the page's scheme,
// host and port (its default port written out): the page's origin exactly;
// or the same host, with equal ports or default ports on both sides, when
// the URL is https or wss or the page is http. A file: page matches every
// file: URL.
func chromiumSelf(u *urlx.URL, self *selfOrigin) bool {
	if self.scheme == "file" && u.Scheme == "file" {
		return true
	}
	if self.Opaque || u.HostKind == urlx.NoHost || u.HostKind == urlx.Opaque || u.Host != self.Host {
		return false
	}
	sp := self.Port
	if sp == -1 {
		sp = urlx.DefaultPort(self.Scheme)
	}
	exact := u.Port == sp || u.Port == -1 && sp == urlx.DefaultPort(u.Scheme)
	if exact && u.Scheme == self.Scheme {
		return true
	}
	defaults := exact || sp == urlx.DefaultPort(self.Scheme) && (u.Port == -1 || u.Port == urlx.DefaultPort(u.Scheme))
	return defaults && (u.Scheme == "https" || u.Scheme == "wss" || self.Scheme == "http")
}
