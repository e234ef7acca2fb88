package ir

import (
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
