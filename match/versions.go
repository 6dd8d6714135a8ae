package match

// provenVersions are the browser versions whose recorded verdicts the
// browser engines agree with: the versions Debian served on the recording
// date, as internal/testdata/<engine>/*meta.json name them (the product
// prefix left out). TestVersionsMatchRecordings keeps them in step with the
// recordings.
var provenVersions = map[string]string{
	"chromium": "156.0.8078.114",
	"firefox":  "153.8.0",
	"webkit":   "2.50.6-1~deb12u2",
}

// provenDate is when the verdicts were recorded.
const provenDate = "2026-12-04"

// Version returns the version of the browser whose recorded verdicts the
// engine is checked against, such as "156.0.8078.114" for Chromium (for
// WebKit, WebKitGTK's version with its Debian revision), or "" for Spec,
// which follows the CSP3 text. Other versions may behave differently; the
// README lists what changed between the versions recorded so far.
func (e Engine) Version() string { return provenVersions[e.profile().name] }

// RecordedOn returns the date (YYYY-MM-DD) the engine's browser verdicts
// were recorded, or "" for Spec.
func (e Engine) RecordedOn() string {
	if e.Version() == "" {
		return ""
	}
	return provenDate
}
