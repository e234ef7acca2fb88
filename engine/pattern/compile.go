package pattern

import (
	"context"
	"fmt"
	"regexp"
	"strings"

	"github.com/lambdascan/lambdascan/engine/parse"
)

// Pattern is one compiled code pattern.
type Pattern struct {
	Source string         // the pattern as written
	Lang   parse.Language // the rule family it was compiled for
	root   *pnode
	seq    []*pnode // multi-statement pattern: a run of statements
}

// pnode is one node of a compiled pattern.
type pnode struct {
	kind     uint16 // global kind id
	typ      string // its name
	unord    string // the kind's unordered member kind (see dialect.unordered)
	anchor   string // a constant name the node must have (method name, defined name): an index key
	feature  string // else a feature a call must have: "pfx:subprocess" (callee prefix), "kw:shell" (keyword)
	text     string // leaf text
	leaf     bool
	mv       string // $X: binds any node
	mvSeq    string // $...X: binds a run of list elements
	ellipsis bool   // ...: any run of list elements, or any node
	str      *strPat
	dotted   string // a plain dotted name, compared after resolving imports
	callee   string // call-like node whose callee is a plain dotted name
	calleeMV string // ... or a plain dotted prefix (callee) then $MV: `subprocess.$F(...)`
	args     *pnode // its argument list when callee != ""
	field    string
	ops      []string // significant anonymous tokens
	kids     []*pnode
	kw       bool // a keyword argument (matched in any order)
	// For an unordered kind: the keyword parts, the ordered parts, and
	// whether an ellipsis lets the target have other parts.
	uKw, uOrd []*pnode
	uOpen     bool
	// Java: mods is a modifiers list, matching one with at least its
	// modifiers and annotations; optMods stands for the modifiers a
	// declaration pattern left out (the target's, if any, are skipped).
	mods, optMods bool
	binds         bool // the node or a part of it binds a metavariable
}

type strPat struct {
	any   bool   // "..."
	mv    string // "$X"
	value string
}

var (
	mvRe     = regexp.MustCompile(`^__MV_([A-Z0-9_]+)__$`)
	mvSeqRe  = regexp.MustCompile(`^__MVS_([A-Z0-9_]+)__$`)
	ellipsis = "__ELLIPSIS__"
	hyphen   = "__HYPHEN__" // an escaped hyphen in a name (node\-serialize)
)

// unhyphen restores the escaped hyphens of a name.
func unhyphen(s string) string { return strings.ReplaceAll(s, hyphen, "-") }

// preprocess rewrites metavariables and ellipses to identifiers every
// grammar accepts: $X -> __MV_X__, $...X -> __MVS_X__, ... -> __ELLIPSIS__.
// Ellipses inside string literals stay, and mean "any string".
func preprocess(src string) string {
	var b strings.Builder
	var quote string // current string delimiter
	for i := 0; i < len(src); {
		c := src[i]
		if quote != "" {
			if c == '\\' && i+1 < len(src) {
				b.WriteString(src[i : i+2])
				i += 2
				continue
			}
			if strings.HasPrefix(src[i:], quote) {
				b.WriteString(quote)
				i += len(quote)
				quote = ""
				continue
			}
			if c == '$' {
				if n := mvName(src[i+1:]); n != "" {
					b.WriteString("__MV_" + n + "__")
					i += 1 + len(n)
					continue
				}
			}
			b.WriteByte(c)
			i++
			continue
		}
		switch {
		case c == '"' || c == '\'' || c == '`':
			quote = string(c)
			if strings.HasPrefix(src[i:], `"""`) || strings.HasPrefix(src[i:], `'''`) {
				quote = src[i : i+3]
			}
			b.WriteString(quote)
			i += len(quote)
			continue
		case c == '\\' && i > 0 && isIdentByte(src[i-1]) && strings.HasPrefix(src[i+1:], "-") &&
			i+2 < len(src) && isIdentByte(src[i+2]):
			// node\-serialize: a hyphen inside a module name.
			b.WriteString(hyphen)
			i += 2
			continue
		case c == '$' && strings.HasPrefix(src[i+1:], "..."):
			if n := mvName(src[i+4:]); n != "" {
				b.WriteString("__MVS_" + n + "__")
				i += 4 + len(n)
				continue
			}
		case c == '$':
			if n := mvName(src[i+1:]); n != "" {
				b.WriteString("__MV_" + n + "__")
				i += 1 + len(n)
				continue
			}
		case strings.HasPrefix(src[i:], "..."):
			// A JavaScript spread ("...args") stays a spread.
			if i+3 < len(src) && isIdentByte(src[i+3]) {
				break
			}
			b.WriteString(ellipsis)
			i += 3
			continue
		}
		b.WriteByte(c)
		i++
	}
	return b.String()
}

// dictEllipsis rewrites the ellipses (preprocessed) directly inside
// braces of Python code to `**__ELLIPSIS__`, so that `{"k": $V, ...}`
// parses as a dict.
func dictEllipsis(src string) string {
	var b strings.Builder
	var stack []byte
	var quote string
	for i := 0; i < len(src); {
		c := src[i]
		if quote != "" {
			if c == '\\' && i+1 < len(src) {
				b.WriteString(src[i : i+2])
				i += 2
				continue
			}
			if strings.HasPrefix(src[i:], quote) {
				b.WriteString(quote)
				i += len(quote)
				quote = ""
				continue
			}
			b.WriteByte(c)
			i++
			continue
		}
		switch {
		case c == '"' || c == '\'':
			quote = string(c)
			if strings.HasPrefix(src[i:], `"""`) || strings.HasPrefix(src[i:], `'''`) {
				quote = src[i : i+3]
			}
			b.WriteString(quote)
			i += len(quote)
			continue
		case c == '(' || c == '[' || c == '{':
			stack = append(stack, c)
		case c == ')' || c == ']' || c == '}':
			if len(stack) > 0 {
				stack = stack[:len(stack)-1]
			}
		case strings.HasPrefix(src[i:], ellipsis) && len(stack) > 0 && stack[len(stack)-1] == '{' &&
			(i == 0 || !isIdentByte(src[i-1]) && src[i-1] != '*'):
			b.WriteString("**" + ellipsis)
			i += len(ellipsis)
			continue
		}
		b.WriteByte(c)
		i++
	}
	return b.String()
}

// javaEllipsis rewrites the (preprocessed) ellipses Java does not accept
// where they stand: a statement (`{ ... }` becomes `{ __ELLIPSIS__; }`) and
// the parameters of a declaration (`f(...) {` becomes
// `f(__ELLIPSIS__ __ELLIPSIS__) {`, one formal parameter).
func javaEllipsis(src string) string {
	var b strings.Builder
	prevSig := func() byte { // last non-space byte written
		out := b.String()
		for i := len(out) - 1; i >= 0; i-- {
			if c := out[i]; c != ' ' && c != '\t' && c != '\n' && c != '\r' {
				return c
			}
		}
		return 0
	}
	nextSig := func(i int) (byte, int) {
		for ; i < len(src); i++ {
			if c := src[i]; c != ' ' && c != '\t' && c != '\n' && c != '\r' {
				return c, i
			}
		}
		return 0, i
	}
	var quote byte
	for i := 0; i < len(src); {
		c := src[i]
		if quote != 0 {
			b.WriteByte(c)
			if c == '\\' && i+1 < len(src) {
				b.WriteByte(src[i+1])
				i += 2
				continue
			}
			if c == quote {
				quote = 0
			}
			i++
			continue
		}
		if c == '"' || c == '\'' {
			quote = c
			b.WriteByte(c)
			i++
			continue
		}
		if !strings.HasPrefix(src[i:], ellipsis) || i > 0 && isIdentByte(src[i-1]) {
			b.WriteByte(c)
			i++
			continue
		}
		end := i + len(ellipsis)
		prev := prevSig()
		next, at := nextSig(end)
		switch {
		case prev == '(' && next == ')':
			// f(...) followed by a body or throws: parameters.
			after, k := nextSig(at + 1)
			if after == '{' || strings.HasPrefix(src[k:], "throws") {
				b.WriteString(ellipsis + " " + ellipsis)
				i = end
				continue
			}
		case (prev == '{' || prev == ';' || prev == '}' || prev == 0) && next != ';' && next != ',' && next != ')' && next != '.':
			b.WriteString(ellipsis + ";")
			i = end
			continue
		}
		b.WriteString(ellipsis)
		i = end
	}
	return b.String()
}

func mvName(s string) string {
	n := 0
	for n < len(s) && (s[n] >= 'A' && s[n] <= 'Z' || s[n] == '_' || n > 0 && s[n] >= '0' && s[n] <= '9') {
		n++
	}
	return s[:n]
}

func isIdentByte(c byte) bool {
	return c == '_' || c == '$' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// Compile parses a pattern written in a rule family's language (python,
// javascript, java). A pattern that does not parse is an error.
func Compile(lang parse.Language, src string) (*Pattern, error) {
	lang = lang.Family()
	if dialectFor(lang) == nil {
		return nil, fmt.Errorf("no pattern support for language %q", lang)
	}
	text := preprocess(strings.TrimSpace(src))
	if text == "" {
		return nil, fmt.Errorf("empty pattern")
	}
	var attempts []struct {
		lang parse.Language
		src  string
		wrap bool
	}
	add := func(l parse.Language, s string, wrap bool) {
		attempts = append(attempts, struct {
			lang parse.Language
			src  string
			wrap bool
		}{l, s, wrap})
	}
	switch lang {
	case parse.Python:
		add(parse.Python, text, false)
		// `{"k": $V, ...}`: an ellipsis among a dict's pairs is written
		// as a dict splat, which the grammar accepts there.
		if d := dictEllipsis(text); d != text {
			add(parse.Python, d, false)
		}
	case parse.JavaScript:
		add(parse.JavaScript, text, false)
		add(parse.TypeScript, text, false)
	case parse.Java:
		for _, v := range []string{text, javaEllipsis(text)} {
			if v == text && len(attempts) > 0 {
				break
			}
			add(parse.Java, v, false)
			add(parse.Java, v+";", false)
			add(parse.Java, "class __WRAP__ {\n"+v+"\n}", true)
		}
	}
	p := parse.NewParser(0)
	defer p.Close()
	var firstErr string
	for _, a := range attempts {
		tr, err := p.Parse(context.Background(), a.lang, []byte(a.src))
		if err != nil {
			return nil, fmt.Errorf("parse pattern: %w", err)
		}
		e, bad := tr.FirstError()
		if bad {
			if firstErr == "" {
				firstErr = e.String()
			}
			tr.Close()
			continue
		}
		ft := Flatten(tr)
		tr.Close()
		pat := &Pattern{Source: src, Lang: lang}
		top := ft.NamedChildren(ft.Root())
		if a.wrap && len(top) == 1 {
			body := ft.ChildByField(top[0], "body")
			if body == None {
				continue
			}
			top = ft.NamedChildren(body)
		}
		c := &compiler{t: ft, d: dialectFor(lang)}
		switch len(top) {
		case 0:
			return nil, fmt.Errorf("empty pattern")
		case 1:
			pat.root = c.node(top[0], true)
			markBinds(pat.root)
		default:
			for _, s := range top {
				n := c.node(s, true)
				markBinds(n)
				pat.seq = append(pat.seq, n)
			}
		}
		return pat, nil
	}
	return nil, fmt.Errorf("pattern does not parse as %s: %s", lang, firstErr)
}

type compiler struct {
	t *Tree
	d *dialect
}

func (c *compiler) node(id NodeID, top bool) *pnode {
	t := c.t
	typ := t.Type(id)
	text := t.Text(id)
	p := &pnode{kind: t.Kind(id), typ: typ, field: t.FieldName(id), unord: c.d.unordered[typ]}
	if m := mvRe.FindStringSubmatch(text); m != nil {
		p.mv = m[1]
		return p
	}
	if m := mvSeqRe.FindStringSubmatch(text); m != nil {
		p.mvSeq = m[1]
		return p
	}
	if text == ellipsis {
		p.ellipsis = true
		return p
	}
	// f(...) in a Java declaration: any parameters.
	if typ == "formal_parameter" && strings.Join(strings.Fields(text), " ") == ellipsis+" "+ellipsis {
		p.ellipsis = true
		return p
	}
	// catch ($T $E): $T stands for the whole caught type, a
	// multi-catch (IOException | SQLException) too.
	if typ == "catch_type" {
		if kids := t.NamedChildren(id); len(kids) == 1 {
			if m := mvRe.FindStringSubmatch(t.Text(kids[0])); m != nil {
				p.mv = m[1]
				return p
			}
		}
	}
	// `**...` in a dict pattern: any other pairs.
	if typ == "dictionary_splat" && strings.TrimSpace(strings.TrimPrefix(text, "**")) == ellipsis {
		p.ellipsis = true
		return p
	}
	// ({a: $X}) is how an object literal pattern parses: the parentheses
	// are not part of what it means.
	if top && typ == c.d.paren {
		if kids := t.NamedChildren(id); len(kids) == 1 {
			return c.node(kids[0], true)
		}
	}
	// A statement that is just an expression: match the expression (at
	// the top, so `foo(...)` also finds calls nested in expressions).
	if typ == c.d.exprStmt {
		kids := t.NamedChildren(id)
		if len(kids) == 1 {
			inner := c.node(kids[0], top)
			if top && inner.typ == c.d.paren {
				if pk := inner.kids; len(pk) == 1 {
					inner = pk[0]
				}
			}
			if top || inner.ellipsis || inner.mv != "" {
				inner.field = p.field
				return inner
			}
		}
	}
	if c.d.strings[typ] {
		if v, ok := t.StringValue(id); ok {
			switch {
			case v == "...":
				p.str = &strPat{any: true}
			case mvRe.MatchString(v):
				p.str = &strPat{mv: mvRe.FindStringSubmatch(v)[1]}
			default:
				p.str = &strPat{value: v}
			}
			return p
		}
	}
	if d := unhyphen(t.DottedName(id)); d != "" && !strings.Contains(d, "__") && !t.isMemberName(id) {
		p.dotted = d
		return p
	}
	if shape, ok := c.d.calls[typ]; ok {
		if callee := unhyphen(t.CalleeName(id)); callee != "" && !strings.Contains(callee, "__") {
			if a := t.ChildByField(id, shape.args); a != None {
				p.callee = callee
				p.args = c.node(a, false)
				return p
			}
		}
	}
	if shape, ok := c.d.calls[typ]; ok {
		if prefix, mv := c.prefixMV(id, shape); mv != "" {
			if a := t.ChildByField(id, shape.args); a != None {
				p.callee, p.calleeMV = prefix, mv
				p.args = c.node(a, false)
				p.feature = "pfx:" + prefix
				return p
			}
		}
	}
	if c.d.kwArg != "" && typ == c.d.kwArg {
		p.kw = true
	}
	p.anchor = anchorOf(t, id)
	if mvRe.MatchString(p.anchor) || mvSeqRe.MatchString(p.anchor) || p.anchor == ellipsis {
		p.anchor = ""
	}
	for ch := t.Nodes[id].FirstChild; ch != None; ch = t.Nodes[ch].NextSibling {
		if !t.Nodes[ch].Named {
			if tok := t.Type(ch); !isPunct(tok) {
				p.ops = append(p.ops, tok)
			}
			continue
		}
		if t.isComment(ch) {
			continue
		}
		p.kids = append(p.kids, c.node(ch, false))
	}
	if len(p.kids) == 0 {
		p.leaf = true
		p.text = text
	}
	if c.d.family == parse.Java {
		javaShapes(p)
	}
	if p.anchor == "" && t.IsCall(id) {
		// $CALL(..., shell=True, ...): calls without that keyword need
		// not be tried.
		for _, k := range p.kids {
			for _, a := range k.kids {
				if a.kw && len(a.kids) > 0 {
					name := a.kids[0].text
					if !a.kids[0].leaf {
						name = a.kids[0].dotted
					}
					if name != "" && !strings.Contains(name, ".") {
						p.feature = "kw:" + name
						break
					}
				}
			}
			if p.feature != "" {
				break
			}
		}
	}
	if u := c.d.unordered[typ]; u != "" {
		for _, k := range p.kids {
			if u == "*" || GlobalName(k.kind) == u {
				k.kw = k.kw || !k.ellipsis
			}
		}
		for _, k := range p.kids {
			if k.ellipsis || k.mvSeq != "" {
				p.uOpen = true
			}
			if k.kw {
				p.uKw = append(p.uKw, k)
			} else {
				p.uOrd = append(p.uOrd, k)
			}
		}
		if u == "*" && len(p.uKw) > 0 {
			// Object members: all of them are unordered.
			for _, k := range p.uOrd {
				if !k.ellipsis && k.mvSeq == "" {
					p.uKw = append(p.uKw, k)
				}
			}
			p.uOrd = nil
		}
	}
	return p
}

// javaDecls are the Java declarations that may have modifiers.
var javaDecls = set("field_declaration", "method_declaration", "constructor_declaration", "class_declaration",
	"interface_declaration", "enum_declaration", "record_declaration", "local_variable_declaration",
	"formal_parameter", "constant_declaration", "annotation_type_declaration")

// javaShapes adapts a compiled Java node to what a pattern means rather
// than what it spells: modifiers are a subset (`public $R f(...)` matches
// an @Override public final method), a declaration without modifiers
// matches one with any, and a try with one catch clause matches a try
// with several (and a finally).
func javaShapes(p *pnode) {
	switch p.typ {
	case "modifiers":
		p.mods, p.leaf, p.text = true, false, ""
		p.unord, p.uKw, p.uOrd, p.uOpen = "*", p.kids, nil, true
		return
	case "try_statement", "try_with_resources_statement":
		var ks []*pnode
		for i, k := range p.kids {
			if i > 0 {
				ks = append(ks, &pnode{ellipsis: true})
			}
			ks = append(ks, k)
		}
		p.kids = append(ks, &pnode{ellipsis: true})
	}
	if p.typ == "local_variable_declaration" && len(p.kids) > 0 && p.kids[0].typ == "modifiers" {
		// `private static final $T $X = ...;` parses as a local
		// variable, but only a field can have these modifiers.
		for _, op := range p.kids[0].ops {
			if op == "public" || op == "private" || op == "protected" || op == "static" {
				p.typ, p.kind = "field_declaration", GlobalKind("field_declaration")
				break
			}
		}
	}
	if javaDecls[p.typ] {
		for _, k := range p.kids {
			if k.typ == "modifiers" {
				return
			}
		}
		p.kids = append([]*pnode{{optMods: true}}, p.kids...)
		p.leaf = false
	}
}

// markBinds sets pnode.binds over a compiled pattern.
func markBinds(n *pnode) bool {
	if n == nil {
		return false
	}
	b := n.mv != "" || n.mvSeq != "" || n.calleeMV != "" || n.str != nil && n.str.mv != ""
	if markBinds(n.args) {
		b = true
	}
	for _, k := range n.kids {
		if markBinds(k) {
			b = true
		}
	}
	n.binds = b
	return b
}

// anchorOf returns the constant name a node carries, used to index
// patterns and to skip nodes cheaply: the method name of a call
// (`$O.execute(...)` -> "execute") or the `name` of a definition.
func anchorOf(t *Tree, id NodeID) string {
	if t.IsCall(id) {
		if last := t.calleeLast(id); last != None && t.is(last, fIdent) {
			return t.Text(last)
		}
		return ""
	}
	if n := t.ChildByField(id, "name"); n != None && t.is(n, fIdent) {
		return t.Text(n)
	}
	return ""
}

// prefixMV recognises a callee written `a.b.$M`: a plain dotted prefix
// and a metavariable for the last name.
func (c *compiler) prefixMV(id NodeID, shape callShape) (string, string) {
	t := c.t
	var obj, name NodeID
	if shape.object != "" {
		obj, name = t.ChildByField(id, shape.object), t.ChildByField(id, shape.name)
	} else {
		fn := t.ChildByField(id, shape.name)
		if fn == None {
			return "", ""
		}
		f, ok := c.d.dotted[t.Type(fn)]
		if !ok {
			return "", ""
		}
		obj, name = t.ChildByField(fn, f[0]), t.ChildByField(fn, f[1])
	}
	if obj == None || name == None {
		return "", ""
	}
	m := mvRe.FindStringSubmatch(t.Text(name))
	prefix := unhyphen(t.DottedName(obj))
	if m == nil || prefix == "" || strings.Contains(prefix, "__") {
		return "", ""
	}
	return prefix, m[1]
}

// words returns names every match of the pattern has in its code as whole
// tokens: constant names (method names, keywords, object keys, leaves),
// the last names of dotted names and of callees (imports change a name's
// head, never its last part, which the file spells in its import). A file
// without one of them cannot match the pattern.
func (p *Pattern) words() []string {
	seen := map[string]bool{}
	var out []string
	add := func(w string) {
		if isWord(w) && !seen[w] {
			seen[w] = true
			out = append(out, w)
		}
	}
	var rec func(n *pnode)
	rec = func(n *pnode) {
		if n == nil || n.mv != "" || n.mvSeq != "" || n.ellipsis || n.str != nil {
			return
		}
		switch {
		case n.dotted != "":
			add(lastSeg(n.dotted))
			return
		case n.callee != "":
			if n.calleeMV == "" {
				add(lastSeg(n.callee))
			}
			rec(n.args)
			return
		}
		add(n.anchor)
		if n.leaf {
			add(n.text)
		}
		for _, k := range n.kids {
			rec(k)
		}
	}
	rec(p.root)
	for _, s := range p.seq {
		rec(s)
	}
	return out
}

// isWord reports whether s is one whole token for wordsIn: an ASCII
// identifier.
func isWord(s string) bool {
	if s == "" || s[0] >= '0' && s[0] <= '9' {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !isIdentByte(s[i]) {
			return false
		}
	}
	return true
}

// isTokenByte says whether c belongs to an identifier token of code
// (non-ASCII bytes do, so a token is never split inside a name).
func isTokenByte(c byte) bool { return isIdentByte(c) || c >= 0x80 }

// Lone returns the metavariable of a pattern that is only a metavariable
// ("$X": it matches every expression), or "".
func (p *Pattern) Lone() string {
	if p.seq != nil || p.root == nil {
		return ""
	}
	return p.root.mv
}

// Metavariables returns the metavariable names a pattern binds, sorted by
// first appearance.
func (p *Pattern) Metavariables() []string {
	var out []string
	seen := map[string]bool{}
	var rec func(n *pnode)
	rec = func(n *pnode) {
		if n == nil {
			return
		}
		for _, v := range []string{n.mv, n.mvSeq} {
			if v != "" && !seen[v] {
				seen[v] = true
				out = append(out, "$"+v)
			}
		}
		if n.calleeMV != "" && !seen[n.calleeMV] {
			seen[n.calleeMV] = true
			out = append(out, "$"+n.calleeMV)
		}
		if n.str != nil && n.str.mv != "" && !seen[n.str.mv] {
			seen[n.str.mv] = true
			out = append(out, "$"+n.str.mv)
		}
		rec(n.args)
		for _, k := range n.kids {
			rec(k)
		}
	}
	rec(p.root)
	for _, s := range p.seq {
		rec(s)
	}
	return out
}
