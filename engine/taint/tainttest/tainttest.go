// Package tainttest runs the taint engine over modules lowered by a
// language front end, with a fixed rule, so that the front ends can test
// their lowering end to end without the rule loader: the source is the
// Lambda handler's event, and every argument of a call to a function
// named sink is a sink.
package tainttest

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/lambdascan/lambdascan/engine/ir"
	"github.com/lambdascan/lambdascan/engine/taint"
)

// SinkName is the name of the function whose arguments are sinks.
const SinkName = "sink"

// Lines returns the sorted 1-based lines of the sink calls the handler's
// event reaches in mods.
func Lines(t testing.TB, mods ...*ir.Module) []int {
	t.Helper()
	var units []*taint.Unit
	for _, m := range mods {
		s := &taint.Sites{}
		for _, f := range m.Funcs {
			for _, st := range f.Body {
				visit := func(x *ir.Expr) {
					if x.Kind == ir.Call && x.Name == SinkName && x.Recv == nil {
						s.Sinks = append(s.Sinks, taint.SinkSite{Site: taint.Site{Start: x.Start, End: x.End, Desc: SinkName},
							Whole: true, Message: "$SOURCE reaches $SINK"})
					}
				}
				for _, tg := range st.Targets {
					tg.Walk(visit)
				}
				st.Value.Walk(visit)
			}
		}
		units = append(units, &taint.Unit{Mod: m, Sites: []*taint.Sites{s}})
	}
	res, _, err := taint.Analyze(context.Background(), units, []taint.Rule{{ID: "test", Event: true}}, taint.Limits{})
	if err != nil {
		t.Fatal(err)
	}
	var lines []int
	for _, r := range res {
		lines = append(lines, r.Mod.Position(r.Sink.Start).Line)
	}
	slices.Sort(lines)
	return slices.Compact(lines)
}

// Want returns the lines of src marked with the comment marker ("# want",
// "// want"): the lines Lines must report.
func Want(src, marker string) []int {
	var out []int
	line := 1
	start := 0
	for i := 0; i <= len(src); i++ {
		if i == len(src) || src[i] == '\n' {
			if strings.Contains(src[start:i], marker) {
				out = append(out, line)
			}
			line++
			start = i + 1
		}
	}
	return out
}
