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
// A rule broken by several sources of one directive is one Finding that
// lists them. Rules have a Scope: Connect (CSP1xxx), Scripts (CSP2xxx,
// what default-src and the script directives let scripts and plugins do:
// inline code, eval, short nonces, a missing base-uri beside nonces, hosts
// known to serve JSONP or AngularJS), Writing (CSP3xxx, how any
// source-list directive is written: keywords without quotes, deprecated
// directives, duplicate and redundant sources) and Loads (CSP4xxx, what
// script-src, object-src, img-src and the other fetch directives let the
// page load from any host).
//
// Lint is advice about policies that browsers enforce as written. What a
// browser drops or ignores (unknown or unsupported directives, invalid
// source expressions and the like) is a csp.Problem from csp.Parse; lint
// does not repeat it. Run both.
//
// Check costs time and memory linear in the size of the list. Package lint
// imports no package that decides requests: package match uses Source to
// say when a source it suggests opens a policy up.
package lint
