package source_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cspkit/cspkit/source"
)

var (
	sinkExpr source.Expression
	sinkErr  error
	sinkList source.List
)

const benchList = "'self' 'unsafe-inline' 'unsafe-eval' 'strict-dynamic' " +
	"'nonce-r4nd0mV4lu3==' 'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=' " +
	"https: data: blob: wss://*.example.com:443 https://api.example.com/v1/ " +
	"https://cdn.example.net https://*.googleapis.com https://www.google-analytics.com " +
	"*.sentry.io:443/api/ https://example.com:8443/socket http://localhost:3000 " +
	"ws://127.0.0.1:* https://Static.Example.ORG/Assets/ 'report-sample'"

func BenchmarkParse(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		sinkExpr, sinkErr = source.Parse("https://api.example.com:8443/v1/data")
	}
}

func BenchmarkParseList(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		sinkList, sinkErr = source.ParseList(benchList)
	}
}

func TestBenchListIsRealistic(t *testing.T) {
	l, err := source.ParseList(benchList)
	require.NoError(t, err)
	assert.Equal(t, 20, l.Len())
}

func TestParseAllocs(t *testing.T) {
	for _, tok := range []string{
		"https://api.example.com:8443/v1/data",
		"*.example.com",
		"'self'",
		"https:",
		"'nonce-abc'",
	} {
		allocs := testing.AllocsPerRun(100, func() {
			sinkExpr, sinkErr = source.Parse(tok)
		})
		assert.Zero(t, allocs, "Parse(%q) allocates", tok)
	}
}
