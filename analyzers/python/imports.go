// Package python is lambdascan's Python front end: it resolves imports and
// aliases so that rules can name APIs canonically (`subprocess.run` matches
// `sp.run` after `import subprocess as sp`), finds Lambda handlers, and
// lowers functions to the shared dataflow IR (engine/ir).
package python

import (
	"strings"

	"github.com/lambdascan/lambdascan/engine/pattern"
)

// Imports collects the module's import bindings: `import a.b as c` binds c
// to a.b; `import a.b` binds a; `from m import x as y` binds y to m.x.
// Relative imports keep their module name without the dots.
func Imports(t *pattern.Tree) *pattern.Imports {
	im := &pattern.Imports{Alias: map[string]string{}}
	im.Consts = Consts(t)
	t.Walk(t.Root(), func(id pattern.NodeID) bool {
		switch t.Type(id) {
		case "import_statement":
			for _, c := range t.NamedChildren(id) {
				switch t.Type(c) {
				case "dotted_name":
					name := t.Text(c)
					head, _, _ := strings.Cut(name, ".")
					im.Alias[head] = head
				case "aliased_import":
					n, a := t.ChildByField(c, "name"), t.ChildByField(c, "alias")
					if n != pattern.None && a != pattern.None {
						im.Alias[t.Text(a)] = t.Text(n)
					}
				}
			}
			return false
		case "import_from_statement":
			mod := t.ChildByField(id, "module_name")
			if mod == pattern.None {
				return false
			}
			module := strings.TrimLeft(t.Text(mod), ".")
			if t.Type(mod) == "relative_import" {
				for _, c := range t.NamedChildren(mod) {
					if t.Type(c) == "dotted_name" {
						module = t.Text(c)
					}
				}
			}
			for _, c := range t.NamedChildren(id) {
				if c == mod {
					continue
				}
				switch t.Type(c) {
				case "dotted_name":
					im.Alias[t.Text(c)] = join(module, t.Text(c))
				case "aliased_import":
					n, a := t.ChildByField(c, "name"), t.ChildByField(c, "alias")
					if n != pattern.None && a != pattern.None {
						im.Alias[t.Text(a)] = join(module, t.Text(n))
					}
				}
			}
			return false
		case "function_definition", "class_definition":
			// Imports inside functions count too (lazy imports are common
			// in Lambda code to cut cold starts).
			return true
		}
		return true
	})
	return im
}

func join(module, name string) string {
	if module == "" {
		return name
	}
	return module + "." + name
}

// Consts finds module-level names assigned exactly once in the file, to a
// constant string (CMD = "ls -l"), and never assigned elsewhere.
func Consts(t *pattern.Tree) map[string]string {
	out := map[string]string{}
	count := map[string]int{}
	t.Walk(t.Root(), func(id pattern.NodeID) bool {
		switch t.Type(id) {
		case "assignment", "augmented_assignment", "for_statement", "with_item", "named_expression":
			left := t.ChildByField(id, "left")
			if left == pattern.None {
				left = t.ChildByField(id, "name")
			}
			if left != pattern.None && t.Type(left) == "identifier" {
				count[t.Text(left)]++
			} else if left != pattern.None {
				// Tuple targets and the like: every name in them changes.
				t.Walk(left, func(n pattern.NodeID) bool {
					if t.Type(n) == "identifier" {
						count[t.Text(n)] += 2
					}
					return true
				})
			}
		case "global_statement", "nonlocal_statement":
			for _, n := range t.NamedChildren(id) {
				count[t.Text(n)] += 2
			}
		}
		return true
	})
	for _, st := range t.NamedChildren(t.Root()) {
		if t.Type(st) != "expression_statement" {
			continue
		}
		kids := t.NamedChildren(st)
		if len(kids) != 1 || t.Type(kids[0]) != "assignment" {
			continue
		}
		left, right := t.ChildByField(kids[0], "left"), t.ChildByField(kids[0], "right")
		if left == pattern.None || right == pattern.None || t.Type(left) != "identifier" {
			continue
		}
		if v, ok := t.StringValue(right); ok && count[t.Text(left)] == 1 {
			out[t.Text(left)] = v
		}
	}
	return out
}
