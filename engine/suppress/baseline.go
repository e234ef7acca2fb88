package suppress

import (
	"encoding/json"
	"fmt"
	"os"
)

// Baseline is the set of fingerprints of an earlier report's findings.
type Baseline map[string]bool

// LoadBaseline reads the fingerprints of a previous lambdascan report, in
// JSON (findings[].fingerprint) or SARIF (results[].partialFingerprints
// .primaryLocationLineHash) form.
func LoadBaseline(path string) (Baseline, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read baseline: %w", err)
	}
	var doc struct {
		Findings []struct {
			Fingerprint string `json:"fingerprint"`
		} `json:"findings"`
		Runs []struct {
			Results []struct {
				PartialFingerprints map[string]string `json:"partialFingerprints"`
				Fingerprints        map[string]string `json:"fingerprints"`
			} `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		return nil, fmt.Errorf("baseline %s is not a lambdascan JSON or SARIF report: %w", path, err)
	}
	b := Baseline{}
	for _, f := range doc.Findings {
		if f.Fingerprint != "" {
			b[f.Fingerprint] = true
		}
	}
	for _, run := range doc.Runs {
		for _, r := range run.Results {
			if fp := r.PartialFingerprints["primaryLocationLineHash"]; fp != "" {
				b[fp] = true
			}
		}
	}
	if len(doc.Findings) == 0 && len(doc.Runs) == 0 {
		return nil, fmt.Errorf("baseline %s has neither findings nor SARIF runs", path)
	}
	return b, nil
}
