// Package corpus loads the test data kept in internal/testdata for the
// tests, benchmarks and fuzz seeds of every package: the headers written in
// the shapes of real sites and the headers copied from real sites, with
// their request URLs; the CSP3 conformance vectors; and the verdicts
// recorded from real browsers. It is the one reader of those files.
package corpus
