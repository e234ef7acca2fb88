package rules

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/lambdascan/lambdascan/engine/taint"
)

// TestTaintSelfRecursionSettles: a function's summary is recomputed when
// it changed under the function itself (a recursive call that swaps its
// arguments), so data from the event reaches the sink only through the
// second round's summary.
func TestTaintSelfRecursionSettles(t *testing.T) {
	fs, notes := taintFindings(t, `
-- handler.py --
import os

def swap(a, b, n):
    if n:
        return swap(b, a, n - 1)
    return b

def handler(event, context):
    os.system(swap(event["q"], "x", 3))
`, "", taint.Limits{})
	if len(fs) != 1 || len(notes) != 0 || fs[0].Location.StartLine != 9 || fs[0].RuleID != "python.lambda-command-injection" {
		t.Fatalf("findings %+v, notes %+v", fs, notes)
	}
}

// TestTaintBoundWithoutSource: a function too long to follow is reported
// as such even when nothing from a source can reach it (it is then not
// analysed for flows at all).
func TestTaintBoundWithoutSource(t *testing.T) {
	_, notes := taintFindings(t, `
-- lib.py --
import os

def helper(cmd):
    a = cmd
    b = a
    os.system(b)
-- handler.py --
import lib

def handler(event, context):
    return 1
`, "", taint.Limits{MaxVisits: 5})
	var got []string
	for _, n := range notes {
		if strings.Contains(n.Message, "command-injection") || strings.Contains(n.Message, "lambda-command") {
			got = append(got, n.Path+": "+n.Message[strings.Index(n.Message, ": ")+2:])
		}
	}
	want := []string{"lib.py: analysis of helper stopped after 5 statement visits; flows in it may be missed"}
	if d := cmp.Diff(want, got[:min(1, len(got))]); d != "" {
		t.Errorf("(-want +got):\n%s\nall notes: %+v", d, notes)
	}
}
