package suppress

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/lambdascan/lambdascan/engine/finding"
)

func TestParseInline(t *testing.T) {
	tests := []struct {
		line string
		want Inline
		ok   bool
	}{
		{`x = run(cmd, shell=True)  # lambdascan:ignore python.cmd -- input is a constant table`,
			Inline{Line: 1, Rules: []string{"python.cmd"}, Reason: "input is a constant table"}, true},
		{`// lambdascan:ignore js.eval, js.new-function -- sandboxed`,
			Inline{Line: 1, Rules: []string{"js.eval", "js.new-function"}, Reason: "sandboxed", Own: true}, true},
		{`/* lambdascan:ignore java.md5 */`, Inline{Line: 1, Rules: []string{"java.md5"}, Own: true}, true},
		{`# lambdascan:ignore`, Inline{Line: 1, Own: true}, true},
		{`msg = "lambdascan:ignore x"`, Inline{}, false}, // in a string, not a comment
		{`plain code`, Inline{}, false},
	}
	for _, tt := range tests {
		t.Run(tt.line, func(t *testing.T) {
			got, ok := ParseInline(1, tt.line)
			if ok != tt.ok {
				t.Fatalf("ok = %v, want %v", ok, tt.ok)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestForFinding(t *testing.T) {
	src := strings.Split(`import subprocess
# lambdascan:ignore python.cmd -- vetted by security, ticket SEC-12
subprocess.run(cmd,
               shell=True)
subprocess.run(other, shell=True)  # lambdascan:ignore python.other
subprocess.run(third,
               shell=True)  # lambdascan:ignore python.cmd -- on the last line of the statement
x = 1  # lambdascan:ignore python.cmd
subprocess.run(fourth, shell=True)
`, "\n")
	f := func(line, end int) *finding.Finding {
		return &finding.Finding{RuleID: "python.cmd", Location: finding.Location{StartLine: line, EndLine: end}}
	}
	tests := []struct {
		name string
		f    *finding.Finding
		want bool
	}{
		{"comment alone on the line before a multi-line call", f(3, 4), true},
		{"same line, other rule", f(5, 5), false},
		{"comment on the last line of the statement", f(6, 7), true},
		{"trailing comment on the line before does not count", f(9, 9), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, ok := ForFinding(src, tt.f)
			if ok != tt.want {
				t.Fatalf("suppressed = %v, want %v (%+v)", ok, tt.want, s)
			}
			if ok && (s.Kind != "inSource" || s.Justification == "") {
				t.Errorf("suppression = %+v", s)
			}
		})
	}
	if got := BareIgnores([]byte("a\n# lambdascan:ignore\nb # lambdascan:ignore x.y\n")); !cmp.Equal(got, []int{2}) {
		t.Errorf("BareIgnores = %v, want [2]", got)
	}
}

func TestApplyRulesAndExpiry(t *testing.T) {
	cmdRule := &finding.Rule{ID: "python.cmd", CWE: []int{78}}
	rep := &finding.Report{Findings: []finding.Finding{
		{RuleID: "python.cmd", Rule: cmdRule, Severity: finding.SeverityHigh, Location: finding.Location{Path: "legacy/run.py"}},
		{RuleID: "python.cmd", Rule: cmdRule, Severity: finding.SeverityHigh, Location: finding.Location{Path: "app.py"}},
		{RuleID: "CVE-2020-8203", Kind: finding.KindPackage, Severity: finding.SeverityHigh,
			Package:       &finding.Package{Name: "lodash", Version: "4.17.15"},
			Vulnerability: &finding.Vulnerability{ID: "CVE-2020-8203", Aliases: []string{"GHSA-p6mc-m468-83gw"}}},
		{RuleID: "secrets.generic", Severity: finding.SeverityLow, Location: finding.Location{Path: "tests/fixtures/x.env"}},
	}}
	now := time.Date(2026, 11, 21, 12, 0, 0, 0, time.UTC)
	rules := []Rule{
		{CWE: 78, Path: "legacy/**", Reason: "legacy code, removal planned", Expires: "2026-12-31", Source: "cfg:3"},
		{Vulnerability: "GHSA-p6mc-m468-83gw", Reason: "zipObjectDeep is never called", Source: "cfg:7"},
		{Path: "tests/**", Severity: "medium", Reason: "test fixtures", Expires: "2026-11-20", Source: "cfg:10"},
	}
	ApplyRules(rep, rules, now)
	got := []bool{}
	for _, f := range rep.Findings {
		got = append(got, f.Suppression != nil)
	}
	if diff := cmp.Diff([]bool{true, false, true, false}, got); diff != "" {
		t.Errorf("suppressed (-want +got):\n%s", diff)
	}
	if s := rep.Findings[0].Suppression; s.Kind != "external" || !strings.Contains(s.Justification, "until 2026-12-31") || s.Source != "cfg:3" {
		t.Errorf("suppression = %+v", s)
	}
	if len(rep.Notifications) != 1 || rep.Notifications[0].Code != "suppression-expired" || !strings.Contains(rep.Notifications[0].Message, "cfg:10") {
		t.Errorf("notifications = %+v, want one suppression-expired for cfg:10", rep.Notifications)
	}
	// The expiry day itself still applies.
	ApplyRules(&finding.Report{}, rules, time.Date(2026, 12, 31, 23, 0, 0, 0, time.UTC))
	if rules[0].expired(time.Date(2026, 12, 31, 23, 0, 0, 0, time.UTC)) {
		t.Error("a suppression expired on its own expiry day")
	}
}

func TestLoadBaseline(t *testing.T) {
	dir := t.TempDir()
	js := filepath.Join(dir, "old.json")
	os.WriteFile(js, []byte(`{"findings":[{"fingerprint":"aa:1"},{"fingerprint":"bb:1"}]}`), 0o644)
	sarif := filepath.Join(dir, "old.sarif")
	os.WriteFile(sarif, []byte(`{"version":"2.1.0","runs":[{"results":[{"partialFingerprints":{"primaryLocationLineHash":"cc:2"}}]}]}`), 0o644)
	bad := filepath.Join(dir, "bad.json")
	os.WriteFile(bad, []byte(`{"hello":1}`), 0o644)
	b, err := LoadBaseline(js)
	if err != nil || !b["aa:1"] || !b["bb:1"] || len(b) != 2 {
		t.Errorf("json baseline = %v, %v", b, err)
	}
	b, err = LoadBaseline(sarif)
	if err != nil || !b["cc:2"] {
		t.Errorf("sarif baseline = %v, %v", b, err)
	}
	if _, err := LoadBaseline(bad); err == nil {
		t.Error("a file with no findings or runs was accepted as a baseline")
	}
}
