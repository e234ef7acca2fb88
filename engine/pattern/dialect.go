package pattern

import (
	"strings"

	"github.com/lambdascan/lambdascan/engine/parse"
)

// dialect holds what the matcher must know about one grammar's shapes.
type dialect struct {
	family     parse.Language
	strings    map[string]bool // string literal kinds
	interp     map[string]bool // kinds inside a string that make it non-constant
	identLike  map[string]bool // leaf kinds that can be part of a dotted name
	dotted     map[string][2]string
	calls      map[string]callShape
	blocks     map[string]bool // kinds whose named children are a statement list
	unordered  map[string]string
	paren      string
	comment    string
	exprStmt   string
	kwArg      string // keyword argument kind (python)
	kwArgNames [2]string
}

// callShape names the fields of a call-like node.
type callShape struct {
	object, name string // Java: object + name; others: name only ("function")
	args         string
}

var dialects = map[parse.Language]*dialect{
	parse.Python: {
		family:    parse.Python,
		strings:   set("string", "concatenated_string"),
		interp:    set("interpolation"),
		identLike: set("identifier"),
		dotted:    map[string][2]string{"attribute": {"object", "attribute"}},
		calls:     map[string]callShape{"call": {name: "function", args: "arguments"}},
		blocks:    set("module", "block"),
		unordered: map[string]string{"argument_list": "keyword_argument", "dictionary": "pair"},
		paren:     "parenthesized_expression",
		comment:   "comment",
		exprStmt:  "expression_statement",
		kwArg:     "keyword_argument",
	},
	parse.JavaScript: {
		family:    parse.JavaScript,
		strings:   set("string", "template_string"),
		interp:    set("template_substitution"),
		identLike: set("identifier", "property_identifier", "this", "shorthand_property_identifier", "type_identifier"),
		dotted:    map[string][2]string{"member_expression": {"object", "property"}},
		calls: map[string]callShape{"call_expression": {name: "function", args: "arguments"},
			"new_expression": {name: "constructor", args: "arguments"}},
		blocks:    set("program", "statement_block"),
		unordered: map[string]string{"object": "*", "object_pattern": "*"},
		paren:     "parenthesized_expression",
		comment:   "comment",
		exprStmt:  "expression_statement",
	},
	parse.Java: {
		family:    parse.Java,
		strings:   set("string_literal"),
		interp:    set("string_interpolation"),
		identLike: set("identifier", "type_identifier"),
		dotted: map[string][2]string{"field_access": {"object", "field"}, "scoped_identifier": {"scope", "name"},
			"scoped_type_identifier": {"", ""}},
		calls: map[string]callShape{"method_invocation": {object: "object", name: "name", args: "arguments"},
			"object_creation_expression": {name: "type", args: "arguments"}},
		blocks:   set("program", "block", "class_body", "constructor_body"),
		paren:    "parenthesized_expression",
		comment:  "line_comment",
		exprStmt: "expression_statement",
	},
}

func set(xs ...string) map[string]bool {
	m := make(map[string]bool, len(xs))
	for _, x := range xs {
		m[x] = true
	}
	return m
}

func dialectFor(l parse.Language) *dialect { return dialects[l.Family()] }

// isPunct says whether an anonymous token is list punctuation, ignored when
// comparing nodes (ellipsis changes how many commas a list has).
func isPunct(tok string) bool {
	switch tok {
	case "(", ")", "[", "]", "{", "}", ",", ";", ".", "?.":
		return true
	}
	return false
}

// DottedName returns the dotted text of an identifier or attribute chain
// ("sp.run", "java.security.MessageDigest"), or "" if id is not one.
func (t *Tree) DottedName(id NodeID) string {
	d := dialectFor(t.Lang)
	if d == nil {
		return ""
	}
	var b strings.Builder
	if !t.dotted(d, id, &b) {
		return ""
	}
	return b.String()
}

func (t *Tree) dotted(d *dialect, id NodeID, b *strings.Builder) bool {
	if t.is(id, fIdent) {
		b.Write(t.Bytes(id))
		return true
	}
	if !t.is(id, fDotted) {
		return false
	}
	typ := t.Type(id)
	if typ == "scoped_type_identifier" {
		kids := t.NamedChildren(id)
		for i, k := range kids {
			if i > 0 {
				b.WriteByte('.')
			}
			if !t.dotted(d, k, b) {
				return false
			}
		}
		return len(kids) > 0
	}
	f, ok := d.dotted[typ]
	if !ok {
		return false
	}
	obj, prop := t.ChildByField(id, f[0]), t.ChildByField(id, f[1])
	if obj == None || prop == None || !t.is(prop, fIdent) {
		return false
	}
	if !t.dotted(d, obj, b) {
		return false
	}
	b.WriteByte('.')
	b.Write(t.Bytes(prop))
	return true
}

// isMemberName reports whether id is the member name of an attribute
// access (the `system` of `shell.system`), which is not a name of its own.
func (t *Tree) isMemberName(id NodeID) bool {
	par := t.Nodes[id].Parent
	if par == None {
		return false
	}
	if !t.is(par, fDotted) {
		return false
	}
	d := dialectFor(t.Lang)
	f := d.dotted[t.Type(par)]
	if f[1] == "" {
		return false
	}
	return t.ChildByField(par, f[1]) == id
}

// CalleeName returns the dotted name of the function a call-like node calls
// (Java "a.b.C.m" from object and name), or "" when it is not a plain name.
func (t *Tree) CalleeName(id NodeID) string {
	if !t.is(id, fCall) {
		return ""
	}
	d := dialectFor(t.Lang)
	shape := d.calls[t.Type(id)]
	var b strings.Builder
	if shape.object != "" {
		if obj := t.ChildByField(id, shape.object); obj != None {
			if !t.dotted(d, obj, &b) {
				return ""
			}
			b.WriteByte('.')
		}
	}
	n := t.ChildByField(id, shape.name)
	if n == None || !t.dotted(d, n, &b) {
		return ""
	}
	return b.String()
}

// calleeLast returns the node naming the called function's last part (the
// attribute of `a.b.f`, the name of a Java method invocation).
func (t *Tree) calleeLast(id NodeID) NodeID {
	d := dialectFor(t.Lang)
	shape := d.calls[t.Type(id)]
	n := t.ChildByField(id, shape.name)
	if n == None || shape.object != "" {
		return n
	}
	for {
		f, ok := d.dotted[t.Type(n)]
		if !ok || f[1] == "" {
			return n
		}
		p := t.ChildByField(n, f[1])
		if p == None {
			return n
		}
		n = p
	}
}

// IsName reports whether a node is a name or an attribute access.
func (t *Tree) IsName(id NodeID) bool { return t.is(id, fIdent|fDotted) }

// headName returns the leftmost name of a name or attribute chain.
func (t *Tree) headName(id NodeID) NodeID {
	d := dialectFor(t.Lang)
	for i := 0; i < 64 && id != None; i++ {
		if t.is(id, fIdent) {
			return id
		}
		f, ok := d.dotted[t.Type(id)]
		if !ok || f[0] == "" {
			return None
		}
		id = t.ChildByField(id, f[0])
	}
	return None
}

// Aliased reports whether a name's head was imported under an alias (or a
// Java wildcard may apply), so that Resolve can change it.
func (im *Imports) Aliased(t *Tree, id NodeID) bool {
	if im == nil {
		return false
	}
	h := t.headName(id)
	if h == None {
		return false
	}
	b := t.Bytes(h)
	if _, ok := im.Alias[string(b)]; ok {
		return true
	}
	return len(im.Wildcards) > 0 && len(b) > 0 && b[0] >= 'A' && b[0] <= 'Z'
}

// calleeIsName reports whether a call's function is a lone name (f(x),
// not a.f(x)).
func (t *Tree) calleeIsName(id NodeID) bool {
	d := dialectFor(t.Lang)
	shape := d.calls[t.Type(id)]
	if shape.object != "" {
		return t.ChildByField(id, shape.object) == None
	}
	n := t.ChildByField(id, shape.name)
	return n != None && t.is(n, fIdent)
}

// memberName returns the name node of an attribute access (the `run` of
// `sp.run`), or None.
func (t *Tree) memberName(id NodeID) NodeID {
	d := dialectFor(t.Lang)
	f, ok := d.dotted[t.Type(id)]
	if !ok || f[1] == "" {
		return None
	}
	return t.ChildByField(id, f[1])
}

// CallArgs returns the argument list node of a call-like node, or None.
func (t *Tree) CallArgs(id NodeID) NodeID {
	if !t.is(id, fCall) {
		return None
	}
	return t.ChildByField(id, dialectFor(t.Lang).calls[t.Type(id)].args)
}

// IsCall reports whether a node is call-like (calls and constructor calls).
func (t *Tree) IsCall(id NodeID) bool {
	return t.is(id, fCall)
}

// StringValue returns the value of a constant string literal node (quotes
// and prefixes removed, escapes kept as written), and false when the node
// is not a string literal or has interpolations.
func (t *Tree) StringValue(id NodeID) (string, bool) {
	if !t.is(id, fString) {
		return "", false
	}
	d := dialectFor(t.Lang)
	if t.Type(id) == "concatenated_string" {
		var b strings.Builder
		for _, c := range t.NamedChildren(id) {
			v, ok := t.StringValue(c)
			if !ok {
				return "", false
			}
			b.WriteString(v)
		}
		return b.String(), true
	}
	for c := t.Nodes[id].FirstChild; c != None; c = t.Nodes[c].NextSibling {
		if d.interp[t.Type(c)] {
			return "", false
		}
	}
	return unquote(t.Text(id)), true
}

// unquote strips string prefixes (r, b, u, f...) and matching quotes.
func unquote(s string) string {
	i := 0
	for i < len(s) && strings.IndexByte("rRbBuUfF", s[i]) >= 0 {
		i++
	}
	s = s[i:]
	for _, q := range []string{`"""`, `'''`, `"`, `'`, "`"} {
		if len(s) >= 2*len(q) && strings.HasPrefix(s, q) && strings.HasSuffix(s, q) {
			return s[len(q) : len(s)-len(q)]
		}
	}
	return s
}

// IsString reports whether a node is a string literal (constant or not).
func (t *Tree) IsString(id NodeID) bool {
	return t.is(id, fString)
}
