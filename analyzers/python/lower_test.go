package python

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/lambdascan/lambdascan/engine/ir"
	"github.com/lambdascan/lambdascan/engine/parse"
	"github.com/lambdascan/lambdascan/engine/pattern"
)

func lowerSrc(t *testing.T, path, src, handler string) *ir.Module {
	t.Helper()
	p := parse.NewParser(0)
	defer p.Close()
	tr, err := p.Parse(context.Background(), parse.Python, []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	defer tr.Close()
	ft := pattern.Flatten(tr)
	mod := &ir.Module{Path: path}
	Lower(ft, Imports(ft), mod, handler)
	return mod
}

func TestHandlers(t *testing.T) {
	tests := []struct {
		name, path, src, handler string
		want                     []string
	}{
		{"any param names", "svc/x.py", "def lambda_handler(evt, ctx):\n    pass\n", "", []string{"lambda_handler(evt)"}},
		{"context-like second param", "svc/x.py", "def process(payload, _context):\n    pass\n", "", []string{"process(payload)"}},
		{"handler file", "app.py", "def go(a, b):\n    pass\n", "", []string{"go(a)"}},
		{"handler setting", "svc/api.py", "def main2(a, b):\n    pass\ndef other(a, b):\n    pass\n", "svc.api.main2", []string{"main2(a)"}},
		{"helper", "svc/db.py", "def query(sql, params):\n    pass\n", "", nil},
		{"method is not a handler", "handler.py", "class H:\n    def handler(self, event):\n        pass\n", "", nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			m := lowerSrc(t, tc.path, tc.src, tc.handler)
			var got []string
			for _, f := range m.Funcs {
				if f.Handler {
					got = append(got, f.Name+"("+f.Params[f.EventParam]+")")
				}
			}
			slices.Sort(got)
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestLowerIR(t *testing.T) {
	src := `import subprocess as sp
from .db import run_query

class Repo:
    def find(self, key):
        return self.fetch(key)

def handler(event, context):
    a, b = event["x"], event.get("y")
    q = "SELECT %s" % a
    q += f"{b}"
    if b not in ALLOWED:
        return None
    for rec in event["Records"]:
        sp.run(rec["body"], shell=True)
    rows = run_query(q, limit=int(b))
    return rows
`
	m := lowerSrc(t, "pkg/handler.py", src, "")
	got := m.Dump()
	for _, line := range []string{
		"func Repo.find(self, key)",
		"  return call pkg.handler.Repo.fetch<self>(key)",
		"func handler(event, context) handler(event=0)",
		"  q = op(const, a)",
		"  ? q = op(q, op(const, op(b), const))",
		"  sanitize b",
		"  ? rec = event[Records][]",
		"  ? call subprocess.run<sp>(rec[body], shell=const)",
		"  rows = call db.run_query(q, limit=call int(b))",
		"  return rows",
	} {
		if !slices.Contains(strings.Split(got, "\n"), line) {
			t.Errorf("IR lacks %q:\n%s", line, got)
		}
	}
}
