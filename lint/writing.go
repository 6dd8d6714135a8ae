package lint

import (
	"fmt"
	"strings"

	"github.com/cspkit/cspkit/csp"
	"github.com/cspkit/cspkit/source"
)

// writing reports how policy i is written: keywords, schemes and directive
// names read as host names, a deprecated directive, and duplicate or
// redundant sources, in every directive whose value is a source list.
func (c *checker) writing(i int, p csp.Policy) {
	for d := range p.Directives() {
		if d.Name() == csp.BlockAllMixedContent {
			c.add(DeprecatedDirective, i, d.Name(), "",
				"block-all-mixed-content is deprecated: Chromium still enforces it (and reports its blocks as CSP violations), Firefox and WebKit ignore it, and browsers block mixed content anyway; use upgrade-insecure-requests to upgrade requests instead")
		}
		if !csp.IsSourceList(d.Name()) {
			continue
		}
		for _, e := range d.Sources().All() {
			for _, f := range Written(d.Name(), e) {
				c.add(f.Code, i, d.Name(), e.String(), f.Message)
			}
		}
		c.repeats(i, d)
	}
}

// Written lints how one source expression of directive is written: a
// keyword, nonce, hash, scheme or directive name written bare, which
// browsers read as a host name. It returns the findings Check reports for
// such a source, each with Policy -1; package csptest runs it on the
// sources a test names.
func Written(directive string, e source.Expression) []Finding {
	t := e.String()
	switch e.Kind() {
	case source.Host:
		if len(e.Host()) != len(t) {
			return nil // it has a scheme, a port or a path: not a bare word
		}
	case source.Invalid:
	default:
		return nil
	}
	word := strings.ToLower(t)
	one := func(code Code, msg string) []Finding {
		r, _ := ruleOf(code)
		return []Finding{{Code: code, Severity: r.Severity, Policy: -1, Directive: directive, Sources: []string{t}, Message: msg}}
	}
	switch {
	case strings.Contains(word, ".") && word[0] != 'n' && word[0] != 's':
		// A dotted name that does not start like a nonce or hash: none
		// of the words below has a dot.
	case source.IsKeyword(word):
		return one(UnquotedKeyword, fmt.Sprintf(
			"%q without quotes is a host name, not the keyword '%s': write '%s'", t, word, word))
	case hasPrefix(word, "nonce-", "sha256-", "sha384-", "sha512-"):
		return one(UnquotedKeyword, fmt.Sprintf(
			"%q without quotes is a host name, not a nonce or hash source: write '%s'", t, t))
	case isScheme(word):
		return one(SchemeAsHost, fmt.Sprintf(
			"%q is a host name, not a scheme: write %s: to allow the scheme, or %s://host for one host", t, word, word))
	case e.Kind() == source.Host && csp.IsKnown(word):
		return one(MissingSemicolon, fmt.Sprintf(
			"%q is a directive name inside the value of %s: a \";\" is probably missing before it, so it is read as a host name", t, directive))
	}
	return nil
}

func hasPrefix(s string, prefixes ...string) bool {
	for _, p := range prefixes {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

func isScheme(w string) bool {
	switch w {
	case "http", "https", "ws", "wss", "data", "blob", "filesystem", "mediastream":
		return true
	}
	return false
}

// repeats reports the sources of d that another of its sources already
// lists (DuplicateSource) or covers (RedundantSource). Of two sources that
// cover each other, the later one is reported.
func (c *checker) repeats(i int, d csp.Directive) {
	l := d.Sources()
	if l.Len() < 2 {
		return
	}
	seen := make(map[string]bool, l.Len())
	idx := newCoverIndex(l)
	for j, e := range l.All() {
		s := e.String()
		if seen[s] {
			c.add(DuplicateSource, i, d.Name(), s, fmt.Sprintf("%s is listed more than once in %s", s, d.Name()))
			continue
		}
		seen[s] = true
		if !e.CanMatchURL() {
			continue
		}
		if k, ok := idx.coveredByOther(e, j); ok && !(k >= 0 && plaintextOver(l.At(k), e)) {
			c.add(RedundantSource, i, d.Name(), s, fmt.Sprintf(
				"%s allows nothing that %s does not already allow in every engine", s, l.At(k)))
		}
	}
}

// plaintextOver reports whether plaintext source a covers secure source b
// (http://h covers https://h in every engine): b is not the one to drop.
func plaintextOver(a, b source.Expression) bool {
	return (a.Scheme() == "http" || a.Scheme() == "ws") && (b.Scheme() == "https" || b.Scheme() == "wss")
}
