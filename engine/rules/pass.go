package rules

import (
	"context"
	"fmt"
	"regexp"
	"strings"

	"github.com/lambdascan/lambdascan/analyzers/java"
	"github.com/lambdascan/lambdascan/analyzers/javascript"
	"github.com/lambdascan/lambdascan/analyzers/python"
	"github.com/lambdascan/lambdascan/engine/finding"
	"github.com/lambdascan/lambdascan/engine/parse"
	"github.com/lambdascan/lambdascan/engine/pattern"
	"github.com/lambdascan/lambdascan/engine/scan"
	"github.com/lambdascan/lambdascan/engine/taint"
)

// PassOptions tune the code pass.
type PassOptions struct {
	// Handler is the function's handler setting ("app.main",
	// "index.handler", "com.x.Handler::handleRequest"), when known; it
	// names the taint source's handler in addition to those detected.
	Handler string
	// Limits bound the taint analysis (zero: defaults).
	Limits taint.Limits
}

// Pass is the "code" scan pass: it runs every rule of a file's language
// over the file's tree in one walk.
type Pass struct {
	set   *Set
	opts  PassOptions
	taint taintState
}

// NewPass returns the code pass for a rule set.
func NewPass(set *Set, opts PassOptions) *Pass {
	return &Pass{set: set, opts: opts}
}

// Name implements scan.Pass.
func (p *Pass) Name() string { return "code" }

// Wants implements scan.Pass: first-party source files of a language that
// has rules.
func (p *Pass) Wants(f *scan.File) bool {
	if f.Class != finding.ClassFirstParty || f.Lang == parse.None {
		return false
	}
	_, ok := p.set.fams[f.Lang.Family()]
	return ok
}

// Rules implements scan.RuleSource.
func (p *Pass) Rules() []*finding.Rule { return p.set.Meta() }

// Run implements scan.Pass.
func (p *Pass) Run(ctx context.Context, u *scan.Unit) error {
	tr, err := u.Tree()
	if err != nil {
		return fmt.Errorf("parse: %w", err)
	}
	ft := pattern.Flatten(tr)
	im := ImportsOf(ft)
	fs, _, sites, err := p.set.check(ctx, ft, im)
	if err != nil {
		return err
	}
	if sites != nil {
		mod := lower(ft, im, u.File.Path, p.opts.Handler)
		mod.Input, mod.Function = u.File.Input.Name, u.File.Input.Function
		if u.File.Input.Layer {
			mod.Layer = u.File.Input.LayerName()
		}
		p.set.keepSource(mod, ft)
		p.taint.add(scopeKey{u.File.Input.Name, u.File.Scope}, &taint.Unit{Mod: mod, Sites: sites})
	}
	for _, f := range fs {
		for i := range f.Fixes {
			for j := range f.Fixes[i].Edits {
				f.Fixes[i].Edits[j].Path = u.File.Path
			}
		}
		u.Report(f)
	}
	return nil
}

// ImportsOf resolves a flat tree's imports with its language front end.
func ImportsOf(t *pattern.Tree) *pattern.Imports {
	switch t.Lang.Family() {
	case parse.Python:
		return python.Imports(t)
	case parse.JavaScript:
		return javascript.Imports(t)
	case parse.Java:
		return java.Imports(t)
	}
	return &pattern.Imports{}
}

// Check runs the set's search rules over one file and returns findings
// with Location (path left empty), Rule, Message, Severity and Confidence
// filled, in document order.
func (s *Set) Check(ctx context.Context, t *pattern.Tree) ([]finding.Finding, error) {
	out, _, _, err := s.check(ctx, t, ImportsOf(t))
	return out, err
}

// ruleMatch is one match of a search rule, kept for fixes and tests.
type ruleMatch struct {
	rule *Rule
	m    pattern.Match
}

// check matches the set's rules for t's language, with t's imports im (from
// ImportsOf, shared with the lowering so a file's imports are resolved once).
func (s *Set) check(ctx context.Context, t *pattern.Tree, im *pattern.Imports) ([]finding.Finding, []ruleMatch, []*taint.Sites, error) {
	fam := s.fams[t.Lang.Family()]
	if fam == nil {
		return nil, nil, nil, nil
	}
	res, err := fam.pats.Match(ctx, t, im)
	if err != nil {
		return nil, nil, nil, err
	}
	ev := &evaluator{lang: fam.lang, t: t, res: res, index: fam.index, im: im}
	var out []finding.Finding
	var rms []ruleMatch
	for _, r := range fam.search {
		seen := map[[2]uint32]bool{}
		for _, m := range ev.eval(r.search) {
			if k := [2]uint32{m.Start, m.End}; seen[k] {
				continue // one finding per place, however many ways it matched
			} else {
				seen[k] = true
			}
			out = append(out, s.finding(r, t, m))
			rms = append(rms, ruleMatch{rule: r, m: m})
		}
	}
	return out, rms, s.taintSites(fam, ev, t, im), nil
}

func (s *Set) finding(r *Rule, t *pattern.Tree, m pattern.Match) finding.Finding {
	start, end := t.Pos(m.Start), t.Pos(m.End)
	return finding.Finding{
		Fixes:      searchFixes(r, t, m),
		Rule:       r.Meta,
		RuleID:     r.Meta.ID,
		Kind:       finding.KindCode,
		Message:    interpolate(r.Message, t, m.Binds),
		Severity:   r.Meta.Severity,
		Confidence: r.Meta.Confidence,
		Location: finding.Location{StartLine: start.Line, StartColumn: start.Column,
			EndLine: end.Line, EndColumn: end.Column},
	}
}

var mvRefRe = regexp.MustCompile(`\$(\.\.\.)?[A-Z_][A-Z0-9_]*`)

// interpolate replaces $X in a message with the code $X bound, put on one
// line and shortened (fix templates use fixText).
func interpolate(tmpl string, t *pattern.Tree, bs []pattern.Binding) string {
	return mvRefRe.ReplaceAllStringFunc(tmpl, func(ref string) string {
		name := strings.TrimPrefix(strings.TrimPrefix(ref, "$"), "...")
		for _, b := range bs {
			if b.Name == name {
				text := strings.Join(strings.Fields(string(t.Src[b.Start:b.End])), " ")
				if r := []rune(text); len(r) > 60 {
					text = string(r[:57]) + "..."
				}
				return text
			}
		}
		return ref
	})
}
