// Package hooks carries functions between the library's own packages that
// none of them should export: a package sets a hook in its init function,
// and a package that imports it (and so runs after that init) reads it.
package hooks

// ParseExpression is package source's allocation-free expression parser,
// a func(token string) (source.Expression, source.Reason, int) returning
// the reason and byte position when the token is invalid, where
// source.Parse would allocate an *Error. Package csp parses every token of
// a header with it.
var ParseExpression any
