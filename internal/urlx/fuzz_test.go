package urlx

import (
	"strings"
	"testing"
	"time"
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

// maxInputTime bounds the time urlx may take on one fuzz input. Parsing
// costs at most about 100ns per byte (IDNA's worst case), and fuzz inputs
// are at most tens of kilobytes, so an input over the bound costs more
// than linear time: the fuzzer keeps it as a failing input. (Before
// Punycode was made O(n log n), the 24 KB seed slow-idna-24kb-distinct
// took 500ms.)
const maxInputTime = 200 * time.Millisecond

// timed runs parse, once more when it was slow (a busy machine, a garbage
// collection), and fails t with a "slow input" message when it was slow
// both times.
func timed[T any](t *testing.T, in string, parse func() T) T {
	t.Helper()
	start := time.Now()
	v := parse()
	if d := time.Since(start); d > maxInputTime {
		start = time.Now()
		v = parse()
		if d2 := time.Since(start); d2 > maxInputTime {
			t.Fatalf("slow input: urlx took %v and %v (limit %v) on %d bytes: %s", d, d2, maxInputTime, len(in), QuoteInput(in))
		}
	}
	return v
}

type parsed struct {
	u   URL
	err error
}

// referenceAffordable reports whether the reference parser can be run on
// in: its IDNA (golang.org/x/net/idna) takes time quadratic in the length
// of a label, so long inputs are checked against urlx's own invariants
// only.
func referenceAffordable(in string) bool { return len(in) <= 1024 }

func FuzzParse(f *testing.F) {
	for _, c := range handCases {
		f.Add(c.in)
		f.Add(c.base)
	}
	f.Fuzz(func(t *testing.T, in string) {
		p := timed(t, in, func() parsed { u, err := Parse(in); return parsed{u, err} })
		if p.err == nil {
			checkIdempotent(t, p.u)
			_ = p.u.Origin().String()
		}
		if !utf8.ValidString(in) || !referenceAffordable(in) {
			// Both parsers read invalid UTF-8 as U+FFFD; ours was checked alone.
			return
		}
		if _, problem := check(runBoth(nil, in)); problem != "" {
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
		p := timed(t, in, func() parsed { u, err := ParseRef(b, in); return parsed{u, err} })
		if p.err == nil {
			checkIdempotent(t, p.u)
		}
		if !utf8.ValidString(base) || !utf8.ValidString(in) || !referenceAffordable(base+in) {
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

// FuzzHost checks domain to ASCII on its own: whatever the host, it
// takes linear time, returns lower-case ASCII, and every host it returns
// parses again to itself, as the input of domain to ASCII and as the host
// of an href. (Forbidden code points are the host parser's to refuse.)
func FuzzHost(f *testing.F) {
	for _, s := range []string{"bücher.example", "xn--bcher-kva", "xn--", "xn--.a.com", "ℵx.com", "xn--x-zhc.com",
		"xn--xn---epa", "faß.ς", "a\u200db", "क्\u200d", "ل\u200cا", "1.א", "a。b", "ẞ", "💩.la", "<\u0338",
		"a" + strings.Repeat("\u0301", 31), strings.Repeat("é", 1000), cjk(300), "xn--9ca" + strings.Repeat("a", 999)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, host string) {
		if !utf8.ValidString(host) {
			return
		}
		type result struct {
			a string
			f *failure
		}
		r := timed(t, host, func() result { a, f := domainToASCII(host); return result{a, f} })
		if r.f != nil {
			return
		}
		for i := 0; i < len(r.a); i++ {
			if r.a[i] >= utf8.RuneSelf || 'A' <= r.a[i] && r.a[i] <= 'Z' {
				t.Fatalf("domainToASCII(%+q) = %q has %q", host, r.a, r.a[i])
			}
			if forbiddenDomain(r.a[i]) {
				return // the host parser refuses it
			}
		}
		again, f := domainToASCII(r.a)
		if f != nil || again != r.a {
			t.Fatalf("domainToASCII(%+q) = %q, which gives %q, %v", host, r.a, again, f)
		}
		u, err := Parse("https://" + host + "/")
		if err != nil || u.HostKind != Domain {
			return // an IPv4 address, an empty host, or a failure outside domain to ASCII
		}
		v, err := Parse("https://" + u.Host + "/")
		if err != nil || v.Host != u.Host {
			t.Fatalf("host %q of %+q parses again to %q, %v", u.Host, host, v.Host, err)
		}
	})
}
