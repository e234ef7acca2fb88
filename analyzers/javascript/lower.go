package javascript

import (
	"maps"
	"path"
	"strings"

	"github.com/lambdascan/lambdascan/engine/ir"
	"github.com/lambdascan/lambdascan/engine/pattern"
)

var funcShape = ir.FuncShape{Name: "name", Params: "parameters", Body: "body"}

// Syntax is the JavaScript/TypeScript grammars' shape for the IR lowering.
var Syntax = &ir.Syntax{
	Funcs: map[string]ir.FuncShape{"function_declaration": funcShape, "generator_function_declaration": funcShape,
		"method_definition": funcShape},
	Lambdas: map[string]ir.FuncShape{"arrow_function": funcShape, "function_expression": funcShape,
		"function": funcShape, "generator_function": funcShape},
	Classes: map[string][2]string{"class_declaration": {"name", "body"}, "class": {"name", "body"}},
	Assigns: map[string][2]string{"variable_declarator": {"name", "value"}, "assignment_expression": {"left", "right"},
		"augmented_assignment_expression": {"left", "right"}},
	Weak:      map[string]bool{"augmented_assignment_expression": true},
	Returns:   map[string]bool{"return_statement": true},
	ForEach:   map[string][3]string{"for_in_statement": {"left", "right", "body"}},
	Vars:      map[string]bool{"identifier": true, "shorthand_property_identifier": true},
	Attrs:     map[string][2]string{"member_expression": {"object", "property"}},
	Indexes:   map[string][2]string{"subscript_expression": {"object", "index"}},
	Ifs:       map[string][3]string{"if_statement": {"condition", "consequence", "alternative"}},
	Ternaries: map[string]int{"ternary_expression": 0},
	Ignore: map[string]bool{"comment": true, "type_annotation": true, "type_arguments": true, "type_parameters": true,
		"import_statement": true, "interface_declaration": true, "type_alias_declaration": true, "decorator": true},
	AllowList: allowList,
	Target:    target,
	Route:     route,
}

// route recognises Express/Fastify/Koa-router/Hono style registrations:
// app.get(path, ..., (req, res) => ...) on a plain receiver, the handler's
// first parameter named like a request (req, request, ctx, c).
func route(call *ir.Expr, first string) bool {
	// Called while the call's arguments are lowered: Args holds those
	// before the function.
	if call.Recv == nil || call.Recv.Kind != ir.Var || len(call.Args) < 1 {
		return false
	}
	switch first {
	case "req", "request", "ctx", "c":
	default:
		return false
	}
	switch call.Name {
	case "get", "post", "put", "patch", "delete", "del", "all", "options", "head", "route":
		return call.Args[0].Kind == ir.Const // a path
	}
	return false
}

// target names a function assigned to lhs: `exports.x`, `module.exports.x`
// (exported) or a plain name.
func target(t *pattern.Tree, lhs pattern.NodeID) (string, bool) {
	switch t.Type(lhs) {
	case "identifier":
		return t.Text(lhs), false
	case "member_expression":
		d := t.DottedName(lhs)
		switch {
		case d == "module.exports" || d == "exports":
			return "default", true
		case strings.HasPrefix(d, "exports.") && strings.Count(d, ".") == 1:
			return strings.TrimPrefix(d, "exports."), true
		case strings.HasPrefix(d, "module.exports.") && strings.Count(d, ".") == 2:
			return strings.TrimPrefix(d, "module.exports."), true
		}
	}
	return "", false
}

// allowList recognises ALLOWED.includes(x), ALLOWED.has(x), x === "a",
// /re/.test(x) on a plain variable, possibly negated.
func allowList(t *pattern.Tree, cond pattern.NodeID) (string, bool, bool) {
	cond, negated, ok := ir.StripNot(t, cond)
	if !ok {
		return "", false, false
	}
	switch t.Type(cond) {
	case "binary_expression":
		l, r := t.ChildByField(cond, "left"), t.ChildByField(cond, "right")
		if l == pattern.None || r == pattern.None || t.Type(l) != "identifier" {
			return "", false, false
		}
		if _, ok := t.StringValue(r); !ok {
			return "", false, false
		}
		opText := ""
		for c := t.Nodes[cond].FirstChild; c != pattern.None; c = t.Nodes[c].NextSibling {
			if !t.Nodes[c].Named {
				opText = t.Type(c)
			}
		}
		switch opText {
		case "===", "==":
			return t.Text(l), negated, true
		case "!==", "!=":
			return t.Text(l), !negated, true
		}
		return "", false, false
	case "call_expression":
		fn, args := t.ChildByField(cond, "function"), t.ChildByField(cond, "arguments")
		if fn == pattern.None || args == pattern.None || t.Type(fn) != "member_expression" {
			return "", false, false
		}
		prop := t.ChildByField(fn, "property")
		a := t.NamedChildren(args)
		if len(a) != 1 || t.Type(a[0]) != "identifier" {
			return "", false, false
		}
		switch t.Text(prop) {
		case "includes", "has", "test":
			return t.Text(a[0]), negated, true
		}
	}
	return "", false, false
}

// ImportsAt is Imports with relative module specifiers resolved (see
// ResolveRelative).
func ImportsAt(t *pattern.Tree, file string) *pattern.Imports {
	return ResolveRelative(Imports(t), file)
}

// ResolveRelative returns im with relative module specifiers ("./db",
// "../lib/db.js") resolved against the importing file's folder, giving the
// module names Lower registers ("lib/db"). im itself is left as it is (the
// pattern matcher uses it as written); it is copied only when something
// needs resolving.
func ResolveRelative(im *pattern.Imports, file string) *pattern.Imports {
	dir := path.Dir(file)
	var out *pattern.Imports
	for k, v := range im.Alias {
		if strings.HasPrefix(v, "./") || strings.HasPrefix(v, "../") || v == "." || v == ".." {
			if out == nil {
				c := *im
				c.Alias = maps.Clone(im.Alias)
				out = &c
			}
			out.Alias[k] = path.Join(dir, v)
		}
	}
	if out == nil {
		return im
	}
	return out
}

func isHandlerName(name string) bool {
	n := strings.ToLower(name)
	return n == "handler" || n == "main" || n == "handle" || strings.HasPrefix(n, "handle") ||
		strings.HasSuffix(n, "handler") || n == "lambdahandler"
}

// Lower lowers a JavaScript/TypeScript file to the IR and marks its
// handlers: top-level functions (declarations, or arrow/function
// expressions bound to a name, `exports.x`, `module.exports.x`,
// `export const x`) named like a handler, or the one the handler setting
// names ("index.handler"). Their first parameter is the event.
func Lower(t *pattern.Tree, im *pattern.Imports, mod *ir.Module, handler string) {
	mod.Names = ir.ModuleNames(mod.Path, false)
	l := ir.NewLowerer(t, im, Syntax, mod)
	l.Lower()
	hmod, hfunc := "", ""
	if i := strings.LastIndexByte(handler, '.'); i > 0 {
		hmod, hfunc = handler[:i], handler[i+1:]
	}
	for _, f := range mod.Funcs {
		if strings.Contains(f.Name, ".") {
			continue
		}
		if l.TopFuncs[f.Name] {
			f.Exported = true
			f.Entry = len(f.Params) >= 1 && len(f.Params) <= 3
		}
		named := hfunc != "" && f.Name == hfunc && mod.Names[0] == hmod
		base := path.Base(mod.Names[0])
		defaultHandler := f.Name == "default" && (base == "index" || base == "handler" || base == "app" || base == "lambda" || base == "main")
		if named || l.TopFuncs[f.Name] && (isHandlerName(f.Name) || defaultHandler) && len(f.Params) >= 1 && len(f.Params) <= 3 {
			f.Handler, f.EventParam = true, 0
			if len(f.Params) > 1 {
				f.ContextParam = 1
			}
		}
	}
}
