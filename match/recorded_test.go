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
// "blocked" or "refused" (the API rejects the URL before CSP runs). A
// connect-src case is decided by Connect with its request kind; a
// destination load by Load with its destination.
func replay(c corpus.Verdict, e match.Engine) (string, string, error) {
	list := recordedList(c)
	dest, err := match.ParseDestination(c.Destination())
	if err != nil {
		return "", "", err
	}
	opts := []match.Option{match.WithEngine(e)}
	if dest == match.Connection {
		req, err := match.ParseRequest(c.Kind)
		if err != nil {
			return "", "", err
		}
		opts = append(opts, match.WithRequest(req))
	}
	d, err := match.Load(list, c.Page, c.Target, dest, opts...)
	if err != nil {
		return "", "", err
	}
	if d.Refused != "" {
		return "refused", d.String(), nil
	}
	if !d.CSPAllowed || c.Redirect == "" {
		return verdictOf(d), d.String(), nil
	}
	hop, err := match.Load(list, c.Page, c.Redirect, dest, append(opts, match.Redirected())...)
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
// against the engine that models each, one subtest per browser and
// destination ("connect" for the connect-src sets). Cases the browser
// refused before CSP ran (or never loaded) are excluded and counted. A
// disagreement fails unless the corpus README documents that case; the
// library may never allow what the browser blocked.
func TestRecordedBrowsers(t *testing.T) {
	for _, e := range match.Browsers() {
		t.Run(e.String(), func(t *testing.T) {
			dir := corpus.VerdictDir(e.String())
			cases, err := corpus.Verdicts(e.String())
			require.NoError(t, err)
			known := documented(t, dir)
			byDest := map[string][]corpus.Verdict{}
			for _, c := range cases {
				byDest[c.Destination()] = append(byDest[c.Destination()], c)
			}
			loads := 0
			for _, d := range match.Destinations() {
				if d == match.XSLT {
					// Not recorded: an XSLT style sheet is loaded by an XML
					// document's <?xml-stylesheet?>, which the recorder's
					// HTML pages cannot make.
					continue
				}
				if d == match.Form || d == match.Base || d == match.Ancestor {
					// Not in the destination corpus: form submissions, base
					// URLs and frame-ancestors are recorded by the
					// navigation recorder (issue 13), and decided from the
					// spec and the browsers' sources until then.
					continue
				}
				list := byDest[d.String()]
				if d != match.Connection {
					loads += len(list)
				}
				t.Run(d.String(), func(t *testing.T) {
					require.NotEmpty(t, list, "no %s records for %s", d, e)
					replayAll(t, e, dir, known, list)
				})
			}
			assert.GreaterOrEqual(t, len(byDest["connect"]), 5000, "the connect-src corpus must hold at least 5,000 cases")
			assert.GreaterOrEqual(t, loads, 5000, "the destination corpus must hold at least 5,000 cases")
		})
	}
}

// replayAll replays one destination's records of one browser.
func replayAll(t *testing.T, e match.Engine, dir string, known map[string]bool, cases []corpus.Verdict) {
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
	t.Logf("%s %s: %d cases: %v; undocumented disagreements: %d", e, cases[0].Destination(), len(cases), counts, len(mismatched))
}

// TestRecordedLoadsMixedContent checks the model's mixed-content verdict
// (Decision.Allowed against CSPAllowed) on what the recorder's server saw
// of each destination load CSP let through: a load the server saw must be
// allowed, and one the browser blocked as mixed content (a Chromium
// console message) and the server never saw must not be, unless its URL
// was one the recorder cannot serve once upgraded (an http: port other
// than 80: the recorder serves https: on 443 and 8443 only).
func TestRecordedLoadsMixedContent(t *testing.T) {
	for _, e := range match.Browsers() {
		t.Run(e.String(), func(t *testing.T) {
			cases, err := corpus.Verdicts(e.String())
			require.NoError(t, err)
			checked := 0
			for _, c := range cases {
				if c.Destination() == "connect" || c.Outcome != "allowed" && c.Outcome != "mixed" {
					continue
				}
				d, err := finalDecision(c, e)
				require.NoError(t, err, c.ID)
				if d.Refused != "" {
					continue
				}
				reached := len(c.Reached) > 0
				if c.Redirect != "" {
					reached = len(c.Reached) > 1
				}
				switch {
				case reached:
					checked++
					assert.True(t, d.Allowed, "case %s: %s loaded it (the server saw %v); the model blocks it: %s", c.ID, e, c.Reached, d)
				case c.Outcome == "mixed" && servedOnceUpgraded(c.Target):
					checked++
					assert.False(t, d.Allowed, "case %s: %s blocked it as mixed content; the model allows it: %s", c.ID, e, d)
				}
			}
			assert.Greater(t, checked, 1000, "loads checked for mixed content")
		})
	}
}

// finalDecision is the model's decision on a recorded load's last hop: the
// redirect target when the first hop goes through and redirects.
func finalDecision(c corpus.Verdict, e match.Engine) (match.Decision, error) {
	list := recordedList(c)
	dest, err := match.ParseDestination(c.Destination())
	if err != nil {
		return match.Decision{}, err
	}
	d, err := match.Load(list, c.Page, c.Target, dest, match.WithEngine(e))
	if err != nil || c.Redirect == "" || !d.Allowed {
		return d, err
	}
	return match.Load(list, c.Page, c.Redirect, dest, match.WithEngine(e), match.Redirected())
}

// servedOnceUpgraded reports whether the recorder's server answers target
// after an upgrade to https: an http: URL on port 80.
func servedOnceUpgraded(target string) bool {
	u, err := match.ParseURL(target)
	return err == nil && u.Scheme() == "http" && u.Port() == -1
}

// TestRecordedReportOnly checks the report-only verdicts: for every
// recorded request CSP let through under a report-only policy, the model
// has a report-only violation exactly when the browser fired one
// (`reported`), on the first hop or the redirect hop.
func TestRecordedReportOnly(t *testing.T) {
	for _, e := range match.Browsers() {
		t.Run(e.String(), func(t *testing.T) {
			cases, err := corpus.Verdicts(e.String())
			require.NoError(t, err)
			checked := 0
			for _, c := range cases {
				if c.ReportOnly == "" || c.Outcome == "error" || c.Outcome == "blocked" {
					continue
				}
				list := recordedList(c)
				dest, err := match.ParseDestination(c.Destination())
				require.NoError(t, err)
				opts := []match.Option{match.WithEngine(e)}
				if dest == match.Connection {
					req, err := match.ParseRequest(c.Kind)
					require.NoError(t, err)
					opts = append(opts, match.WithRequest(req))
				}
				d, err := match.Load(list, c.Page, c.Target, dest, opts...)
				require.NoError(t, err, c.ID)
				if d.Refused != "" {
					continue
				}
				reported := len(d.Violations()) > 0
				if c.Redirect != "" && d.CSPAllowed && !reported {
					hop, err := match.Load(list, c.Page, c.Redirect, dest, append(opts, match.Redirected())...)
					require.NoError(t, err, c.ID)
					reported = len(hop.Violations()) > 0
				}
				checked++
				assert.Equal(t, c.Reported, reported, "case %s: %s fired a report-only violation: %v; the model: %s", c.ID, e, c.Reported, d)
			}
			assert.Greater(t, checked, 500, "report-only cases checked")
		})
	}
}

// recordedList returns the policies a recorded case's page was served
// with: its enforced and its report-only ones. Parse problems are part of
// what was recorded, so they are not errors here.
func recordedList(c corpus.Verdict) csp.List {
	list, _ := csp.Parse(c.Policy)
	if c.ReportOnly != "" {
		ro, _ := csp.ParseReportOnly(c.ReportOnly)
		list = csp.Join(list, ro)
	}
	return list
}
