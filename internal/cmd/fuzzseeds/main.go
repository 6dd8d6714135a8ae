// Command fuzzseeds writes the committed seed corpora of the fuzz targets
// (each package's testdata/fuzz/<Target>/) from the test vectors in
// internal/testdata: the CSP3 spec vectors, the verdicts recorded from real
// browsers and the real-world headers. Run it from the module root after
// the vectors change:
//
//	go run ./internal/cmd/fuzzseeds
//
// Files are named by the hash of their content, as go test names them, so
// running it again only adds files for new inputs.
package main

import (
	"crypto/sha256"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/cspkit/cspkit/internal/corpus"
)

// perTarget bounds the seeds written for one target, so that the baseline
// coverage pass of a bounded fuzz run stays short.
const perTarget = 300

type vector struct {
	Policy     string `json:"policy"`
	Page       string `json:"page"`
	Origin     string `json:"origin"`
	URL        string `json:"url"`
	Target     string `json:"target"`
	Kind       string `json:"kind"`
	Redirected bool   `json:"redirected"`
}

func main() {
	log.SetFlags(0)
	var vectors []vector
	for _, f := range []string{
		corpus.Testdata("conformance", "spec-vectors.jsonl"),
		corpus.Testdata("chromium", "cases.jsonl"),
		corpus.Testdata("firefox", "cases.jsonl"),
	} {
		vs, err := corpus.ReadJSONL[vector](f)
		if err != nil {
			log.Fatal(err)
		}
		vectors = append(vectors, vs...)
	}
	cases, err := corpus.Load()
	if err != nil {
		log.Fatal(err)
	}
	var headers []string
	for _, c := range cases {
		headers = append(headers, c.Value)
	}

	var policies, values, tokens, urls []string
	var connects [][]any
	for _, h := range headers {
		policies = append(policies, h)
	}
	for _, v := range vectors {
		page, target := firstOf(v.Page, v.Origin), firstOf(v.Target, v.URL)
		policies = append(policies, v.Policy)
		urls = append(urls, page, target)
		connects = append(connects, []any{v.Policy, page, target, "connect-src 'self'", "https:", requestIndex(v.Kind), v.Redirected})
	}
	for _, p := range policies {
		for _, pol := range strings.Split(p, ",") {
			for _, dir := range strings.Split(pol, ";") {
				f := strings.Fields(dir)
				if len(f) > 1 {
					values = append(values, strings.Join(f[1:], " "))
					tokens = append(tokens, f[1:]...)
				}
			}
		}
	}
	write("csp", "FuzzParse", oneEach(policies))
	write("source", "FuzzParse", oneEach(tokens))
	write("source", "FuzzParseList", oneEach(values))
	write("internal/urlx", "FuzzParse", oneEach(urls))
	write("match", "FuzzProperties", connects)
}

func firstOf(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// requestIndex is the match.Request value of a recorded kind.
func requestIndex(kind string) uint8 {
	i := slices.Index([]string{"fetch", "xhr", "websocket", "eventsource", "beacon", "ping"}, kind)
	return uint8(max(i, 0))
}

func oneEach(ss []string) [][]any {
	var out [][]any
	for _, s := range ss {
		out = append(out, []any{s})
	}
	return out
}

// write adds the distinct inputs as corpus files of the target in dir;
// when there are more than perTarget, it picks them evenly spread.
func write(dir, target string, inputs [][]any) {
	seen := map[string]bool{}
	var distinct []string
	for _, in := range inputs {
		if data := encode(in); !seen[data] {
			seen[data] = true
			distinct = append(distinct, data)
		}
	}
	path := filepath.Join(dir, "testdata", "fuzz", target)
	if err := os.MkdirAll(path, 0o755); err != nil {
		log.Fatal(err)
	}
	n := min(len(distinct), perTarget)
	for i := range n {
		data := distinct[i*len(distinct)/n]
		name := fmt.Sprintf("%x", sha256.Sum256([]byte(data)))[:16]
		if err := os.WriteFile(filepath.Join(path, name), []byte(data), 0o644); err != nil {
			log.Fatal(err)
		}
	}
	log.Printf("%s %s: %d seeds of %d distinct inputs", dir, target, n, len(distinct))
}

// encode writes values in the corpus file format of go test.
func encode(values []any) string {
	var b strings.Builder
	b.WriteString("go test fuzz v1\n")
	for _, v := range values {
		switch v := v.(type) {
		case string:
			fmt.Fprintf(&b, "string(%q)\n", v)
		case bool:
			fmt.Fprintf(&b, "bool(%v)\n", v)
		case uint8:
			fmt.Fprintf(&b, "byte(%q)\n", v)
		default:
			log.Fatalf("cannot encode %T", v)
		}
	}
	return b.String()
}
