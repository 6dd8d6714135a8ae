package report

import (
	"bytes"
	"encoding/json"
	"strconv"
)

// The Content-Type of the two kinds of report POST.
const (
	CSPReportType = "application/csp-report"   // report-uri
	ReportsType   = "application/reports+json" // report-to (Reporting API)
)

// jsonObject writes a JSON object with keys in the order they are added,
// as browsers write them.
type jsonObject struct {
	b bytes.Buffer
	n int
}

func (o *jsonObject) key(k string) {
	if o.n == 0 {
		o.b.WriteByte('{')
	} else {
		o.b.WriteByte(',')
	}
	o.n++
	writeString(&o.b, k)
	o.b.WriteByte(':')
}

func (o *jsonObject) str(k, v string) { o.key(k); writeString(&o.b, v) }

func (o *jsonObject) num(k string, v int) { o.key(k); o.b.WriteString(strconv.Itoa(v)) }

func (o *jsonObject) null(k string) { o.key(k); o.b.WriteString("null") }

// numOrNull writes v when known, else null.
func (o *jsonObject) numOrNull(k string, v int, known bool) {
	if known {
		o.num(k, v)
	} else {
		o.null(k)
	}
}

func (o *jsonObject) raw(k string, v []byte) { o.key(k); o.b.Write(v) }

func (o *jsonObject) bytes() []byte {
	if o.n == 0 {
		return []byte("{}")
	}
	o.b.WriteByte('}')
	return o.b.Bytes()
}

// writeString writes s as a JSON string without HTML escaping.
func writeString(b *bytes.Buffer, s string) {
	enc := json.NewEncoder(b)
	enc.SetEscapeHTML(false)
	enc.Encode(s)           // a string always encodes
	b.Truncate(b.Len() - 1) // Encode's newline
}

// ReportURIBody returns the body of the application/csp-report POST that
// v.Engine sends to each of v.ReportURIs: {"csp-report": {...}}, compact,
// with the engine's keys in the engine's order (WebKit adds "type" and
// "url" before "csp-report"). The Chromium, Firefox and WebKit forms are
// checked byte for byte against reports recorded from those browsers
// (internal/testdata/reports/recorded).
func (v Violation) ReportURIBody() []byte {
	var r jsonObject
	rl := rulesOf(v.Engine)
	switch rl.layout {
	case layoutLexical:
		// Gecko serialises a WebIDL dictionary: keys in lexical order,
		// optional members only when set.
		r.str("blocked-uri", v.BlockedURL)
		if v.ColumnNumber != 0 {
			r.num("column-number", v.ColumnNumber)
		}
		r.str("disposition", v.Disposition.String())
		r.str("document-uri", v.DocumentURL)
		r.str("effective-directive", v.EffectiveDirective)
		if v.LineNumber != 0 {
			r.num("line-number", v.LineNumber)
		}
		r.str("original-policy", v.OriginalPolicy)
		r.str("referrer", v.Referrer)
		if v.Sample != "" {
			r.str("script-sample", v.Sample)
		}
		if v.SourceFile != "" {
			r.str("source-file", v.SourceFile)
		}
		r.num("status-code", v.StatusCode)
		r.str("violated-directive", v.ViolatedDirective)
	case layoutNoSample:
		r.str("document-uri", v.DocumentURL)
		r.str("referrer", v.Referrer)
		r.str("violated-directive", v.ViolatedDirective)
		r.str("effective-directive", v.EffectiveDirective)
		r.str("original-policy", v.OriginalPolicy)
		r.str("blocked-uri", v.BlockedURL)
		r.num("status-code", v.StatusCode)
		if v.SourceFile != "" {
			r.str("source-file", v.SourceFile)
			r.num("line-number", v.LineNumber)
			r.num("column-number", v.ColumnNumber)
		}
	default: // layoutSpec: CSP3's keys, in Chromium's order
		r.str("document-uri", v.DocumentURL)
		r.str("referrer", v.Referrer)
		r.str("violated-directive", v.ViolatedDirective)
		r.str("effective-directive", v.EffectiveDirective)
		r.str("original-policy", v.OriginalPolicy)
		r.str("disposition", v.Disposition.String())
		r.str("blocked-uri", v.BlockedURL)
		if v.LineNumber != 0 {
			r.num("line-number", v.LineNumber)
		}
		if v.ColumnNumber != 0 {
			r.num("column-number", v.ColumnNumber)
		}
		if v.SourceFile != "" {
			r.str("source-file", v.SourceFile)
		}
		r.num("status-code", v.StatusCode)
		r.str("script-sample", v.Sample)
	}
	var top jsonObject
	if rl.wrapped {
		// WebKit puts the Reporting API's type and url around the body.
		top.str("type", "csp-violation")
		top.str("url", v.DocumentURL)
	}
	top.raw("csp-report", r.bytes())
	return top.bytes()
}

// Body returns the Reporting API body of the violation
// (CSPViolationReportBody), keys in lexical order as browsers deliver
// them; sourceFile, lineNumber and columnNumber are null when unknown.
// Unlike ReportURIBody, this form follows the specifications and Chromium's
// source; it has not been recorded from a browser (headless Chromium
// queued the reports but did not upload them).
func (v Violation) Body() []byte {
	known := v.SourceFile != ""
	var b jsonObject
	b.str("blockedURL", v.BlockedURL)
	b.numOrNull("columnNumber", v.ColumnNumber, known)
	b.str("disposition", v.Disposition.String())
	b.str("documentURL", v.DocumentURL)
	b.str("effectiveDirective", v.EffectiveDirective)
	b.numOrNull("lineNumber", v.LineNumber, known)
	b.str("originalPolicy", v.OriginalPolicy)
	b.str("referrer", v.Referrer)
	b.str("sample", v.Sample)
	if known {
		b.str("sourceFile", v.SourceFile)
	} else {
		b.null("sourceFile")
	}
	b.num("statusCode", v.StatusCode)
	return b.bytes()
}

// ReportToEntry returns the violation as one Reporting API report, an
// entry of the report-to POST's array:
// {"age":0,"body":{...},"type":"csp-violation","url":...,"user_agent":...}.
// userAgent is the User-Agent header of the browser that reports.
func (v Violation) ReportToEntry(userAgent string) []byte {
	var r jsonObject
	r.num("age", 0)
	r.raw("body", v.Body())
	r.str("type", "csp-violation")
	r.str("url", v.DocumentURL)
	r.str("user_agent", userAgent)
	return r.bytes()
}

// ReportToBody returns the body of a report-to POST (Content-Type
// application/reports+json) that delivers the violations: a JSON array of
// their reports.
func ReportToBody(userAgent string, vs ...Violation) []byte {
	var b bytes.Buffer
	b.WriteByte('[')
	for i, v := range vs {
		if i > 0 {
			b.WriteByte(',')
		}
		b.Write(v.ReportToEntry(userAgent))
	}
	b.WriteByte(']')
	return b.Bytes()
}
