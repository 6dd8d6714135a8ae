package match

type nonceOption string

func (o nonceOption) apply(c config) config {
	c.nonce = string(o)
	return c
}

// WithNonce gives the nonce attribute of the element that makes a Load of
// a Script or Style: the request's cryptographic nonce metadata. A
// nonce-source of the governing directive equal to it allows the load
// whatever the URL, before 'strict-dynamic' is considered (CSP3
// #script-pre-request step 1.1, #style-src-elem-pre-request; "does nonce
// match source list?", #match-nonce-to-source-list). It is ignored for
// other destinations and by Inline, which takes Element.Nonce.
func WithNonce(nonce string) Option { return nonceOption(nonce) }

type integrityOption string

func (o integrityOption) apply(c config) config {
	c.integrity = string(o)
	return c
}

// WithIntegrity gives the integrity attribute (Subresource Integrity
// metadata, such as "sha384-...") of the <script> that makes a Load of a
// Script. When the governing directive has hash-sources and every
// sha256, sha384 or sha512 item of the metadata is among them, the load
// is allowed whatever the URL (CSP3 #script-pre-request step 1.3, "Allowing
// external JavaScript via hashes", #external-hash); the browser's SRI check
// of the response, which this package does not model, then refuses a
// script whose content does not match. It is ignored for other
// destinations.
func WithIntegrity(metadata string) Option { return integrityOption(metadata) }

type notParserInsertedOption struct{}

func (notParserInsertedOption) apply(c config) config {
	c.notParserInserted = true
	return c
}

// NotParserInserted says that the script element was created by script
// (document.createElement("script")), not by the HTML parser. Under
// 'strict-dynamic' such a script loads whatever its URL (CSP3
// #script-pre-request step 1.4: Load with Script) and, in the browsers but
// not in CSP3, an inline one runs (Inline with ScriptElement). Without it a
// script element is parser-inserted, as markup makes it.
func NotParserInserted() Option { return notParserInsertedOption{} }
