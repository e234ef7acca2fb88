package rules

import (
	"context"
	"fmt"
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/tools/txtar"

	"github.com/lambdascan/lambdascan/engine/finding"
	"github.com/lambdascan/lambdascan/engine/parse"
	"github.com/lambdascan/lambdascan/engine/taint"
	rulepack "github.com/lambdascan/lambdascan/rules"
)

// taintFindings runs the embedded taint rules over a txtar package.
func taintFindings(t *testing.T, archive string, handler string, lim taint.Limits) ([]finding.Finding, []finding.Notification) {
	t.Helper()
	return taintWith(t, builtinSet(t, taintRuleFiles...), archive, handler, lim)
}

func taintWith(t *testing.T, set *Set, archive string, handler string, lim taint.Limits) ([]finding.Finding, []finding.Notification) {
	t.Helper()
	ar := txtar.Parse([]byte(archive))
	var units []*taint.Unit
	for _, f := range ar.Files {
		ft := flat(t, parse.ForPath(f.Name), string(f.Data))
		im := ImportsOf(ft)
		_, _, sites, err := set.check(context.Background(), ft, im)
		if err != nil {
			t.Fatal(err)
		}
		mod := lower(ft, im, f.Name, handler)
		mod.Input = "pkg"
		units = append(units, &taint.Unit{Mod: mod, Sites: sites})
	}
	fs, notes, err := set.analyzeTaint(context.Background(), map[string][]*taint.Unit{"pkg": units}, lim)
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
`, "", taint.Limits{})
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

// chain builds a handler calling f1, which calls f2, ... fn, which runs
// os.system: each helper in its own module, defined in reverse order.
func chain(n int) string {
	var b strings.Builder
	b.WriteString("-- handler.py --\nimport f1\n\ndef handler(event, context):\n    f1.f(event['cmd'])\n")
	for i := 1; i <= n; i++ {
		fmt.Fprintf(&b, "-- f%d.py --\n", i)
		if i < n {
			fmt.Fprintf(&b, "import f%d\n\ndef f(x):\n    return f%d.f(x + ' ')\n", i+1, i+1)
		} else {
			b.WriteString("import os\n\ndef f(x):\n    os.system(x)\n")
		}
	}
	return b.String()
}

func TestTaintDeepChain(t *testing.T) {
	fs, notes := taintFindings(t, chain(12), "", taint.Limits{})
	if len(fs) != 1 || fs[0].Location.Path != "f12.py" || len(notes) != 0 {
		t.Fatalf("findings %+v, notes %+v", fs, notes)
	}
	if got := len(fs[0].Flow); got < 13 {
		t.Errorf("flow has %d steps, want one per call at least", got)
	}
}

func TestTaintBounds(t *testing.T) {
	// Too few statement visits for the handler: the bound is reported.
	_, notes := taintFindings(t, chain(3), "", taint.Limits{MaxVisits: 1})
	if len(notes) == 0 || notes[0].Code != "taint-bound" || !strings.Contains(notes[0].Message, "statement visits") {
		t.Fatalf("notes = %+v", notes)
	}
	// Mutual recursion settles and terminates.
	fs, notes := taintFindings(t, `
-- handler.py --
import os

def ping(x, n):
    return pong(x, n - 1) if n else x

def pong(y, n):
    return ping(y + "!", n)

def handler(event, context):
    os.system(ping(event["q"], 3))
`, "", taint.Limits{})
	if len(fs) != 1 || len(notes) != 0 || fs[0].Location.StartLine != 10 || fs[0].RuleID != "python.lambda-command-injection" {
		t.Fatalf("findings %+v, notes %+v", fs, notes)
	}
}

// TestTaintPrecision checks look-alikes that must stay quiet.
func TestTaintPrecision(t *testing.T) {
	fs, _ := taintFindings(t, `
-- handler.py --
import os
import shlex
import db

def handler(event, context):
    name = event["name"]
    name = shlex.quote(name)
    os.system("echo " + name)
    os.system("echo " + str(len(event["x"])) if False else "echo")
    db.save(event["body"])
    key = event["k"]
    if key in ("a", "b"):
        os.system("echo " + key)
    os.system("echo " + key)
-- db.py --
import os

def save(data):
    os.system("echo saved")
    return data
`, "", taint.Limits{})
	// Only the unchecked twin of the guarded call fires, so the test fails
	// when taint finds nothing at all.
	var got []string
	for _, f := range fs {
		got = append(got, fmt.Sprintf("%s:%d %s", f.Location.Path, f.Location.StartLine, f.RuleID))
	}
	if diff := cmp.Diff([]string{"handler.py:14 python.lambda-command-injection"}, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

const propRule = `id: t.prop
title: t
message: $SOURCE reaches $SINK
severity: high
languages: [python]
mode: taint
pattern-sources:
  - pattern: read_input()
pattern-sinks:
  - patterns:
      - pattern: run_sql($Q)
      - focus-metavariable: $Q
pattern-propagators:
  - pattern: $B.add_clause($X)
    from: $X
    to: $B
`

// TestTaintPropagatorsAndPatternSources uses a rule's own sources and
// propagators instead of the built-in event source.
func TestTaintPropagatorsAndPatternSources(t *testing.T) {
	set, err := Load(fstest.MapFS{"r.yaml": {Data: []byte(propRule)}}, ".")
	if err != nil {
		t.Fatal(err)
	}
	fs, _ := taintWith(t, set, `
-- job.py --
def job(a, b):
    q = Query()
    q.add_clause(read_input())
    run_sql(q)
    other = Query()
    other.add_clause("x = 1")
    run_sql(other)
    run_sql(a)
`, "", taint.Limits{})
	var got []string
	for _, f := range fs {
		got = append(got, fmt.Sprintf("%d: %s", f.Location.StartLine, f.Message))
	}
	if diff := cmp.Diff([]string{"4: read_input() reaches run_sql"}, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

// TestTaintContextSource: the caller-controlled parts of the Lambda
// context are sources; the rest of the context is not.
func TestTaintContextSource(t *testing.T) {
	fs, _ := taintFindings(t, `
-- handler.py --
import os

def handler(event, context):
    os.system("echo " + context.function_name)
    os.system("echo " + context.client_context.custom["cmd"])
-- index.js --
const { exec } = require('child_process');
exports.handler = async (event, context) => {
  exec('echo ' + context.awsRequestId);
  exec('echo ' + context.clientContext.Custom.cmd);
};
`, "", taint.Limits{})
	var got []string
	for _, f := range fs {
		got = append(got, fmt.Sprintf("%s:%d: %s", f.Location.Path, f.Location.StartLine, strings.SplitN(f.Message, ":", 2)[0]))
	}
	want := []string{
		"handler.py:5: context.client_context.custom['cmd'] reaches os.system",
		"index.js:4: context.clientContext.Custom.cmd reaches child_process.exec",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

// taintRuleFiles are the built-in taint rules these tests rely on.
var taintRuleFiles = []string{
	"python/injection/lambda-sql-injection.yaml",
	"python/injection/lambda-command-injection.yaml",
	"javascript/injection/lambda-child-process-injection.yaml",
	"java/injection/lambda-jdbc-sql-injection.yaml",
}

// builtinSet loads chosen built-in rule files only, so engine tests do not
// depend on every other rule of the pack loading.
func builtinSet(t testing.TB, files ...string) *Set {
	t.Helper()
	var all []*Rule
	for _, f := range files {
		data, err := fs.ReadFile(rulepack.FS, f)
		if err != nil {
			t.Fatal(err)
		}
		rs, err := parseFile(rulepack.FS, f, "", data)
		if err != nil {
			t.Fatal(err)
		}
		all = append(all, rs...)
	}
	s, err := build(all)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestTaintThroughMethods follows data into methods of classes in other
// modules: instances made by a constructor call, self.method calls.
func TestTaintThroughMethods(t *testing.T) {
	fs, _ := taintFindings(t, `
-- handler.py --
from repo import Repo

def handler(event, context):
    r = Repo()
    r.find(event["q"])
    r.safe(event["q"])
-- repo.py --
import sqlite3

cur = sqlite3.connect(":memory:").cursor()

class Repo:
    def find(self, q):
        return self._run("SELECT * FROM t WHERE q = '" + q + "'")

    def safe(self, q):
        return self._run("SELECT 1")

    def _run(self, sql):
        cur.execute(sql)
        return cur.fetchall()
-- index.js --
const { Store } = require('./store');
exports.handler = async (event) => {
  const s = new Store();
  return s.get(event.body);
};
-- store.js --
const { execSync } = require('child_process');
class Store {
  get(key) { return execSync('cat /data/' + key); }
}
module.exports = { Store };
`, "", taint.Limits{})
	var got []string
	for _, f := range fs {
		got = append(got, fmt.Sprintf("%s:%d %s", f.Location.Path, f.Location.StartLine, f.RuleID))
	}
	want := []string{"repo.py:13 python.lambda-sql-injection", "store.js:3 javascript.lambda-child-process-injection"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}
