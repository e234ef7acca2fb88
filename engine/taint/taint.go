// Package taint follows data from sources (the Lambda event, and what
// rules name as sources) to sinks (what rules name as dangerous arguments)
// over the shared IR of engine/ir, within functions and across functions
// and modules of one function package.
//
// Each function gets a summary — which parameters reach its return value,
// and which reach a sink inside it (directly or through its callees) — and
// summaries are recomputed until nothing changes or a round limit is hit,
// so a helper in db.py called from handler.py is analysed once, not once
// per caller. Costs are bounded (rounds, statement visits, labels per
// value, steps per path); when a bound cuts the analysis short the caller
// is told, so the report can say so.
package taint

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/lambdascan/lambdascan/engine/finding"
	"github.com/lambdascan/lambdascan/engine/ir"
	"github.com/lambdascan/lambdascan/engine/parse"
)

// Site is a place in a file a rule's pattern matched: a source, a
// sanitizer, or (SinkSite) a sink.
type Site struct {
	Start, End uint32
	// Desc describes it: a source's code ("request.args"), a sink's
	// callee ("cursor.execute").
	Desc string
}

// SinkSite is where tainted data must not arrive.
type SinkSite struct {
	Site
	// Whole is true when the sink is a whole call matched without
	// focus-metavariable (`os.system(...)`): tainted arguments count. A
	// focused sink counts the value of the focused expression itself.
	Whole bool
	// Message is the rule's message with the sink's metavariables filled
	// in; $SOURCE is replaced by the source's description.
	Message string
}

// Prop is a propagator match: when the code at At runs, taint flows from
// the expression at From into the variable or field at To.
type Prop struct {
	At, From, To [2]uint32
}

// Sites are one rule's pattern matches in one file.
type Sites struct {
	Sources     []Site
	Sanitizers  []Site
	Sinks       []SinkSite
	Propagators []Prop
}

// Unit is one lowered file with the matches of each taint rule (indexed
// like the rules given to Analyze).
type Unit struct {
	Mod   *ir.Module
	Sites []*Sites
}

// Rule is what the engine needs to know about a taint rule.
type Rule struct {
	ID string
	// Event says whether the Lambda handler's event is a source.
	Event bool
}

// Limits bound the cost of an analysis.
type Limits struct {
	MaxRounds int // summary recomputation rounds (default 8)
	MaxVisits int // statement visits per function analysis (default 20000)
	MaxLabels int // distinct sources kept per value (default 4)
	MaxSteps  int // steps kept per path (default 24)
}

func (l Limits) withDefaults() Limits {
	if l.MaxRounds <= 0 {
		l.MaxRounds = 8
	}
	if l.MaxVisits <= 0 {
		l.MaxVisits = 20000
	}
	if l.MaxLabels <= 0 {
		l.MaxLabels = 4
	}
	if l.MaxSteps <= 0 {
		l.MaxSteps = 24
	}
	return l
}

// Result is one flow from a source to a sink.
type Result struct {
	Rule    int // index in the rules given to Analyze
	Mod     *ir.Module
	Sink    SinkSite
	Source  string // "event['body']"
	Message string
	Flow    []finding.FlowStep
}

// Bound reports that a limit cut an analysis short.
type Bound struct {
	Mod     *ir.Module
	Func    string
	Message string
}

// step is one hop of a path.
type step struct {
	mod        *ir.Module
	start, end uint32
	note       string
}

// path is a list of steps shared between labels: extending a path adds
// one node, never copies.
type path struct {
	s    step
	prev *path
	n    int
}

func (p *path) len() int {
	if p == nil {
		return 0
	}
	return p.n
}

// list returns the steps first to last.
func (p *path) list() []step {
	out := make([]step, p.len())
	for i := len(out) - 1; p != nil; i, p = i-1, p.prev {
		out[i] = p.s
	}
	return out
}

// label is one piece of taint: from a real source (param < 0) or, while
// summarising a function, from its parameter param.
type label struct {
	param int
	desc  string // what the data is: "event['body']", "sql"
	root  bool   // desc is still the bare source (no access path yet)
	// ctx marks the Lambda context: only its caller-controlled parts
	// (client context, Cognito identity) become taint when read.
	ctx    bool
	origin step // where the source was read
	steps  *path
}

type taintSet []*label

// engine holds one rule's analysis over one input.
type engine struct {
	ctx    context.Context
	lim    Limits
	rule   Rule
	ri     int
	units  []*Unit
	funcs  map[string]*ir.Func
	sites  map[*ir.Module]*Sites
	sums   map[*ir.Func]*summary
	found  map[string]bool
	out    []Result
	bounds []Bound
	// at holds, per module, the rule's matches by range (nil: none).
	at map[*ir.Module]map[[2]uint32]*siteAt
	// callees are the package functions each function calls.
	callees map[*ir.Func][]*ir.Func
}

// siteAt is what a rule's matches say about one range of a module.
type siteAt struct {
	src   *Site
	san   bool
	props []Prop
	sink  *SinkSite
}

// summary is what callers need to know about a function.
type summary struct {
	retParams uint64   // parameters that reach the return value
	retLabels taintSet // real sources that reach it
	sinks     []sinkReach
}

// sinkReach says a parameter reaches a sink, with the path from it.
type sinkReach struct {
	param int
	mod   *ir.Module
	site  *SinkSite
	steps *path
}

func (s *summary) key() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%x|%d|", s.retParams, len(s.retLabels))
	for _, r := range s.sinks {
		fmt.Fprintf(&b, "%d:%s:%d,", r.param, r.mod.Path, r.site.Start)
	}
	return b.String()
}

// Analyze runs each taint rule over the units of one input and returns the
// flows found, in a deterministic order, and the bounds hit.
func Analyze(ctx context.Context, units []*Unit, rules []Rule, lim Limits) ([]Result, []Bound, error) {
	lim = lim.withDefaults()
	units = slices.Clone(units)
	slices.SortFunc(units, func(a, b *Unit) int { return strings.Compare(a.Mod.Path, b.Mod.Path) })
	funcs := map[string]*ir.Func{}
	for _, u := range units {
		for _, f := range u.Mod.Funcs {
			for _, n := range u.Mod.Names {
				key := f.Name
				if n != "" {
					key = n + "." + f.Name
				}
				if _, dup := funcs[key]; !dup {
					funcs[key] = f
				}
			}
		}
	}
	entries(units)
	var results []Result
	var bounds []Bound
	for ri, r := range rules {
		if err := ctx.Err(); err != nil {
			return nil, nil, err
		}
		e := &engine{ctx: ctx, lim: lim, rule: r, ri: ri, units: units, funcs: funcs,
			sites: map[*ir.Module]*Sites{}, sums: map[*ir.Func]*summary{}, found: map[string]bool{},
			at: map[*ir.Module]map[[2]uint32]*siteAt{}}
		any := false
		for _, u := range units {
			if ri >= len(u.Sites) || u.Sites[ri] == nil {
				continue
			}
			s := u.Sites[ri]
			e.sites[u.Mod] = s
			n := len(s.Sinks) + len(s.Sources) + len(s.Sanitizers) + len(s.Propagators)
			if n == 0 {
				continue
			}
			at := make(map[[2]uint32]*siteAt, n)
			get := func(start, end uint32) *siteAt {
				k := [2]uint32{start, end}
				a := at[k]
				if a == nil {
					a = &siteAt{}
					at[k] = a
				}
				return a
			}
			for i := range s.Sinks {
				get(s.Sinks[i].Start, s.Sinks[i].End).sink = &s.Sinks[i]
				any = true
			}
			for i := range s.Sources {
				get(s.Sources[i].Start, s.Sources[i].End).src = &s.Sources[i]
			}
			for i := range s.Sanitizers {
				get(s.Sanitizers[i].Start, s.Sanitizers[i].End).san = true
			}
			for _, p := range s.Propagators {
				a := get(p.At[0], p.At[1])
				a.props = append(a.props, p)
			}
			e.at[u.Mod] = at
		}
		if !any {
			continue // no sink anywhere: nothing to find
		}
		if err := e.run(); err != nil {
			return nil, nil, err
		}
		results = append(results, e.out...)
		bounds = append(bounds, e.bounds...)
	}
	return results, bounds, nil
}

// entries marks as handlers the entry-shaped functions of modules that no
// other module of the package imports and that have no handler found by
// name or by the handler setting: a package's entry points are the files
// nothing else uses.
func entries(units []*Unit) {
	byName := map[string][]*ir.Module{}
	for _, u := range units {
		for _, n := range u.Mod.Names {
			if n != "" {
				byName[n] = append(byName[n], u.Mod)
			}
		}
	}
	imported := map[*ir.Module]bool{}
	for _, u := range units {
		visit := func(x *ir.Expr) {
			if x.Kind != ir.Call || x.Callee == "" {
				return
			}
			// "lib/db.query" and "pkg.db.run" name modules by a prefix.
			for i := 0; i < len(x.Callee); i++ {
				if x.Callee[i] != '.' {
					continue
				}
				for _, m := range byName[x.Callee[:i]] {
					if m != u.Mod {
						imported[m] = true
					}
				}
			}
		}
		for _, f := range u.Mod.Funcs {
			for _, s := range f.Body {
				for _, t := range s.Targets {
					t.Walk(visit)
				}
				s.Value.Walk(visit)
			}
		}
	}
	for _, u := range units {
		if imported[u.Mod] {
			continue // a library module
		}
		// In a JavaScript module whose handler is already known, the
		// functions whose first parameter is named event are entry points
		// too: one file often exports several handlers (index.handler,
		// index.thumbnail).
		known := slices.ContainsFunc(u.Mod.Funcs, func(f *ir.Func) bool { return f.Handler })
		js := u.Mod.Lang.Family() == parse.JavaScript
		for _, f := range u.Mod.Funcs {
			if f.Entry && !f.Handler && len(f.Params) > 0 && (!known || js && eventName(f.Params[0])) {
				f.Handler, f.EventParam = true, 0
				if len(f.Params) > 1 {
					f.ContextParam = 1
				}
			}
		}
	}
}

// eventName says whether a parameter is named like a Lambda event.
func eventName(p string) bool {
	switch strings.ToLower(p) {
	case "event", "evt", "lambdaevent", "lambda_event":
		return true
	}
	return false
}

func (e *engine) allFuncs() []*ir.Func {
	var out []*ir.Func
	for _, u := range e.units {
		out = append(out, u.Mod.Funcs...)
	}
	return out
}

// order returns the functions callees first (post-order over the call
// graph), so that summaries mostly settle in one round.
func (e *engine) order() []*ir.Func {
	fs := e.allFuncs()
	seen := make(map[*ir.Func]bool, len(fs))
	out := make([]*ir.Func, 0, len(fs))
	e.callees = make(map[*ir.Func][]*ir.Func, len(fs))
	for _, f := range fs {
		var cs []*ir.Func
		for _, s := range f.Body {
			walk := func(x *ir.Expr) {
				if x.Kind == ir.Call {
					if g := e.lookup(x.Callee); g != nil && !slices.Contains(cs, g) {
						cs = append(cs, g)
					}
				}
			}
			for _, t := range s.Targets {
				t.Walk(walk)
			}
			s.Value.Walk(walk)
		}
		e.callees[f] = cs
	}
	var visit func(f *ir.Func, depth int)
	visit = func(f *ir.Func, depth int) {
		if seen[f] {
			return
		}
		seen[f] = true
		if depth < 200 {
			for _, s := range f.Body {
				walk := func(x *ir.Expr) {
					if x.Kind == ir.Call {
						if g := e.lookup(x.Callee); g != nil {
							visit(g, depth+1)
						}
					}
				}
				for _, t := range s.Targets {
					t.Walk(walk)
				}
				s.Value.Walk(walk)
			}
		}
		out = append(out, f)
	}
	for _, f := range fs {
		visit(f, 0)
	}
	return out
}

func (e *engine) run() error {
	fs := e.order()
	converged := false
	// A function's summary depends only on it and its callees' summaries:
	// it is analysed again only when one of them changed since.
	step := 0
	changedAt := make(map[*ir.Func]int, len(fs))
	doneAt := make(map[*ir.Func]int, len(fs))
	stale := func(f *ir.Func) bool {
		if _, ok := doneAt[f]; !ok {
			return true
		}
		for _, g := range e.callees[f] {
			if changedAt[g] >= doneAt[f] { // f read g before g (maybe f itself) changed
				return true
			}
		}
		return false
	}
	for round := 0; round < e.lim.MaxRounds; round++ {
		changed := false
		for _, f := range fs {
			if err := e.ctx.Err(); err != nil {
				return err
			}
			if !stale(f) {
				continue
			}
			step++
			s := e.analyze(f, false)
			old := e.sums[f]
			if old == nil || old.key() != s.key() {
				changed = true
				changedAt[f] = step
			}
			doneAt[f] = step
			e.sums[f] = s
		}
		if !changed {
			converged = true
			break
		}
	}
	if !converged {
		e.bounds = append(e.bounds, Bound{Mod: fs[0].Module, Message: fmt.Sprintf(
			"taint rule %s: function summaries did not settle within %d rounds; flows through deep or recursive call chains may be missed",
			e.rule.ID, e.lim.MaxRounds)})
	}
	for _, f := range fs {
		if err := e.ctx.Err(); err != nil {
			return err
		}
		if !e.mayReport(f) {
			// Nothing real can reach a sink in f; only say, as its
			// analysis would have, that it is too long to follow.
			if 2*len(f.Body) > e.lim.MaxVisits {
				e.bounds = append(e.bounds, e.visitBound(f))
			}
			continue
		}
		e.analyze(f, true)
	}
	return nil
}

// mayReport says whether data from a real source can be in f: from the
// handler's event or context, a request parameter, a source inside f or
// the return value of a function it calls. Only then can analysing f
// report a flow.
func (e *engine) mayReport(f *ir.Func) bool {
	if e.rule.Event && (f.Handler && (f.EventParam >= 0 && f.EventParam < len(f.Params) ||
		f.ContextParam >= 0 && f.ContextParam < len(f.Params)) || len(f.SourceParams) > 0) {
		return true
	}
	for _, g := range e.callees[f] {
		if s := e.sums[g]; s != nil && len(s.retLabels) > 0 {
			return true
		}
	}
	at := e.at[f.Module]
	if at == nil {
		return false
	}
	found := false
	visit := func(x *ir.Expr) {
		if !found {
			if a := at[[2]uint32{x.Start, x.End}]; a != nil && a.src != nil {
				found = true
			}
		}
	}
	for _, s := range f.Body {
		for _, t := range s.Targets {
			t.Walk(visit)
		}
		s.Value.Walk(visit)
		if found {
			return true
		}
	}
	return false
}

func (e *engine) visitBound(f *ir.Func) Bound {
	return Bound{Mod: f.Module, Func: f.Name, Message: fmt.Sprintf(
		"taint rule %s: analysis of %s stopped after %d statement visits; flows in it may be missed", e.rule.ID, f.Name, e.lim.MaxVisits)}
}

// fstate is the state of one function analysis.
type fstate struct {
	e      *engine
	f      *ir.Func
	mod    *ir.Module
	at     map[[2]uint32]*siteAt // the rule's matches in mod, or nil
	env    map[string]taintSet
	sum    *summary
	report bool
	visits int
	cut    bool
	// guards are the taints set aside by the open Guard statements.
	guards []guarded
}

// guarded is the taint of a variable set aside while a branch in which it
// passed an allow-list check is analysed.
type guarded struct {
	name  string
	taint taintSet
}

func (e *engine) analyze(f *ir.Func, report bool) *summary {
	st := &fstate{e: e, f: f, mod: f.Module, at: e.at[f.Module], env: map[string]taintSet{}, sum: &summary{}, report: report}
	for i, p := range f.Params {
		if i >= 64 {
			break
		}
		st.env[p] = taintSet{{param: i, desc: p, root: true, origin: step{mod: f.Module, start: f.Start, end: f.Start}}}
	}
	if f.Handler && e.rule.Event && f.EventParam >= 0 && f.EventParam < len(f.Params) {
		p := f.Params[f.EventParam]
		st.env[p] = append(st.env[p], &label{param: -1, desc: p, root: true,
			origin: step{mod: f.Module, start: f.Start, end: f.Start, note: "the handler's event parameter " + p}})
	}
	for _, i := range f.SourceParams {
		if e.rule.Event && i >= 0 && i < len(f.Params) {
			p := f.Params[i]
			st.env[p] = append(st.env[p], &label{param: -1, desc: p, root: true,
				origin: step{mod: f.Module, start: f.Start, end: f.Start, note: "request parameter " + p}})
		}
	}
	if f.Handler && e.rule.Event && f.ContextParam >= 0 && f.ContextParam < len(f.Params) {
		p := f.Params[f.ContextParam]
		st.env[p] = append(st.env[p], &label{param: -1, desc: p, root: true, ctx: true,
			origin: step{mod: f.Module, start: f.Start, end: f.Start}})
	}
	// Twice over the body, so taint assigned late in a loop reaches uses
	// early in it.
	for pass := 0; pass < 2 && !st.cut; pass++ {
		st.guards = st.guards[:0]
		for _, s := range f.Body {
			if st.visits++; st.visits > e.lim.MaxVisits {
				st.cut = true
				break
			}
			st.stmt(s)
		}
	}
	if st.cut && report {
		e.bounds = append(e.bounds, e.visitBound(f))
	}
	return st.sum
}

func (st *fstate) stmt(s *ir.Stmt) {
	switch s.Kind {
	case ir.Assign:
		v := st.eval(s.Value)
		for _, t := range s.Targets {
			// The parts of a target are evaluated too: a[key] = v may be a
			// sink on key (prototype pollution), obj.f(x).g = v calls f.
			if t.Recv != nil {
				st.eval(t.Recv)
			}
			for _, a := range t.Args {
				st.eval(a)
			}
			st.set(t, v, s.Cond, s)
		}
	case ir.Eval:
		st.eval(s.Value)
	case ir.Return:
		v := st.eval(s.Value)
		for _, l := range v {
			if l.param >= 0 {
				st.sum.retParams |= 1 << uint(l.param)
			} else {
				st.sum.retLabels = st.e.union(st.sum.retLabels, taintSet{l})
			}
		}
	case ir.Sanitize:
		if len(s.Targets) == 1 && s.Targets[0].Kind == ir.Var {
			delete(st.env, s.Targets[0].Name)
		}
	case ir.Guard:
		if len(s.Targets) == 1 && s.Targets[0].Kind == ir.Var {
			name := s.Targets[0].Name
			st.guards = append(st.guards, guarded{name: name, taint: st.env[name]})
			delete(st.env, name)
		}
	case ir.Unguard:
		if len(s.Targets) != 1 || s.Targets[0].Kind != ir.Var {
			break
		}
		name := s.Targets[0].Name
		for i := len(st.guards) - 1; i >= 0; i-- {
			if st.guards[i].name != name {
				continue
			}
			g := st.guards[i]
			st.guards = slices.Delete(st.guards, i, i+1)
			if !s.Exits {
				// The unchecked value reaches the code after the if
				// through the other branch.
				st.env[name] = st.e.union(st.env[name], g.taint)
			}
			break
		}
	}
}

// set assigns taint to a target.
func (st *fstate) set(t *ir.Expr, v taintSet, cond bool, s *ir.Stmt) {
	name := pathOf(t)
	if name == "" {
		// obj.method().x = v, a[b][c] = v: taint the innermost variable.
		for r := t; r != nil; r = r.Recv {
			if r.Kind == ir.Var {
				name = r.Name
			}
		}
		if name == "" {
			return
		}
		cond = true
	}
	if len(v) > 0 {
		v = st.e.extend(v, step{mod: st.mod, start: s.Start, end: s.End, note: "assigned to " + name})
	}
	if t.Kind != ir.Var {
		// A field or element: the container holds the taint too.
		base := name
		if i := strings.IndexAny(base, ".["); i > 0 {
			base = base[:i]
		}
		st.env[base] = st.e.union(st.env[base], v)
		st.env[name] = st.e.union(st.env[name], v)
		return
	}
	if cond {
		st.env[name] = st.e.union(st.env[name], v)
	} else {
		st.env[name] = v
	}
}

// pathOf names a variable or a constant access path ("x", "self.db",
// "d[k]"), or "".
func pathOf(e *ir.Expr) string {
	switch e.Kind {
	case ir.Var:
		return e.Name
	case ir.Attr:
		if b := pathOf(e.Recv); b != "" {
			return b + "." + e.Name
		}
	case ir.Index:
		if b := pathOf(e.Recv); b != "" && e.Name != "" {
			return b + "[" + e.Name + "]"
		}
	}
	return ""
}

// eval computes the taint of an expression and checks sinks inside it.
func (st *fstate) eval(x *ir.Expr) taintSet {
	if x == nil {
		return nil
	}
	e := st.e
	key := [2]uint32{x.Start, x.End}
	var out taintSet
	switch x.Kind {
	case ir.Var:
		out = st.env[x.Name]
	case ir.Attr, ir.Index:
		base := st.eval(x.Recv)
		for _, a := range x.Args {
			st.eval(a)
		}
		acc := ""
		switch {
		case x.Kind == ir.Attr:
			acc = "." + x.Name
		case x.Name != "":
			acc = "[" + quoteKey(x.Name) + "]"
		default:
			acc = "[…]"
		}
		out = e.access(base, acc, st.mod, x)
		if p := pathOf(x); p != "" {
			out = e.union(out, st.env[p])
		}
	case ir.Op:
		if x.Recv != nil {
			st.eval(x.Recv) // a conditional's test: sinks in it count, its taint does not
		}
		for _, a := range x.Args {
			out = e.union(out, st.eval(a))
		}
	case ir.Call:
		out = st.call(x)
	}
	if st.at == nil {
		return out
	}
	a := st.at[key]
	if a == nil {
		return out
	}
	if src := a.src; src != nil {
		out = e.union(out, taintSet{{param: -1, desc: src.Desc, origin: step{mod: st.mod, start: x.Start, end: x.End,
			note: "source: " + src.Desc}}})
	}
	if a.san {
		out = nil
	}
	for _, p := range a.props {
		st.propagate(x, p)
	}
	if sk := a.sink; sk != nil {
		in := out
		if x.Kind == ir.Call && sk.Whole {
			in = nil
			if x.Recv != nil {
				in = st.eval(x.Recv)
			}
			for _, a := range x.Args {
				in = e.union(in, st.eval(a))
			}
		}
		st.sink(sk, in)
	}
	return out
}

func quoteKey(k string) string {
	if k == "" {
		return k
	}
	if k[0] >= '0' && k[0] <= '9' {
		return k
	}
	return "'" + k + "'"
}

// propagate applies a rule's propagator at x: the taint of the expression
// at p.From flows into the variable or field at p.To.
func (st *fstate) propagate(x *ir.Expr, p Prop) {
	var from, to *ir.Expr
	x.Walk(func(y *ir.Expr) {
		r := [2]uint32{y.Start, y.End}
		if from == nil && r == p.From {
			from = y
		}
		if to == nil && r == p.To && pathOf(y) != "" {
			to = y
		}
	})
	if from == nil || to == nil {
		return
	}
	v := st.eval(from)
	if len(v) == 0 {
		return
	}
	name := pathOf(to)
	st.env[name] = st.e.union(st.env[name], st.e.extend(v, step{mod: st.mod, start: x.Start, end: x.End, note: "flows into " + name}))
}

// sink records taint arriving at a sink: a finding for real sources, a
// summary entry for parameters.
func (st *fstate) sink(sk *SinkSite, in taintSet) {
	for _, l := range in {
		if l.ctx {
			continue
		}
		if l.param >= 0 {
			st.addReach(sinkReach{param: l.param, mod: st.mod, site: sk, steps: l.steps})
			continue
		}
		if st.report {
			st.e.report(l, st.mod, sk)
		}
	}
}

func (st *fstate) addReach(r sinkReach) {
	for _, o := range st.sum.sinks {
		if o.param == r.param && o.site == r.site {
			return
		}
	}
	st.sum.sinks = append(st.sum.sinks, r)
}

// call evaluates a call: through a summary when the callee is a function
// of the package, through the built-in propagation rules otherwise.
func (st *fstate) call(x *ir.Expr) taintSet {
	e := st.e
	var recv taintSet
	if x.Recv != nil {
		recv = st.eval(x.Recv)
	}
	args := make([]taintSet, len(x.Args))
	var all taintSet
	for i, a := range x.Args {
		args[i] = st.eval(a)
		all = e.union(all, args[i])
	}
	if f := e.lookup(x.Callee); f != nil {
		sum := e.sums[f]
		if sum == nil {
			return nil
		}
		// Map arguments to parameters: a method called on an object
		// receives it as its first parameter.
		argFor := func(p int) taintSet {
			i := p
			if f.Method {
				if p == 0 {
					return recv
				}
				i = p - 1
			}
			if i < len(args) {
				return args[i]
			}
			return nil
		}
		callStep := step{mod: st.mod, start: x.Start, end: x.End, note: "passed to " + f.Name}
		for _, r := range sum.sinks {
			in := argFor(r.param)
			for _, l := range in {
				nl := e.extend(taintSet{l}, callStep)[0]
				nl = e.appendSteps(nl, r.steps)
				if nl.param >= 0 {
					st.addReach(sinkReach{param: nl.param, mod: r.mod, site: r.site, steps: nl.steps})
				} else if st.report {
					e.report(nl, r.mod, r.site)
				}
			}
		}
		var out taintSet
		for p := 0; p < 64; p++ {
			if sum.retParams&(1<<uint(p)) != 0 {
				out = e.union(out, e.extend(argFor(p), step{mod: st.mod, start: x.Start, end: x.End, note: "returned by " + f.Name}))
			}
		}
		return e.union(out, sum.retLabels)
	}
	name := x.Name
	if propagatesAll(x.Callee, name, x.Recv != nil) {
		out := e.union(recv, all)
		if x.Recv != nil && mutates(name) {
			// sb.append(x), list.append(x), params.put(k, x): the
			// receiver holds the data now.
			if p := rootVar(x.Recv); p != "" && len(all) > 0 {
				st.env[p] = e.union(st.env[p], e.extend(all, step{mod: st.mod, start: x.Start, end: x.End, note: "added to " + p}))
			}
		}
		return e.access(out, "", st.mod, x)
	}
	var out taintSet
	if x.Recv != nil && len(recv) > 0 {
		// Other methods of tainted objects return tainted data
		// (body.get("id"), request.getName(), s.strip()).
		out = e.access(recv, "."+name+"()", st.mod, x)
	}
	if x.Static && len(all) > 0 && !cleanResult(x.Callee, name, x.Recv != nil) && !st.sinkArgs(x) {
		// A function or static method the package does not define and
		// nothing says is safe (FilenameUtils.getName(key), helpers of
		// libraries): its result is taken to carry its arguments' data.
		// Methods of untainted instances (clients, builders, parsers) are
		// not: what they return is theirs.
		out = e.union(out, e.access(all, "", st.mod, x))
	}
	return out
}

// sinkArgs says whether a call or one of its arguments is a sink of the
// rule (compile(code) in exec(compile(code))): the flow is reported
// there, not again where the call's result goes.
func (st *fstate) sinkArgs(x *ir.Expr) bool {
	if st.at == nil {
		return false
	}
	if s := st.at[[2]uint32{x.Start, x.End}]; s != nil && s.sink != nil {
		return true
	}
	for _, a := range x.Args {
		if s := st.at[[2]uint32{a.Start, a.End}]; s != nil && s.sink != nil {
			return true
		}
	}
	return false
}

func rootVar(x *ir.Expr) string {
	for r := x; r != nil; r = r.Recv {
		if r.Kind == ir.Var {
			return r.Name
		}
		if r.Kind == ir.Call {
			return ""
		}
	}
	return ""
}

// lookup finds a package function by its resolved name.
func (e *engine) lookup(callee string) *ir.Func {
	if callee == "" {
		return nil
	}
	return e.funcs[callee]
}

// access extends the description of root labels by an access path, so the
// message says event['body'] rather than event, and records where the
// source was read.
func (e *engine) access(ts taintSet, acc string, mod *ir.Module, x *ir.Expr) taintSet {
	if len(ts) == 0 {
		return nil
	}
	out := make(taintSet, 0, len(ts))
	for _, l := range ts {
		if l.ctx {
			if !callerContext(acc) {
				continue // context.function_name, context.awsRequestId...
			}
			nl := *l
			nl.ctx = false
			nl.desc = l.desc + acc
			nl.origin = step{mod: mod, start: x.Start, end: x.End, note: nl.desc + " is read"}
			out = append(out, &nl)
			continue
		}
		if !l.root || acc == "" {
			out = append(out, l)
			continue
		}
		nl := *l
		nl.desc = l.desc + acc
		if strings.Count(nl.desc, "[")+strings.Count(nl.desc, ".") >= 4 {
			nl.root = false
		}
		nl.origin = step{mod: mod, start: x.Start, end: x.End, note: nl.desc + " is read"}
		if l.param >= 0 {
			nl.origin.note = ""
		}
		out = append(out, &nl)
	}
	return out
}

// callerContext says whether an access on the Lambda context reads data
// the caller controls.
func callerContext(acc string) bool {
	switch strings.Trim(acc, ".()") {
	case "client_context", "clientContext", "getClientContext", "identity", "getIdentity":
		return true
	}
	return false
}

// extend adds a step to every label, ending the access path.
func (e *engine) extend(ts taintSet, s step) taintSet {
	out := make(taintSet, 0, len(ts))
	for _, l := range ts {
		if l.ctx {
			continue // the context itself carries no caller data
		}
		nl := *l
		nl.root = false
		nl.steps = e.push(l.steps, s)
		out = append(out, &nl)
	}
	return out
}

func (e *engine) appendSteps(l *label, steps *path) *label {
	nl := *l
	for _, s := range steps.list() {
		nl.steps = e.push(nl.steps, s)
	}
	return &nl
}

// push adds a step to a path unless the path is already MaxSteps long
// (then the path keeps its first steps; the sink is always added).
func (e *engine) push(p *path, s step) *path {
	if p.len() >= e.lim.MaxSteps {
		return p
	}
	return &path{s: s, prev: p, n: p.len() + 1}
}

// union merges taint sets, keeping at most MaxLabels distinct sources.
func (e *engine) union(a, b taintSet) taintSet {
	if len(b) == 0 {
		return a
	}
	if len(a) == 0 {
		return b
	}
	out := slices.Clone(a)
	for _, l := range b {
		dup := false
		for _, o := range out {
			if o.param == l.param && o.desc == l.desc && o.origin.start == l.origin.start && o.origin.mod == l.origin.mod {
				dup = true
				break
			}
		}
		if !dup && len(out) < e.lim.MaxLabels {
			out = append(out, l)
		}
	}
	return out
}

// report records a finding for a real source reaching a sink, once per
// rule and sink.
func (e *engine) report(l *label, mod *ir.Module, sk *SinkSite) {
	key := fmt.Sprintf("%s\x00%d\x00%d", mod.Path, sk.Start, sk.End)
	if e.found[key] {
		return
	}
	e.found[key] = true
	var flow []finding.FlowStep
	add := func(s step, note string) {
		if s.mod == nil {
			return
		}
		a, b := s.mod.Position(s.start), s.mod.Position(s.end)
		flow = append(flow, finding.FlowStep{Location: finding.Location{Input: s.mod.Input, Path: s.mod.Path,
			StartLine: a.Line, StartColumn: a.Column, EndLine: b.Line, EndColumn: b.Column}, Note: note})
	}
	note := l.origin.note
	if note == "" {
		note = l.desc + " is read"
	}
	add(l.origin, note)
	for _, s := range l.steps.list() {
		add(s, s.note)
	}
	add(step{mod: mod, start: sk.Start, end: sk.End}, l.desc+" reaches "+sk.Desc)
	msg := strings.ReplaceAll(sk.Message, "$SOURCE", l.desc)
	msg = strings.ReplaceAll(msg, "$SINK", sk.Desc)
	e.out = append(e.out, Result{Rule: e.ri, Mod: mod, Sink: *sk, Source: l.desc, Message: msg, Flow: flow})
}
