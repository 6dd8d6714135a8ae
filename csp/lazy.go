package csp

import (
	"encoding/binary"
	"strings"
	"sync"
	"unsafe"

	"github.com/cspkit/cspkit/source"
)

// ParseLazy is Parse for callers that look at few directives, such as
// scanners that decide connect requests: it splits the value into
// policies and directives, and parses each directive's source list on its
// first use (Directive.Sources, safe for concurrent use). The List
// enforces exactly what Parse's does. The error lists the problems found
// at the directive level (non-ASCII, duplicate, unknown and unsupported
// directives, directives ignored in report-only policies); the problems of
// source expressions (invalid-source, none-with-sources) are Parse's to
// report: call Parse for complete diagnostics.
func ParseLazy(value string) (List, error) {
	return Limits{}.ParseLazy(value)
}

// ParseLazy is like the package's ParseLazy with the limits l.
func (l Limits) ParseLazy(value string) (List, error) {
	l = l.withDefaults()
	if err := l.check(field{value: value}); err != nil {
		return closedList(true, false), err
	}
	p := parser{maxProblems: l.MaxProblems, lazy: true}
	p.parse(value, Enforce, "", 0)
	return p.result()
}

// lazySources is a directive's source list, parsed on first use.
type lazySources struct {
	once  sync.Once
	value string
	l     source.List
}

func (z *lazySources) list() source.List {
	z.once.Do(func() {
		var b source.Builder
		b.Reset(z.value, strings.Count(z.value, " ")+1)
		first, last, _ := b.Add(0, len(z.value))
		z.l = b.List(first, last)
	})
	return z.l
}

// isASCII reports whether s has no byte above 0x7F, eight bytes at a time.
func isASCII(s string) bool {
	// A read-only view of s's bytes, so that the eight loads become one.
	b := unsafe.Slice(unsafe.StringData(s), len(s))
	var acc uint64
	i := 0
	for ; i+8 <= len(b); i += 8 {
		acc |= binary.LittleEndian.Uint64(b[i:])
	}
	for ; i < len(b); i++ {
		acc |= uint64(b[i])
	}
	return acc&0x8080808080808080 == 0
}
