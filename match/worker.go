package match

import "github.com/cspkit/cspkit/internal/urlx"

// workerRefusal returns why a worker constructor refuses target on the page
// self before any fetch, and so before CSP runs, or notRefused:
//
//   - new Worker() and new SharedWorker() take a same-origin URL or a data:
//     URL (whose worker gets an opaque origin); any other URL is refused
//     (HTML, "Dedicated workers and the Worker interface"; browsers throw a
//     SecurityError).
//   - navigator.serviceWorker exists only in secure contexts, and
//     register() takes only http: and https: URLs of the page's origin
//     (Service Workers, "Start Register": TypeError, then SecurityError),
//     whose path holds no %2F or %5C (TypeError).
func workerRefusal(dest Destination, target *urlx.URL, self *selfOrigin) refusal {
	switch dest {
	case Worker, SharedWorker:
		if target.Scheme == "data" || sameOrigin(target, self) {
			return notRefused
		}
		return workerOrigin
	case ServiceWorker:
		switch {
		case !self.secure:
			return serviceWorkerInsecure
		case target.Scheme != "http" && target.Scheme != "https":
			return serviceWorkerScheme
		case !sameOrigin(target, self):
			return serviceWorkerOrigin
		case escapedSlash(target.Path):
			return serviceWorkerEscape
		}
	}
	return notRefused
}

// sameOrigin reports whether u's origin is the page's (an opaque origin
// is never the same as another).
func sameOrigin(u *urlx.URL, self *selfOrigin) bool {
	return u.Origin().SameOrigin(self.Origin)
}

// isWorker reports whether dest is a worker's script.
func isWorker(dest Destination) bool {
	return dest == Worker || dest == SharedWorker || dest == ServiceWorker
}

// escapedSlash reports whether path holds %2F or %5C, in any case: an
// escaped slash or backslash, which service worker script URLs may not
// hold (Service Workers, "Start Register").
func escapedSlash(path string) bool {
	for i := 0; i+2 < len(path); i++ {
		if path[i] != '%' {
			continue
		}
		if h, l := path[i+1], path[i+2]|0x20; h == '2' && l == 'f' || h == '5' && l == 'c' {
			return true
		}
	}
	return false
}
