package rules

import (
	"gopkg.in/yaml.v3"
)

// taintSpec is the matcher of a taint-mode rule: where tainted data comes
// from, where it must not arrive, what cleans it and how it moves through
// calls the engine does not know.
type taintSpec struct {
	sources     []taintItem
	sinks       []taintItem
	sanitizers  []taintItem
	propagators []taintItem
}

// taintItem is one source, sink, sanitizer or propagator: a formula (with
// focus-metavariable naming the dangerous argument of a sink), or for
// sources a built-in ("lambda-event").
type taintItem struct {
	node     *yaml.Node
	f        *formula
	builtin  string
	from, to string // propagators: taint flows from $FROM to $TO
}

// Builtin sources.
const (
	// BuiltinLambdaEvent is the Lambda handler's event parameter, in every
	// handler form, with every access path below it.
	BuiltinLambdaEvent = "lambda-event"
)

func (d *decoder) taintSpec(rule *yaml.Node, f map[string]*yaml.Node) *taintSpec {
	ts := &taintSpec{}
	ts.sources = d.taintItems(f["pattern-sources"], "pattern-sources", "builtin")
	ts.sinks = d.taintItems(f["pattern-sinks"], "pattern-sinks")
	ts.sanitizers = d.taintItems(f["pattern-sanitizers"], "pattern-sanitizers")
	ts.propagators = d.taintItems(f["pattern-propagators"], "pattern-propagators", "from", "to")
	if len(ts.sources) == 0 {
		d.errorf(rule, "taint rule needs pattern-sources")
	}
	if len(ts.sinks) == 0 {
		d.errorf(rule, "taint rule needs pattern-sinks")
	}
	for _, p := range ts.propagators {
		if p.from == "" || p.to == "" {
			d.errorf(p.node, "a propagator needs from: $X and to: $Y")
		}
	}
	return ts
}

func (d *decoder) taintItems(n *yaml.Node, what string, extra ...string) []taintItem {
	if n == nil {
		return nil
	}
	if n.Kind != yaml.SequenceNode {
		d.errorf(n, "%s must be a list", what)
		return nil
	}
	keys := append(append([]string{}, formulaKeys...), extra...)
	var out []taintItem
	for _, item := range n.Content {
		fs := d.fields(item, what+" item", keys...)
		ti := taintItem{node: item}
		nf := 0
		for _, k := range formulaKeys {
			if v := fs[k]; v != nil {
				nf++
				ti.f = d.formula(k, v)
			}
		}
		if v := fs["builtin"]; v != nil {
			ti.builtin = d.str(v, "builtin")
			if ti.builtin != BuiltinLambdaEvent {
				d.errorf(v, "unknown builtin source %q (known: %s)", ti.builtin, BuiltinLambdaEvent)
			}
			nf++
		}
		if v := fs["from"]; v != nil {
			ti.from = d.metavar(v, item)
		}
		if v := fs["to"]; v != nil {
			ti.to = d.metavar(v, item)
		}
		if nf != 1 {
			d.errorf(item, "each %s item needs exactly one of pattern, patterns, pattern-either%s", what,
				map[bool]string{true: " or builtin", false: ""}[what == "pattern-sources"])
			continue
		}
		out = append(out, ti)
	}
	return out
}

func (ts *taintSpec) formulas() []*formula {
	var out []*formula
	for _, list := range [][]taintItem{ts.sources, ts.sinks, ts.sanitizers, ts.propagators} {
		for _, it := range list {
			if it.f != nil {
				out = append(out, it.f)
			}
		}
	}
	return out
}
