// Package parse turns source files into tree-sitter syntax trees. It owns the
// mapping from file names to languages and the per-worker parsers: a Parser is
// not safe for concurrent use, so each scan worker holds its own, and every
// tree is closed explicitly when the passes are done with it, instead of
// waiting for finalizers to free C memory.
package parse

import (
	"context"
	"errors"
	"fmt"
	"path"
	"strings"
	"time"

	sitter "github.com/smacker/go-tree-sitter"
	"github.com/smacker/go-tree-sitter/java"
	"github.com/smacker/go-tree-sitter/javascript"
	"github.com/smacker/go-tree-sitter/python"
	"github.com/smacker/go-tree-sitter/typescript/tsx"
	"github.com/smacker/go-tree-sitter/typescript/typescript"
)

// Language is a source language lambdascan parses.
type Language string

// Languages. TypeScript and TSX use different grammars but the same rules as
// JavaScript (see Family).
const (
	None       Language = ""
	Python     Language = "python"
	JavaScript Language = "javascript"
	TypeScript Language = "typescript"
	TSX        Language = "tsx"
	Java       Language = "java"
)

// Family is the rule family a language belongs to: rules written for
// "javascript" apply to JavaScript, TypeScript and TSX alike.
func (l Language) Family() Language {
	switch l {
	case TypeScript, TSX:
		return JavaScript
	}
	return l
}

// ForPath returns the language of a file from its name, or None.
func ForPath(p string) Language {
	switch strings.ToLower(path.Ext(p)) {
	case ".py", ".pyw":
		return Python
	case ".js", ".mjs", ".cjs", ".jsx":
		return JavaScript
	case ".ts", ".mts", ".cts":
		if strings.HasSuffix(strings.ToLower(p), ".d.ts") {
			return None // declarations carry no code
		}
		return TypeScript
	case ".tsx":
		return TSX
	case ".java":
		return Java
	}
	return None
}

// Grammar returns the tree-sitter grammar of a language.
func Grammar(l Language) *sitter.Language {
	switch l {
	case Python:
		return python.GetLanguage()
	case JavaScript:
		return javascript.GetLanguage()
	case TypeScript:
		return typescript.GetLanguage()
	case TSX:
		return tsx.GetLanguage()
	case Java:
		return java.GetLanguage()
	}
	return nil
}

// ErrTimeout is returned when parsing takes longer than the parser's limit.
var ErrTimeout = errors.New("parse timed out")

// Tree is a parsed file. Close it when done; its nodes are invalid after.
type Tree struct {
	Lang   Language
	Source []byte
	tree   *sitter.Tree
}

// Root returns the root node.
func (t *Tree) Root() *sitter.Node { return t.tree.RootNode() }

// Close frees the tree's C memory now rather than at the next GC.
func (t *Tree) Close() {
	if t != nil && t.tree != nil {
		t.tree.Close()
		t.tree = nil
	}
}

// SyntaxError is the first syntax error in a tree, 1-based.
type SyntaxError struct {
	Line, Column int
	Missing      string // non-empty when the parser inserted a missing token
}

func (e SyntaxError) String() string {
	if e.Missing != "" {
		return fmt.Sprintf("line %d, column %d: missing %s", e.Line, e.Column, e.Missing)
	}
	return fmt.Sprintf("line %d, column %d: unexpected input", e.Line, e.Column)
}

// FirstError finds the first ERROR or MISSING node, if the tree has any.
// The tree is still usable: tree-sitter recovers and the rest of the file
// is parsed normally.
func (t *Tree) FirstError() (SyntaxError, bool) {
	root := t.Root()
	if !root.HasError() {
		return SyntaxError{}, false
	}
	c := sitter.NewTreeCursor(root)
	defer c.Close()
	for {
		n := c.CurrentNode()
		if n.IsError() || n.IsMissing() {
			p := n.StartPoint()
			e := SyntaxError{Line: int(p.Row) + 1, Column: int(p.Column) + 1}
			if n.IsMissing() {
				e.Missing = n.Type()
			}
			return e, true
		}
		// Descend only into subtrees that hold an error.
		if n.HasError() && c.GoToFirstChild() {
			continue
		}
		for !c.GoToNextSibling() {
			if !c.GoToParent() {
				return SyntaxError{Line: 1, Column: 1}, true
			}
		}
	}
}

// Parser parses files of any language. It is not safe for concurrent use:
// give each worker its own.
type Parser struct {
	timeout time.Duration
	parsers map[Language]*sitter.Parser
}

// NewParser returns a parser that gives up on a file after timeout (0: no limit).
func NewParser(timeout time.Duration) *Parser {
	return &Parser{timeout: timeout, parsers: map[Language]*sitter.Parser{}}
}

// Parse parses src as lang. A file with syntax errors still yields a tree
// (see Tree.FirstError); only a timeout or cancellation yields an error.
func (p *Parser) Parse(ctx context.Context, lang Language, src []byte) (*Tree, error) {
	g := Grammar(lang)
	if g == nil {
		return nil, fmt.Errorf("no grammar for language %q", lang)
	}
	sp := p.parsers[lang]
	if sp == nil {
		sp = sitter.NewParser()
		sp.SetLanguage(g)
		if p.timeout > 0 {
			sp.SetOperationLimit(int(p.timeout / time.Microsecond))
		}
		p.parsers[lang] = sp
	}
	tree, err := sp.ParseCtx(ctx, nil, src)
	if err != nil {
		sp.Reset() // the next parse must start afresh, not resume
		if errors.Is(err, sitter.ErrOperationLimit) {
			return nil, fmt.Errorf("%w after %v", ErrTimeout, p.timeout)
		}
		return nil, err
	}
	return &Tree{Lang: lang, Source: src, tree: tree}, nil
}

// Close frees the parser's C memory.
func (p *Parser) Close() {
	for _, sp := range p.parsers {
		sp.Close()
	}
	clear(p.parsers)
}
