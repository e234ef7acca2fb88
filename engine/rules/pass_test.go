package rules

import (
	"context"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/lambdascan/lambdascan/engine/finding"
	"github.com/lambdascan/lambdascan/engine/input"
	"github.com/lambdascan/lambdascan/engine/scan"
)

// TestPass runs the code pass through the scan pipeline: first-party files
// only, exact locations, messages with metavariables filled in.
func TestPass(t *testing.T) {
	set := builtinSet(t, append([]string{"python/injection/subprocess-shell-true.yaml",
		"javascript/injection/eval-non-literal.yaml"}, taintRuleFiles...)...)
	in, err := input.Open("testdata/app", input.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	pass := NewPass(set, PassOptions{})
	var _ scan.Pass = pass
	var _ scan.RuleSource = pass
	rep, err := scan.Run(context.Background(), scan.Options{Passes: []scan.Pass{pass}, SnippetContext: -1}, []*input.Input{in})
	if err != nil {
		t.Fatal(err)
	}
	type got struct {
		Rule, Path, Message string
		Loc                 [4]int
		Sev                 finding.Severity
	}
	var gs []got
	for _, f := range rep.Findings {
		l := f.Location
		gs = append(gs, got{f.RuleID, l.Path, f.Message, [4]int{l.StartLine, l.StartColumn, l.EndLine, l.EndColumn}, f.Severity})
		if f.Rule == nil || f.Kind != finding.KindCode {
			t.Errorf("finding %s: Rule %v, Kind %q", f.RuleID, f.Rule, f.Kind)
		}
	}
	// The pattern rule python.subprocess-shell-true matches line 5 too; the
	// pipeline keeps only the taint finding, which says the same and where
	// the command comes from.
	want := []got{
		{"python.lambda-command-injection", "app.py", "event['key'] reaches subprocess.run: a shell command or program name built from data the caller controls lets an attacker run their own commands in the function.",
			[4]int{5, 12, 5, 36}, finding.SeverityCritical},
		{"javascript.eval-non-literal", "index.mjs", "eval evaluates event.body as code. If it is built from the event or other outside data, an attacker can run their own JavaScript in the function.",
			[4]int{2, 10, 2, 26}, finding.SeverityHigh},
	}
	if diff := cmp.Diff(want, gs); diff != "" {
		t.Errorf("findings (-want +got):\n%s", diff)
	}
}
