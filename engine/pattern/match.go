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
type matcher struct {
	t  *Tree
	d  *dialect
	im *Imports
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

// node matches pattern node p against target node id.
func (m *matcher) node(p *pnode, id NodeID, bs []Binding, top bool) ([]Binding, bool) {
	t := m.t
	if p.ellipsis {
		return bs, true
	}
	if !top {
		id = m.unwrap(p, id)
	}
	n := &t.Nodes[id]
	if p.mv != "" {
		if t.isComment(id) {
			return bs, false
		}
		return m.bind(bs, Binding{Name: p.mv, Node: id, Start: n.Start, End: n.End})
	}
	if p.str != nil {
		if !t.IsString(id) {
			if m.im != nil && t.is(id, fIdent) && !t.isMemberName(id) && p.str.mv == "" {
				if v, ok := m.im.Consts[string(t.Bytes(id))]; ok {
					return bs, p.str.any || v == p.str.value
				}
			}
			return bs, false
		}
		if p.str.mv != "" {
			return m.bind(bs, Binding{Name: p.str.mv, Node: id, Start: n.Start, End: n.End})
		}
		v, ok := t.StringValue(id)
		if !ok {
			return bs, false
		}
		return bs, p.str.any || v == p.str.value
	}
	if p.dotted != "" {
		if t.isMemberName(id) {
			return bs, false
		}
		got := t.DottedName(id)
		return bs, got != "" && m.nameMatches(got, p.dotted)
	}
	if p.callee != "" {
		if !t.IsCall(id) || p.typ != t.Type(id) {
			return bs, false
		}
		got := t.CalleeName(id)
		if got == "" {
			return bs, false
		}
		if p.calleeMV != "" {
			last := t.calleeLast(id)
			if last == None || !m.prefixMatches(got, p.callee) {
				return bs, false
			}
			ln := &t.Nodes[last]
			var ok bool
			if bs, ok = m.bind(bs, Binding{Name: p.calleeMV, Node: last, Start: ln.Start, End: ln.End}); !ok {
				return bs, false
			}
		} else if !m.nameMatches(got, p.callee) {
			return bs, false
		}
		args := t.CallArgs(id)
		if args == None {
			return bs, false
		}
		return m.node(p.args, args, bs, true)
	}
	if t.Kind(id) != p.kind {
		return bs, false
	}
	if p.leaf {
		return bs, string(t.Bytes(id)) == p.text
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
			return bs, false
		}
		oi++
	}
	if oi != len(p.ops) {
		return bs, false
	}
	if p.anchor != "" && anchorOf(t, id) != p.anchor {
		return bs, false
	}
	if u := p.unord; u != "" {
		return m.unordered(p.kids, t.NamedChildren(id), u, bs)
	}
	return m.seqSib(p.kids, m.firstKid(id), bs)
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

// seqSib is seq over the sibling list starting at first (None: empty),
// without building a slice.
func (m *matcher) seqSib(ps []*pnode, first NodeID, bs []Binding) ([]Binding, bool) {
	if len(ps) == 0 {
		return bs, first == None
	}
	p := ps[0]
	if p.ellipsis || p.mvSeq != "" {
		last := None // the last element the ellipsis took
		for cur := first; ; cur = m.nextKid(cur) {
			nb := bs
			if p.mvSeq != "" {
				b := Binding{Name: p.mvSeq, Node: None}
				switch {
				case last != None:
					b.Start, b.End = m.t.Nodes[first].Start, m.t.Nodes[last].End
				case first != None:
					b.Start, b.End = m.t.Nodes[first].Start, m.t.Nodes[first].Start
				}
				var ok bool
				if nb, ok = m.bind(nb, b); !ok {
					if cur == None {
						break
					}
					last = cur
					continue
				}
			}
			if out, ok := m.seqSib(ps[1:], cur, nb); ok {
				return out, true
			}
			if cur == None {
				break
			}
			last = cur
		}
		return bs, false
	}
	if first == None {
		return bs, false
	}
	nb, ok := m.node(p, first, bs, false)
	if !ok {
		return bs, false
	}
	return m.seqSib(ps[1:], m.nextKid(first), nb)
}

// seq matches a list of pattern nodes (with ellipses) against a list of
// target nodes, entirely.
func (m *matcher) seq(ps []*pnode, ts []NodeID, bs []Binding) ([]Binding, bool) {
	if len(ps) == 0 {
		return bs, len(ts) == 0
	}
	p := ps[0]
	if p.ellipsis || p.mvSeq != "" {
		for k := 0; k <= len(ts); k++ {
			nb := bs
			if p.mvSeq != "" {
				var b Binding
				b.Name, b.Node = p.mvSeq, None
				if k > 0 {
					b.Start, b.End = m.t.Nodes[ts[0]].Start, m.t.Nodes[ts[k-1]].End
				} else if len(ts) > 0 {
					b.Start, b.End = m.t.Nodes[ts[0]].Start, m.t.Nodes[ts[0]].Start
				}
				var ok bool
				if nb, ok = m.bind(nb, b); !ok {
					continue
				}
			}
			if out, ok := m.seq(ps[1:], ts[k:], nb); ok {
				return out, true
			}
		}
		return bs, false
	}
	if len(ts) == 0 {
		return bs, false
	}
	nb, ok := m.node(p, ts[0], bs, false)
	if !ok {
		return bs, false
	}
	return m.seq(ps[1:], ts[1:], nb)
}

// unordered matches lists whose keyword parts (keyword arguments, object
// members) may come in any order: the ordered parts match as a sequence,
// each keyword part of the pattern must match a distinct keyword part of
// the target, and without an ellipsis there may be no others.
func (m *matcher) unordered(ps []*pnode, ts []NodeID, kwKind string, bs []Binding) ([]Binding, bool) {
	var pOrd, pKw []*pnode
	open := false
	for _, p := range ps {
		if p.ellipsis || p.mvSeq != "" {
			open = true
		}
		if p.kw {
			pKw = append(pKw, p)
		} else {
			pOrd = append(pOrd, p)
		}
	}
	if len(pKw) == 0 {
		return m.seq(ps, ts, bs)
	}
	var tOrd, tKw []NodeID
	for _, id := range ts {
		typ := m.t.Type(id)
		if kwKind == "*" || typ == kwKind || typ == "dictionary_splat" {
			tKw = append(tKw, id)
		} else {
			tOrd = append(tOrd, id)
		}
	}
	if kwKind == "*" {
		// Object members: all of them are unordered.
		tOrd = nil
		var keep []*pnode
		for _, p := range pOrd {
			if !p.ellipsis && p.mvSeq == "" {
				keep = append(keep, p)
			}
		}
		pKw = append(pKw, keep...)
		pOrd = nil
	}
	if !open && len(tKw) != len(pKw) {
		return bs, false
	}
	if !open && len(pOrd) != len(tOrd) && kwKind == "*" {
		return bs, false
	}
	used := make([]bool, len(tKw))
	for _, p := range pKw {
		found := false
		for i, id := range tKw {
			if used[i] {
				continue
			}
			if nb, ok := m.node(p, id, bs, false); ok {
				bs, used[i], found = nb, true, true
				break
			}
		}
		if !found {
			return bs, false
		}
	}
	if kwKind == "*" {
		return bs, true
	}
	if open && len(pOrd) == 0 {
		return bs, true
	}
	return m.seq(pOrd, tOrd, bs)
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
	for i := range kids {
		if !ps[0].ellipsis && ps[0].mvSeq == "" {
			if _, ok := m.node(ps[0], kids[i], nil, false); !ok {
				continue
			}
		}
		if bs, n, ok := m.seqPrefix(ps, kids[i:], nil, 0); ok && n > 0 {
			last := kids[i+n-1]
			if toEnd {
				last = kids[len(kids)-1]
			}
			out = append(out, Match{Node: kids[i], Start: m.t.Nodes[kids[i]].Start,
				End: m.t.Nodes[last].End, Binds: bs})
		}
	}
	return out
}

// seqPrefix matches ps against a prefix of ts, ellipses taking as little
// as they can, and returns how many elements it used.
func (m *matcher) seqPrefix(ps []*pnode, ts []NodeID, bs []Binding, depth int) ([]Binding, int, bool) {
	if len(ps) == 0 {
		return bs, 0, true
	}
	if depth > 64 {
		return bs, 0, false
	}
	p := ps[0]
	if p.ellipsis || p.mvSeq != "" {
		for k := 0; k <= len(ts); k++ {
			nb := bs
			if p.mvSeq != "" {
				b := Binding{Name: p.mvSeq, Node: None}
				if k > 0 {
					b.Start, b.End = m.t.Nodes[ts[0]].Start, m.t.Nodes[ts[k-1]].End
				} else if len(ts) > 0 {
					b.Start, b.End = m.t.Nodes[ts[0]].Start, m.t.Nodes[ts[0]].Start
				}
				var ok bool
				if nb, ok = m.bind(nb, b); !ok {
					continue
				}
			}
			if out, n, ok := m.seqPrefix(ps[1:], ts[k:], nb, depth+1); ok {
				return out, k + n, true
			}
		}
		return bs, 0, false
	}
	if len(ts) == 0 {
		return bs, 0, false
	}
	nb, ok := m.node(p, ts[0], bs, false)
	if !ok {
		return bs, 0, false
	}
	out, n, ok := m.seqPrefix(ps[1:], ts[1:], nb, depth+1)
	return out, n + 1, ok
}
