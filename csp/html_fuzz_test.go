package csp_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/cspkit/cspkit/csp"
)

// treeMetaPolicies is the reference for FromHTML: it builds the whole
// document tree with golang.org/x/net/html's implementation of the HTML
// tree-construction algorithm and applies the standard's rule (a CSP
// <meta> counts when it is a child of <head> and has non-empty content).
func treeMetaPolicies(t testing.TB, doc string) csp.List {
	root, err := html.Parse(strings.NewReader(doc))
	require.NoError(t, err)
	var lists []csp.List
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && n.DataAtom == atom.Meta && n.Namespace == "" &&
			n.Parent != nil && n.Parent.DataAtom == atom.Head && n.Parent.Namespace == "" {
			equiv, content, haveEquiv, haveContent := "", "", false, false
			for _, a := range n.Attr {
				switch {
				case a.Key == "http-equiv" && !haveEquiv:
					equiv, haveEquiv = a.Val, true
				case a.Key == "content" && !haveContent:
					content, haveContent = a.Val, true
				}
			}
			if strings.EqualFold(equiv, csp.Header) && content != "" {
				l, _ := csp.ParseMeta(content)
				lists = append(lists, l)
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(root)
	return csp.Join(lists...)
}

var htmlSeeds = []string{
	cspMeta,
	`<!doctype html><html><head>` + cspMeta + `</head><body>` + cspMeta + `</body></html>`,
	`<head></head>` + cspMeta + `<body>`,
	`<head><template><div>` + cspMeta + `</div></template>` + cspMeta,
	`<head><noscript>` + cspMeta + `</noscript><style>x</style><title>t</title>` + cspMeta,
	`<head><script>` + cspMeta + `</script><script/>` + cspMeta + `</script>` + cspMeta,
	"\x00" + cspMeta,
	"<html><html>\n\n" + cspMeta + "</br>" + cspMeta,
	`<head><svg>` + cspMeta + `</svg>`,
	`<head></head><frameset>` + cspMeta,
	`<head><div>` + cspMeta,
	`<head><meta http-equiv=content-security-policy content="a b" content=c>`,
	`<!-- x -->` + cspMeta + `<!DOCTYPE html>` + cspMeta,
	`<head><template><template></template>` + cspMeta + `</template>` + cspMeta,
	`<head></head></head></body>` + cspMeta,
	`<head></template>` + cspMeta,
	`<html><head><textarea>` + cspMeta,
	`<head><p></p>` + cspMeta,
	`<body></body>` + cspMeta,
	`<head><base><basefont><bgsound><link><noframes>` + cspMeta + `</noframes>` + cspMeta,
}

func TestFromHTMLMatchesTreeBuilder(t *testing.T) {
	for _, doc := range htmlSeeds {
		got, _ := csp.FromHTML(strings.NewReader(doc))
		want := treeMetaPolicies(t, doc)
		assert.True(t, want.Equal(got), "document %q:\ngot  %v\nwant %v", doc, got, want)
	}
}

func FuzzFromHTML(f *testing.F) {
	for _, s := range htmlSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, doc string) {
		got, _ := csp.FromHTML(strings.NewReader(doc))
		want := treeMetaPolicies(t, doc)
		if !want.Equal(got) {
			t.Fatalf("document %q:\ngot  %v\nwant %v", doc, got, want)
		}
	})
}
