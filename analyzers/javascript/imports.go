// Package javascript is lambdascan's JavaScript and TypeScript front end: it
// resolves require() and import bindings (with the "node:" prefix
// normalised) so rules can name APIs canonically (`child_process.exec`),
// finds Lambda handlers, and lowers functions to the shared IR.
package javascript

import (
	"strings"

	"github.com/lambdascan/lambdascan/engine/pattern"
)

// Imports collects the file's module bindings:
//
//	const cp = require("child_process")          cp   -> child_process
//	const {exec, spawn: sp} = require("x")       exec -> x.exec, sp -> x.spawn
//	const exec = require("x").exec               exec -> x.exec
//	import * as cp from "node:child_process"     cp   -> child_process
//	import cp from "child_process"               cp   -> child_process
//	import {exec as e} from "child_process"      e    -> child_process.exec
func Imports(t *pattern.Tree) *pattern.Imports {
	im := &pattern.Imports{Alias: map[string]string{}, Consts: map[string]string{}}
	// Top-level `const NAME = 'literal'` (also exported).
	for _, st := range t.NamedChildren(t.Root()) {
		if t.Type(st) == "export_statement" {
			if d := t.ChildByField(st, "declaration"); d != pattern.None {
				st = d
			}
		}
		if t.Type(st) != "lexical_declaration" || !strings.HasPrefix(t.Text(st), "const") {
			continue
		}
		for _, d := range t.NamedChildren(st) {
			name, value := t.ChildByField(d, "name"), t.ChildByField(d, "value")
			if name != pattern.None && value != pattern.None && t.Type(name) == "identifier" {
				if v, ok := t.StringValue(value); ok {
					im.Consts[t.Text(name)] = v
				}
			}
		}
	}
	t.Walk(t.Root(), func(id pattern.NodeID) bool {
		switch t.Type(id) {
		case "import_statement":
			src := t.ChildByField(id, "source")
			if src == pattern.None {
				return false
			}
			mod, ok := t.StringValue(src)
			if !ok {
				return false
			}
			mod = Module(mod)
			for _, c := range t.NamedChildren(id) {
				if t.Type(c) != "import_clause" {
					continue
				}
				for _, k := range t.NamedChildren(c) {
					switch t.Type(k) {
					case "identifier": // default import
						im.Alias[t.Text(k)] = mod
					case "namespace_import":
						for _, n := range t.NamedChildren(k) {
							im.Alias[t.Text(n)] = mod
						}
					case "named_imports":
						for _, s := range t.NamedChildren(k) {
							name, alias := t.ChildByField(s, "name"), t.ChildByField(s, "alias")
							if name == pattern.None {
								continue
							}
							local := t.Text(name)
							if alias != pattern.None {
								local = t.Text(alias)
							}
							im.Alias[local] = mod + "." + strings.Trim(t.Text(name), `"'`)
						}
					}
				}
			}
			return false
		case "variable_declarator":
			name, value := t.ChildByField(id, "name"), t.ChildByField(id, "value")
			if name == pattern.None || value == pattern.None {
				return true
			}
			mod, member, ok := requireOf(t, value)
			if !ok {
				return true
			}
			switch t.Type(name) {
			case "identifier":
				im.Alias[t.Text(name)] = join(mod, member)
			case "object_pattern":
				for _, p := range t.NamedChildren(name) {
					switch t.Type(p) {
					case "shorthand_property_identifier_pattern":
						im.Alias[t.Text(p)] = join(join(mod, member), t.Text(p))
					case "pair_pattern":
						k, v := t.ChildByField(p, "key"), t.ChildByField(p, "value")
						if k != pattern.None && v != pattern.None && t.Type(v) == "identifier" {
							im.Alias[t.Text(v)] = join(join(mod, member), t.Text(k))
						}
					}
				}
			}
			return true
		}
		return true
	})
	return im
}

// requireOf recognises require("m") and require("m").member (also with
// await import("m")), returning the normalised module and member.
func requireOf(t *pattern.Tree, id pattern.NodeID) (mod, member string, ok bool) {
	for {
		switch t.Type(id) {
		case "await_expression", "parenthesized_expression":
			kids := t.NamedChildren(id)
			if len(kids) != 1 {
				return "", "", false
			}
			id = kids[0]
			continue
		case "member_expression":
			obj, prop := t.ChildByField(id, "object"), t.ChildByField(id, "property")
			if obj == pattern.None || prop == pattern.None {
				return "", "", false
			}
			m, mem, ok := requireOf(t, obj)
			if !ok {
				return "", "", false
			}
			return m, join(mem, t.Text(prop)), true
		case "call_expression":
			fn, args := t.ChildByField(id, "function"), t.ChildByField(id, "arguments")
			if fn == pattern.None || args == pattern.None {
				return "", "", false
			}
			if f := t.Text(fn); f != "require" && f != "import" {
				return "", "", false
			}
			a := t.NamedChildren(args)
			if len(a) != 1 {
				return "", "", false
			}
			v, ok := t.StringValue(a[0])
			if !ok {
				return "", "", false
			}
			return Module(v), "", true
		case "import":
			return "", "", false
		}
		return "", "", false
	}
}

// Module normalises a module specifier: "node:child_process" ->
// "child_process"; "fs/promises" stays.
func Module(s string) string {
	s = strings.TrimPrefix(s, "node:")
	if strings.HasPrefix(s, ".") {
		for _, ext := range []string{".js", ".mjs", ".cjs", ".ts", ".mts", ".cts", ".jsx", ".tsx"} {
			if strings.HasSuffix(s, ext) {
				return strings.TrimSuffix(s, ext)
			}
		}
	}
	return s
}

func join(a, b string) string {
	switch {
	case a == "":
		return b
	case b == "":
		return a
	}
	return a + "." + b
}
