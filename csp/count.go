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
func count(value string) sizes {
	semis := strings.Count(value, ";")
	commas := strings.Count(value, ",")
	return sizes{
		policies:   commas + 1,
		directives: semis + commas + 1,
		tokens:     strings.Count(value, " "),
	}
}
