package corpus

import "path/filepath"

// Verdict is one verdict recorded from a real browser by internal/recorder
// (see its README for the fields).
type Verdict struct {
	ID         string `json:"id"`
	Policy     string `json:"policy"`
	ReportOnly string `json:"report_only"`
	Page       string `json:"page"`
	Kind       string `json:"kind"`
	Target     string `json:"target"`
	Redirect   string `json:"redirect"`
	Outcome    string `json:"outcome"` // allowed, blocked, mixed or error
	Directive  string `json:"directive"`
	BlockedURI string `json:"blocked_uri"`
	Detail     string `json:"detail"`
	// Dest is what the page loaded the target as, named as
	// match.ParseDestination reads it ("script", "image", "frame"...);
	// empty for the connect-src sets, whose Kind names the API instead.
	Dest string `json:"dest"`
	// Reached lists the URLs the recorder's server saw for a destination
	// load (each followed by its Sec-Fetch-Dest in parentheses when the
	// browser sent one): empty when the load never arrived.
	Reached []string `json:"reached"`
	// Reported is true when a report-only policy's violation was
	// attributed to the request.
	Reported bool `json:"reported"`
}

// Destination returns the destination name of the verdict: Dest, or
// "connect" for the connect-src sets' verdicts, which have none.
func (v Verdict) Destination() string {
	if v.Dest == "" {
		return "connect"
	}
	return v.Dest
}

// VerdictDir returns the folder of a browser's recorded verdicts.
func VerdictDir(browser string) string { return Testdata(browser) }

// Verdicts reads every current verdict recorded from browser ("chromium",
// "firefox" or "webkit"): each *.jsonl file directly in its folder.
func Verdicts(browser string) ([]Verdict, error) {
	return ReadAll[Verdict](filepath.Join(VerdictDir(browser), "*.jsonl"))
}
