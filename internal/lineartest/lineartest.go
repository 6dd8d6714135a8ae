// Package lineartest checks that the cost of a function grows linearly
// with the size of its input, by measuring it at two sizes and bounding the
// ratios of time, allocations and allocated bytes. Times are compared only
// with each other, never with a wall-clock limit.
package lineartest

import (
	"runtime"
	"testing"
	"time"
)

// Cost is what one run of a function costs.
type Cost struct {
	Size     int           // input size in bytes
	Time     time.Duration // CPU time of the fastest run
	Allocs   uint64        // heap allocations of one run
	Bytes    uint64        // bytes allocated by one run, garbage included
	Retained uint64        // bytes still reachable from the run's result
}

// PerByte returns allocated and retained bytes per input byte.
func (c Cost) PerByte() (allocated, retained float64) {
	return float64(c.Bytes) / float64(c.Size), float64(c.Retained) / float64(c.Size)
}

var keep any

// Measure runs run on in several times and returns its cost. The value run
// returns is kept alive while the retained memory is measured.
func Measure(in string, run func(string) any) Cost {
	c := measureMemory(in, run)
	for round := 0; round < 5; round++ {
		if d := timeOnce(in, run); round == 0 || d < c.Time {
			c.Time = d
		}
	}
	return c
}

func measureMemory(in string, run func(string) any) Cost {
	c := Cost{Size: len(in)}
	run(in) // warm up
	// The least of three runs, as the runtime allocates a little on its
	// own.
	for i := 0; i < 3; i++ {
		var m0, m1, m2 runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&m0)
		keep = run(in)
		runtime.ReadMemStats(&m1)
		runtime.GC()
		runtime.ReadMemStats(&m2)
		keep = nil
		allocs, bytes, retained := m1.Mallocs-m0.Mallocs, m1.TotalAlloc-m0.TotalAlloc, uint64(0)
		if m2.HeapAlloc > m0.HeapAlloc {
			retained = m2.HeapAlloc - m0.HeapAlloc
		}
		if i == 0 || bytes < c.Bytes {
			c.Allocs, c.Bytes, c.Retained = allocs, bytes, retained
		}
	}
	return c
}

// timeOnce returns the CPU time per run of a round of runs lasting at
// least 10ms. CPU time, where the system gives it, does not count the time
// other processes of a busy machine take.
func timeOnce(in string, run func(string) any) time.Duration {
	n, start, cpu0 := 0, time.Now(), cpuTime()
	for time.Since(start) < 10*time.Millisecond || n == 0 {
		run(in)
		n++
	}
	if cpu0 >= 0 {
		return (cpuTime() - cpu0) / time.Duration(n)
	}
	return time.Since(start) / time.Duration(n)
}

// Slack bounds how much faster than the size the cost may grow: at a size
// factor f, time may grow by f*Time, allocations by f*Allocs, allocated bytes by
// f*Bytes, each plus a little for the runtime's own allocations. A quadratic cost grows by f*f.
type Slack struct {
	Time, Allocs, Bytes float64
}

// DefaultSlack allows for noise on a shared machine and for slices that
// double their capacity.
var DefaultSlack = Slack{Time: 4, Allocs: 1.25, Bytes: 2.5}

// Check measures run on build(n) and build(factor*n) and fails t when a
// cost grows faster than linearly beyond DefaultSlack. It returns both
// costs for further checks and logs them. It skips t under the race
// detector, which distorts costs, and with -short; CI runs the checks
// without either.
func Check(t testing.TB, n, factor int, build func(n int) string, run func(string) any) (small, large Cost) {
	t.Helper()
	if RaceEnabled {
		t.Skip("costs are not linear-checked under the race detector")
	}
	if testing.Short() {
		t.Skip("costs are not linear-checked with -short")
	}
	smallIn, largeIn := build(n), build(factor*n)
	small, large = measureMemory(smallIn, run), measureMemory(largeIn, run)
	// Alternate the sizes so that a busy spell slows both.
	for round := 0; round < 5; round++ {
		if d := timeOnce(smallIn, run); round == 0 || d < small.Time {
			small.Time = d
		}
		if d := timeOnce(largeIn, run); round == 0 || d < large.Time {
			large.Time = d
		}
	}
	size := float64(large.Size) / float64(small.Size)
	t.Logf("size x%.1f (%d -> %d bytes): time %v -> %v (x%.1f), allocs %d -> %d, bytes %d -> %d",
		size, small.Size, large.Size, small.Time, large.Time, ratio(large.Time, small.Time),
		small.Allocs, large.Allocs, small.Bytes, large.Bytes)
	s := DefaultSlack
	if r := ratio(large.Time, small.Time); r > size*s.Time {
		t.Errorf("time grew x%.1f for a size x%.1f: not linear", r, size)
	}
	if float64(large.Allocs) > size*s.Allocs*float64(small.Allocs)+64 {
		t.Errorf("allocations grew from %d to %d for a size x%.1f: not linear", small.Allocs, large.Allocs, size)
	}
	if float64(large.Bytes) > size*s.Bytes*float64(small.Bytes)+16<<10 {
		t.Errorf("allocated bytes grew from %d to %d for a size x%.1f: not linear", small.Bytes, large.Bytes, size)
	}
	return small, large
}

func ratio(a, b time.Duration) float64 {
	if b <= 0 {
		b = 1
	}
	return float64(a) / float64(b)
}

// Allocated returns the bytes f allocates, the least of three runs after
// a warm-up: for tests that bound memory per byte of input.
func Allocated(f func()) uint64 {
	f()
	best := ^uint64(0)
	for range 3 {
		var m0, m1 runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&m0)
		f()
		runtime.ReadMemStats(&m1)
		best = min(best, m1.TotalAlloc-m0.TotalAlloc)
	}
	return best
}
