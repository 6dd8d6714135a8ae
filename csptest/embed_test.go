package csptest_test

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cspkit/cspkit/csptest"
	"github.com/cspkit/cspkit/match"
)

func TestFormsAndBaseURLs(t *testing.T) {
	const p = "default-src 'self'; form-action 'self' https://pay.example; base-uri 'none'"
	f := newFake(t)
	pol := csptest.Of(f, p)
	assert.True(t, pol.AllowsLoad(page, match.Form, "/checkout", "https://pay.example/charge"))
	assert.True(t, pol.BlocksLoad(page, match.Form, "https://evil.example/collect"))
	assert.True(t, pol.BlocksLoad(page, match.Base, "https://evil.example/", "/"))
	assert.False(t, pol.With(match.Redirected()).BlocksLoad(page, match.Form, "https://evil.example/x"),
		"Firefox does not check a form's redirect hops: the assertion must not pass")
	assert.True(t, pol.In(match.Chromium, match.WebKit).With(match.Redirected()).BlocksLoad(page, match.Form, "https://evil.example/"))
	require.Len(t, f.errors, 1)
	assert.Contains(t, f.errors[0], "csptest.BlocksLoad: https://evil.example/x is allowed by Firefox (blocked by Chromium and WebKit)")

	// default-src does not restrict form-action or base-uri: the
	// assertions refuse to pass vacuously.
	f = newFake(t)
	assert.False(t, csptest.AllowsLoad(f, "default-src 'none'", page, match.Form, "/checkout"))
	assert.False(t, csptest.BlocksLoad(f, "default-src 'none'", page, match.Base, "https://evil.example/"))
	require.Len(t, f.errors, 2)
	assert.Contains(t, f.errors[0], "no enforced policy restricts form submissions (form-action) in Chromium, Firefox and WebKit, so any target would pass")
	assert.Contains(t, f.errors[1], "https://evil.example/ is allowed: no enforced policy restricts base URLs (base-uri)")

	// A base URL HTML ignores before CSP tests no policy.
	f = newFake(t)
	assert.False(t, csptest.BlocksLoad(f, p, page, match.Base, "data:text/html,x"))
	require.Len(t, f.errors, 1)
	assert.Contains(t, f.errors[0], "before CSP")
}

func TestEmbedding(t *testing.T) {
	const p = "default-src 'self'; frame-ancestors 'self' https://partner.example"
	f := newFake(t)
	assert.True(t, csptest.EmbeddableBy(f, p, page, "https://shop.example/", "https://partner.example/portal"))
	assert.True(t, csptest.NotEmbeddableBy(f, p, page, "https://evil.example/"))
	assert.True(t, csptest.NotEmbeddableBy(f, p, page, "https://partner.example/", "https://evil.example/"))
	assert.True(t, csptest.Of(f, p).In(match.Chromium, match.WebKit).NotEmbeddableBy(page, "null"))
	assert.Empty(t, f.errors)

	f = newFake(t)
	assert.False(t, csptest.EmbeddableBy(f, p, page, "https://partner.example/", "https://evil.example/"))
	require.Len(t, f.errors, 1)
	assert.Contains(t, f.errors[0], "csptest.EmbeddableBy: embedding by https://evil.example/ is blocked by Chromium, Firefox and WebKit")
	assert.Contains(t, f.errors[0], "  destination: ancestor (frame-ancestors)\n")
	assert.Contains(t, f.errors[0], "ancestor 2 of 2, parent first")
	assert.Contains(t, f.errors[0], "to allow it, add https://evil.example to frame-ancestors")

	// Without frame-ancestors nothing restricts embedding: neither
	// assertion passes vacuously.
	f = newFake(t)
	assert.False(t, csptest.NotEmbeddableBy(f, "default-src 'none'", page, "https://evil.example/"))
	assert.False(t, csptest.EmbeddableBy(f, "default-src 'none'", page, "https://partner.example/"))
	require.Len(t, f.errors, 2)
	assert.Contains(t, f.errors[0], "csptest.NotEmbeddableBy: embedding by https://evil.example/ is allowed: no enforced policy restricts embedding (frame-ancestors) in Chromium, Firefox and WebKit")
	assert.Contains(t, f.errors[1], "no enforced policy restricts embedding (frame-ancestors) in Chromium, Firefox and WebKit, so any target would pass; if that is meant, assert it with Unrestricted")
	f = newFake(t)
	assert.True(t, csptest.Of(f, "default-src 'none'").Unrestricted(match.Ancestor, match.Form, match.Base))
	assert.False(t, csptest.Of(f, p).Unrestricted(match.Ancestor))

	// A report-only frame-ancestors never blocks; a <meta> one is dropped.
	f = newFake(t)
	ro := http.Header{"Content-Security-Policy-Report-Only": {"frame-ancestors 'none'"}, "Content-Security-Policy": {"frame-ancestors *"}}
	assert.True(t, csptest.EmbeddableBy(f, ro, page, "https://evil.example/"))
	assert.Empty(t, f.errors)

	// Bad input fails, at the caller's line.
	f = newFake(t)
	assert.False(t, csptest.EmbeddableBy(f, p, page))
	assert.False(t, csptest.NotEmbeddableBy(f, p, page, "evil.example"))
	require.Len(t, f.errors, 2)
	assert.Contains(t, f.errors[0], "no ancestor given")
	assert.Contains(t, f.errors[1], "invalid ancestor URL")
	assert.Positive(t, f.helper)
}
