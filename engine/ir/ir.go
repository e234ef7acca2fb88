// Package ir is the small dataflow IR shared by every language front end:
// per function, a list of assignments, calls with resolved callee names,
// returns and sanitizing checks over nested expressions, each carrying the
// byte range of the code it came from.
//
// Taint tracking (engine/taint) runs on this IR rather than on syntax trees,
// so that it is written once for Python, JavaScript/TypeScript and Java, and
// so that a file's tree can be freed as soon as the file is lowered: only
// the IR is kept until the interprocedural analysis at the end of a scan.
package ir

import (
	"sort"
	"unicode/utf8"

	"github.com/lambdascan/lambdascan/engine/parse"
)

// Module is one lowered source file.
type Module struct {
	Input    string // the input the file belongs to
	Path     string // slash path in the input
	Function string // the Lambda function, when known
	Layer    string // the layer, when the input is one
	Lang     parse.Language
	// Names are the names other modules import this one by: Python
	// "pkg.db" and "db", JavaScript "lib/db" (path without extension),
	// Java the fully qualified class names it declares.
	Names []string
	Funcs []*Func
	// lines are the byte offsets of line starts; text is kept only for
	// the lines that hold IR (for code-point columns).
	lines []uint32
	text  map[int]string
}

// Func is one function or method.
type Func struct {
	Module *Module
	// Name is the function's name within its module ("handler",
	// "Db.query"); Key is its global name (module name + "." + Name).
	Name   string
	Params []string
	// Method is true when the first parameter is the receiver (Python self).
	Method bool
	Body   []*Stmt
	// Handler marks a Lambda entry point; EventParam is the index of its
	// event parameter (-1 if none) and ContextParam of its context.
	Handler      bool
	EventParam   int
	ContextParam int
	// SourceParams are further parameters that carry caller data (Spring
	// @RequestParam / @PathVariable / @RequestBody parameters).
	SourceParams []int
	// Exported is true for functions other modules can call.
	Exported bool
	// Entry marks a function shaped like a handler (a module-level
	// function taking an event): it is taken as a handler when no other
	// module of the package imports its module.
	Entry      bool
	Start, End uint32
}

// StmtKind is the kind of a statement.
type StmtKind uint8

// Statement kinds.
const (
	Assign   StmtKind = iota // Targets = Value
	Eval                     // Value is evaluated for its effects (a call)
	Return                   // return Value (Value may be nil)
	Sanitize                 // the variable Targets[0] is checked against an allow-list from here on
	// Guard opens the branch of an if in which the variable Targets[0]
	// passed an allow-list check: its taint is set aside until the
	// matching Unguard, which closes the branch and brings the taint back
	// (the other branch still holds the unchecked value), unless Exits
	// says that other branch leaves the function (`if x not in A: return`).
	Guard
	Unguard
)

// Stmt is one statement.
type Stmt struct {
	Kind    StmtKind
	Targets []*Expr // Var, Attr or Index expressions
	Value   *Expr
	// Cond is true inside a branch or loop: assignments there add to a
	// variable's taint instead of replacing it.
	Cond bool
	// Exits is set on an Unguard whose unchecked branch always leaves the
	// function (return, raise, throw, break, continue).
	Exits      bool
	Start, End uint32
}

// ExprKind is the kind of an expression.
type ExprKind uint8

// Expression kinds.
const (
	Const ExprKind = iota // a literal or anything that carries no data
	Var                   // a variable: Name
	Attr                  // Recv.Name
	Index                 // Recv[Args[0]]; Name is the key when constant
	Call                  // a call: Callee/Name, Recv (methods), Args
	Op                    // any combination of Args: operators, formatting, containers; Recv, when set, is a conditional expression's test, evaluated but not part of the value
)

// Expr is one expression.
type Expr struct {
	Kind ExprKind
	// Name is the variable (Var), attribute (Attr), constant key (Index)
	// or the called method or function's last name (Call).
	Name string
	// Callee is a call's resolved dotted name ("subprocess.run",
	// "lib/db.query", "com.x.Db.query"), or "" when unknown.
	Callee string
	Recv   *Expr
	Args   []*Expr
	// Kw holds keyword argument names, parallel to Args ("" positional).
	Kw []string
	// Static marks a call of a plain function or of a static method: no
	// receiver object, or a receiver that names an imported module or a
	// class (FilenameUtils.getName, path.normalize), not an instance.
	Static     bool
	Start, End uint32
}

// Walk calls fn for e and every expression inside it.
func (e *Expr) Walk(fn func(*Expr)) {
	if e == nil {
		return
	}
	fn(e)
	e.Recv.Walk(fn)
	for _, a := range e.Args {
		a.Walk(fn)
	}
}

// Pos is a 1-based line and code-point column.
type Pos struct{ Line, Column int }

// SetSource records the line table of the module's file and the text of
// the lines that hold IR and need it for columns (those with non-ASCII
// text or longer than the kept prefix: elsewhere a column is the byte
// offset), so positions can be computed after the source is gone.
func (m *Module) SetSource(src []byte) {
	m.lines = m.lines[:0]
	m.lines = append(m.lines, 0)
	for i, b := range src {
		if b == '\n' {
			m.lines = append(m.lines, uint32(i+1))
		}
	}
	m.text = nil
	seen := make([]bool, len(m.lines))
	keep := func(off uint32) {
		l := m.line(off)
		if l < 0 || l >= len(m.lines) || seen[l] {
			return
		}
		seen[l] = true
		end := uint32(len(src))
		if l+1 < len(m.lines) {
			end = m.lines[l+1]
		}
		// Only the part before the offset matters for columns; keep the
		// whole line (bounded) for simplicity.
		long := end-m.lines[l] > 4096
		if long {
			end = m.lines[l] + 4096
		}
		line := src[m.lines[l]:end]
		if !long && ascii(line) {
			return // columns are byte offsets: nothing to keep
		}
		if m.text == nil {
			m.text = map[int]string{}
		}
		m.text[l] = string(line)
	}
	for _, f := range m.Funcs {
		for _, s := range f.Body {
			keep(s.Start)
			keep(s.End)
			walkStmt(s, func(e *Expr) {
				keep(e.Start)
				keep(e.End)
			})
		}
		keep(f.Start)
	}
}

func ascii(b []byte) bool {
	for _, c := range b {
		if c >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

func walkStmt(s *Stmt, fn func(*Expr)) {
	for _, t := range s.Targets {
		t.Walk(fn)
	}
	s.Value.Walk(fn)
}

// line returns the 0-based line of a byte offset.
func (m *Module) line(off uint32) int {
	return sort.Search(len(m.lines), func(i int) bool { return m.lines[i] > off }) - 1
}

// Position converts a byte offset of the module's file to a 1-based line
// and code-point column.
func (m *Module) Position(off uint32) Pos {
	if len(m.lines) == 0 {
		return Pos{}
	}
	l := m.line(off)
	if l < 0 {
		l = 0
	}
	col := int(off-m.lines[l]) + 1
	if text, ok := m.text[l]; ok {
		n := int(off - m.lines[l])
		if n > len(text) {
			n = len(text)
		}
		col = utf8.RuneCountInString(text[:n]) + 1
	}
	return Pos{Line: l + 1, Column: col}
}
