// Package java is lambdascan's Java front end: it resolves imports, static
// imports and wildcard imports so rules can name APIs by their fully
// qualified names (`java.security.MessageDigest.getInstance`), finds
// RequestHandler implementations, and lowers methods to the shared IR.
package java

import (
	"strings"

	"github.com/lambdascan/lambdascan/engine/pattern"
)

// Imports collects the compilation unit's imports: `import a.b.C;` binds C
// to a.b.C, `import static a.b.C.m;` binds m to a.b.C.m, and
// `import a.b.*;` adds a wildcard package (java.lang is always one).
func Imports(t *pattern.Tree) *pattern.Imports {
	im := &pattern.Imports{Alias: map[string]string{}, Wildcards: []string{"java.lang"}, Consts: map[string]string{}}
	// final String NAME = "literal"; fields.
	t.Walk(t.Root(), func(id pattern.NodeID) bool {
		if t.Type(id) != "field_declaration" {
			return true
		}
		final := false
		for _, c := range t.NamedChildren(id) {
			if t.Type(c) == "modifiers" && strings.Contains(t.Text(c), "final") {
				final = true
			}
		}
		if !final {
			return false
		}
		for _, c := range t.NamedChildren(id) {
			if t.Type(c) != "variable_declarator" {
				continue
			}
			name, value := t.ChildByField(c, "name"), t.ChildByField(c, "value")
			if name != pattern.None && value != pattern.None {
				if v, ok := t.StringValue(value); ok {
					im.Consts[t.Text(name)] = v
				}
			}
		}
		return false
	})
	for _, id := range t.NamedChildren(t.Root()) {
		if t.Type(id) != "import_declaration" {
			continue
		}
		var name string
		wildcard := false
		for _, c := range t.NamedChildren(id) {
			switch t.Type(c) {
			case "scoped_identifier", "identifier":
				name = strings.Join(strings.Fields(t.Text(c)), "")
			case "asterisk":
				wildcard = true
			}
		}
		if name == "" {
			continue
		}
		if wildcard {
			im.Wildcards = append(im.Wildcards, name)
			continue
		}
		im.Alias[name[strings.LastIndexByte(name, '.')+1:]] = name
	}
	return im
}
