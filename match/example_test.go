package match_test

import (
	"fmt"

	"github.com/cspkit/cspkit/csp"
	"github.com/cspkit/cspkit/match"
	"github.com/cspkit/cspkit/source"
)

func ExampleConnect() {
	list, err := csp.Parse("default-src 'self'; connect-src 'self' https://api.example.com")
	if err != nil {
		fmt.Println(err) // problems a browser would warn about; list is still enforced
	}
	for _, target := range []string{"/api/items", "https://api.example.com/v1", "https://api.example.com.evil.net/"} {
		d, err := match.Connect(list, "https://example.com/app", target)
		if err != nil {
			fmt.Println(err)
			continue
		}
		fmt.Println(d.Allowed, d)
	}
	// Output:
	// true allowed: https://example.com/api/items; policy 0 connect-src allows it by 'self' (Chromium, Firefox and WebKit agree)
	// true allowed: https://api.example.com/v1; policy 0 connect-src allows it by https://api.example.com (Chromium, Firefox and WebKit agree)
	// false blocked: https://api.example.com.evil.net/; policy 0 connect-src 'self' https://api.example.com: no source matches (page origin https://example.com); to allow it, add https://api.example.com.evil.net to connect-src (Chromium, Firefox and WebKit agree)
}

// Browsers disagree on a scheme upgrade on a non-default port: Chromium
// refuses to let http://host:8000 cover https://host:8000.
func ExampleDecision_Divergent() {
	list := csp.MustParse("connect-src http://api.example.com:8000")
	d, _ := match.Connect(list, "https://example.com/", "https://api.example.com:8000/v1")
	fmt.Println(d.Allowed, d.Blocked(), d.Divergent())
	fmt.Println("allowed by", d.AllowedBy(), "blocked by", d.BlockedBy())
	// Output:
	// false false true
	// allowed by [firefox webkit] blocked by [chromium]
}

// A WebSocket constructor turns https: into wss: before the check, which
// a source for https: does not cover in any browser.
func ExampleWithRequest() {
	list := csp.MustParse("connect-src https://live.example.com")
	for _, r := range []match.Request{match.Fetch, match.WebSocket} {
		d, _ := match.Connect(list, "https://example.com/", "https://live.example.com/feed", match.WithRequest(r))
		fmt.Println(r, d.Allowed, d.Checked())
	}
	// Output:
	// fetch true https://live.example.com/feed
	// websocket false wss://live.example.com/feed
}

func ExampleRedirected() {
	list := csp.MustParse("connect-src https://api.example.com/v1/")
	direct, _ := match.Connect(list, "https://example.com/", "https://api.example.com/login")
	hop, _ := match.Connect(list, "https://example.com/", "https://api.example.com/login", match.Redirected())
	fmt.Println(direct.Allowed, hop.Allowed)
	// Output: false true
}

func ExampleWithEngine() {
	list := csp.MustParse("connect-src https://chat.example.com")
	d, _ := match.Connect(list, "https://example.com/", "wss://chat.example.com/socket", match.WithEngine(match.Spec))
	fmt.Println(d.Allowed, d.Checked())
	// Output: true https://chat.example.com/socket
}

func ExampleListMatches() {
	page := match.MustParseURL("https://example.com/")
	target, _ := page.ParseRef("https://cdn.example.net/lib.js")
	i, ok := match.ListMatches(source.MustParseList("'self' *.example.net"), page, target)
	fmt.Println(i, ok)
	// Output: 1 true
}

func ExampleLoad() {
	list := csp.MustParse("default-src 'self'; script-src 'self' https://cdn.example; img-src * data:")
	page := "https://example.com/"
	for _, c := range []struct {
		dest   match.Destination
		target string
	}{
		{match.Script, "https://cdn.example/lib.js"},
		{match.Script, "https://evil.example/x.js"},
		{match.Image, "data:image/png;base64,iVBORw0KGgo="},
		{match.Font, "https://fonts.example/a.woff2"},
	} {
		d, _ := match.Load(list, page, c.target, c.dest)
		v := d.Policies[0]
		fmt.Printf("%s %s: allowed=%t by %s (effective %s)\n", c.dest, c.target, d.Allowed, v.Directive, v.Effective)
	}
	// Output:
	// script https://cdn.example/lib.js: allowed=true by script-src (effective script-src-elem)
	// script https://evil.example/x.js: allowed=false by script-src (effective script-src-elem)
	// image data:image/png;base64,iVBORw0KGgo=: allowed=true by img-src (effective img-src)
	// font https://fonts.example/a.woff2: allowed=false by default-src (effective font-src)
}
