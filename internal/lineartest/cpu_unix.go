//go:build unix

package lineartest

import (
	"syscall"
	"time"
)

// cpuTime returns the CPU time the process has used, or -1.
func cpuTime() time.Duration {
	var r syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &r) != nil {
		return -1
	}
	return time.Duration(r.Utime.Nano() + r.Stime.Nano())
}
