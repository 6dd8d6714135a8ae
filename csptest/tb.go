package csptest

// TB is what the helpers need of a test: *testing.T, *testing.B and
// testing.TB have it, and so do the T types of other test frameworks
// (testify's suites, Ginkgo's GinkgoT). A TB that also has
// Logf(format string, args ...any) receives, on a passing assertion, the
// parse problems that change what the browsers enforce (shown by go test
// -v).
type TB interface {
	Helper()
	Errorf(format string, args ...any)
}

type logger interface {
	Logf(format string, args ...any)
}
