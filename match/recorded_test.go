package match_test

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cspkit/cspkit/csp"
	"github.com/cspkit/cspkit/internal/corpus"
	"github.com/cspkit/cspkit/match"
)

// documented reads the case ids listed as known divergences in the corpus
// folder's README: table rows starting with "| <id> |", ids such as c000123 or h000123.
func documented(t *testing.T, dir string) map[string]bool {
	out := map[string]bool{}
	raw, err := os.ReadFile(filepath.Join(dir, "README.md"))
	if os.IsNotExist(err) {
		return out
	}
	require.NoError(t, err)
	re := regexp.MustCompile(`(?m)^\|\s*([a-z]+\d+)\s*\|`)
	for _, m := range re.FindAllStringSubmatch(string(raw), -1) {
		out[m[1]] = true
	}
	return out
}

// replay decides a recorded case as the engine models it: "allowed",
// "blocked" or "refused" (the API rejects the URL before CSP runs).
func replay(c corpus.Verdict, e match.Engine) (string, string, error) {
	list, _ := csp.Parse(c.Policy)
	if c.ReportOnly != "" {
		ro, _ := csp.ParseReportOnly(c.ReportOnly)
		list = csp.Join(list, ro)
	}
	req, err := match.ParseRequest(c.Kind)
	if err != nil {
		return "", "", err
	}
	opts := []match.Option{match.WithEngine(e), match.WithRequest(req)}
	d, err := match.Connect(list, c.Page, c.Target, opts...)
	if err != nil {
		return "", "", err
	}
	if d.Refused != "" {
		return "refused", d.String(), nil
	}
	if !d.CSPAllowed || c.Redirect == "" {
		return verdictOf(d), d.String(), nil
	}
	hop, err := match.Connect(list, c.Page, c.Redirect, append(opts, match.Redirected())...)
	if err != nil {
		return "", "", err
	}
	if hop.Refused != "" {
		return "refused", hop.String(), nil
	}
	return verdictOf(hop), "redirect: " + hop.String(), nil
}

// verdictOf is the CSP verdict: the recorder tells CSP blocks apart from
// mixed-content blocks, which come after.
func verdictOf(d match.Decision) string {
	if d.CSPAllowed {
		return "allowed"
	}
	return "blocked"
}

// TestRecordedBrowsers replays the verdicts recorded from real browsers
// against the engine that models each. Cases the browser refused before
// CSP ran are excluded and counted. A disagreement fails unless the corpus
// README documents that case; the library may never allow what the browser
// blocked.
func TestRecordedBrowsers(t *testing.T) {
	for _, e := range match.Browsers() {
		t.Run(e.String(), func(t *testing.T) {
			dir := corpus.VerdictDir(e.String())
			cases, err := corpus.Verdicts(e.String())
			require.NoError(t, err)
			known := documented(t, dir)
			counts := map[string]int{}
			var mismatched []string
			for _, c := range cases {
				got, why, err := replay(c, e)
				require.NoError(t, err, "case %s: %+v", c.ID, c)
				want := c.Outcome
				if want == "mixed" {
					want = "allowed" // CSP allowed it; mixed-content blocking came after
				}
				switch {
				case want == "error":
					counts["excluded: browser error before CSP"]++
					// The model must know the refusal too, but for blob:
					// URLs the recorder invents (no such blob exists, which
					// Firefox rejects before CSP; a real one is checked).
					if got != "refused" && !strings.HasPrefix(c.Target, "blob:") {
						assert.Fail(t, "refusal not modelled", "case %s: %s refused it before CSP (%s), model says %s: %+v", c.ID, e, c.Detail, got, c)
					}
					continue
				case got == "refused":
					// The model says the API refuses it before CSP: the
					// browser shows no CSP violation either way.
					counts["excluded: refused before CSP (model)"]++
					assert.NotEqual(t, "blocked", want, "case %s: model refuses, browser blocked by CSP: %+v", c.ID, c)
					continue
				}
				counts[want]++
				if got == want {
					assert.False(t, known[c.ID], "case %s agrees now: remove it from %s/README.md", c.ID, dir)
					continue
				}
				assert.False(t, got == "allowed" && want == "blocked",
					"case %s: library allows what %s blocked: %+v\n%s", c.ID, e, c, why)
				if !known[c.ID] {
					mismatched = append(mismatched, c.ID)
					assert.Fail(t, "disagreement", "case %s: %s recorded %s, model says %s: %+v\n%s", c.ID, e, want, got, c, why)
				}
			}
			t.Logf("%s: %d cases: %v; undocumented disagreements: %d", e, len(cases), counts, len(mismatched))
			assert.GreaterOrEqual(t, len(cases), 5000, "the corpus must hold at least 5,000 cases")
		})
	}
}
