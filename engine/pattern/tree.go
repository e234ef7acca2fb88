// Package pattern matches code patterns written in the target language, with
// metavariables ($X, $...ARGS) and ellipsis (...), against syntax trees.
//
// It exists so that detectors can be data: a rule names code the way a user
// would write it, and this package decides, semantically where it must
// (imports and aliases resolved, keyword arguments in any order, equivalent
// string literals, parentheses), whether a tree contains it.
//
// Trees are first copied out of tree-sitter into a flat Go array (Tree),
// once per file, with one cursor walk. Matching many patterns then costs no
// cgo calls and no allocations per node visit, and the same flat tree feeds
// the IR lowering of the language front ends.
package pattern

import (
	"strings"
	"sync"
	"unicode/utf8"

	sitter "github.com/smacker/go-tree-sitter"

	"github.com/lambdascan/lambdascan/engine/parse"
)

// NodeID indexes Tree.Nodes; None is "no node".
type NodeID int32

// None is the null NodeID.
const None NodeID = -1

// Node is one syntax node of a flat tree. Anonymous tokens keep only
// their kind and place in the tree: their Start and End are the start of
// their parent and Field is 0.
type Node struct {
	Kind        uint16 // grammar symbol
	Named       bool
	Field       uint8 // index into the dialect's field names; 0: none
	Start, End  uint32
	Parent      NodeID
	FirstChild  NodeID
	NextSibling NodeID
}

// Tree is a syntax tree copied out of tree-sitter into Go memory. It stays
// valid after the tree-sitter tree is closed.
type Tree struct {
	Lang  parse.Language // the file's language (typescript stays typescript)
	Src   []byte
	Nodes []Node
	Kinds *Kinds
	lines []uint32 // byte offset of each line start, built on demand
	mu    sync.Mutex
}

// Kinds is the symbol table of a grammar: names and fields by number.
type Kinds struct {
	names  []string
	byName map[string][]uint16
	named  []bool
	fields map[string]uint8
	fieldN []string
	gid    []uint16 // symbol -> global kind id (see GlobalKind)
	flags  []uint8  // symbol -> kind flags of the language's dialect
	mu     sync.Mutex
}

// Kind flags, precomputed per symbol so hot paths need no map lookups.
const (
	fCall uint8 = 1 << iota
	fDotted
	fIdent
	fBlock
	fComment
	fString
	fNotExpr // statements, blocks, definitions, string parts: a bare $X pattern does not match them
)

// notExpr says whether a node kind is something a lone metavariable
// pattern ($X) does not stand for: a statement, block, definition,
// declaration, comment, or a piece of a string.
func notExpr(name string) bool {
	for _, suf := range []string{"_statement", "_definition", "_declaration", "block", "_body", "_clause",
		"comment", "string_start", "string_end", "string_content", "string_fragment", "escape_sequence",
		"module", "program", "decorator", "import_from_statement", "_list", "parameters", "arguments",
		"modifiers", "annotation"} {
		if strings.HasSuffix(name, suf) {
			return true
		}
	}
	return name == "ERROR"
}

func (k *Kinds) flag(s uint16, f uint8) bool {
	return int(s) < len(k.flags) && k.flags[s]&f != 0
}

var (
	kindsMu    sync.Mutex
	kindsCache = map[parse.Language]*Kinds{}
)

// KindsFor returns the symbol table of a language's grammar.
func KindsFor(l parse.Language) *Kinds {
	kindsMu.Lock()
	defer kindsMu.Unlock()
	if k := kindsCache[l]; k != nil {
		return k
	}
	g := parse.Grammar(l)
	if g == nil {
		return nil
	}
	n := int(g.SymbolCount())
	k := &Kinds{names: make([]string, n), named: make([]bool, n), byName: map[string][]uint16{},
		fields: map[string]uint8{"": 0}, fieldN: []string{""}}
	for i := 0; i < n; i++ {
		s := sitter.Symbol(i)
		k.names[i] = g.SymbolName(s)
		k.named[i] = g.SymbolType(s) == sitter.SymbolTypeRegular
		k.byName[k.names[i]] = append(k.byName[k.names[i]], uint16(i))
		k.gid = append(k.gid, GlobalKind(k.names[i]))
	}
	// Field names are fixed by the grammar: number them as tree-sitter
	// does, so lookups need no lock.
	for i := 1; i < 255; i++ {
		name := g.FieldName(i)
		if name == "" {
			break
		}
		k.fields[name] = uint8(i)
		k.fieldN = append(k.fieldN, name)
	}
	k.flags = make([]uint8, n)
	if d := dialectFor(l); d != nil {
		for i, name := range k.names {
			var f uint8
			if _, ok := d.calls[name]; ok {
				f |= fCall
			}
			if _, ok := d.dotted[name]; ok {
				f |= fDotted
			}
			if d.identLike[name] {
				f |= fIdent
			}
			if d.blocks[name] {
				f |= fBlock
			}
			if name == "comment" || name == "line_comment" || name == "block_comment" {
				f |= fComment
			}
			if d.strings[name] {
				f |= fString
			}
			if notExpr(name) {
				f |= fNotExpr
			}
			k.flags[i] = f
		}
	}
	kindsCache[l] = k
	return k
}

// Global returns the language-independent kind id of a symbol.
func (k *Kinds) Global(s uint16) uint16 {
	if int(s) < len(k.gid) {
		return k.gid[s]
	}
	return GlobalKind("ERROR")
}

var (
	globalMu    sync.Mutex
	globalKinds = map[string]uint16{}
	globalNames []string
)

// GlobalKind interns a node type name across grammars, so that a pattern
// parsed with the JavaScript grammar can be compared with a TypeScript tree
// by integer.
func GlobalKind(name string) uint16 {
	globalMu.Lock()
	defer globalMu.Unlock()
	if g, ok := globalKinds[name]; ok {
		return g
	}
	g := uint16(len(globalNames))
	globalKinds[name] = g
	globalNames = append(globalNames, name)
	return g
}

// GlobalName returns the type name of a global kind id.
func GlobalName(g uint16) string {
	globalMu.Lock()
	defer globalMu.Unlock()
	if int(g) < len(globalNames) {
		return globalNames[g]
	}
	return ""
}

// Name returns a symbol's name ("ERROR" for errors).
func (k *Kinds) Name(s uint16) string {
	if int(s) < len(k.names) {
		return k.names[s]
	}
	return "ERROR"
}

func (k *Kinds) field(name string) uint8 { return k.fields[name] }

// FieldID returns the number of a field name, or 0 if the grammar has no
// such field.
func (k *Kinds) FieldID(name string) uint8 { return k.fields[name] }

// Flatten copies a parsed tree into Go memory with one cursor walk.
func Flatten(t *parse.Tree) *Tree {
	return flatten(t.Lang, t.Source, t.Root())
}

func flatten(lang parse.Language, src []byte, root *sitter.Node) *Tree {
	if ft, ok := flattenFast(lang, src, root); ok {
		return ft
	}
	return flattenCursor(lang, src, root)
}

// flattenCursor copies a tree through go-tree-sitter's cursor API (several
// cgo calls per node); flattenFast does it in one call when it can.
func flattenCursor(lang parse.Language, src []byte, root *sitter.Node) *Tree {
	k := KindsFor(lang)
	ft := &Tree{Lang: lang, Src: src, Kinds: k}
	est := len(src)/6 + 16
	ft.Nodes = make([]Node, 0, est)
	c := sitter.NewTreeCursor(root)
	defer c.Close()
	// Stack of the last child added at each depth.
	type frame struct{ id, last NodeID }
	stack := make([]frame, 0, 64)
	fieldCache := map[string]uint8{}
	// add copies the cursor's node. Anonymous tokens (punctuation,
	// operators, keywords) only need their kind: their byte range and field
	// are left out, which saves three cgo calls for half the nodes.
	add := func(parent NodeID) (NodeID, bool) {
		n := c.CurrentNode()
		sym := n.Symbol()
		id := NodeID(len(ft.Nodes))
		named := true // ERROR
		if int(sym) < len(k.named) {
			named = k.named[sym]
		}
		node := Node{Kind: uint16(sym), Named: named, Parent: parent, FirstChild: None, NextSibling: None}
		if named || parent == None {
			node.Start, node.End = n.StartByte(), n.EndByte()
			if parent != None {
				if name := c.CurrentFieldName(); name != "" {
					f, ok := fieldCache[name]
					if !ok {
						f = k.field(name)
						fieldCache[name] = f
					}
					node.Field = f
				}
			}
		} else if parent != None {
			node.Start = ft.Nodes[parent].Start
			node.End = node.Start
		}
		ft.Nodes = append(ft.Nodes, node)
		return id, named
	}
	rootID, _ := add(None)
	stack = append(stack, frame{id: rootID, last: None})
	if !c.GoToFirstChild() {
		return ft
	}
	for {
		top := &stack[len(stack)-1]
		id, named := add(top.id)
		if top.last == None {
			ft.Nodes[top.id].FirstChild = id
		} else {
			ft.Nodes[top.last].NextSibling = id
		}
		top.last = id
		if named && c.GoToFirstChild() {
			stack = append(stack, frame{id: id, last: None})
			continue
		}
		for !c.GoToNextSibling() {
			if !c.GoToParent() || len(stack) <= 1 {
				return ft
			}
			stack = stack[:len(stack)-1]
		}
	}
}

// Root is the root node's id.
func (t *Tree) Root() NodeID { return 0 }

// Kind returns the global kind id of a node (see GlobalKind).
func (t *Tree) Kind(id NodeID) uint16 { return t.Kinds.Global(t.Nodes[id].Kind) }

// Type returns the grammar name of a node's kind.
func (t *Tree) Type(id NodeID) string { return t.Kinds.Name(t.Nodes[id].Kind) }

// Text returns a node's source text.
func (t *Tree) Text(id NodeID) string {
	n := &t.Nodes[id]
	return string(t.Src[n.Start:n.End])
}

// Bytes returns a node's source bytes without copying.
func (t *Tree) Bytes(id NodeID) []byte {
	n := &t.Nodes[id]
	return t.Src[n.Start:n.End]
}

// FieldName returns the field a node has in its parent ("" if none).
func (t *Tree) FieldName(id NodeID) string {
	f := int(t.Nodes[id].Field)
	if f < len(t.Kinds.fieldN) {
		return t.Kinds.fieldN[f]
	}
	return ""
}

// Children returns a node's children (named and anonymous).
func (t *Tree) Children(id NodeID) []NodeID {
	var out []NodeID
	for c := t.Nodes[id].FirstChild; c != None; c = t.Nodes[c].NextSibling {
		out = append(out, c)
	}
	return out
}

// NamedChildren returns a node's named children, comments left out.
func (t *Tree) NamedChildren(id NodeID) []NodeID {
	var out []NodeID
	for c := t.Nodes[id].FirstChild; c != None; c = t.Nodes[c].NextSibling {
		if t.Nodes[c].Named && !t.isComment(c) {
			out = append(out, c)
		}
	}
	return out
}

// ChildByField returns the first child with the given field name.
func (t *Tree) ChildByField(id NodeID, field string) NodeID {
	f := t.Kinds.FieldID(field)
	if f == 0 {
		return None
	}
	for c := t.Nodes[id].FirstChild; c != None; c = t.Nodes[c].NextSibling {
		if t.Nodes[c].Field == f {
			return c
		}
	}
	return None
}

func (t *Tree) isComment(id NodeID) bool { return t.Kinds.flag(t.Nodes[id].Kind, fComment) }

// is reports whether a node's kind has a flag.
func (t *Tree) is(id NodeID, f uint8) bool { return t.Kinds.flag(t.Nodes[id].Kind, f) }

// Position is a 1-based line and code-point column.
type Position struct{ Line, Column int }

// Pos converts a byte offset to a 1-based line and code-point column.
func (t *Tree) Pos(off uint32) Position {
	t.mu.Lock()
	if t.lines == nil {
		t.lines = append(t.lines, 0)
		for i, b := range t.Src {
			if b == '\n' {
				t.lines = append(t.lines, uint32(i+1))
			}
		}
	}
	lines := t.lines
	t.mu.Unlock()
	lo, hi := 0, len(lines)-1
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if lines[mid] <= off {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	if int(off) > len(t.Src) {
		off = uint32(len(t.Src))
	}
	col := utf8.RuneCount(t.Src[lines[lo]:off]) + 1
	return Position{Line: lo + 1, Column: col}
}

// LineText returns the text of a 1-based line without its newline.
func (t *Tree) LineText(line int) string {
	t.Pos(0)
	if line < 1 || line > len(t.lines) {
		return ""
	}
	start := t.lines[line-1]
	end := uint32(len(t.Src))
	if line < len(t.lines) {
		end = t.lines[line] - 1
	}
	s := t.Src[start:end]
	if len(s) > 0 && s[len(s)-1] == '\r' {
		s = s[:len(s)-1]
	}
	return string(s)
}

// Walk calls fn for every node in document order (pre-order). If fn
// returns false the node's children are skipped.
func (t *Tree) Walk(from NodeID, fn func(id NodeID) bool) {
	if from == None || int(from) >= len(t.Nodes) {
		return
	}
	// Flattened pre-order: nodes were appended in pre-order, so a subtree
	// is a contiguous range [from, end).
	end := t.subtreeEnd(from)
	for id := from; id < end; {
		if fn(id) {
			id++
			continue
		}
		id = t.subtreeEnd(id)
	}
}

// subtreeEnd returns the id just after the last node of id's subtree.
func (t *Tree) subtreeEnd(id NodeID) NodeID {
	for n := id; n != None; n = t.Nodes[n].Parent {
		if s := t.Nodes[n].NextSibling; s != None {
			return s
		}
	}
	return NodeID(len(t.Nodes))
}

// Contains reports whether a's byte range contains b's.
func (t *Tree) Contains(a, b NodeID) bool {
	na, nb := &t.Nodes[a], &t.Nodes[b]
	return na.Start <= nb.Start && nb.End <= na.End
}

// Sexp renders a subtree as an S-expression of named nodes with their
// fields and leaf text, for debugging and `rules explain`.
func (t *Tree) Sexp(id NodeID) string {
	var b []byte
	var rec func(id NodeID)
	rec = func(id NodeID) {
		if f := t.FieldName(id); f != "" {
			b = append(b, f...)
			b = append(b, ':')
		}
		b = append(b, '(')
		b = append(b, t.Type(id)...)
		kids := t.NamedChildren(id)
		if len(kids) == 0 {
			b = append(b, ' ')
			b = append(b, t.Text(id)...)
		}
		for _, c := range kids {
			b = append(b, ' ')
			rec(c)
		}
		b = append(b, ')')
	}
	rec(id)
	return string(b)
}

// IsComment reports whether a node is a comment.
func (t *Tree) IsComment(id NodeID) bool { return t.isComment(id) }
