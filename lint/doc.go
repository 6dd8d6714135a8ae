// Package lint finds weaknesses in Content-Security-Policy lists, chiefly in
// what they let a page connect to: connect requests (fetch, XMLHttpRequest,
// WebSocket, EventSource, sendBeacon, <a ping>) are how injected script
// sends stolen data away, so a broad connect-src is an exfiltration channel.
//
// Check returns Findings, each with a stable Code (CSP1001...), a Severity
// and a plain sentence. The catalogue of codes is Rules, also written out in
// the package's README.md. Findings about sources are made for the directive
// that governs connect requests in each policy: connect-src, or default-src
// when the policy has no connect-src. A request must satisfy every enforced
// policy, so a weakness in one policy may be covered by another; findings are
// per policy and say which.
//
// Lint does not repeat what csp.Parse reports as a csp.Problem (unknown or
// misspelled directives, unquoted keywords, invalid source expressions and
// the like); run both.
package lint
