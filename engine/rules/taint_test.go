package rules

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/tools/txtar"

	"github.com/lambdascan/lambdascan/engine/finding"
	"github.com/lambdascan/lambdascan/engine/parse"
	"github.com/lambdascan/lambdascan/engine/taint"
)

// taintFindings runs the embedded taint rules over a txtar package.
func taintFindings(t *testing.T, archive string, handler string) ([]finding.Finding, []finding.Notification) {
	t.Helper()
	set, err := Embedded()
	if err != nil {
		t.Fatal(err)
	}
	ar := txtar.Parse([]byte(archive))
	var units []*taint.Unit
	for _, f := range ar.Files {
		ft := flat(t, parse.ForPath(f.Name), string(f.Data))
		_, _, sites, err := set.check(context.Background(), ft)
		if err != nil {
			t.Fatal(err)
		}
		mod := lower(ft, f.Name, handler)
		mod.Input = "pkg"
		units = append(units, &taint.Unit{Mod: mod, Sites: sites})
	}
	fs, notes, err := set.analyzeTaint(context.Background(), map[string][]*taint.Unit{"pkg": units}, taint.Limits{})
	if err != nil {
		t.Fatal(err)
	}
	finding.Sort(fs)
	return fs, notes
}

func flowText(f finding.Finding) []string {
	var out []string
	for _, s := range f.Flow {
		out = append(out, fmt.Sprintf("%s:%d:%d %s", s.Location.Path, s.Location.StartLine, s.Location.StartColumn, s.Note))
	}
	return out
}

func TestTaintAcrossModules(t *testing.T) {
	fs, _ := taintFindings(t, `
-- app.py --
from services import reports

def main(e, c):
    q = e["queryStringParameters"]
    return reports.build(q.get("name"), 5)
-- services/reports.py --
from .store import run

def build(name, limit):
    sql = "SELECT * FROM r WHERE name = '%s' LIMIT %d" % (name, limit)
    return run(sql)
-- services/store.py --
import psycopg2

def run(text):
    with psycopg2.connect("") as conn:
        cur = conn.cursor()
        cur.execute(text)
        return cur.fetchall()
`, "")
	if len(fs) != 1 {
		t.Fatalf("got %d findings, want 1: %+v", len(fs), fs)
	}
	f := fs[0]
	if want := "e['queryStringParameters'] reaches cur.execute"; !strings.HasPrefix(f.Message, want) {
		t.Errorf("message %q does not start with %q", f.Message, want)
	}
	wantLoc := finding.Location{Input: "pkg", Path: "services/store.py", StartLine: 6, StartColumn: 21, EndLine: 6, EndColumn: 25}
	if diff := cmp.Diff(wantLoc, f.Location); diff != "" {
		t.Errorf("location (-want +got):\n%s", diff)
	}
	wantFlow := []string{
		"app.py:4:9 e['queryStringParameters'] is read",
		"app.py:4:5 assigned to q",
		"app.py:5:12 passed to build",
		"services/reports.py:4:5 assigned to sql",
		"services/reports.py:5:12 passed to run",
		"services/store.py:6:21 e['queryStringParameters'] reaches cur.execute",
	}
	if diff := cmp.Diff(wantFlow, flowText(f)); diff != "" {
		t.Errorf("flow (-want +got):\n%s", diff)
	}
}
