//go:build unix

package csp_test

import "syscall"

// processCPU returns the CPU time the process has used, user and system,
// in nanoseconds: the benchmarks report it beside wall time because on a
// shared machine wall time also counts other programs' turns.
func processCPU() int64 {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return ru.Utime.Nano() + ru.Stime.Nano()
}
