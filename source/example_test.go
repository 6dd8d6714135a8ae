package source_test

import (
	"errors"
	"fmt"

	"github.com/cspkit/cspkit/source"
)

func ExampleParse() {
	e, err := source.Parse("HTTPS://*.Example.com:8443/api/")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("kind:", e.Kind())
	fmt.Println("scheme:", e.Scheme())
	fmt.Println("host:", e.Host(), e.HostWildcard())
	port, ok := e.PortNumber()
	fmt.Println("port:", e.Port(), port, ok)
	fmt.Println("path:", e.Path())
	// Output:
	// kind: host
	// scheme: https
	// host: *.example.com true
	// port: 8443 8443 true
	// path: /api/
}

func ExampleParseList() {
	l, err := source.ParseList("'self' https: *.cdn.example:443 'nonce-r4nd0m' exa_mple.com")
	for i, e := range l.All() {
		fmt.Println(i, e.Kind(), e)
	}
	fmt.Println("none:", l.IsNone())
	fmt.Println(err)
	// Output:
	// 0 self 'self'
	// 1 scheme https:
	// 2 host *.cdn.example:443
	// 3 nonce 'nonce-r4nd0m'
	// 4 invalid exa_mple.com
	// none: false
	// source: invalid expression "exa_mple.com": character not allowed in a host ("_" at byte 3)
}

func ExampleExpression_String() {
	for _, tok := range []string{"'Unsafe-Inline'", "HTTPS://API.Example.COM:080/Path/", "'SHA256-AbC='", "'self"} {
		e, _ := source.Parse(tok)
		fmt.Println(e)
	}
	// Output:
	// 'unsafe-inline'
	// https://api.example.com:080/Path/
	// 'sha256-AbC='
	// 'self
}

func ExampleError() {
	_, err := source.Parse("https://exa_mple.com/")
	fmt.Println(err)

	var se *source.Error
	if errors.As(err, &se) {
		fmt.Println(se.Reason, "at", se.Pos)
	}
	// Output:
	// source: invalid expression "https://exa_mple.com/": character not allowed in a host ("_" at byte 11)
	// character not allowed in a host at 11
}
