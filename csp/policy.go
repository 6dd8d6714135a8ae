package csp

import (
	"iter"
	"slices"
	"strings"
)

// Policy is one parsed policy: an ordered set of directives with at most one
// directive per name, and a disposition.
type Policy struct {
	text        string // the serialized policy as received, trimmed
	directives  []Directive
	disposition Disposition
	dropped     uint64 // ids of the known names whose first directive was dropped; see DroppedFirst
	present     uint64 // ids of the known names the policy has a directive of
}

// Disposition reports whether the policy is enforced or report-only.
func (p Policy) Disposition() Disposition { return p.disposition }

// Text returns the serialized policy as it was received, without the
// surrounding whitespace: what browsers send as "original-policy" in
// violation reports.
func (p Policy) Text() string { return p.text }

// Len returns the number of directives.
func (p Policy) Len() int { return len(p.directives) }

// Directives yields the directives in the order they were written.
func (p Policy) Directives() iter.Seq[Directive] { return slices.Values(p.directives) }

// Directive returns the directive with the given name, compared ASCII
// case-insensitively, and whether the policy has it.
func (p Policy) Directive(name string) (Directive, bool) {
	if id := nameID(name); id != 0 {
		return p.byID(id)
	}
	for _, d := range p.directives {
		if len(d.name) == len(name) && strings.EqualFold(d.name, name) {
			return d, true
		}
	}
	return Directive{}, false
}

// byID returns the directive whose known name has the given id.
func (p Policy) byID(id uint8) (Directive, bool) {
	if p.present&(1<<id) == 0 {
		return Directive{}, false
	}
	for i := range p.directives {
		if p.directives[i].id == id {
			return p.directives[i], true
		}
	}
	return Directive{}, false
}

// DroppedFirst reports whether the first directive named name (compared
// ASCII case-insensitively) in the policy's text was dropped because it
// contains non-ASCII characters; only known directive names are tracked. The spec then lets a later directive of
// the same name apply; Chromium does not (it ignores the later one as a
// duplicate), which the match package models.
func (p Policy) DroppedFirst(name string) bool {
	return p.droppedID(nameID(name))
}

func (p Policy) droppedID(id uint8) bool {
	return id != 0 && p.dropped&(1<<id) != 0
}

// Has reports whether the policy has a directive with the given name.
func (p Policy) Has(name string) bool {
	_, ok := p.Directive(name)
	return ok
}

// String returns the policy's directives in canonical form, joined by "; ".
// Parsing the result gives an Equal policy (with disposition Enforce).
func (p Policy) String() string {
	var b strings.Builder
	p.writeTo(&b)
	return b.String()
}

func (p Policy) writeTo(b *strings.Builder) {
	for i, d := range p.directives {
		if i > 0 {
			b.WriteString("; ")
		}
		d.writeTo(b)
	}
}

// Equal reports whether p and q have the same disposition and the same
// directives in the same order.
func (p Policy) Equal(q Policy) bool {
	return p.disposition == q.disposition && slices.EqualFunc(p.directives, q.directives, Directive.Equal)
}
