package urlx

import (
	"reflect"
	"strings"
	"testing"

	"github.com/cspkit/cspkit/internal/lineartest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// fastCases sit on the boundaries of the fast path: each says whether the
// fast path takes the input (fast) or leaves it to the full parser.
var fastCases = []struct {
	in   string
	fast bool
}{
	// schemes
	{"http://a/", true}, {"https://a/", true}, {"ws://a/", true}, {"wss://a/", true},
	{"ftp://a/", false}, {"file://a/", false}, {"HTTP://a/", false}, {"Https://a/", false},
	{"httpx://a/", false}, {"http:/a/", false}, {"http:a", false}, {"http:\\\\a/", false},
	{"http:///a/", false}, {"https:/\\a", false}, {"http://", false}, {"https:", false},
	{"myapp://a/", false}, {"data:text/plain,x", false}, {"", false}, {"h", false},
	// hosts
	{"https://a.b-c_d.e9/", true}, {"https://-a-/", true}, {"https://a..b/", true}, {"https://./", true},
	{"https://../", true}, {"https://a./", true}, {"https://example.com./", true}, {"https://a.b2/", true},
	{"https://axn--b/", true}, {"https://xn-a/", true}, {"https://x/", true}, {"https://a.xn-/", true},
	{"https://A.com/", false}, {"https://a.Com/", false}, {"https://xn--bcher-kva.example/", false},
	{"https://a.xn--b/", false}, {"https://xn--/", false}, {"https://XN--a/", false}, {"https://a.b.1/", false},
	{"https://a.b.1./", false}, {"https://1a/", false}, {"https://a.0x/", false}, {"https://0x7f000001/", false},
	{"https://1.2.3.4/", true}, {"https://a.9z/", false}, {"https://a%41/", false}, {"https://bücher/", false},
	{"https://a b/", false}, {"https://[::1]/", false}, {"https://u@a/", false}, {"https://u:p@a/", false},
	{"https://@a/", false}, {"https://a@/", false}, {"https://a!/", false}, {"https://a~b/", false},
	{"https://a*b/", false}, {"https://a\\b", false}, {"https://a\x7f/", false}, {"https://a\x00/", false},
	{"http://127.0.0.1:8080/", true}, {"http://0.0.0.0/", true}, {"http://255.255.255.255/", true},
	{"http://10.0.0.1", true}, {"http://1.2.3.4./", false}, {"http://01.2.3.4/", false}, {"http://1.2.3.04/", false},
	{"http://1.2.3.256/", false}, {"http://1.2.3/", false}, {"http://1.2.3.4.5/", false}, {"http://1..2.3/", false},
	{"http://0x1.2.3.4/", false}, {"http://a.1.2.3/", false}, {"http://1.2.3.4a/", false}, {"http://.1.2.3.4/", false},
	{"http://1000.2.3.4/", false}, {"http://1.2.3.0x4/", false}, {"http://2130706433/", false}, {"http://0/", false},
	// ports
	{"https://a:1/", true}, {"https://a:0/", true}, {"https://a:80/", true}, {"http://a:443/", true},
	{"https://a:65535/", true}, {"wss://a:80/", true}, {"ws://a:443/", true}, {"http://a:8080", true},
	{"https://a:/", false}, {"https://a:", false}, {"https://a:08/", false}, {"https://a:00/", false},
	{"https://a:443/", false}, {"http://a:80/", false}, {"wss://a:443/", false}, {"ws://a:80/", false},
	{"https://a:65536/", false}, {"https://a:99999999/", false}, {"https://a:000443/", false},
	{"https://a:1x/", false}, {"https://a:1:2/", false}, {"https://a:-1/", false}, {"https://a:+1/", false},
	// an empty path
	{"https://a", true}, {"https://a?q", true}, {"https://a#f", true}, {"https://a:81?q#f", true},
	{"https://a\\", false}, {"https://a\\b/", false},
	// cleaning the input
	{"https://a/\t", false}, {" https://a/", false}, {"https://a/ ", false}, {"https://a/\n", false},
	{"https://a/b\rc", false}, {"\x01https://a/", false},
	// paths
	{"https://a//", true}, {"https://a/.well-known/x", true}, {"https://a/.htaccess", true},
	{"https://a/b.c/d", true}, {"https://a/%20x%20/x%2Fy", true}, {"https://a/~!$&'()*+,;=:@|[]", true},
	{"https://a/%2e%2e%2e%2", true}, {"https://a/a./b..", true}, {"https://a/.b", false},
	{"https://a/./", false}, {"https://a/../", false}, {"https://a/.", false}, {"https://a/..", false},
	{"https://a/%2e/", false}, {"https://a/%2E%2e", false}, {"https://a/.%2e?", false}, {"https://a/%2e.#", false},
	{"https://a/...", false}, {"https://a/.js", false}, {"https://a/%20", false}, {"https://a/%zz", false},
	{"https://a/b\\c", false}, {"https://a/b^c", false}, {"https://a/b c", false}, {"https://a/{}", false},
	{"https://a/`", false}, {"https://a/\"", false}, {"https://a/<>", false}, {"https://a/ü", false},
	{"https://a/\x7f", false}, {"https://a/\xff", false},
	// queries
	{"https://a/?", true}, {"https://a/?a=b&c=d?e", true}, {"https://a/??#", true}, {"https://a/?`{}^|\\%zz", true},
	{"https://a/?'", false}, {"https://a/?\"", false}, {"https://a/?<", false}, {"https://a/?>", false},
	{"https://a/?a b", false}, {"https://a/?ü", false},
	// fragments
	{"https://a/#", true}, {"https://a/##", true}, {"https://a/#?x", true}, {"https://a/#{}^|\\'%", true},
	{"https://a/#`", false}, {"https://a/#\"", false}, {"https://a/#<", false}, {"https://a/#>", false},
	{"https://a/# ", false}, {"https://a/#ü", false},
}

// fastBases are base URLs for the references of the fast path.
var fastBases = []string{
	"https://example.com/dir/page.html?b=1#top", "http://u:p@h:8080/a/b/c", "https://u@h/", "https://:p@h/",
	"wss://[::1]:81/x/", "http://1.2.3.4/", "ws://h/", "ftp://h/", "file:///C:/a/b", "file://host/a/b",
	"myapp://h/a/b", "foo:/a/b", "data:text/plain,x", "HTTPS://H/",
}

// fastRefs are references, relative to one of fastBases, on the
// boundaries of the fast path.
var fastRefs = []string{
	"/", "/a/b?c#d", "/a//b", "/.well-known", "/./", "/..", "/%2e", "/a b", "/ü", "/\\a", "/?q", "/#f",
	"//a/b", "//a", "//a?q", "//a:80/", "//a:443", "//a:8443/p", "//A/", "//1.2.3.4/", "//u@a/", "//", "///a",
	"//\\a", "a/b", "../x", "?q", "#f", "", ".", "https://a/", "https:a", "http://a/", "\\a", " /a",
}

func TestFastPathBoundaries(t *testing.T) {
	for _, c := range fastCases {
		var u URL
		ok := parseFast(c.in, nil, &u)
		assert.Equal(t, c.fast, ok, "fast path taken for %+q", c.in)
		requireSameAsFull(t, nil, c.in)
	}
	for _, b := range fastBases {
		base, err := parseFull(b, nil)
		require.NoError(t, err, b)
		for _, r := range fastRefs {
			requireSameAsFull(t, &base, r)
		}
	}
}

func TestFastPathReferences(t *testing.T) {
	page, err := Parse("https://example.com/app/")
	require.NoError(t, err)
	for _, c := range []struct {
		base URL
		ref  string
		fast bool
	}{
		{page, "/api/items", true},
		{page, "/", true},
		{page, "//cdn.example.net/lib.js", true},
		{page, "//cdn.example.net", true},
		{page, "https://cdn.example.net/lib.js", true},
		{page, "api/items", false},
		{page, "/a/../b", false},
		{URL{Scheme: "https", Host: "h", HostKind: Domain, Port: 443, Path: "/"}, "/x", true},
		{URL{Scheme: "https", Host: "h", HostKind: Domain, Port: 70000, Path: "/"}, "/x", true},
		{URL{Scheme: "https", Host: "h", HostKind: Domain, Port: 8443, Username: "u", Password: "p", Path: "/"}, "/x", true},
		{URL{Scheme: "https", Host: "h", HostKind: NoHost, Port: -1, Path: "/"}, "/x", false},
		{URL{Scheme: "https", Host: "h", HostKind: Domain, Port: -1, OpaquePath: true}, "/x", false},
		{URL{Scheme: "ftp", Host: "h", HostKind: Domain, Port: -1, Path: "/"}, "/x", false},
		{URL{Scheme: "HTTPS", Host: "h", HostKind: Domain, Port: -1, Path: "/"}, "/x", false},
	} {
		var u URL
		ok := parseFast(c.ref, &c.base, &u)
		assert.Equal(t, c.fast, ok, "fast path taken for %+q against %#v", c.ref, c.base)
		requireSameAsFull(t, &c.base, c.ref)
	}
}

// TestFastPathMaxLength checks the length limit on the href the fast
// path builds, which can be longer than its input: each reference below
// gives an href of n bytes.
func TestFastPathMaxLength(t *testing.T) {
	page, err := Parse("https://example.com/app/")
	require.NoError(t, err)
	for _, c := range []struct {
		name string
		base *URL
		ref  func(n int) string
	}{
		{"absolute", nil, func(n int) string { return "https://" + strings.Repeat("a", n-9) + "/" }},
		{"absolute, / added", nil, func(n int) string { return "https://" + strings.Repeat("a", n-9) }},
		{"path-absolute", &page, func(n int) string { return "/" + strings.Repeat("b", n-20) }},
		{"scheme-relative, / added", &page, func(n int) string { return "//" + strings.Repeat("c", n-9) }},
	} {
		for _, n := range []int{MaxLength - 1, MaxLength, MaxLength + 1} {
			ref := c.ref(n)
			requireSameAsFull(t, c.base, ref)
			var u URL
			if c.base == nil {
				u, err = Parse(ref)
			} else {
				u, err = ParseRef(*c.base, ref)
			}
			if n > MaxLength {
				assert.Error(t, err, "%s, href of %d bytes", c.name, n)
			} else if assert.NoError(t, err, "%s, href of %d bytes", c.name, n) {
				assert.Len(t, u.String(), n, c.name)
			}
		}
	}
}

// requireSameAsFull fails t unless parse gives exactly what the full
// parser gives for in (against base when non-nil), error included.
func requireSameAsFull(t testing.TB, base *URL, in string) {
	t.Helper()
	var got URL
	var gotErr error
	if base == nil {
		got, gotErr = Parse(in)
	} else {
		got, gotErr = ParseRef(*base, in)
		if base.Scheme == "" {
			base = nil
		}
	}
	want, wantErr := parseFull(in, base)
	if got != want || !reflect.DeepEqual(gotErr, wantErr) {
		b := "<nil>"
		if base != nil {
			b = base.String()
		}
		t.Fatalf("parse(%s, base %s):\n got %#v, %v\nwant %#v, %v", QuoteInput(in), QuoteInput(b), got, gotErr, want, wantErr)
	}
}

// FuzzFastPath checks that parsing with the fast path gives exactly what
// the full parser gives, for absolute URLs and for references against a
// parsed base whose port (when port is not 0) and host kind (when kind is
// not 0, as kind-1) may be changed to what no parse gives.
func FuzzFastPath(f *testing.F) {
	for _, c := range fastCases {
		f.Add("", c.in, 0, uint8(0))
	}
	for _, b := range fastBases {
		for _, r := range fastRefs {
			f.Add(b, r, 0, uint8(0))
		}
	}
	for _, port := range []int{-2, -1, 80, 443, 65535, 65536} {
		f.Add("https://u:p@h:8443/x", "/y?z", port, uint8(0))
		f.Add("ws://h/", "/y#z", port, uint8(0))
	}
	for kind := range EmptyHost + 1 {
		f.Add("https://h/x", "/y", 0, uint8(kind)+1)
	}
	f.Fuzz(func(t *testing.T, base, in string, port int, kind uint8) {
		requireSameAsFull(t, nil, in)
		if base == "" {
			return
		}
		b, err := parseFull(base, nil)
		if err != nil {
			return
		}
		if port != 0 {
			b.Port = port
		}
		if kind != 0 {
			b.HostKind = HostKind(kind - 1)
		}
		requireSameAsFull(t, &b, in)
	})
}

// TestFastPathLinear checks that the fast path, and the full parser
// after it when the fast path gives up at the end of the input, cost
// time and memory linear in the length of the URL, at two sizes 10x
// apart.
func TestFastPathLinear(t *testing.T) {
	page, err := Parse("https://example.com/app/")
	require.NoError(t, err)
	tests := []struct {
		name  string
		n     int
		build func(n int) string
		base  *URL
	}{
		{"long host", 1000, func(n int) string { return "https://" + strings.Repeat("a", n) + ".example/" }, nil},
		{"many labels", 500, func(n int) string { return "https://" + strings.Repeat("xn-a.", n) + "example/" }, nil},
		{"many IPv4-like labels", 500, func(n int) string { return "https://" + strings.Repeat("1.", n) + "2/" }, nil},
		{"many segments", 500, func(n int) string { return "https://example.com" + strings.Repeat("/ab", n) }, nil},
		{"long query and fragment", 1000, func(n int) string {
			return "https://example.com/?" + strings.Repeat("a=b&", n) + "#" + strings.Repeat("f", n)
		}, nil},
		{"given up at the end", 1000, func(n int) string { return "https://example.com" + strings.Repeat("/ab", n) + " " }, nil},
		{"path-absolute reference", 500, func(n int) string { return strings.Repeat("/ab", n) + "?q" }, &page},
		{"scheme-relative reference", 1000, func(n int) string { return "//" + strings.Repeat("a", n) + ".example/x" }, &page},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lineartest.Check(t, tt.n, 10, tt.build, func(s string) any {
				if tt.base != nil {
					u, err := ParseRef(*tt.base, s)
					return []any{u, err}
				}
				u, err := Parse(s)
				return []any{u, err}
			})
		})
	}
}
