package lint_test

import (
	"fmt"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cspkit/cspkit/csp"
	"github.com/cspkit/cspkit/internal/corpus"
	"github.com/cspkit/cspkit/lint"
	"github.com/cspkit/cspkit/source"
)

// base is a policy with no findings of its own, appended to cases so that
// list-wide and reporting findings stay out of the way.
const base = "; script-src 'self'; object-src 'none'; report-uri https://r.example/csp"

type lintCase struct {
	name     string
	policy   string // Content-Security-Policy value
	reported string // Content-Security-Policy-Report-Only value
	code     lint.Code
	want     bool   // the code is reported
	index    int    // for want: Finding.Policy
	dir      string // for want: Finding.Directive
	src      string // for want: Finding.Sources[0]
	msg      string // for want: a part of Finding.Message
}

var lintCases = []lintCase{
	{"nothing at all", "", "", lint.Unrestricted, true, -1, "", "", "connect to any server"},
	{"only img-src", "img-src 'self'" + base, "", lint.Unrestricted, true, -1, "", "", "no enforced policy"},
	{"report-only does not count", "", "connect-src 'self'", lint.Unrestricted, true, -1, "", "", "connect-src or default-src"},
	{"default-src restricts", "default-src 'self'" + base, "", lint.Unrestricted, false, 0, "", "", ""},
	{"second policy restricts", "img-src *, connect-src 'self'" + base, "", lint.Unrestricted, false, 0, "", "", ""},

	{"report-only connect-src", "script-src 'self'; object-src 'none'", "connect-src 'self'; report-uri /r", lint.ReportOnly, true, 1, "connect-src", "", "every request proceeds"},
	{"report-only default-src", "", "default-src 'none'", lint.ReportOnly, true, 0, "default-src", "", "report-only"},
	{"enforced too", "connect-src 'self'" + base, "connect-src 'none'", lint.ReportOnly, false, 0, "", "", ""},

	{"star", "connect-src *" + base, "", lint.AnyHost, true, 0, "connect-src", "*", "every host"},
	{"star in a report-only policy", "connect-src 'self'" + base, "connect-src *; report-uri /r", lint.AnyHost, true, 1, "connect-src", "*", "(in a report-only policy: it applies once the policy is enforced)"},
	{"star in default-src", "default-src *" + base, "", lint.AnyHost, true, 0, "default-src", "*", "any server"},
	{"https://*", "connect-src https://*" + base, "", lint.AnyHost, true, 0, "connect-src", "https://*", "host *"},
	{"*:443", "connect-src *:443" + base, "", lint.AnyHost, true, 0, "connect-src", "*:443", "host *"},
	{"star in default-src under connect-src", "default-src *; connect-src 'self'" + base, "", lint.AnyHost, false, 0, "", "", ""},
	{"subdomain wildcard", "connect-src *.example.com" + base, "", lint.AnyHost, false, 0, "", "", ""},

	{"https:", "connect-src https:" + base, "", lint.NetworkScheme, true, 0, "connect-src", "https:", "every https host"},
	{"http:", "connect-src 'self' HTTP:" + base, "", lint.NetworkScheme, true, 0, "connect-src", "http:", "plaintext"},
	{"wss:", "connect-src wss:" + base, "", lint.NetworkScheme, true, 0, "connect-src", "wss:", "every wss host"},
	{"ws:", "default-src ws:" + base, "", lint.NetworkScheme, true, 0, "default-src", "ws:", "every ws host"},
	{"https host", "connect-src https://api.example.com" + base, "", lint.NetworkScheme, false, 0, "", "", ""},
	{"data: is not a network scheme", "connect-src data:" + base, "", lint.NetworkScheme, false, 0, "", "", ""},

	{"data:", "connect-src data:" + base, "", lint.LocalScheme, true, 0, "connect-src", "data:", "content it made itself"},
	{"blob:", "connect-src blob:" + base, "", lint.LocalScheme, true, 0, "connect-src", "blob:", "leave it out"},
	{"filesystem:", "connect-src filesystem:" + base, "", lint.LocalScheme, true, 0, "connect-src", "filesystem:", "connect-src"},
	{"blob: in img-src", "connect-src 'self'; img-src blob:" + base, "", lint.LocalScheme, false, 0, "", "", ""},

	{"http://", "connect-src http://api.example.com" + base, "", lint.Plaintext, true, 0, "connect-src", "http://api.example.com", "use https://"},
	{"ws://", "connect-src ws://rt.example.com:8080" + base, "", lint.Plaintext, true, 0, "connect-src", "ws://rt.example.com:8080", "use wss://"},
	{"wss://", "connect-src wss://rt.example.com" + base, "", lint.Plaintext, false, 0, "", "", ""},
	{"scheme-less", "connect-src rt.example.com" + base, "", lint.Plaintext, false, 0, "", "", ""},

	{"*.com", "connect-src https://*.com" + base, "", lint.PublicSuffixWildcard, true, 0, "connect-src", "https://*.com", "com, which is a public suffix"},
	{"*.github.io", "connect-src *.github.io" + base, "", lint.PublicSuffixWildcard, true, 0, "connect-src", "*.github.io", "anyone can register"},
	{"*.appspot.com", "default-src *.appspot.com" + base, "", lint.PublicSuffixWildcard, true, 0, "default-src", "*.appspot.com", "appspot.com"},
	{"*.co.uk", "connect-src *.co.uk" + base, "", lint.PublicSuffixWildcard, true, 0, "connect-src", "*.co.uk", "public suffix"},
	{"*.ck, whose children are suffixes", "connect-src *.ck" + base, "", lint.PublicSuffixWildcard, true, 0, "connect-src", "*.ck", ""},
	{"*.example.com", "connect-src *.example.com" + base, "", lint.PublicSuffixWildcard, false, 0, "", "", ""},
	{"*.myapp.github.io", "connect-src *.myapp.github.io" + base, "", lint.PublicSuffixWildcard, false, 0, "", "", ""},
	{"github.io without wildcard", "connect-src github.io" + base, "", lint.PublicSuffixWildcard, false, 0, "", "", ""},

	{"public IP", "connect-src https://203.0.113.7" + base, "", lint.IPHost, true, 0, "connect-src", "https://203.0.113.7", "IP address"},
	{"private IP", "connect-src http://192.168.1.1:8080" + base, "", lint.IPHost, true, 0, "connect-src", "http://192.168.1.1:8080", "private-network"},
	{"host name", "connect-src https://api.example.com" + base, "", lint.IPHost, false, 0, "", "", ""},
	{"loopback is its own code", "connect-src http://127.0.0.1" + base, "", lint.IPHost, false, 0, "", "", ""},

	{"127.0.0.1", "connect-src http://127.0.0.1:3000" + base, "", lint.Loopback, true, 0, "connect-src", "http://127.0.0.1:3000", "visitor's own machine"},
	{"localhost", "connect-src ws://localhost:*" + base, "", lint.Loopback, true, 0, "connect-src", "ws://localhost:*", "development leftover"},
	{"not localhost", "connect-src https://localhost.example.com" + base, "", lint.Loopback, false, 0, "", "", ""},

	{"any port", "connect-src https://api.example.com:*" + base, "", lint.AnyPort, true, 0, "connect-src", "https://api.example.com:*", "every port"},
	{"one port", "connect-src https://api.example.com:8443" + base, "", lint.AnyPort, false, 0, "", "", ""},

	{"looser", "default-src 'self'; connect-src 'self' https://api.example.com" + base, "", lint.LooserThanDefault, true, 0, "connect-src", "https://api.example.com", "which default-src ('self') does not"},
	{"looser star", "default-src https://a.example; connect-src *" + base, "", lint.LooserThanDefault, true, 0, "connect-src", "*", "less restricted"},
	{"covered by wildcard host", "default-src *.example.com; connect-src https://api.example.com/v1/" + base, "", lint.LooserThanDefault, false, 0, "", "", ""},
	{"covered by scheme", "default-src https:; connect-src wss: https://api.example.com" + base, "", lint.LooserThanDefault, true, 0, "connect-src", "wss:", ""},
	{"covered by http: upgrade", "default-src http:; connect-src https://a.example" + base, "", lint.LooserThanDefault, false, 0, "", "", ""},
	{"covered by star", "default-src *; connect-src 'self' https://a.example:8443" + base, "", lint.LooserThanDefault, false, 0, "", "", ""},
	{"covered by path prefix", "default-src https://a.example/api/; connect-src https://a.example/api/v1" + base, "", lint.LooserThanDefault, false, 0, "", "", ""},
	{"default-src 'none'", "default-src 'none'; connect-src https://api.example.com" + base, "", lint.LooserThanDefault, false, 0, "", "", ""},
	{"no default-src", "connect-src *" + base, "", lint.LooserThanDefault, false, 0, "", "", ""},

	{"path", "connect-src https://api.example.com/v1/" + base, "", lint.PathAfterRedirect, true, 0, "connect-src", "https://api.example.com/v1/", "after a redirect"},
	{"two paths, one finding", "connect-src https://a.example/v1/ https://b.example/v2/" + base, "", lint.PathAfterRedirect, true, 0, "connect-src", "https://a.example/v1/", "the paths of these sources"},
	{"root path", "connect-src https://api.example.com/" + base, "", lint.PathAfterRedirect, false, 0, "", "", ""},

	{"nonce in connect-src", "connect-src 'self' 'nonce-abcdefgh12'" + base, "", lint.NoConnectEffect, true, 0, "connect-src", "'nonce-abcdefgh12'", "never allows or blocks"},
	{"unsafe-inline in connect-src", "connect-src 'unsafe-inline'" + base, "", lint.NoConnectEffect, true, 0, "connect-src", "'unsafe-inline'", "only matches URLs"},
	{"unsafe-inline in default-src", "default-src 'self' 'unsafe-inline'" + base, "", lint.NoConnectEffect, false, 0, "", "", ""},
	{"self in connect-src", "connect-src 'self'" + base, "", lint.NoConnectEffect, false, 0, "", "", ""},

	{"no reporting", "connect-src 'self'; script-src 'self'; object-src 'none'", "", lint.NoReporting, true, 0, "", "", "go unnoticed"},
	{"report-only without reporting", "connect-src 'self'" + base, "connect-src 'none'", lint.NoReporting, true, 1, "", "", "only reach the browser console"},
	{"report-uri", "connect-src 'self'" + base, "", lint.NoReporting, false, 0, "", "", ""},
	{"report-to", "connect-src 'self'; report-to main", "", lint.NoReporting, false, 0, "", "", ""},
	{"no connect restriction", "img-src 'self'", "", lint.NoReporting, false, 0, "", "", ""},

	{"report-to only", "connect-src 'self'; report-to main", "", lint.ReportToOnly, true, 0, "report-to", "", "add report-uri"},
	{"both", "connect-src 'self'; report-to main; report-uri /r", "", lint.ReportToOnly, false, 0, "", "", ""},

	{"http report-uri", "connect-src 'self'; report-uri http://r.example/csp", "", lint.InsecureReportURI, true, 0, "report-uri", "http://r.example/csp", "use https"},
	{"https report-uri", "connect-src 'self'; report-uri https://r.example/csp /local", "", lint.InsecureReportURI, false, 0, "", "", ""},

	{"short nonce in default-src", "default-src 'self' 'nonce-abc'" + base, "", lint.ShortNonce, true, 0, "default-src", "'nonce-abc'", "3 characters"},
	{"long nonce", "default-src 'self' 'nonce-r4nd0mr4nd0m'" + base, "", lint.ShortNonce, false, 0, "", "", ""},
	{"inline scripts", "default-src 'self'; script-src-elem 'self' 'unsafe-inline'; object-src 'none'", "", lint.InlineScripts, true, 0, "script-src-elem", "'unsafe-inline'", "injected inline scripts and event handlers run"},
	{"inline handlers", "default-src 'self'; script-src-attr 'unsafe-inline'; object-src 'none'", "", lint.InlineScripts, true, 0, "script-src-attr", "'unsafe-inline'", "script-src-attr"},
	{"inline with a nonce", "default-src 'self'; script-src 'nonce-r4nd0mr4nd0m' 'unsafe-inline'; object-src 'none'", "", lint.InlineScripts, false, 0, "", "", ""},
	{"inline with strict-dynamic", "default-src 'self'; script-src 'strict-dynamic' 'unsafe-inline' 'sha256-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA='; object-src 'none'", "", lint.InlineScripts, false, 0, "", "", ""},
	{"eval", "default-src 'self'; script-src 'self' 'unsafe-eval'; object-src 'none'", "", lint.EvalScripts, true, 0, "script-src", "'unsafe-eval'", "eval()"},
	{"no eval", "default-src 'self'; script-src 'self'; object-src 'none'", "", lint.EvalScripts, false, 0, "", "", ""},
	{"sandboxed 'self'", "sandbox allow-scripts; default-src 'self'" + base, "", lint.SandboxedSelf, true, 0, "default-src", "'self'", "Safari (WebKit) then lets 'self' match every https: and wss: URL"},
	{"sandbox in another policy", "connect-src 'self' https://api.example" + base, "", lint.SandboxedSelf, false, 0, "", "", ""},
	{"sandboxed 'self' across policies", "default-src 'self'" + base + ", sandbox allow-forms", "", lint.SandboxedSelf, true, 0, "default-src", "'self'", "opaque"},
	{"allow-same-origin", "sandbox allow-scripts ALLOW-SAME-ORIGIN; default-src 'self'" + base, "", lint.SandboxedSelf, false, 0, "", "", ""},
	{"report-only sandbox", "default-src 'self'" + base, "sandbox allow-scripts", lint.SandboxedSelf, false, 0, "", "", ""},
	{"short nonce in script-src", "connect-src 'self'; script-src 'nonce-abc'; object-src 'none'", "", lint.ShortNonce, false, 0, "", "", ""},

	{"default unsafe-inline", "default-src 'self' 'unsafe-inline'; object-src 'none'", "", lint.DefaultUnsafeInline, true, 0, "default-src", "'unsafe-inline'", "inline scripts"},
	{"with a nonce", "default-src 'self' 'unsafe-inline' 'nonce-r4nd0mr4nd0m'", "", lint.DefaultUnsafeInline, false, 0, "", "", ""},
	{"with script-src", "default-src 'unsafe-inline'; script-src 'self'", "", lint.DefaultUnsafeInline, false, 0, "", "", ""},

	{"default unsafe-eval", "default-src 'self' 'unsafe-eval'", "", lint.DefaultUnsafeEval, true, 0, "default-src", "'unsafe-eval'", "eval()"},
	{"unsafe-eval in script-src", "default-src 'self'; script-src 'self' 'unsafe-eval'", "", lint.DefaultUnsafeEval, false, 0, "", "", ""},

	{"default https: for scripts", "default-src https:; object-src 'none'", "", lint.DefaultBroadScripts, true, 0, "default-src", "https:", "governs scripts here"},
	{"default * for plugins", "default-src *; script-src 'self'", "", lint.DefaultBroadScripts, true, 0, "default-src", "*", "governs plugins"},
	{"default data: for both", "default-src 'self' data:", "", lint.DefaultBroadScripts, true, 0, "default-src", "data:", "scripts and plugins"},
	{"strict-dynamic leaves plugins", "default-src 'nonce-r4nd0mr4nd0m' 'strict-dynamic' https:; object-src 'none'", "", lint.DefaultBroadScripts, false, 0, "", "", ""},
	{"script-src and object-src set", "default-src *; script-src 'self'; object-src 'none'", "", lint.DefaultBroadScripts, false, 0, "", "", ""},
	{"script-src https:", "default-src 'self'; script-src 'self' https:; object-src 'none'", "", lint.ScriptsFromAnywhere, true, 0, "script-src", "https:", "script-src https: lets the page run scripts from anywhere"},
	{"script-src-elem data:", "default-src 'self'; script-src-elem 'self' data:; object-src 'none'", "", lint.ScriptsFromAnywhere, true, 0, "script-src-elem", "data:", "run scripts from anywhere"},
	{"worker-src wildcard host", "default-src 'self'; worker-src https://*; object-src 'none'", "", lint.ScriptsFromAnywhere, true, 0, "worker-src", "https://*", "run workers from anywhere"},
	{"worker-src ignores strict-dynamic", "default-src 'self'; worker-src * 'strict-dynamic' 'nonce-r4nd0mr4nd0m'; object-src 'none'", "", lint.ScriptsFromAnywhere, true, 0, "worker-src", "*", "workers"},
	{"strict-dynamic with nonce ignores hosts", "default-src 'self'; script-src 'nonce-r4nd0mr4nd0m' 'strict-dynamic' https: 'unsafe-inline'; object-src 'none'", "", lint.ScriptsFromAnywhere, false, 0, "", "", ""},
	{"strict-dynamic without nonce does not", "default-src 'self'; script-src 'strict-dynamic' https:; object-src 'none'", "", lint.ScriptsFromAnywhere, true, 0, "script-src", "https:", "scripts"},
	{"script-src hosts listed", "default-src 'self'; script-src 'self' https://cdn.example https://*.cdn.example blob:; object-src 'none'", "", lint.ScriptsFromAnywhere, false, 0, "", "", ""},
	{"object-src *", "default-src 'self'; object-src *", "", lint.PluginsFromAnywhere, true, 0, "object-src", "*", "set object-src 'none'"},
	{"object-src data:", "default-src 'self'; object-src 'self' data:", "", lint.PluginsFromAnywhere, true, 0, "object-src", "data:", "plugins"},
	{"object-src none", "default-src *; object-src 'none'", "", lint.PluginsFromAnywhere, false, 0, "", "", ""},
	{"img-src *", "default-src 'self'; img-src * data:; object-src 'none'", "", lint.LoadsFromAnywhere, true, 0, "img-src", "*", "img-src * lets the page load images from any server"},
	{"frame-src https:", "default-src 'self'; frame-src https:; object-src 'none'", "", lint.LoadsFromAnywhere, true, 0, "frame-src", "https:", "frames"},
	{"img-src data: alone", "default-src 'self'; img-src 'self' data: blob: https://img.example; object-src 'none'", "", lint.LoadsFromAnywhere, false, 0, "", "", ""},
	{"default-src * is not a load finding", "default-src *; script-src 'self'; object-src 'none'", "", lint.LoadsFromAnywhere, false, 0, "", "", ""},

	{"unquoted self", "connect-src self" + base, "", lint.UnquotedKeyword, true, 0, "connect-src", "self", "write 'self'"},
	{"unquoted none, upper case", "default-src NONE" + base, "", lint.UnquotedKeyword, true, 0, "default-src", "none", "write 'none'"},
	{"unquoted unsafe-inline", "script-src unsafe-inline; object-src 'none'; connect-src 'self'", "", lint.UnquotedKeyword, true, 0, "script-src", "unsafe-inline", "not the keyword 'unsafe-inline'"},
	{"unquoted strict-dynamic", "script-src strict-dynamic" + base, "", lint.UnquotedKeyword, true, 0, "script-src", "strict-dynamic", "'strict-dynamic'"},
	{"unquoted nonce", "script-src nonce-abc; object-src 'none'; connect-src 'self'", "", lint.UnquotedKeyword, true, 0, "script-src", "nonce-abc", "write 'nonce-abc'"},
	{"unquoted hash", "style-src sha256-AbC=" + base, "", lint.UnquotedKeyword, true, 0, "style-src", "sha256-AbC=", "not a nonce or hash"},
	{"quoted self", "connect-src 'self'" + base, "", lint.UnquotedKeyword, false, 0, "", "", ""},
	{"host named like a keyword with a scheme", "connect-src https://self" + base, "", lint.UnquotedKeyword, false, 0, "", "", ""},
	{"keyword-like word outside a source list", "connect-src 'self'; report-to self" + base, "", lint.UnquotedKeyword, false, 0, "", "", ""},

	{"https without colon", "connect-src https" + base, "", lint.SchemeAsHost, true, 0, "connect-src", "https", "write https: to allow the scheme"},
	{"wss without colon", "connect-src WSS" + base, "", lint.SchemeAsHost, true, 0, "connect-src", "wss", "write wss:"},
	{"https with colon", "connect-src https:" + base, "", lint.SchemeAsHost, false, 0, "", "", ""},
	{"host https.example", "connect-src https.example" + base, "", lint.SchemeAsHost, false, 0, "", "", ""},

	{"missing semicolon", "connect-src 'self' img-src *" + base, "", lint.MissingSemicolon, true, 0, "connect-src", "img-src", `";" is probably missing`},
	{"semicolon present", "connect-src 'self'; img-src *" + base, "", lint.MissingSemicolon, false, 0, "", "", ""},
	{"directive name as a full host", "connect-src https://img-src" + base, "", lint.MissingSemicolon, false, 0, "", "", ""},

	{"block-all-mixed-content", "block-all-mixed-content; connect-src 'self'" + base, "", lint.DeprecatedDirective, true, 0, "block-all-mixed-content", "", "upgrade-insecure-requests"},
	{"upgrade-insecure-requests", "upgrade-insecure-requests; connect-src 'self'" + base, "", lint.DeprecatedDirective, false, 0, "", "", ""},

	{"duplicate", "connect-src https://*.medium.com https://*.MEDIUM.com" + base, "", lint.DuplicateSource, true, 0, "connect-src", "https://*.medium.com", "more than once"},
	{"duplicate keyword", "script-src 'self' 'SELF'; object-src 'none'; connect-src 'self'", "", lint.DuplicateSource, true, 0, "script-src", "'self'", "more than once"},
	{"no duplicate", "connect-src https://a.example https://b.example" + base, "", lint.DuplicateSource, false, 0, "", "", ""},

	{"default port written out", "connect-src https://medium.com https://medium.com:443" + base, "", lint.RedundantSource, true, 0, "connect-src", "https://medium.com:443", "https://medium.com does not already allow"},
	{"default port written first", "connect-src https://medium.com:443 https://medium.com" + base, "", lint.RedundantSource, true, 0, "connect-src", "https://medium.com", "https://medium.com:443"},
	{"under a wildcard", "connect-src https://api.example.com https://*.example.com" + base, "", lint.RedundantSource, true, 0, "connect-src", "https://api.example.com", "https://*.example.com"},
	{"under a scheme", "img-src https: https://cdn.example" + base, "", lint.RedundantSource, true, 0, "img-src", "https://cdn.example", "https:"},
	{"under a path prefix", "connect-src https://a.example/api/ https://a.example/api/v1" + base, "", lint.RedundantSource, true, 0, "connect-src", "https://a.example/api/v1", ""},
	{"other port", "connect-src https://medium.com https://medium.com:8443" + base, "", lint.RedundantSource, false, 0, "", "", ""},
	{"leading zero port", "connect-src https://medium.com https://medium.com:0443" + base, "", lint.RedundantSource, false, 0, "", "", ""},
	{"scheme-less and https", "connect-src medium.com https://medium.com" + base, "", lint.RedundantSource, true, 0, "connect-src", "https://medium.com", ""},
	{"secure beside plaintext is not the one to drop", "connect-src https://medium.com http://medium.com" + base, "", lint.RedundantSource, false, 0, "", "", ""},

	{"nonce without base-uri", "default-src 'self'; script-src 'nonce-r4nd0mr4nd0m'; object-src 'none'", "", lint.NoBaseURI, true, 0, "base-uri", "", "script-src allows scripts by nonce, but no enforced policy has base-uri"},
	{"hash with strict-dynamic", "script-src 'strict-dynamic' 'sha256-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA='; object-src 'none'", "", lint.NoBaseURI, true, 0, "base-uri", "", "by hash with 'strict-dynamic'"},
	{"nonce in default-src", "default-src 'self' 'nonce-r4nd0mr4nd0m'", "", lint.NoBaseURI, true, 0, "base-uri", "", "default-src allows scripts by nonce"},
	{"nonce in script-src-elem", "script-src 'self'; script-src-elem 'nonce-r4nd0mr4nd0m'; object-src 'none'", "", lint.NoBaseURI, true, 0, "base-uri", "", "script-src-elem"},
	{"nonce in a report-only policy", "default-src 'self'", "script-src 'nonce-r4nd0mr4nd0m'", lint.NoBaseURI, true, 1, "base-uri", "", "(in a report-only policy"},
	{"report-only base-uri does not count", "script-src 'nonce-r4nd0mr4nd0m'; object-src 'none'", "base-uri 'none'", lint.NoBaseURI, true, 0, "base-uri", "", "set base-uri 'none' or 'self'"},
	{"base-uri set", "script-src 'nonce-r4nd0mr4nd0m'; object-src 'none'; base-uri 'none'", "", lint.NoBaseURI, false, 0, "", "", ""},
	{"base-uri in another enforced policy", "script-src 'nonce-r4nd0mr4nd0m'; object-src 'none', base-uri 'self'", "", lint.NoBaseURI, false, 0, "", "", ""},
	{"report-only policy with its own base-uri", "default-src 'self'", "script-src 'nonce-r4nd0mr4nd0m'; base-uri 'self'", lint.NoBaseURI, false, 0, "", "", ""},
	{"hash without strict-dynamic", "script-src 'sha256-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA='; object-src 'none'", "", lint.NoBaseURI, false, 0, "", "", ""},
	{"nonce in style-src only", "default-src 'self'; style-src 'nonce-r4nd0mr4nd0m'", "", lint.NoBaseURI, false, 0, "", "", ""},
	{"nonce in script-src, elements by script-src-elem", "script-src 'nonce-r4nd0mr4nd0m'; script-src-elem 'self'; object-src 'none'", "", lint.NoBaseURI, false, 0, "", "", ""},

	{"short nonce in script-src is a script finding", "default-src 'self'; script-src 'nonce-abc'; base-uri 'none'", "", lint.ShortCodeNonce, true, 0, "script-src", "'nonce-abc'", "has 3 characters, so an attacker can guess it and make injected scripts run"},
	{"short nonce in style-src-elem", "default-src 'self'; style-src-elem 'nonce-abcdefg'", "", lint.ShortCodeNonce, true, 0, "style-src-elem", "'nonce-abcdefg'", "7 characters, so an attacker can guess it and make injected styles apply"},
	{"two short nonces, one finding", "script-src-elem 'nonce-a' 'nonce-b'; base-uri 'none'", "", lint.ShortCodeNonce, true, 0, "script-src-elem", "'nonce-a'", "these nonces are shorter than 8 characters"},
	{"short nonce, report-only", "default-src 'self'", "script-src 'nonce-abc'", lint.ShortCodeNonce, true, 1, "script-src", "'nonce-abc'", "(in a report-only policy"},
	{"8 characters", "default-src 'self'; script-src 'nonce-abcdefgh'; base-uri 'none'", "", lint.ShortCodeNonce, false, 0, "", "", ""},
	{"short nonce in default-src is CSP1017", "default-src 'self' 'nonce-abc'" + base, "", lint.ShortCodeNonce, false, 0, "", "", ""},
	{"short nonce in script-src-attr has no effect", "default-src 'self'; script-src-attr 'nonce-abc'", "", lint.ShortCodeNonce, false, 0, "", "", ""},

	{"JSONP host", "default-src 'self'; script-src 'self' https://www.google.com", "", lint.BypassHost, true, 0, "script-src", "https://www.google.com", "allows https://www.google.com/tools/feedback/escalation-options, a JSONP endpoint"},
	{"AngularJS host", "default-src 'self'; script-src-elem cdnjs.cloudflare.com", "", lint.BypassHost, true, 0, "script-src-elem", "cdnjs.cloudflare.com", "an AngularJS library"},
	{"wildcard over a bypass host", "default-src 'self'; script-src https://*.googleapis.com", "", lint.BypassHost, true, 0, "script-src", "https://*.googleapis.com", "googleapis.com/"},
	{"path prefix allows the endpoint", "default-src 'self'; script-src https://ajax.googleapis.com/ajax/libs/", "", lint.BypassHost, true, 0, "script-src", "https://ajax.googleapis.com/ajax/libs/", "https://ajax.googleapis.com/ajax/libs/angularjs/1.2.0rc1/angular-route.min.js"},
	{"exact endpoint path", "default-src 'self'; script-src https://www.google.com/tools/feedback/escalation-options", "", lint.BypassHost, true, 0, "script-src", "https://www.google.com/tools/feedback/escalation-options", "JSONP"},
	{"host listed without a path", "default-src 'self'; script-src https://cdn.jsdelivr.net/npm/", "", lint.BypassHost, true, 0, "script-src", "https://cdn.jsdelivr.net/npm/", "https://cdn.jsdelivr.net,"},
	{"default-src governs scripts", "default-src 'self' https://www.google.com", "", lint.BypassHost, true, 0, "default-src", "https://www.google.com", "default-src"},
	{"several bypass hosts, one finding", "script-src https://www.google.com https://cdnjs.cloudflare.com; object-src 'none'", "", lint.BypassHost, true, 0, "script-src", "https://www.google.com", "these sources allow hosts known to serve"},
	{"bypass host, report-only", "default-src 'self'", "script-src https://www.google.com", lint.BypassHost, true, 1, "script-src", "https://www.google.com", "(in a report-only policy"},
	{"strict-dynamic without nonce does not ignore hosts", "default-src 'self'; script-src 'strict-dynamic' https://www.google.com", "", lint.BypassHost, true, 0, "script-src", "https://www.google.com", "JSONP"},
	{"nonce without strict-dynamic does not ignore hosts", "default-src 'self'; script-src 'nonce-r4nd0mr4nd0m' https://www.google.com", "", lint.BypassHost, true, 0, "script-src", "https://www.google.com", "JSONP"},
	{"eval-only endpoint with eval", "default-src 'self'; script-src https://www.googletagmanager.com 'unsafe-eval'", "", lint.BypassHost, true, 0, "script-src", "https://www.googletagmanager.com", "https://www.googletagmanager.com/gtm/js"},
	{"eval-only endpoint, eval from default-src", "default-src 'self' 'unsafe-eval'; script-src-elem https://www.googletagmanager.com", "", lint.BypassHost, true, 0, "script-src-elem", "https://www.googletagmanager.com", "JSONP"},
	{"eval-only endpoint without eval", "default-src 'self'; script-src https://www.googletagmanager.com https://ssl.google-analytics.com", "", lint.BypassHost, false, 0, "", "", ""},
	{"strict-dynamic with nonce ignores bypass hosts", "default-src 'self'; script-src 'nonce-r4nd0mr4nd0m' 'strict-dynamic' https://www.google.com cdnjs.cloudflare.com", "", lint.BypassHost, false, 0, "", "", ""},
	{"hosts that only resemble bypass hosts", "default-src 'self'; script-src https://google.com https://www.google.com.example https://notwww.google.com https://cdnjs.cloudflare.com.evil.example https://*.www.google.com", "", lint.BypassHost, false, 0, "", "", ""},
	{"path that misses the endpoints", "default-src 'self'; script-src https://ajax.googleapis.com/ajax/libs/jquery/ https://www.google.com/tools/feedback/escalation-options/x", "", lint.BypassHost, false, 0, "", "", ""},
	{"other port or scheme", "default-src 'self'; script-src https://www.google.com:8443 wss://www.google.com", "", lint.BypassHost, false, 0, "", "", ""},
	{"bypass host in img-src", "default-src 'self'; img-src https://www.google.com", "", lint.BypassHost, false, 0, "", "", ""},
	{"default-src host under script-src", "default-src https://www.google.com; script-src 'self'", "", lint.BypassHost, false, 0, "", "", ""},

	{"scripts unrestricted", "connect-src 'self'; object-src 'none'", "", lint.ScriptsUnrestricted, true, -1, "script-src", "", "scripts load from anywhere"},
	{"plugins unrestricted", "connect-src 'self'; script-src 'self'", "", lint.ScriptsUnrestricted, true, -1, "object-src", "", "object-src 'none'"},
	{"default-src restricts scripts", "default-src 'self'", "", lint.ScriptsUnrestricted, false, 0, "", "", ""},
}

func parseLists(t *testing.T, enforced, reported string) csp.List {
	t.Helper()
	e, _ := csp.Parse(enforced) // parse problems are not lint's business
	r, _ := csp.ParseReportOnly(reported)
	return csp.Join(e, r)
}

func TestCheck(t *testing.T) {
	for _, tt := range lintCases {
		t.Run(string(tt.code)+" "+tt.name, func(t *testing.T) {
			list := parseLists(t, tt.policy, tt.reported)
			all := lint.Check(list)
			var got []lint.Finding
			for _, f := range all {
				rule := ruleFor(t, f.Code)
				assert.Equal(t, rule.Severity, f.Severity, "%v", f)
				assert.True(t, f.Policy >= -1 && f.Policy < list.Len(), "%v", f)
				assert.NotEmpty(t, f.Message)
				if f.Code == tt.code {
					got = append(got, f)
				}
			}
			if !tt.want {
				assert.Empty(t, got, "findings: %v", all)
				return
			}
			require.NotEmpty(t, got, "findings: %v", all)
			f := got[0]
			assert.Equal(t, tt.index, f.Policy, "%v", f)
			assert.Equal(t, tt.dir, f.Directive, "%v", f)
			if tt.src == "" {
				assert.Empty(t, f.Sources, "%v", f)
			} else {
				require.NotEmpty(t, f.Sources, "%v", f)
				assert.Equal(t, tt.src, f.Sources[0], "%v", f)
			}
			assert.Contains(t, f.Message, tt.msg)
		})
	}
}

// TestEveryCodeTested keeps the table honest: each code in the catalogue
// has a case that reports it and one that must not.
func TestEveryCodeTested(t *testing.T) {
	pos, neg := map[lint.Code]bool{}, map[lint.Code]bool{}
	for _, tt := range lintCases {
		if tt.want {
			pos[tt.code] = true
		} else {
			neg[tt.code] = true
		}
	}
	for _, r := range lint.Rules() {
		assert.True(t, pos[r.Code], "%s has no positive case", r.Code)
		assert.True(t, neg[r.Code], "%s has no negative case", r.Code)
	}
}

func TestCleanPolicy(t *testing.T) {
	list := parseLists(t, "default-src 'none'; connect-src 'self' https://api.example.com wss://rt.example.com; script-src 'self'; report-uri https://r.example/csp", "")
	assert.Empty(t, lint.Check(list))
}

func ruleFor(t *testing.T, c lint.Code) lint.Rule {
	t.Helper()
	for _, r := range lint.Rules() {
		if r.Code == c {
			return r
		}
	}
	t.Fatalf("code %s is not in the catalogue", c)
	return lint.Rule{}
}

func TestSeverity(t *testing.T) {
	for _, s := range []lint.Severity{lint.Info, lint.Low, lint.Medium, lint.High} {
		got, err := lint.ParseSeverity(s.String())
		require.NoError(t, err)
		assert.Equal(t, s, got)
	}
	_, err := lint.ParseSeverity("critical")
	assert.ErrorContains(t, err, `unknown severity "critical"`)
	assert.Equal(t, "Severity(9)", lint.Severity(9).String())
	assert.True(t, lint.High > lint.Medium && lint.Medium > lint.Low && lint.Low > lint.Info)

	b, err := lint.Medium.MarshalText()
	require.NoError(t, err)
	assert.Equal(t, "medium", string(b))
	_, err = lint.Severity(4).MarshalText()
	assert.Error(t, err)
	var s lint.Severity
	require.NoError(t, s.UnmarshalText([]byte("low")))
	assert.Equal(t, lint.Low, s)
	assert.Error(t, s.UnmarshalText([]byte("LOW")))
}

func TestFindingString(t *testing.T) {
	f := lint.Finding{Code: lint.AnyHost, Severity: lint.High, Policy: 0, Directive: "connect-src", Sources: []string{"*", "https://*"}, Message: "m"}
	assert.Equal(t, "CSP1003 high (policy 0, connect-src: * https://*): m", f.String())
	assert.Equal(t, lint.Connect, f.Scope())
	f = lint.Finding{Code: lint.Unrestricted, Severity: lint.High, Policy: -1, Message: "m"}
	assert.Equal(t, "CSP1001 high (all policies): m", f.String())
}

// TestOneFindingPerDirectiveAndRule checks that a rule broken by several
// sources of a directive is one finding listing them all, in order.
func TestOneFindingPerDirectiveAndRule(t *testing.T) {
	list := parseLists(t, "connect-src https: wss: 'self' http://a.example ws://b.example; default-src 'self'"+base, "")
	var seen = map[string]bool{}
	for _, f := range lint.Check(list) {
		key := string(f.Code) + " " + f.Directive + " " + strconv.Itoa(f.Policy)
		assert.False(t, seen[key], "two findings for %s", key)
		seen[key] = true
		switch f.Code {
		case lint.NetworkScheme:
			assert.Equal(t, []string{"https:", "wss:"}, f.Sources)
			assert.Contains(t, f.Message, "each of these bare schemes")
		case lint.Plaintext:
			assert.Equal(t, []string{"http://a.example", "ws://b.example"}, f.Sources)
		}
	}
	assert.True(t, seen["CSP1004 connect-src 0"] && seen["CSP1006 connect-src 0"])
}

// TestWellWrittenPolicyPassesTheDefaultGate checks that the policy the
// README calls well written has no finding at or above medium, the
// default gate of cspcheck -lint.
func TestWellWrittenPolicyPassesTheDefaultGate(t *testing.T) {
	for _, policy := range []string{
		"default-src 'self'; connect-src 'self' https://api.example.com",
		"default-src 'self'; connect-src 'self' https://api.example.com/v1/",
	} {
		for _, f := range lint.Check(parseLists(t, policy, "")) {
			assert.Less(t, f.Severity, lint.Medium, "%s: %v", policy, f)
		}
	}
}

func TestSourceFindings(t *testing.T) {
	codes := func(dir, src string) []lint.Code {
		var out []lint.Code
		for _, f := range lint.Source(dir, source.MustParse(src)) {
			assert.Equal(t, []string{source.MustParse(src).String()}, f.Sources)
			assert.Equal(t, -1, f.Policy)
			out = append(out, f.Code)
		}
		return out
	}
	assert.Equal(t, []lint.Code{lint.Plaintext}, codes("connect-src", "http://api.example.com"))
	assert.Equal(t, []lint.Code{lint.LocalScheme}, codes("connect-src", "data:"))
	assert.Equal(t, []lint.Code{lint.IPHost}, codes("connect-src", "https://203.0.113.7"))
	assert.Equal(t, []lint.Code{lint.NoConnectEffect}, codes("connect-src", "'unsafe-inline'"))
	assert.Empty(t, codes("default-src", "'unsafe-inline'"))
	assert.Empty(t, codes("connect-src", "https://api.example.com"))
	// In other fetch directives, only a source that loads from any host.
	assert.Equal(t, []lint.Code{lint.ScriptsFromAnywhere}, codes("script-src", "data:"))
	assert.Equal(t, []lint.Code{lint.PluginsFromAnywhere}, codes("object-src", "https:"))
	assert.Equal(t, []lint.Code{lint.LoadsFromAnywhere}, codes("img-src", "*"))
	assert.Empty(t, codes("img-src", "data:"), "data: images are no channel to another server")
	assert.Empty(t, codes("img-src", "http://cdn.example.com"), "images are not connections")
	assert.Empty(t, codes("frame-src", "blob:"))
	assert.Empty(t, codes("form-action", "*"), "not a directive lint rates")
}

func TestScope(t *testing.T) {
	for _, s := range []lint.Scope{lint.Connect, lint.Scripts, lint.Writing, lint.Loads} {
		got, err := lint.ParseScope(s.String())
		require.NoError(t, err)
		assert.Equal(t, s, got)
	}
	_, err := lint.ParseScope("all")
	assert.Error(t, err)
	for _, r := range lint.Rules() {
		want := map[byte]lint.Scope{'1': lint.Connect, '2': lint.Scripts, '3': lint.Writing, '4': lint.Loads}[r.Code[3]]
		assert.Equal(t, want, r.Scope, r.Code)
	}
}

// TestCorpusOneFindingPerRule lints every header of the corpus: no rule is
// reported twice for one directive of one policy.
func TestCorpusOneFindingPerRule(t *testing.T) {
	for _, c := range corpus.LoadAllTB(t) {
		l, _ := c.Parse()
		seen := map[string]bool{}
		for _, f := range lint.Check(l) {
			key := fmt.Sprintf("%s %d %s", f.Code, f.Policy, f.Directive)
			assert.False(t, seen[key], "%s: %s reported twice", c.Name, key)
			seen[key] = true
		}
	}
}

// TestNonceCharsetIsAParseProblem backs the mapping of csp_evaluator's
// NONCE_CHARSET: a nonce outside the base64 charset is an invalid source
// for csp.Parse, so lint sees no nonce to rate.
func TestNonceCharsetIsAParseProblem(t *testing.T) {
	for _, nonce := range []string{"'nonce-a.b'", "'nonce-abc$def!'", "'nonce-a=b'"} {
		l, err := csp.Parse("script-src " + nonce)
		var pe *csp.ParseError
		require.ErrorAs(t, err, &pe, nonce)
		require.NotEmpty(t, pe.Problems, nonce)
		assert.Equal(t, csp.InvalidSource, pe.Problems[0].Code, nonce)
		for _, f := range lint.Check(l) {
			assert.NotEqual(t, lint.ShortCodeNonce, f.Code, "%s: %v", nonce, f)
		}
	}
}
