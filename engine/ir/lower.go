package ir

import (
	"path"
	"strings"

	"github.com/lambdascan/lambdascan/engine/parse"
	"github.com/lambdascan/lambdascan/engine/pattern"
)

// FuncShape names the fields of a function-like node.
type FuncShape struct{ Name, Params, Body string }

// Syntax describes a grammar's shapes for the generic lowering. The
// language front ends (analyzers/...) provide one each, plus hooks.
type Syntax struct {
	Funcs   map[string]FuncShape // declarations: def, function, method
	Lambdas map[string]FuncShape // function expressions: arrow functions, lambdas
	Classes map[string][2]string // class kinds: name and body fields
	Assigns map[string][2]string // assignment kinds: target and value fields
	Weak    map[string]bool      // assignment kinds that add rather than replace (x += y)
	Returns map[string]bool      // return kinds (value: first named child)
	ForEach map[string][3]string // for-each loops: target, iterable, body fields
	Vars    map[string]bool      // variable reference kinds
	Attrs   map[string][2]string // attribute access kinds: object and name fields
	Indexes map[string][2]string // element access kinds: object and index fields
	KwArgs  map[string][2]string // keyword argument kinds: name and value fields
	Ifs     map[string][3]string // if kinds: condition, consequence, alternative fields
	// Ternaries are the conditional expression kinds (c ? a : b, a if c
	// else b), with the index of the test among their named children: the
	// test decides which value is taken but is not part of it.
	Ternaries map[string]int
	Ignore    map[string]bool // kinds never lowered (types, decorators, comments)
	Params    func(t *pattern.Tree, params pattern.NodeID) []string
	// AllowList recognises an allow-list check in an if condition: it
	// returns the checked variable and whether the condition is negated
	// (`if x not in ALLOWED:`).
	AllowList func(t *pattern.Tree, cond pattern.NodeID) (name string, negated bool, ok bool)
	// Resolve turns a call's dotted callee into the global name of the
	// function it calls, from the lowering context; nil: imports only.
	Resolve func(l *Lowerer, dotted string) string
	// Route recognises a call registering a web request handler
	// (app.get(path, (req, res) => ...)): its function arguments become
	// handlers whose first parameter is the request.
	Route func(call *Expr, firstParam string) bool
	// Target names an assigned function (exports.handler = ...) and says
	// whether that makes it exported.
	Target func(t *pattern.Tree, target pattern.NodeID) (name string, exported bool)
}

// Lowerer lowers one file.
type Lowerer struct {
	T       *pattern.Tree
	Imports *pattern.Imports
	Syn     *Syntax
	Mod     *Module
	// ModName is the module's primary name (its first Names entry).
	ModName string
	// Class is the enclosing class while lowering a method.
	Class string
	// Locals are the declared types of local variables (Java), for
	// resolving method calls on them.
	Locals map[string]string
	// TopFuncs are the module-level function names, TopClasses the
	// module-level class names.
	TopFuncs   map[string]bool
	TopClasses map[string]bool

	fn    *Func
	depth int
}

const maxDepth = 256

// NewLowerer prepares the lowering of a file.
func NewLowerer(t *pattern.Tree, im *pattern.Imports, syn *Syntax, mod *Module) *Lowerer {
	l := &Lowerer{T: t, Imports: im, Syn: syn, Mod: mod, TopFuncs: map[string]bool{}, TopClasses: map[string]bool{}}
	if len(mod.Names) > 0 {
		l.ModName = mod.Names[0]
	}
	return l
}

// Lower lowers the whole file: every function, method and arrow function
// assigned to a name becomes a Func.
func (l *Lowerer) Lower() {
	t := l.T
	// Module-level function names first, to resolve local calls.
	for _, c := range t.NamedChildren(t.Root()) {
		if name := l.declName(c); name != "" {
			l.TopFuncs[name] = true
		}
		for _, k := range append([]pattern.NodeID{c}, t.NamedChildren(c)...) {
			if cs, ok := l.Syn.Classes[t.Type(k)]; ok {
				if n := t.ChildByField(k, cs[0]); n != pattern.None {
					l.TopClasses[t.Text(n)] = true
				}
			}
		}
	}
	// Module-level code is a function of its own ("<module>"); the
	// definitions in it are lowered separately as they are met.
	root := t.Root()
	mf := &Func{Module: l.Mod, Name: "<module>", Start: t.Nodes[root].Start, End: t.Nodes[root].Start,
		EventParam: -1, ContextParam: -1}
	l.fn, l.Locals = mf, map[string]string{}
	l.stmts(root, false, &mf.Body)
	l.fn = nil
	if len(mf.Body) > 0 {
		l.Mod.Funcs = append(l.Mod.Funcs, mf)
	}
}

// declName returns the name a top-level statement declares as a function.
func (l *Lowerer) declName(id pattern.NodeID) string {
	if l.depth > maxDepth {
		return ""
	}
	l.depth++
	defer func() { l.depth-- }()
	t := l.T
	typ := t.Type(id)
	if sh, ok := l.Syn.Funcs[typ]; ok {
		if n := t.ChildByField(id, sh.Name); n != pattern.None {
			return t.Text(n)
		}
	}
	if as, ok := l.Syn.Assigns[typ]; ok {
		lhs, rhs := t.ChildByField(id, as[0]), t.ChildByField(id, as[1])
		if lhs != pattern.None && rhs != pattern.None {
			if _, ok := l.Syn.Lambdas[t.Type(l.unparen(rhs))]; ok {
				name, _ := l.targetName(lhs)
				return name
			}
		}
		return ""
	}
	if _, ok := l.Syn.Lambdas[typ]; ok {
		if par := t.Nodes[id].Parent; par != pattern.None && t.Type(par) == "export_statement" {
			return "default"
		}
		return ""
	}
	for _, c := range t.NamedChildren(id) {
		if n := l.declName(c); n != "" {
			return n
		}
	}
	return ""
}

// scope finds function definitions under id (outside any function body
// being lowered) and lowers each.
func (l *Lowerer) scope(id pattern.NodeID, class string) {
	if l.depth > maxDepth {
		return
	}
	l.depth++
	defer func() { l.depth-- }()
	t := l.T
	typ := t.Type(id)
	if sh, ok := l.Syn.Funcs[typ]; ok {
		name := ""
		if n := t.ChildByField(id, sh.Name); n != pattern.None {
			name = t.Text(n)
		}
		l.function(id, sh, name, class, false)
		return
	}
	if cs, ok := l.Syn.Classes[typ]; ok {
		name := ""
		if n := t.ChildByField(id, cs[0]); n != pattern.None {
			name = t.Text(n)
		}
		if class != "" {
			name = class + "." + name
		}
		if b := t.ChildByField(id, cs[1]); b != pattern.None {
			for _, c := range t.NamedChildren(b) {
				l.scope(c, name)
			}
		}
		return
	}
	if as, ok := l.Syn.Assigns[typ]; ok {
		// const handler = async (event) => {...}; exports.x = function () {...}
		lhs, rhs := t.ChildByField(id, as[0]), t.ChildByField(id, as[1])
		if lhs != pattern.None && rhs != pattern.None {
			rhs = l.unparen(rhs)
			if sh, ok := l.Syn.Lambdas[t.Type(rhs)]; ok {
				name, exported := l.targetName(lhs)
				if name != "" {
					l.function(rhs, sh, name, class, exported)
					return
				}
			}
		}
	}
	for c := t.Nodes[id].FirstChild; c != pattern.None; c = t.Nodes[c].NextSibling {
		if t.Nodes[c].Named {
			l.scope(c, class)
		}
	}
}

func (l *Lowerer) unparen(id pattern.NodeID) pattern.NodeID {
	for l.T.Type(id) == "parenthesized_expression" {
		kids := l.T.NamedChildren(id)
		if len(kids) != 1 {
			break
		}
		id = kids[0]
	}
	return id
}

func (l *Lowerer) targetName(lhs pattern.NodeID) (string, bool) {
	if l.Syn.Target != nil {
		return l.Syn.Target(l.T, lhs)
	}
	if l.Syn.Vars[l.T.Type(lhs)] {
		return l.T.Text(lhs), false
	}
	return "", false
}

// function lowers one function-like node into a Func.
func (l *Lowerer) function(id pattern.NodeID, sh FuncShape, name, class string, exported bool) {
	t := l.T
	if class != "" {
		name = class + "." + name
	}
	f := &Func{Module: l.Mod, Name: name, Start: t.Nodes[id].Start, End: t.Nodes[id].End,
		EventParam: -1, ContextParam: -1, Exported: exported}
	saveFn, saveClass, saveLocals := l.fn, l.Class, l.Locals
	l.fn, l.Class, l.Locals = f, class, map[string]string{}
	if p := t.ChildByField(id, sh.Params); p != pattern.None {
		f.Params = l.params(p)
	} else if p := t.ChildByField(id, "parameter"); p != pattern.None {
		f.Params = l.params(p)
	}
	if class != "" && len(f.Params) > 0 && (f.Params[0] == "self" || f.Params[0] == "cls") {
		f.Method = true
	}
	if b := t.ChildByField(id, sh.Body); b != pattern.None {
		if _, isBlock := l.Syn.Funcs[t.Type(b)]; !isBlock && l.isExpr(b) {
			// Arrow function with an expression body.
			f.Body = append(f.Body, &Stmt{Kind: Return, Value: l.expr(b), Start: t.Nodes[b].Start, End: t.Nodes[b].End})
		} else {
			l.stmts(b, false, &f.Body)
		}
	}
	l.fn, l.Class, l.Locals = saveFn, saveClass, saveLocals
	l.Mod.Funcs = append(l.Mod.Funcs, f)
}

// isExpr reports whether a function body node is an expression rather
// than a block of statements.
func (l *Lowerer) isExpr(id pattern.NodeID) bool {
	switch l.T.Type(id) {
	case "block", "statement_block", "constructor_body":
		return false
	}
	return true
}

func (l *Lowerer) params(id pattern.NodeID) []string {
	if l.Syn.Params != nil {
		return l.Syn.Params(l.T, id)
	}
	t := l.T
	if l.Syn.Vars[t.Type(id)] {
		return []string{t.Text(id)} // x => ...
	}
	var out []string
	for i, c := range t.NamedChildren(id) {
		core := c
		for {
			next := pattern.None
			for _, f := range []string{"pattern", "left", "name"} {
				if n := t.ChildByField(core, f); n != pattern.None {
					next = n
					break
				}
			}
			if next == pattern.None || t.Type(core) == "object_pattern" || t.Type(core) == "array_pattern" {
				break
			}
			core = next
		}
		switch {
		case l.Syn.Vars[t.Type(core)]:
			out = append(out, t.Text(core))
		case t.Type(core) == "rest_pattern":
			out = append(out, strings.TrimPrefix(t.Text(core), "..."))
		case t.Type(core) == "object_pattern" || t.Type(core) == "array_pattern":
			// ({body, headers}) => ...: the parameter is destructured.
			name := "$p" + string(rune('0'+i%10))
			out = append(out, name)
			if l.fn != nil {
				n := &t.Nodes[core]
				l.assign(core, &Expr{Kind: Var, Name: name, Start: n.Start, End: n.End}, false, n, &l.fn.Body)
			}
		default:
			out = append(out, t.Text(core))
		}
	}
	return out
}

// stmts lowers the statements under id into out.
func (l *Lowerer) stmts(id pattern.NodeID, cond bool, out *[]*Stmt) {
	if l.depth > maxDepth {
		return
	}
	l.depth++
	defer func() { l.depth-- }()
	t := l.T
	typ := t.Type(id)
	n := &t.Nodes[id]
	switch {
	case l.Syn.Ignore[typ]:
		return
	case l.Syn.Funcs[typ] != (FuncShape{}):
		// A nested function: lowered on its own.
		sh := l.Syn.Funcs[typ]
		name := ""
		if nn := t.ChildByField(id, sh.Name); nn != pattern.None {
			name = t.Text(nn)
		}
		saveFn := l.fn
		l.function(id, sh, name, "", false)
		l.fn = saveFn
		return
	case l.Syn.Classes[typ] != [2]string{}:
		saveFn := l.fn
		l.scope(id, l.Class)
		l.fn = saveFn
		return
	case l.Syn.Returns[typ]:
		s := &Stmt{Kind: Return, Cond: cond, Start: n.Start, End: n.End}
		for _, c := range t.NamedChildren(id) {
			if !l.Syn.Ignore[t.Type(c)] {
				s.Value = l.expr(c)
				break
			}
		}
		*out = append(*out, s)
		return
	}
	if as, ok := l.Syn.Assigns[typ]; ok {
		lhs, rhs := t.ChildByField(id, as[0]), t.ChildByField(id, as[1])
		if lhs != pattern.None {
			l.note(lhs)
		}
		if lhs != pattern.None && rhs != pattern.None {
			if sh, ok := l.Syn.Lambdas[t.Type(l.unparen(rhs))]; ok {
				// A function assigned to a name: lowered on its own.
				if name, exported := l.targetName(lhs); name != "" {
					saveFn := l.fn
					l.function(l.unparen(rhs), sh, name, l.Class, exported)
					l.fn = saveFn
					return
				}
			}
			v := l.expr(rhs)
			if l.Syn.Weak[typ] {
				v = &Expr{Kind: Op, Args: []*Expr{l.expr(lhs), v}, Start: v.Start, End: v.End}
			}
			l.noteInstance(lhs, v)
			l.assign(lhs, v, cond || l.Syn.Weak[typ], n, out)
			return
		}
		if rhs == pattern.None {
			return // a declaration without a value
		}
	}
	if fe, ok := l.Syn.ForEach[typ]; ok {
		target, iter, body := t.ChildByField(id, fe[0]), t.ChildByField(id, fe[1]), t.ChildByField(id, fe[2])
		if target != pattern.None && iter != pattern.None {
			it := l.expr(iter)
			l.assign(target, &Expr{Kind: Index, Recv: it, Start: it.Start, End: it.End}, true, n, out)
		}
		if body != pattern.None {
			l.stmts(body, true, out)
		}
		return
	}
	if is, ok := l.Syn.Ifs[typ]; ok {
		c, cons, alt := t.ChildByField(id, is[0]), t.ChildByField(id, is[1]), t.ChildByField(id, is[2])
		if c != pattern.None {
			ce := l.expr(c)
			*out = append(*out, &Stmt{Kind: Eval, Value: ce, Cond: cond, Start: ce.Start, End: ce.End})
		}
		var name string
		var negated, allow bool
		if c != pattern.None && l.Syn.AllowList != nil {
			name, negated, allow = l.Syn.AllowList(t, c)
		}
		if !allow {
			if cons != pattern.None {
				l.stmts(cons, true, out)
			}
			l.alts(alt, out)
			return
		}
		x := []*Expr{{Kind: Var, Name: name}}
		if !negated {
			// if x in ALLOWED: ... [else: ...] — x is checked inside the
			// consequence only; after the if it is as tainted as before,
			// unless the else branch leaves the function.
			at := n.End
			if cons != pattern.None {
				at = t.Nodes[cons].Start
			}
			*out = append(*out, &Stmt{Kind: Guard, Targets: x, Cond: true, Start: at, End: at})
			if cons != pattern.None {
				l.stmts(cons, true, out)
				at = t.Nodes[cons].End
			}
			*out = append(*out, &Stmt{Kind: Unguard, Targets: x, Cond: true, Exits: l.altExits(alt), Start: at, End: at})
			l.alts(alt, out)
			return
		}
		// if x not in ALLOWED: ... [else: ...] — the consequence sees x
		// unchecked; an assignment to x at its top level replaces it (x =
		// "default"), and the else branch and the code after the if see x
		// checked unless the consequence falls through with x unchanged.
		if cons != pattern.None {
			from := len(*out)
			l.stmts(cons, false, out)
			for _, s := range (*out)[from:] {
				strong := !cond && !s.Cond && s.Kind == Assign && len(s.Targets) == 1 &&
					s.Targets[0].Kind == Var && s.Targets[0].Name == name
				s.Cond = !strong
			}
		}
		exits := cons != pattern.None && l.exits(cons)
		if alt == pattern.None {
			if exits {
				*out = append(*out, &Stmt{Kind: Sanitize, Targets: x, Cond: cond, Start: n.End, End: n.End})
			}
			return
		}
		at := t.Nodes[alt].Start
		*out = append(*out, &Stmt{Kind: Guard, Targets: x, Cond: true, Start: at, End: at})
		l.alts(alt, out)
		*out = append(*out, &Stmt{Kind: Unguard, Targets: x, Cond: cond, Exits: exits, Start: n.End, End: n.End})
		return
	}
	if l.isCall(id) || l.Syn.Attrs[typ] != [2]string{} || l.Syn.Indexes[typ] != [2]string{} {
		e := l.expr(id)
		*out = append(*out, &Stmt{Kind: Eval, Value: e, Cond: cond, Start: n.Start, End: n.End})
		return
	}
	if sh, ok := l.Syn.Lambdas[typ]; ok {
		// export default async (event) => ...: the module's default export.
		if par := t.Nodes[id].Parent; par != pattern.None && t.Type(par) == "export_statement" {
			saveFn := l.fn
			l.function(id, sh, "default", "", true)
			l.fn = saveFn
			return
		}
		e := l.expr(id)
		*out = append(*out, &Stmt{Kind: Eval, Value: e, Cond: cond, Start: n.Start, End: n.End})
		return
	}
	// Any other statement or expression: lower what is inside. Compound
	// statements (loops, try, with, switch) make their bodies conditional.
	inner := cond || isCompound(typ)
	for c := n.FirstChild; c != pattern.None; c = t.Nodes[c].NextSibling {
		if t.Nodes[c].Named && !t.IsComment(c) {
			l.stmts(c, inner, out)
		}
	}
}

func isCompound(typ string) bool {
	for _, k := range []string{"for", "while", "try", "catch", "except", "finally", "with", "switch", "case", "else", "elif", "do_", "loop", "conditional", "ternary", "match"} {
		if strings.Contains(typ, k) {
			return true
		}
	}
	return false
}

// alts lowers the alternatives of an if (else, elif clauses), which run
// conditionally.
func (l *Lowerer) alts(alt pattern.NodeID, out *[]*Stmt) {
	t := l.T
	for a := alt; a != pattern.None; a = t.Nodes[a].NextSibling {
		if t.Nodes[a].Named && !t.IsComment(a) {
			l.stmts(a, true, out)
		}
	}
}

// altExits reports whether the alternative of an if is a single else
// branch that leaves the function.
func (l *Lowerer) altExits(alt pattern.NodeID) bool {
	t := l.T
	if alt == pattern.None {
		return false
	}
	for a := t.Nodes[alt].NextSibling; a != pattern.None; a = t.Nodes[a].NextSibling {
		if t.Nodes[a].Named && !t.IsComment(a) {
			return false // elif clauses
		}
	}
	if strings.Contains(t.Type(alt), "elif") {
		return false
	}
	return l.exits(alt)
}

func isExit(typ string) bool {
	return strings.Contains(typ, "return") || strings.Contains(typ, "raise") || strings.Contains(typ, "throw") ||
		strings.Contains(typ, "continue") || strings.Contains(typ, "break")
}

// exits reports whether a statement or block ends by leaving the function
// (return, raise, throw, continue, break).
func (l *Lowerer) exits(id pattern.NodeID) bool {
	t := l.T
	if l.depth > maxDepth {
		return false
	}
	l.depth++
	defer func() { l.depth-- }()
	if isExit(t.Type(id)) {
		return true
	}
	var last pattern.NodeID = pattern.None
	for _, k := range t.NamedChildren(id) {
		if !t.IsComment(k) {
			last = k
		}
	}
	if last == pattern.None {
		return false
	}
	switch typ := t.Type(last); {
	case isExit(typ):
		return true
	case typ == "block" || typ == "statement_block" || typ == "expression_statement" || typ == "else_clause":
		return l.exits(last)
	}
	return false
}

// note records the declared type of a Java local variable.
func (l *Lowerer) note(lhs pattern.NodeID) {
	t := l.T
	par := t.Nodes[lhs].Parent
	if par == pattern.None || l.Locals == nil {
		return
	}
	decl := t.Nodes[par].Parent
	if decl == pattern.None {
		return
	}
	if ty := t.ChildByField(decl, "type"); ty != pattern.None && l.Syn.Vars[t.Type(lhs)] {
		l.Locals[t.Text(lhs)] = stripGenerics(t.Text(ty))
	}
}

func stripGenerics(s string) string {
	if i := strings.IndexByte(s, '<'); i >= 0 {
		s = s[:i]
	}
	return strings.TrimSpace(s)
}

// assign lowers `lhs = v`, splitting destructuring into one assignment per
// name (each reading its part of v).
func (l *Lowerer) assign(lhs pattern.NodeID, v *Expr, cond bool, n *pattern.Node, out *[]*Stmt) {
	t := l.T
	typ := t.Type(lhs)
	switch {
	case l.Syn.Vars[typ], l.Syn.Attrs[typ] != [2]string{}, l.Syn.Indexes[typ] != [2]string{}:
		*out = append(*out, &Stmt{Kind: Assign, Targets: []*Expr{l.expr(lhs)}, Value: v, Cond: cond, Start: n.Start, End: n.End})
		return
	}
	// Destructuring: {a, b: c} = v; [a, b] = v; a, b = v.
	kids := t.NamedChildren(lhs)
	if len(kids) == 0 {
		*out = append(*out, &Stmt{Kind: Assign, Targets: []*Expr{{Kind: Var, Name: t.Text(lhs), Start: t.Nodes[lhs].Start, End: t.Nodes[lhs].End}},
			Value: v, Cond: cond, Start: n.Start, End: n.End})
		return
	}
	for _, k := range kids {
		part := k
		key := ""
		switch t.Type(k) {
		case "pair_pattern":
			if kk := t.ChildByField(k, "key"); kk != pattern.None {
				key = strings.Trim(t.Text(kk), `"'`)
			}
			part = t.ChildByField(k, "value")
		case "shorthand_property_identifier_pattern":
			key = t.Text(k)
		case "object_assignment_pattern", "assignment_pattern", "default_parameter":
			part = t.ChildByField(k, "left")
			if part == pattern.None {
				part = t.NamedChildren(k)[0]
			}
			if t.Type(part) == "shorthand_property_identifier_pattern" {
				key = t.Text(part)
			}
		case "rest_pattern", "list_splat_pattern":
			if ks := t.NamedChildren(k); len(ks) > 0 {
				part = ks[0]
			}
		}
		if part == pattern.None {
			continue
		}
		var sub *Expr
		if key != "" {
			sub = &Expr{Kind: Attr, Name: key, Recv: v, Start: v.Start, End: v.End}
		} else {
			sub = &Expr{Kind: Index, Recv: v, Start: v.Start, End: v.End}
		}
		if t.Type(part) == "shorthand_property_identifier_pattern" {
			*out = append(*out, &Stmt{Kind: Assign, Targets: []*Expr{{Kind: Var, Name: t.Text(part), Start: t.Nodes[part].Start, End: t.Nodes[part].End}},
				Value: sub, Cond: cond, Start: n.Start, End: n.End})
			continue
		}
		l.assign(part, sub, cond, n, out)
	}
}

func (l *Lowerer) isCall(id pattern.NodeID) bool { return l.T.IsCall(id) }

// expr lowers an expression.
func (l *Lowerer) expr(id pattern.NodeID) *Expr {
	t := l.T
	n := &t.Nodes[id]
	e := &Expr{Start: n.Start, End: n.End}
	if l.depth > maxDepth {
		return e
	}
	l.depth++
	defer func() { l.depth-- }()
	typ := t.Type(id)
	switch {
	case l.Syn.Ignore[typ]:
		return e
	case l.Syn.Vars[typ]:
		e.Kind, e.Name = Var, t.Text(id)
		return e
	case t.IsCall(id):
		return l.call(id, e)
	}
	if a, ok := l.Syn.Attrs[typ]; ok {
		obj, name := t.ChildByField(id, a[0]), t.ChildByField(id, a[1])
		if obj != pattern.None {
			e.Kind, e.Recv = Attr, l.expr(obj)
			if name != pattern.None {
				e.Name = t.Text(name)
			}
			return e
		}
	}
	if a, ok := l.Syn.Indexes[typ]; ok {
		obj, idx := t.ChildByField(id, a[0]), t.ChildByField(id, a[1])
		if obj == pattern.None {
			if kids := t.NamedChildren(id); len(kids) > 0 {
				obj = kids[0]
				if len(kids) > 1 {
					idx = kids[1]
				}
			}
		}
		if obj != pattern.None {
			e.Kind, e.Recv = Index, l.expr(obj)
			if idx != pattern.None {
				if v, ok := t.StringValue(idx); ok {
					e.Name = v
				} else {
					e.Args = []*Expr{l.expr(idx)}
					if ix := t.Text(idx); len(ix) < 20 {
						e.Name = ix
					}
				}
			}
			return e
		}
	}
	if sh, ok := l.Syn.Lambdas[typ]; ok {
		// A callback: its body is lowered into the enclosing function (see
		// call), and as an expression it carries nothing.
		_ = sh
		return e
	}
	kids := t.NamedChildren(id)
	if len(kids) == 0 {
		return e // literal
	}
	if t.IsString(id) {
		if _, ok := t.StringValue(id); ok {
			return e
		}
	}
	e.Kind = Op
	test := -1
	if i, ok := l.Syn.Ternaries[typ]; ok {
		test = i
	}
	for i, c := range kids {
		if l.Syn.Ignore[t.Type(c)] {
			continue
		}
		if i == test {
			e.Recv = l.expr(c)
			continue
		}
		if kw, ok := l.Syn.KwArgs[t.Type(c)]; ok {
			if v := t.ChildByField(c, kw[1]); v != pattern.None {
				e.Args = append(e.Args, l.expr(v))
			}
			continue
		}
		e.Args = append(e.Args, l.expr(c))
	}
	return e
}

// call lowers a call, resolving its callee.
func (l *Lowerer) call(id pattern.NodeID, e *Expr) *Expr {
	t := l.T
	e.Kind = Call
	dotted := t.CalleeName(id)
	if dotted != "" {
		e.Name = dotted[strings.LastIndexByte(dotted, '.')+1:]
		e.Callee = l.resolve(dotted)
	}
	// The receiver of a method call.
	shape := callShapeOf(t, id)
	if shape.object != "" {
		if obj := t.ChildByField(id, shape.object); obj != pattern.None {
			e.Recv = l.expr(obj)
		}
		if nn := t.ChildByField(id, shape.name); nn != pattern.None && e.Name == "" {
			e.Name = t.Text(nn)
		}
	} else if fn := t.ChildByField(id, shape.name); fn != pattern.None && t.Type(id) != "object_creation_expression" {
		fn = l.unparen(fn)
		if a, ok := l.Syn.Attrs[t.Type(fn)]; ok {
			if obj := t.ChildByField(fn, a[0]); obj != pattern.None {
				e.Recv = l.expr(obj)
			}
			if nn := t.ChildByField(fn, a[1]); nn != pattern.None {
				e.Name = t.Text(nn)
			}
		} else if !l.Syn.Vars[t.Type(fn)] {
			// f(x)(y), getattr(...)(...): the function is an expression.
			e.Recv = l.expr(fn)
		}
	}
	e.Static = l.static(dotted, e)
	args := t.CallArgs(id)
	if args == pattern.None {
		return e
	}
	for _, a := range t.NamedChildren(args) {
		typ := t.Type(a)
		if l.Syn.Ignore[typ] {
			continue
		}
		if kw, ok := l.Syn.KwArgs[typ]; ok {
			name, v := t.ChildByField(a, kw[0]), t.ChildByField(a, kw[1])
			if v != pattern.None {
				e.Args = append(e.Args, l.expr(v))
				e.Kw = append(e.Kw, t.Text(name))
			}
			continue
		}
		if sh, ok := l.Syn.Lambdas[typ]; ok {
			if l.Syn.Route != nil && l.Syn.Route(e, l.firstParam(a, sh)) {
				// app.get('/x', (req, res) => ...): a request handler of
				// a web framework, analysed on its own with req as source.
				n := len(l.Mod.Funcs)
				pos := t.Nodes[a].Start
				saveFn := l.fn
				l.function(a, sh, "route@"+itoa(int(pos)), "", false)
				l.fn = saveFn
				if len(l.Mod.Funcs) > n {
					f := l.Mod.Funcs[len(l.Mod.Funcs)-1]
					if len(f.Params) >= 2 {
						f.Handler, f.EventParam = true, 0
					}
				}
			} else {
				l.callback(a, sh, e)
			}
		}
		e.Args = append(e.Args, l.expr(a))
		e.Kw = append(e.Kw, "")
	}
	return e
}

// static says whether a call is of a plain function or a static method:
// its receiver, if any, is a dotted name whose head is an imported module
// or class, a class of the file, or a CamelCase class name.
func (l *Lowerer) static(dotted string, e *Expr) bool {
	if e.Recv == nil {
		return dotted != "" && e.Kind == Call
	}
	for r := e.Recv; r != nil; r = r.Recv {
		if r.Kind != Var && r.Kind != Attr {
			return false // a method of a call's result, of an element...
		}
	}
	head, _, _ := strings.Cut(dotted, ".")
	if head == "" || head == "self" || head == "this" {
		return false
	}
	if _, local := l.Locals[head]; local {
		return false
	}
	if l.Imports != nil {
		if _, ok := l.Imports.Alias[head]; ok {
			return true
		}
	}
	if l.TopClasses[head] {
		return true
	}
	if className(head) {
		return true
	}
	if l.Mod != nil && l.Mod.Lang == parse.Java {
		// org.apache.commons.io.FilenameUtils.getName: a package path
		// then a class.
		segs := strings.Split(dotted, ".")
		for _, s := range segs[:len(segs)-1] {
			if className(s) {
				return true
			}
			if strings.ToLower(s) != s {
				break
			}
		}
	}
	return false
}

// className says whether a name is spelled like a class (Integer,
// JSON, FilenameUtils), not like a constant instance (DB, MAPPER).
func className(s string) bool {
	if s == "" || s[0] < 'A' || s[0] > 'Z' {
		return false
	}
	return strings.ToUpper(s) != s || s == "JSON"
}

// callback lowers an inline function passed to a call into the enclosing
// function: its parameters receive the elements of the call's receiver
// (records.forEach(r => ...)) and its body runs conditionally.
func (l *Lowerer) callback(id pattern.NodeID, sh FuncShape, call *Expr) {
	if l.fn == nil {
		return
	}
	t := l.T
	var params []string
	if p := t.ChildByField(id, sh.Params); p != pattern.None {
		params = l.params(p)
	} else if p := t.ChildByField(id, "parameter"); p != pattern.None {
		params = []string{t.Text(p)}
	}
	n := &t.Nodes[id]
	if call.Recv != nil {
		for _, p := range params {
			l.fn.Body = append(l.fn.Body, &Stmt{Kind: Assign, Targets: []*Expr{{Kind: Var, Name: p, Start: n.Start, End: n.Start}},
				Value: &Expr{Kind: Index, Recv: call.Recv, Start: call.Recv.Start, End: call.Recv.End}, Cond: true, Start: n.Start, End: n.End})
		}
	}
	if b := t.ChildByField(id, sh.Body); b != pattern.None {
		if l.isExpr(b) {
			v := l.expr(b)
			l.fn.Body = append(l.fn.Body, &Stmt{Kind: Eval, Value: v, Cond: true, Start: v.Start, End: v.End})
		} else {
			l.stmts(b, true, &l.fn.Body)
		}
	}
}

// resolve turns a dotted callee into a global function name.
func (l *Lowerer) resolve(dotted string) string {
	if l.Syn.Resolve != nil {
		if r := l.Syn.Resolve(l, dotted); r != "" {
			return r
		}
	}
	head, rest, _ := strings.Cut(dotted, ".")
	if rest != "" {
		// self.helper(x) / this.helper(x): a method of the enclosing class.
		if (head == "self" || head == "this") && l.Class != "" && l.ModName != "" && !strings.Contains(rest, ".") {
			return l.ModName + "." + l.Class + "." + rest
		}
		// repo.find(x) after repo = Repo(): a method of that class.
		if cls, ok := l.Locals[head]; ok {
			return cls + "." + rest
		}
	}
	if rs := l.Imports.Resolve(dotted); len(rs) > 0 {
		return rs[0]
	}
	if l.ModName != "" && (rest == "" && l.TopFuncs[head] || rest != "" && l.TopClasses[head]) {
		return l.ModName + "." + dotted
	}
	return dotted
}

// noteInstance records that a local variable holds an instance of a class
// (x = Repo(...), x = new Repo()), by the capitalised name of the called
// constructor, for resolving later method calls on it.
func (l *Lowerer) noteInstance(lhs pattern.NodeID, v *Expr) {
	if l.Locals == nil || v == nil || v.Kind != Call || v.Callee == "" || !l.Syn.Vars[l.T.Type(lhs)] {
		return
	}
	last := v.Callee[strings.LastIndexByte(v.Callee, '.')+1:]
	if last == "" || last[0] < 'A' || last[0] > 'Z' {
		return
	}
	if _, declared := l.Locals[l.T.Text(lhs)]; !declared {
		l.Locals[l.T.Text(lhs)] = v.Callee
	}
}

type callShape struct{ object, name string }

func callShapeOf(t *pattern.Tree, id pattern.NodeID) callShape {
	switch t.Type(id) {
	case "method_invocation":
		return callShape{object: "object", name: "name"}
	case "object_creation_expression":
		return callShape{name: "type"}
	case "new_expression":
		return callShape{name: "constructor"}
	}
	return callShape{name: "function"}
}

// ModuleNames returns the names a file can be imported by, for Python
// (dotted, every suffix: "app/db.py" -> "app.db", "db") and JavaScript
// (path without extension; "lib/index.js" also "lib").
func ModuleNames(p string, python bool) []string {
	ext := path.Ext(p)
	base := strings.TrimSuffix(p, ext)
	if python {
		base = strings.TrimSuffix(base, "/__init__")
		parts := strings.Split(base, "/")
		var out []string
		for i := range parts {
			out = append(out, strings.Join(parts[i:], "."))
		}
		return out
	}
	out := []string{base}
	if strings.HasSuffix(base, "/index") {
		out = append(out, strings.TrimSuffix(base, "/index"))
	}
	return out
}

// firstParam returns the name of a function node's first parameter.
func (l *Lowerer) firstParam(id pattern.NodeID, sh FuncShape) string {
	t := l.T
	p := t.ChildByField(id, sh.Params)
	if p == pattern.None {
		p = t.ChildByField(id, "parameter")
	}
	if p == pattern.None {
		return ""
	}
	if l.Syn.Vars[t.Type(p)] {
		return t.Text(p)
	}
	for _, c := range t.NamedChildren(p) {
		for c != pattern.None && !l.Syn.Vars[t.Type(c)] {
			kids := t.NamedChildren(c)
			if len(kids) == 0 {
				return ""
			}
			c = kids[0]
		}
		if c != pattern.None {
			return t.Text(c)
		}
	}
	return ""
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var b [20]byte
	i := len(b)
	for n > 0 {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
	}
	return string(b[i:])
}

// StripNot unwraps parentheses and logical negation ("!" in JavaScript and
// Java, "not" in Python) around a condition, returning the inner condition
// and whether it was negated an odd number of times. ok is false for a
// malformed node.
func StripNot(t *pattern.Tree, cond pattern.NodeID) (inner pattern.NodeID, negated, ok bool) {
	for {
		switch t.Type(cond) {
		case "parenthesized_expression":
			kids := t.NamedChildren(cond)
			if len(kids) != 1 {
				return cond, false, false
			}
			cond = kids[0]
		case "unary_expression":
			kids := t.NamedChildren(cond)
			if len(kids) != 1 || !strings.HasPrefix(t.Text(cond), "!") {
				return cond, false, false
			}
			negated = !negated
			cond = kids[0]
		case "not_operator":
			kids := t.NamedChildren(cond)
			if len(kids) != 1 {
				return cond, false, false
			}
			negated = !negated
			cond = kids[0]
		default:
			return cond, negated, true
		}
	}
}
