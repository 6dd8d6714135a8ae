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
}

// VerdictDir returns the folder of a browser's recorded verdicts.
func VerdictDir(browser string) string { return Testdata(browser) }

// Verdicts reads every current verdict recorded from browser ("chromium",
// "firefox" or "webkit"): each *.jsonl file directly in its folder.
func Verdicts(browser string) ([]Verdict, error) {
	return ReadAll[Verdict](filepath.Join(VerdictDir(browser), "*.jsonl"))
}
