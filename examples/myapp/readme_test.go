package myapp_test

import (
	"os"
	"strings"
	"testing"
)

// TestREADME checks that the README's "Testing your server's CSP" example
// is this directory's csp_test.go, word for word.
func TestREADME(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	const begin, end = "<!-- csptest example: examples/myapp/csp_test.go -->\n```go\n", "```\n"
	text := string(readme)
	i := strings.Index(text, begin)
	if i < 0 {
		t.Fatalf("README.md has no %q", begin)
	}
	block := text[i+len(begin):]
	block = block[:strings.Index(block, end)]
	code, err := os.ReadFile("csp_test.go")
	if err != nil {
		t.Fatal(err)
	}
	if block != string(code) {
		t.Errorf("README.md's example differs from examples/myapp/csp_test.go: copy the file into the README")
	}
}
