package match

import (
	"encoding/base64"
	"strings"

	"github.com/cspkit/cspkit/source"
)

// inlineRule says for which inline checks 'strict-dynamic' makes an engine
// ignore 'unsafe-inline'.
type inlineRule uint8

const (
	// inlineByType: for the script types ("script", "script attribute",
	// "navigation"), whatever directive governs (CSP3 #allow-all-inline
	// step 2.2; Gecko).
	inlineByType inlineRule = iota
	// inlineByScriptDirectives: whenever the governing directive is
	// script-src, script-src-elem, script-src-attr or default-src, styles
	// included (Blink).
	inlineByScriptDirectives
	// inlineByWebKitDirectives: whenever the governing directive is
	// script-src, script-src-elem or default-src, the only directives
	// where WebKit reads the keyword, styles included.
	inlineByWebKitDirectives
)

// voidsInline reports whether 'strict-dynamic' in the directive named
// dir voids 'unsafe-inline' for an inline check of kind k.
func (r inlineRule) voidsInline(dir string, k InlineKind) bool {
	switch r {
	case inlineByScriptDirectives:
		return dir == "script-src" || dir == "script-src-elem" || dir == "script-src-attr" || dir == "default-src"
	case inlineByWebKitDirectives:
		return dir == "script-src" || dir == "script-src-elem" || dir == "default-src"
	}
	return k.isScript()
}

// Element is what an inline check knows of the code: the nonce of the
// element that holds it and its text.
type Element struct {
	// Nonce is the element's nonce attribute, "" when it has none. CSP3
	// applies nonces to ScriptElement and StyleElement only. That the
	// element is nonceable (#is-element-nonceable: a <script> none of
	// whose attribute names or values holds "<script" or "<style", parsed
	// without duplicate attributes) is the caller's to know: give ""
	// for an element that is not.
	Nonce string
	// Text is what hash-sources are matched against: the text of the
	// <script> or <style> element, the attribute's value, or for a
	// JavaScriptURL the whole URL as navigated to, "javascript:" included
	// (CSP3 passes the navigation request's URL to the inline check).
	// It is taken as written in the HTML source: a CR LF pair or a lone CR
	// is read as LF, as the HTML parser does before anything sees the
	// text (HTML #preprocessing-the-input-stream; recorded: i000478). It
	// is hashed as UTF-8, an invalid byte as U+FFFD.
	Text string
}

// htmlNewlines returns s with each CR LF pair and lone CR replaced by LF.
func htmlNewlines(s string) string {
	if strings.IndexByte(s, '\r') < 0 {
		return s
	}
	s = strings.ReplaceAll(s, "\r\n", "\n")
	return strings.ReplaceAll(s, "\r", "\n")
}

// keywordIndex returns the index of the first keyword-source named kw in
// l, or -1.
func keywordIndex(l source.List, kw string) int {
	for i, e := range l.All() {
		if e.Kind() == source.Keyword && e.Keyword() == kw {
			return i
		}
	}
	return -1
}

// listFacts is what an inline check needs to know of a source list, found
// in one pass.
type listFacts struct {
	unsafeInline, strictDynamic, unsafeHashes int // indexes, or -1
	nonces, hashes                            int // counts
}

func (p *profile) factsOf(l source.List) listFacts {
	f := listFacts{unsafeInline: -1, strictDynamic: -1, unsafeHashes: -1}
	for i, e := range l.All() {
		switch e.Kind() {
		case source.Nonce:
			f.nonces++
		case source.Invalid:
			if _, ok := p.nonceOf(e); ok {
				f.nonces++
			}
		case source.Hash:
			f.hashes++
		case source.Keyword:
			switch e.Keyword() {
			case "unsafe-inline":
				if f.unsafeInline < 0 {
					f.unsafeInline = i
				}
			case "strict-dynamic":
				if f.strictDynamic < 0 {
					f.strictDynamic = i
				}
			case "unsafe-hashes":
				if f.unsafeHashes < 0 {
					f.unsafeHashes = i
				}
			}
		}
	}
	return f
}

// inlineMatch is "does element match source list for type and source?"
// (#match-element-to-source-list) as engine p reads it, for the list l of
// the directive named dir: the index of the expression that allows the
// inline code of kind k, or -1 and why not. inserted says that a script
// element was inserted by script (not parser-inserted).
func (p *profile) inlineMatch(l source.List, dir string, k InlineKind, el *Element, d *digests, inserted bool) (int, string) {
	if l.IsNone() {
		if l.Len() == 0 {
			return -1, "the list is empty, which blocks everything"
		}
		return -1, "the list is 'none'"
	}
	f := p.factsOf(l)
	// Step 1: "does a source list allow all inline behavior for type?"
	// (#allow-all-inline).
	voided := f.nonces > 0 || f.hashes > 0 || f.strictDynamic >= 0 && p.strictDynamicInline.voidsInline(dir, k)
	if f.unsafeInline >= 0 && !voided {
		return f.unsafeInline, ""
	}
	// Step 2: nonces, for nonceable elements.
	nonce := el.Nonce
	if p.nonceTrimmed {
		nonce = strings.Trim(nonce, "\t\n\f\r ")
	}
	if nonce != "" && f.nonces > 0 && (k == ScriptElement || k == StyleElement || k == StyleAttribute && p.styleAttrNonce) {
		for i, e := range l.All() {
			if v, ok := p.nonceOf(e); ok && v == nonce {
				return i, ""
			}
		}
	}
	// Steps 3 to 5: hashes, for attributes and URLs only with
	// 'unsafe-hashes'.
	hashed := k.hashedWithoutFlag() || f.unsafeHashes >= 0
	if hashed && f.hashes > 0 {
		for i, e := range l.All() {
			if e.Kind() == source.Hash && p.hashes.inlineHashMatch(e, d) {
				return i, ""
			}
		}
	}
	if inserted && k == ScriptElement && p.strictDynamicInserted && f.strictDynamic >= 0 {
		return f.strictDynamic, ""
	}
	return -1, inlineReason(f, voided, hashed, k, el, d, inserted)
}

// inlineReason says why a list with facts f does not allow the inline
// code.
func inlineReason(f listFacts, voided, hashed bool, k InlineKind, el *Element, d *digests, inserted bool) string {
	var why []string
	switch {
	case f.unsafeInline >= 0 && (f.nonces > 0 || f.hashes > 0):
		why = append(why, "'unsafe-inline' is ignored because the list has a nonce or hash")
	case f.unsafeInline >= 0 && voided:
		why = append(why, "'unsafe-inline' is ignored beside 'strict-dynamic'")
	default:
		why = append(why, "no 'unsafe-inline'")
	}
	if k == ScriptElement || k == StyleElement {
		switch {
		case f.nonces == 0:
		case el.Nonce == "":
			why = append(why, "the element has no nonce")
		default:
			why = append(why, "no nonce-source matches the element's nonce")
		}
	}
	switch {
	case !hashed:
		if f.hashes > 0 {
			why = append(why, "hashes apply to "+inlinePlurals[k]+" only with 'unsafe-hashes'")
		}
	default:
		why = append(why, "no hash-source matches the text (its hash is 'sha256-"+base64.StdEncoding.EncodeToString(d.of(algSHA256))+"')")
	}
	if f.strictDynamic >= 0 && k == ScriptElement && !inserted {
		why = append(why, "'strict-dynamic' does not allow parser-inserted inline scripts")
	}
	return strings.Join(why, ", ")
}
