package match

import (
	"strings"

	"github.com/cspkit/cspkit/csp"
	"github.com/cspkit/cspkit/internal/urlx"
	"github.com/cspkit/cspkit/source"
)

// The reasons of verdicts blocked other than by the deciding directive's
// sources.
const (
	reparsedReason     = "Firefox checks a WebSocket a second time, against the policy re-parsed from its serialization, where source paths are percent-decoded"
	mixedContentReason = "Chromium enforces it as a CSP check on an https page's http: and ws: requests"
)

// secondCheckFails reports whether a WebSocket that dir's sources allow
// fails the engine's second check: Gecko checks WebSockets again in its
// parent process, against a copy of the policy re-parsed from its
// serialization (nsCSPContext::SerializePolicies), in which each source
// path is written percent-decoded (nsCSPHostSrc::toString). Whitespace
// in a decoded path splits the source, ";" ends the directive, "?" and "#"
// cut the path, "%" is decoded a second time and characters outside the
// path grammar void the source. It allocates only when a source path of
// dir holds a "%".
//
// It returns whether the check fails and, when it does, why.
func (p *profile) secondCheckFails(dir csp.Directive, u *urlx.URL, self *selfOrigin, c *config, request Request) (bool, string) {
	if !p.websocketReparsed || request != WebSocket || c.dest != Connection {
		return false, ""
	}
	text, changed := p.reserialize(dir)
	asHTTP := c.upgrades && self.Scheme == "http" && self.secure && u.Scheme == "ws" && !trustworthyHost(u)
	if !changed && !asHTTP {
		return false, ""
	}
	why := reparsedReason
	if changed {
		why += " (" + clip(text) + ")"
	}
	if asHTTP {
		// An http page on a loopback host does not upgrade a WebSocket
		// to another host; the second check then sees its http: form,
		// which only https: sources cover under upgrade-insecure-requests
		// (recorded: Firefox case c006486).
		h := withScheme(*u, "http")
		u = &h
		why += "; on an http page on a loopback host it checks a WebSocket to another host as " + clip(h.String())
	}
	sources := dir.Sources()
	if changed {
		// A comma in the copy is part of a token (one policy is
		// re-parsed), which voids the source; so does a quote, which
		// csp.Parse cannot mistake for a policy separator.
		list, _ := csp.Parse(strings.ReplaceAll(text, ",", "\""))
		if list.Len() == 0 {
			return true, why
		}
		d, ok := list.Policy(0).Directive(dir.Name())
		if !ok {
			return true, why
		}
		sources = d.Sources()
	}
	if p.matchList(sources, u, self, c.redirected) >= 0 {
		return false, ""
	}
	return true, why + "; there no source matches"
}

// reserialize writes dir as the engine serializes it for the second check,
// and whether that differs from the sources as parsed: only host-source
// paths with percent-escapes change.
func (p *profile) reserialize(dir csp.Directive) (string, bool) {
	changed := false
	for _, e := range dir.Sources().All() {
		if h, ok := p.asHostSource(e); ok && strings.IndexByte(h.Path(), '%') >= 0 {
			changed = true
			break
		}
	}
	if !changed {
		return "", false
	}
	var b strings.Builder
	b.WriteString(dir.Name())
	for _, e := range dir.Sources().All() {
		b.WriteByte(' ')
		h, ok := p.asHostSource(e)
		if !ok {
			b.WriteString(e.String())
			continue
		}
		if h.Scheme() != "" {
			b.WriteString(h.Scheme() + "://")
		}
		b.WriteString(h.Host())
		if h.Port() != "" {
			b.WriteString(":" + h.Port())
		}
		writeDecodedPath(&b, h.Path())
	}
	return b.String(), true
}

// asHostSource returns e as the host-source the engine reads it as.
func (p *profile) asHostSource(e source.Expression) (source.Expression, bool) {
	switch e.Kind() {
	case source.Host:
		return e, true
	case source.Invalid:
		return e.Lenient(p.leniency)
	}
	return source.Expression{}, false
}

// writeDecodedPath writes path with its escapes of printable ASCII
// characters and of the whitespace that splits tokens decoded, as Gecko
// writes a source path; other escapes (control characters, non-ASCII
// bytes) are kept, standing for the bytes Gecko writes, which the second
// parse keeps as they are.
func writeDecodedPath(b *strings.Builder, path string) {
	for i := 0; i < len(path); i++ {
		if path[i] == '%' && i+2 < len(path) && isHex(path[i+1]) && isHex(path[i+2]) {
			c := unhex(path[i+1])<<4 | unhex(path[i+2])
			if c > ' ' && c < 0x7f || c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r' {
				b.WriteByte(c)
				i += 2
				continue
			}
		}
		b.WriteByte(path[i])
	}
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

func unhex(c byte) byte {
	switch {
	case c <= '9':
		return c - '0'
	case c >= 'a':
		return c - 'a' + 10
	}
	return c - 'A' + 10
}
