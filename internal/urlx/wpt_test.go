package urlx

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// wptCase is one entry of web-platform-tests url/resources/urltestdata.json.
type wptCase struct {
	Input    string  `json:"input"`
	Base     *string `json:"base"`
	Href     string  `json:"href"`
	Failure  bool    `json:"failure"`
	Hostname string  `json:"hostname"`
	Pathname string  `json:"pathname"`
}

// wptExceptions lists WPT expectations (internal/testdata/wpt, the
// snapshot shipped with github.com/nlnwa/whatwg-url v0.6.2, i.e. the 2023
// standard) that the
// current URL Standard changed. Key: input + " | " + base.
var wptExceptions = map[string]string{
	"foo://host/ !\"$%&'()*+,-./:;<=>@[\\]^_`{|}~ | <nil>": "'^' is in the path percent-encode set since whatwg/url 9bc33c3 (2025)",
	"wss://host/ !\"$%&'()*+,-./:;<=>@[\\]^_`{|}~ | <nil>": "'^' is in the path percent-encode set since whatwg/url 9bc33c3 (2025)",
}

// wptHostExceptions lists WPT host expectations (same snapshot) that UTS #46
// changed since. Key: file + " | " + input.
var wptHostExceptions = map[string]string{
	"IdnaTestV2.json | xn--xn--a--gua.pt": "UTS #46 15.1 added validity criterion 4: without CheckHyphens, a label " +
		"must not begin with \"xn--\"; this label decodes to \"xn--a-\u00e4\" (IdnaTestV2 15.1 marks it V4)",
}

// wptFile reads one of the WPT data files kept in internal/testdata/wpt.
func wptFile(t testing.TB, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "testdata", "wpt", name))
	require.NoError(t, err)
	return data
}

func TestWPTURLTestData(t *testing.T) {
	data := wptFile(t, "urltestdata.json")
	var raw []json.RawMessage
	require.NoError(t, json.Unmarshal(data, &raw))
	n := 0
	for _, r := range raw {
		var c wptCase
		if json.Unmarshal(r, &c) != nil || c.Input == "" && c.Href == "" && !c.Failure {
			continue // comment string
		}
		base := "<nil>"
		var u URL
		var perr error
		if c.Base != nil {
			base = *c.Base
			b, err := Parse(*c.Base)
			if err != nil {
				continue // base failures are not what the entry tests
			}
			u, perr = ParseRef(b, c.Input)
		} else {
			u, perr = Parse(c.Input)
		}
		key := c.Input + " | " + base
		if _, ok := wptExceptions[key]; ok {
			continue
		}
		n++
		if c.Failure {
			assert.Error(t, perr, "input %q base %q: got %q", c.Input, base, u.String())
			continue
		}
		if assert.NoError(t, perr, "input %q base %q", c.Input, base) {
			assert.Equal(t, c.Href, u.String(), "input %q base %q", c.Input, base)
			assert.Equal(t, c.Pathname, u.Path, "pathname of %q base %q", c.Input, base)
		}
	}
	t.Logf("%d WPT cases checked", n)
}

// hostCase is one entry of WPT toascii.json or IdnaTestV2.json: the host
// of "https://" + input + "/x" must be output, or parsing must fail when
// output is null.
type hostCase struct {
	Input  string  `json:"input"`
	Output *string `json:"output"`
}

func TestWPTHosts(t *testing.T) {
	for _, file := range []string{"toascii.json", "IdnaTestV2.json"} {
		data := wptFile(t, file)
		var raw []json.RawMessage
		require.NoError(t, json.Unmarshal(data, &raw))
		n := 0
		for _, r := range raw {
			var c hostCase
			if json.Unmarshal(r, &c) != nil || c.Input == "" || strings.ContainsAny(c.Input, "?#/\\@:%") {
				// comments, and inputs that URL syntax would split or
				// percent-decode before the host parser sees them
				continue
			}
			if _, ok := wptHostExceptions[file+" | "+c.Input]; ok {
				continue
			}
			n++
			u, err := Parse("https://" + c.Input + "/x")
			if c.Output == nil {
				assert.Error(t, err, "%s: %q gave host %q", file, c.Input, u.Host)
				continue
			}
			if assert.NoError(t, err, "%s: %q", file, c.Input) {
				assert.Equal(t, *c.Output, u.Host, "%s: %q", file, c.Input)
			}
		}
		t.Logf("%s: %d cases", file, n)
	}
}
