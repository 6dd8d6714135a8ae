package match

import (
	"strconv"

	"github.com/cspkit/cspkit/internal/urlx"
)

// selfMatch decides the keyword 'self'.
func (p *profile) selfMatch(u *urlx.URL, self *selfOrigin) bool {
	if p.selfAsSource {
		if self.Opaque || self.Host == "" {
			return false
		}
		s := hostSrc{scheme: self.Scheme, host: self.Host, portNum: -1, fromSelf: true}
		if self.Port >= 0 {
			s.portNum = self.Port
			s.port = strconv.Itoa(self.Port)
		}
		return p.hostSourceMatch(&s, u, self, true)
	}
	if p.ports == portChromium {
		return chromiumSelf(u, self)
	}
	return specSelf(u, self)
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

// chromiumSelf follows Blink's 'self': the page's origin exactly; or the
// same host with equal or default ports when the URL is https or wss, or
// the page is http. A file: page matches every file: URL.
func chromiumSelf(u *urlx.URL, self *selfOrigin) bool {
	if self.scheme == "file" && u.Scheme == "file" {
		return true
	}
	if self.Opaque || u.HostKind == urlx.NoHost || u.HostKind == urlx.Opaque || u.Host != self.Host {
		return false
	}
	if u.Scheme == self.Scheme && u.Port == self.Port {
		return true
	}
	defaults := u.Port == self.Port ||
		self.Port == -1 && (u.Port == -1 || u.Port == urlx.DefaultPort(u.Scheme))
	return defaults && (u.Scheme == "https" || u.Scheme == "wss" || self.Scheme == "http")
}
