package match

import (
	"strconv"
	"strings"

	"github.com/cspkit/cspkit/source"
)

// Behavior is one of the named switches engines differ by, with this
// engine's setting.
type Behavior struct {
	Name    string // short stable name, such as "port-upgrade"
	Summary string // what the switch governs
	Value   string // this engine's setting, such as "yes" or "as text"
}

type behavior struct {
	name, summary string
	value         func(*profile) string
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

var behaviors = []behavior{
	{"websocket-as-http", "ws:/wss: URLs are checked in their http:/https: form (Fetch standard)",
		func(p *profile) string { return yesNo(p.websocketAsHTTP) }},
	{"ws-scheme-crossover", "a ws: source matches http(s) URLs and wss: matches https",
		func(p *profile) string { return yesNo(p.wsSchemeCrossover) }},
	{"wildcard-schemes", "schemes that * matches besides the page's own",
		func(p *profile) string {
			switch p.wildcard {
			case starWebSocket:
				return "http, https, ws, wss"
			case starAny:
				return "all but blob, data, filesystem"
			}
			return "http, https"
		}},
	{"ip-hosts", "host-sources match IP-literal hosts (as text)",
		func(p *profile) string { return yesNo(p.ipHosts) }},
	{"opaque-host-wildcard", "a * host-source (such as https://*) matches URLs whose host is opaque (non-special schemes)",
		func(p *profile) string { return yesNo(p.opaqueHostStar) }},
	{"port-upgrade", "port 80 (or an http source without a port) also matches port 443",
		func(p *profile) string {
			switch p.ports {
			case portChromium:
				return "only with a scheme upgrade"
			case portFirefox, portWebKit:
				return "whatever the scheme"
			}
			return "no"
		}},
	{"scheme-upgrade-keeps-port", "http://h:8000 matches https://h:8000",
		func(p *profile) string { return yesNo(p.ports != portChromium) }},
	{"port-as-text", "source ports are compared as written, so :0443 never matches 443",
		func(p *profile) string { return yesNo(p.ports == portFirefox) }},
	{"port-range-checked", "a source port outside 1-65535 makes the source invalid",
		func(p *profile) string { return yesNo(p.portRangeChecked) }},
	{"path-decoding", "how paths are percent-decoded before comparing (so whether %2F separates)",
		func(p *profile) string {
			if p.wholePathDecode {
				return "whole path (%2F is /)"
			}
			return "per segment"
		}},
	{"path-escape-charset", "how escapes of bytes above 0x7F in paths are read before comparing (so whether %E9 equals %C3%A9)",
		func(p *profile) string {
			switch p.pathEscapes {
			case escapeUTF8OrLatin1:
				return "UTF-8, or Latin-1 for a whole path that is not valid UTF-8 (%E9 = %C3%A9)"
			case escapeUTF8Replacing:
				return "UTF-8, invalid bytes as U+FFFD (%FF = %E9)"
			}
			return "bytes"
		}},
	{"self-rule", "what 'self' matches besides the page's origin",
		func(p *profile) string {
			switch p.self {
			case selfBlink:
				return "the page's host on https/wss (or any scheme from an http page), ports equal or both default"
			case selfHostSource:
				return "a host-source for the origin, with the engine's scheme and port rules"
			}
			return "the page's host and port on https/wss (or http/ws from an http page)"
		}},
	{"strict-dynamic-in-default-src", "'strict-dynamic' in default-src (or script-src) voids 'self' and the host and scheme sources after it, for every request that falls back to it",
		func(p *profile) string { return yesNo(p.strictDynamicVoids) }},
	{"strict-dynamic-workers", "the directives whose 'strict-dynamic', when they govern workers, allows every worker script (not parser-inserted), whatever the host list",
		func(p *profile) string {
			if len(p.strictDynamicWorkers) == 0 {
				return "none: the host list decides"
			}
			return strings.Join(p.strictDynamicWorkers, ", ")
		}},
	{"sandboxed-self", "what 'self' and scheme-less host-sources match on a page an enforced sandbox (without allow-same-origin) gives an opaque origin",
		func(p *profile) string {
			switch p.sandbox {
			case sandboxURL:
				return "as on the page's URL"
			case sandboxSecureSchemes:
				return "'self': every https and wss URL; scheme-less: nothing"
			}
			return "nothing"
		}},
	{"sandboxed-relative-websocket-refused", "new WebSocket() refuses a relative URL on a sandboxed page, before CSP",
		func(p *profile) string { return yesNo(p.sandboxRelativeWSRefused) }},
	{"source-query-stripped", "a ?query or #fragment in a source path is cut off instead of voiding the source",
		func(p *profile) string { return yesNo(p.leniency&source.CutQuery != 0) }},
	{"source-query-after-host", "a ?query or #fragment right after a source's host or port (https://h?x) is cut off instead of voiding the source",
		func(p *profile) string { return yesNo(p.leniency&source.CutQueryAfterHost != 0) }},
	{"lenient-source-paths", "source paths may hold any character but ? and #",
		func(p *profile) string { return yesNo(p.leniency&source.AnyPathChar != 0) }},
	{"bare-star-with-port-inert", "a scheme-less * with a port or path (*:443) is ignored",
		func(p *profile) string { return yesNo(p.bareStarSourceInert) }},
	{"star-host-needs-port", "a * host followed by a path, query or fragment (https://*/p) voids the source; https://*:443/p does not",
		func(p *profile) string { return yesNo(p.starHostNeedsPort) }},
	{"trailing-dot-invalid", "a source host ending in . is invalid",
		func(p *profile) string { return yesNo(p.trailingDotInvalid) }},
	{"non-ascii-claims-name", "a directive dropped for non-ASCII text also voids later duplicates",
		func(p *profile) string { return yesNo(p.nonASCIIClaimsName) }},
	{"fetch-refuses-ws", "fetch, XMLHttpRequest and EventSource refuse ws:, wss:, ftp: before CSP",
		func(p *profile) string { return yesNo(p.fetchRefusesWS) }},
	{"upgrade-insecure-requests", "which URL is checked when upgrade-insecure-requests upgrades http/ws",
		func(p *profile) string {
			switch p.upgrade {
			case upgradeCovered:
				return "as given; https/wss sources also cover http/ws"
			case upgradeUnlessReport:
				return "fetch, XHR, WebSocket: upgraded; EventSource, sendBeacon: as given (redirects: upgraded)"
			case upgradeTwice:
				return "fetch, sendBeacon: as given, then upgraded (redirects: upgraded); others: upgraded; loopback never upgraded"
			}
			return "upgraded"
		}},
	{"xhr-refuses-ftp", "XMLHttpRequest refuses ftp: URLs before CSP",
		func(p *profile) string { return yesNo(p.xhrRefusesFTP || p.fetchRefusesWS) }},
	{"eventsource-refuses-data", "EventSource refuses data: URLs before CSP",
		func(p *profile) string { return yesNo(p.eventSourceNoData) }},
	{"url-length-refused", "URLs longer than this are refused before CSP (the library refuses above 2 MiB)",
		func(p *profile) string {
			if p.maxURLLength > 0 {
				return strconv.Itoa(p.maxURLLength>>20) + " MiB"
			}
			return "-"
		}},
	{"fetch-refuses-schemes", "other schemes fetch, XHR and EventSource refuse before CSP",
		func(p *profile) string {
			if len(p.fetchRefuses) > 0 {
				return strings.Join(p.fetchRefuses, ", ")
			}
			if len(p.xhrRefuses) > 0 {
				return "XHR, EventSource: " + strings.Join(p.xhrRefuses, ", ")
			}
			return "-"
		}},
	{"websocket-refuses-bad-ports", "new WebSocket() refuses Fetch's bad ports (and port 0) before CSP",
		func(p *profile) string { return yesNo(p.wsRefusesBadPorts) }},
	{"mixed-content-violation", "with block-all-mixed-content, an https page's http:/ws: request to a non-loopback host is a CSP violation of that directive (report-only: a report)",
		func(p *profile) string { return yesNo(p.mixedContentViolation) }},
	{"websocket-reparsed-policy", "WebSockets must also pass the policy re-parsed from its serialization, with source paths percent-decoded",
		func(p *profile) string { return yesNo(p.websocketReparsed) }},
	{"loopback-mixed", "http://127.0.0.1 and localhost from an https page are mixed content",
		func(p *profile) string { return yesNo(p.loopbackMixed) }},
	{"navigation-matcher", "frames, form submissions and frame-ancestors are matched as the browser process matches navigations: a source port equal to the URL's default port is exact, so http://h:443 and *:443 (on an http page) do not reach https://h, and 'self' on http://h:8000 does not reach https://h:8000",
		func(p *profile) string { return yesNo(p.navigation != nil) }},
	{"object-navigates", "<object> and <embed> (loading a document) are also checked as frame navigations (frame-src, child-src, default-src), and their redirect hops only so",
		func(p *profile) string { return yesNo(p.objectNavigates) }},
	{"checked-as-given", "destinations checked on the URL as written before any upgrade, then as upgraded (redirect hops: upgraded only)",
		func(p *profile) string { return destList(p.asGiven) }},
	{"mixed-autoupgrade", "destinations whose http: URLs (but loopback ones) an https page upgrades to https: before the CSP check (not blocked as mixed content)",
		func(p *profile) string { return destList(p.autoUpgrade) }},
	{"mixed-autoupgrade-after-check", "destinations whose http: URLs (but loopback ones) an https page upgrades to https: after checking the URL as written (not blocked as mixed content)",
		func(p *profile) string { return destList(p.autoUpgradeAfter) }},
	{"mixed-as-given", "destinations whose mixed content is judged on the URL as written, so upgrade-insecure-requests does not save an http: URL (redirect hops too)",
		func(p *profile) string { return destList(p.mixedAsGiven) }},
	{"mixed-loads", "destinations whose mixed content (an https page's http: URL that stays http:) loads anyway; with block-all-mixed-content in an enforced policy the library blocks it, as that directive specifies (not recorded)",
		func(p *profile) string { return destList(p.mixedLoads) }},
	{"prefetch-check", "what decides <link rel=prefetch>",
		func(p *profile) string {
			if p.hint == hintAnyDirective {
				return "default-src, or any fetch directive whose sources match (enforced policies)"
			}
			return "default-src"
		}},
	{"not-loaded", "destinations the browser never loads from a page (refused: no request)",
		func(p *profile) string { return destList(p.notLoaded) }},
	{"self-blob-in-frame-src", "'self' written in frame-src matches a blob: URL whose origin is the page's (not through child-src or default-src)",
		func(p *profile) string { return yesNo(p.selfBlobFrameSrc) }},
	{"redirect-scheme-csp-first", "destinations whose redirect to a URL that is not http: or https: (data:, which then fails) is checked by CSP first (a violation)",
		func(p *profile) string { return destList(p.redirectSchemeCSPFirst) }},
	{"nonce-equals-inside", "a nonce-source may hold = anywhere in its value ('nonce-a=b'), which CSP3's grammar allows only at the end",
		func(p *profile) string { return yesNo(p.nonceEqualsInside) }},
	{"wasm-compile-unchecked", "new WebAssembly.Module() and WebAssembly.compile() are not checked against CSP; only WebAssembly.instantiate() of bytes is",
		func(p *profile) string { return yesNo(p.wasmCompileUnchecked) }},
	{"ancestor-paths-ignored", "frame-ancestors ignores source paths (as after a redirect), so https://h/path allows any page of https://h",
		func(p *profile) string { return yesNo(p.ancestorPathsIgnored) }},
	{"base-scheme-csp-first", "a data: or javascript: <base href>, which HTML ignores, is first checked against base-uri (a violation)",
		func(p *profile) string { return yesNo(p.baseSchemeCSPFirst) }},
	{"report-only-ignored", "what report-only policies do not check (no report is sent)",
		func(p *profile) string {
			var out []string
			out = append(out, p.reportOnlyIgnored.names()...)
			if p.reportOnlyEvalIgnored {
				out = append(out, "eval() and new Function() (setTimeout with a string is reported), WebAssembly")
			}
			if len(out) == 0 {
				return "-"
			}
			return strings.Join(out, ", ")
		}},
	{"empty-text-hash-loads", "under 'strict-dynamic', a hash-source of the empty text (the digest of a <script src> element's own, empty, text) allows a parser-inserted <script src>",
		func(p *profile) string { return yesNo(p.emptyTextHashLoads) }},
	{"report-only-as-given", "report-only policies check the URL as written, before upgrade-insecure-requests and the mixed-content upgrade (a redirect hop: as upgraded)",
		func(p *profile) string { return yesNo(p.reportOnlyAsGiven) }},
	{"prefetch-network-only", "<link rel=prefetch> of a URL that is not http: or https: (data:, blob:) makes no request (refused)",
		func(p *profile) string { return yesNo(p.prefetchNetworkOnly) }},
	{"service-worker-csp-first", "serviceWorker.register() checks CSP before refusing another origin or scheme",
		func(p *profile) string { return yesNo(p.serviceWorkerCSPFirst) }},
	{"worker-redirect-csp-first", "a worker script's redirect to another origin is checked by CSP (a violation) before it fails",
		func(p *profile) string { return yesNo(p.workerRedirectCSPFirst) }},
	{"redirect-mixed-first", "destinations whose redirect from an https page to http: is blocked as mixed content before CSP (no violation)",
		func(p *profile) string { return destList(p.redirectMixedFirst) }},
	{"not-upgraded", "destinations whose URL upgrade-insecure-requests leaves as written for the constructor and the check",
		func(p *profile) string { return destList(p.notUpgraded) }},
	{"upgrade-before-refusal", "destinations whose constructor judges the origin of the URL upgrade-insecure-requests upgraded",
		func(p *profile) string { return destList(p.upgradeBeforeRefusal) }},
	{"form-action-upgrade", "which form action URL form-action checks under upgrade-insecure-requests (an http: action is upgraded for every host but loopback)",
		func(p *profile) string {
			switch {
			case p.notUpgraded.has(Form):
				return "as written (the check runs before the request is upgraded)"
			case p.upgrade == upgradeCovered:
				return "as written; https sources also cover http"
			}
			return "upgraded"
		}},
	{"form-action-redirects-unchecked", "a form submission's redirect hops are not checked against form-action (they go through)",
		func(p *profile) string { return yesNo(p.formRedirectsUnchecked) }},
	{"ancestor-url", "what frame-ancestors matches of each ancestor",
		func(p *profile) string {
			if p.ancestorFullURL {
				return "its document's URL, without fragment and credentials"
			}
			return "its origin (a URL with path /)"
		}},
	{"opaque-ancestor", "what frame-ancestors matches of an ancestor whose origin is opaque (sandboxed, data:)",
		func(p *profile) string {
			if p.ancestorFullURL {
				return "its moz-nullprincipal: URL, which * matches (data: included)"
			}
			return "nothing: every frame-ancestors blocks it"
		}},
	{"ancestor-paths-after-redirect", "frame-ancestors ignores source paths when the framed page's response came through a redirect",
		func(p *profile) string { return yesNo(p.ancestorPathsAfterRedirect) }},
	{"star-by-directive", "* written in img-src also matches data:, in media-src data: and blob: (whatever the destination)",
		func(p *profile) string { return yesNo(p.starByDirective) }},
	{"strict-dynamic-voids-unsafe-inline", "inline checks for which 'strict-dynamic' in the governing directive makes 'unsafe-inline' ignored (from browser sources, not recorded)",
		func(p *profile) string {
			switch p.strictDynamicInline {
			case inlineByScriptDirectives:
				return "any, when it is script-src, script-src-elem, script-src-attr or default-src (styles too)"
			case inlineByWebKitDirectives:
				return "any, when it is script-src, script-src-elem or default-src (styles too; not script-src-attr)"
			}
			return "scripts, event handlers and javascript: URLs"
		}},
	{"strict-dynamic-inline-inserted", "'strict-dynamic' lets an inline script run that a script inserted (not parser-inserted), without nonce or hash (from browser sources, not recorded)",
		func(p *profile) string { return yesNo(p.strictDynamicInserted) }},
	{"hash-comparison", "how hash-sources are compared with the digest of inline code and with SRI integrity metadata (from browser sources, not recorded)",
		func(p *profile) string {
			switch p.hashes {
			case hashNormalized:
				return "base64 text, the source's base64url turned to base64 (both)"
			case hashDecoded:
				return "decoded digests: base64 or base64url, padding optional"
			}
			return "inline: base64 text, base64url turned to base64; SRI: text as written"
		}},
	{"nonce-trimmed", "an element's nonce is compared without leading and trailing white space (from browser sources, not recorded)",
		func(p *profile) string { return yesNo(p.nonceTrimmed) }},
	{"nonce-allows-style-attribute", "a nonce-source equal to the element's nonce also allows its style attribute (from browser sources, not recorded)",
		func(p *profile) string { return yesNo(p.styleAttrNonce) }},
	{"trusted-types-eval", "'trusted-types-eval' allows string eval when an enforced policy has require-trusted-types-for 'script' (from browser sources, not recorded)",
		func(p *profile) string { return yesNo(p.trustedTypesEval) }},
}

// destList names the destinations of s, or "-".
func destList(s destSet) string {
	if s == 0 {
		return "-"
	}
	return strings.Join(s.names(), ", ")
}

// Behaviors returns the named switches engines differ by, each with this
// engine's setting, in a fixed order.
func (e Engine) Behaviors() []Behavior {
	p := e.profile()
	out := make([]Behavior, len(behaviors))
	for i, b := range behaviors {
		out[i] = Behavior{Name: b.name, Summary: b.summary, Value: b.value(p)}
	}
	return out
}
