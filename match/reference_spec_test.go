package match_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cspkit/cspkit/csp"
	"github.com/cspkit/cspkit/internal/corpus"
	"github.com/cspkit/cspkit/match"
)

// fetchDestination is the Fetch standard's name of each destination, as
// the reference reads it.
var fetchDestination = map[match.Destination]string{
	match.Connection: "", match.Script: "script", match.Style: "style", match.Image: "image",
	match.Font: "font", match.Media: "audio", match.Track: "track", match.Object: "object", match.Frame: "iframe",
	match.Worker: "worker", match.SharedWorker: "sharedworker", match.ServiceWorker: "serviceworker",
	match.Manifest: "manifest", match.XSLT: "xslt", match.Prefetch: "prefetch",
	match.Form: "form", match.Base: "base", match.Ancestor: "ancestor",
}

// specAgrees decides one request with match.Spec and with the literal
// reference (reference_test.go) and reports whether they agree; refused
// requests (CSP never runs) and unparsable URLs count as agreeing.
func specAgrees(list csp.List, page, target string, redirected bool) (agree bool, decided bool, why string) {
	return specAgreesAs(list, page, target, redirected, match.Connection)
}

// specAgreesAs is specAgrees for a load of destination dest.
func specAgreesAs(list csp.List, page, target string, redirected bool, dest match.Destination) (agree bool, decided bool, why string) {
	opts := []match.Option{match.WithEngine(match.Spec)}
	if redirected {
		opts = append(opts, match.Redirected())
	}
	d, err := match.Load(list, page, target, dest, opts...)
	if err != nil || d.Refused != "" {
		return true, false, ""
	}
	want := refAllowedAs(list, d.Page(), d.Target(), redirected, fetchDestination[dest])
	return d.CSPAllowed == want, true, d.String()
}

// TestSpecAgreesWithReference checks match.Spec against the literal CSP3
// reference on the conformance vectors, every recorded browser case and
// the header corpus.
func TestSpecAgreesWithReference(t *testing.T) {
	n := 0
	dests := match.Destinations()
	check := func(what, policy, reportOnly, page, target string, redirected bool) {
		list, _ := csp.Parse(policy)
		if reportOnly != "" {
			ro, _ := csp.ParseReportOnly(reportOnly)
			list = csp.Join(list, ro)
		}
		// A connect request, and one other destination in turn.
		for _, dest := range []match.Destination{match.Connection, dests[1+n%(len(dests)-1)]} {
			agree, decided, why := specAgreesAs(list, page, target, redirected, dest)
			if decided {
				n++
			}
			assert.True(t, agree, "%s: %s: policy %q page %s target %s redirected %v: match.Spec says %s", what, dest, policy, page, target, redirected, why)
		}
	}
	vectors, err := corpus.Vectors()
	require.NoError(t, err)
	for i, v := range vectors {
		check("vector "+v.Rule, v.Policy, "", v.Origin, v.URL, v.Redirected)
		_ = i
	}
	for _, b := range []string{"chromium", "firefox", "webkit"} {
		cases, err := corpus.Verdicts(b)
		require.NoError(t, err)
		for _, c := range cases {
			check(b+" case "+c.ID, c.Policy, c.ReportOnly, c.Page, c.Target, false)
			if c.Redirect != "" {
				check(b+" case "+c.ID+" redirect", c.Policy, c.ReportOnly, c.Page, c.Redirect, true)
			}
		}
		break // the three corpora share their cases
	}
	headers, err := corpus.Load()
	require.NoError(t, err)
	for _, c := range headers {
		for _, target := range append(append([]string{}, c.Allowed...), c.Blocked...) {
			if c.ReportOnly() {
				check("header "+c.Name, "", c.Value, c.Page, target, false)
			} else {
				check("header "+c.Name, c.Value, "", c.Page, target, false)
			}
		}
	}
	assert.Greater(t, n, 15000)
}

// FuzzSpecAgreesWithReference checks match.Spec against the literal CSP3
// reference on any policy, page and target.
func FuzzSpecAgreesWithReference(f *testing.F) {
	vectors, err := corpus.Vectors()
	require.NoError(f, err)
	for _, v := range vectors {
		f.Add(v.Policy, v.Origin, v.URL, v.Redirected)
	}
	f.Add("connect-src ws://a.example/%2F 'self'; upgrade-insecure-requests", "https://a.example:8443/", "ws://a.example/%2f", false)
	f.Fuzz(func(t *testing.T, policy, page, target string, redirected bool) {
		list, _ := csp.Parse(policy)
		for _, dest := range match.Destinations() {
			if agree, _, why := specAgreesAs(list, page, target, redirected, dest); !agree {
				t.Fatalf("%s: policy %q page %q target %q redirected %v: match.Spec says %s; the reference disagrees", dest, policy, page, target, redirected, why)
			}
		}
	})
}
