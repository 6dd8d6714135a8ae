package csptest

import (
	"bytes"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"

	"golang.org/x/net/html"

	"github.com/cspkit/cspkit/csp"
	"github.com/cspkit/cspkit/source"
)

// Response is a response FreshNonces reads: its headers and its body.
type Response interface {
	*http.Response | *httptest.ResponseRecorder
}

// FreshNonces reports whether two responses for the same page use nonces
// as a nonce-based policy needs: each response's enforced policies have
// at least one nonce-source; every nonce of a response's policies is
// carried by an element of its body (a nonce attribute) and every nonce
// attribute of its body is one of its policies' nonces; and no nonce of
// the first response is a nonce of the second (a nonce seen once must not
// work again). The bodies stay readable; at most csp.MaxHTMLRead bytes of
// each are read, as sent (a body with a Content-Encoding is not decoded).
func FreshNonces[R Response](t TB, first, second R) bool {
	t.Helper()
	const name = "csptest.FreshNonces"
	a, errA := noncesOf(first)
	b, errB := noncesOf(second)
	var why []string
	for i, e := range []error{errA, errB} {
		if e != nil {
			why = append(why, ordinal(i)+" response: "+e.Error())
		}
	}
	for i, n := range []pageNonces{a, b} {
		if errA != nil && i == 0 || errB != nil && i == 1 {
			continue
		}
		why = append(why, n.problems(ordinal(i))...)
	}
	for _, x := range a.header {
		if b.inHeader[x] {
			why = append(why, "nonce "+quoteShort(x)+" is in both responses' policies: a nonce must be new for every response")
		}
	}
	if len(why) > 0 {
		t.Errorf("%s: %s", name, strings.Join(why, "\n  "))
		return false
	}
	return true
}

// pageNonces are the nonces of one response: those of its enforced
// policies and those its body's elements carry, each once, in order, with
// sets to look them up in constant time.
type pageNonces struct {
	header, body     []string
	inHeader, inBody map[string]bool
}

// add appends v to list when set does not hold it yet.
func add(list *[]string, set *map[string]bool, v string) {
	if *set == nil {
		*set = map[string]bool{}
	}
	if !(*set)[v] {
		(*set)[v] = true
		*list = append(*list, v)
	}
}

// problems lists what is wrong with the nonces of the response named
// which.
func (n pageNonces) problems(which string) []string {
	var out []string
	if len(n.header) == 0 {
		return []string{which + " response: no enforced policy has a nonce-source, so there is nothing to check"}
	}
	for _, x := range n.header {
		if !n.inBody[x] {
			out = append(out, which+" response: nonce "+quoteShort(x)+" of the policy is on no element of the page")
		}
	}
	for _, x := range n.body {
		if !n.inHeader[x] {
			out = append(out, which+" response: an element carries nonce "+quoteShort(x)+", which no enforced policy has: browsers block it")
		}
	}
	return out
}

// noncesOf reads the nonces of a response.
func noncesOf[R Response](r R) (pageNonces, error) {
	var resp *http.Response
	switch x := any(r).(type) {
	case *http.Response:
		resp = x
	case *httptest.ResponseRecorder:
		if x != nil {
			resp = x.Result()
		}
	}
	if resp == nil {
		return pageNonces{}, errNilResponse
	}
	list, err := csp.FromResponse(resp)
	if _, fatal := classify(err); fatal != nil {
		return pageNonces{}, fatal
	}
	var n pageNonces
	for _, pol := range list.All() {
		if pol.Disposition() != csp.Enforce {
			continue
		}
		for d := range pol.Directives() {
			for _, e := range d.Sources().All() {
				if e.Kind() == source.Nonce {
					add(&n.header, &n.inHeader, e.Nonce())
				}
			}
		}
	}
	body, err := readBody(resp)
	if err != nil {
		return n, err
	}
	z := html.NewTokenizer(bytes.NewReader(body))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			break
		}
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
			continue
		}
		_, more := z.TagName()
		for more {
			var k, v []byte
			k, v, more = z.TagAttr()
			if string(k) == "nonce" {
				add(&n.body, &n.inBody, string(v))
			}
		}
	}
	return n, nil
}

// readBody returns up to csp.MaxHTMLRead bytes of resp's body and leaves
// the body readable from its start.
func readBody(resp *http.Response) ([]byte, error) {
	if resp.Body == nil || resp.Body == http.NoBody {
		return nil, nil
	}
	b, err := io.ReadAll(io.LimitReader(resp.Body, csp.MaxHTMLRead))
	resp.Body = io.NopCloser(io.MultiReader(bytes.NewReader(b), resp.Body))
	return b, err
}

var errNilResponse = errNil("the response is nil")

type errNil string

func (e errNil) Error() string { return string(e) }

// ordinal names the i-th (0-based) of two responses.
func ordinal(i int) string {
	if i == 0 {
		return "first"
	}
	return "second"
}
