package pattern

import (
	"bytes"
	"strings"
)

// Imports resolves local names to the canonical dotted names they were
// imported as. The language front ends (analyzers/...) build it per file.
type Imports struct {
	// Alias maps a local name to a canonical dotted name: "sp" ->
	// "subprocess", "run" -> "subprocess.run", "MessageDigest" ->
	// "java.security.MessageDigest".
	Alias map[string]string
	// Wildcards are Java packages imported with ".*" (java.lang is implied).
	Wildcards []string
	// Consts are module-level names bound once to a constant string
	// (CMD = "ls -l", const CMD = 'ls', static final String CMD = "ls"):
	// a string pattern matches them as it matches the literal.
	Consts map[string]string
}

// Resolve returns the canonical names a dotted name may stand for, most
// likely first; the name itself is not included.
func (im *Imports) Resolve(dotted string) []string {
	if im == nil || dotted == "" {
		return nil
	}
	head, rest, _ := strings.Cut(dotted, ".")
	if a, ok := im.Alias[head]; ok {
		if rest == "" {
			return []string{a}
		}
		return []string{a + "." + rest}
	}
	if len(im.Wildcards) > 0 && head != "" && head[0] >= 'A' && head[0] <= 'Z' {
		out := make([]string, 0, len(im.Wildcards))
		for _, w := range im.Wildcards {
			out = append(out, w+"."+dotted)
		}
		return out
	}
	return nil
}

// Binding is what a metavariable matched: one node, or for $...X a run of
// list elements (Node is None and Start/End delimit the run).
type Binding struct {
	Name       string // without the $
	Node       NodeID
	Start, End uint32
}

// Match is one place a pattern matched.
type Match struct {
	Node       NodeID // the matched node (first statement of a sequence)
	Start, End uint32 // byte range
	Binds      []Binding
}

// Lookup returns the binding of a metavariable ("$X" or "X").
func (m *Match) Lookup(name string) (Binding, bool) {
	name = strings.TrimPrefix(name, "$")
	for _, b := range m.Binds {
		if b.Name == name {
			return b, true
		}
	}
	return Binding{}, false
}

// matcher matches patterns against one tree.
//
// Matching backtracks: every way a pattern can bind its metavariables is
// produced in turn (`f(..., $X, ...)` binds $X to each argument), so that
// a rule's filters can keep the one they want. What to do after a part
// has matched (its continuation) is a frame on the matcher's own stack,
// not a closure, so that matching allocates nothing per node.
type matcher struct {
	t  *Tree
	d  *dialect
	im *Imports

	frames []frame
	unord  []unordState
	ids    []NodeID // scratch stack of unordered's target parts
	used   []bool   // beside ids: taken by a keyword part of the pattern

	// The current top-level attempt: matches go to res, from index from.
	res   []Match
	from  int
	id    NodeID
	multi bool // the pattern binds metavariables: look for other ways
	slab  []Binding
	// seqIn's result: the bindings and length of the first run found.
	seqBs []Binding
	seqN  int
}

// bind adds a binding. Bindings grow in place in the matcher's buffer: a
// failed branch leaves garbage past the length its caller still holds,
// which the next branch overwrites; Set.Match copies a match's bindings out.
func (m *matcher) bind(bs []Binding, b Binding) ([]Binding, bool) {
	for _, o := range bs {
		if o.Name == b.Name {
			return bs, bytes.Equal(m.t.Src[o.Start:o.End], m.t.Src[b.Start:b.End]) ||
				equalNormalized(m.t.Src[o.Start:o.End], m.t.Src[b.Start:b.End])
		}
	}
	return append(bs, b), true
}

// equalNormalized compares code ignoring whitespace differences.
func equalNormalized(a, b []byte) bool {
	return strings.Join(strings.Fields(string(a)), "") == strings.Join(strings.Fields(string(b)), "")
}

// nameMatches reports whether a target dotted name means want.
func (m *matcher) nameMatches(got, want string) bool {
	if got == want {
		return true
	}
	for _, r := range m.im.Resolve(got) {
		if r == want {
			return true
		}
	}
	return false
}

// prefixMatches reports whether a target callee name is prefix.<one name>
// after resolving imports.
func (m *matcher) prefixMatches(got, prefix string) bool {
	check := func(name string) bool {
		rest, ok := strings.CutPrefix(name, prefix+".")
		return ok && rest != "" && !strings.Contains(rest, ".")
	}
	if check(got) {
		return true
	}
	for _, r := range m.im.Resolve(got) {
		if check(r) {
			return true
		}
	}
	return false
}

// unwrap skips parentheses and expression statements around a node, when
// the pattern does not itself ask for them.
func (m *matcher) unwrap(p *pnode, id NodeID) NodeID {
	for {
		typ := m.t.Type(id)
		if (typ == m.d.paren || typ == m.d.exprStmt) && p.typ != typ {
			kids := m.t.NamedChildren(id)
			if len(kids) == 1 {
				id = kids[0]
				continue
			}
		}
		return id
	}
}

// kid is a continuation: an index into matcher.frames.
type kid int32

type kkind uint8

const (
	kEmit   kkind = iota // a whole pattern matched: record it (matcher.emit)
	kStop                // any way of matching will do: stop
	kSeqSib              // then match ps against the siblings from next
	kSeq                 // then match ps against ts
	kOnce                // note that the rest matched (called), then go on to up
	kAssign              // unordered: then match keyword part i of state u
	kPrefix              // seqPrefix: then match ps against a prefix of ts
	kSeqEnd              // seqPrefix matched n elements: keep the first such run
)

// frame is one continuation.
type frame struct {
	kind   kkind
	called bool
	up     kid
	next   NodeID
	i      int32
	u      int32
	depth  int32
	used   int32
	ps     []*pnode
	ts     []NodeID
}

// unordState is the state of one unordered match (see unordered): the
// target's keyword parts are m.ids[kw:kw+nKw], its ordered parts the
// nOrd after them.
type unordState struct {
	p             *pnode
	kw, nKw, nOrd int32
	toSeq         bool // the ordered parts must then match as a sequence
}

// push adds a continuation; the caller pops it (m.frames = m.frames[:k])
// when the call it was made for returns.
func (m *matcher) push(f frame) kid {
	m.frames = append(m.frames, f)
	return kid(len(m.frames) - 1)
}

// resume runs continuation k with the bindings so far. It reports whether
// matching is to stop.
func (m *matcher) resume(k kid, bs []Binding) bool {
	f := &m.frames[k] // read before any call: m.frames may grow
	switch f.kind {
	case kEmit:
		return m.emit(bs)
	case kStop:
		return true
	case kSeqSib:
		return m.seqSib(f.ps, f.next, bs, f.up)
	case kSeq:
		return m.seq(f.ps, f.ts, bs, f.up)
	case kOnce:
		f.called = true
		return m.resume(f.up, bs)
	case kAssign:
		return m.assign(f.u, int(f.i), bs, f.up)
	case kPrefix:
		return m.seqPrefix(f.ps, f.ts, bs, int(f.depth), int(f.used), f.up)
	case kSeqEnd:
		if f.used == 0 {
			return false
		}
		m.seqN = int(f.used)
		m.seqBs = append(m.seqBs[:0], bs...)
		return true
	}
	return false
}

// start runs p at id as a top-level attempt, appending each distinct set
// of bindings it yields (up to MaxBindings) to res as a Match.
func (m *matcher) start(p *Pattern, id NodeID, res []Match, buf []Binding) []Match {
	m.res, m.from, m.id, m.multi = res, len(res), id, p.root.binds
	m.frames = m.frames[:0]
	k := m.push(frame{kind: kEmit})
	m.node(p.root, id, buf[:0], true, k)
	m.frames = m.frames[:0]
	res = m.res
	m.res = nil
	return res
}

// emit records one complete match of the current attempt; it reports
// whether to stop looking for others.
func (m *matcher) emit(bs []Binding) bool {
	// Every distinct set of bindings is a match: a filter of the rule
	// may accept only some of them.
	for _, o := range m.res[m.from:] {
		if sameBinds(o.Binds, bs) {
			return false
		}
	}
	var own []Binding
	if len(bs) > 0 {
		if cap(m.slab)-len(m.slab) < len(bs) {
			m.slab = make([]Binding, 0, max(1024, 2*len(bs)))
		}
		off := len(m.slab)
		m.slab = append(m.slab, bs...)
		own = m.slab[off:len(m.slab):len(m.slab)]
	}
	n := &m.t.Nodes[m.id]
	m.res = append(m.res, Match{Node: m.id, Start: n.Start, End: n.End, Binds: own})
	return !m.multi || len(m.res)-m.from >= MaxBindings
}

// node matches pattern node p against target node id and, for every way
// it matches, resumes k with the bindings, until k says to stop. It
// reports whether k did.
func (m *matcher) node(p *pnode, id NodeID, bs []Binding, top bool, k kid) bool {
	t := m.t
	if p.ellipsis {
		return m.resume(k, bs)
	}
	if !top {
		id = m.unwrap(p, id)
	}
	n := &t.Nodes[id]
	if p.mv != "" {
		if t.isComment(id) {
			return false
		}
		return m.bindK(bs, Binding{Name: p.mv, Node: id, Start: n.Start, End: n.End}, k)
	}
	if p.str != nil {
		if !t.IsString(id) {
			if m.im != nil && t.is(id, fIdent) && !t.isMemberName(id) && p.str.mv == "" {
				if v, ok := m.im.Consts[string(t.Bytes(id))]; ok && (p.str.any || v == p.str.value) {
					return m.resume(k, bs)
				}
			}
			return false
		}
		if p.str.mv != "" {
			return m.bindK(bs, Binding{Name: p.str.mv, Node: id, Start: n.Start, End: n.End}, k)
		}
		v, ok := t.StringValue(id)
		if !ok || !p.str.any && v != p.str.value {
			return false
		}
		return m.resume(k, bs)
	}
	if p.dotted != "" {
		if t.isMemberName(id) {
			return false
		}
		if got := t.DottedName(id); got == "" || !m.nameMatches(got, p.dotted) {
			return false
		}
		return m.resume(k, bs)
	}
	if p.callee != "" {
		if !t.IsCall(id) || p.typ != t.Type(id) {
			return false
		}
		got := t.CalleeName(id)
		if got == "" {
			return false
		}
		if p.calleeMV != "" {
			last := t.calleeLast(id)
			if last == None || !m.prefixMatches(got, p.callee) {
				return false
			}
			ln := &t.Nodes[last]
			var ok bool
			if bs, ok = m.bind(bs, Binding{Name: p.calleeMV, Node: last, Start: ln.Start, End: ln.End}); !ok {
				return false
			}
		} else if !m.nameMatches(got, p.callee) {
			return false
		}
		args := t.CallArgs(id)
		if args == None {
			return false
		}
		return m.node(p.args, args, bs, true, k)
	}
	if t.Kind(id) != p.kind {
		return false
	}
	if p.leaf {
		if string(t.Bytes(id)) != p.text {
			return false
		}
		return m.resume(k, bs)
	}
	if p.mods {
		return m.modifiers(p, id, bs, k)
	}
	// Significant anonymous tokens (operators, keywords) must agree.
	oi := 0
	for c := n.FirstChild; c != None; c = t.Nodes[c].NextSibling {
		if t.Nodes[c].Named {
			continue
		}
		tok := t.Type(c)
		if isPunct(tok) {
			continue
		}
		if oi >= len(p.ops) || p.ops[oi] != tok {
			return false
		}
		oi++
	}
	if oi != len(p.ops) {
		return false
	}
	if p.anchor != "" && anchorOf(t, id) != p.anchor {
		return false
	}
	if p.unord != "" {
		return m.unordered(p, id, bs, k)
	}
	return m.seqSib(p.kids, m.firstKid(id), bs, k)
}

// modifiers matches a Java modifiers pattern: the target has each of its
// modifiers (in any order) and annotations, and may have others.
func (m *matcher) modifiers(p *pnode, id NodeID, bs []Binding, k kid) bool {
	t := m.t
	for _, op := range p.ops {
		found := false
		for c := t.Nodes[id].FirstChild; c != None; c = t.Nodes[c].NextSibling {
			if !t.Nodes[c].Named && t.Type(c) == op {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	if len(p.uKw) == 0 {
		return m.resume(k, bs)
	}
	return m.unordered(p, id, bs, k)
}

// bindK binds b and resumes k.
func (m *matcher) bindK(bs []Binding, b Binding, k kid) bool {
	bs, ok := m.bind(bs, b)
	if !ok {
		return false
	}
	return m.resume(k, bs)
}

// firstKid returns a node's first named child that is not a comment.
func (m *matcher) firstKid(id NodeID) NodeID {
	c := m.t.Nodes[id].FirstChild
	for c != None && (!m.t.Nodes[c].Named || m.t.isComment(c)) {
		c = m.t.Nodes[c].NextSibling
	}
	return c
}

// nextKid returns the next named sibling that is not a comment.
func (m *matcher) nextKid(id NodeID) NodeID {
	c := m.t.Nodes[id].NextSibling
	for c != None && (!m.t.Nodes[c].Named || m.t.isComment(c)) {
		c = m.t.Nodes[c].NextSibling
	}
	return c
}

// bindsAny reports whether matching ps can bind a metavariable: when it
// cannot, every way an ellipsis before ps can match gives the same
// bindings, and the first is enough.
func bindsAny(ps []*pnode) bool {
	for _, p := range ps {
		if p.binds {
			return true
		}
	}
	return false
}

// seqSib is seq over the sibling list starting at first (None: empty),
// without building a slice.
func (m *matcher) seqSib(ps []*pnode, first NodeID, bs []Binding, k kid) bool {
	if len(ps) == 0 {
		if first != None {
			return false
		}
		return m.resume(k, bs)
	}
	p := ps[0]
	if p.ellipsis || p.mvSeq != "" {
		rest := ps[1:]
		if len(rest) == 0 && p.ellipsis {
			return m.resume(k, bs) // a trailing ellipsis takes the rest
		}
		// Without metavariables after it, an ellipsis that has let the
		// rest match once has nothing new to offer.
		kk, once := k, p.mvSeq == "" && !bindsAny(rest)
		if once {
			kk = m.push(frame{kind: kOnce, up: k})
		}
		stop := m.ellipsisSib(p, rest, first, bs, kk, once)
		if once {
			m.pop(kk)
		}
		return stop
	}
	if p.optMods {
		if first != None && m.t.Type(first) == "modifiers" {
			first = m.nextKid(first)
		}
		return m.seqSib(ps[1:], first, bs, k)
	}
	if first == None {
		return false
	}
	kk := m.push(frame{kind: kSeqSib, ps: ps[1:], next: m.nextKid(first), up: k})
	stop := m.node(p, first, bs, false, kk)
	m.pop(kk)
	return stop
}

// ellipsisSib lets the ellipsis or $...X p take each run of siblings
// from first in turn, and matches rest after it.
func (m *matcher) ellipsisSib(p *pnode, rest []*pnode, first NodeID, bs []Binding, kk kid, once bool) bool {
	last := None // the last element the ellipsis took
	for cur := first; ; cur = m.nextKid(cur) {
		nb := bs
		ok := true
		if p.mvSeq != "" {
			b := Binding{Name: p.mvSeq, Node: None}
			switch {
			case last != None:
				b.Start, b.End = m.t.Nodes[first].Start, m.t.Nodes[last].End
			case first != None:
				b.Start, b.End = m.t.Nodes[first].Start, m.t.Nodes[first].Start
			}
			nb, ok = m.bind(nb, b)
		}
		if ok {
			if m.seqSib(rest, cur, nb, kk) {
				return true
			}
			if once && m.frames[kk].called {
				return false
			}
		}
		if cur == None {
			break
		}
		last = cur
	}
	return false
}

// pop drops continuation k and those pushed after it.
func (m *matcher) pop(k kid) { m.frames = m.frames[:k] }

// seq matches a list of pattern nodes (with ellipses) against a list of
// target nodes, entirely.
func (m *matcher) seq(ps []*pnode, ts []NodeID, bs []Binding, k kid) bool {
	if len(ps) == 0 {
		if len(ts) != 0 {
			return false
		}
		return m.resume(k, bs)
	}
	p := ps[0]
	if p.ellipsis || p.mvSeq != "" {
		rest := ps[1:]
		if len(rest) == 0 && p.ellipsis {
			return m.resume(k, bs)
		}
		kk, once := k, p.mvSeq == "" && !bindsAny(rest)
		if once {
			kk = m.push(frame{kind: kOnce, up: k})
			defer m.pop(kk)
		}
		for n := 0; n <= len(ts); n++ {
			nb := bs
			if p.mvSeq != "" {
				var b Binding
				b.Name, b.Node = p.mvSeq, None
				if n > 0 {
					b.Start, b.End = m.t.Nodes[ts[0]].Start, m.t.Nodes[ts[n-1]].End
				} else if len(ts) > 0 {
					b.Start, b.End = m.t.Nodes[ts[0]].Start, m.t.Nodes[ts[0]].Start
				}
				var ok bool
				if nb, ok = m.bind(nb, b); !ok {
					continue
				}
			}
			if m.seq(rest, ts[n:], nb, kk) {
				return true
			}
			if once && m.frames[kk].called {
				return false
			}
		}
		return false
	}
	if p.optMods {
		if len(ts) > 0 && m.t.Type(ts[0]) == "modifiers" {
			ts = ts[1:]
		}
		return m.seq(ps[1:], ts, bs, k)
	}
	if len(ts) == 0 {
		return false
	}
	kk := m.push(frame{kind: kSeq, ps: ps[1:], ts: ts[1:], up: k})
	stop := m.node(p, ts[0], bs, false, kk)
	m.pop(kk)
	return stop
}

// unordered matches lists whose keyword parts (keyword arguments, object
// members) may come in any order: the ordered parts match as a sequence,
// each keyword part of the pattern must match a distinct keyword part of
// the target, and without an ellipsis there may be no others. The
// pattern's parts were split at compile time (pnode.uKw, uOrd, uOpen).
func (m *matcher) unordered(p *pnode, parent NodeID, bs []Binding, k kid) bool {
	kwKind := p.unord
	if len(p.uKw) == 0 {
		return m.seqSib(p.kids, m.firstKid(parent), bs, k)
	}
	// The target's keyword and ordered parts go on the matcher's scratch
	// stack (popped on return), as offsets: it may grow meanwhile.
	mark := len(m.ids)
	nOrd := 0
	for c := m.firstKid(parent); c != None; c = m.nextKid(c) {
		typ := m.t.Type(c)
		if kwKind == "*" || typ == kwKind || typ == "dictionary_splat" {
			m.ids = append(m.ids, c)
		}
	}
	nKw := len(m.ids) - mark
	if kwKind != "*" {
		for c := m.firstKid(parent); c != None; c = m.nextKid(c) {
			typ := m.t.Type(c)
			if typ != kwKind && typ != "dictionary_splat" {
				m.ids = append(m.ids, c)
				nOrd++
			}
		}
	}
	defer func() { m.ids = m.ids[:mark]; m.used = m.used[:mark] }()
	open := p.uOpen
	if !open && nKw != len(p.uKw) {
		return false
	}
	for len(m.used) < len(m.ids) {
		m.used = append(m.used, false)
	}
	for i := mark; i < len(m.ids); i++ {
		m.used[i] = false
	}
	u := int32(len(m.unord))
	m.unord = append(m.unord, unordState{p: p, kw: int32(mark), nKw: int32(nKw), nOrd: int32(nOrd),
		toSeq: kwKind != "*" && !(open && len(p.uOrd) == 0)})
	stop := m.assign(u, 0, bs, k)
	m.unord = m.unord[:u]
	return stop
}

// assign matches keyword part i of unordered match u and the parts after
// it, each against a distinct keyword part of the target, trying every
// assignment in turn; then the ordered parts.
func (m *matcher) assign(u int32, i int, bs []Binding, k kid) bool {
	st := m.unord[u]
	if i == len(st.p.uKw) {
		if st.toSeq {
			ord := st.kw + st.nKw
			return m.seq(st.p.uOrd, m.ids[ord:ord+st.nOrd:ord+st.nOrd], bs, k)
		}
		return m.resume(k, bs)
	}
	p := st.p.uKw[i]
	kk := m.push(frame{kind: kAssign, u: u, i: int32(i + 1), up: k})
	defer m.pop(kk)
	for j := st.kw; j < st.kw+st.nKw; j++ {
		if m.used[j] {
			continue
		}
		m.used[j] = true
		once := m.push(frame{kind: kOnce, up: kk})
		stop := m.node(p, m.ids[j], bs, false, once)
		called := m.frames[once].called
		m.pop(once)
		m.used[j] = false
		if stop {
			return true
		}
		// A part without metavariables matched one target part:
		// taking another instead changes nothing that matters.
		if called && !p.binds {
			return false
		}
	}
	return false
}

// seqIn matches a multi-statement pattern against runs of the named
// children of a block-like node; each run that matches is one Match (the
// shortest run from each starting statement).
func (m *matcher) seqIn(pat *Pattern, id NodeID, out []Match) []Match {
	kids := m.t.NamedChildren(id)
	ps := pat.seq
	for len(ps) > 0 && ps[0].ellipsis {
		ps = ps[1:]
	}
	// A trailing ellipsis covers the rest of the block (so that
	// pattern-inside: "x = f()\n..." contains every later statement).
	toEnd := false
	for len(ps) > 0 && ps[len(ps)-1].ellipsis {
		ps = ps[:len(ps)-1]
		toEnd = true
	}
	if len(ps) == 0 {
		return out
	}
	m.frames = m.frames[:0]
	stop := m.push(frame{kind: kStop})
	for i := range kids {
		if !ps[0].ellipsis && ps[0].mvSeq == "" {
			if !m.node(ps[0], kids[i], nil, false, stop) {
				continue
			}
		}
		end := m.push(frame{kind: kSeqEnd})
		ok := m.seqPrefix(ps, kids[i:], nil, 0, 0, end)
		m.pop(end)
		if ok {
			last := kids[i+m.seqN-1]
			if toEnd {
				last = kids[len(kids)-1]
			}
			out = append(out, Match{Node: kids[i], Start: m.t.Nodes[kids[i]].Start,
				End: m.t.Nodes[last].End, Binds: append([]Binding(nil), m.seqBs...)})
		}
	}
	m.frames = m.frames[:0]
	return out
}

// seqPrefix matches ps against a prefix of ts, ellipses taking as little
// as they can, and resumes k (a kSeqEnd) with how many elements it used.
func (m *matcher) seqPrefix(ps []*pnode, ts []NodeID, bs []Binding, depth, used int, k kid) bool {
	if len(ps) == 0 {
		m.frames[k].used = int32(used)
		return m.resume(k, bs)
	}
	if depth > 64 {
		return false
	}
	p := ps[0]
	if p.ellipsis || p.mvSeq != "" {
		for n := 0; n <= len(ts); n++ {
			nb := bs
			if p.mvSeq != "" {
				b := Binding{Name: p.mvSeq, Node: None}
				if n > 0 {
					b.Start, b.End = m.t.Nodes[ts[0]].Start, m.t.Nodes[ts[n-1]].End
				} else if len(ts) > 0 {
					b.Start, b.End = m.t.Nodes[ts[0]].Start, m.t.Nodes[ts[0]].Start
				}
				var ok bool
				if nb, ok = m.bind(nb, b); !ok {
					continue
				}
			}
			if m.seqPrefix(ps[1:], ts[n:], nb, depth+1, used+n, k) {
				return true
			}
		}
		return false
	}
	if len(ts) == 0 {
		return false
	}
	kk := m.push(frame{kind: kPrefix, ps: ps[1:], ts: ts[1:], depth: int32(depth + 1), used: int32(used + 1), up: k})
	stop := m.node(p, ts[0], bs, false, kk)
	m.pop(kk)
	return stop
}
