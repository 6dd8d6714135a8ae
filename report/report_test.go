package report_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cspkit/cspkit/csp"
	"github.com/cspkit/cspkit/match"
	"github.com/cspkit/cspkit/report"
)

var update = flag.Bool("update", false, "rewrite the golden files in internal/testdata/reports")

var allEngines = match.WithEngines(match.Spec, match.Chromium, match.Firefox, match.WebKit)

type goldenCase struct {
	name       string
	enforce    string
	reportOnly string
	page       string
	target     string
	dopts      []match.Option
	ropts      []report.Option
}

var goldenCases = []goldenCase{
	{name: "default-src-fallback", enforce: "default-src 'self'; report-uri /csp-reports",
		page: "https://shop.example/cart?id=7#top", target: "https://user:secret@evil.example:8443/x?q=1#frag",
		dopts: []match.Option{match.WithRequest(match.XHR)}},
	{name: "enforce-and-report-only", enforce: "connect-src 'self' https://api.example; report-to csp-endpoint",
		reportOnly: "connect-src 'none'; report-uri https://r.example/a //r.example/b",
		page:       "https://app.example/", target: "wss://push.example/socket"},
	{name: "schemes-stripped", enforce: "connect-src https:",
		page: "https://app.example/", target: "myapp://host/path#x"},
	{name: "source-location-http-page", enforce: "connect-src 'none'; report-uri /r",
		page: "http://intranet.example/admin", target: "/api/users",
		ropts: []report.Option{report.Referrer("http://intranet.example/"), report.StatusCode(404),
			report.Source("http://intranet.example/app.js#L1", 12, 34)}},
	{name: "redirect-reports-original", enforce: "connect-src https://api.example/v1/",
		page: "https://app.example/", target: "https://tracker.example/leak?user=1",
		dopts: []match.Option{match.Redirected()},
		ropts: []report.Option{report.OriginalURL("https://api.example/v1/redirect#x")}},
	{name: "meta-policy", page: "https://app.example/", target: "https://cdn.example/data.json",
		enforce: "meta:connect-src 'self'; report-uri /ignored"},
}

func (c goldenCase) list(t *testing.T) csp.List {
	var lists []csp.List
	if len(c.enforce) > 5 && c.enforce[:5] == "meta:" {
		l, _ := csp.ParseMeta(c.enforce[5:])
		lists = append(lists, l)
	} else if c.enforce != "" {
		l, _ := csp.Parse(c.enforce)
		lists = append(lists, l)
	}
	if c.reportOnly != "" {
		l, _ := csp.ParseReportOnly(c.reportOnly)
		lists = append(lists, l)
	}
	return csp.Join(lists...)
}

func TestGolden(t *testing.T) {
	for _, c := range goldenCases {
		t.Run(c.name, func(t *testing.T) {
			list := c.list(t)
			d, err := match.Connect(list, c.page, c.target, append([]match.Option{allEngines}, c.dopts...)...)
			require.NoError(t, err)
			var vs []report.Violation
			for _, e := range d.Engines {
				one, err := report.Violations(d, append(c.ropts, report.ForEngine(e.Engine()))...)
				require.NoError(t, err)
				vs = append(vs, one...)
			}
			require.NotEmpty(t, vs)
			var got bytes.Buffer
			for _, v := range vs {
				require.True(t, json.Valid(v.ReportURIBody()), "%s", v.ReportURIBody())
				require.True(t, json.Valid(v.ReportToEntry("UA")), "%s", v.ReportToEntry("UA"))
				got.WriteString(`{"engine":"` + v.Engine.String() + `","policy":`)
				got.WriteString(strconv.Itoa(v.Policy))
				got.WriteString(`,"csp-report":`)
				got.Write(v.ReportURIBody())
				got.WriteString(`,"report":`)
				got.Write(v.ReportToEntry("Mozilla/5.0 (test)"))
				got.WriteString("}\n")
			}
			path := filepath.Join("..", "internal", "testdata", "reports", c.name+".jsonl")
			if *update {
				require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
				require.NoError(t, os.WriteFile(path, got.Bytes(), 0o644))
			}
			want, err := os.ReadFile(path)
			require.NoError(t, err, "run go test ./report -update to create the golden file")
			assert.Equal(t, string(want), got.String())
		})
	}
}

func decide(t *testing.T, list csp.List, page, target string, opts ...match.Option) match.Decision {
	t.Helper()
	d, err := match.Connect(list, page, target, opts...)
	require.NoError(t, err)
	return d
}

func TestViolationFields(t *testing.T) {
	list := csp.Join(csp.MustParse("default-src 'self' ; report-uri /a  https://r.example/b not a url:"),
		must(csp.ParseReportOnly("connect-src https:; report-to grp")))
	d := decide(t, list, "https://user:pw@app.example/p#f", "http://evil.example/x#y", match.WithEngine(match.Chromium))
	vs, err := report.Violations(d)
	require.NoError(t, err)
	require.Len(t, vs, 2)
	v := vs[0]
	assert.Equal(t, match.Chromium, v.Engine)
	assert.Equal(t, 0, v.Policy)
	assert.Equal(t, csp.Enforce, v.Disposition)
	assert.Equal(t, "https://app.example/p", v.DocumentURL, "credentials and fragment stripped")
	assert.Equal(t, "http://evil.example/x", v.BlockedURL, "cross-origin URLs are not cut to the origin for connect-src")
	assert.Equal(t, "connect-src", v.EffectiveDirective, "connect-src even when default-src decided")
	assert.Equal(t, "connect-src", v.ViolatedDirective)
	assert.Equal(t, "default-src 'self' ; report-uri /a  https://r.example/b not a url:", v.OriginalPolicy, "the text as received")
	assert.Equal(t, 200, v.StatusCode)
	assert.Equal(t, []string{"https://user:pw@app.example/a", "https://r.example/b", "https://user:pw@app.example/not",
		"https://user:pw@app.example/a", "url:"}, v.ReportURIs, "resolved against the page's URL as browsers do")
	assert.Equal(t, "", v.ReportTo)
	assert.Equal(t, csp.ReportOnly, vs[1].Disposition)
	assert.Equal(t, 1, vs[1].Policy)
	assert.Equal(t, "grp", vs[1].ReportTo)
	assert.Nil(t, vs[1].ReportURIs)

	d = decide(t, list, "https://app.example/", "https://app.example/ok", match.WithEngine(match.Chromium))
	vs, err = report.Violations(d)
	require.NoError(t, err)
	assert.Empty(t, vs, "an allowed request has no violations")
}

func must(l csp.List, _ error) csp.List { return l }

func TestStripPerEngine(t *testing.T) {
	list := csp.MustParse("connect-src 'none'")
	tests := []struct {
		target string
		want   map[string]string
	}{
		{"https://a:b@x.example:444/p?q#f", map[string]string{"spec": "https://x.example:444/p?q", "chromium": "https://x.example:444/p?q",
			"firefox": "https://x.example:444/p?q", "webkit": "https://x.example:444/p?q"}},
		{"wss://x.example/s?t=1", map[string]string{"spec": "https://x.example/s?t=1", "chromium": "wss://x.example/s?t=1",
			"firefox": "wss://x.example/s?t=1", "webkit": "wss://x.example/s?t=1"}},
		{"data:text/plain,hi", map[string]string{"spec": "data", "chromium": "data", "firefox": "data", "webkit": "data"}},
		{"blob:https://app.example/uuid", map[string]string{"spec": "blob", "chromium": "blob", "firefox": "blob", "webkit": "blob"}},
		{"myapp://host/p#f", map[string]string{"spec": "myapp", "chromium": "myapp", "firefox": "myapp", "webkit": "myapp://host/p"}},
	}
	for _, tt := range tests {
		for _, e := range []match.Engine{match.Spec, match.Chromium, match.Firefox, match.WebKit} {
			d := decide(t, list, "https://app.example/", tt.target, match.WithEngine(e), match.WithRequest(match.XHR))
			if d.Refused != "" {
				continue
			}
			vs, err := report.Violations(d)
			require.NoError(t, err)
			require.Len(t, vs, 1, "%s %s", e, tt.target)
			assert.Equal(t, tt.want[e.String()], vs[0].BlockedURL, "%s %s", e, tt.target)
		}
	}
}

func TestViolationsErrors(t *testing.T) {
	list := csp.MustParse("connect-src 'self'")
	d := decide(t, list, "https://app.example/", "https://x.example/", match.Redirected(), match.WithEngine(match.Firefox))
	_, err := report.Violations(d)
	assert.ErrorIs(t, err, report.ErrRedirectNeedsOriginal)

	_, err = report.Violations(d, report.OriginalURL("http://bad host/"))
	var ue *match.URLError
	assert.ErrorAs(t, err, &ue)

	all := decide(t, list, "https://app.example/", "https://x.example/")
	_, err = report.Violations(all)
	assert.EqualError(t, err, "report: the decision was made by Chromium, Firefox, WebKit, and each sends its own reports: choose one with report.ForEngine")
	_, err = report.Violations(all, report.ForEngine(match.Spec))
	assert.EqualError(t, err, "report: CSP3 spec did not decide: the decision was made by Chromium, Firefox, WebKit; decide with match.WithEngine or match.WithEngines naming it")
	vs, err := report.Violations(all, report.ForEngine(match.WebKit))
	require.NoError(t, err)
	require.Len(t, vs, 1, "one violation for one request in one engine")
	assert.Equal(t, match.WebKit, vs[0].Engine)

	refused := decide(t, list, "https://app.example/", "https://u:p@x.example/", match.WithRequest(match.Fetch), match.WithEngine(match.Chromium))
	vs, err = report.Violations(refused)
	require.NoError(t, err)
	assert.Empty(t, vs, "fetch refuses credentials before CSP runs: nothing to report")
}

func TestReportsRequest(t *testing.T) {
	list := csp.MustParse("connect-src 'self'; report-uri /csp")
	d := decide(t, list, "https://app.example/", "https://evil.example/", match.WithEngine(match.Chromium))
	vs, err := report.Violations(d)
	require.NoError(t, err)
	require.Len(t, vs, 1)

	var gotType, gotUA string
	var gotBody []byte
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		gotType, gotUA = r.Header.Get("Content-Type"), r.Header.Get("User-Agent")
		gotBody, _ = io.ReadAll(r.Body)
		w.WriteHeader(http.StatusNoContent)
	})

	req, err := report.NewReportURIRequest(vs[0].ReportURIs[0], vs[0])
	require.NoError(t, err)
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	assert.Equal(t, http.MethodPost, req.Method)
	assert.Equal(t, "https://app.example/csp", req.URL.String())
	assert.Equal(t, report.CSPReportType, gotType)
	var body struct {
		Report map[string]any `json:"csp-report"`
	}
	require.NoError(t, json.Unmarshal(gotBody, &body))
	assert.Equal(t, "https://evil.example/", body.Report["blocked-uri"])
	assert.Equal(t, "enforce", body.Report["disposition"])

	req, err = report.NewReportToRequest("https://app.example/reports", "UA/1", vs...)
	require.NoError(t, err)
	h.ServeHTTP(rec, req)
	assert.Equal(t, report.ReportsType, gotType)
	assert.Equal(t, "UA/1", gotUA)
	var reports []struct {
		Type string         `json:"type"`
		URL  string         `json:"url"`
		Body map[string]any `json:"body"`
	}
	require.NoError(t, json.Unmarshal(gotBody, &reports))
	require.Len(t, reports, 1)
	assert.Equal(t, "csp-violation", reports[0].Type)
	assert.Equal(t, "https://app.example/", reports[0].URL)
	assert.Equal(t, "https://evil.example/", reports[0].Body["blockedURL"])
	assert.Nil(t, reports[0].Body["sourceFile"])

	_, err = report.NewReportURIRequest("://bad", vs[0])
	assert.Error(t, err)
}

// TestViolationsDestinations checks that Spec builds every destination's
// report and a browser engine exactly those of the destinations whose
// reports were recorded from it (internal/testdata/reports/recorded).
func TestViolationsDestinations(t *testing.T) {
	recorded := recordedDestinations(t)
	require.Len(t, recorded, 3)
	list := csp.MustParse("default-src 'self'; script-src https://cdn.example; report-uri /r")
	page := "https://app.example/p#x"
	for _, dest := range match.Destinations() {
		t.Run(dest.String(), func(t *testing.T) {
			// Workers load only same-origin scripts: script-src blocks
			// theirs.
			host := "https://evil.example"
			switch dest {
			case match.Worker, match.SharedWorker, match.ServiceWorker:
				host = "https://app.example"
			}
			if dest == match.Form || dest == match.Base || dest == match.Ancestor {
				// Not built for any engine: a wrong report is worse than
				// none.
				list := csp.MustParse("form-action 'self'; base-uri 'self'; frame-ancestors 'self'; report-uri /r")
				for _, e := range append(match.Browsers(), match.Spec) {
					d, err := match.Load(list, page, host+"/a", dest, match.WithEngine(e))
					require.NoError(t, err)
					require.False(t, d.Allowed, "%s: %s", e, d)
					vs, err := report.Violations(d)
					var ue *report.UnrecordedError
					require.ErrorAs(t, err, &ue, "%s", e)
					assert.Empty(t, vs)
					assert.Contains(t, ue.Error(), "not built yet")
				}
				return
			}
			d, err := match.Load(list, page, host+"/a#f", dest, match.WithEngine(match.Spec))
			require.NoError(t, err)
			vs, err := report.Violations(d)
			require.NoError(t, err, "CSP3 defines every destination's report")
			require.Len(t, vs, 1)
			assert.Equal(t, dest.EffectiveDirective(), vs[0].EffectiveDirective, "the effective directive, not the fallback that decided")
			assert.Equal(t, vs[0].EffectiveDirective, vs[0].ViolatedDirective)
			assert.Equal(t, host+"/a", vs[0].BlockedURL)
			assert.Contains(t, string(vs[0].ReportURIBody()), `"effective-directive":"`+dest.EffectiveDirective()+`"`)

			for _, e := range match.Browsers() {
				d, err := match.Load(list, page, host+"/a", dest, match.WithEngine(e))
				require.NoError(t, err)
				vs, err := report.Violations(d)
				if recorded[e.String()][dest] {
					require.NoError(t, err, "%s: recorded", e)
					assert.Len(t, vs, 1)
					continue
				}
				if d.Refused != "" {
					// The browser never makes this load (Firefox's and
					// WebKit's manifests, WebKit's prefetches): no report.
					require.NoError(t, err, d.Refused)
					assert.Empty(t, vs)
					continue
				}
				var ue *report.UnrecordedError
				require.ErrorAs(t, err, &ue, "%s: a browser's report not recorded is not guessed", e)
				assert.Equal(t, report.UnrecordedError{Engine: e, Destination: dest}, *ue)
				assert.Empty(t, vs)
				assert.Contains(t, err.Error(), "are not recorded yet")
			}
		})
	}
}
