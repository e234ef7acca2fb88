package pattern

import (
	"context"
	"strings"

	"github.com/lambdascan/lambdascan/engine/parse"
)

// Set is every pattern of one rule family, indexed so that one walk over a
// tree tries at each node only the patterns that could match it: by the
// node's kind, and for calls by the last part of the (resolved) callee name.
type anchorKey struct {
	kind uint16
	name string
}

type Set struct {
	Lang     parse.Language
	pats     []*Pattern
	byKind   map[uint16][]int
	byCallee map[string][]int
	byDotted map[string][]int
	byAnchor map[anchorKey][]int
	byFeat   map[string][]int // call patterns by a feature of the call (see pnode.feature)
	any      []int            // a lone $X: tried at every expression
	strs     []int            // "..." or "$X": tried at every string
	seqs     []int
	guards   []Guard // per pattern, or nil
	// wordID numbers the names patterns need (Pattern.words); need lists
	// each pattern's.
	wordID map[string]int32
	need   [][]int32
}

// Guard says whether a pattern is worth trying at a node. It must return
// true wherever a match of the pattern could be kept by what uses it.
type Guard func(t *Tree, im *Imports, id NodeID) bool

// NewSet returns an empty set for a rule family.
func NewSet(lang parse.Language) *Set {
	return &Set{Lang: lang.Family(), byKind: map[uint16][]int{}, byCallee: map[string][]int{},
		byDotted: map[string][]int{}, byAnchor: map[anchorKey][]int{}, byFeat: map[string][]int{}}
}

// Add adds a compiled pattern and returns its index in Match's result.
func (s *Set) Add(p *Pattern) int {
	i := len(s.pats)
	s.pats = append(s.pats, p)
	var need []int32
	for _, w := range p.words() {
		if s.wordID == nil {
			s.wordID = map[string]int32{}
		}
		id, ok := s.wordID[w]
		if !ok {
			id = int32(len(s.wordID))
			s.wordID[w] = id
		}
		need = append(need, id)
	}
	s.need = append(s.need, need)
	switch r := p.root; {
	case p.seq != nil:
		s.seqs = append(s.seqs, i)
	case r.str != nil && (r.str.any || r.str.mv != ""):
		s.strs = append(s.strs, i)
	case r.mv != "" || r.ellipsis || r.mvSeq != "":
		s.any = append(s.any, i)
	case r.callee != "" && r.calleeMV == "":
		last := lastSeg(r.callee)
		s.byCallee[last] = append(s.byCallee[last], i)
	case r.dotted != "":
		last := lastSeg(r.dotted)
		s.byDotted[last] = append(s.byDotted[last], i)
	case r.anchor != "":
		k := anchorKey{r.kind, r.anchor}
		s.byAnchor[k] = append(s.byAnchor[k], i)
	case r.feature != "":
		s.byFeat[r.feature] = append(s.byFeat[r.feature], i)
	default:
		s.byKind[r.kind] = append(s.byKind[r.kind], i)
	}
	return i
}

// SetGuard restricts where pattern i is tried to the nodes g accepts: for
// a lone $X whose every use keeps only matches a regular expression
// accepts, so that the matches of every expression are not made only to
// be filtered out.
func (s *Set) SetGuard(i int, g Guard) {
	if len(s.guards) < len(s.pats) {
		s.guards = append(s.guards, make([]Guard, len(s.pats)-len(s.guards))...)
	}
	s.guards[i] = g
}

// Len is the number of patterns.
func (s *Set) Len() int { return len(s.pats) }

func lastSeg(d string) string {
	if i := strings.LastIndexByte(d, '.'); i >= 0 {
		return d[i+1:]
	}
	return d
}

// Match runs every pattern of the set over the tree in one walk and returns
// the matches of each pattern, by the index Add returned. Matches are in
// document order.
func (s *Set) Match(ctx context.Context, t *Tree, im *Imports) ([][]Match, error) {
	out := make([][]Match, len(s.pats))
	d := dialectFor(t.Lang)
	if d == nil {
		return out, nil
	}
	m := &matcher{t: t, d: d, im: im}
	possible := s.possible(t.Src)
	buf := make([]Binding, 0, 64)
	try := func(pi int, id NodeID) {
		if !possible[pi] {
			return
		}
		p := s.pats[pi]
		if pi < len(s.guards) && s.guards[pi] != nil && !s.guards[pi](t, im, id) {
			return
		}
		if p.seq != nil {
			out[pi] = m.seqIn(p, id, out[pi])
			return
		}
		out[pi] = m.start(p, id, out[pi], buf)
	}
	var seen []string
	var err error
	count := 0
	t.Walk(t.Root(), func(id NodeID) bool {
		if err != nil {
			return false
		}
		if count++; count&4095 == 0 {
			if err = ctx.Err(); err != nil {
				return false
			}
		}
		n := &t.Nodes[id]
		if !n.Named {
			return false
		}
		kind := t.Kind(id)
		for _, pi := range s.byKind[kind] {
			try(pi, id)
		}
		if len(s.byFeat) > 0 && t.is(id, fCall) {
			seen = seen[:0]
			t.callFeatures(id, im, func(f string) {
				for _, x := range seen {
					if x == f {
						return
					}
				}
				seen = append(seen, f)
				for _, pi := range s.byFeat[f] {
					try(pi, id)
				}
			})
		}
		if len(s.byAnchor) > 0 {
			if a := anchorOf(t, id); a != "" {
				for _, pi := range s.byAnchor[anchorKey{kind, a}] {
					try(pi, id)
				}
			}
		}
		// Calls and names are tried by their last name. Resolving imports
		// changes a name's head, so the last name stays, except for a
		// lone aliased name (`run` from `from subprocess import run as r`).
		if len(s.byCallee) > 0 && t.is(id, fCall) {
			if last := t.calleeLast(id); last != None && t.is(last, fIdent) {
				lb := t.Bytes(last)
				for _, pi := range s.byCallee[string(lb)] {
					try(pi, id)
				}
				if t.calleeIsName(id) {
					if a, ok := im.Alias[string(lb)]; ok && lastSeg(a) != string(lb) {
						for _, pi := range s.byCallee[lastSeg(a)] {
							try(pi, id)
						}
					}
				}
			}
		}
		if len(s.byDotted) > 0 && t.is(id, fDotted|fIdent) {
			last := id
			if !t.is(id, fIdent) {
				last = t.memberName(id)
			}
			if last != None && t.is(last, fIdent) {
				lb := t.Bytes(last)
				for _, pi := range s.byDotted[string(lb)] {
					try(pi, id)
				}
				if last == id {
					if a, ok := im.Alias[string(lb)]; ok && lastSeg(a) != string(lb) {
						for _, pi := range s.byDotted[lastSeg(a)] {
							try(pi, id)
						}
					}
				}
			}
		}
		if len(s.strs) > 0 && t.is(id, fString) {
			for _, pi := range s.strs {
				try(pi, id)
			}
		}
		if len(s.seqs) > 0 && t.is(id, fBlock) {
			for _, pi := range s.seqs {
				try(pi, id)
			}
		}
		if len(s.any) > 0 && !t.is(id, fNotExpr) {
			for _, pi := range s.any {
				try(pi, id)
			}
		}
		return true
	})
	return out, err
}

// MaxBindings bounds how many different sets of bindings one pattern
// yields at one node (`f(..., $X, ...)` binds $X to each argument in
// turn), so that a node with very many children stays cheap.
const MaxBindings = 16

// sameBinds reports whether two binding lists bind the same names to the
// same code ranges.
func sameBinds(a, b []Binding) bool {
	if len(a) != len(b) {
		return false
	}
	for _, x := range a {
		found := false
		for _, y := range b {
			if x.Name == y.Name {
				found = x.Start == y.Start && x.End == y.End && x.Node == y.Node
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

// possible says, per pattern, whether the file's code has every name the
// pattern needs (see Pattern.words): one pass over the code, then no
// pattern is tried in a file that cannot hold a match of it.
func (s *Set) possible(src []byte) []bool {
	out := make([]bool, len(s.pats))
	present := make([]bool, len(s.wordID))
	if len(s.wordID) > 0 {
		for i := 0; i < len(src); {
			if !isTokenByte(src[i]) {
				i++
				continue
			}
			j := i + 1
			for j < len(src) && isTokenByte(src[j]) {
				j++
			}
			if id, ok := s.wordID[string(src[i:j])]; ok {
				present[id] = true
			}
			i = j
		}
	}
	for i, need := range s.need {
		out[i] = true
		for _, w := range need {
			if !present[w] {
				out[i] = false
				break
			}
		}
	}
	return out
}

// callFeatures calls fn with the features of a call node: "pfx:" + each
// possible callee prefix (after resolving imports) and "kw:" + each keyword
// argument name.
func (t *Tree) callFeatures(id NodeID, im *Imports, fn func(string)) {
	if callee := t.CalleeName(id); callee != "" {
		for _, name := range append([]string{callee}, im.Resolve(callee)...) {
			if i := strings.LastIndexByte(name, '.'); i > 0 {
				fn("pfx:" + name[:i])
			}
		}
	}
	args := t.CallArgs(id)
	if args == None {
		return
	}
	d := dialectFor(t.Lang)
	if d.kwArg == "" {
		return
	}
	for c := t.Nodes[args].FirstChild; c != None; c = t.Nodes[c].NextSibling {
		if t.Nodes[c].Named && t.Type(c) == d.kwArg {
			if n := t.ChildByField(c, "name"); n != None {
				fn("kw:" + string(t.Bytes(n)))
			}
		}
	}
}

// MatchOne runs a single pattern over a tree (for tests and tools).
func MatchOne(ctx context.Context, p *Pattern, t *Tree, im *Imports) ([]Match, error) {
	s := NewSet(p.Lang)
	s.Add(p)
	res, err := s.Match(ctx, t, im)
	if err != nil {
		return nil, err
	}
	return res[0], nil
}

// IndexStats describes how the set's patterns are indexed, for tuning:
// patterns under "any" are tried at every node, those under a kind at
// every node of that kind.
func (s *Set) IndexStats() map[string][]string {
	out := map[string][]string{}
	for _, i := range s.any {
		out["any"] = append(out["any"], s.pats[i].Source)
	}
	for _, i := range s.seqs {
		out["statements"] = append(out["statements"], s.pats[i].Source)
	}
	for k, is := range s.byKind {
		for _, i := range is {
			out["kind "+GlobalName(k)] = append(out["kind "+GlobalName(k)], s.pats[i].Source)
		}
	}
	for k, is := range s.byCallee {
		for _, i := range is {
			out["callee "+k] = append(out["callee "+k], s.pats[i].Source)
		}
	}
	for k, is := range s.byDotted {
		for _, i := range is {
			out["name "+k] = append(out["name "+k], s.pats[i].Source)
		}
	}
	for k, is := range s.byFeat {
		for _, i := range is {
			out["feature "+k] = append(out["feature "+k], s.pats[i].Source)
		}
	}
	for k, is := range s.byAnchor {
		for _, i := range is {
			key := "anchor " + GlobalName(k.kind) + " " + k.name
			out[key] = append(out[key], s.pats[i].Source)
		}
	}
	return out
}
