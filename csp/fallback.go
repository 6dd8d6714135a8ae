package csp

import "slices"

// fallbacks holds the directive fallback lists of CSP Level 3
// (https://w3c.github.io/webappsec-csp/#directive-fallback-list), and
// fenced-frame-src's from the Fenced Frames specification.
var fallbacks = map[string][]string{
	"script-src-elem":  {"script-src-elem", "script-src", DefaultSrc},
	"script-src-attr":  {"script-src-attr", "script-src", DefaultSrc},
	"style-src-elem":   {"style-src-elem", "style-src", DefaultSrc},
	"style-src-attr":   {"style-src-attr", "style-src", DefaultSrc},
	"worker-src":       {"worker-src", "child-src", "script-src", DefaultSrc},
	"connect-src":      {ConnectSrc, DefaultSrc},
	"manifest-src":     {"manifest-src", DefaultSrc},
	"object-src":       {"object-src", DefaultSrc},
	"frame-src":        {"frame-src", "child-src", DefaultSrc},
	"fenced-frame-src": {"fenced-frame-src", "frame-src", "child-src", DefaultSrc},
	"media-src":        {"media-src", DefaultSrc},
	"font-src":         {"font-src", DefaultSrc},
	"img-src":          {"img-src", DefaultSrc},
	// Not effective directives of any request, but named by people:
	// script-src and style-src govern their -elem and -attr forms, and
	// child-src frames and workers, each falling back to default-src.
	"script-src": {"script-src", DefaultSrc},
	"style-src":  {"style-src", DefaultSrc},
	"child-src":  {"child-src", DefaultSrc},
}

// Fallback is a directive fallback list, prepared for Policy.Governing.
// The zero Fallback names no directive.
type Fallback struct {
	names []string
	ids   []uint8 // each name's id among the known names, 0 when unknown
}

// FallbackList returns the directives that, in order, may govern requests
// whose effective directive is name, as CSP Level 3 defines them: for
// worker-src, worker-src then child-src, script-src and default-src. For
// script-src, style-src and child-src, which no request has as its
// effective directive, it returns the name then default-src. For a name
// without a fallback list (form-action, base-uri...) it returns name
// alone. Callers that decide many requests keep the result.
func FallbackList(name string) Fallback {
	names, ok := fallbacks[name]
	if !ok {
		names = []string{name}
	}
	return FallbackOf(names...)
}

// FallbackOf returns the fallback list of the given directive names, in
// order: for a browser whose list differs from CSP3's.
func FallbackOf(names ...string) Fallback {
	f := Fallback{names: slices.Clone(names), ids: make([]uint8, len(names))}
	for i, n := range names {
		f.ids[i] = nameID(n)
	}
	return f
}

// FallingBackTo returns, in lexical order, the directives that fall back
// to name before default-src: the effective directives whose fallback
// list holds name after themselves, such as script-src-elem,
// script-src-attr and worker-src for script-src. It returns nothing for
// default-src, which every fetch directive falls back to, and for names
// no directive falls back to.
func FallingBackTo(name string) []string {
	if name == DefaultSrc {
		return nil
	}
	var out []string
	for d, list := range fallbacks {
		if d == name || d == "script-src" || d == "style-src" || d == "child-src" {
			continue // not effective directives
		}
		if slices.Contains(list[1:], name) {
			out = append(out, d)
		}
	}
	slices.Sort(out)
	return out
}

// Names returns the directive names of the list, in order. The caller may
// modify the result.
func (f Fallback) Names() []string { return slices.Clone(f.names) }

// Governing returns the directive of p that governs requests whose
// fallback list is f: the directive of the first name p has. With claimed
// false, a name whose first directive was dropped for non-ASCII content is
// governed by a later duplicate, as the spec reads it; with claimed true
// the dropped directive keeps its name, so the name counts as absent and
// the list falls back further, as Chromium reads it (see DroppedFirst).
func (p Policy) Governing(f Fallback, claimed bool) (Directive, bool) {
	for i, id := range f.ids {
		if id == 0 {
			if d, ok := p.Directive(f.names[i]); ok {
				return d, true
			}
			continue
		}
		if claimed && p.droppedID(id) {
			continue
		}
		if d, ok := p.byID(id); ok {
			return d, true
		}
	}
	return Directive{}, false
}
