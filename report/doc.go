// Package report builds the Content Security Policy violation reports a
// browser sends when a policy does not allow a connect-src request, so that
// report endpoints can be tested with the exact bodies browsers POST.
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
//     checked byte for byte against reports recorded from Chromium 148,
//     Firefox 140 and WebKitGTK 2.50 (internal/recorder/reports.js).
//   - ReportToEntry: one report of the Reporting API (report-to), type
//     "csp-violation", as delivered with Content-Type
//     application/reports+json inside a JSON array (see ReportToBody).
//
// URLs are stripped as the engine strips them for reports: the fragment
// and any user name and password are removed, and a URL whose scheme the
// engine does not report in full becomes its scheme alone ("data", "blob").
// For connect-src no engine cuts a cross-origin URL down to its origin
// (they do that only for frame-src and object-src).
package report
