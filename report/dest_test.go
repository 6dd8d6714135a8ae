package report_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cspkit/cspkit/csp"
	"github.com/cspkit/cspkit/match"
	"github.com/cspkit/cspkit/report"
)

// TestDestinationRules checks each engine's per-destination reporting
// rules: blocked URLs cut to their origin or to "", the hop reported for a
// redirect, status-code 0, column-number 1 and the second report of a
// report-only service worker.
func TestDestinationRules(t *testing.T) {
	const page = "http://app.test/p?x=1#f"
	type want struct {
		blocked string
		status  int
		column  int
		n       int // violations built (default 1; -1: none)
	}
	tests := []struct {
		name     string
		policy   string // enforced, unless reportOnly
		ro       bool
		target   string
		redirect string // the blocked hop, when target redirected there
		dest     match.Destination
		engines  map[match.Engine]want
	}{
		{
			name: "cross-origin frame: origin only", policy: "frame-src 'self'", dest: match.Frame,
			target: "http://cdn.test:81/a/b?q=1#h",
			engines: map[match.Engine]want{
				match.Spec:     {blocked: "http://cdn.test:81/a/b?q=1", status: 200},
				match.Chromium: {blocked: "http://cdn.test:81", status: 200},
				match.Firefox:  {blocked: "http://cdn.test:81", column: 1},
			},
		},
		{
			name: "same-origin frame: whole URL", policy: "frame-src 'none'", dest: match.Frame,
			target: "/a/b?q=1#h",
			engines: map[match.Engine]want{
				match.Chromium: {blocked: "http://app.test/a/b?q=1", status: 200},
				match.Firefox:  {blocked: "http://app.test/a/b?q=1", column: 1},
			},
		},
		{
			name: "cross-origin object: origin only", policy: "object-src 'self'", dest: match.Object,
			target: "https://user:pw@cdn.test/a#h",
			engines: map[match.Engine]want{
				match.Spec:     {blocked: "https://cdn.test/a", status: 200},
				match.Chromium: {blocked: "https://cdn.test", status: 200},
				match.Firefox:  {blocked: "https://cdn.test", column: 1},
			},
		},
		{
			name: "cross-origin script: whole URL", policy: "script-src 'self'", dest: match.Script,
			target: "http://cdn.test/a?q=1#h",
			engines: map[match.Engine]want{
				match.Chromium: {blocked: "http://cdn.test/a?q=1", status: 200},
				match.Firefox:  {blocked: "http://cdn.test/a?q=1", status: 200, column: 1},
			},
		},
		{
			name: "data: frame", policy: "frame-src 'self'", dest: match.Frame, target: "data:text/html,x",
			engines: map[match.Engine]want{
				match.Spec:     {blocked: "data", status: 200},
				match.Chromium: {blocked: "", status: 200},
				match.Firefox:  {blocked: "data", column: 1},
			},
		},
		{
			name: "data: object", policy: "object-src 'self'", dest: match.Object, target: "data:text/html,x",
			engines: map[match.Engine]want{
				match.Chromium: {blocked: "data", status: 200},
			},
		},
		{
			name: "frame redirect: the original URL, or the hop's origin", policy: "frame-src 'self'", dest: match.Frame,
			target: "/go?to=x#f", redirect: "http://cdn.test/r?z=1#h",
			engines: map[match.Engine]want{
				match.Spec:     {blocked: "http://app.test/go?to=x", status: 200},
				match.Chromium: {blocked: "http://cdn.test", status: 200},
				match.Firefox:  {blocked: "http://app.test/go?to=x", column: 1},
			},
		},
		{
			name: "cross-origin frame redirect: the original's origin", policy: "frame-src 'self' http://cdn.test", dest: match.Frame,
			target: "http://cdn.test/go?to=x", redirect: "http://evil.test/r",
			engines: map[match.Engine]want{
				match.Chromium: {blocked: "http://evil.test", status: 200},
				match.Firefox:  {blocked: "http://cdn.test", column: 1},
			},
		},
		{
			name: "image redirect: the original URL", policy: "img-src 'self' http://cdn.test", dest: match.Image,
			target: "http://cdn.test/go?to=x#f", redirect: "http://evil.test/r",
			engines: map[match.Engine]want{
				match.Chromium: {blocked: "http://cdn.test/go?to=x", status: 200},
				match.Firefox:  {blocked: "http://cdn.test/go?to=x", status: 200, column: 1},
			},
		},
		{
			name: "shared worker", policy: "worker-src 'none'", dest: match.SharedWorker, target: "/w.js?q#f",
			engines: map[match.Engine]want{
				match.Chromium: {blocked: "http://app.test/w.js?q", status: 200},
				match.Firefox:  {blocked: "http://app.test/w.js?q", column: 1},
			},
		},
		{
			name: "dedicated worker", policy: "worker-src 'none'", dest: match.Worker, target: "/w.js",
			engines: map[match.Engine]want{
				match.Firefox: {blocked: "http://app.test/w.js", status: 200, column: 1},
			},
		},
		{
			name: "enforced service worker: one report", policy: "worker-src 'none'", dest: match.ServiceWorker,
			target: "/sw.js",
			engines: map[match.Engine]want{
				match.Chromium: {blocked: "http://localhost/sw.js", status: 200},
				match.Firefox:  {blocked: "http://localhost/sw.js", status: 200, column: 1},
			},
		},
		{
			name: "report-only prefetch: not reported by Chromium", policy: "default-src 'self'", ro: true,
			dest: match.Prefetch, target: "http://cdn.test/x",
			engines: map[match.Engine]want{
				match.Spec:     {blocked: "http://cdn.test/x", status: 200},
				match.Chromium: {n: -1},
				match.Firefox:  {blocked: "http://cdn.test/x", status: 200, column: 1},
			},
		},
		{
			name: "report-only service worker: Firefox reports twice", policy: "worker-src 'none'", ro: true,
			dest: match.ServiceWorker, target: "/sw.js",
			engines: map[match.Engine]want{
				match.Chromium: {blocked: "http://localhost/sw.js", status: 200},
				match.Firefox:  {blocked: "http://localhost/sw.js", status: 200, column: 1, n: 2},
			},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			pg := page
			if tc.dest == match.ServiceWorker {
				pg = "http://localhost/p" // a secure context over http
			}
			parse := csp.Parse
			if tc.ro {
				parse = csp.ParseReportOnly
			}
			list, err := parse(tc.policy + "; report-uri /r")
			require.NoError(t, err)
			for e, w := range tc.engines {
				opts := []match.Option{match.WithEngine(e)}
				target := tc.target
				var ropts []report.Option
				if tc.redirect != "" {
					target = tc.redirect
					opts = append(opts, match.Redirected())
					ropts = append(ropts, report.OriginalURL(tc.target))
				}
				d, err := match.Load(list, pg, target, tc.dest, opts...)
				require.NoError(t, err)
				vs, err := report.Violations(d, ropts...)
				require.NoError(t, err, e.String())
				n := w.n
				switch n {
				case -1: // none
					assert.Empty(t, vs, "%s: %s", e, d)
					continue
				case 0:
					n = 1
				}
				require.Len(t, vs, n, "%s: %s", e, d)
				assert.Equal(t, w.blocked, vs[0].BlockedURL, e.String())
				assert.Equal(t, w.status, vs[0].StatusCode, e.String())
				assert.Equal(t, w.column, vs[0].ColumnNumber, e.String())
				if n == 2 {
					// the second report comes from the script's fetch:
					// no position, no status
					assert.Equal(t, vs[0].BlockedURL, vs[1].BlockedURL)
					assert.Equal(t, 0, vs[1].StatusCode)
					assert.Equal(t, "", vs[1].SourceFile)
					assert.Equal(t, w.column, vs[1].ColumnNumber)
				}
			}
		})
	}
}

// TestDestinationRulesSource checks that a known script position replaces
// Firefox's column-number 1 and that the refetch report of a report-only
// service worker never carries it.
func TestDestinationRulesSource(t *testing.T) {
	list, err := csp.ParseReportOnly("worker-src 'none'; report-uri /r")
	require.NoError(t, err)
	d, err := match.Load(list, "http://localhost/p", "/sw.js", match.ServiceWorker, match.WithEngine(match.Firefox))
	require.NoError(t, err)
	vs, err := report.Violations(d, report.Source("http://localhost/app.js#x", 7, 9))
	require.NoError(t, err)
	require.Len(t, vs, 2)
	assert.Equal(t, "http://localhost/app.js", vs[0].SourceFile)
	assert.Equal(t, [2]int{7, 9}, [2]int{vs[0].LineNumber, vs[0].ColumnNumber})
	assert.Equal(t, 200, vs[0].StatusCode)
	assert.Equal(t, "", vs[1].SourceFile)
	assert.Equal(t, [2]int{0, 1}, [2]int{vs[1].LineNumber, vs[1].ColumnNumber})
	assert.Equal(t, 0, vs[1].StatusCode)
	assert.Contains(t, string(vs[1].ReportURIBody()), `"column-number":1,`)
	assert.NotContains(t, string(vs[1].ReportURIBody()), `line-number`)
}
