package finding

import (
	"encoding/json"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestSeverityRoundTrip(t *testing.T) {
	for s := SeverityInfo; s <= SeverityCritical; s++ {
		b, err := json.Marshal(s)
		if err != nil {
			t.Fatal(err)
		}
		var back Severity
		if err := json.Unmarshal(b, &back); err != nil || back != s {
			t.Errorf("%v → %s → %v, %v", s, b, back, err)
		}
	}
	for in, want := range map[string]Severity{"MODERATE": SeverityMedium, "informational": SeverityInfo, " High ": SeverityHigh} {
		if got, err := ParseSeverity(in); err != nil || got != want {
			t.Errorf("ParseSeverity(%q) = %v, %v", in, got, err)
		}
	}
	if _, err := ParseSeverity("severe"); err == nil {
		t.Error("ParseSeverity accepted an unknown word")
	}
}

// Inspector's bands: 0 informational, 0.1–3.9 low, 4–6.9 medium,
// 7–8.9 high, 9–10 critical.
func TestSeverityFromScore(t *testing.T) {
	tests := map[float64]Severity{0: SeverityInfo, 0.1: SeverityLow, 3.9: SeverityLow, 4: SeverityMedium,
		6.9: SeverityMedium, 7: SeverityHigh, 8.9: SeverityHigh, 9: SeverityCritical, 10: SeverityCritical}
	for score, want := range tests {
		if got := SeverityFromScore(score); got != want {
			t.Errorf("SeverityFromScore(%v) = %v, want %v", score, got, want)
		}
	}
}

func TestFingerprint(t *testing.T) {
	a := Fingerprint("r", "", "app.py", "  subprocess.run(cmd,   shell=True)", 1)
	b := Fingerprint("r", "", "app.py", "subprocess.run(cmd, shell=True)", 1)
	if a != b {
		t.Error("white space changed the fingerprint")
	}
	for _, other := range []string{
		Fingerprint("r2", "", "app.py", "subprocess.run(cmd, shell=True)", 1),
		Fingerprint("r", "fn-a", "app.py", "subprocess.run(cmd, shell=True)", 1),
		Fingerprint("r", "", "db.py", "subprocess.run(cmd, shell=True)", 1),
		Fingerprint("r", "", "app.py", "subprocess.run(cmd, shell=True)", 2),
	} {
		if other == a {
			t.Error("a different rule, scope, path or occurrence gave the same fingerprint")
		}
	}
}

func TestSortedCopyLeavesTheReportAlone(t *testing.T) {
	r := &Report{Findings: []Finding{
		{RuleID: "b", Location: Location{Path: "z.py", StartLine: 3}},
		{RuleID: "a", Location: Location{Path: "a.py", StartLine: 9}},
	}, Rules: []*Rule{{ID: "b"}, nil, {ID: "a"}, {ID: "a"}}}
	c := r.SortedCopy()
	if r.Findings[0].RuleID != "b" || len(r.Rules) != 4 {
		t.Error("SortedCopy changed the original")
	}
	var ids []string
	for _, f := range c.Findings {
		ids = append(ids, f.RuleID)
	}
	if diff := cmp.Diff([]string{"a", "b"}, ids); diff != "" {
		t.Errorf("findings (-want +got):\n%s", diff)
	}
	if len(c.Rules) != 2 {
		t.Errorf("rules = %d, want 2 (nil dropped, duplicates merged)", len(c.Rules))
	}
	if (*Report)(nil).SortedCopy() == nil {
		t.Error("nil report gave nil")
	}
}

func TestAtOrAboveIgnoresSuppressed(t *testing.T) {
	r := &Report{Findings: []Finding{
		{Severity: SeverityHigh},
		{Severity: SeverityCritical, Suppression: &Suppression{Kind: "external"}},
		{Severity: SeverityLow},
	}}
	if got := r.AtOrAbove(SeverityHigh); got != 1 {
		t.Errorf("AtOrAbove(high) = %d, want 1", got)
	}
}
