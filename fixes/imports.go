package fixes

import (
	"regexp"
	"strings"

	sitter "github.com/smacker/go-tree-sitter"

	"github.com/lambdascan/lambdascan/engine/finding"
)

// pythonImport returns the edit that adds `import mod` to a Python module
// after its last top-level import (or its docstring, or at the top), or nil
// when the module already imports mod under its own name.
func pythonImport(s *Site, mod string) *finding.Edit {
	var last *sitter.Node
	for _, c := range namedChildren(s.root) {
		switch c.Type() {
		case "import_statement":
			for _, n := range namedChildren(c) {
				if n.Type() == "dotted_name" && s.text(n) == mod {
					return nil
				}
			}
			last = c
		case "import_from_statement", "future_import_statement":
			last = c
		}
	}
	if last == nil {
		if kids := namedChildren(s.root); len(kids) > 0 && kids[0].Type() == "expression_statement" &&
			kids[0].NamedChildCount() == 1 && kids[0].NamedChild(0).Type() == "string" {
			last = kids[0] // the module docstring
		}
	}
	if last == nil {
		return &finding.Edit{Start: 0, End: 0, New: "import " + mod + "\n"}
	}
	at := lineEnd(s.Src, int(last.EndByte()))
	return &finding.Edit{Start: at, End: at, New: "\nimport " + mod}
}

var esmImportRe = regexp.MustCompile(`(?m)^\s*import\s[^(]`)

// jsIsESM reports whether a JavaScript/TypeScript file uses ES modules.
func jsIsESM(s *Site) bool {
	for _, c := range namedChildren(s.root) {
		switch c.Type() {
		case "import_statement":
			return true
		case "export_statement":
			return true
		}
	}
	return esmImportRe.Match(s.Src)
}

// jsModuleName reports whether a string node names module mod (with or
// without the node: prefix).
func jsModuleName(s *Site, n *sitter.Node, mod string) bool {
	if n == nil || n.Type() != "string" {
		return false
	}
	v := strings.Trim(s.text(n), "'\"`")
	return v == mod || v == "node:"+mod
}

// jsNamedImport makes name (exported by module mod) available as a plain
// identifier: nothing when it already is, the name added to an existing
// `const { a } = require('mod')` or `import { a } from 'mod'`, or a new
// statement in the file's style after its last import/require.
func jsNamedImport(s *Site, mod, name string) (*finding.Edit, bool) {
	var lastImport *sitter.Node
	var pattern *sitter.Node // an object pattern / named imports of mod
	for _, c := range namedChildren(s.root) {
		switch c.Type() {
		case "import_statement":
			lastImport = c
			if !jsModuleName(s, c.ChildByFieldName("source"), mod) {
				continue
			}
			for _, n := range namedChildren(c) {
				if n.Type() != "import_clause" {
					continue
				}
				for _, k := range namedChildren(n) {
					if k.Type() == "named_imports" {
						pattern = k
					}
				}
			}
		case "lexical_declaration", "variable_declaration":
			for _, d := range namedChildren(c) {
				if d.Type() != "variable_declarator" {
					continue
				}
				v := d.ChildByFieldName("value")
				if v == nil || v.Type() != "call_expression" || s.text(v.ChildByFieldName("function")) != "require" {
					continue
				}
				lastImport = c
				args := namedChildren(v.ChildByFieldName("arguments"))
				if len(args) == 1 && jsModuleName(s, args[0], mod) && d.ChildByFieldName("name").Type() == "object_pattern" {
					pattern = d.ChildByFieldName("name")
				}
			}
		}
	}
	if pattern != nil {
		for _, k := range namedChildren(pattern) {
			t := s.text(k)
			if t == name || strings.HasPrefix(t, name+" ") || strings.HasPrefix(t, name+":") {
				if t == name || strings.HasSuffix(t, " "+name) || strings.HasSuffix(t, ":"+name) {
					return nil, true
				}
				return nil, false // imported under another name
			}
		}
		kids := namedChildren(pattern)
		if len(kids) == 0 {
			return nil, false
		}
		at := int(kids[len(kids)-1].EndByte())
		return &finding.Edit{Start: at, End: at, New: ", " + name}, true
	}
	var stmt string
	if jsIsESM(s) {
		stmt = "import { " + name + " } from '" + mod + "';"
	} else {
		stmt = "const { " + name + " } = require('" + mod + "');"
	}
	if lastImport == nil {
		return &finding.Edit{Start: 0, End: 0, New: stmt + "\n"}, true
	}
	at := lineEnd(s.Src, int(lastImport.EndByte()))
	return &finding.Edit{Start: at, End: at, New: "\n" + stmt}, true
}

// javaImport returns the edit that imports a class (a.b.C) into a Java
// file, or nil when it is imported already (by name or wildcard) or lives
// in java.lang.
func javaImport(s *Site, class string) *finding.Edit {
	pkg := class[:strings.LastIndexByte(class, '.')]
	if pkg == "java.lang" {
		return nil
	}
	var last *sitter.Node
	for _, c := range namedChildren(s.root) {
		switch c.Type() {
		case "import_declaration":
			t := strings.TrimSpace(strings.TrimSuffix(strings.TrimPrefix(s.text(c), "import"), ";"))
			if t == class || t == pkg+".*" {
				return nil
			}
			last = c
		case "package_declaration":
			if last == nil {
				last = c
			}
		}
	}
	if last == nil {
		return &finding.Edit{Start: 0, End: 0, New: "import " + class + ";\n"}
	}
	at := lineEnd(s.Src, int(last.EndByte()))
	sep := "\n"
	if last.Type() == "package_declaration" {
		sep = "\n\n"
	}
	return &finding.Edit{Start: at, End: at, New: sep + "import " + class + ";"}
}
