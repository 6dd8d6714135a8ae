package main

import (
	"github.com/cspkit/cspkit/match"
)

// jsonDecision is the -json form of a decision about one target.
type jsonDecision struct {
	Target       string       `json:"target"`
	URL          string       `json:"url"`                // the target resolved against the page
	Destination  string       `json:"destination"`        // what the page loads it as: connection, script, image...
	Effective    string       `json:"effectiveDirective"` // the destination's effective directive, named in violation reports
	Checked      string       `json:"checked,omitempty"`  // the URL matched, when it differs
	Verdict      string       `json:"verdict"`            // "allowed", "blocked", "divergent", or "error"
	Allowed      bool         `json:"allowed"`            // the request goes through in every engine
	CSPAllowed   bool         `json:"cspAllowed"`         // every enforced policy allows it, in every engine
	Redirected   bool         `json:"redirected,omitempty"`
	Upgraded     bool         `json:"upgraded,omitempty"`
	MixedContent bool         `json:"mixedContent,omitempty"`
	Refused      string       `json:"refused,omitempty"`
	Engines      []jsonEngine `json:"engines"`
	Explanation  string       `json:"explanation,omitempty"`
	Error        string       `json:"error,omitempty"` // why the target could not be decided (verdict "error")
}

// jsonProblem is one parse problem: what a browser drops or ignores.
type jsonProblem struct {
	Source    string `json:"source"` // policy, report-only, meta or response
	Policy    int    `json:"policy"`
	Directive string `json:"directive,omitempty"`
	Token     string `json:"token,omitempty"`
	Offset    int    `json:"offset"`
	Code      string `json:"code"`
	Message   string `json:"message"`
}

// jsonEngine is one engine's decision.
type jsonEngine struct {
	Engine       string        `json:"engine"`
	Allowed      bool          `json:"allowed"`
	CSPAllowed   bool          `json:"cspAllowed"`
	MixedContent bool          `json:"mixedContent,omitempty"`
	Refused      string        `json:"refused,omitempty"`
	Checked      string        `json:"checked"`
	Policies     []jsonVerdict `json:"policies"`
}

// jsonVerdict is how one policy judged the request.
type jsonVerdict struct {
	Policy      int              `json:"policy"`
	Disposition string           `json:"disposition"`
	Directive   string           `json:"directive"` // "" when the policy does not restrict connections
	Sources     []string         `json:"sources"`
	Allowed     bool             `json:"allowed"`
	Matched     string           `json:"matched,omitempty"`
	BlockedBy   string           `json:"blockedBy,omitempty"`   // what blocks it whatever the sources match: block-all-mixed-content, or the directive itself (a second check, 'strict-dynamic')
	Reason      string           `json:"reason,omitempty"`      // why, when blockedBy is set
	Closest     []string         `json:"closest,omitempty"`     // near misses, closest first
	Suggestions []jsonSuggestion `json:"suggestions,omitempty"` // sources that would allow the target: origin first, then the narrowest
	Shadows     string           `json:"shadows,omitempty"`     // a directive of the policy the deciding one takes the place of (script-src under script-src-elem)
}

// jsonSuggestion is a source that would allow the target.
type jsonSuggestion struct {
	Source  string `json:"source"`
	Caution string `json:"caution,omitempty"` // why lint rates it medium or above
}

func toJSON(target string, d match.Decision) jsonDecision {
	out := jsonDecision{
		Target: target, URL: d.Target().String(), Destination: d.Destination().String(),
		Effective: d.Destination().EffectiveDirective(), Allowed: d.Allowed, CSPAllowed: d.CSPAllowed,
		Redirected: d.Redirected, Upgraded: d.Upgraded, MixedContent: d.MixedContent, Refused: d.Refused,
		Explanation: d.String(),
	}
	if c := d.Checked().String(); c != out.URL && d.Checked().IsValid() {
		out.Checked = c
	}
	switch {
	case d.Allowed:
		out.Verdict = "allowed"
	case d.Divergent():
		out.Verdict = "divergent"
	default:
		out.Verdict = "blocked"
	}
	each := d.Engines
	if each == nil {
		each = []match.Decision{d}
	}
	for _, e := range each {
		je := jsonEngine{Engine: e.Engine().String(), Allowed: e.Allowed, CSPAllowed: e.CSPAllowed, MixedContent: e.MixedContent,
			Refused: e.Refused, Checked: e.Checked().String(), Policies: []jsonVerdict{}}
		explained := map[int]match.Explanation{}
		for _, x := range e.Explain() {
			explained[x.Verdict.Policy] = x
		}
		for _, v := range e.Policies {
			jv := jsonVerdict{Policy: v.Policy, Disposition: v.Disposition.String(), Directive: v.Directive,
				Allowed: v.Allowed, Sources: []string{}, BlockedBy: v.BlockedBy, Reason: v.Reason}
			for _, s := range v.Sources.All() {
				jv.Sources = append(jv.Sources, s.String())
			}
			if m, ok := v.Matched(); ok {
				jv.Matched = m.String()
			}
			if x, ok := explained[v.Policy]; ok {
				for _, n := range x.NearMisses {
					jv.Closest = append(jv.Closest, n.Source.String())
				}
				jv.Shadows = x.Shadows
				for _, s := range x.Suggestions {
					jv.Suggestions = append(jv.Suggestions, jsonSuggestion{Source: s.Source.String(), Caution: s.Caution})
				}
			}
			je.Policies = append(je.Policies, jv)
		}
		out.Engines = append(out.Engines, je)
	}
	return out
}
