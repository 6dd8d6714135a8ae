package match

// Engine is a model of how one implementation matches URLs. Engines differ
// only in a small set of named behaviours. The zero Engine is Spec.
type Engine struct {
	p *profile
}

// profile holds an engine's behaviour switches.
type profile struct {
	name string
	// websocketAsHTTP checks a ws: or wss: URL as its http: or https:
	// form, as the Fetch standard's "establish a WebSocket connection"
	// does (spec-notes §3.10). Browsers check the raw ws:/wss: URL.
	websocketAsHTTP bool
}

var specProfile = profile{name: "spec", websocketAsHTTP: true}

// Spec follows Content Security Policy Level 3 as written (editor's draft
// of 2026-04, with PR #821: 'self' never matches blob: URLs), with
// WebSocket URLs checked in their http(s) form as the Fetch standard
// specifies.
var Spec = Engine{p: &specProfile}

func (e Engine) profile() *profile {
	if e.p == nil {
		return &specProfile
	}
	return e.p
}

// String returns the engine's name, such as "spec".
func (e Engine) String() string { return e.profile().name }
