package source

// keywords are the keyword-sources browsers know besides 'none' and 'self',
// without quotes: those of CSP Level 3
// (https://w3c.github.io/webappsec-csp/#grammardef-keyword-source) and the
// ones an engine has added ('inline-speculation-rules' in Chromium,
// 'unsafe-webtransport-hashes' from WebTransport). It is the one list the
// parser and the diagnostics of package csp share.
var keywords = [...]string{
	"unsafe-inline", "unsafe-eval", "strict-dynamic", "unsafe-hashes",
	"report-sample", "unsafe-allow-redirects", "wasm-unsafe-eval",
	"trusted-types-eval", "inline-speculation-rules",
	"report-sha256", "report-sha384", "report-sha512",
	"unsafe-webtransport-hashes",
}

// quotedKeywords holds the canonical text of each keyword, for tokens that
// spell one in upper case.
var quotedKeywords = func() (q [len(keywords)]string) {
	for i, k := range keywords {
		q[i] = "'" + k + "'"
	}
	return q
}()

// IsKeyword reports whether name, in lower case and without quotes, is a
// keyword-source browsers know, such as "self", "none" or "unsafe-inline".
func IsKeyword(name string) bool {
	return keywordIndex(name, false) >= 0 || name == "self" || name == "none"
}

// keywordIndex returns the index in keywords of in, compared exactly or,
// when fold is true, ASCII case-insensitively; -1 when it is none.
func keywordIndex(in string, fold bool) int {
	for i, k := range keywords {
		if in == k || fold && equalFold(in, k) {
			return i
		}
	}
	return -1
}
