package report

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/cspkit/cspkit/match"
)

func TestDestSet(t *testing.T) {
	s := destsOf(match.Frame, match.Object)
	for _, d := range match.Destinations() {
		assert.Equal(t, d == match.Frame || d == match.Object, s.has(d), d.String())
	}
	assert.False(t, s.has(match.Destination(200)), "a destination outside the set's range")
	all := allBut(match.XSLT, match.Manifest)
	assert.Len(t, all, len(match.Destinations())-2)
	assert.NotContains(t, all, match.XSLT)
	assert.NotContains(t, all, match.Manifest)
	assert.Contains(t, all, match.Connection)
}

func TestStripBlocked(t *testing.T) {
	chromium, firefox, webkit, spec := rulesOf(match.Chromium), rulesOf(match.Firefox), rulesOf(match.WebKit), rulesOf(match.Spec)
	const page = "https://app.test/p"
	tests := []struct {
		name    string
		r       *rules
		dest    match.Destination
		page    string
		blocked string
		want    string
	}{
		{"cross-origin frame", &chromium, match.Frame, page, "https://cdn.test:8443/a?q#f", "https://cdn.test:8443"},
		{"default port dropped", &firefox, match.Object, page, "https://cdn.test:443/a", "https://cdn.test"},
		{"same origin kept", &webkit, match.Frame, page, "https://app.test/a?q#f", "https://app.test/a?q"},
		{"other scheme is another origin", &chromium, match.Frame, page, "http://app.test/a", "http://app.test"},
		{"other destinations whole", &chromium, match.Script, page, "https://cdn.test/a?q#f", "https://cdn.test/a?q"},
		{"spec keeps frames whole", &spec, match.Frame, page, "https://cdn.test/a?q#f", "https://cdn.test/a?q"},
		{"Chromium data: frame", &chromium, match.Frame, page, "data:text/html,x", ""},
		{"Chromium data: object", &chromium, match.Object, page, "data:text/html,x", "data"},
		{"Firefox data: frame", &firefox, match.Frame, page, "data:text/html,x", "data"},
		{"blob: frame", &chromium, match.Frame, page, "blob:https://app.test/1", "blob"},
		{"WebKit blob: frame", &webkit, match.Frame, page, "blob:https://cdn.test/1", "blob"},
		{"credentials dropped", &firefox, match.Frame, page, "https://u:p@app.test/a", "https://app.test/a"},
		{"not a URL", &chromium, match.Frame, page, "::", "::"},
		{"unparsable page: origin only", &chromium, match.Frame, "::", "https://app.test/a", "https://app.test"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, stripBlocked(tc.r, tc.dest, tc.page, tc.blocked))
		})
	}
}
