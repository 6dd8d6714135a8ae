package lint

import (
	"fmt"

	"github.com/cspkit/cspkit/csp"
	"github.com/cspkit/cspkit/source"
)

// loadDirectives are the fetch directives other than connect-src and
// default-src that loads checks, with the rule a broad source breaks in
// each and what the directive governs.
var loadDirectives = []struct {
	name string
	code Code
	what string
}{
	{"script-src", ScriptsFromAnywhere, "scripts"},
	{"script-src-elem", ScriptsFromAnywhere, "scripts"},
	{"worker-src", ScriptsFromAnywhere, "workers"},
	{"object-src", PluginsFromAnywhere, "plugins (<object>, <embed>)"},
	{"img-src", LoadsFromAnywhere, "images"},
	{"media-src", LoadsFromAnywhere, "audio and video"},
	{"font-src", LoadsFromAnywhere, "fonts"},
	{"style-src", LoadsFromAnywhere, "style sheets"},
	{"style-src-elem", LoadsFromAnywhere, "style sheets"},
	{"frame-src", LoadsFromAnywhere, "frames"},
	{"child-src", LoadsFromAnywhere, "frames and workers"},
	{"manifest-src", LoadsFromAnywhere, "manifests"},
}

// loads reports, for each fetch directive of policy i other than
// connect-src and default-src (which Connect and Scripts rules cover),
// the sources that let it load from any host: for scripts, workers and
// plugins that is running code from anywhere; for images, media, fonts,
// styles and frames it is a channel to send data to any server that
// connect-src does not close.
func (c *checker) loads(i int, p csp.Policy) {
	for _, ld := range loadDirectives {
		d, ok := p.Directive(ld.name)
		if !ok {
			continue
		}
		if ld.code == ScriptsFromAnywhere && ld.name != "worker-src" && ignoresHosts(d.Sources()) {
			continue
		}
		for _, e := range d.Sources().All() {
			if code, msg, ok := loadRule(ld.name, e); ok {
				c.add(code, i, ld.name, e.String(), msg)
			}
		}
	}
}

// loadRule returns the rule e breaks in the load directive name (one of
// loadDirectives) when it lets the directive load from any host, and its
// message.
func loadRule(name string, e source.Expression) (Code, string, bool) {
	for _, ld := range loadDirectives {
		if ld.name != name {
			continue
		}
		if !anyHost(e, ld.code != LoadsFromAnywhere) {
			return "", "", false
		}
		switch ld.code {
		case LoadsFromAnywhere:
			return ld.code, fmt.Sprintf("%s %s lets the page load %s from any server: injected markup can send data anywhere in their URLs, which connect-src does not stop", ld.name, e, ld.what), true
		case PluginsFromAnywhere:
			return ld.code, fmt.Sprintf("%s %s lets the page load %s from anywhere: set object-src 'none'", ld.name, e, ld.what), true
		default:
			return ld.code, fmt.Sprintf("%s %s lets the page run %s from anywhere: an injected tag loads code from any server", ld.name, e, ld.what), true
		}
	}
	return "", "", false
}

// anyHost reports whether e allows loads from any host: *, a host-source
// whose host is *, or a bare http:, https: (or, when code is true, data:,
// which is code the page itself wrote) scheme-source.
func anyHost(e source.Expression, code bool) bool {
	switch e.Kind() {
	case source.Wildcard:
		return true
	case source.Host:
		return e.Host() == "*"
	case source.Scheme:
		switch e.Scheme() {
		case "http", "https":
			return true
		case "data":
			return code
		}
	}
	return false
}

// ignoresHosts reports whether a script source list has 'strict-dynamic'
// with a nonce or hash, which makes CSP3 browsers ignore its host and
// scheme sources for scripts.
func ignoresHosts(l source.List) bool {
	var dynamic, nonceOrHash bool
	for _, e := range l.All() {
		switch e.Kind() {
		case source.Nonce, source.Hash:
			nonceOrHash = true
		case source.Keyword:
			dynamic = dynamic || e.Keyword() == "strict-dynamic"
		}
	}
	return dynamic && nonceOrHash
}
