package ir

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestPosition(t *testing.T) {
	src := "a = 1\nb = \"é€\" + x\n"
	x := uint32(len("a = 1\nb = \"é€\" + "))
	m := &Module{Funcs: []*Func{{Body: []*Stmt{{Kind: Eval, Value: &Expr{Kind: Var, Name: "x", Start: x, End: x + 1}, Start: x, End: x + 1}}}}}
	m.SetSource([]byte(src))
	if diff := cmp.Diff(Pos{Line: 2, Column: 12}, m.Position(x)); diff != "" {
		t.Errorf("position (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(Pos{Line: 1, Column: 1}, m.Position(0)); diff != "" {
		t.Errorf("position (-want +got):\n%s", diff)
	}
}

func TestModuleNames(t *testing.T) {
	tests := []struct {
		path   string
		python bool
		want   []string
	}{
		{"src/app/db.py", true, []string{"src.app.db", "app.db", "db"}},
		{"pkg/__init__.py", true, []string{"pkg"}},
		{"lib/db.js", false, []string{"lib/db"}},
		{"lib/index.ts", false, []string{"lib/index", "lib"}},
	}
	for _, tc := range tests {
		if diff := cmp.Diff(tc.want, ModuleNames(tc.path, tc.python)); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tc.path, diff)
		}
	}
}

// TestPositionKeepsOnlyNeededLines: ASCII lines need no text for columns;
// non-ASCII and very long lines keep theirs.
func TestPositionKeepsOnlyNeededLines(t *testing.T) {
	long := "x = " + strings.Repeat("a", 5000) + " + y\n"
	src := "a = b\nc = \"é\" + d\n" + long
	off := func(line, col int) uint32 {
		lines := strings.SplitAfter(src, "\n")
		n := 0
		for _, l := range lines[:line-1] {
			n += len(l)
		}
		return uint32(n + col - 1)
	}
	var body []*Stmt
	for _, at := range [][2]int{{1, 5}, {2, 11}, {3, 5005}} {
		o := off(at[0], at[1])
		body = append(body, &Stmt{Kind: Eval, Value: &Expr{Kind: Var, Name: "v", Start: o, End: o + 1}, Start: o, End: o + 1})
	}
	m := &Module{Funcs: []*Func{{Body: body}}}
	m.SetSource([]byte(src))
	if len(m.text) != 2 {
		t.Errorf("kept %d lines, want the non-ASCII and the long one", len(m.text))
	}
	got := []Pos{m.Position(off(1, 5)), m.Position(off(2, 11)), m.Position(off(3, 5005))}
	want := []Pos{{1, 5}, {2, 10}, {3, 4097}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("positions (-want +got):\n%s", diff)
	}
}
