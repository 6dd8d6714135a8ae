package match_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cspkit/cspkit/internal/corpus"
	"github.com/cspkit/cspkit/match"
)

// TestVersionsMatchRecordings checks Engine.Version and RecordedOn against
// every meta file of the replayed recordings: the engine is proven against
// the version that recorded all of them.
func TestVersionsMatchRecordings(t *testing.T) {
	prefixes := map[string]string{"chromium": "Chrome/", "firefox": "firefox/", "webkit": "WebKitGTK "}
	for _, e := range match.Browsers() {
		metas, err := filepath.Glob(filepath.Join(corpus.VerdictDir(e.String()), "*meta.json"))
		require.NoError(t, err)
		require.NotEmpty(t, metas, e.String())
		for _, m := range metas {
			raw, err := os.ReadFile(m)
			require.NoError(t, err)
			var meta struct{ Version, Recorded string }
			require.NoError(t, json.Unmarshal(raw, &meta), m)
			assert.Equal(t, e.Version(), strings.TrimPrefix(meta.Version, prefixes[e.String()]), m)
			assert.True(t, strings.HasPrefix(meta.Recorded, e.RecordedOn()), "%s recorded %s", m, meta.Recorded)
		}
	}
	assert.Empty(t, match.Spec.Version())
	assert.Empty(t, match.Spec.RecordedOn())
}
