package lint

import "fmt"

// Severity ranks a Finding: how much the weakness exposes. Higher values are
// more severe, so severities can be compared with < and >=.
type Severity uint8

// The severities, from least to most severe.
const (
	Info   Severity = iota // worth knowing; no exposure by itself
	Low                    // a narrow exposure, or one that needs other mistakes
	Medium                 // a real exposure with limits
	High                   // data can be sent to parties the site does not control
)

var severityNames = [...]string{Info: "info", Low: "low", Medium: "medium", High: "high"}

// String returns "info", "low", "medium" or "high".
func (s Severity) String() string {
	if int(s) < len(severityNames) {
		return severityNames[s]
	}
	return fmt.Sprintf("Severity(%d)", s)
}

// ParseSeverity parses the name String returns, in lower case.
func ParseSeverity(name string) (Severity, error) {
	for i, n := range severityNames {
		if n == name {
			return Severity(i), nil
		}
	}
	return 0, fmt.Errorf("lint: unknown severity %q (want info, low, medium or high)", name)
}

// MarshalText returns the name String returns, so that JSON shows "high".
func (s Severity) MarshalText() ([]byte, error) {
	if int(s) >= len(severityNames) {
		return nil, fmt.Errorf("lint: invalid severity %d", uint8(s))
	}
	return []byte(s.String()), nil
}

// UnmarshalText parses a name as ParseSeverity does.
func (s *Severity) UnmarshalText(b []byte) error {
	v, err := ParseSeverity(string(b))
	if err != nil {
		return err
	}
	*s = v
	return nil
}
