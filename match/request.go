package match

import (
	"fmt"
	"slices"
	"strings"

	"github.com/cspkit/cspkit/internal/urlx"
)

// Request is the API a page uses to make a connect-src request. All of them
// are checked against connect-src (or default-src); they differ in which
// URLs they accept before CSP runs and, for WebSocket, in the URL checked.
type Request uint8

// The APIs whose requests connect-src governs.
const (
	// Fetch is fetch(url). Every engine refuses a URL with credentials
	// (user:pass@) before CSP; Firefox also refuses ws:, wss: and ftp:.
	Fetch Request = iota
	// XHR is XMLHttpRequest.open and send. Credentials are accepted;
	// Firefox refuses ws:, wss: and ftp: before CSP, Chromium ftp:.
	XHR
	// WebSocket is new WebSocket(url). http: and https: URLs are turned
	// into ws: and wss: before the check; other schemes and URLs with a
	// fragment are refused before CSP. Browsers check the ws:/wss: URL;
	// Spec checks its http(s) form, as the Fetch standard does.
	WebSocket
	// EventSource is new EventSource(url). Firefox refuses ws:, wss:,
	// ftp: and data: before CSP.
	EventSource
	// Beacon is navigator.sendBeacon(url, data): only http: and https:
	// URLs are accepted.
	Beacon
	// Ping is the ping attribute of <a> and <area>: only http: and https:
	// URLs are pinged.
	Ping
)

var requestNames = [...]string{
	Fetch:       "fetch",
	XHR:         "xhr",
	WebSocket:   "websocket",
	EventSource: "eventsource",
	Beacon:      "beacon",
	Ping:        "ping",
}

// String returns the request's name: "fetch", "xhr", "websocket",
// "eventsource", "beacon" or "ping".
func (r Request) String() string {
	if int(r) < len(requestNames) {
		return requestNames[r]
	}
	return fmt.Sprintf("Request(%d)", uint8(r))
}

// ParseRequest returns the Request named name, as Request.String returns
// it, in any case ("WebSocket" is "websocket"); "xmlhttprequest",
// "sendbeacon" and "a-ping" are accepted too.
func ParseRequest(name string) (Request, error) {
	n := strings.ToLower(strings.TrimSpace(name))
	switch n {
	case "xmlhttprequest":
		return XHR, nil
	case "sendbeacon":
		return Beacon, nil
	case "a-ping":
		return Ping, nil
	}
	for i, rn := range requestNames {
		if rn == n {
			return Request(i), nil
		}
	}
	return 0, fmt.Errorf("match: unknown request kind %q (want fetch, xhr, websocket, eventsource, beacon or ping)", name)
}

// resolve returns the API a request to u is made with when the caller did
// not say: WebSocket for ws: and wss: URLs, Fetch otherwise.
func (c *config) resolve(u *urlx.URL) Request {
	if !c.requestSet && (u.Scheme == "ws" || u.Scheme == "wss") {
		return WebSocket
	}
	return c.request
}

// refusal is why an API refuses a URL before CSP runs; see refusalText.
type refusal uint8

const (
	notRefused refusal = iota
	wsScheme
	wsFragment
	fetchCredentials
	xhrFTP
	eventSourceData
	apiScheme
	beaconScheme
	urlTooLong
	schemeRefused
	badPort
	unknownRequest
	workerOrigin
	serviceWorkerScheme
	serviceWorkerOrigin
	serviceWorkerInsecure
	sandboxedRelativeWS
	notLoaded
	serviceWorkerEscape
	serviceWorkerRedirect
	redirectMixed
	workerRedirect
	prefetchScheme
	redirectScheme
)

// prepare returns the URL that request rt.request to u goes to in engine
// p, kept in rt's storage when rewritten, or why the API refuses u before
// CSP runs. It does not allocate: refusalText words the refusal.
func (p *profile) prepare(rt *route, target *urlx.URL) (slot, refusal) {
	r, s, u := rt.request, slot(0), target
	if int(r) >= len(requestNames) {
		return s, unknownRequest
	}
	if p.maxURLLength > 0 && urlLength(u) > p.maxURLLength {
		return s, urlTooLong
	}
	switch r {
	case WebSocket:
		switch u.Scheme {
		case "http":
			s = rt.withScheme(s, target, "ws")
		case "https":
			s = rt.withScheme(s, target, "wss")
		case "ws", "wss":
		default:
			return s, wsScheme
		}
		u = rt.url(s, target)
		if u.HasFragment {
			return s, wsFragment
		}
		if p.wsRefusesBadPorts && (u.Port == 0 || isBadPort(u.Port)) {
			return s, badPort
		}
	case Fetch:
		if u.Username != "" || u.Password != "" {
			return s, fetchCredentials
		}
		fallthrough
	case XHR, EventSource:
		if r == XHR && p.xhrRefusesFTP && u.Scheme == "ftp" {
			return s, xhrFTP
		}
		if r == EventSource && p.eventSourceNoData && u.Scheme == "data" {
			return s, eventSourceData
		}
		if slices.Contains(p.fetchRefuses, u.Scheme) || r != Fetch && slices.Contains(p.xhrRefuses, u.Scheme) {
			return s, schemeRefused
		}
		if p.fetchRefusesWS {
			switch u.Scheme {
			case "ws", "wss", "ftp":
				return s, apiScheme
			}
		}
	case Beacon, Ping:
		if u.Scheme != "http" && u.Scheme != "https" {
			return s, beaconScheme
		}
	}
	return s, notRefused
}

// refusalText says why request r to u (as prepare returned it) is refused.
func (p *profile) refusalText(f refusal, r Request, u *urlx.URL) string {
	switch f {
	case wsScheme:
		return "new WebSocket() accepts only ws:, wss:, http: and https: URLs"
	case wsFragment:
		return "new WebSocket() rejects URLs with a fragment"
	case fetchCredentials:
		return "fetch() rejects URLs with credentials"
	case xhrFTP:
		return fmt.Sprintf("%s's XMLHttpRequest rejects ftp: URLs", p.title)
	case eventSourceData:
		return fmt.Sprintf("%s's EventSource rejects data: URLs", p.title)
	case apiScheme:
		return fmt.Sprintf("%s's %s rejects %s: URLs", p.title, apiName[r], u.Scheme)
	case beaconScheme:
		return fmt.Sprintf("%s sends only to http: and https: URLs", apiName[r])
	case schemeRefused:
		return fmt.Sprintf("%s's %s rejects %s: URLs", p.title, apiName[r], u.Scheme)
	case badPort:
		return fmt.Sprintf("%s's new WebSocket() rejects port %d", p.title, u.Port)
	case urlTooLong:
		return fmt.Sprintf("%s does not parse URLs longer than %d bytes", p.title, p.maxURLLength)
	case unknownRequest:
		return fmt.Sprintf("%s is no request kind this package knows: no request is made", r)
	case sandboxedRelativeWS:
		return fmt.Sprintf("%s's new WebSocket() rejects a relative URL on a sandboxed page (opaque origin)", p.title)
	case workerOrigin:
		return "new Worker() and new SharedWorker() load only same-origin and data: scripts"
	case serviceWorkerScheme:
		return "navigator.serviceWorker.register() accepts only http: and https: scripts"
	case serviceWorkerOrigin:
		return "navigator.serviceWorker.register() accepts only same-origin scripts"
	case serviceWorkerRedirect:
		return "a service worker script that redirects is not loaded (Service Workers: redirect mode error)"
	case workerRedirect:
		return "a worker script's redirect to another origin fails (workers load same-origin scripts)"
	case redirectMixed:
		return fmt.Sprintf("%s blocks a redirect of a frame or plugin to %s: as mixed content before CSP", p.title, u.Scheme)
	case serviceWorkerEscape:
		return "navigator.serviceWorker.register() rejects script paths with %2F or %5C"
	case serviceWorkerInsecure:
		return "navigator.serviceWorker exists only on secure pages (https:, or http: on localhost)"
	case redirectScheme:
		return fmt.Sprintf("a redirect to a %s: URL fails before CSP (Fetch: redirects go to http: and https: only)", u.Scheme)
	case prefetchScheme:
		return fmt.Sprintf("%s prefetches only http: and https: URLs: no request is made", p.title)
	}
	return navRefusalText(f, u)
}

// badPorts is the Fetch standard's list of ports requests may not use.
var badPorts = []int{1, 7, 9, 11, 13, 15, 17, 19, 20, 21, 22, 23, 25, 37, 42, 43, 53, 69, 77, 79,
	87, 95, 101, 102, 103, 104, 109, 110, 111, 113, 115, 117, 119, 123, 135, 137, 139, 143, 161,
	179, 389, 427, 465, 512, 513, 514, 515, 526, 530, 531, 532, 540, 548, 554, 556, 563, 587, 601,
	636, 989, 990, 993, 995, 1719, 1720, 1723, 2049, 3659, 4045, 4190, 5060, 5061, 6000, 6566,
	6665, 6666, 6667, 6668, 6669, 6679, 6697, 10080}

func isBadPort(port int) bool {
	_, found := slices.BinarySearch(badPorts, port)
	return found
}

// urlLength returns the length of u's serialisation, computing it only when
// the parts come near a limit worth checking.
func urlLength(u *urlx.URL) int {
	n := len(u.Scheme) + len(u.Username) + len(u.Password) + len(u.Host) + len(u.Path) + len(u.Query) + len(u.Fragment)
	if n < 1<<19 {
		return n
	}
	return len(u.String())
}

var apiName = [...]string{
	Fetch:       "fetch()",
	XHR:         "XMLHttpRequest",
	WebSocket:   "new WebSocket()",
	EventSource: "new EventSource()",
	Beacon:      "navigator.sendBeacon()",
	Ping:        "<a ping>",
}
