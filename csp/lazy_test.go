package csp_test

import (
	"errors"
	"slices"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cspkit/cspkit/csp"
	"github.com/cspkit/cspkit/internal/corpus"
)

// sourceCodes are the problems only Parse reports: those of source
// expressions, which ParseLazy leaves to the first use of a list.
var sourceCodes = []csp.Code{csp.InvalidSource, csp.NoneWithSources}

// checkLazy checks that ParseLazy enforces what Parse does and reports
// Parse's problems but those of source expressions.
func checkLazy(t testing.TB, value string) {
	eager, eerr := csp.Parse(value)
	lazy, lerr := csp.ParseLazy(value)
	if !lazy.Equal(eager) || lazy.String() != eager.String() {
		t.Fatalf("%q: ParseLazy gives %q, Parse %q", value, lazy, eager)
	}
	for i, p := range eager.All() {
		for d := range p.Directives() {
			ld, ok := lazy.Policy(i).Directive(d.Name())
			if !ok || !ld.Sources().Equal(d.Sources()) || ld.Value() != d.Value() {
				t.Fatalf("%q: policy %d %s differs", value, i, d.Name())
			}
		}
	}
	var want, got []csp.Problem
	var pe *csp.ParseError
	if errors.As(eerr, &pe) {
		for _, p := range pe.Problems {
			if !slices.Contains(sourceCodes, p.Code) {
				want = append(want, p)
			}
		}
	}
	if errors.As(lerr, &pe) {
		got = pe.Problems
	}
	if len(want) != len(got) {
		t.Fatalf("%q: ParseLazy problems %v, Parse's directive-level problems %v", value, got, want)
	}
	for i := range want {
		if want[i] != got[i] {
			t.Fatalf("%q: problem %d: %v, want %v", value, i, got[i], want[i])
		}
	}
}

func TestParseLazyAgreesWithParse(t *testing.T) {
	for _, c := range corpus.LoadTB(t) {
		checkLazy(t, c.Value)
	}
	vs, err := corpus.Vectors()
	require.NoError(t, err)
	for _, v := range vs {
		checkLazy(t, v.Policy)
	}
	for _, v := range []string{"", ",", "connect-src https://ä.example; connect-src 'self'", "CONNECT-SRC 'SELF' HTTPS://A.EXAMPLE",
		"connect-src 'none' x; connect-src a", "referrer x, sandbox", "connect-src\u00a0*"} {
		checkLazy(t, v)
	}
}

func FuzzParseLazy(f *testing.F) {
	for _, c := range corpus.LoadTB(f) {
		f.Add(c.Value)
	}
	f.Fuzz(func(t *testing.T, value string) { checkLazy(t, value) })
}

// TestParseLazyConcurrent reads the lazy lists of one List from many
// goroutines at once (run with -race).
func TestParseLazyConcurrent(t *testing.T) {
	var value string
	for _, c := range corpus.LoadTB(t) {
		if len(c.Value) > len(value) {
			value = c.Value
		}
	}
	list, _ := csp.ParseLazy(value)
	eager, _ := csp.Parse(value)
	var wg sync.WaitGroup
	for g := range 64 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i, p := range list.All() {
				for d := range p.Directives() {
					e, _ := eager.Policy(i).Directive(d.Name())
					assert.True(t, d.Sources().Equal(e.Sources()), "goroutine %d: %s", g, d.Name())
				}
			}
		}()
	}
	wg.Wait()
}

func TestParseLazyLimits(t *testing.T) {
	l, err := csp.Limits{MaxHeaderBytes: 10}.ParseLazy("connect-src https://a.example")
	var le *csp.LimitError
	require.ErrorAs(t, err, &le)
	require.Equal(t, 1, l.Len())
	assert.Equal(t, csp.ClosedPolicy, l.Policy(0).Text())
}

func TestIsASCIIViaLazy(t *testing.T) {
	// A non-ASCII byte at every position of values of every length up to
	// 20: the directive that holds it is dropped.
	for n := 1; n <= 20; n++ {
		for at := 0; at < n; at++ {
			b := []byte("connect-src " + string(make([]byte, 0)))
			for i := 0; i < n; i++ {
				b = append(b, 'a')
			}
			b[len("connect-src ")+at] = 0xc3
			l, err := csp.ParseLazy(string(b))
			require.Error(t, err)
			assert.Equal(t, 0, l.Len(), "%q", b)
		}
	}
}
