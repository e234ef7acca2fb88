package rules

import (
	"context"
	"strings"
	"testing"
	"testing/fstest"
)

// TestFixFunctionLoad checks that an unknown fix function is a load error
// naming the file and line, and that a known one gives findings its fix.
func TestFixFunctionLoad(t *testing.T) {
	bad := goodRule + "fix-function: no-such-fix\n"
	_, err := Load(fstest.MapFS{"r.yaml": {Data: []byte(bad)}}, ".")
	if err == nil || !strings.Contains(err.Error(), "r.yaml:7:") || !strings.Contains(err.Error(), `unknown fix-function "no-such-fix"`) {
		t.Fatalf("want a load error at r.yaml:7, got %v", err)
	}

	rule := `id: t.pickle
title: pickle
message: $CALL unpickles
severity: high
languages: [python]
fix-function: python-pickle-to-json
pattern: $CALL(...)
`
	s, err := Load(fstest.MapFS{"r.yaml": {Data: []byte(rule)}}, ".")
	if err != nil {
		t.Fatal(err)
	}
	src := "import pickle\nx = pickle.loads(b)\ny = other.loads(b)\n"
	tr, err := parseTest(context.Background(), "t.py", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	fs, err := s.Check(context.Background(), tr)
	if err != nil {
		t.Fatal(err)
	}
	fixed := 0
	for _, f := range fs {
		for _, fx := range f.Fixes {
			fixed++
			if len(fx.Edits) != 2 || fx.Edits[0].New != "\nimport json" || fx.Edits[1].New != "json.loads" || fx.Edits[1].StartLine != 2 {
				t.Errorf("unexpected fix %+v", fx)
			}
		}
	}
	if len(fs) != 2 || fixed != 1 {
		t.Errorf("%d findings, %d fixes; want 2 findings (pickle.loads, other.loads), 1 fix", len(fs), fixed)
	}
}

// TestFixTemplateMetavariables checks that a fix template never writes a
// metavariable into the code: an empty $...ARGS run becomes nothing, and a
// template naming a metavariable the match did not bind offers no fix.
func TestFixTemplateMetavariables(t *testing.T) {
	rule := `id: t.md5
title: md5
message: md5
severity: high
languages: [python]
fix: hashlib.sha256($...ARGS)
pattern: hashlib.md5($...ARGS)
`
	unbound := `id: t.unbound
title: unbound
message: unbound
severity: high
languages: [python]
fix: g($NOPE)
pattern: f(...)
`
	s, err := Load(fstest.MapFS{"a.yaml": {Data: []byte(rule)}, "b.yaml": {Data: []byte(unbound)}}, ".")
	if err != nil {
		t.Fatal(err)
	}
	src := "import hashlib\na = hashlib.md5()\nb = hashlib.md5(data, usedforsecurity=True)\nf(1)\n"
	tr, err := parseTest(context.Background(), "t.py", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	fs, err := s.Check(context.Background(), tr)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string][]string{}
	for _, f := range fs {
		var news []string
		for _, fx := range f.Fixes {
			for _, e := range fx.Edits {
				news = append(news, e.New)
			}
		}
		got[f.RuleID] = append(got[f.RuleID], strings.Join(news, "|"))
	}
	want := map[string][]string{
		"t.md5":     {"hashlib.sha256()", "hashlib.sha256(data, usedforsecurity=True)"},
		"t.unbound": {""},
	}
	for id, w := range want {
		if strings.Join(got[id], "; ") != strings.Join(w, "; ") {
			t.Errorf("%s fixes = %q, want %q", id, got[id], w)
		}
	}
}
