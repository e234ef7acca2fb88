package python

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/lambdascan/lambdascan/engine/taint/tainttest"
)

// TestTaintFlows lowers handlers and runs the taint engine over them: the
// event is the source, the arguments of sink(...) the sinks, and the lines
// marked "# want" are those that must be reported.
func TestTaintFlows(t *testing.T) {
	tests := []struct{ name, src string }{
		{"allow-list guards only its branch", `
def handler(event, context):
    x = event["next"]
    if x in ALLOWED:
        sink(x)
        return 1
    sink(x)  # want
`},
		{"allow-list branch reassigning", `
def handler(event, context):
    x = event["next"]
    if x in ALLOWED:
        x = x + event["y"]
        sink(x)  # want
    sink("a")
`},
		{"else branch that exits", `
def handler(event, context):
    x = event["next"]
    if x in ALLOWED:
        pass
    else:
        raise ValueError(x)
    sink(x)
`},
		{"negated check with early return", `
def handler(event, context):
    x = event["next"]
    if x not in ALLOWED:
        sink(x)  # want
        return
    sink(x)
`},
		{"not operator around the check", `
def handler(event, context):
    x = event["next"]
    y = event["y"]
    if not (x in ALLOWED):
        return
    sink(x)
    if not y.isdigit():
        sink(y)  # want
        return
    sink(y)
`},
		{"negated check replacing the value", `
def handler(event, context):
    x = event["sort"]
    y = event["y"]
    if x not in ALLOWED:
        x = "created_at"
        y = "z"
    sink(x)
    sink(y)  # want
`},
		{"negated check replacing with tainted data", `
def handler(event, context):
    x = event["sort"]
    if x not in ALLOWED:
        x = event["other"]
    sink(x)  # want
`},
		{"negated check falling through", `
def handler(event, context):
    x = event["sort"]
    if x not in ALLOWED:
        log(x)
    sink(x)  # want
`},
		{"negated check replacing under a condition", `
def handler(event, context):
    x = event["sort"]
    if x not in ALLOWED:
        if event["strict"]:
            x = "a"
    sink(x)  # want
`},
		{"negated check with else", `
def handler(event, context):
    x = event["sort"]
    if x not in ALLOWED:
        raise ValueError("bad")
    else:
        sink(x)
    sink(x)
`},
		{"conditional expression", `
def handler(event, context):
    limit = event.get("limit")
    a = 50 if limit is None else 10
    sink(a)
    b = "x" if event["flag"] else limit
    sink(b)  # want
    c = 1 if sink(limit) else 2  # want
`},
		{"unknown calls", `
import helpers
import os
import shlex

def handler(event, context):
    x = event["name"]
    sink(helpers.clean_name(x))  # want
    sink(shlex.split(x)[0])  # want
    sink(len(x))
    sink(int(x))
    sink(os.path.exists(x))
    sink(cursor.fetch(x))
    sink(
        sink(x))  # want
`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			m := lowerSrc(t, "svc/app.py", tc.src, "")
			m.SetSource([]byte(tc.src))
			if diff := cmp.Diff(tainttest.Want(tc.src, "# want"), tainttest.Lines(t, m)); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}
