package match_test

import (
	"encoding/json"
	"os"
	"testing"

	"github.com/cspkit/cspkit/internal/corpus"
	"github.com/cspkit/cspkit/match"
)

func TestZZDump(t *testing.T) {
	b := os.Getenv("DUMP")
	if b == "" {
		t.Skip()
	}
	e, _ := match.ParseEngine(b)
	cases, _ := corpus.Verdicts(b)
	enc := json.NewEncoder(os.Stdout)
	for _, c := range cases {
		if c.Destination() == "connect" && os.Getenv("ALL") == "" {
			continue
		}
		got, why, _ := replay(c, e)
		want := c.Outcome
		if want == "mixed" {
			want = "allowed"
		}
		if got == want || want == "error" && got == "refused" || got == "refused" && want != "blocked" {
			continue
		}
		enc.Encode(map[string]any{"id": c.ID, "dest": c.Dest, "kind": c.Kind, "policy": c.Policy, "ro": c.ReportOnly, "page": c.Page, "target": c.Target, "redirect": c.Redirect, "want": want, "got": got, "dir": c.Directive, "buri": c.BlockedURI, "reached": c.Reached, "why": why})
	}
}
