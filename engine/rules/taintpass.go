package rules

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/lambdascan/lambdascan/analyzers/java"
	"github.com/lambdascan/lambdascan/analyzers/javascript"
	"github.com/lambdascan/lambdascan/analyzers/python"
	"github.com/lambdascan/lambdascan/engine/finding"
	"github.com/lambdascan/lambdascan/engine/input"
	"github.com/lambdascan/lambdascan/engine/ir"
	"github.com/lambdascan/lambdascan/engine/parse"
	"github.com/lambdascan/lambdascan/engine/pattern"
	"github.com/lambdascan/lambdascan/engine/scan"
	"github.com/lambdascan/lambdascan/engine/taint"
)

// taintRules returns the set's taint rules in a fixed order; a unit's
// Sites are indexed the same way.
func (s *Set) taintRules() []*Rule {
	var out []*Rule
	for _, r := range s.rules {
		if r.taint != nil {
			out = append(out, r)
		}
	}
	return out
}

func (s *Set) taintIndex() map[*Rule]int {
	m := map[*Rule]int{}
	for i, r := range s.taintRules() {
		m[r] = i
	}
	return m
}

// taintSites evaluates the sources, sanitizers and sinks of the family's
// taint rules over one file's pattern matches.
func (s *Set) taintSites(fam *family, ev *evaluator, t *pattern.Tree, im *pattern.Imports) []*taint.Sites {
	if len(fam.taint) == 0 {
		return nil
	}
	idx := s.taintIndex()
	out := make([]*taint.Sites, len(idx))
	for _, r := range fam.taint {
		ts := &taint.Sites{}
		for _, it := range r.taint.sources {
			if it.f == nil {
				continue
			}
			for _, m := range ev.eval(it.f) {
				ts.Sources = append(ts.Sources, taint.Site{Start: m.Start, End: m.End, Desc: shortText(t, m.Start, m.End)})
			}
		}
		for _, it := range r.taint.sanitizers {
			for _, m := range ev.eval(it.f) {
				ts.Sanitizers = append(ts.Sanitizers, taint.Site{Start: m.Start, End: m.End})
			}
		}
		for _, it := range r.taint.propagators {
			for _, m := range ev.eval(it.f) {
				from, ok1 := m.Lookup(it.from)
				to, ok2 := m.Lookup(it.to)
				if ok1 && ok2 {
					ts.Propagators = append(ts.Propagators, taint.Prop{At: [2]uint32{m.Start, m.End},
						From: [2]uint32{from.Start, from.End}, To: [2]uint32{to.Start, to.End}})
				}
			}
		}
		for _, it := range r.taint.sinks {
			whole := !it.f.hasFocus()
			for _, m := range ev.eval(it.f) {
				ts.Sinks = append(ts.Sinks, taint.SinkSite{
					Whole:   whole,
					Site:    taint.Site{Start: m.Start, End: m.End, Desc: sinkName(t, m, im)},
					Message: interpolate(r.Message, t, m.Binds),
				})
			}
		}
		out[idx[r]] = ts
	}
	return out
}

// shortText is code on one line, shortened for messages.
func shortText(t *pattern.Tree, start, end uint32) string {
	s := strings.Join(strings.Fields(string(t.Src[start:end])), " ")
	if r := []rune(s); len(r) > 60 {
		s = string(r[:57]) + "..."
	}
	return s
}

// sinkName names the call a sink argument is passed to ("cursor.execute").
func sinkName(t *pattern.Tree, m pattern.Match, im *pattern.Imports) string {
	id := m.Node
	for n := id; n != pattern.None; n = t.Nodes[n].Parent {
		if t.IsCall(n) {
			if name := t.CalleeName(n); name != "" {
				if rs := im.Resolve(name); len(rs) > 0 && im.Alias[strings.Split(name, ".")[0]] != "" {
					return rs[0] // sp.run -> subprocess.run
				}
				return name
			}
			text := t.Text(n)
			if i := strings.IndexByte(text, '('); i > 0 {
				text = text[:i]
			}
			return shortText(t, t.Nodes[n].Start, t.Nodes[n].Start+uint32(len(text)))
		}
		if t.Type(n) == "block" || t.Type(n) == "statement_block" {
			break
		}
	}
	return shortText(t, m.Start, m.End)
}

// lower lowers a file to the IR with its language front end.
func lower(t *pattern.Tree, im *pattern.Imports, path, handler string) *ir.Module {
	mod := &ir.Module{Path: path, Lang: t.Lang}
	switch t.Lang.Family() {
	case parse.Python:
		python.Lower(t, im, mod, handler)
	case parse.JavaScript:
		javascript.Lower(t, javascript.ResolveRelative(im, path), mod, handler)
	case parse.Java:
		java.Lower(t, im, mod, handler)
	}
	mod.SetSource(t.Src)
	return mod
}

// scopeKey names the files taint follows flows across: one scope
// (walk.File.Scope, a function package) of one input.
type scopeKey struct {
	input, scope string
}

// taintState collects lowered files per scope until the scope is
// finished.
type taintState struct {
	mu    sync.Mutex
	units map[scopeKey][]*taint.Unit
}

func (ts *taintState) add(k scopeKey, u *taint.Unit) {
	ts.mu.Lock()
	defer ts.mu.Unlock()
	if ts.units == nil {
		ts.units = map[scopeKey][]*taint.Unit{}
	}
	ts.units[k] = append(ts.units[k], u)
}

// take removes and returns the units of one scope.
func (ts *taintState) take(k scopeKey) []*taint.Unit {
	ts.mu.Lock()
	defer ts.mu.Unlock()
	us := ts.units[k]
	delete(ts.units, k)
	return us
}

// FinishScope implements scan.ScopeFinisher: it follows taint across the
// files of one scope as soon as they are all lowered, and frees them.
func (p *Pass) FinishScope(ctx context.Context, in *input.Input, scope string, r *scan.Results) (err error) {
	defer func() {
		if v := recover(); v != nil {
			err = fmt.Errorf("taint analysis: internal error (please report): %v", v)
		}
	}()
	units := p.taint.take(scopeKey{in.Name, scope})
	if len(units) == 0 {
		return nil
	}
	return p.finishUnits(ctx, in.Name, units, r)
}

func (p *Pass) finishUnits(ctx context.Context, input string, units []*taint.Unit, r *scan.Results) error {
	fs, notes, err := p.set.analyzeTaint(ctx, map[string][]*taint.Unit{input: units}, p.opts.Limits)
	if err != nil {
		return err
	}
	r.Add(fs...)
	for _, n := range notes {
		r.AddNotification(n)
	}
	return nil
}

// Finish implements scan.Finisher: it follows taint across the files and
// functions of each scope not finished yet, scopes in parallel, and
// reports the flows found.
func (p *Pass) Finish(ctx context.Context, r *scan.Results) (err error) {
	p.taint.mu.Lock()
	units := p.taint.units
	p.taint.units = nil
	p.taint.mu.Unlock()
	keys := make([]scopeKey, 0, len(units))
	for k := range units {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b scopeKey) int {
		return cmp.Or(strings.Compare(a.input, b.input), strings.Compare(a.scope, b.scope))
	})
	errs := make([]error, len(keys))
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	var wg sync.WaitGroup
	for i, k := range keys {
		sem <- struct{}{}
		wg.Add(1)
		go func() {
			defer func() {
				if v := recover(); v != nil {
					errs[i] = fmt.Errorf("taint analysis: internal error (please report): %v", v)
				}
				<-sem
				wg.Done()
			}()
			errs[i] = p.finishUnits(ctx, k.input, units[k], r)
		}()
	}
	wg.Wait()
	return errors.Join(errs...)
}

// analyzeTaint runs the taint rules over lowered files, per input.
func (s *Set) analyzeTaint(ctx context.Context, units map[string][]*taint.Unit, lim taint.Limits) ([]finding.Finding, []finding.Notification, error) {
	trs := s.taintRules()
	if len(trs) == 0 || len(units) == 0 {
		return nil, nil, nil
	}
	specs := make([]taint.Rule, len(trs))
	for i, r := range trs {
		for _, src := range r.taint.sources {
			if src.builtin == BuiltinLambdaEvent {
				specs[i].Event = true
			}
		}
		specs[i].ID = r.Meta.ID
	}
	inputs := make([]string, 0, len(units))
	for k := range units {
		inputs = append(inputs, k)
	}
	slices.Sort(inputs)
	var out []finding.Finding
	var notes []finding.Notification
	for _, in := range inputs {
		res, bounds, err := taint.Analyze(ctx, units[in], specs, lim)
		if err != nil {
			return nil, nil, err
		}
		for _, b := range bounds {
			notes = append(notes, finding.Notification{Level: finding.LevelWarning, Code: "taint-bound",
				Message: b.Message, Input: b.Mod.Input, Path: b.Mod.Path})
		}
		for _, res := range res {
			r := trs[res.Rule]
			a, b := res.Mod.Position(res.Sink.Start), res.Mod.Position(res.Sink.End)
			out = append(out, finding.Finding{
				Rule: r.Meta, RuleID: r.Meta.ID, Kind: finding.KindCode,
				Message:  res.Message,
				Severity: r.Meta.Severity, Confidence: r.Meta.Confidence,
				Location: finding.Location{Input: res.Mod.Input, Path: res.Mod.Path,
					StartLine: a.Line, StartColumn: a.Column, EndLine: b.Line, EndColumn: b.Column},
				Flow:     res.Flow,
				Function: res.Mod.Function,
				Layer:    res.Mod.Layer,
				Fixes:    s.taintFixes(r, res.Mod, res.Sink.Start, res.Sink.End),
			})
		}
	}
	for _, us := range units {
		for _, u := range us {
			s.dropSources([]*ir.Module{u.Mod})
		}
	}
	return out, notes, nil
}

var _ scan.ScopeFinisher = (*Pass)(nil)
