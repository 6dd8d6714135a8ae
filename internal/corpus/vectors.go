package corpus

import "fmt"

// Vector is one CSP3 conformance vector
// (internal/testdata/conformance/spec-vectors.jsonl): a policy, a page
// origin and a URL that the spec's algorithms allow or block, derived from
// the CSP3 text (internal/testdata/conformance/spec-notes.md §9).
type Vector struct {
	Policy     string `json:"policy"`
	Origin     string `json:"origin"`
	URL        string `json:"url"`
	Redirected bool   `json:"redirected"`
	Expect     string `json:"expect"` // "allow" or "block"
	Rule       string `json:"rule"`   // the rule the vector tests
}

// Vectors reads the conformance vectors.
func Vectors() ([]Vector, error) {
	path := Testdata("conformance", "spec-vectors.jsonl")
	vs, err := ReadJSONL[Vector](path)
	if err != nil {
		return nil, err
	}
	for i, v := range vs {
		if v.Expect != "allow" && v.Expect != "block" {
			return nil, fmt.Errorf("corpus: %s: vector %d expects %q, want allow or block", path, i, v.Expect)
		}
	}
	return vs, nil
}
