package lint

import "fmt"

// Scope groups the rules by what they are about, so that a caller can
// gate on part of the catalogue (cspcheck -lint -only connect).
type Scope uint8

// The scopes.
const (
	// Connect rules are about what a page may connect to: the directive
	// that governs connect requests, and reporting.
	Connect Scope = iota + 1
	// Scripts rules are about what scripts and plugins may do: those that
	// fall back to default-src; inline code, eval, short nonces and
	// allow-listed hosts known to serve JSONP or AngularJS under the
	// script directives; and base-uri where nonces allow scripts.
	Scripts
	// Writing rules are about how a policy is written, in any directive:
	// likely typos, deprecated directives, duplicate and redundant
	// sources.
	Writing
	// Loads rules are about what the other fetch directives (script-src,
	// object-src, img-src, frame-src...) let the page load.
	Loads
)

var scopeNames = [...]string{Connect: "connect", Scripts: "scripts", Writing: "writing", Loads: "loads"}

// String returns "connect", "scripts", "writing" or "loads".
func (s Scope) String() string {
	if s > 0 && int(s) < len(scopeNames) {
		return scopeNames[s]
	}
	return fmt.Sprintf("Scope(%d)", s)
}

// ParseScope parses the name String returns.
func ParseScope(name string) (Scope, error) {
	for i, n := range scopeNames {
		if i > 0 && n == name {
			return Scope(i), nil
		}
	}
	return 0, fmt.Errorf("lint: unknown scope %q (want connect, scripts, writing or loads)", name)
}
