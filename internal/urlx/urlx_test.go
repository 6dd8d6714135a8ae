package urlx

import (
	"errors"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// pageBase is the base URL of the relative-reference rows.
const pageBase = "https://example.com/dir/page.html?b=1#top"

// tcase is one row of the hand-written table. With base set, in is
// resolved against base; err means parsing must fail.
type tcase struct {
	base string
	in   string
	href string
	kind HostKind
	port int
	path string
	err  bool
}

var handCases = []tcase{
	// scheme and host normalisation
	{in: "HTTPS://EXAMPLE.COM:443/", href: "https://example.com/", kind: Domain, port: -1, path: "/"},
	{in: "https://api.example.com/v1/items?x=1", href: "https://api.example.com/v1/items?x=1", kind: Domain, port: -1, path: "/v1/items"},
	{in: "HtTp://Example.COM", href: "http://example.com/", kind: Domain, port: -1, path: "/"},
	{in: "  \t https://example.com/\n  ", href: "https://example.com/", kind: Domain, port: -1, path: "/"},
	{in: "ht\ttp://exa\nmple.com/a\rb", href: "http://example.com/ab", kind: Domain, port: -1, path: "/ab"},
	{in: "\x00\x1fhttps://example.com/\x01", href: "https://example.com/", kind: Domain, port: -1, path: "/"},
	{in: "a+b-c.d:x", href: "a+b-c.d:x", kind: NoHost, port: -1, path: "x"},
	// IDNA
	{in: "https://üüüüüü.de/", href: "https://xn--tdaaaaaa.de/", kind: Domain, port: -1, path: "/"},
	{in: "https://BÜCHER.example/", href: "https://xn--bcher-kva.example/", kind: Domain, port: -1, path: "/"},
	{in: "https://XN--BCHER-KVA.example/", href: "https://xn--bcher-kva.example/", kind: Domain, port: -1, path: "/"},
	{in: "https://%C3%BC.de/", href: "https://xn--tda.de/", kind: Domain, port: -1, path: "/"},
	{in: "https://faß.de/", href: "https://xn--fa-hia.de/", kind: Domain, port: -1, path: "/"},
	{in: "https://a\u00adb.example/", href: "https://ab.example/", kind: Domain, port: -1, path: "/"},
	{in: "https://ｅｘａｍｐｌｅ．ｃｏｍ/", href: "https://example.com/", kind: Domain, port: -1, path: "/"},
	{in: "https://*.ü.com/", href: "https://*.xn--tda.com/", kind: Domain, port: -1, path: "/"},
	{in: "https://a_b.example/", href: "https://a_b.example/", kind: Domain, port: -1, path: "/"},
	{in: "https://-x-.example/", href: "https://-x-.example/", kind: Domain, port: -1, path: "/"},
	{in: "https://xn--/", err: true},
	{in: "https://" + strings.Repeat("ü", 1100) + ".example/", err: true},
	{in: "https://xn--a.example/", err: true},
	{in: "https://\u200d.example/", err: true},
	{in: "https://%C2%AD/", err: true},
	{in: "https://%ff.example/", err: true},
	{in: "https://exa%41mple.com/", href: "https://exaample.com/", kind: Domain, port: -1, path: "/"},
	{in: "https://exa%mple.com/", err: true},
	{in: "https://example.com./", href: "https://example.com./", kind: Domain, port: -1, path: "/"},
	// IPv4
	{in: "http://0x7f000001/", href: "http://127.0.0.1/", kind: IPv4, port: -1, path: "/"},
	{in: "http://127.1/", href: "http://127.0.0.1/", kind: IPv4, port: -1, path: "/"},
	{in: "http://0177.0.0.1/", href: "http://127.0.0.1/", kind: IPv4, port: -1, path: "/"},
	{in: "http://1.2.3.4./", href: "http://1.2.3.4/", kind: IPv4, port: -1, path: "/"},
	{in: "http://4294967295/", href: "http://255.255.255.255/", kind: IPv4, port: -1, path: "/"},
	{in: "http://0x/", href: "http://0.0.0.0/", kind: IPv4, port: -1, path: "/"},
	{in: "http://%31%32%37.0.0.1/", href: "http://127.0.0.1/", kind: IPv4, port: -1, path: "/"},
	{in: "http://4294967296/", err: true},
	{in: "http://1.2.3.4.5/", err: true},
	{in: "http://256.0.0.1/", err: true},
	{in: "http://example.123/", err: true},
	{in: "http://1..2/", err: true},
	{in: "http://09.0.0.1/", err: true},
	{in: "http://1.2.3.09a/", href: "http://1.2.3.09a/", kind: Domain, port: -1, path: "/"},
	// IPv6
	{in: "http://[::1]:8080/", href: "http://[::1]:8080/", kind: IPv6, port: 8080, path: "/"},
	{in: "http://[0:0:0:0:0:ffff:7f00:1]/", href: "http://[::ffff:7f00:1]/", kind: IPv6, port: -1, path: "/"},
	{in: "http://[::ffff:1.2.3.4]/", href: "http://[::ffff:102:304]/", kind: IPv6, port: -1, path: "/"},
	{in: "http://[1:0:0:2:0:0:0:3]/", href: "http://[1:0:0:2::3]/", kind: IPv6, port: -1, path: "/"},
	{in: "http://[1:0:0:2:0:0:3:4]/", href: "http://[1::2:0:0:3:4]/", kind: IPv6, port: -1, path: "/"},
	{in: "http://[ABCD::]/", href: "http://[abcd::]/", kind: IPv6, port: -1, path: "/"},
	{in: "http://[1:2:3:4:5:6:7:8]/", href: "http://[1:2:3:4:5:6:7:8]/", kind: IPv6, port: -1, path: "/"},
	{in: "myapp://[::1]/x", href: "myapp://[::1]/x", kind: IPv6, port: -1, path: "/x"},
	{in: "http://[::1", err: true},
	{in: "http://[:::]/", err: true},
	{in: "http://[1:2:3:4:5:6:7:8:9]/", err: true},
	{in: "http://[::1.2.3]/", err: true},
	{in: "http://[::1]x/", err: true},
	{in: "http://[g::]/", err: true},
	{in: "http://[::]]/", err: true},
	{in: "http://[[::1]]/", err: true},
	// ports
	{in: "https://host:0080/", href: "https://host:80/", kind: Domain, port: 80, path: "/"},
	{in: "http://host:0080/", href: "http://host/", kind: Domain, port: -1, path: "/"},
	{in: "http://host:/", href: "http://host/", kind: Domain, port: -1, path: "/"},
	{in: "https://host:65535/", href: "https://host:65535/", kind: Domain, port: 65535, path: "/"},
	{in: "https://host:65536/", err: true},
	{in: "https://host:8a/", err: true},
	{in: "https://host:99999999999999999999/", err: true},
	{in: "ws://a/", href: "ws://a/", kind: Domain, port: -1, path: "/"},
	{in: "wss://a:443/", href: "wss://a/", kind: Domain, port: -1, path: "/"},
	{in: "ws://a:443/", href: "ws://a:443/", kind: Domain, port: 443, path: "/"},
	{in: "ftp://a:21/", href: "ftp://a/", kind: Domain, port: -1, path: "/"},
	{in: "myapp://h:80/", href: "myapp://h:80/", kind: Opaque, port: 80, path: "/"},
	// hosts that are errors
	{in: "https://ho st/", err: true},
	{in: "https://a\x00b/", err: true},
	{in: "https://a<b/", err: true},
	{in: "https://a%25b/", err: true},
	{in: "https://a%20b/", err: true},
	{in: "https://a^b/", err: true},
	{in: "https://", err: true},
	{in: "https:///", err: true},
	{in: "http://:80/", err: true},
	{in: "http://user@/", err: true},
	{in: "myapp://user@/", err: true},
	{in: "myapp://:1/", err: true},
	{in: "myapp://a b/", err: true},
	// userinfo
	{in: "https://user:pa@ss@host/", href: "https://user:pa%40ss@host/", kind: Domain, port: -1, path: "/"},
	{in: "https://us er:p:w@host/", href: "https://us%20er:p%3Aw@host/", kind: Domain, port: -1, path: "/"},
	{in: "https://:@host/", href: "https://host/", kind: Domain, port: -1, path: "/"},
	{in: "https://user:@host/", href: "https://user@host/", kind: Domain, port: -1, path: "/"},
	{in: "https://:pw@host/", href: "https://:pw@host/", kind: Domain, port: -1, path: "/"},
	// paths
	{in: "https://a/b/../c/./d", href: "https://a/c/d", kind: Domain, port: -1, path: "/c/d"},
	{in: "https://a/%2e%2E/x", href: "https://a/x", kind: Domain, port: -1, path: "/x"},
	{in: "https://a/b/.%2e", href: "https://a/", kind: Domain, port: -1, path: "/"},
	{in: "https://a/b/%2E.?q", href: "https://a/?q", kind: Domain, port: -1, path: "/"},
	{in: "https://a/b/%2e", href: "https://a/b/", kind: Domain, port: -1, path: "/b/"},
	{in: "https://a/../../x", href: "https://a/x", kind: Domain, port: -1, path: "/x"},
	{in: "https://a/a%2Fb", href: "https://a/a%2Fb", kind: Domain, port: -1, path: "/a%2Fb"},
	{in: "https://a/a b", href: "https://a/a%20b", kind: Domain, port: -1, path: "/a%20b"},
	{in: "https://a/ü\"<>`{}^|", href: "https://a/%C3%BC%22%3C%3E%60%7B%7D%5E|", kind: Domain, port: -1, path: "/%C3%BC%22%3C%3E%60%7B%7D%5E|"},
	{in: "https://a/%zz%4", href: "https://a/%zz%4", kind: Domain, port: -1, path: "/%zz%4"},
	{in: "http:\\\\a.com\\x", href: "http://a.com/x", kind: Domain, port: -1, path: "/x"},
	{in: "http:a.com/x", href: "http://a.com/x", kind: Domain, port: -1, path: "/x"},
	{in: "http:////a.com//x", href: "http://a.com//x", kind: Domain, port: -1, path: "//x"},
	{in: "myapp://h/a\\b/../c", href: "myapp://h/c", kind: Opaque, port: -1, path: "/c"},
	{in: "myapp://h/a\\b/c", href: "myapp://h/a\\b/c", kind: Opaque, port: -1, path: "/a\\b/c"},
	{in: "myapp://h/a/../c", href: "myapp://h/c", kind: Opaque, port: -1, path: "/c"},
	{in: "foo:/a/b", href: "foo:/a/b", kind: NoHost, port: -1, path: "/a/b"},
	{in: "foo:/.//x", href: "foo:/.//x", kind: NoHost, port: -1, path: "//x"},
	{in: "foo://h", href: "foo://h", kind: Opaque, port: -1, path: ""},
	{in: "foo://", href: "foo://", kind: EmptyHost, port: -1, path: ""},
	// query and fragment
	{in: "https://a.com/x?q#f", href: "https://a.com/x?q#f", kind: Domain, port: -1, path: "/x"},
	{in: "https://a.com/?a b'\"<>`#f g`", href: "https://a.com/?a%20b%27%22%3C%3E`#f%20g%60", kind: Domain, port: -1, path: "/"},
	{in: "myapp://a/?'", href: "myapp://a/?'", kind: Opaque, port: -1, path: "/"},
	{in: "https://a.com?#", href: "https://a.com/?#", kind: Domain, port: -1, path: "/"},
	{in: "https://a.com/#f#g?h", href: "https://a.com/#f#g?h", kind: Domain, port: -1, path: "/"},
	// opaque paths and non-special
	{in: "data:text/plain,hi", href: "data:text/plain,hi", kind: NoHost, port: -1, path: "text/plain,hi"},
	{in: "data:text/html,<p a=\"b c\">", href: "data:text/html,<p a=\"b c\">", kind: NoHost, port: -1, path: "text/html,<p a=\"b c\">"},
	{in: "data:a\x01ü", href: "data:a%01%C3%BC", kind: NoHost, port: -1, path: "a%01%C3%BC"},
	{in: "data:a  ?q", href: "data:a %20?q", kind: NoHost, port: -1, path: "a %20"},
	{in: "mailto:User@Example.com", href: "mailto:User@Example.com", kind: NoHost, port: -1, path: "User@Example.com"},
	{in: "javascript:alert(1)", href: "javascript:alert(1)", kind: NoHost, port: -1, path: "alert(1)"},
	{in: "blob:https://a.example/uuid", href: "blob:https://a.example/uuid", kind: NoHost, port: -1, path: "https://a.example/uuid"},
	{in: "blob:null/x", href: "blob:null/x", kind: NoHost, port: -1, path: "null/x"},
	{in: "myapp://Host:99/p", href: "myapp://Host:99/p", kind: Opaque, port: 99, path: "/p"},
	{in: "myapp://H%4fst/p", href: "myapp://H%4fst/p", kind: Opaque, port: -1, path: "/p"},
	{in: "myapp://ü/", href: "myapp://%C3%BC/", kind: Opaque, port: -1, path: "/"},
	{in: "myapp:///x", href: "myapp:///x", kind: EmptyHost, port: -1, path: "/x"},
	{in: "foo:", href: "foo:", kind: NoHost, port: -1, path: ""},
	// file
	{in: "file:///etc/x", href: "file:///etc/x", kind: EmptyHost, port: -1, path: "/etc/x"},
	{in: "file://host/x", href: "file://host/x", kind: Domain, port: -1, path: "/x"},
	{in: "file://LOCALHOST/x", href: "file:///x", kind: EmptyHost, port: -1, path: "/x"},
	{in: "file:/x", href: "file:///x", kind: EmptyHost, port: -1, path: "/x"},
	{in: "file:c:/x", href: "file:///c:/x", kind: EmptyHost, port: -1, path: "/c:/x"},
	{in: "file:///C|/x/../..", href: "file:///C:/", kind: EmptyHost, port: -1, path: "/C:/"},
	{in: "file://C|/x", href: "file:///C:/x", kind: EmptyHost, port: -1, path: "/C:/x"},
	{in: "file:", href: "file:///", kind: EmptyHost, port: -1, path: "/"},
	{in: "file://1.2.3.4/x", href: "file://1.2.3.4/x", kind: IPv4, port: -1, path: "/x"},
	{in: "file://host:80/x", err: true},
	// errors that must not panic
	{in: "", err: true},
	{in: "   ", err: true},
	{in: ":", err: true},
	{in: "//example.com/x", err: true},
	{in: "/relative", err: true},
	{in: "1http://a/", err: true},
	// relative references
	{base: pageBase, in: "/api", href: "https://example.com/api", kind: Domain, port: -1, path: "/api"},
	{base: pageBase, in: "api", href: "https://example.com/dir/api", kind: Domain, port: -1, path: "/dir/api"},
	{base: pageBase, in: "../up", href: "https://example.com/up", kind: Domain, port: -1, path: "/up"},
	{base: pageBase, in: "../../../up", href: "https://example.com/up", kind: Domain, port: -1, path: "/up"},
	{base: pageBase, in: ".", href: "https://example.com/dir/", kind: Domain, port: -1, path: "/dir/"},
	{base: pageBase, in: "..", href: "https://example.com/", kind: Domain, port: -1, path: "/"},
	{base: pageBase, in: "//other.example/x", href: "https://other.example/x", kind: Domain, port: -1, path: "/x"},
	{base: pageBase, in: "\\\\other.example\\x", href: "https://other.example/x", kind: Domain, port: -1, path: "/x"},
	{base: pageBase, in: "?q", href: "https://example.com/dir/page.html?q", kind: Domain, port: -1, path: "/dir/page.html"},
	{base: pageBase, in: "#f", href: "https://example.com/dir/page.html?b=1#f", kind: Domain, port: -1, path: "/dir/page.html"},
	{base: pageBase, in: "https:rel", href: "https://example.com/dir/rel", kind: Domain, port: -1, path: "/dir/rel"},
	{base: pageBase, in: "https:/rel", href: "https://example.com/rel", kind: Domain, port: -1, path: "/rel"},
	{base: pageBase, in: "http:rel", href: "http://rel/", kind: Domain, port: -1, path: "/"},
	{base: pageBase, in: "", href: "https://example.com/dir/page.html?b=1", kind: Domain, port: -1, path: "/dir/page.html"},
	{base: pageBase, in: "data:x", href: "data:x", kind: NoHost, port: -1, path: "x"},
	{base: pageBase, in: "//", err: true},
	{base: pageBase, in: "//h:99999/", err: true},
	{base: "https://user:pw@example.com:8443/a/b", in: "c?d", href: "https://user:pw@example.com:8443/a/c?d", kind: Domain, port: 8443, path: "/a/c"},
	{base: "https://a/b/c", in: "https:foo", href: "https://a/b/foo", kind: Domain, port: -1, path: "/b/foo"},
	{base: "myapp://h/a/b", in: "//g/x", href: "myapp://g/x", kind: Opaque, port: -1, path: "/x"},
	{base: "myapp://h/a/b", in: "c", href: "myapp://h/a/c", kind: Opaque, port: -1, path: "/a/c"},
	{base: "foo:/a/b", in: "../../c", href: "foo:/c", kind: NoHost, port: -1, path: "/c"},
	{base: "foo:/a/b", in: ".//c", href: "foo:/a//c", kind: NoHost, port: -1, path: "/a//c"},
	{base: "foo:/a/b", in: "..//c", href: "foo:/.//c", kind: NoHost, port: -1, path: "//c"},
	{base: "data:text/plain,hi", in: "#frag", href: "data:text/plain,hi#frag", kind: NoHost, port: -1, path: "text/plain,hi"},
	{base: "data:text/plain,hi", in: "x", err: true},
	{base: "file:///C:/a/b", in: "/x", href: "file:///C:/x", kind: EmptyHost, port: -1, path: "/C:/x"},
	{base: "file:///C:/a/b", in: "..", href: "file:///C:/", kind: EmptyHost, port: -1, path: "/C:/"},
	{base: "file:///C:/a/b", in: "D|/x", href: "file:///D:/x", kind: EmptyHost, port: -1, path: "/D:/x"},
	{base: "file:///C:/a/b", in: "d:/x", href: "d:/x", kind: NoHost, port: -1, path: "/x"},
	{base: "file://host/a/b", in: "?q", href: "file://host/a/b?q", kind: Domain, port: -1, path: "/a/b"},
	{base: "file://host/a/b", in: "c", href: "file://host/a/c", kind: Domain, port: -1, path: "/a/c"},
	{base: "file://host/a/b", in: "//other/c", href: "file://other/c", kind: Domain, port: -1, path: "/c"},
}

// parseCase parses one table row.
func parseCase(c tcase) (URL, error) {
	if c.base == "" {
		return Parse(c.in)
	}
	b, err := Parse(c.base)
	if err != nil {
		return URL{}, err
	}
	return ParseRef(b, c.in)
}

func TestParseTable(t *testing.T) {
	require.GreaterOrEqual(t, len(handCases), 80)
	for _, c := range handCases {
		t.Run(c.base+" "+c.in, func(t *testing.T) {
			u, err := parseCase(c)
			if c.err {
				require.Error(t, err, "got %q", u.String())
				var e *Error
				require.True(t, errors.As(err, &e))
				assert.Equal(t, c.in, e.Input)
				assert.NotEmpty(t, e.Reason)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, c.href, u.String(), "href")
			assert.Equal(t, c.kind, u.HostKind, "host kind")
			assert.Equal(t, c.port, u.Port, "port")
			assert.Equal(t, c.path, u.Path, "path")
		})
	}
}

func TestFields(t *testing.T) {
	u, err := Parse("HTTPS://us%65r:p%40ss@Example.COM:8443/a/b?x=1&y#frag")
	require.NoError(t, err)
	assert.Equal(t, URL{
		Scheme: "https", Host: "example.com", HostKind: Domain, Port: 8443,
		Path: "/a/b", Query: "x=1&y", HasQuery: true, Fragment: "frag", HasFragment: true,
		Username: "us%65r", Password: "p%40ss",
	}, u)

	u, err = Parse("https://a/?#")
	require.NoError(t, err)
	assert.True(t, u.HasQuery)
	assert.True(t, u.HasFragment)
	assert.Empty(t, u.Query)
	assert.Empty(t, u.Fragment)

	u, err = Parse("https://a/")
	require.NoError(t, err)
	assert.False(t, u.HasQuery)
	assert.False(t, u.HasFragment)

	u, err = Parse("data:text/plain,hi")
	require.NoError(t, err)
	assert.True(t, u.OpaquePath)
	assert.Equal(t, NoHost, u.HostKind)
}

func TestErrorType(t *testing.T) {
	_, err := Parse("http://a b/")
	require.Error(t, err)
	assert.Equal(t, `urlx: parse "http://a b/": forbidden host code point ' '`, err.Error())

	_, err = Parse("https://a%25/")
	assert.Contains(t, err.Error(), "forbidden host code point '%'")

	_, err = Parse("noscheme")
	var e *Error
	require.True(t, errors.As(err, &e))
	assert.Equal(t, "missing scheme", e.Reason)
	assert.Nil(t, e.Unwrap())

	for in, reason := range map[string]string{
		"https://h:99999/":  "invalid port",
		"https://h:x/":      "invalid port",
		"http://1.2.3.256/": "invalid IPv4 address",
		"http://[::1:/":     "invalid IPv6 address",
	} {
		_, err = Parse(in)
		require.True(t, errors.As(err, &e), in)
		assert.Equal(t, reason, e.Reason, in)
	}

	_, err = Parse("https://xn--a.example/")
	require.True(t, errors.As(err, &e))
	assert.True(t, strings.HasPrefix(e.Reason, "IDNA: "), e.Reason)
	require.Error(t, e.Unwrap())
	var ie interface{ Error() string }
	assert.True(t, errors.As(err, &ie))

	b, _ := Parse("https://a/")
	_, err = ParseRef(b, "http://a b/")
	require.True(t, errors.As(err, &e))
	assert.Equal(t, "http://a b/", e.Input)
}

func TestParseRefZeroBase(t *testing.T) {
	_, err := ParseRef(URL{}, "/x")
	require.Error(t, err)
	u, err := ParseRef(URL{}, "https://a/x")
	require.NoError(t, err)
	assert.Equal(t, "https://a/x", u.String())
	// A hand-built, inconsistent base must not panic.
	for _, b := range []URL{
		{Scheme: "https", HostKind: Domain, Host: "h", Port: 70000, Path: "x"},
		{Scheme: "file", Path: "C:"},
		{Scheme: "foo", OpaquePath: true},
		{Scheme: "https", Path: "///"},
	} {
		for _, r := range []string{"", "a", "..", "?q", "#f", "/x", "//h/", "C:/x", "/C|", "https:x"} {
			assert.NotPanics(t, func() { _, _ = ParseRef(b, r) })
		}
	}
}

func TestOrigin(t *testing.T) {
	cases := []struct {
		in     string
		origin string
		opaque bool
	}{
		{"https://example.com/x", "https://example.com", false},
		{"HTTPS://EXAMPLE.COM:443/", "https://example.com", false},
		{"https://example.com:8443/", "https://example.com:8443", false},
		{"http://[::1]:81/", "http://[::1]:81", false},
		{"ws://a/", "ws://a", false},
		{"wss://a:444/", "wss://a:444", false},
		{"ftp://a/", "ftp://a", false},
		{"blob:https://a.example/uuid", "https://a.example", false},
		{"blob:http://a.example:81/uuid", "http://a.example:81", false},
		{"blob:null/x", "null", true},
		{"blob:data:x", "null", true},
		{"blob:file:///x", "null", true},
		{"blob:ws://a/", "null", true},
		{"blob:blob:https://a/", "null", true},
		{"file:///etc/x", "null", true},
		{"data:text/plain,hi", "null", true},
		{"myapp://host/x", "null", true},
		{"javascript:x", "null", true},
	}
	for _, c := range cases {
		u, err := Parse(c.in)
		require.NoError(t, err, c.in)
		o := u.Origin()
		assert.Equal(t, c.origin, o.String(), c.in)
		assert.Equal(t, c.opaque, o.Opaque, c.in)
		if o.Opaque {
			assert.Equal(t, Origin{Opaque: true}, o, c.in)
		}
		assert.Equal(t, !c.opaque, o.SameOrigin(o), c.in)
	}
	a, _ := Parse("https://example.com/a")
	b, _ := Parse("https://EXAMPLE.com:443/b?x")
	c, _ := Parse("http://example.com/")
	d, _ := Parse("blob:https://example.com/uuid")
	assert.True(t, a.Origin().SameOrigin(b.Origin()))
	assert.True(t, a.Origin().SameOrigin(d.Origin()))
	assert.False(t, a.Origin().SameOrigin(c.Origin()))
	assert.False(t, Origin{Opaque: true}.SameOrigin(Origin{Opaque: true}))
}

func TestSchemeHelpers(t *testing.T) {
	for s, p := range map[string]int{"http": 80, "https": 443, "ws": 80, "wss": 443, "ftp": 21, "file": -1, "data": -1, "gopher": -1, "": -1} {
		assert.Equal(t, p, DefaultPort(s), s)
	}
	for _, s := range []string{"http", "https", "ws", "wss", "ftp", "file"} {
		assert.True(t, IsSpecial(s), s)
		sp, file, def := schemeInfo([]byte(s))
		assert.True(t, sp)
		assert.Equal(t, s == "file", file)
		assert.Equal(t, DefaultPort(s), def)
	}
	for _, s := range []string{"data", "blob", "HTTP", "", "httpx"} {
		assert.False(t, IsSpecial(s), s)
	}
	assert.Equal(t, "Domain", Domain.String())
	assert.Equal(t, "HostKind(9)", HostKind(9).String())
}

func TestStringRoundTrip(t *testing.T) {
	for _, c := range handCases {
		u, err := parseCase(c)
		if err != nil {
			continue
		}
		v, err := Parse(u.String())
		require.NoError(t, err, u.String())
		assert.Equal(t, u, v, u.String())
	}
}

func TestForbiddenCodePoints(t *testing.T) {
	host := "\x00\t\n\r #/:<>?@[\\]^|"
	for c := 0; c < 256; c++ {
		b := byte(c)
		wantHost := strings.IndexByte(host, b) >= 0
		wantDomain := wantHost || b < 0x20 || b == '%' || b == 0x7f
		assert.Equal(t, wantHost, forbiddenHost(b), "host %#x", c)
		assert.Equal(t, wantDomain, forbiddenDomain(b), "domain %#x", c)
	}
}

func TestDecodedEqual(t *testing.T) {
	for _, tt := range []struct {
		x, y string
		want bool
	}{
		{"", "", true},
		{"a%20b", "a b", true},
		{"a%2fb", "a%2Fb", true},
		{"a%2Fb", "a/b", true},
		{"%zz", "%zz", true},
		{"%4", "%4", true},
		{"%41", "A", true},
		{"%41", "a", false},
		{"ab", "abc", false},
		{"abc", "ab", false},
		{"V1", "v1", false},
	} {
		assert.Equal(t, tt.want, DecodedEqual(tt.x, tt.y), "%q vs %q", tt.x, tt.y)
		assert.Equal(t, tt.want, DecodedEqual(tt.y, tt.x), "%q vs %q", tt.y, tt.x)
	}
}
