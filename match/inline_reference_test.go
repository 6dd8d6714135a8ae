package match_test

import (
	"crypto/sha256"
	"crypto/sha512"
	"encoding/base64"
	"strings"
	"unicode/utf8"

	"github.com/cspkit/cspkit/csp"
	"github.com/cspkit/cspkit/match"
)

// This file is a slow, literal reading of CSP3's inline checks
// (https://w3c.github.io/webappsec-csp/, editor's draft of 2026-04):
// "should element's inline type behavior be blocked by Content Security
// Policy?" (#should-block-inline) with the inline checks of script-src,
// script-src-elem, script-src-attr, style-src, style-src-elem,
// style-src-attr and default-src, which come down to the directive the
// effective directive's fallback list reaches ("should fetch directive
// execute", #should-directive-execute). It reads each token of the
// directive's value with its own grammar and does not use package source.
// match.Spec is tested against it.

// refInlineEffective is "get the effective directive for inline checks".
var refInlineEffective = map[match.InlineKind]string{
	match.ScriptElement: "script-src-elem", match.JavaScriptURL: "script-src-elem",
	match.ScriptAttribute: "script-src-attr", match.StyleElement: "style-src-elem", match.StyleAttribute: "style-src-attr",
}

var refInlineFallback = map[string][]string{
	"script-src-elem": {"script-src-elem", "script-src", "default-src"},
	"script-src-attr": {"script-src-attr", "script-src", "default-src"},
	"style-src-elem":  {"style-src-elem", "style-src", "default-src"},
	"style-src-attr":  {"style-src-attr", "style-src", "default-src"},
}

// refInlineType is CSP3's type string for a kind.
func refInlineType(k match.InlineKind) string {
	switch k {
	case match.ScriptElement:
		return "script"
	case match.ScriptAttribute:
		return "script attribute"
	case match.StyleElement:
		return "style"
	case match.StyleAttribute:
		return "style attribute"
	}
	return "navigation"
}

// refInline is #should-block-inline, inverted: every enforced policy must
// allow.
func refInline(list csp.List, k match.InlineKind, el match.Element) bool {
	for _, pol := range list.All() {
		if pol.Disposition() != csp.Enforce {
			continue
		}
		for _, name := range refInlineFallback[refInlineEffective[k]] {
			dir, ok := pol.Directive(name)
			if !ok {
				continue
			}
			if !refElementMatches(strings.Fields(dir.Value()), refInlineType(k), el) {
				return false
			}
			break
		}
	}
	return true
}

func refIsBase64Value(s string) bool {
	body := strings.TrimRight(s, "=")
	if body == "" || len(s)-len(body) > 2 {
		return false
	}
	for _, c := range body {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '+' || c == '/' || c == '-' || c == '_') {
			return false
		}
	}
	return true
}

// refNonce returns the base64-value of a nonce-source token.
func refNonce(tok string) (string, bool) {
	if len(tok) < 9 || !strings.EqualFold(tok[:7], "'nonce-") || tok[len(tok)-1] != '\'' {
		return "", false
	}
	v := tok[7 : len(tok)-1]
	return v, refIsBase64Value(v)
}

// refHash returns the algorithm (lower case) and base64-value of a
// hash-source token.
func refHash(tok string) (string, string, bool) {
	if len(tok) < 10 || tok[0] != '\'' || tok[len(tok)-1] != '\'' || tok[7] != '-' {
		return "", "", false
	}
	alg := strings.ToLower(tok[1:7])
	if alg != "sha256" && alg != "sha384" && alg != "sha512" {
		return "", "", false
	}
	v := tok[8 : len(tok)-1]
	return alg, v, refIsBase64Value(v)
}

// refAllowAll is "does a source list allow all inline behavior for
// type?" (#allow-all-inline).
func refAllowAll(list []string, typ string) bool {
	allow := false
	for _, e := range list {
		if _, ok := refNonce(e); ok {
			return false
		}
		if _, _, ok := refHash(e); ok {
			return false
		}
		if (typ == "script" || typ == "script attribute" || typ == "navigation") && strings.EqualFold(e, "'strict-dynamic'") {
			return false
		}
		if strings.EqualFold(e, "'unsafe-inline'") {
			allow = true
		}
	}
	return allow
}

// refElementMatches is "does element match source list for type and
// source?" (#match-element-to-source-list). An empty list and 'none'
// alone match nothing: neither allows anything below.
func refElementMatches(list []string, typ string, el match.Element) bool {
	if refAllowAll(list, typ) {
		return true
	}
	if (typ == "script" || typ == "style") && el.Nonce != "" {
		for _, e := range list {
			if v, ok := refNonce(e); ok && v == el.Nonce {
				return true
			}
		}
	}
	unsafeHashes := false
	for _, e := range list {
		if strings.EqualFold(e, "'unsafe-hashes'") {
			unsafeHashes = true
			break
		}
	}
	if typ == "script" || typ == "style" || unsafeHashes {
		// HTML turns CR LF and CR into LF before the text exists
		text := strings.ReplaceAll(strings.ReplaceAll(el.Text, "\r\n", "\n"), "\r", "\n")
		src := []byte(strings.ToValidUTF8(refScalar(text), "\uFFFD"))
		for _, e := range list {
			alg, v, ok := refHash(e)
			if !ok {
				continue
			}
			var sum []byte
			switch alg {
			case "sha256":
				h := sha256.Sum256(src)
				sum = h[:]
			case "sha384":
				h := sha512.Sum384(src)
				sum = h[:]
			case "sha512":
				h := sha512.Sum512(src)
				sum = h[:]
			}
			actual := base64.StdEncoding.EncodeToString(sum)
			expected := strings.NewReplacer("-", "+", "_", "/").Replace(v)
			if actual == expected {
				return true
			}
		}
	}
	return false
}

// refScalar replaces each byte of s that is not part of valid UTF-8 with
// U+FFFD, as a JavaScript string holding those code units would convert.
func refScalar(s string) string {
	var b strings.Builder
	for _, r := range s { // range yields U+FFFD for each invalid byte
		b.WriteRune(r)
	}
	if !utf8.ValidString(b.String()) {
		panic("not valid")
	}
	return b.String()
}
