package source_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/cspkit/cspkit/source"
)

func FuzzParse(f *testing.F) {
	for _, tt := range parseTests {
		f.Add(tt.tok)
	}
	f.Fuzz(func(t *testing.T, token string) {
		e, err := source.Parse(token)

		again, _ := source.Parse(e.String())
		if again != e {
			t.Fatalf("Parse(%q) = %#v; Parse(String() = %q) = %#v", token, e, e.String(), again)
		}
		if got := string(e.AppendTo(nil)); got != e.String() {
			t.Fatalf("Parse(%q): AppendTo = %q, String = %q", token, got, e.String())
		}

		if n, ok := e.PortNumber(); ok && (e.Port() == "" || n < 0 || n > 65535) {
			t.Fatalf("Parse(%q): PortNumber %d for port %q", token, n, e.Port())
		}
		if e.PortWildcard() != (e.Port() == "*") {
			t.Fatalf("Parse(%q): PortWildcard %v for port %q", token, e.PortWildcard(), e.Port())
		}

		if e.Kind() == source.Invalid {
			var se *source.Error
			if !errors.As(err, &se) {
				t.Fatalf("Parse(%q): Invalid with error %v", token, err)
			}
			if se.Reason == 0 || se.Reason == source.NoneWithOthers {
				t.Fatalf("Parse(%q): reason %v", token, se.Reason)
			}
			if se.Pos < 0 || se.Pos > len(token) || se.Token != token || se.Offset != 0 {
				t.Fatalf("Parse(%q): bad error %#v", token, se)
			}
			// An Invalid expression prints its token, its scheme and host
			// lower-cased when they are well-formed.
			if len(e.String()) != len(token) || !strings.EqualFold(e.String(), token) {
				t.Fatalf("Parse(%q): Invalid prints %q", token, e.String())
			}
			if again := source.Lex(e.String()); again != e {
				t.Fatalf("Parse(%q): Invalid does not round-trip: %#v vs %#v", token, again, e)
			}
			_ = se.Error() // must not panic
			return
		}

		if err != nil {
			t.Fatalf("Parse(%q): kind %v with error %v", token, e.Kind(), err)
		}
		s := e.String()
		if strings.ContainsAny(s, " \t\n\f\r") {
			t.Fatalf("Parse(%q): String %q has whitespace", token, s)
		}
		if len(s) != len(token) || !strings.EqualFold(s, token) {
			// Canonical form only changes ASCII case.
			t.Fatalf("Parse(%q): String %q is not token with case changes", token, s)
		}
		if e.Scheme() != strings.ToLower(e.Scheme()) || e.Host() != strings.ToLower(e.Host()) {
			t.Fatalf("Parse(%q): scheme %q host %q not lower-case", token, e.Scheme(), e.Host())
		}
	})
}

func FuzzParseList(f *testing.F) {
	for _, v := range []string{
		"",
		"'none'",
		"'NONE'",
		"'none' https://a",
		"'self' https: *.example.com:443/api/ 'nonce-abc' 'sha256-abc='",
		"  'self'\t\n\f\rhttps://a.example  ",
		"a\u00a0b c",
		"exa_mple.com 'self https://[::1] üüü.de 'none'",
		"default-src 'self'; connect-src *",
	} {
		f.Add(v)
	}
	for _, tt := range parseTests {
		f.Add("'self' " + tt.tok + " *")
	}
	f.Fuzz(func(t *testing.T, value string) {
		l, err := source.ParseList(value)
		n := 0
		for range source.Fields(value) {
			n++
		}
		if l.Len() != n {
			t.Fatalf("ParseList(%q).Len() = %d, want %d fields", value, l.Len(), n)
		}
		s := l.String()
		again, _ := source.ParseList(s)
		if !again.Equal(l) {
			t.Fatalf("ParseList(%q).String() = %q does not round-trip", value, s)
		}
		if again.String() != s {
			t.Fatalf("String not canonical: %q then %q", s, again.String())
		}
		if err != nil {
			var le *source.ListError
			if !errors.As(err, &le) || len(le.Errs) == 0 {
				t.Fatalf("ParseList(%q): error %v", value, err)
			}
			for i, e := range le.Errs {
				if e.Offset < 0 || e.Offset+len(e.Token) > len(value) || value[e.Offset:e.Offset+len(e.Token)] != e.Token {
					t.Fatalf("ParseList(%q): bad offset in %#v", value, e)
				}
				if i > 0 && le.Errs[i-1].Offset >= e.Offset {
					t.Fatalf("ParseList(%q): errors out of order", value)
				}
			}
			_ = err.Error()
		}
		if l.IsNone() != (n == 0 || n == 1 && l.At(0).Kind() == source.None) {
			t.Fatalf("ParseList(%q).IsNone() = %v", value, l.IsNone())
		}
	})
}
