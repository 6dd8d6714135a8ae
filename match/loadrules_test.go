package match_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cspkit/cspkit/csp"
	"github.com/cspkit/cspkit/match"
)

// TestLoadSwitches checks the per-destination behaviors found by recording
// (internal/testdata/*/dest.jsonl; the ids name a recorded case showing
// each): what each engine decides, and that AllowsLoad agrees with Load.
func TestLoadSwitches(t *testing.T) {
	type want struct {
		chromium, firefox, webkit string // "allowed", "blocked" or "refused"
	}
	cases := []struct {
		name, policy, reportOnly, page, target string
		dest                                   match.Destination
		redirected                             bool
		want                                   want
	}{
		// prefetch-check (d000610, d000612): Blink asks every fetch directive.
		{"prefetch: another directive allows", "default-src 'none'; img-src *", "", "https://a.example/", "https://cdn.example/x", match.Prefetch, false,
			want{"allowed", "blocked", "refused"}},
		{"prefetch: no directive allows", "default-src 'none'; img-src 'none'", "", "https://a.example/", "https://cdn.example/x", match.Prefetch, false,
			want{"blocked", "blocked", "refused"}},
		{"prefetch: prefetch-src is no directive", "default-src 'none'; prefetch-src *", "", "https://a.example/", "https://cdn.example/x", match.Prefetch, false,
			want{"blocked", "blocked", "refused"}},
		{"prefetch: without default-src", "script-src 'none'", "", "https://a.example/", "https://cdn.example/x", match.Prefetch, false,
			want{"allowed", "allowed", "refused"}},
		// prefetch-network-only (d005105, d005107): Firefox prefetches no data: URL.
		{"prefetch: data: URL", "default-src 'self' data:", "", "https://a.example/", "data:text/plain,ok", match.Prefetch, false,
			want{"allowed", "refused", "refused"}},
		{"prefetch: data: URL, blocked", "default-src 'none'", "", "https://a.example/", "data:text/plain,ok", match.Prefetch, false,
			want{"blocked", "refused", "refused"}},
		// self-blob-in-frame-src (reports/recorded/webkit.jsonl iframe-blob; d004992):
		// WebKit's frame-src 'self' matches a blob: of the page's origin, default-src 'self' does not.
		{"frame: blob: under frame-src 'self'", "frame-src 'self'", "", "https://a.example/", "blob:https://a.example/00000000-0000-4000-8000-000000000000", match.Frame, false,
			want{"blocked", "blocked", "allowed"}},
		{"frame: blob: under default-src 'self'", "default-src 'self'", "", "https://a.example/", "blob:https://a.example/00000000-0000-4000-8000-000000000000", match.Frame, false,
			want{"blocked", "blocked", "blocked"}},
		{"frame: blob: of another origin under frame-src 'self'", "frame-src 'self'", "", "https://a.example/", "blob:https://b.example/00000000-0000-4000-8000-000000000000", match.Frame, false,
			want{"blocked", "blocked", "blocked"}},
		{"image: blob: under img-src 'self'", "img-src 'self'", "", "https://a.example/", "blob:https://a.example/00000000-0000-4000-8000-000000000000", match.Image, false,
			want{"blocked", "blocked", "blocked"}},
		// strict-dynamic-workers (dest2 e000001, e000010, e000127): Chromium
		// and Firefox honor it wherever it governs a worker, WebKit in
		// script-src and default-src only.
		{"worker: worker-src 'strict-dynamic'", "worker-src 'strict-dynamic'", "", "https://a.example/", "https://a.example/w.js", match.Worker, false,
			want{"allowed", "allowed", "blocked"}},
		{"worker: script-src 'strict-dynamic'", "script-src 'strict-dynamic'", "", "https://a.example/", "https://a.example/w.js", match.Worker, false,
			want{"allowed", "allowed", "allowed"}},
		// redirect-scheme-csp-first (dest2 e001792, e001906): a redirect to
		// data: fails; WebKit checks a subresource's first.
		{"script redirected to data:", "script-src 'self'", "", "https://a.example/", "data:text/javascript,1", match.Script, true,
			want{"refused", "refused", "blocked"}},
		{"script redirected to data:, allowed", "script-src 'self' data:", "", "https://a.example/", "data:text/javascript,1", match.Script, true,
			want{"refused", "refused", "refused"}},
		{"frame redirected to data:", "frame-src 'self'", "", "https://a.example/", "data:text/html,1", match.Frame, true,
			want{"refused", "refused", "refused"}},
		// navigation-matcher (d002712, d005524): frames only.
		{"frame: http source with port 443", "frame-src http://cdn.example:443", "", "https://a.example/", "https://cdn.example/x", match.Frame, false,
			want{"blocked", "allowed", "allowed"}},
		{"image: http source with port 443", "img-src http://cdn.example:443", "", "https://a.example/", "https://cdn.example/x", match.Image, false,
			want{"allowed", "allowed", "allowed"}},
		{"frame: 'self' on another port, upgraded", "default-src 'self'", "", "http://a.example:8000/", "https://a.example:8000/x", match.Frame, false,
			want{"blocked", "allowed", "allowed"}},
		{"image: 'self' on another port, upgraded", "default-src 'self'", "", "http://a.example:8000/", "https://a.example:8000/x", match.Image, false,
			want{"allowed", "allowed", "allowed"}},
		// object-navigates (d000270, d006045).
		{"object: frame-src 'none'", "frame-src 'none'", "", "https://a.example/", "https://cdn.example/x", match.Object, false,
			want{"blocked", "allowed", "allowed"}},
		{"object: redirect hop out of object-src", "object-src 'self'", "", "https://a.example/", "https://cdn.example/x", match.Object, true,
			want{"allowed", "blocked", "blocked"}},
		// mixed-autoupgrade (d004041): the image is checked as https.
		{"image: http from https under 'self'", "img-src 'self'", "", "https://a.example/", "http://a.example/x", match.Image, false,
			want{"allowed", "blocked", "allowed"}},
		// checked-as-given (d004255): media before the upgrade.
		{"media: upgraded by the policy, checked as given", "media-src https:; upgrade-insecure-requests", "", "http://a.example/", "http://cdn.example/x", match.Media, false,
			want{"blocked", "allowed", "blocked"}},
		// star-by-directive (d004831, d004875): WebKit's * in img-src matches data:.
		{"image: data: under img-src *", "img-src *", "", "https://a.example/", "data:image/gif;base64,R0lGODlhAQABAAAAACw=", match.Image, false,
			want{"blocked", "blocked", "allowed"}},
		{"media: data: under default-src *", "default-src *", "", "https://a.example/", "data:audio/wav;base64,UklGRg==", match.Media, false,
			want{"blocked", "blocked", "blocked"}},
		{"media: blob: under media-src *", "media-src *", "", "https://a.example/", "blob:https://a.example/00000000-0000-4000-8000-000000000000", match.Media, false,
			want{"blocked", "blocked", "allowed"}},
		// worker-redirect (d006097): WebKit checks a worker's redirect to another origin.
		{"worker redirected to another origin", "worker-src 'self'", "", "https://a.example/", "https://cdn.example/w.js", match.Worker, true,
			want{"refused", "refused", "blocked"}},
		{"worker redirected to another origin, allowed", "worker-src *", "", "https://a.example/", "https://cdn.example/w.js", match.Worker, true,
			want{"refused", "refused", "refused"}},
		// service worker scripts never redirect (d006134).
		{"service worker redirected", "worker-src 'none'", "", "https://a.example/", "https://a.example/sw.js", match.ServiceWorker, true,
			want{"refused", "refused", "refused"}},
		// redirect-mixed-first (d006073): WebKit blocks a frame's redirect to http: as mixed content first.
		{"frame redirected to http", "frame-src 'self'", "", "https://a.example/", "http://cdn.example/x", match.Frame, true,
			want{"blocked", "blocked", "refused"}},
		// WebKit upgrades a shared worker's URL before its origin check (d004543, d004531) and leaves a worker's (d004518).
		{"shared worker upgraded to another origin", "worker-src *; upgrade-insecure-requests", "", "http://a.example/", "http://a.example/w.js", match.SharedWorker, false,
			want{"allowed", "allowed", "refused"}},
		{"shared worker upgraded to the page's origin", "worker-src 'self'; upgrade-insecure-requests", "", "https://a.example/", "http://a.example/w.js", match.SharedWorker, false,
			want{"refused", "refused", "allowed"}},
		{"worker checked as written", "worker-src https:; upgrade-insecure-requests", "", "http://dt.example/", "http://dt.example/w.js", match.Worker, false,
			want{"blocked", "allowed", "blocked"}},
		{"image: upgraded by the policy", "img-src https:; upgrade-insecure-requests", "", "http://a.example/", "http://cdn.example/x", match.Image, false,
			want{"allowed", "allowed", "allowed"}},
		// not-loaded (d000131…): manifests in Firefox and WebKit.
		{"manifest", "manifest-src 'none'", "", "https://a.example/", "https://a.example/m.json", match.Manifest, false,
			want{"blocked", "refused", "refused"}},
		// service-worker-csp-first (p0124 of the first probe, d003...): WebKit checks CSP first.
		{"service worker of another origin, blocked", "worker-src 'none'", "", "https://a.example/", "https://cdn.example/sw.js", match.ServiceWorker, false,
			want{"refused", "refused", "blocked"}},
		{"service worker of another origin, allowed", "worker-src *", "", "https://a.example/", "https://cdn.example/sw.js", match.ServiceWorker, false,
			want{"refused", "refused", "refused"}},
		{"service worker path with %2F", "worker-src *", "", "https://a.example/", "https://a.example/a%2fb.js", match.ServiceWorker, false,
			want{"refused", "refused", "refused"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			list, _ := csp.Parse(tc.policy)
			if tc.reportOnly != "" {
				list = csp.Join(list, mustReportOnly(t, tc.reportOnly))
			}
			for e, w := range map[match.Engine]string{match.Chromium: tc.want.chromium, match.Firefox: tc.want.firefox, match.WebKit: tc.want.webkit} {
				opts := []match.Option{match.WithEngine(e)}
				if tc.redirected {
					opts = append(opts, match.Redirected())
				}
				d, err := match.Load(list, tc.page, tc.target, tc.dest, opts...)
				require.NoError(t, err)
				got := "allowed"
				switch {
				case d.Refused != "":
					got = "refused"
				case !d.CSPAllowed:
					got = "blocked"
				}
				assert.Equal(t, w, got, "%s: %s", e, d)
				page, _ := match.ParseURL(tc.page)
				target, _ := match.ParseURL(tc.target)
				assert.Equal(t, d.Allowed, match.AllowsLoad(list, page, target, tc.dest, opts...), "%s: AllowsLoad disagrees with Load", e)
			}
		})
	}
}

// TestPrefetchHintVerdict checks which directive a Chromium prefetch
// verdict names: the one that allowed it, or default-src.
func TestPrefetchHintVerdict(t *testing.T) {
	list := csp.MustParse("default-src 'none'; script-src https://cdn.example; img-src 'none'")
	d, err := match.Load(list, "https://a.example/", "https://cdn.example/x", match.Prefetch, match.WithEngine(match.Chromium))
	require.NoError(t, err)
	require.True(t, d.CSPAllowed)
	assert.Equal(t, "script-src", d.Policies[0].Directive)
	d, err = match.Load(list, "https://a.example/", "https://other.example/x", match.Prefetch, match.WithEngine(match.Chromium))
	require.NoError(t, err)
	require.False(t, d.CSPAllowed)
	assert.Equal(t, "default-src", d.Policies[0].Directive)
	// a report-only policy does not check a prefetch in Chromium: no report
	// (d003736), while Firefox reports it
	ro := csp.Join(csp.MustParse(""), mustReportOnly(t, "default-src 'none'; img-src *"))
	d, err = match.Load(ro, "https://a.example/", "https://cdn.example/x", match.Prefetch, match.WithEngine(match.Chromium))
	require.NoError(t, err)
	assert.True(t, d.CSPAllowed)
	assert.Empty(t, d.Violations())
	d, err = match.Load(ro, "https://a.example/", "https://cdn.example/x", match.Prefetch, match.WithEngine(match.Firefox))
	require.NoError(t, err)
	assert.True(t, d.CSPAllowed)
	assert.Len(t, d.Violations(), 1)
}

// mustReportOnly parses a report-only policy.
func mustReportOnly(t *testing.T, v string) csp.List {
	t.Helper()
	l, err := csp.ParseReportOnly(v)
	require.NoError(t, err)
	return l
}

// TestLoadMixedContent checks each engine's mixed-content rules per
// destination on an https page (the ids name recorded cases whose server
// hits show them): "loads", "mixed" (CSP allows it, mixed content blocks
// it) or "blocked" (by CSP).
func TestLoadMixedContent(t *testing.T) {
	const page = "https://a.example/"
	cases := []struct {
		name, policy, target      string
		dest                      match.Destination
		chromium, firefox, webkit string
	}{
		// mixed-autoupgrade, mixed-autoupgrade-after-check (d004026, d005234).
		{"image", "img-src *", "http://cdn.example/x.png", match.Image, "loads", "loads", "loads"},
		{"video", "default-src *", "http://cdn.example/x.mp4", match.Media, "loads", "loads", "loads"},
		// Firefox checks the URL as written (d005232); Chromium and WebKit the upgraded one.
		{"image under 'self'", "img-src 'self'", "http://a.example/x.png", match.Image, "loads", "blocked", "loads"},
		// mixed-loads: loopback is not upgraded; Firefox and WebKit load it as it is (d005269, d004216).
		{"image on loopback", "img-src *", "http://127.0.0.1:8000/x.png", match.Image, "loads", "loads", "loads"},
		{"audio on loopback", "media-src http://127.0.0.1:8000", "http://127.0.0.1:8000/x.wav", match.Media, "loads", "loads", "loads"},
		// a text track is never upgraded (d004199, d005389).
		{"track", "default-src http:", "http://cdn.example/x.vtt", match.Track, "mixed", "loads", "mixed"},
		// block-all-mixed-content: Chromium reports the video's URL as written
		// as its violation, Firefox upgrades it (d004205); a track under it
		// is blocked as the directive specifies (Firefox, WebKit: not recorded).
		{"video under block-all-mixed-content", "default-src http:; block-all-mixed-content", "http://cdn.example/x.mp4", match.Media, "blocked", "loads", "loads"},
		{"track under block-all-mixed-content", "default-src http:; block-all-mixed-content", "http://cdn.example/x.vtt", match.Track, "blocked", "mixed", "mixed"},
		// mixed-as-given: upgrade-insecure-requests does not save a Chromium <object> (d004310).
		{"object under upgrade-insecure-requests", "default-src *; upgrade-insecure-requests", "http://cdn.example/x", match.Object, "mixed", "loads", "loads"},
		{"frame under upgrade-insecure-requests", "default-src *; upgrade-insecure-requests", "http://cdn.example/x", match.Frame, "loads", "loads", "loads"},
		// other destinations' mixed content is blocked everywhere.
		{"script", "script-src *", "http://cdn.example/x.js", match.Script, "mixed", "mixed", "mixed"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			list := csp.MustParse(tc.policy)
			for e, w := range map[match.Engine]string{match.Chromium: tc.chromium, match.Firefox: tc.firefox, match.WebKit: tc.webkit} {
				d, err := match.Load(list, page, tc.target, tc.dest, match.WithEngine(e))
				require.NoError(t, err)
				got := "loads"
				switch {
				case d.Refused != "":
					got = "refused"
				case !d.CSPAllowed:
					got = "blocked"
				case !d.Allowed:
					got = "mixed"
				}
				assert.Equal(t, w, got, "%s: %s", e, d)
				if got != "blocked" {
					assert.Equal(t, got == "mixed", d.MixedContent, "%s: MixedContent", e)
				}
				p, _ := match.ParseURL(page)
				u, _ := match.ParseURL(tc.target)
				assert.Equal(t, d.Allowed, match.AllowsLoad(list, p, u, tc.dest, match.WithEngine(e)), "%s: AllowsLoad disagrees with Load", e)
			}
		})
	}
}
