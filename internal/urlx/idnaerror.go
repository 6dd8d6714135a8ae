package urlx

// IDNAError says which label of a host failed the URL Standard's domain to
// ASCII and which rule of UTS #46 it broke. It is the Err of the *Error
// that Parse and ParseRef return for such a host.
type IDNAError struct {
	Label string // the label after UTS #46 mapping or Punycode decoding; for a rule about the whole host, the host
	Rule  string // the rule broken, e.g. "Punycode label decodes to nothing"
	Err   error  // the golang.org/x/net/idna error when that package found the problem, else nil
}

// Error formats the failure as `IDNA: <rule>: "<label>"`, with a long
// label shortened.
func (e *IDNAError) Error() string {
	return "IDNA: " + e.Rule + ": " + QuoteInput(e.Label)
}

// Unwrap returns the golang.org/x/net/idna error, or nil.
func (e *IDNAError) Unwrap() error { return e.Err }

// idnaFail returns the failure for label breaking rule.
func idnaFail(label, rule string, err error) *failure {
	e := &IDNAError{Label: label, Rule: rule, Err: err}
	return &failure{reason: e.Error(), err: e}
}
