package match_test

import (
	"reflect"
	"slices"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cspkit/cspkit/csp"
	"github.com/cspkit/cspkit/match"
)

// TestSharedListManyGoroutines shares one parsed list (every policy of the
// branch table, joined) among 64 goroutines that decide different targets
// with every engine, each in its own order, and compares every decision
// with the one made sequentially. Run with -race it proves that deciding
// only reads the list and the URLs.
func TestSharedListManyGoroutines(t *testing.T) {
	var lists []csp.List
	for _, tt := range connectTests {
		l, _ := csp.Parse(tt.policy)
		lists = append(lists, l)
	}
	shared := csp.Join(lists...)
	type job struct {
		page, target string
		opts         []match.Option
	}
	var jobs []job
	for _, tt := range connectTests {
		for _, opts := range append([][]match.Option{nil}, engineOptions()...) {
			if tt.redirected {
				opts = append(opts[:len(opts):len(opts)], match.Redirected())
			}
			jobs = append(jobs, job{tt.page, tt.target, opts})
		}
	}
	type result struct {
		d    match.Decision
		err  error
		done bool
	}
	want := make([]result, len(jobs))
	for i, j := range jobs {
		want[i].d, want[i].err = match.Connect(shared, j.page, j.target, j.opts...)
		want[i].done = true
	}

	const goroutines = 64
	got := make([][]result, goroutines)
	var wg sync.WaitGroup
	for g := range goroutines {
		wg.Add(1)
		go func() {
			defer wg.Done()
			got[g] = make([]result, len(jobs))
			// Every 8th job, forwards or backwards: each job is decided
			// by 8 goroutines, 4 in each direction.
			var mine []int
			for i := g % 8; i < len(jobs); i += 8 {
				mine = append(mine, i)
			}
			if g/8%2 == 1 {
				slices.Reverse(mine)
			}
			for _, i := range mine {
				j := jobs[i]
				got[g][i].d, got[g][i].err = match.Connect(shared, j.page, j.target, j.opts...)
				got[g][i].done = true
			}
		}()
	}
	wg.Wait()
	decided := make([]int, len(jobs))
	for g := range goroutines {
		for i := range jobs {
			if !got[g][i].done {
				continue
			}
			decided[i]++
			if !reflect.DeepEqual(got[g][i], want[i]) {
				t.Fatalf("goroutine %d, %s -> %s: %v, sequentially %v", g, jobs[i].page, jobs[i].target, got[g][i], want[i])
			}
		}
	}
	require.Len(t, want, len(connectTests)*(len(engines)+1))
	for i, n := range decided {
		require.Equal(t, goroutines/8, n, "job %d", i)
	}
}
