package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/lambdascan/lambdascan/engine/finding"
)

const good = `scanners: [code, secrets]
exclude: ["**/tests/**"]
fail-on: high
rules:
  disable: [python.subprocess-shell-true, performance]
  min-severity: low
  paths: [custom-rules]
suppressions:
  - rule: js.eval-non-literal
    path: "legacy/**"
    reason: sandboxed in a worker, see SEC-41
    expires: 2027-01-31
  - vulnerability: CVE-2020-8203
    reason: zipObjectDeep is never called
`

func TestParseGood(t *testing.T) {
	cfg, err := Parse("/repo/.lambdascan.yaml", []byte(good))
	if err != nil {
		t.Fatal(err)
	}
	if cfg.FailOn != "high" || len(cfg.Scanners) != 2 || cfg.Rules.Paths[0] != "/repo/custom-rules" {
		t.Errorf("cfg = %+v", cfg)
	}
	if len(cfg.Suppressions) != 2 || cfg.Suppressions[0].Source != "/repo/.lambdascan.yaml:9" || cfg.Suppressions[1].Source != "/repo/.lambdascan.yaml:13" {
		t.Errorf("suppressions = %+v", cfg.Suppressions)
	}
	sel := cfg.Rules
	if sel.Selects(&finding.Rule{ID: "python.subprocess-shell-true", Severity: finding.SeverityHigh}) {
		t.Error("disabled rule selected")
	}
	if sel.Selects(&finding.Rule{ID: "x", Tags: []string{"performance"}, Severity: finding.SeverityHigh}) {
		t.Error("rule with a disabled tag selected")
	}
	if sel.Selects(&finding.Rule{ID: "y", Severity: finding.SeverityInfo}) {
		t.Error("rule below min-severity selected")
	}
	if !sel.Selects(&finding.Rule{ID: "z", Severity: finding.SeverityMedium}) {
		t.Error("ordinary rule dropped")
	}
}

func TestParseErrors(t *testing.T) {
	tests := map[string]string{
		"unknown top-level key": "scaners: [code]\n",
		"unknown nested key":    "rules:\n  enabled: [x]\n",
		"unknown suppression":   "suppressions:\n  - rule: x\n    reason: y\n    until: 2026-01-01\n",
		"bad scanner":           "scanners: [sast]\n",
		"bad fail-on":           "fail-on: severe\n",
		"no reason":             "suppressions:\n  - rule: x\n",
		"matches everything":    "suppressions:\n  - reason: because\n",
		"bad expiry":            "suppressions:\n  - rule: x\n    reason: y\n    expires: soon\n",
	}
	wantIn := map[string]string{
		"unknown top-level key": `unknown key "scaners"`,
		"unknown nested key":    `unknown key "enabled"`,
		"unknown suppression":   `unknown key "until"`,
	}
	for name, src := range tests {
		t.Run(name, func(t *testing.T) {
			_, err := Parse("c.yaml", []byte(src))
			if err == nil {
				t.Fatal("accepted")
			}
			if w := wantIn[name]; w != "" && !strings.Contains(err.Error(), w) {
				t.Errorf("error %q does not name the key (%s)", err, w)
			}
		})
	}
}

func TestFindUpwards(t *testing.T) {
	root := t.TempDir()
	deep := filepath.Join(root, "services", "orders", "src")
	os.MkdirAll(deep, 0o755)
	if _, err := Find(deep); err == nil {
		// A config in a parent of the temp dir would make this flaky; the
		// real check follows.
		t.Skip("a .lambdascan.yaml exists above the temp dir")
	}
	os.WriteFile(filepath.Join(root, "services", FileName), []byte("fail-on: high\n"), 0o644)
	got, err := Find(deep)
	if err != nil || got != filepath.Join(root, "services", FileName) {
		t.Errorf("Find = %q, %v", got, err)
	}
}
