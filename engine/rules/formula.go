package rules

import (
	"bytes"
	"regexp"
	"regexp/syntax"
	"slices"
	"sort"
	"strings"
	"sync"

	"gopkg.in/yaml.v3"

	"github.com/lambdascan/lambdascan/engine/parse"
	"github.com/lambdascan/lambdascan/engine/pattern"
)

type fop int

const (
	opPattern fop = iota
	opAnd
	opOr
)

// formula is a rule's matcher: a pattern, or a boolean combination.
type formula struct {
	node *yaml.Node
	op   fop
	src  string                              // opPattern: the pattern text
	pats map[parse.Language]*pattern.Pattern // opPattern: compiled per family

	either []*formula // opOr
	// insideItem marks a pattern-either item written pattern-inside; an
	// either made only of them is an inside constraint ("inside A or B").
	insideItem bool

	pos       []*formula // opAnd: all must match the same range
	not       []*formula // pattern-not: none may match the same range
	inside    []*formula // pattern-inside: each must contain the match
	notInside []*formula // pattern-not-inside: none may contain it
	filters   []filter   // metavariable-regex / metavariable-pattern
	focus     []string   // focus-metavariable
}

type filter struct {
	mv  string
	re  *regexp.Regexp
	lit []byte // a literal every match of re contains (a cheap prefilter), or nil
	// first, for a regex anchored at the start, holds the bytes a match
	// can start with (nil: any).
	first *[256]bool
	cache *textCache // results by code (see textMatch)
	sub   *formula
}

// requiredLiteral returns a literal that every match of a regular
// expression must contain, or "" (case-insensitive parts give none).
func requiredLiteral(expr string) string {
	re, err := syntax.Parse(expr, syntax.Perl)
	if err != nil {
		return ""
	}
	var rec func(r *syntax.Regexp) string
	rec = func(r *syntax.Regexp) string {
		switch r.Op {
		case syntax.OpLiteral:
			if r.Flags&syntax.FoldCase != 0 {
				return ""
			}
			return string(r.Rune)
		case syntax.OpCapture, syntax.OpPlus:
			return rec(r.Sub[0])
		case syntax.OpRepeat:
			if r.Min >= 1 {
				return rec(r.Sub[0])
			}
		case syntax.OpConcat:
			best := ""
			for _, sub := range r.Sub {
				if l := rec(sub); len(l) > len(best) {
					best = l
				}
			}
			return best
		}
		return ""
	}
	if l := rec(re.Simplify()); len(l) >= 2 {
		return l
	}
	return ""
}

var formulaKeys = []string{"pattern", "patterns", "pattern-either"}
var andKeys = []string{"pattern", "patterns", "pattern-either", "pattern-not", "pattern-inside",
	"pattern-not-inside", "metavariable-regex", "metavariable-pattern", "focus-metavariable"}

// formula decodes the value of a pattern, patterns or pattern-either key.
func (d *decoder) formula(key string, n *yaml.Node) *formula {
	switch key {
	case "pattern":
		src := d.str(n, "pattern")
		if strings.TrimSpace(src) == "" {
			d.errorf(n, "pattern is empty")
		}
		return &formula{node: n, op: opPattern, src: src}
	case "pattern-either":
		f := &formula{node: n, op: opOr}
		if n.Kind != yaml.SequenceNode || len(n.Content) == 0 {
			d.errorf(n, "pattern-either must be a non-empty list")
			return f
		}
		for _, item := range n.Content {
			if item.Kind == yaml.MappingNode && len(item.Content) == 2 && item.Content[0].Value == "pattern-inside" {
				sub := d.operand(item.Content[1], "pattern-inside")
				sub.insideItem = true
				f.either = append(f.either, sub)
				continue
			}
			if sub := d.single(item, "pattern-either item", append(formulaKeys, "pattern-inside")); sub != nil {
				f.either = append(f.either, sub)
			}
		}
		return f
	case "patterns":
		f := &formula{node: n, op: opAnd}
		if n.Kind != yaml.SequenceNode || len(n.Content) == 0 {
			d.errorf(n, "patterns must be a non-empty list")
			return f
		}
		for _, item := range n.Content {
			fs := d.fields(item, "patterns item", andKeys...)
			if len(fs) != 1 {
				if len(fs) > 1 {
					d.errorf(item, "each patterns item has exactly one key; got %d", len(fs))
				}
				continue
			}
			for k, v := range fs {
				switch k {
				case "pattern", "patterns", "pattern-either":
					sub := d.formula(k, v)
					if sub.allInside() {
						f.inside = append(f.inside, sub)
					} else {
						f.pos = append(f.pos, sub)
					}
				case "pattern-not":
					f.not = append(f.not, d.operand(v, k))
				case "pattern-inside":
					f.inside = append(f.inside, d.operand(v, k))
				case "pattern-not-inside":
					f.notInside = append(f.notInside, d.operand(v, k))
				case "metavariable-regex":
					mf := d.fields(v, k, "metavariable", "regex")
					mv := d.metavar(mf["metavariable"], v)
					re := d.str(mf["regex"], "regex")
					if mf["regex"] == nil {
						d.errorf(v, "metavariable-regex needs regex")
					}
					c, err := regexp.Compile(re)
					if err != nil {
						d.errorf(mf["regex"], "bad regex: %v", err)
						continue
					}
					fl := filter{mv: mv, re: c, cache: &textCache{}}
					if l := requiredLiteral(re); l != "" {
						fl.lit = []byte(l)
					}
					fl.first = firstBytes(re)
					f.filters = append(f.filters, fl)
				case "metavariable-pattern":
					mf := d.fields(v, k, "metavariable", "pattern", "patterns", "pattern-either")
					mv := d.metavar(mf["metavariable"], v)
					var sub *formula
					for _, fk := range formulaKeys {
						if mf[fk] != nil {
							if sub != nil {
								d.errorf(mf[fk], "metavariable-pattern takes one of pattern, patterns, pattern-either")
							}
							sub = d.formula(fk, mf[fk])
						}
					}
					if sub == nil {
						d.errorf(v, "metavariable-pattern needs pattern, patterns or pattern-either")
						continue
					}
					f.filters = append(f.filters, filter{mv: mv, sub: sub})
				case "focus-metavariable":
					for _, s := range d.strs(v, k) {
						f.focus = append(f.focus, mvKey(s))
					}
				}
			}
		}
		if len(f.pos) == 0 {
			d.errorf(n, "patterns needs at least one positive pattern (pattern, patterns or pattern-either)")
		}
		return f
	}
	d.errorf(n, "unknown matcher %q", key)
	return &formula{node: n, op: opOr}
}

// operand decodes the value of pattern-not / -inside / -not-inside: a
// pattern string, or a mapping with pattern, patterns or pattern-either.
func (d *decoder) operand(n *yaml.Node, what string) *formula {
	if n.Kind == yaml.ScalarNode {
		return d.formula("pattern", n)
	}
	if sub := d.single(n, what, formulaKeys); sub != nil {
		return sub
	}
	return &formula{node: n, op: opOr}
}

// single decodes a mapping with exactly one of keys.
func (d *decoder) single(n *yaml.Node, what string, keys []string) *formula {
	fs := d.fields(n, what, keys...)
	if len(fs) != 1 {
		if len(fs) > 1 {
			d.errorf(n, "%s has exactly one of %s", what, strings.Join(keys, ", "))
		} else if n.Kind == yaml.MappingNode && len(n.Content) == 0 {
			d.errorf(n, "%s is empty", what)
		}
		return nil
	}
	for k, v := range fs {
		return d.formula(k, v)
	}
	return nil
}

func (d *decoder) metavar(n, parent *yaml.Node) string {
	if n == nil {
		d.errorf(parent, "missing metavariable")
		return ""
	}
	s := d.str(n, "metavariable")
	if !mvNameRe.MatchString(s) {
		d.errorf(n, "metavariable must look like $NAME or $...NAME, got %q", s)
	}
	return mvKey(s)
}

// mvKey returns the binding name of a metavariable as written in a rule:
// "$X" and "$...X" (a run of arguments) are both bound as "X".
func mvKey(s string) string {
	return strings.TrimPrefix(strings.TrimPrefix(s, "$"), "...")
}

var mvNameRe = regexp.MustCompile(`^\$(\.\.\.)?[A-Z_][A-Z0-9_]*$`)

// compile compiles every pattern of the formula for a rule family.
func (d *decoder) compile(f *formula, lang parse.Language) {
	if f == nil {
		return
	}
	if f.op == opPattern {
		p, err := pattern.Compile(lang, f.src)
		if err != nil {
			d.errorf(f.node, "%v", err)
			return
		}
		if f.pats == nil {
			f.pats = map[parse.Language]*pattern.Pattern{}
		}
		f.pats[lang] = p
		return
	}
	for _, list := range [][]*formula{f.either, f.pos, f.not, f.inside, f.notInside} {
		for _, s := range list {
			d.compile(s, lang)
		}
	}
	for _, fl := range f.filters {
		d.compile(fl.sub, lang)
	}
}

// allInside reports whether f is a pattern-either of pattern-inside items.
func (f *formula) allInside() bool {
	if f.op != opOr || len(f.either) == 0 {
		return false
	}
	for _, s := range f.either {
		if !s.insideItem {
			return false
		}
	}
	return true
}

// hasFocus reports whether the formula (or an alternative of it) narrows
// its matches with focus-metavariable.
func (f *formula) hasFocus() bool {
	if f == nil {
		return false
	}
	if len(f.focus) > 0 {
		return true
	}
	for _, list := range [][]*formula{f.either, f.pos} {
		for _, s := range list {
			if s.hasFocus() {
				return true
			}
		}
	}
	return false
}

// leaves calls fn for every pattern of the formula.
func (f *formula) leaves(fn func(*formula)) {
	if f == nil {
		return
	}
	if f.op == opPattern {
		fn(f)
		return
	}
	for _, list := range [][]*formula{f.either, f.pos, f.not, f.inside, f.notInside} {
		for _, s := range list {
			s.leaves(fn)
		}
	}
	for _, fl := range f.filters {
		fl.sub.leaves(fn)
	}
}

// evaluator evaluates formulas over the pattern matches of one file.
type evaluator struct {
	lang  parse.Language
	t     *pattern.Tree
	res   [][]pattern.Match
	index map[*pattern.Pattern]int
	im    *pattern.Imports
}

func (e *evaluator) eval(f *formula) []pattern.Match {
	switch f.op {
	case opPattern:
		p := f.pats[e.lang]
		if p == nil {
			return nil
		}
		return e.res[e.index[p]]
	case opOr:
		var out []pattern.Match
		for _, s := range f.either {
			out = append(out, e.eval(s)...)
		}
		return dedupe(out)
	}
	// Start from the positive with the fewest matches: a bare $X matches
	// every node, and intersecting is cheaper from the small side.
	results := make([][]pattern.Match, len(f.pos))
	base := 0
	for i, p := range f.pos {
		results[i] = e.eval(p)
		if len(results[i]) == 0 {
			return nil
		}
		if len(results[i]) < len(results[base]) {
			base = i
		}
	}
	cur := results[base]
	for i := range f.pos {
		if i == base {
			continue
		}
		if len(cur) == 0 {
			return nil
		}
		other := byRange(results[i])
		var next []pattern.Match
		for _, m := range cur {
			next = e.combine(next, m, other[[2]uint32{m.Start, m.End}], nil)
		}
		cur = next
	}
	for _, in := range f.inside {
		if len(cur) == 0 {
			return nil
		}
		outer := e.eval(in)
		var next []pattern.Match
		for _, m := range cur {
			next = e.combine(next, m, outer, func(o *pattern.Match) bool {
				return o.Start <= m.Start && m.End <= o.End
			})
		}
		cur = next
	}
	for _, ni := range f.notInside {
		if len(cur) == 0 {
			return nil
		}
		outer := e.eval(ni)
		cur = keep(cur, func(m pattern.Match) bool {
			for _, o := range outer {
				if o.Start <= m.Start && m.End <= o.End {
					if _, ok := e.unify(m.Binds, o.Binds); ok {
						return false
					}
				}
			}
			return true
		})
	}
	for _, n := range f.not {
		if len(cur) == 0 {
			return nil
		}
		neg := byRange(e.eval(n))
		cur = keep(cur, func(m pattern.Match) bool {
			for _, o := range neg[[2]uint32{m.Start, m.End}] {
				if _, ok := e.unify(m.Binds, o.Binds); ok {
					return false
				}
			}
			return true
		})
	}
	// Regular expressions first (cheap), then metavariable-pattern, then
	// the regular expressions again for metavariables that only
	// metavariable-pattern bound.
	for _, fl := range f.filters {
		if fl.re != nil && len(cur) > 0 {
			cur = keep(cur, func(m pattern.Match) bool { return e.regexOK(m, fl, true) })
		}
	}
	for _, fl := range f.filters {
		if len(cur) == 0 {
			return nil
		}
		if fl.re != nil {
			continue
		}
		sub := sortByStart(e.eval(fl.sub))
		var next []pattern.Match
		for _, m := range cur {
			b, ok := m.Lookup(fl.mv)
			if !ok {
				continue
			}
			// Sub-matches inside the binding: those starting in it.
			i := sort.Search(len(sub), func(i int) bool { return sub[i].Start >= b.Start })
			// Every way it matches is kept: a later filter (a
			// metavariable-regex on a metavariable bound here) may want
			// another one than the first.
			found := 0
			for ; found < 16 && (i < len(sub) && sub[i].Start < b.End || i < len(sub) && sub[i].Start == b.Start); i++ {
				s := sub[i]
				if s.End <= b.End {
					if bs, ok := e.unify(m.Binds, s.Binds); ok {
						mm := m
						mm.Binds = bs
						next = append(next, mm)
						found++
					}
				}
			}
		}
		cur = next
	}
	for _, fl := range f.filters {
		if fl.re != nil && len(cur) > 0 {
			cur = keep(cur, func(m pattern.Match) bool { return e.regexOK(m, fl, false) })
		}
	}
	if len(f.focus) > 0 {
		var next []pattern.Match
		for _, m := range cur {
			for _, name := range f.focus {
				if b, ok := m.Lookup(name); ok && b.End > b.Start {
					fm := m
					fm.Node, fm.Start, fm.End = b.Node, b.Start, b.End
					next = append(next, fm)
				}
			}
		}
		cur = next
	}
	return dedupe(cur)
}

// combine appends to out m joined with each of others (that where
// accepts) whose bindings agree with it. Joins that bind nothing new are
// all the same, so the first is enough; otherwise each distinct one is
// kept, up to pattern.MaxBindings, as a later filter may want any of them.
func (e *evaluator) combine(out []pattern.Match, m pattern.Match, others []pattern.Match, where func(*pattern.Match) bool) []pattern.Match {
	from := len(out)
	for i := range others {
		o := &others[i]
		if where != nil && !where(o) {
			continue
		}
		bs, ok := e.unify(m.Binds, o.Binds)
		if !ok {
			continue
		}
		if len(bs) == len(m.Binds) && len(out) == from {
			mm := m
			mm.Binds = bs
			return append(out, mm)
		}
		dup := false
		for _, x := range out[from:] {
			if sameBinds(x.Binds, bs) {
				dup = true
				break
			}
		}
		if dup {
			continue
		}
		mm := m
		mm.Binds = bs
		out = append(out, mm)
		if len(out)-from >= pattern.MaxBindings {
			break
		}
	}
	return out
}

// sameBinds reports whether two binding lists bind the same names to the
// same code.
func sameBinds(a, b []pattern.Binding) bool {
	if len(a) != len(b) {
		return false
	}
	for _, x := range a {
		found := false
		for _, y := range b {
			if x.Name == y.Name {
				found = x.Start == y.Start && x.End == y.End
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

// regexOK applies a metavariable-regex filter to a match: the bound code,
// a bound string's value, or a bound imported name's canonical name must
// match. An unbound metavariable passes when lenient (it may be bound
// later by metavariable-pattern) and fails otherwise.
func (e *evaluator) regexOK(m pattern.Match, fl filter, lenient bool) bool {
	b, ok := m.Lookup(fl.mv)
	if !ok {
		return lenient
	}
	if e.textMatch(b, fl) {
		return true
	}
	return e.aliasMatch(b, fl)
}

// textMatch applies the regex to the bound code and, for a string, its
// value. Both depend only on the code (and whether it is a string), so
// results for short code are kept for the whole scan: names repeat across
// files.
func (e *evaluator) textMatch(b pattern.Binding, fl filter) bool {
	if b.End-b.Start > 64 || fl.cache == nil {
		return e.regexMatch(b, fl)
	}
	str := 0
	if b.Node != pattern.None && e.t.IsString(b.Node) {
		str = 1
	}
	key := e.t.Src[b.Start:b.End]
	c := fl.cache
	var r, ok bool
	c.mu.RLock()
	if ms := c.m[e.lang]; ms != nil {
		r, ok = ms[str][string(key)]
	}
	c.mu.RUnlock()
	if ok {
		return r
	}
	r = e.regexMatch(b, fl)
	c.mu.Lock()
	if c.m == nil {
		c.m = map[parse.Language]*[2]map[string]bool{}
	}
	ms := c.m[e.lang]
	if ms == nil {
		ms = &[2]map[string]bool{{}, {}}
		c.m[e.lang] = ms
	}
	if c.n < maxTextCache {
		ms[str][string(key)] = r
		c.n++
	}
	c.mu.Unlock()
	return r
}

// maxTextCache bounds the results a filter keeps (about 100 bytes each).
const maxTextCache = 1 << 16

// textCache holds a filter's results by code, per language family and
// for strings and other code apart.
type textCache struct {
	mu sync.RWMutex
	m  map[parse.Language]*[2]map[string]bool
	n  int
}

func (e *evaluator) regexMatch(b pattern.Binding, fl filter) bool {
	text := e.t.Src[b.Start:b.End]
	// The code, and a string's value (a part of the code), can only match
	// if they contain the regex's required literal.
	if fl.lit == nil || bytes.Contains(text, fl.lit) {
		if (fl.first == nil || len(text) > 0 && fl.first[text[0]]) && fl.re.Match(text) {
			return true
		}
		if b.Node != pattern.None {
			if v, ok := e.t.StringValue(b.Node); ok && fl.re.MatchString(v) {
				return true
			}
		}
	}
	return false
}

// aliasMatch applies the regex to the canonical names of a bound imported
// name (they depend on the file's imports).
func (e *evaluator) aliasMatch(b pattern.Binding, fl filter) bool {
	if b.Node == pattern.None || !e.t.IsName(b.Node) || !e.im.Aliased(e.t, b.Node) {
		return false
	}
	// An imported alias also matches by its canonical name: `run` from
	// `from subprocess import run as r`.
	if name := e.t.DottedName(b.Node); name != "" {
		for _, r := range e.im.Resolve(name) {
			if fl.re.MatchString(r) || fl.re.MatchString(r[strings.LastIndexByte(r, '.')+1:]) {
				return true
			}
		}
	}
	return false
}

// sortByStart returns matches sorted by start offset (a copy).
func sortByStart(ms []pattern.Match) []pattern.Match {
	out := slices.Clone(ms)
	slices.SortStableFunc(out, func(a, b pattern.Match) int { return int(a.Start) - int(b.Start) })
	return out
}

// unify merges two binding lists; a name bound in both must bind equal code.
func (e *evaluator) unify(a, b []pattern.Binding) ([]pattern.Binding, bool) {
	out := a
	copied := false
	for _, y := range b {
		found := false
		for _, x := range a {
			if x.Name == y.Name {
				found = true
				if !bytes.Equal(e.t.Src[x.Start:x.End], e.t.Src[y.Start:y.End]) {
					return a, false
				}
				break
			}
		}
		if !found {
			if !copied {
				out = append([]pattern.Binding(nil), a...)
				copied = true
			}
			out = append(out, y)
		}
	}
	return out, true
}

// byRange indexes matches by their byte range.
func byRange(ms []pattern.Match) map[[2]uint32][]pattern.Match {
	out := make(map[[2]uint32][]pattern.Match, len(ms))
	for _, m := range ms {
		k := [2]uint32{m.Start, m.End}
		out[k] = append(out[k], m)
	}
	return out
}

func keep(ms []pattern.Match, ok func(pattern.Match) bool) []pattern.Match {
	var out []pattern.Match
	for _, m := range ms {
		if ok(m) {
			out = append(out, m)
		}
	}
	return out
}

// dedupe drops matches with the same range and bindings as an earlier
// one. (Two alternatives matching the same code with different bindings
// both stay: focus-metavariable may pick different parts of it.)
func dedupe(ms []pattern.Match) []pattern.Match {
	if len(ms) < 2 {
		return ms
	}
	seen := make(map[string]bool, len(ms))
	out := ms[:0:0]
	var key []byte
	put := func(v uint32) { key = append(key, byte(v), byte(v>>8), byte(v>>16), byte(v>>24)) }
	for _, m := range ms {
		key = key[:0]
		put(m.Start)
		put(m.End)
		for _, x := range m.Binds {
			key = append(key, x.Name...)
			key = append(key, 0)
			put(x.Start)
			put(x.End)
		}
		if seen[string(key)] {
			continue
		}
		seen[string(key)] = true
		out = append(out, m)
	}
	return out
}
