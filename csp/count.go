package csp

import "strings"

// sizes bounds what one field value holds, so that the parser can allocate
// once: every count is at least the real number, unless the value uses
// white space other than SPACE between tokens (then appends grow). Every
// source expression follows a white space byte inside its directive, never
// right after the ";" or "," that starts the directive (the name is there).
type sizes struct {
	policies   int // "," plus one
	directives int // ";" plus "," plus one
	tokens     int // source expressions: spaces
}

// count sizes value with vectorized byte counts, much cheaper than one
// byte-by-byte pass. The token count also counts the spaces between
// directives, at most one record per directive too many.
// Without tokens, the token count is left 0.
func count(value string, tokens bool) sizes {
	semis := strings.Count(value, ";")
	commas := strings.Count(value, ",")
	n := sizes{policies: commas + 1, directives: semis + commas + 1}
	if tokens {
		n.tokens = strings.Count(value, " ")
	}
	return n
}
