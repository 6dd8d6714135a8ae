package csp

import (
	"slices"
	"strings"
)

// Directive names this package knows, with what a browser does with them.
// Unknown names are kept (they make a policy non-empty) but have no effect.
const (
	ConnectSrc              = "connect-src"
	DefaultSrc              = "default-src"
	UpgradeInsecureRequests = "upgrade-insecure-requests"
	BlockAllMixedContent    = "block-all-mixed-content"
)

type nameInfo struct {
	sourceList  bool  // the value is a source list
	unsupported bool  // removed from the spec; no current browser enforces it
	id          uint8 // 1 + the name's index in knownIDs
}

var known = map[string]nameInfo{
	"child-src":                 {sourceList: true},
	"connect-src":               {sourceList: true},
	"default-src":               {sourceList: true},
	"fenced-frame-src":          {sourceList: true},
	"font-src":                  {sourceList: true},
	"frame-src":                 {sourceList: true},
	"img-src":                   {sourceList: true},
	"manifest-src":              {sourceList: true},
	"media-src":                 {sourceList: true},
	"object-src":                {sourceList: true},
	"script-src":                {sourceList: true},
	"script-src-attr":           {sourceList: true},
	"script-src-elem":           {sourceList: true},
	"style-src":                 {sourceList: true},
	"style-src-attr":            {sourceList: true},
	"style-src-elem":            {sourceList: true},
	"worker-src":                {sourceList: true},
	"base-uri":                  {sourceList: true},
	"form-action":               {sourceList: true},
	"frame-ancestors":           {sourceList: true},
	"sandbox":                   {},
	"report-uri":                {},
	"report-to":                 {},
	"require-trusted-types-for": {},
	"trusted-types":             {},
	"upgrade-insecure-requests": {},
	"webrtc":                    {},
	"block-all-mixed-content":   {}, // deprecated, still enforced by Chromium
	"prefetch-src":              {sourceList: true, unsupported: true},
	"navigate-to":               {sourceList: true, unsupported: true},
	"plugin-types":              {unsupported: true},
	"referrer":                  {unsupported: true},
	"reflected-xss":             {unsupported: true},
	"require-sri-for":           {unsupported: true},
	"disown-opener":             {unsupported: true},
}

// suggest returns the known directive name closest to name (at most two
// edits away), or "".
func suggest(name string) string {
	if len(name) > 40 {
		return ""
	}
	best, bestD := "", 3
	for k := range known {
		if d := editDistance(name, k, 3); d < bestD || d == bestD && d < 3 && k < best {
			best, bestD = k, d
		}
	}
	return best
}

// editDistance returns the Levenshtein distance of a and b, or any value
// >= limit when it is at least limit.
func editDistance(a, b string, limit int) int {
	if d := len(a) - len(b); d >= limit || -d >= limit {
		return limit
	}
	var row [48]int
	for j := 0; j <= len(b); j++ {
		row[j] = j
	}
	for i := 1; i <= len(a); i++ {
		prev := row[0]
		row[0] = i
		for j := 1; j <= len(b); j++ {
			cur := row[j]
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			row[j] = min(row[j]+1, row[j-1]+1, prev+cost)
			prev = cur
		}
	}
	return row[len(b)]
}

// knownByLen holds the names of known, bucketed by length, for lookups
// that neither hash nor allocate.
var knownByLen = func() (t [32][]knownName) {
	for i, name := range knownIDs {
		info := known[name]
		info.id = uint8(i + 1)
		t[len(name)] = append(t[len(name)], knownName{name, info})
	}
	return t
}()

// knownIDs lists the known names in a fixed order: a name's id is its
// index plus one (0 is an unknown name), so that policies compare names
// by one byte and keep sets of them in a word.
var knownIDs = func() []string {
	names := make([]string, 0, len(known))
	for name := range known {
		names = append(names, name)
	}
	slices.Sort(names)
	if len(names) > 63 {
		panic("csp: more known directive names than a uint64 holds")
	}
	return names
}()

// nameID returns the id of the directive named name, in any case, or 0.
func nameID(name string) uint8 {
	if len(name) < len(knownByLen) {
		for _, k := range knownByLen[len(name)] {
			if k.name == name || strings.EqualFold(name, k.name) {
				return k.info.id
			}
		}
	}
	return 0
}

type knownName struct {
	name string
	info nameInfo
}

// lookupFold returns the lower-case name of the directive named name, in
// any case, with what is known of it: the constant for a known name (no
// allocation), else name lower-cased.
func lookupFold(name string) (string, nameInfo, bool) {
	if len(name) < len(knownByLen) {
		for _, k := range knownByLen[len(name)] {
			if k.name == name || strings.EqualFold(name, k.name) {
				return k.name, k.info, true
			}
		}
	}
	return lower(name), nameInfo{}, false
}

// lookupName is known[name], faster.
func lookupName(name string) (nameInfo, bool) {
	if len(name) >= len(knownByLen) {
		return nameInfo{}, false
	}
	for _, k := range knownByLen[len(name)] {
		if k.name == name {
			return k.info, true
		}
	}
	return nameInfo{}, false
}

// IsKnown reports whether name, in lower case, is a directive some browser
// or the specification knows (unknown names have no effect).
func IsKnown(name string) bool {
	_, ok := lookupName(name)
	return ok
}

// IsSourceList reports whether the value of the directive named name, in
// lower case, is a source list: the fetch directives, base-uri,
// form-action and frame-ancestors.
func IsSourceList(name string) bool {
	info, _ := lookupName(name)
	return info.sourceList
}

// knownHash is a table of the known names by a hash of their length and
// two of their bytes, collision-free for these names (see hashName), so
// that a lower-case name is found with one string compare.
var knownHash, knownHashMul = func() (t [256]uint8, mul uint32) {
	for mul = 0x9e3779b1; mul < 0x9e3779b1+1<<17; mul += 2 {
		t = [256]uint8{}
		ok := true
		for i, name := range knownIDs {
			h := hashName(name, mul)
			if t[h] != 0 {
				ok = false
				break
			}
			t[h] = uint8(i + 1)
		}
		if ok {
			return t, mul
		}
	}
	panic("csp: no collision-free hash of the known directive names")
}()

// hashName hashes name, which must not be empty, into 0 to 255.
func hashName(name string, mul uint32) uint8 {
	k := uint32(len(name)) | uint32(name[0])<<8 | uint32(name[len(name)-1])<<16 | uint32(name[len(name)/2])<<24
	return uint8((k * mul) >> 24)
}

// lookupLower returns the known name equal to name, which is not empty
// and has no upper case, with what is known of it.
func lookupLower(name string) (knownName, bool) {
	if i := knownHash[hashName(name, knownHashMul)]; i != 0 {
		if k := knownIDs[i-1]; k == name {
			return knownName{k, knownInfo[i-1]}, true
		}
	}
	return knownName{}, false
}

// knownInfo holds what is known of each name of knownIDs, id included.
var knownInfo = func() []nameInfo {
	t := make([]nameInfo, len(knownIDs))
	for i, name := range knownIDs {
		t[i] = known[name]
		t[i].id = uint8(i + 1)
	}
	return t
}()
