// Package source parses and prints CSP source expressions, the tokens of a
// directive value such as 'self', https:, *.example.com:443/api/ or
// 'nonce-abc', following the grammar of Content Security Policy Level 3
// (https://w3c.github.io/webappsec-csp/#framework-directive-source-list).
//
// Parsing never fails in the sense a browser cares about: a token that fits no
// grammar becomes an Expression of kind Invalid that matches nothing, and the
// accompanying *Error says what is wrong with it. Expressions are small
// comparable values; they are safe to copy and to share between goroutines.
//
// Deciding whether a URL matches an expression is the job of package match.
package source
