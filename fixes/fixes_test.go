package fixes

import (
	"context"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/lambdascan/lambdascan/engine/finding"
	"github.com/lambdascan/lambdascan/engine/parse"
)

// edit replaces the first occurrence of old in src with new.
func edit(src, old, new string) finding.Edit {
	i := strings.Index(src, old)
	if i < 0 {
		panic("no " + old)
	}
	return finding.Edit{Start: i, End: i + len(old), New: new}
}

func cand(rule string, edits ...finding.Edit) Candidate {
	return Candidate{Finding: &finding.Finding{RuleID: rule}, Fix: &finding.Fix{Edits: edits}}
}

func TestFileAppliesAndSkipsOverlaps(t *testing.T) {
	src := "import yaml\n\ndef h(event, ctx):\n    cfg = yaml.load(event['body'])\n    r = requests.get(u, verify=False)\n    return cfg\n"
	cands := []Candidate{
		cand("python.yaml-load", edit(src, "yaml.load", "yaml.safe_load")),
		cand("python.requests-verify-false", edit(src, ", verify=False", "")),
		cand("python.other", edit(src, "load(event", "loads(event")), // starts inside the first
	}
	res := File(context.Background(), "app.py", []byte(src), parse.Python, cands)
	want := "import yaml\n\ndef h(event, ctx):\n    cfg = yaml.safe_load(event['body'])\n    r = requests.get(u)\n    return cfg\n"
	if diff := cmp.Diff(want, string(res.After)); diff != "" {
		t.Errorf("after (-want +got):\n%s", diff)
	}
	var applied []bool
	for _, o := range res.Outcomes {
		applied = append(applied, o.Applied)
	}
	if diff := cmp.Diff([]bool{true, false, true}, applied); diff != "" {
		t.Errorf("applied (-want +got):\n%s", diff)
	}
	if r := res.Outcomes[1].Reason; !strings.Contains(r, "overlaps the fix of python.yaml-load") {
		t.Errorf("skip reason = %q", r)
	}
	d := res.Diff()
	if !strings.Contains(d, "-    cfg = yaml.load(event['body'])") || !strings.Contains(d, "+    cfg = yaml.safe_load(event['body'])") || !strings.HasPrefix(d, "--- a/app.py") {
		t.Errorf("diff:\n%s", d)
	}
}

func TestFileKeepsCRLFAndIndentation(t *testing.T) {
	src := "class A {\r\n    void f() {\r\n        run(x);\r\n    }\r\n}\r\n"
	res := File(context.Background(), "A.java", []byte(src), parse.Java, []Candidate{
		cand("java.x", edit(src, "run(x);", "check(x);\nrun(x);")),
	})
	want := "class A {\r\n    void f() {\r\n        check(x);\r\n        run(x);\r\n    }\r\n}\r\n"
	if diff := cmp.Diff(want, string(res.After)); diff != "" {
		t.Errorf("after (-want +got):\n%s", diff)
	}
}

func TestFileRefusesSyntaxErrors(t *testing.T) {
	src := "def h(event, ctx):\n    return md5(event)\n"
	res := File(context.Background(), "app.py", []byte(src), parse.Python, []Candidate{
		cand("python.bad-fix", edit(src, "md5(event)", "sha256(event")),
	})
	if res.Refused == "" || res.Changed() || !strings.Contains(res.Refused, "would not parse") {
		t.Fatalf("refused = %q, changed = %v", res.Refused, res.Changed())
	}
	if res.Outcomes[0].Applied {
		t.Error("outcome still says applied")
	}
	// A file that already had an error elsewhere can still be fixed.
	broken := "def x(:\n    pass\ndef h(e, c):\n    return md5(e)\n"
	res = File(context.Background(), "b.py", []byte(broken), parse.Python, []Candidate{cand("r", edit(broken, "md5(e)", "sha256(e)"))})
	if !res.Changed() {
		t.Errorf("fix refused on a file with an unrelated syntax error: %s", res.Refused)
	}
}

func TestFileRejectsStaleEdits(t *testing.T) {
	res := File(context.Background(), "a.py", []byte("x = 1\n"), parse.Python, []Candidate{
		cand("r", finding.Edit{Start: 3, End: 99, New: "2"}),
	})
	if res.Changed() || res.Outcomes[0].Applied || !strings.Contains(res.Outcomes[0].Reason, "outside the file") {
		t.Errorf("stale edit: %+v", res.Outcomes[0])
	}
}

func TestPreview(t *testing.T) {
	src := []byte("h = hashlib.md5(data)\n")
	d, err := Preview("x.py", src, &finding.Fix{Edits: []finding.Edit{edit(string(src), "md5", "sha256")}})
	if err != nil || !strings.Contains(d, "+h = hashlib.sha256(data)") {
		t.Errorf("Preview = %q, %v", d, err)
	}
}
