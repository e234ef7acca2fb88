package fixes

import (
	"strings"

	sitter "github.com/smacker/go-tree-sitter"
)

// strPart is a piece of a string built in code: literal text (as written
// in the source, escapes kept) or an interpolated expression.
type strPart struct {
	lit  string
	expr *sitter.Node
	// conv is the expression's text wrapped for use as a separate value
	// when the building converted it to text (f-string: str(x)).
	conv string
}

// built is a string expression split into parts.
type built struct {
	parts  []strPart
	quote  string // the quote character of its literals
	prefix string // Python string prefix without f (r or "")
	// fromFormat is set when the literals came from a %-format or
	// str.format template (so %% and {{ are escapes to undo).
	percent bool
}

func (b *built) addLit(t string) {
	if t == "" {
		return
	}
	if n := len(b.parts); n > 0 && b.parts[n-1].expr == nil {
		b.parts[n-1].lit += t
		return
	}
	b.parts = append(b.parts, strPart{lit: t})
}

func (b *built) addExpr(s *Site, e *sitter.Node, conv string) {
	if conv == "" {
		conv = s.text(e)
	}
	b.parts = append(b.parts, strPart{expr: e, conv: conv})
}

func (b *built) setQuote(q string) bool {
	if b.quote == "" {
		b.quote = q
	}
	return b.quote == q
}

// hasExpr reports whether any part is interpolated.
func (b *built) hasExpr() bool {
	for _, p := range b.parts {
		if p.expr != nil {
			return true
		}
	}
	return false
}

// pyBuilt splits a Python string expression: literals, f-strings and +
// concatenations of them with other expressions. ok is false for any other
// shape (a variable, a call, %-formatting: see pySQLTemplate).
func pyBuilt(s *Site, n *sitter.Node) (*built, bool) {
	b := &built{}
	var walk func(n *sitter.Node, top bool) bool
	walk = func(n *sitter.Node, top bool) bool {
		switch n.Type() {
		case "parenthesized_expression":
			kids := namedChildren(n)
			return len(kids) == 1 && walk(kids[0], top)
		case "string":
			ps, ok := parsePyString(s, n)
			if !ok || !b.setQuote(ps.quote) {
				return false
			}
			pre := strings.ReplaceAll(ps.prefix, "f", "")
			if b.prefix == "" && len(b.parts) == 0 {
				b.prefix = pre
			} else if pre != b.prefix {
				return false
			}
			for _, p := range ps.parts {
				if p.expr == nil {
					t := p.lit
					if ps.fstring {
						t = strings.NewReplacer("{{", "{", "}}", "}").Replace(t)
					}
					b.addLit(t)
					continue
				}
				if p.format {
					return false
				}
				b.addExpr(s, p.expr, "str("+s.text(p.expr)+")")
			}
			return true
		case "binary_operator":
			if op := n.ChildByFieldName("operator"); op == nil || s.text(op) != "+" {
				return false
			}
			return walk(n.ChildByFieldName("left"), false) && walk(n.ChildByFieldName("right"), false)
		}
		if top {
			return false
		}
		b.addExpr(s, n, "")
		return true
	}
	if !walk(n, true) || b.quote == "" {
		return nil, false
	}
	return b, true
}

// jsBuilt splits a JavaScript string expression: template literals,
// strings and + concatenations.
func jsBuilt(s *Site, n *sitter.Node) (*built, bool) {
	b := &built{}
	var walk func(n *sitter.Node, top bool) bool
	walk = func(n *sitter.Node, top bool) bool {
		switch n.Type() {
		case "parenthesized_expression":
			kids := namedChildren(n)
			return len(kids) == 1 && walk(kids[0], top)
		case "string":
			t := s.text(n)
			if len(t) < 2 || !b.setQuote(t[:1]) {
				return false
			}
			b.addLit(t[1 : len(t)-1])
			return true
		case "template_string":
			if !b.setQuote("`") {
				return false
			}
			pos := int(n.StartByte()) + 1
			for _, c := range namedChildren(n) {
				if c.Type() != "template_substitution" {
					continue
				}
				b.addLit(string(s.Src[pos:c.StartByte()]))
				kids := namedChildren(c)
				if len(kids) != 1 {
					return false
				}
				b.addExpr(s, kids[0], "")
				pos = int(c.EndByte())
			}
			b.addLit(string(s.Src[pos : int(n.EndByte())-1]))
			return true
		case "binary_expression":
			if op := n.ChildByFieldName("operator"); op == nil || s.text(op) != "+" {
				return false
			}
			return walk(n.ChildByFieldName("left"), false) && walk(n.ChildByFieldName("right"), false)
		}
		if top {
			return false
		}
		b.addExpr(s, n, "")
		return true
	}
	if !walk(n, true) || b.quote == "" {
		return nil, false
	}
	return b, true
}

// javaBuilt splits a Java string concatenation.
func javaBuilt(s *Site, n *sitter.Node) (*built, bool) {
	b := &built{quote: `"`}
	lits := 0
	var walk func(n *sitter.Node, top bool) bool
	walk = func(n *sitter.Node, top bool) bool {
		switch n.Type() {
		case "parenthesized_expression":
			kids := namedChildren(n)
			return len(kids) == 1 && walk(kids[0], top)
		case "string_literal":
			t := s.text(n)
			if strings.HasPrefix(t, `"""`) || len(t) < 2 {
				return false
			}
			b.addLit(t[1 : len(t)-1])
			lits++
			return true
		case "binary_expression":
			if op := n.ChildByFieldName("operator"); op == nil || s.text(op) != "+" {
				return false
			}
			// Java's + is left-associative: a number added before any
			// string would be summed, not appended.
			return walk(n.ChildByFieldName("left"), false) && walk(n.ChildByFieldName("right"), false)
		}
		if top {
			return false
		}
		b.addExpr(s, n, "")
		return true
	}
	if !walk(n, true) || lits == 0 {
		return nil, false
	}
	if len(b.parts) > 1 && b.parts[0].expr != nil && b.parts[1].expr != nil {
		return nil, false // x + y + "..." adds numbers before appending
	}
	return b, true
}

// callOfArg returns the call whose argument list holds n (through
// parentheses), and n's index among the arguments.
func callOfArg(n *sitter.Node) (*sitter.Node, int) {
	for n != nil && n.Parent() != nil && n.Parent().Type() == "parenthesized_expression" {
		n = n.Parent()
	}
	if n == nil || n.Parent() == nil {
		return nil, -1
	}
	p := n.Parent()
	switch p.Type() {
	case "argument_list", "arguments":
	default:
		return nil, -1
	}
	for i, a := range namedChildren(p) {
		if a.Equal(n) {
			return p.Parent(), i
		}
	}
	return nil, -1
}
