package rules

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/lambdascan/lambdascan/engine/finding"
	"github.com/lambdascan/lambdascan/engine/parse"
	"github.com/lambdascan/lambdascan/engine/pattern"
	rulepack "github.com/lambdascan/lambdascan/rules"
)

// Rule is one loaded, compiled rule.
type Rule struct {
	// Meta is the rule's metadata, shared by all its findings.
	Meta *finding.Rule
	// Message is the finding message; $X is replaced by what $X matched.
	Message string
	// Fix is a replacement for the matched code ($X substituted); HasFix
	// says whether the rule has one (an empty fix deletes the match).
	Fix    string
	HasFix bool
	// FixFunc names a fix function of package fixes (`fix-function:`),
	// tried before the template; empty when the rule has none.
	FixFunc string
	// Mode is "search" or "taint".
	Mode string
	// Languages are the rule families the rule applies to.
	Languages []parse.Language
	// File is the rule file's path in the file system it was loaded from
	// (prefixed with the file system's label for user folders), Line the
	// rule's line in it.
	File string
	Line int

	fsys   fs.FS
	path   string // path within fsys
	search *formula
	taint  *taintSpec
}

// ID returns the rule id.
func (r *Rule) ID() string { return r.Meta.ID }

// Patterns returns the pattern texts of the rule, for `rules explain`.
func (r *Rule) Patterns() []string {
	var out []string
	add := func(f *formula) { f.leaves(func(l *formula) { out = append(out, l.src) }) }
	if r.search != nil {
		add(r.search)
	}
	if r.taint != nil {
		for _, f := range r.taint.formulas() {
			add(f)
		}
	}
	return out
}

// Matcher renders the rule's matcher as YAML, for `rules explain`.
func (r *Rule) Matcher() string {
	data, err := fs.ReadFile(r.fsys, r.path)
	if err != nil {
		return strings.Join(r.Patterns(), "\n")
	}
	var doc yaml.Node
	if yaml.Unmarshal(data, &doc) != nil || len(doc.Content) == 0 {
		return strings.Join(r.Patterns(), "\n")
	}
	m := findRuleNode(doc.Content[0], r.Meta.ID)
	if m == nil {
		return ""
	}
	var keep yaml.Node
	keep.Kind = yaml.MappingNode
	for i := 0; i+1 < len(m.Content); i += 2 {
		switch m.Content[i].Value {
		case "mode", "pattern", "patterns", "pattern-either", "pattern-sources", "pattern-sinks",
			"pattern-sanitizers", "pattern-propagators", "fix":
			keep.Content = append(keep.Content, m.Content[i], m.Content[i+1])
		}
	}
	out, err := yaml.Marshal(&keep)
	if err != nil {
		return ""
	}
	return string(out)
}

func findRuleNode(top *yaml.Node, id string) *yaml.Node {
	cands := []*yaml.Node{top}
	if top.Kind == yaml.MappingNode {
		for i := 0; i+1 < len(top.Content); i += 2 {
			if top.Content[i].Value == "rules" {
				cands = top.Content[i+1].Content
			}
		}
	}
	for _, c := range cands {
		if c.Kind != yaml.MappingNode {
			continue
		}
		for i := 0; i+1 < len(c.Content); i += 2 {
			if c.Content[i].Value == "id" && c.Content[i+1].Value == id {
				return c
			}
		}
	}
	return nil
}

// Set is a loaded collection of rules, compiled and indexed per language
// family so that all rules of a file's language run in one walk.
type Set struct {
	rules []*Rule
	byID  map[string]*Rule
	fams  map[parse.Language]*family
	// fixSrc keeps the source of lowered files until their taint
	// findings are reported, for fix functions (see fixfunc.go).
	fixSrc fixSources
}

// family is everything that runs on files of one rule family.
type family struct {
	lang   parse.Language
	pats   *pattern.Set
	index  map[*pattern.Pattern]int
	search []*Rule
	taint  []*Rule
}

// Rules returns the rules sorted by id.
func (s *Set) Rules() []*Rule { return s.rules }

// Rule returns a rule by id.
func (s *Set) Rule(id string) (*Rule, bool) {
	r, ok := s.byID[id]
	return r, ok
}

// Len is the number of rules.
func (s *Set) Len() int { return len(s.rules) }

// Meta returns the metadata of every rule, sorted by id.
func (s *Set) Meta() []*finding.Rule {
	out := make([]*finding.Rule, len(s.rules))
	for i, r := range s.rules {
		out[i] = r.Meta
	}
	return out
}

// Load reads every rule file (*.yaml, *.yml) under root in fsys, compiles
// its patterns, and indexes the rules. Malformed rules are errors naming
// the file, line and reason; all of them are reported, joined.
//
// A rule file holds one rule (a mapping) or several under `rules:`.
func Load(fsys fs.FS, root string) (*Set, error) {
	return load(fsys, root, "")
}

// load reads rules; label prefixes file names in errors (a user folder).
func load(fsys fs.FS, root, label string) (*Set, error) {
	var rules []*Rule
	var errs []error
	err := fs.WalkDir(fsys, root, func(p string, de fs.DirEntry, err error) error {
		if err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", path.Join(label, p), err))
			return nil
		}
		if de.IsDir() {
			if strings.HasPrefix(de.Name(), ".") && p != root {
				return fs.SkipDir
			}
			return nil
		}
		if ext := path.Ext(p); ext != ".yaml" && ext != ".yml" {
			return nil
		}
		data, err := fs.ReadFile(fsys, p)
		if err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", path.Join(label, p), err))
			return nil
		}
		rs, err := parseFile(fsys, p, label, data)
		if err != nil {
			errs = append(errs, err)
		}
		rules = append(rules, rs...)
		return nil
	})
	if err != nil {
		errs = append(errs, err)
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return build(rules)
}

// ParseFile parses and compiles the rules of one rule file.
func parseFile(fsys fs.FS, p, label string, data []byte) ([]*Rule, error) {
	name := p
	if label != "" {
		name = path.Join(label, p)
	}
	d := &decoder{file: name}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		if strings.Contains(err.Error(), "mapping values are not allowed") || strings.Contains(err.Error(), "did not find expected") {
			return nil, fmt.Errorf("%s: %w (quote patterns that contain \": \" or start with {, [ or *: pattern: '...')", name, err)
		}
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if len(doc.Content) == 0 {
		return nil, fmt.Errorf("%s: empty rule file", name)
	}
	top := doc.Content[0]
	items := []*yaml.Node{top}
	if top.Kind == yaml.MappingNode && len(top.Content) >= 2 && top.Content[0].Value == "rules" {
		if len(top.Content) > 2 {
			d.errorf(top.Content[2], "a rule file with `rules:` has no other top-level keys")
		}
		list := top.Content[1]
		if list.Kind != yaml.SequenceNode {
			d.errorf(list, "rules must be a list")
			return nil, errors.Join(d.errs...)
		}
		items = list.Content
	}
	var out []*Rule
	for _, n := range items {
		nerr := len(d.errs)
		r := d.decodeRule(n)
		if len(d.errs) > nerr {
			continue
		}
		r.fsys, r.path = fsys, p
		for _, lang := range r.Languages {
			if r.search != nil {
				d.compile(r.search, lang)
			}
			if r.taint != nil {
				for _, f := range r.taint.formulas() {
					d.compile(f, lang)
				}
			}
		}
		if len(d.errs) > nerr {
			continue
		}
		out = append(out, r)
	}
	if len(d.errs) > 0 {
		return out, errors.Join(d.errs...)
	}
	return out, nil
}

// build indexes rules into a Set; duplicate ids are errors.
func build(rules []*Rule) (*Set, error) {
	s := &Set{byID: map[string]*Rule{}, fams: map[parse.Language]*family{}}
	var errs []error
	for _, r := range rules {
		if o, dup := s.byID[r.Meta.ID]; dup {
			errs = append(errs, fmt.Errorf("%s:%d: duplicate rule id %q (also in %s:%d)", r.File, r.Line, r.Meta.ID, o.File, o.Line))
			continue
		}
		s.byID[r.Meta.ID] = r
		s.rules = append(s.rules, r)
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	slices.SortFunc(s.rules, func(a, b *Rule) int { return strings.Compare(a.Meta.ID, b.Meta.ID) })
	bySource := map[parse.Language]map[string]int{}
	for _, r := range s.rules {
		for _, lang := range r.Languages {
			fam := s.fams[lang]
			if fam == nil {
				fam = &family{lang: lang, pats: pattern.NewSet(lang), index: map[*pattern.Pattern]int{}}
				s.fams[lang] = fam
				bySource[lang] = map[string]int{}
			}
			add := func(f *formula) {
				f.leaves(func(l *formula) {
					p := l.pats[lang]
					if p == nil {
						return
					}
					if _, ok := fam.index[p]; ok {
						return
					}
					// The same pattern in several rules is matched once.
					key := strings.TrimSpace(p.Source)
					if i, ok := bySource[lang][key]; ok {
						fam.index[p] = i
						return
					}
					i := fam.pats.Add(p)
					fam.index[p] = i
					bySource[lang][key] = i
				})
			}
			if r.search != nil {
				add(r.search)
				fam.search = append(fam.search, r)
			}
			if r.taint != nil {
				for _, f := range r.taint.formulas() {
					add(f)
				}
				fam.taint = append(fam.taint, r)
			}
		}
	}
	for _, fam := range s.fams {
		var fs []*formula
		for _, r := range fam.search {
			fs = append(fs, r.search)
		}
		for _, r := range fam.taint {
			fs = append(fs, r.taint.formulas()...)
		}
		fam.setGuards(fs)
	}
	return s, nil
}

// Merge combines sets into one; a rule id defined twice is an error.
func Merge(sets ...*Set) (*Set, error) {
	var all []*Rule
	for _, s := range sets {
		if s != nil {
			all = append(all, s.rules...)
		}
	}
	return build(all)
}

// Select returns a set of the rules whose metadata keep accepts (a config
// file's rule selection), so rules a team turned off cost nothing in a scan.
func (s *Set) Select(keep func(*finding.Rule) bool) (*Set, error) {
	var kept []*Rule
	for _, r := range s.rules {
		if keep(r.Meta) {
			kept = append(kept, r)
		}
	}
	return build(kept)
}

// Embedded loads the rule packs built into the binary (the rules/ tree).
func Embedded() (*Set, error) {
	return Load(rulepack.FS, ".")
}

// LoadDirs loads a rule folder from disk; file names in errors and in
// Rule.File are given with the folder prefixed.
func LoadDirs(dirs ...string) (*Set, error) {
	var sets []*Set
	for _, dir := range dirs {
		st, err := os.Stat(dir)
		if err != nil {
			return nil, fmt.Errorf("rules folder: %w", err)
		}
		if !st.IsDir() {
			data, err := os.ReadFile(dir)
			if err != nil {
				return nil, fmt.Errorf("rules file: %w", err)
			}
			rs, err := parseFile(os.DirFS(path.Dir(dir)), path.Base(dir), path.Dir(dir), data)
			if err != nil {
				return nil, err
			}
			s, err := build(rs)
			if err != nil {
				return nil, err
			}
			sets = append(sets, s)
			continue
		}
		s, err := load(os.DirFS(dir), ".", dir)
		if err != nil {
			return nil, err
		}
		sets = append(sets, s)
	}
	return Merge(sets...)
}

// LoadAll loads the embedded rules plus the rules in extra folders (or
// single rule files), as `lambdascan scan --rules DIR` does. With
// noEmbedded only the extra rules are loaded.
func LoadAll(extra []string, noEmbedded bool) (*Set, error) {
	var sets []*Set
	if !noEmbedded {
		s, err := Embedded()
		if err != nil {
			return nil, fmt.Errorf("built-in rules: %w", err)
		}
		sets = append(sets, s)
	}
	if len(extra) > 0 {
		s, err := LoadDirs(extra...)
		if err != nil {
			return nil, err
		}
		sets = append(sets, s)
	}
	return Merge(sets...)
}
