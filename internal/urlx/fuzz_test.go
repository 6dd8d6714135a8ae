package urlx

import (
	"testing"
	"unicode/utf8"
)

// checkIdempotent asserts that reparsing the href gives an identical URL.
func checkIdempotent(t *testing.T, u URL) {
	t.Helper()
	href := u.String()
	v, err := Parse(href)
	if err != nil {
		t.Fatalf("reparse of %q failed: %v", href, err)
	}
	if v != u {
		t.Fatalf("reparse of %q differs:\n got %#v\nwant %#v", href, v, u)
	}
}

func FuzzParse(f *testing.F) {
	for _, c := range handCases {
		f.Add(c.in)
		f.Add(c.base)
	}
	f.Fuzz(func(t *testing.T, in string) {
		if !utf8.ValidString(in) {
			// Both parsers read invalid UTF-8 as U+FFFD; still check ours alone.
			if u, err := Parse(in); err == nil {
				checkIdempotent(t, u)
			}
			return
		}
		o := runBoth(nil, in)
		if o.oursErr == nil {
			checkIdempotent(t, o.ours)
			_ = o.ours.Origin().String()
		}
		if _, problem := check(o); problem != "" {
			t.Fatal(problem)
		}
	})
}

func FuzzParseRef(f *testing.F) {
	for _, c := range handCases {
		b := c.base
		if b == "" {
			b = pageBase
		}
		f.Add(b, c.in)
	}
	for _, b := range refBases {
		f.Add(b, "../x?y#z")
	}
	f.Fuzz(func(t *testing.T, base, in string) {
		b, err := Parse(base)
		if err != nil {
			return
		}
		u, err := ParseRef(b, in)
		if err == nil {
			checkIdempotent(t, u)
		}
		if !utf8.ValidString(base) || !utf8.ValidString(in) {
			return
		}
		// The reference re-parses base from the string; only compare
		// when both parsers agree on the base itself, without even a
		// documented divergence.
		if explained, problem := check(runBoth(nil, base)); explained != "" || problem != "" {
			return
		}
		if _, problem := check(runBoth(&base, in)); problem != "" {
			t.Fatal(problem)
		}
	})
}
