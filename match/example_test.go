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
	// true allowed: https://example.com/api/items; policy 0 connect-src allows it by 'self'
	// true allowed: https://api.example.com/v1; policy 0 connect-src allows it by https://api.example.com
	// false blocked: https://api.example.com.evil.net/; policy 0 connect-src 'self' https://api.example.com: no source matches (page origin https://example.com)
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

func ExampleSourceList() {
	page := match.MustParseURL("https://example.com/")
	target, _ := page.ParseRef("https://cdn.example.net/lib.js")
	i, ok := match.SourceList(source.MustParseList("'self' *.example.net"), target, page)
	fmt.Println(i, ok)
	// Output: 1 true
}
