package csp

import "strings"

// sizes bounds what one field value holds, so that the parser can allocate
// once: every count is at least the real number, unless the value uses
// white space other than SPACE between tokens (then appends grow). Every
// source expression follows a white space byte inside its directive, never
// right after the ";" or "," that starts the directive (the name is there).
type sizes struct {
	policies   int  // "," plus one
	directives int  // ";" plus "," plus one
	tokens     int  // source expressions: spaces not right after ";" or ","
	ascii      bool // no byte above 0x7F
}

// count sizes value with vectorised byte counts and a word-wise ASCII
// check: together much cheaper than one byte-by-byte pass.
func count(value string) sizes {
	semis := strings.Count(value, ";")
	commas := strings.Count(value, ",")
	return sizes{
		policies:   commas + 1,
		directives: semis + commas + 1,
		tokens:     strings.Count(value, " ") - strings.Count(value, "; ") - strings.Count(value, ", "),
		ascii:      isASCII(value),
	}
}

// isASCII reports whether s has no byte above 0x7F, eight bytes at a time.
func isASCII(s string) bool {
	var acc uint64
	i := 0
	for ; i+8 <= len(s); i += 8 {
		acc |= uint64(s[i]) | uint64(s[i+1])<<8 | uint64(s[i+2])<<16 | uint64(s[i+3])<<24 |
			uint64(s[i+4])<<32 | uint64(s[i+5])<<40 | uint64(s[i+6])<<48 | uint64(s[i+7])<<56
	}
	for ; i < len(s); i++ {
		acc |= uint64(s[i])
	}
	return acc&0x8080808080808080 == 0
}
