package source

import "strconv"

// Kind is the grammar production a source expression fits.
type Kind uint8

// The kinds of source expression. Only Wildcard, Scheme, Host and Self can
// ever match a URL; None matters only when it is alone in a list.
const (
	Invalid  Kind = iota // fits no grammar; never matches
	None                 // 'none'
	Self                 // 'self'
	Wildcard             // the single character *
	Scheme               // scheme-source, e.g. https:
	Host                 // host-source, e.g. https://*.example.com:8443/api/
	Keyword              // any other keyword-source, e.g. 'unsafe-inline'
	Nonce                // nonce-source, e.g. 'nonce-r4nd0m'
	Hash                 // hash-source, e.g. 'sha256-...'
)

var kindNames = [...]string{
	Invalid:  "invalid",
	None:     "none",
	Self:     "self",
	Wildcard: "wildcard",
	Scheme:   "scheme",
	Host:     "host",
	Keyword:  "keyword",
	Nonce:    "nonce",
	Hash:     "hash",
}

// String returns the kind's lower-case name, such as "host".
func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "Kind(" + strconv.Itoa(int(k)) + ")"
}
