package report

import (
	"strings"

	"github.com/cspkit/cspkit/csp"
	"github.com/cspkit/cspkit/internal/urlx"
	"github.com/cspkit/cspkit/source"
)

// firefoxDirectives are the directive names Gecko's parser keeps; it drops
// the others, so they are missing from its serialisation.
var firefoxDirectives = map[string]bool{
	"default-src": true, "script-src": true, "object-src": true, "style-src": true, "img-src": true,
	"media-src": true, "frame-src": true, "font-src": true, "connect-src": true, "report-uri": true,
	"frame-ancestors": true, "upgrade-insecure-requests": true, "child-src": true,
	"block-all-mixed-content": true, "sandbox": true, "worker-src": true, "manifest-src": true,
	"script-src-elem": true, "script-src-attr": true, "style-src-elem": true, "style-src-attr": true,
	"base-uri": true, "form-action": true, "report-to": true, "require-trusted-types-for": true,
	"trusted-types": true,
}

// firefoxPolicy returns the policy as Firefox serialises it for
// original-policy: its own re-serialisation of the parsed policy, not the
// text received. Directive names and keywords in lower case, tokens
// separated by one space, a scheme-less host-source given the page's
// scheme, scheme and host lower-cased (port and path as written),
// report-uri values resolved against the page, invalid sources and unknown
// directives left out.
func firefoxPolicy(p csp.Policy, page urlx.URL) string {
	var b strings.Builder
	for d := range p.Directives() {
		name := d.Name()
		if !firefoxDirectives[name] {
			continue
		}
		if b.Len() > 0 {
			b.WriteString("; ")
		}
		b.WriteString(name)
		if name == "report-uri" {
			for _, tok := range source.Fields(d.Value()) {
				if u, err := urlx.ParseRef(page, tok); err == nil {
					b.WriteString(" " + u.String())
				}
			}
			continue
		}
		if !sourceListDirective(name) {
			for _, tok := range source.Fields(d.Value()) {
				b.WriteString(" " + tok)
			}
			continue
		}
		list := d.Sources()
		hasOther := false
		for _, e := range list.All() {
			if k := e.Kind(); k != source.None && k != source.Invalid {
				hasOther = true
			}
		}
		for _, e := range list.All() {
			if e.Kind() == source.None && hasOther {
				continue // Gecko drops a 'none' that has company
			}
			if s := firefoxSource(e, page.Scheme); s != "" {
				b.WriteString(" " + s)
			}
		}
	}
	return b.String()
}

// sourceListDirective reports whether the directive's value is a source
// list.
func sourceListDirective(name string) bool {
	switch name {
	case "base-uri", "form-action", "frame-ancestors":
		return true
	}
	return strings.HasSuffix(name, "-src") || strings.HasSuffix(name, "-src-elem") || strings.HasSuffix(name, "-src-attr")
}

// firefoxSource serialises one source expression as Gecko does.
func firefoxSource(e source.Expression, pageScheme string) string {
	switch e.Kind() {
	case source.Invalid:
		return ""
	case source.None, source.Self, source.Keyword:
		return "'" + strings.ToLower(e.Keyword()) + "'"
	case source.Wildcard:
		return "*"
	case source.Scheme:
		return strings.ToLower(e.Scheme()) + ":"
	case source.Host:
		scheme := strings.ToLower(e.Scheme())
		if scheme == "" {
			scheme = pageScheme
		}
		s := scheme + "://" + strings.ToLower(e.Host())
		if p := e.Port(); p != "" {
			s += ":" + p
		}
		return s + e.Path()
	}
	return e.String()
}
