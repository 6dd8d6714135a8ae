package csp_test

import (
	"bufio"
	"encoding/json"
	"errors"
	"os"
	"testing"

	"github.com/cspkit/cspkit/csp"
)

func FuzzParse(f *testing.F) {
	file, err := os.Open("../internal/testdata/spec-vectors.jsonl")
	if err != nil {
		f.Fatal(err)
	}
	defer file.Close()
	sc := bufio.NewScanner(file)
	sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
	n := 0
	for sc.Scan() {
		if len(sc.Bytes()) == 0 {
			continue
		}
		var v struct {
			Policy string `json:"policy"`
		}
		if err := json.Unmarshal(sc.Bytes(), &v); err != nil {
			f.Fatalf("spec-vectors.jsonl line %d: %v", n+1, err)
		}
		f.Add(v.Policy)
		n++
	}
	if err := sc.Err(); err != nil {
		f.Fatal(err)
	}
	if n == 0 {
		f.Fatal("no spec vectors")
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
