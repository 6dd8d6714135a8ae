package csptest_test

import (
	"io"
	"net/http"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cspkit/cspkit/csptest"
	"github.com/cspkit/cspkit/internal/corpus"
	"github.com/cspkit/cspkit/match"
)

// TestRecordedMetaPlacement replays what Chromium, Firefox and WebKit did
// with <meta http-equiv="Content-Security-Policy"> elements placed in
// different parts of a document (internal/recorder/meta.js): each page
// fetched a cross-origin URL after load, and the browser either blocked it
// or not. The same document, as an *http.Response body, must give the same
// verdict through csptest: blocked, or no policy at all (Unrestricted).
func TestRecordedMetaPlacement(t *testing.T) {
	files, err := filepath.Glob(corpus.Testdata("meta", "recorded", "*.jsonl"))
	require.NoError(t, err)
	require.Len(t, files, 3)
	n := 0
	type placement struct {
		Case, Browser, Page, Doc, Target string
		Blocked                          bool
	}
	for _, file := range files {
		all, err := corpus.ReadJSONL[placement](file)
		require.NoError(t, err)
		for _, r := range all {
			n++
			t.Run(r.Browser+"/"+r.Case, func(t *testing.T) {
				e, err := match.ParseEngine(r.Browser)
				require.NoError(t, err)
				resp := &http.Response{Header: http.Header{"Content-Type": {"text/html; charset=utf-8"}},
					Body: io.NopCloser(strings.NewReader(r.Doc))}
				fake := newFake(t)
				var ok bool
				if r.Blocked {
					ok = csptest.Of(fake, resp).In(e).BlocksConnect(r.Page, r.Target)
				} else {
					// Every document's one policy blocks the target when it
					// applies: not blocked means no policy applies.
					ok = csptest.Of(fake, resp).In(e).Unrestricted()
				}
				if !ok && r.Case == "comma" && r.Browser == "firefox" {
					// csp.ParseMeta splits at commas as Chromium and WebKit do, and
					// reports comma-in-meta; Firefox reads one policy.
					t.Logf("known divergence: %s", fake.errors)
					return
				}
				assert.True(t, ok, "%s blocked=%v for %s:\n%s", r.Browser, r.Blocked, r.Doc, strings.Join(fake.errors, "\n"))
			})
		}
	}
	assert.GreaterOrEqual(t, n, 51)
}
