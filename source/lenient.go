package source

// Leniency names ways in which browsers read host-source tokens that the
// CSP3 grammar rejects. Engines differ in which they apply; package match
// knows each engine's. Values combine with |.
type Leniency uint8

const (
	// CutQuery: a "?query" or "#fragment" in the path-part is cut off, and
	// what precedes it is read as the host-source.
	CutQuery Leniency = 1 << iota
	// AnyPathChar: the path-part may hold any character but "?" and "#"
	// (with CutQuery, one of those ends it).
	AnyPathChar
	// CutQueryAfterHost: a "?query" or "#fragment" that follows the host or
	// port directly, with no path-part, is cut off.
	CutQueryAfterHost
)

// leniency records, for an Invalid token, the facts Lenient needs; the
// offsets of the well-formed prefix are kept in the Expression.
type leniency uint8

const (
	lenPrefix    leniency = 1 << iota // scheme, host and port are well-formed
	lenAfterHost                      // a "?" or "#" follows the host or port directly
	lenCut                            // the path-part holds a "?" or "#"
	lenStrictCut                      // the path-part before it fits the grammar
)

// Lenient returns the host-source that a browser reading tokens with
// leniency l makes of the Invalid expression e, and false when it makes
// none (or e is not Invalid). The result has kind Host and prints as the
// whole token; its Path stops before a cut query or fragment.
func (e Expression) Lenient(l Leniency) (Expression, bool) {
	if e.kind != Invalid || e.lenient&lenPrefix == 0 {
		return Expression{}, false
	}
	var ok bool
	switch {
	case e.lenient&lenAfterHost != 0:
		ok = l&CutQueryAfterHost != 0
	case e.lenient&lenCut != 0:
		ok = l&CutQuery != 0 && (l&AnyPathChar != 0 || e.lenient&lenStrictCut != 0)
	default:
		ok = l&AnyPathChar != 0
	}
	if !ok {
		return Expression{}, false
	}
	h := e
	h.kind, h.reason, h.pos, h.lenient = Host, 0, 0, 0
	return h, true
}

// salvage records in the Invalid expression *e, whose text is an ASCII
// token, how browsers may still read it as a host-source: when its
// scheme, host and port are well-formed, their offsets, where a query or
// fragment cuts it, and whether the path-part before that fits the
// grammar. It returns how many leading bytes the canonical form
// lower-cases: the scheme and host, when well-formed and in upper case.
func salvage(e *Expression) int {
	tok := e.text
	start, schemeUpper := hostStart(tok)
	end := start
	for end < len(tok) && tok[end] != '/' && tok[end] != '?' && tok[end] != '#' {
		end++
	}
	h := Expression{portNum: portAbsent}
	upper, r, _ := hostPort(&h, tok[:end], start)
	if r != 0 {
		return 0
	}
	e.hostStart, e.hostEnd, e.portEnd, e.portNum = h.hostStart, h.hostEnd, h.portEnd, h.portNum
	e.lenient = lenPrefix
	lower := lowerIf(upper || schemeUpper, int(h.hostEnd))
	if end < len(tok) && tok[end] != '/' {
		e.lenient |= lenAfterHost
		e.pathEnd = uint32(end)
		return lower
	}
	cut := end
	for cut < len(tok) && tok[cut] != '?' && tok[cut] != '#' {
		cut++
	}
	e.pathEnd = uint32(cut)
	if cut < len(tok) {
		e.lenient |= lenCut
		if r, _ := checkPath(tok[end:cut]); r == 0 {
			e.lenient |= lenStrictCut
		}
	}
	return lower
}
