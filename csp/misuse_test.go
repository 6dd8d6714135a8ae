package csp_test

import (
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cspkit/cspkit/csp"
)

// Mistakes a caller can make must give an error, never a panic nor a list
// that silently restricts less than the response does.
func TestMisuse(t *testing.T) {
	l, err := csp.FromResponse(nil)
	require.Error(t, err)
	assert.Zero(t, l.Len())

	_, err = csp.FromHTML(nil)
	var he *csp.HTMLError
	require.ErrorAs(t, err, &he)

	// A header map written with a non-canonical key still counts.
	h := http.Header{"content-security-policy": {"connect-src 'none'"}}
	h.Add("Content-Security-Policy", "default-src 'self'")
	l, err = csp.FromHeader(h)
	require.NoError(t, err)
	require.Equal(t, 2, l.Len())
	assert.True(t, l.Policy(0).Has(csp.DefaultSrc), "the canonical key comes first")
	assert.True(t, l.Policy(1).Has(csp.ConnectSrc))
}

// A body read before FromResponse sees it would hide its <meta> policies:
// that is reported.
func TestDrainedBody(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		io.WriteString(w, `<head><meta http-equiv="Content-Security-Policy" content="connect-src 'self'"></head>`)
	}))
	defer srv.Close()

	resp, err := http.Get(srv.URL)
	require.NoError(t, err)
	l, err := csp.FromResponse(resp)
	require.NoError(t, err)
	assert.Equal(t, 1, l.Len())
	resp.Body.Close()

	resp, err = http.Get(srv.URL)
	require.NoError(t, err)
	defer resp.Body.Close()
	_, err = io.ReadAll(resp.Body)
	require.NoError(t, err)
	_, err = csp.FromResponse(resp)
	require.ErrorIs(t, err, csp.ErrBodyRead)
	var he *csp.HTMLError
	assert.True(t, errors.As(err, &he))
}
