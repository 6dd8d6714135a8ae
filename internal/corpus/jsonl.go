package corpus

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
)

// Testdata returns the path of internal/testdata joined with elem.
func Testdata(elem ...string) string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(append([]string{filepath.Dir(file), "..", "testdata"}, elem...)...)
}

// ReadJSONL decodes the file at path, one JSON value per non-blank line.
// A line that does not decode is an error naming the file and the line; so
// is a file with no values, since a test over an empty corpus tests
// nothing.
func ReadJSONL[T any](path string) ([]T, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []T
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64<<10), 1<<24)
	for line := 1; sc.Scan(); line++ {
		if len(sc.Bytes()) == 0 {
			continue
		}
		var v T
		if err := json.Unmarshal(sc.Bytes(), &v); err != nil {
			return nil, fmt.Errorf("corpus: %s:%d: %w", path, line, err)
		}
		out = append(out, v)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("corpus: %s: %w", path, err)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("corpus: %s holds no values", path)
	}
	return out, nil
}

// ReadAll decodes every file that matches the glob pattern, in name order,
// as ReadJSONL does. It is an error when no file matches.
func ReadAll[T any](pattern string) ([]T, error) {
	files, err := filepath.Glob(pattern)
	if err != nil {
		return nil, err
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("corpus: no file matches %s", pattern)
	}
	var out []T
	for _, name := range files {
		vs, err := ReadJSONL[T](name)
		if err != nil {
			return nil, err
		}
		out = append(out, vs...)
	}
	return out, nil
}
