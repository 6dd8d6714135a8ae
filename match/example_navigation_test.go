package match_test

import (
	"fmt"

	"github.com/cspkit/cspkit/csp"
	"github.com/cspkit/cspkit/match"
)

// ExampleFrameAncestors decides whether a page may be framed by a chain of
// ancestors, parent first.
func ExampleFrameAncestors() {
	list := csp.MustParse("default-src 'self'; frame-ancestors 'self' https://partner.example")
	d, _ := match.FrameAncestors(list, "https://app.example/widget",
		[]string{"https://partner.example/embed", "https://evil.example/"})
	fmt.Println(d.Allowed, d.Target())
	fmt.Println(d)
	// Output:
	// false https://evil.example/
	// blocked: embedding by https://evil.example/ (frame-ancestors; ancestor 2 of 2, parent first); policy 0 frame-ancestors 'self' https://partner.example: no source matches (page origin https://app.example); to allow it, add https://evil.example to frame-ancestors (Chromium, Firefox and WebKit agree)
}

// ExampleLoad_form decides form submissions and base URLs: form-action and
// base-uri fall back to nothing, so default-src 'none' leaves them open.
func ExampleLoad_form() {
	list := csp.MustParse("default-src 'none'; form-action 'self'")
	d, _ := match.Load(list, "https://app.example/login", "https://evil.example/collect", match.Form)
	fmt.Println(d.Allowed, d.Policies[0].Directive)
	d, _ = match.Load(list, "https://app.example/login", "https://evil.example/", match.Base)
	fmt.Println(d)
	// Output:
	// false form-action
	// allowed: https://evil.example/; no enforced policy has base-uri, so base URLs are unrestricted (Chromium, Firefox and WebKit agree)
}
