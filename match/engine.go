package match

import (
	"fmt"
	"strings"

	"github.com/cspkit/cspkit/csp"
	"github.com/cspkit/cspkit/source"
)

// Engine is a model of how one implementation decides connect-src requests.
// Engines differ only in a small set of named behaviors (see Behaviors);
// the matcher is shared. The zero Engine is Spec.
type Engine struct {
	p *profile
}

// profile holds an engine's behavior switches. Each switch is described in
// behaviors.go, which also renders the README's table from them.
type profile struct {
	name  string
	title string

	websocketAsHTTP            bool            // ws(s) URLs are checked in their http(s) form
	wsSchemeCrossover          bool            // ws: matches http(s) URLs, wss: matches https
	wildcard                   wildcardRule    // what * matches
	ipHosts                    bool            // host-sources compare IP-literal hosts as text
	ports                      portRule        // how source ports match URL ports
	wholePathDecode            bool            // paths are compared percent-decoded as a whole
	self                       selfRule        // what 'self' matches
	opaqueHostStar             bool            // a * host-source matches URLs with an opaque host
	leniency                   source.Leniency // how tokens the grammar rejects are still read as host-sources
	trailingDotInvalid         bool            // a host-source host ending in "." is invalid
	portRangeChecked           bool            // a source port must be 1 to 65535
	nonASCIIClaimsName         bool            // a directive dropped for non-ASCII text hides later duplicates
	fetchRefusesWS             bool            // fetch and XHR reject ws:, wss: and ftp: URLs before CSP
	loopbackMixed              bool            // http to loopback from an https page is mixed content
	upgrade                    upgradeRule     // how upgrade-insecure-requests meets the check
	xhrRefusesFTP              bool            // XMLHttpRequest refuses ftp: URLs before CSP
	eventSourceNoData          bool            // EventSource refuses data: URLs before CSP
	bareStarSourceInert        bool            // a scheme-less * host-source with a port or path is ignored
	starHostNeedsPort          bool            // a * host followed by a path, query or fragment (not a port) voids the source
	websocketReparsed          bool            // WebSockets must also pass the policy re-parsed with decoded source paths
	mixedContentViolation      bool            // with block-all-mixed-content, a mixed request is a CSP violation of it
	sandbox                    sandboxRule     // what 'self' and scheme-less sources match on a sandboxed (opaque) page
	sandboxRelativeWSRefused   bool            // new WebSocket() refuses relative URLs on a sandboxed page
	strictDynamicVoids         bool            // 'strict-dynamic' in default-src or a script directive voids 'self' and the host and scheme sources after it
	pathEscapes                escapeRule      // how escapes of non-ASCII bytes in paths are read
	strictDynamicWorkers       []string        // directives whose 'strict-dynamic' allows the workers they govern, which are not parser-inserted (CSP3: all)
	maxURLLength               int             // longer URLs are refused before CSP (0: no limit but the library's)
	fetchRefuses               []string        // schemes fetch, XHR and EventSource refuse before CSP
	xhrRefuses                 []string        // schemes XHR and EventSource refuse before CSP (besides fetchRefuses)
	wsRefusesBadPorts          bool            // new WebSocket() refuses Fetch's bad ports (and 0) before CSP
	navigation                 *profile        // the matcher of frame navigations, when it differs (Chromium's browser process)
	objectNavigates            bool            // <object> and <embed> are also checked as frame navigations; their redirects only so
	asGiven                    destSet         // destinations checked on the URL as written first, then as upgraded (redirects: upgraded)
	autoUpgrade                destSet         // destinations whose http: URLs an https page upgrades to https: (mixed content)
	autoUpgradeAfter           destSet         // destinations whose http: URLs an https page upgrades to https: after the CSP check
	hint                       hintRule        // how a prefetch is checked
	notLoaded                  destSet         // destinations the browser never loads from a page
	serviceWorkerCSPFirst      bool            // navigator.serviceWorker.register() checks CSP before its scheme and origin refusals
	redirectMixedFirst         destSet         // destinations whose redirect to mixed content is blocked before CSP
	workerRedirectCSPFirst     bool            // a worker script's redirect to another origin is checked by CSP before it fails
	notUpgraded                destSet         // destinations upgrade-insecure-requests leaves as written (check and constructor)
	upgradeBeforeRefusal       destSet         // destinations whose constructor judges the URL after upgrade-insecure-requests
	starByDirective            bool            // * in img-src also matches data:, in media-src data: and blob: (WebKit)
	mixedLoads                 destSet         // destinations whose mixed content loads anyway, without block-all-mixed-content
	mixedAsGiven               destSet         // destinations judged as mixed content on the URL as written, before upgrade-insecure-requests
	prefetchNetworkOnly        bool            // <link rel=prefetch> makes no request for a URL that is not http: or https:
	reportOnlyAsGiven          bool            // report-only policies check a request's URL as written, before upgrades (first hop)
	selfBlobFrameSrc           bool            // 'self' in frame-src matches a blob: URL of the page's origin
	redirectSchemeCSPFirst     destSet         // destinations whose redirect to a URL that is not http(s) is checked by CSP before it fails
	emptyTextHashLoads         bool            // under 'strict-dynamic', a hash-source of the empty text allows a parser-inserted <script src> (its element's own text)
	nonceEqualsInside          bool            // a nonce-source may hold "=" anywhere in its value ('nonce-a=b')
	wasmCompileUnchecked       bool            // new WebAssembly.Module() and WebAssembly.compile() are not checked (instantiate is)
	strictDynamicInline        inlineRule      // which inline checks 'strict-dynamic' makes ignore 'unsafe-inline'
	strictDynamicInserted      bool            // 'strict-dynamic' allows an inline script a script inserted (not parser-inserted)
	hashes                     hashRule        // how hash-sources are compared with digests
	nonceTrimmed               bool            // an element's nonce is compared without leading and trailing ASCII whitespace
	styleAttrNonce             bool            // a nonce-source matching the element's nonce allows its style attribute
	trustedTypesEval           bool            // 'trusted-types-eval' allows string eval when an enforced policy requires Trusted Types
	formRedirectsUnchecked     bool            // a form submission's redirect hops are not checked against form-action
	ancestorFullURL            bool            // frame-ancestors matches an ancestor's URL (not its origin); a null principal as moz-nullprincipal:
	ancestorPathsAfterRedirect bool            // frame-ancestors ignores source paths when the framed response was redirected
	ancestorPathsIgnored       bool            // frame-ancestors ignores source paths, as after a redirect
	baseSchemeCSPFirst         bool            // a data: or javascript: <base href> is checked by base-uri before HTML ignores it
	reportOnlyIgnored          destSet         // destinations report-only policies do not check (no report)
	reportOnlyEvalIgnored      bool            // report-only policies do not check eval or WebAssembly (no report)

	fallbacks      [numDestinations]csp.Fallback // the directive fallback list of each destination
	notLoadedTexts [numDestinations]string       // the refusal text of each destination in notLoaded
}

func init() {
	for _, p := range allEngines {
		p.fallbacks = fallbackLists(nil)
		p.initNotLoadedTexts()
	}
	initNavigation()
}

// upgradeRule says how upgrade-insecure-requests and the CSP check meet.
type upgradeRule uint8

const (
	// upgradeFirst: the URL is upgraded (http to https, ws to wss), then
	// checked.
	upgradeFirst upgradeRule = iota
	// upgradeCovered: the URL is checked as given, and https: and wss:
	// sources of a policy with upgrade-insecure-requests also cover
	// http: and ws: URLs (Firefox).
	upgradeCovered
	// upgradeTwice: loopback and localhost URLs are not upgraded, ws: only
	// for WebSockets; fetch() and sendBeacon check the URL as given and
	// then upgraded (a redirect hop only upgraded), the other APIs only
	// upgraded (Chromium).
	upgradeTwice
	// upgradeUnlessReport: fetch(), XMLHttpRequest and WebSocket URLs are
	// upgraded, then checked; EventSource, sendBeacon and ping URLs are
	// checked as given, their redirect hops upgraded (WebKit).
	upgradeUnlessReport
)

// selfRule says what the keyword 'self' matches.
type selfRule uint8

const (
	// selfSpec: the page's origin, or the same host and port on https or
	// wss (or http and ws from an http page); never blob: (CSP3 step 4 of
	// "does url match expression", with PR #821).
	selfSpec selfRule = iota
	// selfBlink: Blink's source made of the page's scheme, host and port
	// with its default port written out; see chromiumSelf.
	selfBlink
	// selfHostSource: a host-source built from the origin, matched with
	// the engine's own scheme, port and path rules (Gecko, WebKit).
	selfHostSource
)

// wildcardRule says which URLs the source expression * matches.
type wildcardRule uint8

const (
	starHTTP      wildcardRule = iota // http(s) and the page's own scheme
	starWebSocket                     // also ws and wss
	starAny                           // every scheme but blob, data and filesystem
)

// portRule says how a host-source's port matches a URL's port.
type portRule uint8

const (
	portSpec     portRule = iota // equal, or the URL's default port when the source has none
	portChromium                 // 80 (or http with none or 443) upgrades to 443, only with a scheme upgrade
	portFirefox                  // compared as text; 80 (written or default) also matches 443
	portWebKit                   // 80 (or http with none or 443) also matches 443, scheme aside
	// portChromiumNavigation: portChromium as the browser process has it for
	// navigations: a source port equal to the URL's default port is exact,
	// so only 80 (or no port on an http source) upgrades to 443.
	portChromiumNavigation
)

// workerDirectives are the directives that may govern a worker (its
// fallback list), each of whose 'strict-dynamic' CSP3 honors for it.
var workerDirectives = []string{"worker-src", "child-src", "script-src", "default-src"}

var specProfile = profile{
	name: "spec", title: "CSP3 spec",
	websocketAsHTTP:      true,
	wsSchemeCrossover:    true,
	wildcard:             starHTTP,
	ports:                portSpec,
	strictDynamicWorkers: workerDirectives,
	// CSP3 #allow-all-inline step 2.2, #match-element-to-source-list,
	// #can-compile-strings.
	strictDynamicInline: inlineByType,
	hashes:              hashSpec,
	trustedTypesEval:    true,
	notUpgraded:         destsOf(Form),
}

var chromiumProfile = profile{
	name: "chromium", title: "Chromium",
	// dest2 e000001…: 'strict-dynamic' wherever it governs a worker
	strictDynamicWorkers:  workerDirectives,
	wildcard:              starWebSocket,
	ipHosts:               true,
	opaqueHostStar:        true,
	self:                  selfBlink,
	ports:                 portChromium,
	wholePathDecode:       true,
	leniency:              source.CutQuery | source.AnyPathChar,
	nonASCIIClaimsName:    true,
	upgrade:               upgradeTwice,
	objectNavigates:       true,
	asGiven:               destsOf(Media, Track, Object),
	mixedAsGiven:          destsOf(Object),
	reportOnlyAsGiven:     true,
	autoUpgrade:           destsOf(Image, Media),
	hint:                  hintAnyDirective,
	notUpgraded:           destsOf(Worker, SharedWorker, ServiceWorker),
	sandbox:               sandboxURL,
	pathEscapes:           escapeUTF8OrLatin1,
	mixedContentViolation: true,
	xhrRefusesFTP:         true,
	xhrRefuses:            []string{"file", "view-source"},
	// Blink's CSPSourceListAllowAllInline (core/frame/csp/
	// source_list_directive.cc) voids 'unsafe-inline' beside
	// 'strict-dynamic' when the governing directive is a script directive
	// or default-src, whatever the inline type.
	strictDynamicInline: inlineByScriptDirectives,
	// CSPDirectiveListAllowInline (core/frame/csp/csp_directive_list.cc):
	// a script element that is not parser-inserted runs under
	// 'strict-dynamic'.
	strictDynamicInserted: true,
	// ParseHash (services/network/public/cpp/content_security_policy/
	// content_security_policy.cc) decodes base64 and base64url, padding
	// ignored; digests are compared as bytes (ParseBase64Digest for SRI).
	hashes: hashDecoded,
	// CSPSourceListAllowNonce (source_list_directive.cc) strips the
	// element's nonce of white space.
	nonceTrimmed: true,
	// network::mojom::CSPSourceList.allow_trusted_types_eval.
	trustedTypesEval:           true,
	ancestorPathsAfterRedirect: true,
}

var firefoxProfile = profile{
	name: "firefox", title: "Firefox",
	wildcard:                 starAny,
	ipHosts:                  true,
	ports:                    portFirefox,
	wholePathDecode:          true,
	self:                     selfHostSource,
	opaqueHostStar:           true,
	leniency:                 source.CutQuery | source.CutQueryAfterHost,
	starHostNeedsPort:        true,
	websocketReparsed:        true,
	sandbox:                  sandboxURL,
	sandboxRelativeWSRefused: true,
	trailingDotInvalid:       true,
	fetchRefusesWS:           true,
	upgrade:                  upgradeCovered,
	eventSourceNoData:        true,
	maxURLLength:             1 << 20, // network.standard-url.max-length
	fetchRefuses:             []string{"about", "file", "filesystem", "javascript", "mailto", "tel", "view-source"},
	notLoaded:                destsOf(Manifest),
	mixedLoads:               destsOf(Image, Media, Track),
	autoUpgradeAfter:         destsOf(Image, Media),
	prefetchNetworkOnly:      true,
	// dest2 e000010, e000073, e000136: wherever it governs a worker
	strictDynamicWorkers: workerDirectives,
	// nsCSPDirective::allowsAllInlineBehavior (dom/security/nsCSPUtils.cpp)
	// follows CSP3 by type (script-src-elem and script-src-attr checks).
	strictDynamicInline: inlineByType,
	// nsCSPContext::GetAllowsInline (dom/security/nsCSPContext.cpp): a
	// script that is not parser-created runs under 'strict-dynamic'.
	strictDynamicInserted: true,
	// nsCSPHashSrc (nsCSPUtils.cpp) rewrites base64url to base64 when
	// parsing and compares base64 text, for inline hashes and SRI alike.
	hashes: hashNormalized,
	// nsCSPContext::GetAllowsEval checks CSP_TRUSTED_TYPES_EVAL when
	// Trusted Types are enforced.
	trustedTypesEval:       true,
	formRedirectsUnchecked: true,
	ancestorFullURL:        true,
	// inline set i002834: frame-ancestors https://top.in.test/path lets
	// pages of https://top.in.test at other paths embed the page
	ancestorPathsIgnored: true,
	// inline set i003277: report-only form-action sends no report
	reportOnlyIgnored: destsOf(Form),
}

var webkitProfile = profile{
	name: "webkit", title: "WebKit",
	// dest2 e000127…: only in script-src and default-src; in worker-src
	// and child-src the host list decides
	strictDynamicWorkers: []string{"script-src", "default-src"},
	wsSchemeCrossover:    true,
	wildcard:             starWebSocket,
	ipHosts:              true,
	ports:                portWebKit,
	wholePathDecode:      true,
	self:                 selfHostSource,
	opaqueHostStar:       true,
	leniency:             source.CutQuery | source.AnyPathChar,
	portRangeChecked:     true,
	loopbackMixed:        true,
	bareStarSourceInert:  true,
	upgrade:              upgradeUnlessReport,
	sandbox:              sandboxSecureSchemes,
	strictDynamicVoids:   true,
	pathEscapes:          escapeUTF8Replacing,
	wsRefusesBadPorts:    true,
	notLoaded:            destsOf(Manifest, Prefetch),
	autoUpgrade:          destsOf(Image, Media),
	asGiven:              destsOf(Media, Track),
	mixedLoads:           destsOf(Image, Media),
	notUpgraded:          destsOf(Worker, ServiceWorker),
	upgradeBeforeRefusal: destsOf(SharedWorker),
	redirectMixedFirst:   destsOf(Frame, Object),
	selfBlobFrameSrc:     true,
	// dest2 e001792…: subresources, not frames and plugins (e001906, e001887)
	redirectSchemeCSPFirst: destsOf(Script, Style, Image, Font, Media, Track, Worker, SharedWorker, Manifest),
	workerRedirectCSPFirst: true,
	starByDirective:        true,
	serviceWorkerCSPFirst:  true,
	// ContentSecurityPolicySourceList::parseSource (page/csp/) reads
	// 'strict-dynamic' only in script-src, script-src-elem and
	// default-src, and there it voids 'unsafe-inline' for every check.
	strictDynamicInline: inlineByWebKitDirectives,
	// ContentSecurityPolicyDirectiveList::
	// violatedDirectiveForNonParserInsertedScripts: an inline script that
	// is not parser-inserted runs under 'strict-dynamic'.
	strictDynamicInserted: true,
	// Hash-sources are parsed into digests (parseCryptographicDigest) and
	// compared as ContentSecurityPolicyHash values.
	hashes: hashDecoded,
	// violatedDirectiveForUnsafeInlineStyleAttribute checks the nonce.
	styleAttrNonce: true,
	// The source list parser read knows no 'trusted-types-eval': it is
	// ignored, and string eval needs 'unsafe-eval'.
	trustedTypesEval: false,
	// inline set i000029-i000032: white space around an element's nonce
	// is ignored
	nonceTrimmed: true,
	// inline set i001884-i002365: a hash-source of "" allows a
	// parser-inserted <script src> under 'strict-dynamic'
	emptyTextHashLoads: true,
	// inline set i000035: 'nonce-a=b' is a nonce (WebKit's
	// isNonceCharacter lets "=" appear anywhere)
	nonceEqualsInside: true,
	// inline set i002519…: new WebAssembly.Module() and
	// WebAssembly.compile() run under any policy; instantiate() is checked
	wasmCompileUnchecked: true,
	// inline set i003294: a data: <base href> is checked (a violation)
	// before it is ignored
	baseSchemeCSPFirst: true,
	// inline set i002914 (report-only frame-ancestors), i002442
	// (report-only eval): no report
	reportOnlyIgnored:     destsOf(Ancestor),
	reportOnlyEvalIgnored: true,
}

// The engines. Spec follows Content Security Policy Level 3 as written
// (editor's draft of 2026-04, with PR #821: 'self' never matches blob:
// URLs), with WebSocket URLs checked in their http(s) form as the Fetch
// standard specifies. Chromium is Blink's matcher, which enforces
// connect-src in Chrome, Edge and other Chromium browsers; Firefox is
// Gecko's; WebKit is Safari's and WebKitGTK's. Each browser model is checked
// against verdicts recorded from the real browser (internal/testdata).
var (
	Spec     = Engine{p: &specProfile}
	Chromium = Engine{p: &chromiumProfile}
	Firefox  = Engine{p: &firefoxProfile}
	WebKit   = Engine{p: &webkitProfile}
)

var allEngines = []*profile{&specProfile, &chromiumProfile, &firefoxProfile, &webkitProfile}

var browserProfiles = []*profile{&chromiumProfile, &firefoxProfile, &webkitProfile}

// Browsers returns the browser engines, Chromium, Firefox and WebKit: the
// engines that decide when no engine option is given.
func Browsers() []Engine {
	return []Engine{Chromium, Firefox, WebKit}
}

// engineAliases maps other common names, in lower case, to an engine's
// name.
var engineAliases = map[string]string{
	"csp3": "spec", "chrome": "chromium", "blink": "chromium", "edge": "chromium",
	"gecko": "firefox", "safari": "webkit",
}

// ParseEngine returns the engine named name: "spec", "chromium", "firefox"
// or "webkit", as Engine.String returns them, in any case, or a common
// alias ("chrome", "blink", "edge", "gecko", "safari", "csp3").
func ParseEngine(name string) (Engine, error) {
	n := strings.ToLower(strings.TrimSpace(name))
	if a, ok := engineAliases[n]; ok {
		n = a
	}
	for _, p := range allEngines {
		if p.name == n {
			return Engine{p: p}, nil
		}
	}
	return Engine{}, fmt.Errorf("match: unknown engine %q (want spec, chromium, firefox or webkit, or chrome, edge, gecko, safari)", name)
}

func (e Engine) profile() *profile {
	if e.p == nil {
		return &specProfile
	}
	return e.p
}

// String returns the engine's name: "spec", "chromium", "firefox" or
// "webkit".
func (e Engine) String() string { return e.profile().name }

// Title returns the engine's display name, such as "Chromium".
func (e Engine) Title() string { return e.profile().title }
