package source

// rec is one parsed token of a List: where its text is and what it is,
// without pointers, so that lists of any length cost the garbage
// collector nothing to scan and parsing them writes no pointers. Offsets
// after off are relative to off.
type rec struct {
	off, end                             uint32 // the token in the list's text
	hostStart, hostEnd, portEnd, pathEnd uint32
	portNum                              int32
	pos                                  uint32
	kind                                 Kind
	reason                               Reason
	lenient                              leniency
}

// recOf returns the record of e, whose text starts at byte off of a list's
// text.
func recOf(e *Expression, off int) rec {
	return rec{
		off: uint32(off), end: uint32(off + len(e.text)),
		hostStart: e.hostStart, hostEnd: e.hostEnd, portEnd: e.portEnd, pathEnd: e.pathEnd,
		portNum: e.portNum, pos: e.pos, kind: e.kind, reason: e.reason, lenient: e.lenient,
	}
}

// expr returns the Expression r records in text.
func (r *rec) expr(text string) Expression {
	return Expression{
		text: text[r.off:r.end], kind: r.kind, reason: r.reason, lenient: r.lenient,
		hostStart: r.hostStart, hostEnd: r.hostEnd, portEnd: r.portEnd, pathEnd: r.pathEnd,
		portNum: r.portNum, pos: r.pos,
	}
}
