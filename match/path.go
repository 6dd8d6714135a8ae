package match

import (
	"strings"

	"github.com/cspkit/cspkit/internal/urlx"
)

// pathMatch is "path-part matching" (#match-paths): a is the expression's
// path-part, b the URL's serialised path. Both are split on "/" first and
// each segment percent-decoded afterwards, so "%2F" never separates
// segments. The comparison is case-sensitive.
func pathMatch(a, b string) bool {
	if a == "" || a == "/" && b == "" {
		return true
	}
	exact := a[len(a)-1] != '/'
	na, nb := strings.Count(a, "/")+1, strings.Count(b, "/")+1
	if na > nb || exact && na != nb {
		return false
	}
	if !exact {
		a = a[:len(a)-1] // drop the empty last segment
		na--
	}
	for range na {
		sa, ra, _ := strings.Cut(a, "/")
		sb, rb, _ := strings.Cut(b, "/")
		if !urlx.DecodedEqual(sa, sb) {
			return false
		}
		a, b = ra, rb
	}
	return true
}
