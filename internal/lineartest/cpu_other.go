//go:build !unix

package lineartest

import "time"

// cpuTime returns -1: wall-clock time is used instead.
func cpuTime() time.Duration { return -1 }
