package main

import (
	"fmt"
	"strings"

	"github.com/cspkit/cspkit/match"
)

// engineOption returns the option that selects the engines named by
// value: "browsers" (Chromium, Firefox and WebKit, the default), "all"
// (those and Spec), or one engine name or a comma-separated list of them,
// as match.ParseEngine reads them.
func engineOption(value string) (match.Option, error) {
	switch strings.ToLower(strings.TrimSpace(value)) {
	case "", "browsers":
		return match.WithEngines(match.Browsers()...), nil
	case "all":
		return match.WithEngines(append([]match.Engine{match.Spec}, match.Browsers()...)...), nil
	}
	var es []match.Engine
	for _, name := range strings.Split(value, ",") {
		e, err := match.ParseEngine(name)
		if err != nil {
			return nil, fmt.Errorf("-engine: %v (or all, browsers)", err)
		}
		es = append(es, e)
	}
	return match.WithEngines(es...), nil
}
