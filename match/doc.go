// Package match decides whether a page under a Content Security Policy may
// make a request that connect-src governs: fetch, XMLHttpRequest, WebSocket,
// EventSource, navigator.sendBeacon and <a ping>.
//
// For each policy the deciding directive is connect-src if the policy has
// one, else default-src, else none (the policy does not restrict
// connections). There is no merging: "default-src *; connect-src 'self'"
// allows only same-origin connections, and an empty connect-src blocks
// everything. Every enforced policy must allow a request; report-only
// policies never block but are reported in the Decision.
//
// Within the deciding directive a URL is allowed when any source expression
// matches it (https://w3c.github.io/webappsec-csp/#match-url-to-source-list):
//
//   - * matches http and https URLs and URLs with the page's own scheme;
//   - a scheme-source such as https: matches that scheme, and http: also
//     matches https (ws: also matches wss, http and https; wss: also https);
//   - a host-source matches scheme, host, port and path; without a scheme it
//     takes the page's, without a port only the default port matches, and
//     its path is ignored after a redirect;
//   - 'self' matches the page's origin, and the same host on https or wss
//     (and, from an http page, http or ws) with the same or default ports.
//
// Load decides the other fetch destinations (scripts, styles, images,
// frames, workers...) the same way, by each destination's effective
// directive and its fallback list. Inline decides inline code (scripts,
// event handlers, styles, style attributes, javascript: URLs) by
// 'unsafe-inline', nonces and hashes, and Eval decides string and
// WebAssembly compilation by 'unsafe-eval', 'wasm-unsafe-eval' and
// 'trusted-types-eval' (CSP3 #should-block-inline, #can-compile-strings,
// #can-compile-wasm-bytes).
//
// Browsers differ from the specification and from each other in places; an
// Engine names the model that decides. URLs are parsed as browsers parse them
// (the WHATWG URL standard, with IDNA), never with net/url.
package match
