package csp_test

import (
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/cspkit/cspkit/csp"
)

// FuzzLimits checks that limits never change what a header means: a value
// within the limits parses exactly as without them, and counts stay within
// them; a value over a limit yields only ClosedPolicy.
func FuzzLimits(f *testing.F) {
	for _, s := range []string{
		"connect-src 'self' https://a.example", "a; b; c, d; e", "a b c d; e f g",
		" ,;, ; ,a", "é; a b, c", "connect-src a\tb\nc\fd\re", ",,,,", ";;;;",
	} {
		f.Add(s, uint8(2), uint8(2), uint8(2))
	}
	f.Add("a\nb\nc", uint8(2), uint8(0), uint8(0))
	f.Fuzz(func(t *testing.T, value string, policies, directives, sources uint8) {
		lim := csp.Limits{MaxPolicies: int(policies), MaxDirectives: int(directives), MaxSources: int(sources),
			MaxHeaderBytes: int(sources) * 16}
		checkFields(t, lim, strings.Split(value, "\n"))
		list, err := lim.Parse(value)
		var le *csp.LimitError
		if errors.As(err, &le) {
			if list.Len() != 1 || list.Policy(0).Text() != csp.ClosedPolicy {
				t.Fatalf("over %s: list %q", le.Limit, list)
			}
			if le.Offset < 0 || le.Offset >= len(value) {
				t.Fatalf("offset %d out of %q", le.Offset, value)
			}
			if (le.Limit == "MaxHeaderBytes") != (len(value) > orDefault(sources, csp.DefaultMaxHeaderBytes/16)*16) {
				t.Fatalf("%s for %d bytes", le.Limit, len(value))
			}
			return
		}
		if len(value) > orDefault(sources, csp.DefaultMaxHeaderBytes/16)*16 {
			t.Fatalf("%d bytes accepted, limit %d", len(value), lim.MaxHeaderBytes)
		}
		want, _ := csp.Parse(value)
		if !list.Equal(want) {
			t.Fatalf("limits changed the list: %q, want %q", list, want)
		}
		lim = csp.Limits{MaxPolicies: orDefault(policies, csp.DefaultMaxPolicies),
			MaxDirectives: orDefault(directives, csp.DefaultMaxDirectives),
			MaxSources:    orDefault(sources, csp.DefaultMaxSources)}
		if list.Len() > lim.MaxPolicies {
			t.Fatalf("%d policies, limit %d", list.Len(), lim.MaxPolicies)
		}
		for _, p := range list.All() {
			if p.Len() > lim.MaxDirectives {
				t.Fatalf("%d directives, limit %d", p.Len(), lim.MaxDirectives)
			}
			for d := range p.Directives() {
				if d.Sources().Len() > lim.MaxSources {
					t.Fatalf("%d sources, limit %d", d.Sources().Len(), lim.MaxSources)
				}
			}
		}
	})
}

func orDefault(v uint8, def int) int {
	if v == 0 {
		return def
	}
	return int(v)
}

// checkFields checks FromHeader with the limits: fields within them parse
// as without limits, with no more policies in all than allowed.
func checkFields(t *testing.T, lim csp.Limits, fields []string) {
	h := http.Header{"Content-Security-Policy": fields}
	list, err := lim.FromHeader(h)
	var le *csp.LimitError
	if errors.As(err, &le) {
		if list.Len() != 1 || list.Policy(0).Text() != csp.ClosedPolicy {
			t.Fatalf("over %s: list %q", le.Limit, list)
		}
		if le.Field < 0 || le.Field >= len(fields) || le.Offset < 0 || le.Offset >= len(fields[le.Field]) {
			t.Fatalf("%+v out of %q", le, fields)
		}
		return
	}
	want, _ := csp.FromHeader(h)
	if !list.Equal(want) {
		t.Fatalf("limits changed the list: %q, want %q", list, want)
	}
	limit := lim.MaxPolicies
	if limit == 0 {
		limit = csp.DefaultMaxPolicies
	}
	if list.Len() > limit {
		t.Fatalf("%d policies from %q, limit %d", list.Len(), fields, limit)
	}
}
