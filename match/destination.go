package match

import (
	"fmt"
	"strings"

	"github.com/cspkit/cspkit/csp"
)

// Destination is what a page loads a URL as: the request's destination in
// the Fetch standard (https://fetch.spec.whatwg.org/#concept-request-destination),
// which decides the directive that governs it (CSP3 "get the effective
// directive for request", #effective-directive-for-a-request).
type Destination uint8

// The destinations. Connection is the requests connect-src governs
// (fetch, XMLHttpRequest, WebSocket, EventSource, sendBeacon, <a ping>),
// whose Fetch destination is the empty string; Connect decides them.
const (
	Connection    Destination = iota // fetch(), XHR, WebSocket, EventSource, sendBeacon, <a ping>: connect-src
	Script                           // <script src>, <link rel=modulepreload>, importScripts() of a page: script-src-elem
	Style                            // <link rel=stylesheet>, @import: style-src-elem
	Image                            // <img>, <picture>, CSS images, favicons: img-src
	Font                             // @font-face, FontFace: font-src
	Media                            // <audio>, <video>: media-src
	Track                            // <track> (text tracks): media-src
	Object                           // <object>, <embed>: object-src
	Frame                            // <iframe>, <frame>: frame-src
	Worker                           // new Worker(): worker-src
	SharedWorker                     // new SharedWorker(): worker-src
	ServiceWorker                    // navigator.serviceWorker.register(): worker-src
	Manifest                         // <link rel=manifest>: manifest-src
	XSLT                             // an XSLT stylesheet (<?xml-stylesheet?>): script-src-elem
	Prefetch                         // <link rel=prefetch> and prerender: default-src
	Form                             // a form submission's action URL (GET or POST): form-action, no fallback
	Base                             // a <base href> URL: base-uri, no fallback (no request is made)
	Ancestor                         // a document embedding the page (FrameAncestors): frame-ancestors, no fallback
	numDestinations
)

// plurals name what requests of each destination load, for explanations.
var plurals = [...]string{
	Connection: "connections", Script: "scripts", Style: "style sheets", Image: "images", Font: "fonts",
	Media: "media", Track: "text tracks", Object: "plugins", Frame: "frames", Worker: "workers", SharedWorker: "shared workers",
	ServiceWorker: "service workers", Manifest: "manifests", XSLT: "XSLT style sheets", Prefetch: "prefetches",
	Form: "form submissions", Base: "base URLs", Ancestor: "embedders",
}

func (d Destination) plural() string {
	if d < numDestinations {
		return plurals[d]
	}
	return "requests"
}

var destinationNames = [...]string{
	Connection: "connect", Script: "script", Style: "style", Image: "image", Font: "font", Media: "media", Track: "track",
	Object: "object", Frame: "frame", Worker: "worker", SharedWorker: "sharedworker",
	ServiceWorker: "serviceworker", Manifest: "manifest", XSLT: "xslt", Prefetch: "prefetch",
	Form: "form", Base: "base", Ancestor: "ancestor",
}

// effectiveDirectives is CSP3's "get the effective directive for request"
// for each destination.
var effectiveDirectives = [...]string{
	Connection: csp.ConnectSrc, Script: "script-src-elem", Style: "style-src-elem", Image: "img-src",
	Font: "font-src", Media: "media-src", Track: "media-src", Object: "object-src", Frame: "frame-src",
	Worker: "worker-src", SharedWorker: "worker-src", ServiceWorker: "worker-src",
	Manifest: "manifest-src", XSLT: "script-src-elem", Prefetch: csp.DefaultSrc,
	Form: "form-action", Base: "base-uri", Ancestor: "frame-ancestors",
}

// String returns the destination's name, such as "script" or
// "sharedworker".
func (d Destination) String() string {
	if d < numDestinations {
		return destinationNames[d]
	}
	return fmt.Sprintf("Destination(%d)", uint8(d))
}

// EffectiveDirective returns the directive named in violation reports for
// requests of this destination (CSP3 #effective-directive-for-a-request):
// "connect-src" for Connection, "script-src-elem" for Script, "default-src"
// for Prefetch, and the directive that decides the navigation-side
// destinations, which fall back to nothing: "form-action" for Form,
// "base-uri" for Base, "frame-ancestors" for Ancestor.
func (d Destination) EffectiveDirective() string {
	if d < numDestinations {
		return effectiveDirectives[d]
	}
	return ""
}

// Destinations returns every destination, in a fixed order.
func Destinations() []Destination {
	out := make([]Destination, numDestinations)
	for i := range out {
		out[i] = Destination(i)
	}
	return out
}

// ParseDestination returns the Destination named name, as String returns
// it, in any case; "audio" and "video" (Media), "embed" (Object),
// "iframe" (Frame), "img" (Image), "form-action" (Form), "base-uri"
// (Base), "frame-ancestors" and "embedder" (Ancestor), and "",
// "connection" and "fetch" (Connection: the Fetch standard's empty
// destination) are accepted too.
func ParseDestination(name string) (Destination, error) {
	n := strings.ToLower(strings.TrimSpace(name))
	switch n {
	case "audio", "video":
		return Media, nil
	case "embed":
		return Object, nil
	case "iframe":
		return Frame, nil
	case "img":
		return Image, nil
	case "form-action":
		return Form, nil
	case "base-uri":
		return Base, nil
	case "frame-ancestors", "embedder":
		return Ancestor, nil
	case "", "connection", "fetch":
		return Connection, nil
	}
	for i, dn := range destinationNames {
		if dn == n {
			return Destination(i), nil
		}
	}
	return 0, &DestinationError{Name: name}
}

// IsValid reports whether d is one of the destinations this package
// defines.
func (d Destination) IsValid() bool { return d < numDestinations }

// navigational reports whether d is decided by a navigation-side
// directive (form-action, base-uri, frame-ancestors), which has no
// fallback and is never mixed content.
func (d Destination) navigational() bool { return d == Form || d == Base || d == Ancestor }

// DestinationError reports a destination name ParseDestination does not
// know, or a Destination value outside the defined ones given to Load.
type DestinationError struct {
	Name string // the name, or the invalid value as Destination.String writes it
}

func (e *DestinationError) Error() string {
	return fmt.Sprintf("match: unknown destination %q (want one of %s)", e.Name, strings.Join(destinationNames[:], ", "))
}

// fallbackLists returns an engine's directive fallback list for each
// destination: CSP3's for the destination's effective directive, but where
// overrides gives another.
func fallbackLists(overrides map[Destination][]string) (out [numDestinations]csp.Fallback) {
	for d := range numDestinations {
		if names, ok := overrides[d]; ok {
			out[d] = csp.FallbackOf(names...)
			continue
		}
		out[d] = csp.FallbackList(d.EffectiveDirective())
	}
	return out
}
