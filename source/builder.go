package source

import "strings"

// Builder parses source lists that are parts of one text, such as the
// directive values of a header, into storage they share: a parse of the
// whole text allocates a fixed number of times, whatever its number of
// tokens, and the Lists hold no pointer per token. Package csp parses
// headers with it. The zero Builder is ready for Reset.
type Builder struct {
	text  string
	recs  []rec
	lower []span // ranges of text the canonical text lower-cases
	canon string // the canonical text, once Finish has made it
	done  bool
}

type span struct{ start, end uint32 }

// Reset starts a new text, expecting about tokens tokens in all.
func (b *Builder) Reset(text string, tokens int) {
	*b = Builder{text: text, recs: make([]rec, 0, tokens)}
}

// Add parses the tokens of text[start:end], separated by ASCII
// whitespace, and returns the indexes of the first token and of the one
// after the last, for Expr and List. unusual is true when a token is
// worth a closer look: it is Invalid, a host-source with a port no URL
// has, or 'none' next to other tokens.
func (b *Builder) Add(start, end int) (first, last int, unusual bool) {
	first = len(b.recs)
	s := b.text[:end]
	i := start
	none := false
	for i < len(s) {
		for i < len(s) && class[s[i]]&cSpace != 0 {
			i++
		}
		if i == len(s) {
			break
		}
		b.recs = append(b.recs, rec{})
		r := &b.recs[len(b.recs)-1]
		if j := scan(r, b.text, end, i); j > 0 {
			i = j
		} else {
			i = b.lexAt(r, s, i)
		}
		unusual = unusual || r.kind == Invalid || r.portNum == portTooLarge
		none = none || r.kind == None
	}
	return first, len(b.recs), unusual || none && len(b.recs)-first > 1
}

// lexAt parses the token that starts at s[i] with lex into *r and returns
// where it ends.
func (b *Builder) lexAt(r *rec, s string, i int) int {
	// Tokens are nearly always separated by SPACE, which IndexByte
	// finds fastest. A token that the grammar accepts holds no other
	// white space, so only an invalid one needs a closer look.
	j := len(s)
	if k := strings.IndexByte(s[i:], ' '); k >= 0 {
		j = i + k
	}
	var e Expression
	n := lex(&e, s[i:j])
	if e.kind == Invalid {
		if k := indexSpace(s[i:j]); k >= 0 {
			j = i + k
			e = Expression{}
			n = lex(&e, s[i:j])
		}
	}
	if n > 0 {
		b.Lower(i, i+n)
	}
	*r = recOf(&e, i)
	return j
}

// Truncate forgets the tokens from the n-th on, such as those of a
// directive that turns out to be dropped.
func (b *Builder) Truncate(n int) {
	if n >= len(b.recs) {
		return
	}
	off := b.recs[n].off
	b.recs = b.recs[:n]
	for len(b.lower) > 0 && b.lower[len(b.lower)-1].start >= off {
		b.lower = b.lower[:len(b.lower)-1]
	}
}

// Lower marks text[start:end] to be lower-cased in the canonical text,
// for names that a caller canonicalizes the same way.
func (b *Builder) Lower(start, end int) {
	b.lower = append(b.lower, span{uint32(start), uint32(end)})
}

// Expr returns the i-th token, as written (not lower-cased), and its byte
// offset in the text: for diagnostics while parsing.
func (b *Builder) Expr(i int) (Expression, int) {
	r := &b.recs[i]
	return r.expr(b.text), int(r.off)
}

// Finish returns the canonical text: the text with the marked ranges
// lower-cased, and the text itself when there are none. Lists are made
// after it.
func (b *Builder) Finish() string {
	if b.done {
		return b.canon
	}
	b.done, b.canon = true, b.text
	if len(b.lower) > 0 {
		var c strings.Builder
		c.Grow(len(b.text))
		at := uint32(0)
		for _, sp := range b.lower {
			c.WriteString(b.text[at:sp.start])
			for k := sp.start; k < sp.end; k++ {
				c.WriteByte(lowerByte(b.text[k]))
			}
			at = sp.end
		}
		c.WriteString(b.text[at:])
		b.canon = c.String()
	}
	return b.canon
}

// List returns the List of the tokens first to last (exclusive), as Add
// returned them, over the canonical text. It calls Finish if needed.
func (b *Builder) List(first, last int) List {
	return List{text: b.Finish(), recs: b.recs[first:last:last]}
}

// Draft returns the List of the tokens first to last like List, but over
// the text as given: it lets a caller keep Lists before the last token of
// the text is parsed. A Draft is final unless Lowers reports true; Final
// then makes it so.
func (b *Builder) Draft(first, last int) List {
	return List{text: b.text, recs: b.recs[first:last:last]}
}

// Lowers reports whether the canonical text differs from the text: some
// scheme, host or keyword has upper case.
func (b *Builder) Lowers() bool { return len(b.lower) > 0 }

// Final returns l, a Draft of b, over the canonical text. It calls Finish
// if needed.
func (b *Builder) Final(l List) List {
	return List{text: b.Finish(), recs: l.recs}
}
