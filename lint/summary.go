package lint

// summaries say what a rule finds in a directive when several of its
// sources break it; the finding lists them.
var summaries = map[Code]string{
	AnyHost:              "these sources allow connections to every host on the web: injected script can send data to any server",
	NetworkScheme:        "each of these bare schemes allows connections to every host with that scheme: injected script can send data to any server; list the hosts instead",
	LocalScheme:          "these schemes let the page fetch content it made itself, hiding what it loads; CSP guidance is to leave them out of connect-src",
	Plaintext:            "these sources are plaintext: the traffic can be read and changed on the network, and https pages block or upgrade it as mixed content; use https:// and wss://",
	PublicSuffixWildcard: "these wildcards match hosts under public suffixes: anyone can register a host there and receive the page's connections",
	IPHost:               "these sources name IP addresses: they break when servers move, and browsers differ on matching IP hosts",
	Loopback:             "these sources are the visitor's own machine: usually development leftovers; they let pages reach local services",
	AnyPort:              "these sources allow every port on their hosts, including internal services listening there; name the ports",
	LooserThanDefault:    "connect-src allows these sources, which default-src does not: connections are less restricted than other fetches",
	PathAfterRedirect:    "the paths of these sources stop applying after a redirect: a redirect from an allowed URL reaches any path on the host",
	NoConnectEffect:      "these sources never allow or block a connect request: connect-src only matches URLs (and 'self')",
	InsecureReportURI:    "these report-uri endpoints receive violation reports, which hold page and request URLs, in plaintext: use https",
	ShortNonce:           "these nonces are shorter than 8 characters: use at least 8 (ideally 128 random bits, base64-encoded), new for every response",
	SandboxedSelf:        "on this sandboxed page Safari lets 'self' match every https: and wss: URL on any host",
	DefaultBroadScripts:  "these default-src sources also govern scripts or plugins here (no script-src or object-src of their own): they can load from anywhere",
	InlineScripts:        "injected inline scripts run",
	EvalScripts:          "strings become code through eval()",
	ShortCodeNonce:       "these nonces are shorter than 8 characters, so an attacker can guess them and make injected scripts or styles run: use at least 8 (ideally 128 random bits, base64-encoded), new for every response",
	BypassHost:           "these sources allow hosts known to serve JSONP endpoints or AngularJS libraries (listed by csp_evaluator), through which injected markup runs script of its choice",
	UnquotedKeyword:      "these keywords, nonces or hashes lack their single quotes, so browsers read them as host names: quote them",
	SchemeAsHost:         "these schemes lack their colon, so browsers read them as host names: write https: to allow a scheme, https://host for one host",
	MissingSemicolon:     "these directive names stand inside the value, probably for want of a \";\" before them, so browsers read them as host names",
	DuplicateSource:      "the directive lists these sources more than once",
	RedundantSource:      "other sources of the directive already cover these, in every engine: they allow nothing more",
	ScriptsFromAnywhere:  "these sources let the page run scripts from any server (or data: URLs): an injected script tag loads code from anywhere",
	PluginsFromAnywhere:  "these sources let <object> and <embed> load from any server: set object-src 'none'",
	LoadsFromAnywhere:    "these sources let the page load from any server: injected markup can send data anywhere in their URLs, which connect-src does not stop",
}
