package match

import (
	"strings"

	"github.com/cspkit/cspkit/source"
)

// preOutcome is what the part of a pre-request check that comes before
// matching the URL decides.
type preOutcome uint8

const (
	preNone    preOutcome = iota // undecided: the URL decides
	preAllowed                   // allowed by a nonce, the integrity metadata or 'strict-dynamic'
	preBlocked                   // blocked by 'strict-dynamic': a parser-inserted script
)

// preRequest is the part of CSP3's script-src pre-request check
// (#script-pre-request step 1, for a Script) and style-src-elem's
// (#style-src-elem-pre-request, for a Style) that comes before matching
// the URL, for the governing directive's sources l: a nonce equal to the
// element's, integrity metadata whose every item is a hash-source of l,
// and 'strict-dynamic'. It returns the index of the expression that
// allows the request when the outcome is preAllowed.
func (p *profile) preRequest(dest Destination, l source.List, c *config) (int, preOutcome) {
	if dest != Script && dest != Style {
		return -1, preNone
	}
	if i := p.nonceIndex(l, c.nonce); i >= 0 {
		return i, preAllowed
	}
	if dest != Script {
		return -1, preNone
	}
	if i := p.integrityIndex(l, c.sri); i >= 0 {
		return i, preAllowed
	}
	if sd := strictDynamicIndex(l); sd >= 0 {
		if c.notParserInserted {
			return sd, preAllowed
		}
		if p.emptyTextHashLoads {
			// the <script src> element's own text, empty, is hashed as an
			// inline script's would be
			for i, e := range l.All() {
				if e.Kind() == source.Hash && p.hashes.inlineHashMatch(e, &digests{}) {
					return i, preAllowed
				}
			}
		}
		return -1, preBlocked
	}
	return -1, preNone
}

// nonceOf returns the value of the nonce-source e; under nonceEqualsInside,
// also of a token the CSP3 grammar rejects only for a "=" before the end
// of its value ('nonce-a=b'), which WebKit reads as a nonce.
func (p *profile) nonceOf(e source.Expression) (string, bool) {
	if e.Kind() == source.Nonce {
		return e.Nonce(), true
	}
	if !p.nonceEqualsInside || e.Kind() != source.Invalid {
		return "", false
	}
	s := e.String()
	const prefix = "'nonce-"
	if len(s) <= len(prefix)+1 || !strings.EqualFold(s[:len(prefix)], prefix) || s[len(s)-1] != '\'' {
		return "", false
	}
	v := s[len(prefix) : len(s)-1]
	for i := 0; i < len(v); i++ {
		c := v[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '+' || c == '/' || c == '-' || c == '_' || c == '=') {
			return "", false
		}
	}
	return v, true
}

// nonceIndex is "does nonce match source list?"
// (#match-nonce-to-source-list): the index of the nonce-source of l whose
// value is nonce, or -1. An empty nonce matches nothing.
func (p *profile) nonceIndex(l source.List, nonce string) int {
	if p.nonceTrimmed {
		nonce = strings.Trim(nonce, "\t\n\f\r ")
	}
	if nonce == "" {
		return -1
	}
	for i, e := range l.All() {
		if v, ok := p.nonceOf(e); ok && v == nonce {
			return i
		}
	}
	return -1
}

// integrityIndex returns, when the parsed integrity metadata sri is not
// empty and every item of it is listed by a hash-source of l (as the
// engine compares them), the index of the hash-source listing the first
// item; -1 otherwise (#script-pre-request step 1.3).
func (p *profile) integrityIndex(l source.List, sri []sriItem) int {
	if len(sri) == 0 {
		return -1
	}
	first := -1
	for n, item := range sri {
		found := -1
		for i, e := range l.All() {
			if e.Kind() == source.Hash && p.hashes.integrityMatch(e, item.alg, item.value(p.hashes)) {
				found = i
				break
			}
		}
		if found < 0 {
			return -1
		}
		if n == 0 {
			first = found
		}
	}
	return first
}
