// Package report builds the Content Security Policy violation reports a
// browser sends when a policy does not allow a request, so that report
// endpoints can be tested with the exact bodies browsers POST.
//
// The browsers' reports are recorded for connect-src requests (fetch,
// XHR, WebSocket, EventSource, beacons, pings); for a decision about
// another destination (match.Load with match.Script, match.Image...) only
// match.Spec's reports are built, following CSP3, and a browser engine's
// is an *UnrecordedError rather than a guess.
//
// Violations turns one engine's match.Decision into one Violation per
// policy that does not allow the request (enforced and report-only alike). A Violation
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
// For connect-src no engine cuts a cross-origin URL down to its origin.
// Each difference between engines is a named rule (engines.go).
package report
