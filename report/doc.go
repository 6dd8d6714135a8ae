// Package report builds the Content Security Policy violation reports a
// browser sends when a policy does not allow a request, so that report
// endpoints can be tested with the exact bodies browsers POST.
//
// The browsers' reports are recorded for connect-src requests (from
// fetch, XMLHttpRequest and WebSocket) and for the loads of every other
// destination a page can make (match.Load with match.Script,
// match.Image, match.Frame, match.ServiceWorker...), except those the
// browser never makes (Firefox's and WebKit's manifests, WebKit's
// prefetches) and XSLT style sheets, which a page cannot load. For those a
// browser engine's report is an *UnrecordedError rather than a guess
// (a load the browser never makes is refused by match, so it has none);
// match.Spec builds every fetch destination's, following CSP3. No engine
// builds the reports of form submissions, base URLs or frame-ancestors
// (match.Form, match.Base, match.Ancestor) yet: an *UnrecordedError.
//
// Violations turns one engine's match.Decision into one Violation per
// policy that does not allow the request (enforced and report-only alike;
// two for a report-only service worker in Firefox, none for a report-only
// prefetch in Chromium, as those browsers send them). A Violation
// renders as the two report formats browsers use:
//
//   - ReportURIBody: the body of a report-uri POST, Content-Type
//     application/csp-report: {"csp-report": {"document-uri": ..., ...}}.
//     Each engine writes its own set of keys in its own order (WebKit sends
//     no disposition and no script-sample but adds "type" and "url" around
//     the body; Firefox leaves out empty optional keys and re-serialises
//     the policy; Chromium always sends script-sample). These bodies are
//     checked byte for byte against reports recorded from Chromium 156,
//     Firefox ESR 153 and WebKitGTK 2.50.6 (internal/recorder/reports.js;
//     the bodies did not change from Chromium 148 and Firefox 140).
//   - ReportToEntry: one report of the Reporting API (report-to), type
//     "csp-violation", as delivered with Content-Type
//     application/reports+json inside a JSON array (see ReportToBody).
//
// URLs are stripped as the engine strips them for reports: the fragment
// and any user name and password are removed, and a URL whose scheme the
// engine does not report in full becomes its scheme alone ("data", "blob").
// The browsers cut a frame's or plugin's URL of another origin down to its
// origin (no engine does for other destinations), and Chromium reports a
// data: frame as "". For a blocked redirect the URL first requested is
// reported (OriginalURL), but Chromium's frames and WebKit's frames and
// plugins report the blocked hop, cut to its origin. Firefox reports
// frames, plugins and shared workers with status-code 0, writes
// column-number 1 when no script position is known, and reports a
// report-only service worker twice; Chromium reports no report-only
// violation of a prefetch. Each difference between engines is a
// named rule (engines.go).
package report
