package csp_test

import (
	"errors"
	"testing"

	"github.com/cspkit/cspkit/csp"
	"github.com/cspkit/cspkit/internal/corpus"
)

func FuzzParse(f *testing.F) {
	vectors, err := corpus.Vectors()
	if err != nil {
		f.Fatal(err)
	}
	for _, v := range vectors {
		f.Add(v.Policy)
	}
	for _, s := range []string{
		"", ";", ",", ";;,,;", " \t\n\f\r", "\v\x00", "\u00a0", "\xff\xfe", "\xc3",
		"default-src 'none' 'NONE' 'self'", "connect-src é; connect-src *",
		"CONECT-SRC *, img-src 'nonce-' 'sha256-' 'unsafe-", "script-src 'nonce-abc==''",
		"img-src http://[::1]:80/%zz?#", "a\u2028b; c\u00a0d", "upgrade-insecure-requests; sandbox",
		"x-" + string(make([]byte, 300)), "'none', 'none'; 'none'",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, value string) {
		for _, parse := range []func(string) (csp.List, error){csp.Parse, csp.ParseReportOnly} {
			l, err := parse(value)
			if err != nil {
				var pe *csp.ParseError
				if !errors.As(err, &pe) || len(pe.Problems) == 0 {
					t.Fatalf("error %v is not a non-empty *ParseError", err)
				}
				for _, p := range pe.Problems {
					if p.Offset < 0 || p.Offset+len(p.Token) > len(value) {
						t.Fatalf("problem %+v out of range of %q", p, value)
					}
					if value[p.Offset:p.Offset+len(p.Token)] != p.Token {
						t.Fatalf("problem %+v: token not at offset in %q", p, value)
					}
					if p.Policy < -1 || p.Policy >= l.Len() {
						t.Fatalf("problem %+v: bad policy index, %d policies", p, l.Len())
					}
				}
			}
			s := l.String()
			l2, err2 := parse(s)
			if !l.Equal(l2) {
				t.Fatalf("round trip: %q -> %q -> %q", value, s, l2.String())
			}
			if s2 := l2.String(); s2 != s {
				t.Fatalf("String not stable: %q -> %q", s, s2)
			}
			if err2 != nil {
				var pe *csp.ParseError
				errors.As(err2, &pe)
				for _, p := range pe.Problems {
					if p.Code == csp.NonASCIIDirective || p.Code == csp.DuplicateDirective {
						t.Fatalf("canonical form %q has problem %v", s, p)
					}
				}
			}
			for _, p := range l.All() {
				if p.Len() == 0 {
					t.Fatalf("empty policy kept from %q", value)
				}
			}
		}
	})
}
