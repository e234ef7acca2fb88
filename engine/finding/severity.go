package finding

import (
	"fmt"
	"strings"
)

// Severity ranks how bad a finding is. The zero value is SeverityInfo.
type Severity int

// Severities, lowest first.
const (
	SeverityInfo Severity = iota
	SeverityLow
	SeverityMedium
	SeverityHigh
	SeverityCritical
)

var severityNames = [...]string{"info", "low", "medium", "high", "critical"}

// String returns the lower-case name ("high").
func (s Severity) String() string {
	if s < 0 || int(s) >= len(severityNames) {
		return fmt.Sprintf("severity(%d)", int(s))
	}
	return severityNames[s]
}

// ParseSeverity reads a severity name, case-insensitively. "informational"
// and "none" are accepted for info, "moderate" for medium (OSV/GHSA words).
func ParseSeverity(s string) (Severity, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "info", "informational", "none", "note":
		return SeverityInfo, nil
	case "low":
		return SeverityLow, nil
	case "medium", "moderate":
		return SeverityMedium, nil
	case "high":
		return SeverityHigh, nil
	case "critical":
		return SeverityCritical, nil
	}
	return 0, fmt.Errorf("unknown severity %q (want info, low, medium, high or critical)", s)
}

// MarshalText implements encoding.TextMarshaler.
func (s Severity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// UnmarshalText implements encoding.TextUnmarshaler.
func (s *Severity) UnmarshalText(b []byte) error {
	v, err := ParseSeverity(string(b))
	if err != nil {
		return err
	}
	*s = v
	return nil
}

// SecuritySeverity is the representative CVSS-like score GitHub code scanning
// reads from the `security-severity` property (critical > 9.0, high 7.0–8.9,
// medium 4.0–6.9, low 0.1–3.9).
func (s Severity) SecuritySeverity() string {
	switch s {
	case SeverityCritical:
		return "9.5"
	case SeverityHigh:
		return "8.0"
	case SeverityMedium:
		return "5.5"
	case SeverityLow:
		return "3.0"
	}
	return "0.0"
}

// SeverityFromScore maps a CVSS-style score to a band as Amazon Inspector
// does: 0 informational, 0.1–3.9 low, 4–6.9 medium, 7–8.9 high, 9–10 critical.
func SeverityFromScore(score float64) Severity {
	switch {
	case score >= 9.0:
		return SeverityCritical
	case score >= 7.0:
		return SeverityHigh
	case score >= 4.0:
		return SeverityMedium
	case score > 0:
		return SeverityLow
	}
	return SeverityInfo
}

// Confidence is how sure a detector is that a finding is real. The zero
// value is ConfidenceUnset, which writers treat as medium.
type Confidence int

// Confidences, lowest first.
const (
	ConfidenceUnset Confidence = iota
	ConfidenceLow
	ConfidenceMedium
	ConfidenceHigh
)

// String returns "low", "medium" or "high".
func (c Confidence) String() string {
	switch c {
	case ConfidenceLow:
		return "low"
	case ConfidenceHigh:
		return "high"
	}
	return "medium"
}

// ParseConfidence reads "low", "medium" or "high".
func ParseConfidence(s string) (Confidence, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "low":
		return ConfidenceLow, nil
	case "medium", "":
		return ConfidenceMedium, nil
	case "high":
		return ConfidenceHigh, nil
	}
	return 0, fmt.Errorf("unknown confidence %q (want low, medium or high)", s)
}

// MarshalText implements encoding.TextMarshaler.
func (c Confidence) MarshalText() ([]byte, error) { return []byte(c.String()), nil }

// UnmarshalText implements encoding.TextUnmarshaler.
func (c *Confidence) UnmarshalText(b []byte) error {
	v, err := ParseConfidence(string(b))
	if err != nil {
		return err
	}
	*c = v
	return nil
}

// Precision maps confidence to SARIF/GitHub's `precision` property.
func (c Confidence) Precision() string {
	switch c {
	case ConfidenceHigh:
		return "high"
	case ConfidenceLow:
		return "low"
	}
	return "medium"
}
