package secrets

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/lambdascan/lambdascan/engine/finding"
)

type findingT = finding.Finding

// projectAll projects findings for comparison; HasHash and MaskedInMsg are
// checked against the secret the case planted.
func projectAll(fs []finding.Finding, secret string) []got {
	out := []got{}
	for _, f := range fs {
		out = append(out, got{
			Rule: f.RuleID, Line: f.Location.StartLine, Col: f.Location.StartColumn,
			EndLine: f.Location.EndLine, EndCol: f.Location.EndColumn,
			HasHash:     f.Properties["secretHash"] == SecretHash(secret),
			MaskedInMsg: strings.Contains(f.Message, shown(secret)) || strings.Contains(f.Message, shown(pemBody(secret))),
		})
	}
	return out
}

// assertNoRaw fails if any 10-character piece of the secret beyond its
// visible 4-character prefix appears anywhere in the findings, marshalled
// as JSON and printed with %#v (which includes unexported detail).
func assertNoRaw(t *testing.T, fs []finding.Finding, secret string) {
	t.Helper()
	for _, f := range fs {
		if f.Kind != finding.KindSecret || f.Rule == nil || f.Rule.ID != f.RuleID {
			t.Errorf("finding %s: kind %q, rule %v", f.RuleID, f.Kind, f.Rule)
		}
		if f.Snippet != nil {
			t.Errorf("finding %s carries a snippet; the pipeline adds masked ones", f.RuleID)
		}
		j, err := json.Marshal(f)
		if err != nil {
			t.Fatal(err)
		}
		dump := string(j) + fmt.Sprintf("%#v %v", f, f.Properties)
		const w = 10
		for i := 1; i+w <= len(secret); i++ {
			piece := secret[i : i+w]
			if strings.Contains(dump, piece) {
				t.Fatalf("finding %s leaks the secret (%q found) in %s", f.RuleID, piece, dump)
			}
		}
	}
}
