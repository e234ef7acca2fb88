package python

import (
	"path"
	"slices"
	"strings"

	"github.com/lambdascan/lambdascan/engine/ir"
	"github.com/lambdascan/lambdascan/engine/pattern"
)

// Syntax is the Python grammar's shape for the shared IR lowering.
var Syntax = &ir.Syntax{
	Funcs:   map[string]ir.FuncShape{"function_definition": {Name: "name", Params: "parameters", Body: "body"}},
	Lambdas: map[string]ir.FuncShape{"lambda": {Params: "parameters", Body: "body"}},
	Classes: map[string][2]string{"class_definition": {"name", "body"}},
	Assigns: map[string][2]string{"assignment": {"left", "right"}, "augmented_assignment": {"left", "right"},
		"named_expression": {"name", "value"}},
	Weak:      map[string]bool{"augmented_assignment": true},
	Returns:   map[string]bool{"return_statement": true},
	ForEach:   map[string][3]string{"for_statement": {"left", "right", "body"}, "for_in_clause": {"left", "right", ""}},
	Vars:      map[string]bool{"identifier": true},
	Attrs:     map[string][2]string{"attribute": {"object", "attribute"}},
	Indexes:   map[string][2]string{"subscript": {"value", "subscript"}},
	KwArgs:    map[string][2]string{"keyword_argument": {"name", "value"}},
	Ifs:       map[string][3]string{"if_statement": {"condition", "consequence", "alternative"}},
	Ternaries: map[string]int{"conditional_expression": 1},
	Ignore: map[string]bool{"comment": true, "decorator": true, "type": true, "import_statement": true,
		"import_from_statement": true, "future_import_statement": true, "pass_statement": true},
	Params:    params,
	AllowList: allowList,
}

func params(t *pattern.Tree, id pattern.NodeID) []string {
	var out []string
	for _, c := range t.NamedChildren(id) {
		switch t.Type(c) {
		case "identifier":
			out = append(out, t.Text(c))
		case "typed_parameter", "list_splat_pattern", "dictionary_splat_pattern":
			for _, k := range t.NamedChildren(c) {
				if t.Type(k) == "identifier" {
					out = append(out, t.Text(k))
					break
				}
			}
		case "default_parameter", "typed_default_parameter":
			if n := t.ChildByField(c, "name"); n != pattern.None {
				out = append(out, t.Text(n))
			}
		}
	}
	return out
}

// allowList recognises `x in ALLOWED`, `x not in ALLOWED`, `x == "a"`,
// `x != "a"` and `x.isdigit()` / `x.isalnum()` / `re.fullmatch(..., x)`
// checks on a plain variable.
func allowList(t *pattern.Tree, cond pattern.NodeID) (string, bool, bool) {
	cond, negated, ok := ir.StripNot(t, cond)
	if !ok {
		return "", false, false
	}
	switch t.Type(cond) {
	case "comparison_operator":
		kids := t.NamedChildren(cond)
		if len(kids) != 2 || t.Type(kids[0]) != "identifier" {
			return "", false, false
		}
		op := ""
		for c := t.Nodes[cond].FirstChild; c != pattern.None; c = t.Nodes[c].NextSibling {
			if !t.Nodes[c].Named {
				op += t.Type(c) + " "
			}
		}
		switch strings.TrimSpace(op) {
		case "in", "==":
			return t.Text(kids[0]), negated, true
		case "not in", "!=":
			return t.Text(kids[0]), !negated, true
		}
		return "", false, false
	case "call":
		fn := t.ChildByField(cond, "function")
		if fn != pattern.None && t.Type(fn) == "attribute" {
			obj, attr := t.ChildByField(fn, "object"), t.ChildByField(fn, "attribute")
			switch t.Text(attr) {
			case "isdigit", "isnumeric", "isdecimal", "isalnum", "isalpha", "isidentifier":
				if t.Type(obj) == "identifier" {
					return t.Text(obj), negated, true
				}
			case "fullmatch", "match":
				args := t.NamedChildren(t.ChildByField(cond, "arguments"))
				if len(args) >= 2 && t.Type(args[1]) == "identifier" && t.DottedName(obj) == "re" {
					return t.Text(args[1]), negated, true
				}
			}
		}
		return "", false, false
	}
	return "", false, false
}

// handlerNames are function names that mark a Lambda handler.
func isHandlerName(name string) bool {
	n := strings.ToLower(name)
	return n == "handler" || n == "main" || n == "handle" || strings.HasSuffix(n, "_handler") ||
		strings.HasPrefix(n, "handle_") || strings.HasPrefix(n, "lambda_") || strings.HasSuffix(n, "handler")
}

// handlerFiles are file names whose two-parameter module-level functions
// are taken as handlers whatever their names.
var handlerFiles = map[string]bool{"lambda_function": true, "handler": true, "handlers": true, "app": true,
	"main": true, "lambda": true, "index": true, "function": true}

// Lower lowers a Python file to the IR and marks its Lambda handlers: a
// module-level function with two positional parameters (event, context —
// whatever their names) that is named like a handler (handler,
// lambda_handler, handle_*, *_handler, main), lives in a handler file
// (lambda_function.py, handler.py, app.py, ...), or has a second parameter
// named like a context (context, ctx, _ctx, lambda_context, _); or it is
// the one the handler setting names ("app.main": module app, function main).
func Lower(t *pattern.Tree, im *pattern.Imports, mod *ir.Module, handler string) {
	mod.Names = ir.ModuleNames(mod.Path, true)
	l := ir.NewLowerer(t, im, Syntax, mod)
	l.Lower()
	hmod, hfunc := "", ""
	if i := strings.LastIndexByte(handler, '.'); i > 0 {
		hmod, hfunc = handler[:i], handler[i+1:]
	}
	base := strings.TrimSuffix(path.Base(mod.Path), path.Ext(mod.Path))
	for _, f := range mod.Funcs {
		if strings.Contains(f.Name, ".") || f.Method {
			continue
		}
		f.Exported = !strings.HasPrefix(f.Name, "_")
		f.Entry = len(f.Params) == 2 && f.Exported
		named := hfunc != "" && f.Name == hfunc && slices.Contains(mod.Names, hmod)
		if named || len(f.Params) == 2 && (isHandlerName(f.Name) || handlerFiles[base] || contextLike(f.Params[1])) {
			f.Handler, f.EventParam = true, 0
			if len(f.Params) > 1 {
				f.ContextParam = 1
			}
		}
	}
}

// contextLike says whether a parameter name looks like the Lambda context.
func contextLike(p string) bool {
	p = strings.ToLower(strings.TrimLeft(p, "_"))
	return p == "" || strings.Contains(p, "context") || strings.Contains(p, "ctx")
}
