package main

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

const vulnApp = `import subprocess


def handler(event, context):
    subprocess.run("ls " + event["body"], shell=True)
    return {"statusCode": 200}
`

// movedApp is vulnApp with lines added above the finding and a new problem.
const movedApp = `import os
import subprocess

# a comment that moves everything down


def handler(event, context):
    subprocess.run("ls " + event["body"], shell=True)
    os.system("rm -rf /tmp/" + event["path"])
    return {"statusCode": 200}
`

func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, body := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

type ruleLine struct {
	Rule string
	Line int
}

func findingsOf(t *testing.T, out string) []ruleLine {
	t.Helper()
	var r struct {
		Findings []struct {
			RuleID     string          `json:"ruleId"`
			Suppressed bool            `json:"suppressed"`
			Supp       json.RawMessage `json:"suppression"`
			Location   struct {
				StartLine int `json:"startLine"`
			} `json:"location"`
		} `json:"findings"`
	}
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	var got []ruleLine
	for _, f := range r.Findings {
		if len(f.Supp) == 0 {
			got = append(got, ruleLine{f.RuleID, f.Location.StartLine})
		}
	}
	return got
}

func rulesOf(rl []ruleLine) map[string]int {
	m := map[string]int{}
	for _, x := range rl {
		m[x.Rule]++
	}
	return m
}

func TestBaselineHidesMovedFindingsShowsNew(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"app.py": vulnApp})
	base := filepath.Join(t.TempDir(), "base.json")
	if code, _, stderr := runCLI(t, "scan", "--format", "json", "-o", base, dir); code == exitError {
		t.Fatal(stderr)
	}
	old := map[string]int{}
	data, _ := os.ReadFile(base)
	old = rulesOf(findingsOf(t, string(data)))
	if len(old) == 0 {
		t.Fatal("the baseline has no findings: the test would prove nothing")
	}
	writeFiles(t, dir, map[string]string{"app.py": movedApp})
	code, out, stderr := runCLI(t, "scan", "--format", "json", "--baseline", base, dir)
	if code == exitError {
		t.Fatal(stderr)
	}
	for _, f := range findingsOf(t, out) {
		if f.Line != 9 {
			t.Errorf("finding %s on line %d is not new (only line 9 is)", f.Rule, f.Line)
		}
	}
	if len(findingsOf(t, out)) == 0 {
		t.Error("the new os.system finding is missing")
	}
	// The same baseline as SARIF works too.
	sarifBase := filepath.Join(t.TempDir(), "base.sarif")
	writeFiles(t, dir, map[string]string{"app.py": vulnApp})
	runCLI(t, "scan", "--format", "sarif", "-o", sarifBase, dir)
	writeFiles(t, dir, map[string]string{"app.py": movedApp})
	_, out2, _ := runCLI(t, "scan", "--format", "json", "--baseline", sarifBase, dir)
	if len(findingsOf(t, out2)) != len(findingsOf(t, out)) {
		t.Errorf("SARIF baseline gave %v, JSON baseline %v", findingsOf(t, out2), findingsOf(t, out))
	}
}

func TestBaselineRef(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git not installed")
	}
	repo := t.TempDir()
	git := func(args ...string) {
		t.Helper()
		cmd := exec.Command("git", append([]string{"-C", repo, "-c", "user.email=t@t", "-c", "user.name=t"}, args...)...)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	git("init", "-q", "-b", "main")
	writeFiles(t, repo, map[string]string{"svc/app.py": vulnApp})
	git("add", "-A")
	git("commit", "-qm", "base")
	git("checkout", "-qb", "feature")
	writeFiles(t, repo, map[string]string{"svc/app.py": movedApp})
	git("commit", "-qam", "change")
	code, out, stderr := runCLI(t, "scan", "--format", "json", "--baseline-ref", "main", filepath.Join(repo, "svc"))
	if code == exitError {
		t.Fatal(stderr)
	}
	got := findingsOf(t, out)
	if len(got) == 0 {
		t.Fatal("the change's new finding is missing")
	}
	for _, f := range got {
		if f.Line != 9 {
			t.Errorf("finding %v predates the change", f)
		}
	}
}

func TestConfigSuppressionAndExpiry(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"app.py": movedApp,
		".lambdascan.yaml": `fail-on: high
suppressions:
  - path: "app.py"
    cwe: 78
    reason: reviewed in SEC-7
    expires: 2099-12-31
`,
	})
	code, out, stderr := runCLI(t, "scan", "--format", "json", dir)
	if code != exitOK {
		t.Fatalf("exit %d with every finding suppressed: %s\n%s", code, stderr, out)
	}
	if strings.Count(out, `"justification": "reviewed in SEC-7 (until 2099-12-31)"`) == 0 {
		t.Errorf("suppressed findings are not kept with their justification:\n%s", out)
	}
	writeFiles(t, dir, map[string]string{".lambdascan.yaml": strings.Replace(
		"fail-on: high\nsuppressions:\n  - path: \"app.py\"\n    cwe: 78\n    reason: reviewed in SEC-7\n    expires: 2020-01-31\n", "", "", 1)})
	code, out, _ = runCLI(t, "scan", "--format", "json", dir)
	if code != exitFindings || !strings.Contains(out, "suppression-expired") {
		t.Errorf("expired suppression: exit %d, output:\n%s", code, out)
	}
	writeFiles(t, dir, map[string]string{".lambdascan.yaml": "fail-on: high\nsuppresions: []\n"})
	code, _, stderr = runCLI(t, "scan", dir)
	if code != exitError || !strings.Contains(stderr, `unknown key "suppresions"`) {
		t.Errorf("unknown key: exit %d, stderr %q", code, stderr)
	}
}

func TestConfigRuleSelectionNarrowsTheRun(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"app.py":           "import subprocess\n\n\ndef handler(event, context):\n    subprocess.run(\"ls \" + CONST, shell=True)\n",
		".lambdascan.yaml": "rules:\n  disable: [python.subprocess-shell-true]\n",
	})
	code, out, stderr := runCLI(t, "scan", "--format", "json", dir)
	if code == exitError {
		t.Fatal(stderr)
	}
	var r struct {
		Rules []struct {
			ID string `json:"id"`
		} `json:"rules"`
		Findings []struct {
			RuleID string `json:"ruleId"`
		} `json:"findings"`
	}
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatal(err)
	}
	if len(r.Rules) < 100 {
		t.Fatalf("only %d rules listed: the test cannot tell a narrowed run from a broken one", len(r.Rules))
	}
	for _, x := range r.Rules {
		if x.ID == "python.subprocess-shell-true" {
			t.Error("a disabled rule still ran (listed among the run's rules)")
		}
	}
	for _, f := range r.Findings {
		if f.RuleID == "python.subprocess-shell-true" {
			t.Error("a disabled rule still reported")
		}
	}
}
