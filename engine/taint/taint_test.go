package taint

import (
	"context"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/lambdascan/lambdascan/engine/ir"
)

// handBuilt is a module lowered by hand:
//
//	def handler(event, context):      # offsets 0..
//	    x = event["body"]             # x at 10-11, event["body"] at 14-27
//	    y = clean(x)                  # clean(x) at 35-43
//	    sink(x)                       # x at 49-50
//	    sink(y)                       # y at 60-61
func handBuilt() (*ir.Module, *Sites) {
	v := func(name string, s, e uint32) *ir.Expr { return &ir.Expr{Kind: ir.Var, Name: name, Start: s, End: e} }
	mod := &ir.Module{Path: "h.py", Input: "in", Names: []string{"h"}}
	f := &ir.Func{Module: mod, Name: "handler", Params: []string{"event", "context"}, Handler: true, EventParam: 0, ContextParam: 1}
	f.Body = []*ir.Stmt{
		{Kind: ir.Assign, Targets: []*ir.Expr{v("x", 10, 11)}, Value: &ir.Expr{Kind: ir.Index, Name: "body", Recv: v("event", 14, 19), Start: 14, End: 27}, Start: 10, End: 27},
		{Kind: ir.Assign, Targets: []*ir.Expr{v("y", 30, 31)}, Value: &ir.Expr{Kind: ir.Call, Name: "clean", Callee: "clean", Args: []*ir.Expr{v("x", 41, 42)}, Kw: []string{""}, Start: 35, End: 43}, Start: 30, End: 43},
		{Kind: ir.Eval, Value: &ir.Expr{Kind: ir.Call, Name: "sink", Callee: "sink", Args: []*ir.Expr{v("x", 49, 50)}, Kw: []string{""}, Start: 44, End: 51}, Start: 44, End: 51},
		{Kind: ir.Eval, Value: &ir.Expr{Kind: ir.Call, Name: "sink", Callee: "sink", Args: []*ir.Expr{v("y", 60, 61)}, Kw: []string{""}, Start: 55, End: 62}, Start: 55, End: 62},
	}
	mod.Funcs = []*ir.Func{f}
	mod.SetSource([]byte(strings.Repeat("x", 70)))
	sites := &Sites{
		Sinks: []SinkSite{
			{Site: Site{Start: 49, End: 50, Desc: "sink"}, Message: "$SOURCE reaches $SINK"},
			{Site: Site{Start: 60, End: 61, Desc: "sink"}, Message: "$SOURCE reaches $SINK"},
		},
		Sanitizers: []Site{{Start: 35, End: 43}},
	}
	return mod, sites
}

func TestAnalyze(t *testing.T) {
	mod, sites := handBuilt()
	res, bounds, err := Analyze(context.Background(), []*Unit{{Mod: mod, Sites: []*Sites{sites}}}, []Rule{{ID: "r", Event: true}}, Limits{})
	if err != nil {
		t.Fatal(err)
	}
	if len(bounds) != 0 {
		t.Errorf("bounds: %+v", bounds)
	}
	var got []string
	for _, r := range res {
		got = append(got, r.Message)
	}
	// sink(x) fires; sink(y) does not: clean(x) is a sanitizer.
	if diff := cmp.Diff([]string{"event['body'] reaches sink"}, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	// Without the event as a source, nothing flows.
	res, _, _ = Analyze(context.Background(), []*Unit{{Mod: mod, Sites: []*Sites{sites}}}, []Rule{{ID: "r"}}, Limits{})
	if len(res) != 0 {
		t.Errorf("no source, got %+v", res)
	}
}

func TestAnalyzeCancelled(t *testing.T) {
	mod, sites := handBuilt()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, _, err := Analyze(ctx, []*Unit{{Mod: mod, Sites: []*Sites{sites}}}, []Rule{{ID: "r", Event: true}}, Limits{}); err == nil {
		t.Error("cancelled analysis returned no error")
	}
}
