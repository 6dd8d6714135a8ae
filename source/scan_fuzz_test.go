package source_test

import (
	"testing"

	"github.com/cspkit/cspkit/source"
)

// FuzzListMatchesLex checks that a List parses each of its tokens exactly
// as Lex parses the token alone, also when the list is part of a longer
// text: the one-pass scanner that List parsing uses for common tokens
// agrees with the grammar's parser on every input.
func FuzzListMatchesLex(f *testing.F) {
	for _, v := range []string{
		"'self' https: *.example.com:443/api/ 'nonce-abc' 'sha256-abc='",
		"* https://* *:443 *.a. a. a.. .a *. https://*.a.b:*/p/%2f/q",
		"https:// https:/// a:b a:443x a:/p a:99999999 a:65535 a:65536 a:* a:*5",
		"127.0.0.1:8080 -a.b 1a a+b.c data: blob:\tx a//b a/b//c a/%4 a/%4g a/%41",
		"'none' 'NONE' 'self'x 'unsafe-inline' 'nonce-' 'sha256-' 'sha384-aa=' 'a",
		"HTTPS://A.B Https://a a.B https://a?x https://a/#f a/b?c",
		"a:443/p\tb https://a.b\x00 https://\xc3\xa9.example",
	} {
		f.Add(v, "")
		f.Add(v, ";a.b")
	}
	for _, tt := range parseTests {
		f.Add(tt.tok+" "+tt.tok, "..x")
	}
	f.Fuzz(func(t *testing.T, value, after string) {
		l, _ := source.ParseList(value)
		i := 0
		for _, tok := range source.Fields(value) {
			if i >= l.Len() {
				t.Fatalf("ParseList(%q) has %d tokens, fewer than its fields", value, l.Len())
			}
			if got, want := l.At(i), source.Lex(tok); got != want {
				t.Fatalf("ParseList(%q) token %d = %#v, Lex(%q) = %#v", value, i, got, tok, want)
			}
			i++
		}
		if i != l.Len() {
			t.Fatalf("ParseList(%q) has %d tokens, %d fields", value, l.Len(), i)
		}
		// A Builder reads only the part of its text it is given.
		var b source.Builder
		b.Reset(value+after, 0)
		first, last, _ := b.Add(0, len(value))
		if got := b.List(first, last); got.String() != l.String() || !got.Equal(l) {
			t.Fatalf("Builder over %q then %q: %q, want %q", value, after, got, l)
		}
	})
}
