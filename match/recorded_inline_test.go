package match_test

import (
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cspkit/cspkit/csp"
	"github.com/cspkit/cspkit/internal/corpus"
	"github.com/cspkit/cspkit/match"
)

// inlineCase is one case of the recorder's inline set
// (internal/testdata/<browser>/inline/inline.jsonl; format in
// internal/recorder/README.md, "Inline code, eval, embedding and forms").
type inlineCase struct {
	ID         string   `json:"id"`
	Policy     string   `json:"policy"`
	ReportOnly string   `json:"report_only"`
	Delivery   string   `json:"delivery"`
	MetaPolicy string   `json:"meta_policy"`
	Page       string   `json:"page"`
	Kind       string   `json:"kind"`
	Insert     string   `json:"insert"`
	API        string   `json:"api"`
	Nonce      string   `json:"nonce"`
	Text       string   `json:"text"`
	Integrity  string   `json:"integrity"`
	Target     string   `json:"target"`
	Redirect   string   `json:"redirect"`
	Ancestors  []string `json:"ancestors"`
	Outcome    string   `json:"outcome"`
	Detail     string   `json:"detail"`
}

// inlineList returns the policies the case's page was served with.
func inlineList(c inlineCase) csp.List {
	if c.Delivery == "meta" {
		l, _ := csp.ParseMeta(c.MetaPolicy)
		return l
	}
	return recordedList(corpus.Verdict{Policy: c.Policy, ReportOnly: c.ReportOnly})
}

// replayInline decides a recorded inline case as engine e models it:
// "allowed", "blocked", "refused" (no CSP check) or "" (a kind the
// library does not decide: sandbox, whose effect on scripts is the
// sandbox's, not a source list's).
func replayInline(t *testing.T, c inlineCase, e match.Engine) (string, string) {
	d, ok := decideInline(t, c, e)
	if !ok {
		return "", ""
	}
	if d.Refused != "" {
		return "refused", d.String()
	}
	return verdictOf(d), d.String()
}

// decideInline returns the model's decision about a recorded inline case
// (for an inserted script, the inserting script's when that is blocked),
// and false for a kind the library does not decide.
func decideInline(t *testing.T, c inlineCase, e match.Engine) (match.Decision, bool) {
	list := inlineList(c)
	opt := match.WithEngine(e)
	var d match.Decision
	var err error
	switch c.Kind {
	case "script-inline":
		d, err = match.Inline(list, c.Page, match.ScriptElement, match.Element{Nonce: c.Nonce, Text: c.Text}, opt)
	case "style-inline":
		d, err = match.Inline(list, c.Page, match.StyleElement, match.Element{Nonce: c.Nonce, Text: c.Text}, opt)
	case "script-attr":
		d, err = match.Inline(list, c.Page, match.ScriptAttribute, match.Element{Nonce: c.Nonce, Text: c.Text}, opt)
	case "style-attr":
		d, err = match.Inline(list, c.Page, match.StyleAttribute, match.Element{Nonce: c.Nonce, Text: c.Text}, opt)
	case "javascript-url":
		d, err = match.Inline(list, c.Page, match.JavaScriptURL, match.Element{Text: c.Text}, opt)
	case "script-external-nonce", "script-external-integrity", "script-strict-dynamic-parser":
		opts := []match.Option{opt, match.WithNonce(c.Nonce)}
		if c.Integrity != "" {
			opts = append(opts, match.WithIntegrity(c.Integrity))
		}
		d, err = match.Load(list, c.Page, c.Target, match.Script, opts...)
	case "script-strict-dynamic-dynamic":
		// the inserting inline script must run first
		d, err = match.Inline(list, c.Page, match.ScriptElement, match.Element{Nonce: c.Nonce, Text: c.Text}, opt)
		require.NoError(t, err, c.ID)
		if !d.Allowed {
			return d, true
		}
		opts := []match.Option{opt}
		if c.Insert != "write" { // document.write inserts a parser-inserted script
			opts = append(opts, match.NotParserInserted())
		}
		d, err = match.Load(list, c.Page, c.Target, match.Script, opts...)
	case "eval":
		d, err = match.Eval(list, c.Page, match.StringEval, opt)
	case "wasm":
		kind := match.WasmCompile
		if c.API == "WebAssembly.instantiate" {
			kind = match.WasmInstantiate
		}
		d, err = match.Eval(list, c.Page, kind, opt)
	case "frame-ancestors":
		chain := slices.Clone(c.Ancestors)
		slices.Reverse(chain) // recorded outermost first; the API takes the parent first
		d, err = match.FrameAncestors(list, c.Page, chain, opt)
	case "form-action":
		d, err = match.Load(list, c.Page, c.Target, match.Form, opt)
		if err == nil && d.Refused == "" && d.CSPAllowed && c.Redirect != "" {
			d, err = match.Load(list, c.Page, c.Redirect, match.Form, opt, match.Redirected())
		}
	case "base-uri":
		d, err = match.Load(list, c.Page, c.Target, match.Base, opt)
	case "sandbox":
		return match.Decision{}, false
	default:
		t.Fatalf("case %s: unknown kind %q", c.ID, c.Kind)
	}
	require.NoError(t, err, "case %s", c.ID)
	return d, true
}

// TestRecordedInline replays the inline set recorded from each browser:
// inline scripts and styles, attributes, javascript: URLs, external
// scripts with nonces and integrity, 'strict-dynamic', eval and
// WebAssembly, frame-ancestors, form-action and base-uri. A case the
// browser ran (or allowed) must be allowed, one it blocked with a
// violation must be blocked, and the library may never allow what the
// browser blocked. Cases without a CSP verdict (error, not-run) are
// counted apart; the model must not contradict them with a block.
func TestRecordedInline(t *testing.T) {
	for _, e := range match.Browsers() {
		t.Run(e.String(), func(t *testing.T) {
			cases, err := corpus.ReadJSONL[inlineCase](corpus.Testdata(e.String(), "inline", "inline.jsonl"))
			require.NoError(t, err)
			require.GreaterOrEqual(t, len(cases), 3000, "the inline set must hold at least 3,000 cases")
			known := documented(t, corpus.VerdictDir(e.String()))
			counts := map[string]int{}
			for _, c := range cases {
				got, why := replayInline(t, c, e)
				if got == "" {
					counts["not decided: "+c.Kind]++
					continue
				}
				want := map[string]string{"ran": "allowed", "allowed": "allowed", "blocked": "blocked"}[c.Outcome]
				if want == "" {
					counts["no CSP verdict: "+c.Outcome]++
					continue
				}
				counts[c.Kind+" "+want]++
				if got == "refused" {
					assert.NotEqual(t, "blocked", want, "case %s: model refuses, browser blocked by CSP: %+v\n%s", c.ID, c, why)
					continue
				}
				if got == want {
					assert.False(t, known[c.ID], "case %s agrees now: remove it from the corpus README", c.ID)
					continue
				}
				assert.False(t, got == "allowed" && want == "blocked", "case %s: library allows what %s blocked: %+v\n%s", c.ID, e, c, why)
				if !known[c.ID] {
					assert.Fail(t, "disagreement", "case %s: %s recorded %s, model says %s: %+v\n%s", c.ID, e, want, got, c, why)
				}
			}
			t.Logf("%s: %v", e, counts)
		})
	}
}
