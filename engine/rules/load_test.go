package rules

import (
	"context"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"

	"github.com/lambdascan/lambdascan/engine/finding"
	"github.com/lambdascan/lambdascan/engine/parse"
	"github.com/lambdascan/lambdascan/engine/pattern"
)

const goodRule = `id: t.eval
title: eval
message: eval of $X
severity: high
languages: [python]
pattern: eval($X)
`

func TestLoadErrors(t *testing.T) {
	tests := []struct {
		name, yaml string
		want       []string // substrings of the error
	}{
		{"unknown key", goodRule + "severty: low\n", []string{"r.yaml:7:1: unknown key \"severty\""}},
		{"bad severity", strings.Replace(goodRule, "severity: high", "severity: urgent", 1), []string{"r.yaml:4:11:", "urgent"}},
		{"missing id", strings.Replace(goodRule, "id: t.eval\n", "", 1), []string{"r.yaml:1:1: rule is missing \"id\""}},
		{"bad pattern", strings.Replace(goodRule, "eval($X)", "eval((", 1), []string{"r.yaml:6:10:", "does not parse as python"}},
		{"bad language", strings.Replace(goodRule, "[python]", "[cobol]", 1), []string{"unknown language \"cobol\""}},
		{"two matchers", goodRule + "pattern-either:\n  - pattern: exec($X)\n", []string{"both pattern and pattern-either"}},
		{"bad regex", goodRule[:strings.Index(goodRule, "pattern:")] + "patterns:\n  - pattern: eval($X)\n  - metavariable-regex:\n      metavariable: $X\n      regex: '('\n", []string{"r.yaml:10:14: bad regex"}},
		{"bad metavariable", goodRule[:strings.Index(goodRule, "pattern:")] + "patterns:\n  - pattern: eval($X)\n  - focus-metavariable: [X]\n  - metavariable-regex:\n      metavariable: x\n      regex: a\n", []string{"metavariable must look like $NAME"}},
		{"only negative", goodRule[:strings.Index(goodRule, "pattern:")] + "patterns:\n  - pattern-not: eval($X)\n", []string{"at least one positive pattern"}},
		{"bad cwe", goodRule + "cwe: [CWE-78]\n", []string{"cwe must be a list of positive integers"}},
		{"taint without sinks", goodRule[:strings.Index(goodRule, "pattern:")] + "mode: taint\npattern-sources:\n  - builtin: lambda-event\n", []string{"taint rule needs pattern-sinks"}},
		{"yaml syntax", "id: [", []string{"r.yaml"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Load(fstest.MapFS{"r.yaml": {Data: []byte(tc.yaml)}}, ".")
			if err == nil {
				t.Fatal("no error")
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not contain %q", err, w)
				}
			}
		})
	}
}

func TestDuplicateIDs(t *testing.T) {
	_, err := Load(fstest.MapFS{"a.yaml": {Data: []byte(goodRule)}, "b/c.yaml": {Data: []byte(goodRule)}}, ".")
	if err == nil || !strings.Contains(err.Error(), `duplicate rule id "t.eval"`) {
		t.Fatalf("err = %v", err)
	}
}

func TestRulesList(t *testing.T) {
	s, err := Load(fstest.MapFS{"x.yml": {Data: []byte("rules:\n  - " + strings.ReplaceAll(goodRule, "\n", "\n    ") + "\n  - " +
		strings.ReplaceAll(strings.Replace(goodRule, "t.eval", "t.exec", 1), "\n", "\n    "))}}, ".")
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, r := range s.Rules() {
		ids = append(ids, r.ID())
	}
	if diff := cmp.Diff([]string{"t.eval", "t.exec"}, ids); diff != "" {
		t.Error(diff)
	}
}

// TestTestDirFails shows the rule test runner failing on wrong annotations.
func TestTestDirFails(t *testing.T) {
	res, err := TestDir(osDir("testdata/failing"), ".")
	if err != nil {
		t.Fatal(err)
	}
	if res.OK() {
		t.Fatal("failing rule tests passed")
	}
	want := []string{
		"sample.py:4: sample.eval fired but the line is marked ok",
		"sample.py:6: sample.eval did not fire (expected by ruleid on line 5)",
		"sample.py:7: sample.eval fired on a line without a ruleid annotation",
		"sample.yaml: 1 ok case(s); each rule needs at least 2",
	}
	if diff := cmp.Diff(want, res.Rules[0].Failures); diff != "" {
		t.Errorf("failures (-want +got):\n%s", diff)
	}
}

// TestCheck shows findings' locations, messages and metadata.
func TestCheck(t *testing.T) {
	s, err := Load(fstest.MapFS{"r.yaml": {Data: []byte(goodRule)}}, ".")
	if err != nil {
		t.Fatal(err)
	}
	src := "x = 1\n# é\nif ok: y = eval(\n  'é' + z)\n"
	ft := flat(t, parse.Python, src)
	got, err := s.Check(context.Background(), ft)
	if err != nil {
		t.Fatal(err)
	}
	r, _ := s.Rule("t.eval")
	want := []finding.Finding{{Rule: r.Meta, RuleID: "t.eval", Kind: finding.KindCode, Message: "eval of 'é' + z",
		Severity: finding.SeverityHigh, Confidence: finding.ConfidenceMedium,
		Location: finding.Location{StartLine: 3, StartColumn: 12, EndLine: 4, EndColumn: 11}}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func flat(t testing.TB, lang parse.Language, src string) *pattern.Tree {
	t.Helper()
	p := parse.NewParser(0)
	defer p.Close()
	tr, err := p.Parse(context.Background(), lang, []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	defer tr.Close()
	return pattern.Flatten(tr)
}

// TestEitherOfInsides: a pattern-either of pattern-inside items inside
// patterns is an "inside A or inside B" constraint.
func TestEitherOfInsides(t *testing.T) {
	rule := goodRule[:strings.Index(goodRule, "pattern:")] + `patterns:
  - pattern: eval($X)
  - pattern-either:
      - pattern-inside: |
          def a():
              ...
      - pattern-inside: |
          def b():
              ...
`
	s, err := Load(fstest.MapFS{"r.yaml": {Data: []byte(rule)}}, ".")
	if err != nil {
		t.Fatal(err)
	}
	ft := flat(t, parse.Python, "def a():\n    eval(1)\ndef b():\n    eval(2)\ndef c():\n    eval(3)\n")
	got, err := s.Check(context.Background(), ft)
	if err != nil {
		t.Fatal(err)
	}
	var lines []int
	for _, f := range got {
		lines = append(lines, f.Location.StartLine)
	}
	if diff := cmp.Diff([]int{2, 4}, lines); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func TestRequiredLiteral(t *testing.T) {
	for re, want := range map[string]string{
		`^[rbuf]*["']http://([^l1]|l[^o])`: `http://`,
		`(?i)^md5$`:                        "",
		`["']Effect["']\s*:\s*["']Allow`:   "Effect",
		`^(run|call)$`:                     "",
		`abc+d`:                            "ab",
	} {
		if got := requiredLiteral(re); got != want {
			t.Errorf("requiredLiteral(%q) = %q, want %q", re, got, want)
		}
	}
}
