package source_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cspkit/cspkit/source"
)

// parseTest is one row of the Parse table. Fields left at their zero value
// are expected to be zero too: every accessor is checked on every row.
type parseTest struct {
	tok  string
	kind source.Kind

	scheme, host, port, path string
	portNum                  int
	portOK                   bool // PortNumber's ok
	portWild                 bool // PortWildcard
	hostWild                 bool // HostWildcard

	keyword, nonce, alg, digest string

	str string // want String(); "" means the token itself

	reason source.Reason // 0: no error
	pos    int
}

const thirtyDigits = "123456789012345678901234567890"

var parseTests = []parseTest{
	// 'none' and 'self', ASCII case-insensitive.
	{tok: "'none'", kind: source.None, keyword: "none"},
	{tok: "'NONE'", kind: source.None, keyword: "none", str: "'none'"},
	{tok: "'None'", kind: source.None, keyword: "none", str: "'none'"},
	{tok: "'self'", kind: source.Self, keyword: "self"},
	{tok: "'SELF'", kind: source.Self, keyword: "self", str: "'self'"},
	{tok: "'sElF'", kind: source.Self, keyword: "self", str: "'self'"},

	// Every other keyword-source.
	{tok: "'unsafe-inline'", kind: source.Keyword, keyword: "unsafe-inline"},
	{tok: "'Unsafe-Inline'", kind: source.Keyword, keyword: "unsafe-inline", str: "'unsafe-inline'"},
	{tok: "'UNSAFE-INLINE'", kind: source.Keyword, keyword: "unsafe-inline", str: "'unsafe-inline'"},
	{tok: "'unsafe-eval'", kind: source.Keyword, keyword: "unsafe-eval"},
	{tok: "'strict-dynamic'", kind: source.Keyword, keyword: "strict-dynamic"},
	{tok: "'Strict-Dynamic'", kind: source.Keyword, keyword: "strict-dynamic", str: "'strict-dynamic'"},
	{tok: "'unsafe-hashes'", kind: source.Keyword, keyword: "unsafe-hashes"},
	{tok: "'report-sample'", kind: source.Keyword, keyword: "report-sample"},
	{tok: "'unsafe-allow-redirects'", kind: source.Keyword, keyword: "unsafe-allow-redirects"},
	{tok: "'wasm-unsafe-eval'", kind: source.Keyword, keyword: "wasm-unsafe-eval"},
	{tok: "'trusted-types-eval'", kind: source.Keyword, keyword: "trusted-types-eval"},
	{tok: "'report-sha256'", kind: source.Keyword, keyword: "report-sha256"},
	{tok: "'report-sha384'", kind: source.Keyword, keyword: "report-sha384"},
	{tok: "'report-sha512'", kind: source.Keyword, keyword: "report-sha512"},
	{tok: "'REPORT-SHA512'", kind: source.Keyword, keyword: "report-sha512", str: "'report-sha512'"},
	{tok: "'unsafe-webtransport-hashes'", kind: source.Keyword, keyword: "unsafe-webtransport-hashes"},
	{tok: "'inline-speculation-rules'", kind: source.Keyword, keyword: "inline-speculation-rules"},

	// Broken quoted words.
	{tok: "'foo'", reason: source.UnknownKeyword, pos: 1},
	{tok: "'self", reason: source.MissingQuote, pos: 5},
	{tok: "'none", reason: source.MissingQuote, pos: 5},
	{tok: "'", reason: source.MissingQuote, pos: 1},
	{tok: "''", reason: source.UnknownKeyword, pos: 1},
	{tok: "'self''", reason: source.UnknownKeyword, pos: 1},
	{tok: "'self'x", reason: source.MissingQuote, pos: 7},
	{tok: "self'", reason: source.BadHostChar, pos: 4},
	{tok: `"self"`, reason: source.BadHostChar, pos: 0},
	{tok: "'unsafe_inline'", reason: source.UnknownKeyword, pos: 1},
	{tok: "'report-sha1'", reason: source.UnknownKeyword, pos: 1},
	{tok: "' self'", reason: source.UnknownKeyword, pos: 1},
	{tok: "'nonce'", reason: source.UnknownKeyword, pos: 1},

	// nonce-source: prefix case-insensitive, value verbatim.
	{tok: "'nonce-abc'", kind: source.Nonce, nonce: "abc"},
	{tok: "'NONCE-abc'", kind: source.Nonce, nonce: "abc", str: "'nonce-abc'"},
	{tok: "'Nonce-AbC+/_-=='", kind: source.Nonce, nonce: "AbC+/_-==", str: "'nonce-AbC+/_-=='"},
	{tok: "'nonce-abc='", kind: source.Nonce, nonce: "abc="},
	{tok: "'nonce-r4nd0m'", kind: source.Nonce, nonce: "r4nd0m"},
	{tok: "'nonce-'", reason: source.BadBase64, pos: 7},
	{tok: "'nonce-a=b'", reason: source.BadBase64, pos: 7},
	{tok: "'nonce-abc==='", reason: source.BadBase64, pos: 7},
	{tok: "'nonce-=='", reason: source.BadBase64, pos: 7},
	{tok: "'nonce-a.b'", reason: source.BadBase64, pos: 7},
	{tok: "'nonce-a'b'", reason: source.BadBase64, pos: 7},
	{tok: "'nonce-abc", reason: source.MissingQuote, pos: 10},
	{tok: "'nonce_abc'", reason: source.UnknownKeyword, pos: 1},

	// hash-source: algorithm case-insensitive, digest verbatim.
	{tok: "'sha256-abc='", kind: source.Hash, alg: "sha256", digest: "abc="},
	{tok: "'sha384-AbC/+=='", kind: source.Hash, alg: "sha384", digest: "AbC/+=="},
	{tok: "'sha512-x'", kind: source.Hash, alg: "sha512", digest: "x"},
	{tok: "'SHA256-AbC'", kind: source.Hash, alg: "sha256", digest: "AbC", str: "'sha256-AbC'"},
	{tok: "'Sha512-Q_-z'", kind: source.Hash, alg: "sha512", digest: "Q_-z", str: "'sha512-Q_-z'"},
	{
		tok:  "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='",
		kind: source.Hash, alg: "sha256", digest: "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=",
	},
	{tok: "'sha1-abc'", reason: source.UnknownKeyword, pos: 1},
	{tok: "'sha224-abc'", reason: source.UnknownKeyword, pos: 1},
	{tok: "'sha256abc'", reason: source.UnknownKeyword, pos: 1},
	{tok: "'sha256_abc'", reason: source.UnknownKeyword, pos: 1},
	{tok: "'sha256-'", reason: source.BadBase64, pos: 8},
	{tok: "'sha256-a=b'", reason: source.BadBase64, pos: 8},
	{tok: "'sha256-abc==='", reason: source.BadBase64, pos: 8},
	{tok: "'sha384-ab!c'", reason: source.BadBase64, pos: 8},

	// The lone wildcard.
	{tok: "*", kind: source.Wildcard, str: "*"},
	{tok: "**", reason: source.BadWildcard, pos: 1},
	{tok: "*.", reason: source.EmptyLabel, pos: 2},

	// scheme-source.
	{tok: "https:", kind: source.Scheme, scheme: "https"},
	{tok: "HTTPS:", kind: source.Scheme, scheme: "https", str: "https:"},
	{tok: "data:", kind: source.Scheme, scheme: "data"},
	{tok: "blob:", kind: source.Scheme, scheme: "blob"},
	{tok: "ws:", kind: source.Scheme, scheme: "ws"},
	{tok: "a:", kind: source.Scheme, scheme: "a"},
	{tok: "custom.scheme+x:", kind: source.Scheme, scheme: "custom.scheme+x"},
	{tok: "Web+App-1:", kind: source.Scheme, scheme: "web+app-1", str: "web+app-1:"},
	{tok: "example.com:", kind: source.Scheme, scheme: "example.com"}, // a scheme-source by the grammar
	{tok: "1http:", reason: source.BadPort, pos: 6},
	{tok: ":", reason: source.EmptyLabel, pos: 0},
	{tok: "+x:", reason: source.BadHostChar, pos: 0},
	{tok: "http_s:", reason: source.BadHostChar, pos: 4},

	// host-source: host-part.
	{tok: "example.com", kind: source.Host, host: "example.com"},
	{tok: "EXAMPLE.COM", kind: source.Host, host: "example.com", str: "example.com"},
	{tok: "localhost", kind: source.Host, host: "localhost"},
	{tok: "a", kind: source.Host, host: "a"},
	{tok: "-a-.b-c.d9", kind: source.Host, host: "-a-.b-c.d9"},
	{tok: "xn--tdaaaaaa.de", kind: source.Host, host: "xn--tdaaaaaa.de"},
	{tok: "127.0.0.1", kind: source.Host, host: "127.0.0.1"},
	{tok: "https://example.com", kind: source.Host, scheme: "https", host: "example.com"},
	{tok: "http://localhost", kind: source.Host, scheme: "http", host: "localhost"},
	{tok: "*.example.com", kind: source.Host, host: "*.example.com", hostWild: true},
	{tok: "*.EXAMPLE.com", kind: source.Host, host: "*.example.com", hostWild: true, str: "*.example.com"},
	{tok: "https://*.example.com", kind: source.Host, scheme: "https", host: "*.example.com", hostWild: true},
	{tok: "https://*", kind: source.Host, scheme: "https", host: "*"},
	{tok: "*:8080", kind: source.Host, host: "*", port: "8080", portNum: 8080, portOK: true},
	{tok: "*/path", kind: source.Host, host: "*", path: "/path"},
	{tok: "*:*", kind: source.Host, host: "*", port: "*", portWild: true},
	{tok: "example.com.", kind: source.Host, host: "example.com."},
	{tok: "a.:80", kind: source.Host, host: "a.", port: "80", portNum: 80, portOK: true},
	{tok: "https://example.com.:443/", kind: source.Host, scheme: "https", host: "example.com.", port: "443", portNum: 443, portOK: true, path: "/"},
	{tok: "*example.com", reason: source.BadWildcard, pos: 1},
	{tok: "*.*.example.com", reason: source.BadHostChar, pos: 2},
	{tok: "https://*.", reason: source.EmptyLabel, pos: 10},
	{tok: "https://*.*.example.com", reason: source.BadHostChar, pos: 10},
	{tok: "*.:80", reason: source.EmptyLabel, pos: 2},
	{tok: "a.*", reason: source.BadHostChar, pos: 2},
	{tok: "example.com..", reason: source.EmptyLabel, pos: 12},
	{tok: ".example.com", reason: source.EmptyLabel, pos: 0},
	{tok: "a..b", reason: source.EmptyLabel, pos: 2},
	{tok: "exa_mple.com", reason: source.BadHostChar, pos: 3},
	{tok: "https://exa_mple.com", reason: source.BadHostChar, pos: 11},
	{tok: "a%20b.com", reason: source.BadHostChar, pos: 1},
	{tok: "example.com\x00", reason: source.BadHostChar, pos: 11},
	{tok: "https://[::1]", reason: source.IPv6Host, pos: 8},
	{tok: "[::1]:80", reason: source.IPv6Host, pos: 0},
	{tok: "user@host", reason: source.Userinfo, pos: 4},
	{tok: "https://user@example.com", reason: source.Userinfo, pos: 12},
	{tok: "user:pw@host", reason: source.Userinfo, pos: 7},
	{tok: "https://user:pw@example.com/", reason: source.Userinfo, pos: 15},
	{tok: "https://", reason: source.EmptyHost, pos: 8},
	{tok: "", reason: source.EmptyHost, pos: 0},
	{tok: "https:///x", reason: source.EmptyLabel, pos: 8},
	{tok: "//x", reason: source.EmptyLabel, pos: 0},
	{tok: "/path", reason: source.EmptyLabel, pos: 0},

	// port-part: digits as written, or "*".
	{tok: "host:*", kind: source.Host, host: "host", port: "*", portWild: true},
	{tok: "host:080", kind: source.Host, host: "host", port: "080", portNum: 80, portOK: true},
	{tok: "host:0", kind: source.Host, host: "host", port: "0", portNum: 0, portOK: true},
	{tok: "host:65535", kind: source.Host, host: "host", port: "65535", portNum: 65535, portOK: true},
	{tok: "host:65536", kind: source.Host, host: "host", port: "65536"},
	{tok: "host:99999", kind: source.Host, host: "host", port: "99999"},
	{tok: "host:" + thirtyDigits, kind: source.Host, host: "host", port: thirtyDigits},
	{tok: "a:1", kind: source.Host, host: "a", port: "1", portNum: 1, portOK: true},
	{tok: "http:80", kind: source.Host, host: "http", port: "80", portNum: 80, portOK: true},
	{tok: "http:*", kind: source.Host, host: "http", port: "*", portWild: true},
	{tok: "https://example.com:443", kind: source.Host, scheme: "https", host: "example.com", port: "443", portNum: 443, portOK: true},
	{tok: "wss://*.example.com:443", kind: source.Host, scheme: "wss", host: "*.example.com", hostWild: true, port: "443", portNum: 443, portOK: true},
	{tok: "host:", kind: source.Scheme, scheme: "host"}, // a scheme-source, like example.com:
	{tok: "host:/", reason: source.BadPort, pos: 5},
	{tok: "host:abc", reason: source.BadPort, pos: 5},
	{tok: "host:8a", reason: source.BadPort, pos: 5},
	{tok: "host:-1", reason: source.BadPort, pos: 5},
	{tok: "host:**", reason: source.BadPort, pos: 5},
	{tok: "host:80:90", reason: source.BadPort, pos: 5},
	{tok: "https://example.com:", reason: source.BadPort, pos: 20},
	{tok: "https://example.com:abc", reason: source.BadPort, pos: 20},
	{tok: "http:/x", reason: source.BadPort, pos: 5},
	{tok: "example.com:443?x=1", reason: source.HasQuery, pos: 15},
	{tok: "example.com:*#f", reason: source.HasFragment, pos: 13},
	{tok: "example.com:?x", reason: source.BadPort, pos: 12},

	// path-part: kept as written.
	{tok: "example.com/", kind: source.Host, host: "example.com", path: "/"},
	{tok: "example.com/a/b/", kind: source.Host, host: "example.com", path: "/a/b/"},
	{tok: "example.com/a%20b", kind: source.Host, host: "example.com", path: "/a%20b"},
	{tok: "example.com/%2F%2c%3B", kind: source.Host, host: "example.com", path: "/%2F%2c%3B"},
	{tok: "example.com/A/B", kind: source.Host, host: "example.com", path: "/A/B"},
	{tok: "example.com/a:b@c!$&'()*+=~._-", kind: source.Host, host: "example.com", path: "/a:b@c!$&'()*+=~._-"},
	{tok: "https://example.com:8443/api/v1", kind: source.Host, scheme: "https", host: "example.com", port: "8443", portNum: 8443, portOK: true, path: "/api/v1"},
	{tok: "ws://chat.example.com:*/socket", kind: source.Host, scheme: "ws", host: "chat.example.com", port: "*", portWild: true, path: "/socket"},
	{
		tok:  "HTTPS://API.Example.COM:443/Path/",
		kind: source.Host, scheme: "https", host: "api.example.com", port: "443", portNum: 443, portOK: true, path: "/Path/",
		str: "https://api.example.com:443/Path/",
	},
	{tok: "example.com/a%zz", reason: source.BadPercent, pos: 13},
	{tok: "example.com/a%2", reason: source.BadPercent, pos: 13},
	{tok: "example.com/a%", reason: source.BadPercent, pos: 13},
	{tok: "example.com/%g0", reason: source.BadPercent, pos: 12},
	{tok: "example.com:443/a%2", reason: source.BadPercent, pos: 17},
	{tok: "example.com//x", reason: source.BadPath, pos: 12},
	{tok: "https://example.com//", reason: source.BadPath, pos: 20},
	{tok: "example.com/a?x=1", reason: source.HasQuery, pos: 13},
	{tok: "example.com?x=1", reason: source.HasQuery, pos: 11},
	{tok: "example.com/a#f", reason: source.HasFragment, pos: 13},
	{tok: "example.com#f", reason: source.HasFragment, pos: 11},
	{tok: `example.com/a"b`, reason: source.BadPathChar, pos: 13},
	{tok: "example.com/a<b", reason: source.BadPathChar, pos: 13},
	{tok: "example.com/a;b", reason: source.BadPathChar, pos: 13},
	{tok: "example.com/a,b", reason: source.BadPathChar, pos: 13},
	{tok: `example.com/a\b`, reason: source.BadPathChar, pos: 13},
	{tok: "example.com/a b", reason: source.BadPathChar, pos: 13},

	// Non-ASCII anywhere: Pos is the first byte above 0x7F.
	{tok: "üüü.de", reason: source.NonASCII, pos: 0},
	{tok: "üüüüüü.de", reason: source.NonASCII, pos: 0},
	{tok: "https://exä.com", reason: source.NonASCII, pos: 10},
	{tok: "example.com/ü", reason: source.NonASCII, pos: 12},
	{tok: "'nonce-ü'", reason: source.NonASCII, pos: 7},
	{tok: "a\u00a0b", reason: source.NonASCII, pos: 1},
	{tok: "\xff", reason: source.NonASCII, pos: 0},
}

func TestParseTableSize(t *testing.T) {
	assert.GreaterOrEqual(t, len(parseTests), 120)
	seen := map[string]bool{}
	for _, tt := range parseTests {
		assert.False(t, seen[tt.tok], "duplicate row %q", tt.tok)
		seen[tt.tok] = true
	}
}

func TestParse(t *testing.T) {
	for _, tt := range parseTests {
		t.Run(tt.tok, func(t *testing.T) {
			e, err := source.Parse(tt.tok)

			wantStr := tt.str
			if wantStr == "" {
				wantStr = tt.tok
			}
			if tt.reason == 0 {
				require.NoError(t, err)
				require.NotEqual(t, source.Invalid, tt.kind, "bad row: valid rows need a kind")
			} else {
				require.Error(t, err)
				var se *source.Error
				require.ErrorAs(t, err, &se)
				assert.Equal(t, tt.reason, se.Reason, "Reason is %v", se.Reason)
				assert.Equal(t, tt.pos, se.Pos, "Pos")
				assert.Equal(t, tt.tok, se.Token)
				assert.Equal(t, 0, se.Offset)
				assert.Equal(t, source.Invalid, tt.kind, "bad row: invalid rows have kind Invalid")
				assert.LessOrEqual(t, se.Pos, len(tt.tok))
			}

			assert.Equal(t, tt.kind, e.Kind(), "Kind")
			assert.Equal(t, tt.scheme, e.Scheme(), "Scheme")
			assert.Equal(t, tt.host, e.Host(), "Host")
			assert.Equal(t, tt.hostWild, e.HostWildcard(), "HostWildcard")
			assert.Equal(t, tt.port, e.Port(), "Port")
			n, ok := e.PortNumber()
			assert.Equal(t, tt.portNum, n, "PortNumber")
			assert.Equal(t, tt.portOK, ok, "PortNumber ok")
			assert.Equal(t, tt.portWild, e.PortWildcard(), "PortWildcard")
			assert.Equal(t, tt.path, e.Path(), "Path")
			assert.Equal(t, tt.keyword, e.Keyword(), "Keyword")
			assert.Equal(t, tt.nonce, e.Nonce(), "Nonce")
			alg, digest := e.Hash()
			assert.Equal(t, tt.alg, alg, "Hash alg")
			assert.Equal(t, tt.digest, digest, "Hash digest")
			assert.Equal(t, wantStr, e.String(), "String")
			assert.Equal(t, tt.tok == "", e.IsZero(), "IsZero")

			switch tt.kind {
			case source.Wildcard, source.Scheme, source.Host, source.Self:
				assert.True(t, e.CanMatchURL())
			default:
				assert.False(t, e.CanMatchURL())
			}
		})
	}
}

// TestRoundTrip checks that printing and re-parsing gives an identical
// Expression, for valid and invalid tokens alike, and that AppendTo agrees
// with String.
func TestRoundTrip(t *testing.T) {
	for _, tt := range parseTests {
		e, err := source.Parse(tt.tok)
		s := e.String()
		again, err2 := source.Parse(s)
		assert.Equal(t, e, again, "Parse(%q) = %#v", s, again)
		assert.True(t, e == again, "Parse(%q) != Parse(%q)", s, tt.tok)
		assert.Equal(t, err == nil, err2 == nil, "error status differs for %q and %q", tt.tok, s)
		assert.Equal(t, s, string(e.AppendTo(nil)), "AppendTo(nil) for %q", tt.tok)
		prefix := []byte("x ")
		assert.Equal(t, "x "+s, string(e.AppendTo(prefix)), "AppendTo(prefix) for %q", tt.tok)
		if err == nil {
			assert.Equal(t, s, again.String(), "String is not canonical for %q", tt.tok)
			assert.Equal(t, strings.ToLower(e.Scheme()), e.Scheme())
			assert.Equal(t, strings.ToLower(e.Host()), e.Host())
		}
	}
}

// TestEqualIffSameString checks the documented property that expressions
// are == exactly when they print the same.
func TestEqualIffSameString(t *testing.T) {
	var exprs []source.Expression
	for _, tt := range parseTests {
		e, _ := source.Parse(tt.tok)
		exprs = append(exprs, e)
	}
	for _, a := range exprs {
		for _, b := range exprs {
			assert.Equal(t, a.String() == b.String(), a == b, "%q vs %q", a, b)
		}
	}
}

func TestZeroExpression(t *testing.T) {
	var e source.Expression
	assert.True(t, e.IsZero())
	assert.Equal(t, source.Invalid, e.Kind())
	assert.Equal(t, "", e.String())
	assert.Empty(t, e.AppendTo(nil))
	assert.False(t, e.CanMatchURL())
	_, ok := e.PortNumber()
	assert.False(t, ok)

	p, err := source.Parse("")
	assert.Equal(t, e, p)
	assert.Error(t, err)

	assert.False(t, source.MustParse("*").IsZero())
}

func TestMustParse(t *testing.T) {
	assert.Equal(t, source.Self, source.MustParse("'self'").Kind())
	assert.Equal(t, "https://a.example", source.MustParse("HTTPS://A.example").String())
	assert.Panics(t, func() { source.MustParse("'self") })
	assert.Panics(t, func() { source.MustParse("") })
	assert.PanicsWithError(t,
		`source: invalid expression "exa_mple.com": character not allowed in a host ("_" at byte 3)`,
		func() { source.MustParse("exa_mple.com") })
}

func TestIsSpace(t *testing.T) {
	for c := 0; c < 256; c++ {
		want := c == '\t' || c == '\n' || c == '\f' || c == '\r' || c == ' '
		assert.Equal(t, want, source.IsSpace(byte(c)), "IsSpace(%#x)", c)
	}
}

func TestKindString(t *testing.T) {
	want := map[source.Kind]string{
		source.Invalid:  "invalid",
		source.None:     "none",
		source.Self:     "self",
		source.Wildcard: "wildcard",
		source.Scheme:   "scheme",
		source.Host:     "host",
		source.Keyword:  "keyword",
		source.Nonce:    "nonce",
		source.Hash:     "hash",
		source.Hash + 1: "Kind(9)",
		200:             "Kind(200)",
		255:             "Kind(255)",
	}
	for k, s := range want {
		assert.Equal(t, s, k.String())
	}
}

func TestReasonString(t *testing.T) {
	want := map[source.Reason]string{
		0:                         "Reason(0)",
		source.NonASCII:           "non-ASCII character",
		source.MissingQuote:       "missing closing quote",
		source.UnknownKeyword:     "unknown keyword",
		source.BadBase64:          "value is not base64",
		source.EmptyHost:          "missing host",
		source.BadWildcard:        `wildcard "*" must stand alone or be followed by "."`,
		source.EmptyLabel:         "empty label in host",
		source.BadHostChar:        "character not allowed in a host",
		source.IPv6Host:           "IPv6 addresses cannot be written in a source expression",
		source.Userinfo:           "user information is not allowed",
		source.BadPort:            `port must be digits or "*"`,
		source.BadPath:            `path must not start with "//"`,
		source.BadPathChar:        "character not allowed in a path",
		source.BadPercent:         `"%" not followed by two hex digits`,
		source.HasQuery:           "query not allowed in a source expression",
		source.HasFragment:        "fragment not allowed in a source expression",
		source.NoneWithOthers:     "'none' has no effect unless it is the only expression",
		source.NoneWithOthers + 1: "Reason(18)",
		255:                       "Reason(255)",
	}
	for r, s := range want {
		assert.Equal(t, s, r.String())
	}
	// Every reason up to NoneWithOthers has its own text.
	seen := map[string]source.Reason{}
	for r := source.NonASCII; r <= source.NoneWithOthers; r++ {
		s := r.String()
		assert.NotContains(t, s, "Reason(")
		_, dup := seen[s]
		assert.False(t, dup, "reason text %q used twice", s)
		seen[s] = r
	}
}

func TestErrorMessage(t *testing.T) {
	tests := []struct {
		tok  string
		want string
	}{
		{"exa_mple.com", `source: invalid expression "exa_mple.com": character not allowed in a host ("_" at byte 3)`},
		{"'self", `source: invalid expression "'self": missing closing quote`},
		{"'foo'", `source: invalid expression "'foo'": unknown keyword`},
		{"'nonce-a=b'", `source: invalid expression "'nonce-a=b'": value is not base64`},
		{"https://", `source: invalid expression "https://": missing host`},
		{"üüü.de", `source: invalid expression "üüü.de": non-ASCII character ("ü" at byte 0)`},
		{"\xff", `source: invalid expression "\xff": non-ASCII character ("\xff" at byte 0)`},
		{"host:8a", `source: invalid expression "host:8a": port must be digits or "*" ("8" at byte 5)`},
		{"example.com/a?x=1", `source: invalid expression "example.com/a?x=1": query not allowed in a source expression ("?" at byte 13)`},
		{"*example.com", `source: invalid expression "*example.com": wildcard "*" must stand alone or be followed by "." ("e" at byte 1)`},
		{"https://[::1]", `source: invalid expression "https://[::1]": IPv6 addresses cannot be written in a source expression ("[" at byte 8)`},
	}
	for _, tt := range tests {
		_, err := source.Parse(tt.tok)
		require.Error(t, err, tt.tok)
		assert.Equal(t, tt.want, err.Error())
	}

	// Hand-built errors: NoneWithOthers ignores the token, and a Pos at or
	// past the end of the token adds no pointer.
	assert.Equal(t, "source: 'none' has no effect unless it is the only expression",
		(&source.Error{Token: "'none'", Offset: 3, Reason: source.NoneWithOthers}).Error())
	assert.Equal(t, `source: invalid expression "ab": missing host`,
		(&source.Error{Token: "ab", Pos: 2, Reason: source.EmptyHost}).Error())
	assert.Equal(t, `source: invalid expression "a": Reason(99) ("a" at byte 0)`,
		(&source.Error{Token: "a", Reason: 99}).Error())
}

func TestErrorIsComparableByFields(t *testing.T) {
	_, err := source.Parse("https://exa_mple.com")
	var se *source.Error
	require.True(t, errors.As(err, &se))
	assert.Equal(t, source.Error{Token: "https://exa_mple.com", Pos: 11, Reason: source.BadHostChar}, *se)
}
