package match_test

import (
	"crypto/sha256"
	"crypto/sha512"
	"encoding/base64"
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cspkit/cspkit/csp"
	"github.com/cspkit/cspkit/match"
)

const inlinePage = "https://example.com/app"

// sha256Of returns the base64 SHA-256 digest of s, padded.
func sha256Of(s string) string {
	h := sha256.Sum256([]byte(s))
	return base64.StdEncoding.EncodeToString(h[:])
}

func sha384Of(s string) string {
	h := sha512.Sum384([]byte(s))
	return base64.StdEncoding.EncodeToString(h[:])
}

// toURL turns base64 into base64url, keeping the padding.
func toURL(b64 string) string {
	return strings.NewReplacer("+", "-", "/", "_").Replace(b64)
}

// specInlineTests are vectors written from CSP3's algorithms
// (#should-block-inline, #match-element-to-source-list, #allow-all-inline,
// #effective-directive-for-inline-check, #directive-fallback-list).
var specInlineTests = []struct {
	name     string
	policy   string
	kind     match.InlineKind
	el       match.Element
	inserted bool
	allowed  bool
	dir      string // the deciding directive, "" when none restricts
	match    string // the expression that allowed, when allowed by one
}{
	// #allow-all-inline
	{"unsafe-inline allows a script", "script-src 'unsafe-inline'", match.ScriptElement, match.Element{Text: "a()"}, false, true, "script-src", "'unsafe-inline'"},
	{"keywords are case-insensitive", "script-src 'UNSAFE-INLINE'", match.ScriptElement, match.Element{Text: "a()"}, false, true, "script-src", "'unsafe-inline'"},
	{"no unsafe-inline blocks", "script-src 'self'", match.ScriptElement, match.Element{Text: "a()"}, false, false, "script-src", ""},
	{"a nonce voids unsafe-inline", "script-src 'unsafe-inline' 'nonce-abc'", match.ScriptElement, match.Element{Text: "a()"}, false, false, "script-src", ""},
	{"a hash voids unsafe-inline", "script-src 'unsafe-inline' 'sha256-" + sha256Of("x") + "'", match.ScriptElement, match.Element{Text: "a()"}, false, false, "script-src", ""},
	{"a hash voids unsafe-inline for attributes too", "script-src 'unsafe-inline' 'sha256-" + sha256Of("x") + "'", match.ScriptAttribute, match.Element{Text: "a()"}, false, false, "script-src", ""},
	{"a nonce in style-src voids unsafe-inline for style attributes", "style-src 'unsafe-inline' 'nonce-abc'", match.StyleAttribute, match.Element{Nonce: "abc", Text: "color:red"}, false, false, "style-src", ""},
	{"strict-dynamic voids unsafe-inline for scripts", "script-src 'unsafe-inline' 'strict-dynamic'", match.ScriptElement, match.Element{Text: "a()"}, false, false, "script-src", ""},
	{"strict-dynamic voids unsafe-inline for handlers", "script-src 'unsafe-inline' 'strict-dynamic'", match.ScriptAttribute, match.Element{Text: "a()"}, false, false, "script-src", ""},
	{"strict-dynamic voids unsafe-inline for javascript: URLs", "script-src 'unsafe-inline' 'strict-dynamic'", match.JavaScriptURL, match.Element{Text: "javascript:a()"}, false, false, "script-src", ""},
	{"strict-dynamic does not void unsafe-inline for styles", "default-src 'unsafe-inline' 'strict-dynamic'", match.StyleElement, match.Element{Text: "p{}"}, false, true, "default-src", "'unsafe-inline'"},
	{"strict-dynamic in script-src-attr voids it for handlers", "script-src-attr 'unsafe-inline' 'strict-dynamic'", match.ScriptAttribute, match.Element{Text: "a()"}, false, false, "script-src-attr", ""},
	// #is-element-nonceable and nonces
	{"a matching nonce allows a script", "script-src 'nonce-abc'", match.ScriptElement, match.Element{Nonce: "abc"}, false, true, "script-src", "'nonce-abc'"},
	{"a matching nonce allows a style", "style-src 'nonce-abc'", match.StyleElement, match.Element{Nonce: "abc"}, false, true, "style-src", "'nonce-abc'"},
	{"nonces are compared exactly: case", "script-src 'nonce-abc'", match.ScriptElement, match.Element{Nonce: "ABC"}, false, false, "script-src", ""},
	{"nonces are compared exactly: padding", "script-src 'nonce-abc='", match.ScriptElement, match.Element{Nonce: "abc"}, false, false, "script-src", ""},
	{"nonces are compared exactly: whitespace", "script-src 'nonce-abc'", match.ScriptElement, match.Element{Nonce: " abc"}, false, false, "script-src", ""},
	{"the nonce- prefix is case-insensitive", "script-src 'NONCE-abc'", match.ScriptElement, match.Element{Nonce: "abc"}, false, true, "script-src", "'nonce-abc'"},
	{"nonces do not apply to handlers", "script-src 'nonce-abc'", match.ScriptAttribute, match.Element{Nonce: "abc", Text: "a()"}, false, false, "script-src", ""},
	{"nonces do not apply to style attributes", "style-src 'nonce-abc'", match.StyleAttribute, match.Element{Nonce: "abc", Text: "color:red"}, false, false, "style-src", ""},
	{"nonces do not apply to javascript: URLs", "script-src 'nonce-abc'", match.JavaScriptURL, match.Element{Nonce: "abc", Text: "javascript:a()"}, false, false, "script-src", ""},
	{"a nonce beats strict-dynamic", "script-src 'nonce-abc' 'strict-dynamic'", match.ScriptElement, match.Element{Nonce: "abc"}, false, true, "script-src", "'nonce-abc'"},
	// hashes
	{"a sha256 hash allows a script", "script-src 'sha256-" + sha256Of("a()") + "'", match.ScriptElement, match.Element{Text: "a()"}, false, true, "script-src", "'sha256-" + sha256Of("a()") + "'"},
	{"a sha384 hash allows a style", "style-src 'sha384-" + sha384Of("p{}") + "'", match.StyleElement, match.Element{Text: "p{}"}, false, true, "style-src", "'sha384-" + sha384Of("p{}") + "'"},
	{"the text is hashed exactly", "script-src 'sha256-" + sha256Of("a()") + "'", match.ScriptElement, match.Element{Text: "a() "}, false, false, "script-src", ""},
	{"the text is hashed as UTF-8", "script-src 'sha256-" + sha256Of("é()") + "'", match.ScriptElement, match.Element{Text: "é()"}, false, true, "script-src", "'sha256-" + sha256Of("é()") + "'"},
	{"an invalid byte is hashed as U+FFFD", "script-src 'sha256-" + sha256Of("\uFFFD") + "'", match.ScriptElement, match.Element{Text: "\xff"}, false, true, "script-src", "'sha256-" + sha256Of("\uFFFD") + "'"},
	{"a base64url hash matches", "script-src 'sha256-" + toURL(sha256Of("a()>>?")) + "'", match.ScriptElement, match.Element{Text: "a()>>?"}, false, true, "script-src", "'sha256-" + toURL(sha256Of("a()>>?")) + "'"},
	{"a hash without its padding does not match in CSP3", "script-src 'sha256-" + strings.TrimRight(sha256Of("a()"), "=") + "'", match.ScriptElement, match.Element{Text: "a()"}, false, false, "script-src", ""},
	{"the algorithm is case-insensitive", "script-src 'SHA256-" + sha256Of("a()") + "'", match.ScriptElement, match.Element{Text: "a()"}, false, true, "script-src", "'sha256-" + sha256Of("a()") + "'"},
	{"the hash value is case-sensitive", "script-src 'sha256-" + strings.ToLower(sha256Of("a()")) + "'", match.ScriptElement, match.Element{Text: "a()"}, false, false, "script-src", ""},
	{"hashes do not apply to handlers without unsafe-hashes", "script-src 'sha256-" + sha256Of("a()") + "'", match.ScriptAttribute, match.Element{Text: "a()"}, false, false, "script-src", ""},
	{"unsafe-hashes lets hashes allow handlers", "script-src 'unsafe-hashes' 'sha256-" + sha256Of("a()") + "'", match.ScriptAttribute, match.Element{Text: "a()"}, false, true, "script-src", "'sha256-" + sha256Of("a()") + "'"},
	{"unsafe-hashes lets hashes allow style attributes", "style-src 'unsafe-hashes' 'sha256-" + sha256Of("color:red") + "'", match.StyleAttribute, match.Element{Text: "color:red"}, false, true, "style-src", "'sha256-" + sha256Of("color:red") + "'"},
	// WPT content-security-policy/unsafe-hashes: the whole URL is hashed.
	{"unsafe-hashes lets hashes allow javascript: URLs", "script-src 'unsafe-hashes' 'sha256-N5bidCKdNO1nSPa1G7MdL6S7Y7MKZ7UMIS/40JBMSe4='", match.JavaScriptURL, match.Element{Text: "javascript:opener.navigated();"}, false, true, "script-src", "'sha256-N5bidCKdNO1nSPa1G7MdL6S7Y7MKZ7UMIS/40JBMSe4='"},
	{"unsafe-hashes alone allows nothing", "script-src 'unsafe-hashes'", match.ScriptAttribute, match.Element{Text: "a()"}, false, false, "script-src", ""},
	{"a hash beats strict-dynamic", "script-src 'strict-dynamic' 'sha256-" + sha256Of("a()") + "'", match.ScriptElement, match.Element{Text: "a()"}, false, true, "script-src", "'sha256-" + sha256Of("a()") + "'"},
	// CSP3 has no step for inserted inline scripts (issue #426).
	{"strict-dynamic does not allow inserted inline scripts in CSP3", "script-src 'strict-dynamic'", match.ScriptElement, match.Element{Text: "a()"}, true, false, "script-src", ""},
	// #effective-directive-for-inline-check and the fallback lists
	{"script-src-elem decides inline scripts", "script-src 'none'; script-src-elem 'unsafe-inline'", match.ScriptElement, match.Element{}, false, true, "script-src-elem", "'unsafe-inline'"},
	{"script-src-elem decides javascript: URLs", "script-src 'none'; script-src-elem 'unsafe-inline'", match.JavaScriptURL, match.Element{Text: "javascript:a()"}, false, true, "script-src-elem", "'unsafe-inline'"},
	{"script-src-attr decides handlers", "script-src 'unsafe-inline'; script-src-attr 'none'", match.ScriptAttribute, match.Element{}, false, false, "script-src-attr", ""},
	{"script-src-elem does not decide handlers", "script-src-elem 'none'; script-src 'unsafe-inline'", match.ScriptAttribute, match.Element{}, false, true, "script-src", "'unsafe-inline'"},
	{"style-src-attr decides style attributes", "style-src 'none'; style-src-attr 'unsafe-inline'", match.StyleAttribute, match.Element{}, false, true, "style-src-attr", "'unsafe-inline'"},
	{"style-src-elem decides inline styles", "style-src 'unsafe-inline'; style-src-elem 'self'", match.StyleElement, match.Element{}, false, false, "style-src-elem", ""},
	{"default-src decides last", "default-src 'self'", match.StyleAttribute, match.Element{}, false, false, "default-src", ""},
	{"script directives do not decide styles", "script-src 'none'", match.StyleElement, match.Element{}, false, true, "", ""},
	{"no directive: unrestricted", "img-src 'none'", match.ScriptElement, match.Element{}, false, true, "", ""},
	{"an empty directive blocks", "script-src", match.ScriptElement, match.Element{}, false, false, "script-src", ""},
	{"'none' blocks", "script-src 'none'", match.ScriptElement, match.Element{Nonce: "abc"}, false, false, "script-src", ""},
	// several policies: each enforced one must allow
	{"every policy must allow", "script-src 'nonce-abc', script-src 'unsafe-inline'", match.ScriptElement, match.Element{Text: "a()"}, false, false, "script-src", ""},
	{"both policies allow", "script-src 'unsafe-inline', script-src 'nonce-abc'", match.ScriptElement, match.Element{Nonce: "abc"}, false, true, "script-src", "'unsafe-inline'"},
}

func TestInlineSpec(t *testing.T) {
	for _, tt := range specInlineTests {
		t.Run(tt.name, func(t *testing.T) {
			opts := []match.Option{match.WithEngine(match.Spec)}
			if tt.inserted {
				opts = append(opts, match.NotParserInserted())
			}
			list := csp.MustParse(tt.policy)
			d, err := match.Inline(list, inlinePage, tt.kind, tt.el, opts...)
			require.NoError(t, err)
			assert.Equal(t, tt.allowed, d.Allowed, "%v", d)
			assert.Equal(t, tt.allowed, d.CSPAllowed)
			require.Len(t, d.Policies, list.Len())
			v := d.Policies[0]
			assert.Equal(t, tt.dir, v.Directive)
			assert.Equal(t, tt.kind.EffectiveDirective(), v.Effective)
			if e, ok := v.Matched(); tt.match != "" {
				require.True(t, ok, "%v", d)
				assert.Equal(t, tt.match, e.String())
			} else if tt.dir != "" && !tt.allowed {
				assert.False(t, ok)
				assert.NotEmpty(t, v.Reason)
			}
			k, ok := d.Inline()
			assert.True(t, ok)
			assert.Equal(t, tt.kind, k)
			assert.Equal(t, tt.allowed, refInline(list, tt.kind, tt.el), "the reference disagrees")
		})
	}
}

func TestInlineReportOnly(t *testing.T) {
	list := csp.Join(csp.MustParse("script-src 'unsafe-inline'"), mustReportOnly(t, "script-src 'none'"))
	d, err := match.Inline(list, inlinePage, match.ScriptElement, match.Element{Text: "a()"})
	require.NoError(t, err)
	assert.True(t, d.Allowed)
	require.Len(t, d.Violations(), 1)
	assert.Equal(t, 1, d.Violations()[0].Policy)
	assert.Equal(t, "script-src-elem", d.Violations()[0].ViolatedDirective())
}

func TestInlineErrors(t *testing.T) {
	list := csp.MustParse("script-src 'none'")
	_, err := match.Inline(list, inlinePage, 0, match.Element{})
	var ke *match.KindError
	require.ErrorAs(t, err, &ke)
	assert.Equal(t, "InlineKind", ke.Type)
	_, err = match.Inline(list, inlinePage, match.InlineKind(99), match.Element{})
	require.ErrorAs(t, err, &ke)
	_, err = match.Eval(list, inlinePage, match.EvalKind(7))
	require.ErrorAs(t, err, &ke)
	assert.Equal(t, "EvalKind", ke.Type)
	var ue *match.URLError
	_, err = match.Inline(list, "http://[::1", match.ScriptElement, match.Element{})
	require.ErrorAs(t, err, &ue)
	assert.Equal(t, "page", ue.Role)
	_, err = match.Eval(list, "https://exa mple.com/", match.StringEval)
	require.ErrorAs(t, err, &ue)
}

// engineInlineTests pin the engine switches: each row is decided by every
// engine, and names what each of them says.
var engineInlineTests = []struct {
	name                            string
	policy                          string
	kind                            match.InlineKind
	el                              match.Element
	inserted                        bool
	spec, chromium, firefox, webkit bool
}{
	// strict-dynamic-voids-unsafe-inline
	{"default-src strict-dynamic and inline styles", "default-src 'unsafe-inline' 'strict-dynamic'", match.StyleElement, match.Element{Text: "p{}"}, false, true, false, true, false},
	{"script-src-attr strict-dynamic and handlers", "script-src-attr 'unsafe-inline' 'strict-dynamic'", match.ScriptAttribute, match.Element{Text: "a()"}, false, false, false, false, true},
	{"style-src strict-dynamic and styles", "style-src 'unsafe-inline' 'strict-dynamic'", match.StyleElement, match.Element{Text: "p{}"}, false, true, true, true, true},
	// strict-dynamic-inline-inserted
	{"inserted inline script under strict-dynamic", "script-src 'strict-dynamic' 'nonce-abc'", match.ScriptElement, match.Element{Text: "a()"}, true, false, true, true, true},
	{"parser-inserted inline script under strict-dynamic", "script-src 'strict-dynamic' 'nonce-abc'", match.ScriptElement, match.Element{Text: "a()"}, false, false, false, false, false},
	{"inserted handler under strict-dynamic", "script-src 'strict-dynamic'", match.ScriptAttribute, match.Element{Text: "a()"}, true, false, false, false, false},
	// hash-comparison
	{"hash without padding", "script-src 'sha256-" + strings.TrimRight(sha256Of("a()"), "=") + "'", match.ScriptElement, match.Element{Text: "a()"}, false, false, true, false, true},
	{"base64url hash", "script-src 'sha256-" + toURL(sha256Of("a()>>?")) + "'", match.ScriptElement, match.Element{Text: "a()>>?"}, false, true, true, true, true},
	// nonce-trimmed
	{"nonce with spaces", "script-src 'nonce-abc'", match.ScriptElement, match.Element{Nonce: " abc\t"}, false, false, true, false, true}, // recorded: i000029
	// nonce-allows-style-attribute
	{"nonce and a style attribute", "style-src 'nonce-abc'", match.StyleAttribute, match.Element{Nonce: "abc", Text: "color:red"}, false, false, false, false, true},
}

func TestInlineEngines(t *testing.T) {
	engines := []match.Engine{match.Spec, match.Chromium, match.Firefox, match.WebKit}
	for _, tt := range engineInlineTests {
		t.Run(tt.name, func(t *testing.T) {
			opts := []match.Option{match.WithEngines(engines...)}
			if tt.inserted {
				opts = append(opts, match.NotParserInserted())
			}
			d, err := match.Inline(csp.MustParse(tt.policy), inlinePage, tt.kind, tt.el, opts...)
			require.NoError(t, err)
			want := []bool{tt.spec, tt.chromium, tt.firefox, tt.webkit}
			for i, e := range engines {
				x, ok := d.For(e)
				require.True(t, ok)
				assert.Equal(t, want[i], x.Allowed, "%s: %v", e, x)
				if x.Allowed {
					_, ok := x.Policies[0].Matched()
					assert.True(t, ok, "%s allowed without a matching expression", e)
				}
			}
			assert.Equal(t, tt.spec && tt.chromium && tt.firefox && tt.webkit, d.Allowed)
		})
	}
}

func TestInlineDefaultEnginesAreBrowsers(t *testing.T) {
	d, err := match.Inline(csp.MustParse("script-src 'nonce-abc'"), inlinePage, match.ScriptElement, match.Element{Nonce: "abc"})
	require.NoError(t, err)
	assert.True(t, d.Allowed)
	assert.Len(t, d.Engines, 3)
	assert.Equal(t, "allowed: inline script (script-src-elem); policy 0 script-src (no script-src-elem) allows it by 'nonce-abc' (Chromium, Firefox and WebKit agree)", d.String())
}

func TestInlineString(t *testing.T) {
	list := csp.MustParse("default-src 'self'; script-src 'self' 'nonce-abc' 'unsafe-inline'")
	d, err := match.Inline(list, inlinePage, match.ScriptElement, match.Element{Text: "a()"}, match.WithEngine(match.Spec))
	require.NoError(t, err)
	assert.Equal(t, "blocked: inline script (script-src-elem); policy 0 script-src (no script-src-elem) 'self' 'nonce-abc' 'unsafe-inline': "+
		"'unsafe-inline' is ignored because the list has a nonce or hash, the element has no nonce, "+
		"no hash-source matches the text (its hash is 'sha256-"+sha256Of("a()")+"')", d.String())
	d, err = match.Inline(list, inlinePage, match.ScriptAttribute, match.Element{Text: "a()"}, match.WithEngine(match.Spec))
	require.NoError(t, err)
	assert.Equal(t, "blocked: event handler attribute (script-src-attr); policy 0 script-src (no script-src-attr) 'self' 'nonce-abc' 'unsafe-inline': "+
		"'unsafe-inline' is ignored because the list has a nonce or hash", d.String())
	d, err = match.Inline(csp.MustParse("img-src 'none'"), inlinePage, match.StyleAttribute, match.Element{}, match.WithEngine(match.Spec))
	require.NoError(t, err)
	assert.Equal(t, "allowed: style attribute (style-src-attr); no enforced policy has style-src-attr, style-src or default-src, so style attributes are unrestricted", d.String())
	full := strings.Join(strings.Fields(strings.ReplaceAll(fmtPlus(d), "\n", " ")), " ")
	assert.Contains(t, full, "policy 0: no style-src-attr, style-src or default-src, does not restrict style attributes")
	assert.Empty(t, d.Explain())
	assert.False(t, d.Target().IsValid())
	assert.False(t, d.Checked().IsValid())
}

func TestEval(t *testing.T) {
	tests := []struct {
		policy   string
		kind     match.EvalKind
		spec     bool
		chromium bool
		firefox  bool
		webkit   bool
		match    string
	}{
		{"script-src 'unsafe-eval'", match.StringEval, true, true, true, true, "'unsafe-eval'"},
		{"script-src 'self'", match.StringEval, false, false, false, false, ""},
		{"default-src 'unsafe-eval'", match.StringEval, true, true, true, true, "'unsafe-eval'"},
		{"default-src 'unsafe-eval'; script-src 'self'", match.StringEval, false, false, false, false, ""},
		{"script-src-elem 'self'", match.StringEval, true, true, true, true, ""},
		{"script-src 'unsafe-inline'", match.StringEval, false, false, false, false, ""},
		{"script-src 'wasm-unsafe-eval'", match.StringEval, false, false, false, false, ""},
		{"script-src 'wasm-unsafe-eval'", match.WasmCompile, true, true, true, true, "'wasm-unsafe-eval'"},
		{"script-src 'unsafe-eval'", match.WasmCompile, true, true, true, true, "'unsafe-eval'"},
		{"default-src 'self'", match.WasmCompile, false, false, false, true, ""}, // WebKit checks instantiation only (i002519)
		{"default-src 'self'", match.WasmInstantiate, false, false, false, false, ""},
		{"script-src 'wasm-unsafe-eval'", match.WasmInstantiate, true, true, true, true, "'wasm-unsafe-eval'"},
		{"script-src 'trusted-types-eval'", match.StringEval, false, false, false, false, ""},
		{"script-src 'trusted-types-eval'; require-trusted-types-for 'script'", match.StringEval, true, true, true, false, "'trusted-types-eval'"},
		{"script-src 'trusted-types-eval', require-trusted-types-for 'script'", match.StringEval, true, true, true, false, "'trusted-types-eval'"},
		{"script-src 'trusted-types-eval'", match.WasmCompile, false, false, false, true, ""},
		{"script-src 'trusted-types-eval'", match.WasmInstantiate, false, false, false, false, ""},
	}
	engines := []match.Engine{match.Spec, match.Chromium, match.Firefox, match.WebKit}
	for _, tt := range tests {
		t.Run(tt.policy+"/"+tt.kind.String(), func(t *testing.T) {
			d, err := match.Eval(csp.MustParse(tt.policy), inlinePage, tt.kind, match.WithEngines(engines...))
			require.NoError(t, err)
			want := []bool{tt.spec, tt.chromium, tt.firefox, tt.webkit}
			for i, e := range engines {
				x, _ := d.For(e)
				assert.Equal(t, want[i], x.Allowed, "%s: %v", e, x)
				assert.Equal(t, "script-src", x.Policies[0].Effective)
			}
			if tt.match != "" {
				x, _ := d.For(match.Spec)
				e, ok := x.Policies[0].Matched()
				require.True(t, ok)
				assert.Equal(t, tt.match, e.String())
			}
			k, ok := d.Eval()
			assert.True(t, ok)
			assert.Equal(t, tt.kind, k)
			_, ok = d.Inline()
			assert.False(t, ok)
		})
	}
}

func TestEvalReportOnlyTrustedTypes(t *testing.T) {
	// A report-only require-trusted-types-for does not enforce Trusted
	// Types, so 'trusted-types-eval' does not apply.
	list := csp.Join(csp.MustParse("script-src 'trusted-types-eval'"), mustReportOnly(t, "require-trusted-types-for 'script'"))
	d, err := match.Eval(list, inlinePage, match.StringEval, match.WithEngine(match.Spec))
	require.NoError(t, err)
	assert.False(t, d.Allowed)
	assert.Contains(t, d.String(), "'trusted-types-eval' needs an enforced require-trusted-types-for 'script'")
	d, err = match.Eval(csp.MustParse("script-src 'trusted-types-eval'; require-trusted-types-for 'script'"), inlinePage, match.StringEval, match.WithEngine(match.WebKit))
	require.NoError(t, err)
	assert.Equal(t, "blocked: string eval (script-src); policy 0 script-src 'trusted-types-eval': no 'unsafe-eval', and WebKit ignores 'trusted-types-eval'", d.String())
}

func fmtPlus(d match.Decision) string { return fmt.Sprintf("%+v", d) }
