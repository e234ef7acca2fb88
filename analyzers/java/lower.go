package java

import (
	"strings"

	"github.com/lambdascan/lambdascan/engine/ir"
	"github.com/lambdascan/lambdascan/engine/parse"
	"github.com/lambdascan/lambdascan/engine/pattern"
)

var methodShape = ir.FuncShape{Name: "name", Params: "parameters", Body: "body"}

// Syntax is the Java grammar's shape for the IR lowering.
var Syntax = &ir.Syntax{
	Funcs:   map[string]ir.FuncShape{"method_declaration": methodShape, "constructor_declaration": methodShape},
	Lambdas: map[string]ir.FuncShape{"lambda_expression": {Params: "parameters", Body: "body"}},
	Classes: map[string][2]string{"class_declaration": {"name", "body"}, "enum_declaration": {"name", "body"},
		"record_declaration": {"name", "body"}, "interface_declaration": {"name", "body"}},
	Assigns:   map[string][2]string{"variable_declarator": {"name", "value"}, "assignment_expression": {"left", "right"}},
	Returns:   map[string]bool{"return_statement": true},
	ForEach:   map[string][3]string{"enhanced_for_statement": {"name", "value", "body"}},
	Vars:      map[string]bool{"identifier": true},
	Attrs:     map[string][2]string{"field_access": {"object", "field"}},
	Indexes:   map[string][2]string{"array_access": {"array", "index"}},
	Ifs:       map[string][3]string{"if_statement": {"condition", "consequence", "alternative"}},
	Ternaries: map[string]int{"ternary_expression": 0},
	Ignore: map[string]bool{"line_comment": true, "block_comment": true, "marker_annotation": true, "annotation": true,
		"modifiers": true, "import_declaration": true, "package_declaration": true, "type_arguments": true},
	Params:    params,
	AllowList: allowList,
}

func params(t *pattern.Tree, id pattern.NodeID) []string {
	if t.Type(id) == "identifier" {
		return []string{t.Text(id)}
	}
	var out []string
	for _, c := range t.NamedChildren(id) {
		switch t.Type(c) {
		case "identifier":
			out = append(out, t.Text(c))
		case "formal_parameter", "spread_parameter", "receiver_parameter":
			if n := t.ChildByField(c, "name"); n != pattern.None {
				out = append(out, t.Text(n))
			} else {
				kids := t.NamedChildren(c)
				if len(kids) > 0 {
					last := kids[len(kids)-1]
					if t.Type(last) == "variable_declarator" {
						if n := t.ChildByField(last, "name"); n != pattern.None {
							last = n
						}
					}
					out = append(out, t.Text(last))
				}
			}
		}
	}
	return out
}

// allowList recognises ALLOWED.contains(x), "a".equals(x), x.equals("a"),
// x.matches("re") on a plain variable, possibly negated.
func allowList(t *pattern.Tree, cond pattern.NodeID) (string, bool, bool) {
	cond, negated, ok := ir.StripNot(t, cond)
	if !ok {
		return "", false, false
	}
	switch t.Type(cond) {
	case "method_invocation":
		obj, name, args := t.ChildByField(cond, "object"), t.ChildByField(cond, "name"), t.ChildByField(cond, "arguments")
		if obj == pattern.None || name == pattern.None || args == pattern.None {
			return "", false, false
		}
		a := t.NamedChildren(args)
		if len(a) != 1 {
			return "", false, false
		}
		switch t.Text(name) {
		case "contains", "containsKey", "equals", "equalsIgnoreCase":
			if t.Type(a[0]) == "identifier" {
				return t.Text(a[0]), negated, true
			}
			if _, ok := t.StringValue(a[0]); ok && t.Type(obj) == "identifier" {
				return t.Text(obj), negated, true
			}
		case "matches":
			if t.Type(obj) == "identifier" {
				return t.Text(obj), negated, true
			}
		}
	}
	return "", false, false
}

// javaLang are the java.lang classes code uses without importing.
var javaLang = map[string]bool{"String": true, "StringBuilder": true, "StringBuffer": true, "Integer": true,
	"Long": true, "Short": true, "Byte": true, "Double": true, "Float": true, "Boolean": true, "Character": true,
	"Math": true, "System": true, "Object": true, "Runtime": true, "ProcessBuilder": true, "Thread": true,
	"Class": true, "ClassLoader": true, "Enum": true, "Number": true, "Process": true}

// Lower lowers a Java file to the IR. Method calls are resolved through
// imports, the declared types of locals and fields, and the file's
// package; handleRequest of a RequestHandler / RequestStreamHandler (or the
// method the handler setting names, "com.x.Handler::handleRequest") is a
// handler whose first parameter is the event. Servlet methods taking an
// HttpServletRequest (behind aws-serverless-java-container) are handlers
// of that request, and the @RequestParam / @PathVariable / @RequestBody /
// @RequestHeader parameters of Spring handler methods are sources.
func Lower(t *pattern.Tree, im *pattern.Imports, mod *ir.Module, handler string) {
	if mod.Lang == "" {
		mod.Lang = parse.Java
	}
	pkg := ""
	fields := map[string]string{}
	handlerClasses := map[string]bool{}
	var classes []string
	t.Walk(t.Root(), func(id pattern.NodeID) bool {
		switch t.Type(id) {
		case "package_declaration":
			for _, c := range t.NamedChildren(id) {
				if t.Type(c) == "scoped_identifier" || t.Type(c) == "identifier" {
					pkg = t.Text(c)
				}
			}
			return false
		case "field_declaration":
			ty := t.ChildByField(id, "type")
			for _, c := range t.NamedChildren(id) {
				if t.Type(c) == "variable_declarator" && ty != pattern.None {
					if n := t.ChildByField(c, "name"); n != pattern.None {
						fields[t.Text(n)] = strings.TrimSpace(strings.Split(t.Text(ty), "<")[0])
					}
				}
			}
		case "class_declaration", "record_declaration", "enum_declaration":
			if n := t.ChildByField(id, "name"); n != pattern.None {
				classes = append(classes, t.Text(n))
				if ifs := t.ChildByField(id, "interfaces"); ifs != pattern.None {
					txt := t.Text(ifs)
					if strings.Contains(txt, "RequestHandler") || strings.Contains(txt, "RequestStreamHandler") {
						handlerClasses[t.Text(n)] = true
					}
				}
			}
		}
		return true
	})
	// Web entry points: servlet methods and Spring handler methods.
	type webMethod struct {
		event   int
		sources []int
	}
	web := map[string]webMethod{}
	t.Walk(t.Root(), func(id pattern.NodeID) bool {
		if t.Type(id) != "method_declaration" {
			return true
		}
		name := t.ChildByField(id, "name")
		params := t.ChildByField(id, "parameters")
		if name == pattern.None || params == pattern.None {
			return false
		}
		cls := ""
		for p := t.Nodes[id].Parent; p != pattern.None; p = t.Nodes[p].Parent {
			if n := t.ChildByField(p, "name"); n != pattern.None && strings.HasSuffix(t.Type(p), "_declaration") {
				cls = t.Text(n)
				break
			}
		}
		mods := ""
		for _, c := range t.NamedChildren(id) {
			if t.Type(c) == "modifiers" {
				mods = t.Text(c)
			}
		}
		wm := webMethod{event: -1}
		spring := strings.Contains(mods, "Mapping")
		i := 0
		for _, p := range t.NamedChildren(params) {
			if t.Type(p) != "formal_parameter" && t.Type(p) != "spread_parameter" {
				continue
			}
			text := t.Text(p)
			switch {
			case strings.Contains(text, "HttpServletRequest") || strings.Contains(text, "ServerRequest") && spring:
				if wm.event < 0 {
					wm.event = i
				}
			case spring && (strings.Contains(text, "@RequestParam") || strings.Contains(text, "@PathVariable") ||
				strings.Contains(text, "@RequestBody") || strings.Contains(text, "@RequestHeader") ||
				strings.Contains(text, "@CookieValue") || strings.Contains(text, "@ModelAttribute")):
				wm.sources = append(wm.sources, i)
			}
			i++
		}
		if wm.event >= 0 || len(wm.sources) > 0 {
			web[cls+"."+t.Text(name)] = wm
		}
		return false
	})
	local := map[string]bool{}
	for _, c := range classes {
		local[c] = true
	}
	qualify := func(typ string) string {
		if typ == "" {
			return ""
		}
		head, rest, _ := strings.Cut(typ, ".")
		if a, ok := im.Alias[head]; ok {
			if rest != "" {
				return a + "." + rest
			}
			return a
		}
		if javaLang[head] {
			return "java.lang." + typ
		}
		if local[head] && pkg != "" {
			return pkg + "." + typ
		}
		if head != "" && head[0] >= 'A' && head[0] <= 'Z' && pkg != "" && !strings.Contains(typ, ".") {
			// A class of the same package (no import needed).
			return pkg + "." + typ
		}
		return typ
	}
	syn := *Syntax
	syn.Resolve = func(l *ir.Lowerer, dotted string) string {
		head, rest, hasDot := strings.Cut(dotted, ".")
		cls := l.Class
		if i := strings.IndexByte(cls, '.'); i >= 0 {
			cls = cls[:i]
		}
		switch {
		case !hasDot:
			// An unqualified call: a method of the enclosing class, or a
			// static import; a capitalised name is a constructor.
			if a, ok := im.Alias[head]; ok {
				return a
			}
			if head != "" && head[0] >= 'A' && head[0] <= 'Z' {
				return qualify(head)
			}
			return qualify(cls) + "." + head
		case head == "this" || head == "super":
			if h2, r2, ok := strings.Cut(rest, "."); ok {
				if ty, ok := fields[h2]; ok {
					return qualify(ty) + "." + r2
				}
			}
			return qualify(cls) + "." + rest
		}
		if ty, ok := l.Locals[head]; ok {
			return qualify(ty) + "." + rest
		}
		if ty, ok := fields[head]; ok {
			return qualify(ty) + "." + rest
		}
		if head != "" && head[0] >= 'A' && head[0] <= 'Z' {
			if rs := im.Resolve(dotted); len(rs) > 0 && im.Alias[head] != "" {
				return rs[0]
			}
			return qualify(head) + "." + rest
		}
		return ""
	}
	mod.Names = []string{pkg}
	l := ir.NewLowerer(t, im, &syn, mod)
	l.Lower()
	hclass, hmethod, _ := strings.Cut(handler, "::")
	if hmethod == "" && handler != "" {
		hmethod = "handleRequest"
	}
	for _, f := range mod.Funcs {
		cls, method, ok := strings.Cut(f.Name, ".")
		if !ok {
			continue
		}
		f.Exported = true
		if wm, ok := web[f.Name]; ok {
			if wm.event >= 0 {
				f.Handler, f.EventParam = true, wm.event
			}
			f.SourceParams = wm.sources
			continue
		}
		named := hclass != "" && qualify(cls) == hclass && method == hmethod
		if named || method == "handleRequest" && (handlerClasses[cls] || len(f.Params) >= 2) {
			f.Handler, f.EventParam = true, 0
			if len(f.Params) > 1 {
				f.ContextParam = len(f.Params) - 1
			}
		}
	}
}
