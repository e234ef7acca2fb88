package fixes

import (
	"context"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	sitter "github.com/smacker/go-tree-sitter"

	"github.com/lambdascan/lambdascan/engine/finding"
	"github.com/lambdascan/lambdascan/engine/parse"
)

// Func is a fix function: given the code a finding reports, it returns the
// fix, or nil when the code's shape does not allow a correct one (then no
// fix is offered: a wrong fix is worse than none). Rules name one with
// `fix-function: NAME`.
type Func func(s *Site) *finding.Fix

// functions are the fix functions rules may name. Each lives in the file
// of its family (fix_sql.go, fix_command.go, ...).
var functions = map[string]Func{
	"python-pickle-to-json":       pythonPickleToJSON,
	"python-secrets-random":       pythonSecretsRandom,
	"python-secret-from-env":      pythonSecretFromEnv,
	"javascript-secret-from-env":  javascriptSecretFromEnv,
	"java-secret-from-env":        javaSecretFromEnv,
	"python-log-event-fields":     pythonLogEventFields,
	"javascript-log-event-fields": javascriptLogEventFields,
	"java-log-event-fields":       javaLogEventFields,
	"python-subprocess-argv":      pythonSubprocessArgv,
	"javascript-exec-file":        javascriptExecFile,
	"java-process-builder":        javaProcessBuilder,
	"python-sql-parameters":       pythonSQLParameters,
	"javascript-sql-parameters":   javascriptSQLParameters,
	"java-prepared-statement":     javaPreparedStatement,
}

// Known reports whether name is a fix function.
func Known(name string) bool { _, ok := functions[name]; return ok }

// Names lists the fix functions, sorted.
func Names() []string {
	out := make([]string, 0, len(functions))
	for n := range functions {
		out = append(out, n)
	}
	slices.Sort(out)
	return out
}

// Bind is a metavariable binding of the match: its name (without $) and
// byte span.
type Bind struct {
	Name       string
	Start, End int
}

// Site is the code a fix function is asked to fix.
type Site struct {
	RuleID string
	Lang   parse.Language
	Src    []byte
	// Start and End are the byte span the finding reports (the matched
	// code, or the focused metavariable; for taint rules the sink).
	Start, End int
	Binds      []Bind

	root *sitter.Node
}

// Bound returns the text bound to a metavariable ("X" or "$X").
func (s *Site) Bound(name string) (string, bool) {
	name = strings.TrimPrefix(name, "$")
	for _, b := range s.Binds {
		if b.Name == name && b.Start >= 0 && b.End <= len(s.Src) && b.Start <= b.End {
			return string(s.Src[b.Start:b.End]), true
		}
	}
	return "", false
}

// Call runs the fix function name at a site. It returns nil when the
// function is unknown, declines, fails, or returns edits outside the file;
// positions of the edits are filled from the source.
func Call(name string, s *Site) (fx *finding.Fix) {
	fn := functions[name]
	if fn == nil || s.Start < 0 || s.End > len(s.Src) || s.Start > s.End {
		return nil
	}
	defer func() {
		if recover() != nil {
			fx = nil // a fix function must never take the scan down
		}
	}()
	p := parse.NewParser(2 * time.Second)
	defer p.Close()
	tr, err := p.Parse(context.Background(), s.Lang, s.Src)
	if err != nil {
		return nil
	}
	defer tr.Close()
	s.root = tr.Root()
	fx = fn(s)
	s.root = nil
	if fx == nil || len(fx.Edits) == 0 {
		return nil
	}
	if checkEdits(s.Src, fx.Edits) != "" {
		return nil
	}
	for i := range fx.Edits {
		e := &fx.Edits[i]
		e.StartLine, e.StartColumn = position(s.Src, e.Start)
		e.EndLine, e.EndColumn = position(s.Src, e.End)
	}
	sortEdits(fx.Edits)
	return fx
}

// position is the 1-based line and code-point column of a byte offset.
func position(src []byte, off int) (int, int) {
	line := 1 + strings.Count(string(src[:off]), "\n")
	ls := strings.LastIndexByte(string(src[:off]), '\n') + 1
	return line, utf8.RuneCount(src[ls:off]) + 1
}

// ApplyAll applies fixes to a file the way `lambdascan fix` does (in
// order of position, identical edits once, a fix overlapping an accepted
// one skipped), without a syntax check. Rule tests use it.
func ApplyAll(src []byte, fxs []finding.Fix) []byte {
	cands := make([]Candidate, len(fxs))
	for i := range fxs {
		cands[i] = Candidate{Finding: &finding.Finding{}, Fix: &fxs[i]}
	}
	return File(context.Background(), "", src, parse.None, cands).After
}

// fixBuilder collects the edits of one fix.
type fixBuilder struct {
	s     *Site
	edits []finding.Edit
}

func (b *fixBuilder) replace(start, end int, text string) {
	b.edits = append(b.edits, finding.Edit{Start: start, End: end, New: text})
}

func (b *fixBuilder) replaceNode(n *sitter.Node, text string) {
	b.replace(int(n.StartByte()), int(n.EndByte()), text)
}

func (b *fixBuilder) add(e *finding.Edit) {
	if e != nil {
		b.edits = append(b.edits, *e)
	}
}

func (b *fixBuilder) fix(desc string) *finding.Fix {
	if len(b.edits) == 0 {
		return nil
	}
	return &finding.Fix{Description: desc, Edits: b.edits}
}

// text is a node's source.
func (s *Site) text(n *sitter.Node) string {
	if n == nil {
		return ""
	}
	return string(s.Src[n.StartByte():n.EndByte()])
}

// node is the smallest named node covering the reported span.
func (s *Site) node() *sitter.Node {
	n := s.root
	for {
		var next *sitter.Node
		for i := 0; i < int(n.NamedChildCount()); i++ {
			c := n.NamedChild(i)
			if int(c.StartByte()) <= s.Start && s.End <= int(c.EndByte()) {
				next = c
				break
			}
		}
		if next == nil {
			break
		}
		n = next
	}
	// Prefer the outermost node with exactly the span (a parenthesised
	// expression's inner node is fine; an identifier inside an expression
	// statement is not what was reported).
	for n != nil && n.Parent() != nil && int(n.Parent().StartByte()) == s.Start && int(n.Parent().EndByte()) == s.End && n.Parent().Type() != "expression_statement" {
		n = n.Parent()
	}
	return n
}

// enclosing returns the nearest ancestor-or-self of n of one of the types,
// stopping at statement blocks.
func enclosing(n *sitter.Node, types ...string) *sitter.Node {
	for ; n != nil; n = n.Parent() {
		if slices.Contains(types, n.Type()) {
			return n
		}
		switch n.Type() {
		case "block", "statement_block", "module", "program", "class_body", "constructor_body":
			return nil
		}
	}
	return nil
}

// namedChildren lists the named children of a node, comments left out.
func namedChildren(n *sitter.Node) []*sitter.Node {
	var out []*sitter.Node
	for i := 0; i < int(n.NamedChildCount()); i++ {
		c := n.NamedChild(i)
		if c.Type() == "comment" || c.Type() == "line_comment" || c.Type() == "block_comment" {
			continue
		}
		out = append(out, c)
	}
	return out
}

// lineEnd is the offset of the end of the line holding off (before the
// newline).
func lineEnd(src []byte, off int) int {
	for off < len(src) && src[off] != '\n' {
		off++
	}
	if off > 0 && off <= len(src) && src[off-1] == '\r' {
		off--
	}
	return off
}

// lineStart is the offset of the start of the line holding off.
func lineStart(src []byte, off int) int {
	for off > 0 && src[off-1] != '\n' {
		off--
	}
	return off
}

// indentOf is the leading white space of the line holding off.
func indentOf(src []byte, off int) string {
	s := lineStart(src, off)
	e := s
	for e < len(src) && (src[e] == ' ' || src[e] == '\t') {
		e++
	}
	return string(src[s:e])
}
