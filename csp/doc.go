// Package csp turns Content-Security-Policy header values into typed
// policies, following "parse a serialized CSP" and "parse a response's
// Content Security Policies" of Content Security Policy Level 3
// (https://w3c.github.io/webappsec-csp/#parse-serialized-policy).
//
// A header value may hold several policies separated by commas, and a
// response may carry several Content-Security-Policy and
// Content-Security-Policy-Report-Only fields: each piece is one Policy, and a
// browser enforces all of them. Parsing is as lenient as a browser's: the
// List returned by Parse is always what a browser would enforce, and the
// *ParseError beside it lists what a browser would drop or warn about:
//
//   - the value is split on ";" and ASCII whitespace only (not NBSP);
//   - a directive containing any non-ASCII character is dropped whole;
//   - directive names are lower-cased and not validated; the first of two
//     directives with the same name wins;
//   - a policy without directives is discarded.
//
// Parsing is linear in the size of the header, within Limits: a header over
// one is refused whole and ClosedPolicy, which allows nothing, stands in for
// it, so a limit never makes a policy looser.
//
// Policies, directives and lists are immutable and safe for concurrent use.
// Deciding whether a request is allowed is the job of package match.
//
// The package answers one question, which policies apply to a page, from
// wherever they are delivered: header values, an http.Header, an
// *http.Response and the <meta> elements of its HTML (FromResponse,
// FromHTML). Reading <meta> needs an HTML tokenizer (golang.org/x/net/html)
// and body decoding; they stay here rather than in a package of their own
// because the header half already needs net/http, which is by far the
// larger dependency, and because callers that read a response want both
// halves with one set of Limits and one *ParseError.
package csp
