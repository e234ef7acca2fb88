package rules

import (
	"strings"
	"sync"

	"github.com/lambdascan/lambdascan/engine/finding"
	"github.com/lambdascan/lambdascan/engine/ir"
	"github.com/lambdascan/lambdascan/engine/pattern"
	"github.com/lambdascan/lambdascan/fixes"
)

// searchFixes returns the fixes of a search rule's match: the rule's fix
// function's when it has one and it accepts the code's shape, else the
// fix template's.
func searchFixes(r *Rule, t *pattern.Tree, m pattern.Match) []finding.Fix {
	if r.FixFunc != "" {
		site := &fixes.Site{RuleID: r.Meta.ID, Lang: t.Lang, Src: t.Src, Start: int(m.Start), End: int(m.End)}
		for _, b := range m.Binds {
			site.Binds = append(site.Binds, fixes.Bind{Name: b.Name, Start: int(b.Start), End: int(b.End)})
		}
		if fx := fixes.Call(r.FixFunc, site); fx != nil {
			return []finding.Fix{*fx}
		}
	}
	if !r.HasFix {
		return nil
	}
	text, ok := fixText(r.Fix, t, m.Binds)
	if !ok {
		return nil // the template needs code this match did not bind
	}
	start, end := t.Pos(m.Start), t.Pos(m.End)
	return []finding.Fix{{
		Description: "Apply the fix of " + r.Meta.ID,
		Edits: []finding.Edit{{Start: int(m.Start), End: int(m.End),
			StartLine: start.Line, StartColumn: start.Column, EndLine: end.Line, EndColumn: end.Column,
			New: text}},
	}}
}

// fixText fills a fix template with the code the match bound. An unbound
// $...ARGS is an empty run; any other unbound metavariable means the match
// cannot be fixed by this template (ok false), rather than writing "$X"
// into the code.
func fixText(tmpl string, t *pattern.Tree, bs []pattern.Binding) (string, bool) {
	ok := true
	text := mvRefRe.ReplaceAllStringFunc(tmpl, func(ref string) string {
		name := strings.TrimPrefix(strings.TrimPrefix(ref, "$"), "...")
		for _, b := range bs {
			if b.Name == name {
				return string(t.Src[b.Start:b.End])
			}
		}
		if !strings.HasPrefix(ref, "$...") {
			ok = false
		}
		return ""
	})
	return text, ok
}

// fixSources keeps the source of lowered files whose family has taint
// rules with fix functions, until the scope's taint findings are made.
type fixSources struct {
	mu  sync.Mutex
	src map[*ir.Module][]byte
}

// keepSource remembers a lowered file's source when a taint rule of its
// family has a fix function.
func (s *Set) keepSource(mod *ir.Module, t *pattern.Tree) {
	fam := s.fams[t.Lang.Family()]
	if fam == nil {
		return
	}
	for _, r := range fam.taint {
		if r.FixFunc != "" {
			s.fixSrc.mu.Lock()
			if s.fixSrc.src == nil {
				s.fixSrc.src = map[*ir.Module][]byte{}
			}
			s.fixSrc.src[mod] = t.Src
			s.fixSrc.mu.Unlock()
			return
		}
	}
}

// taintFixes returns the fix of a taint finding at a sink of mod.
func (s *Set) taintFixes(r *Rule, mod *ir.Module, start, end uint32) []finding.Fix {
	if r.FixFunc == "" {
		return nil
	}
	s.fixSrc.mu.Lock()
	src := s.fixSrc.src[mod]
	s.fixSrc.mu.Unlock()
	if src == nil {
		return nil
	}
	fx := fixes.Call(r.FixFunc, &fixes.Site{RuleID: r.Meta.ID, Lang: mod.Lang, Src: src, Start: int(start), End: int(end)})
	if fx == nil {
		return nil
	}
	for i := range fx.Edits {
		fx.Edits[i].Path = mod.Path
	}
	return []finding.Fix{*fx}
}

// dropSources forgets the sources of modules whose findings are made.
func (s *Set) dropSources(mods []*ir.Module) {
	s.fixSrc.mu.Lock()
	defer s.fixSrc.mu.Unlock()
	for _, m := range mods {
		delete(s.fixSrc.src, m)
	}
}
