package csp

import (
	"strings"

	"github.com/cspkit/cspkit/source"
)

// Directive is one directive of a policy: a lower-case name and its value.
type Directive struct {
	name    string
	value   string // the value as written, between the name and the ";"
	sources source.List
	lazy    *lazySources // set by ParseLazy: sources are parsed on first use
	id      uint8        // the name's id among the known names, 0 when unknown
}

// Name returns the directive's lower-case name, such as "connect-src".
func (d Directive) Name() string { return d.name }

// Value returns the directive's value as written, with surrounding
// whitespace removed; "" for a directive without a value.
func (d Directive) Value() string { return d.value }

// Sources returns the value parsed as a source list. It is meaningful for
// fetch directives such as connect-src and default-src; for others (e.g.
// report-uri) it is simply the tokens read as source expressions.
//
// For a directive from ParseLazy, the first call parses the value; it is
// safe for concurrent use.
func (d Directive) Sources() source.List {
	if d.lazy != nil {
		return d.lazy.list()
	}
	return d.sources
}

// String returns the directive as "name token token ...", with the value's
// tokens separated by single spaces.
func (d Directive) String() string {
	var b strings.Builder
	d.writeTo(&b)
	return b.String()
}

func (d Directive) writeTo(b *strings.Builder) {
	b.WriteString(d.name)
	for _, tok := range source.Fields(d.value) {
		b.WriteByte(' ')
		b.WriteString(tok)
	}
}

// Equal reports whether d and e have the same name and the same tokens.
func (d Directive) Equal(e Directive) bool {
	return d.name == e.name && d.Sources().Equal(e.Sources())
}
