package fixes

import (
	"regexp"
	"strings"

	sitter "github.com/smacker/go-tree-sitter"

	"github.com/lambdascan/lambdascan/engine/finding"
)

// safeWordRe is literal command text that means the same to a shell and
// as plain words: no quotes, escapes, variables, globs, redirections,
// separators or comments.
var safeWordRe = regexp.MustCompile(`^[A-Za-z0-9 _./:,@+=-]*$`)

// argvWord is one argument of a command: a literal word or an expression.
type argvWord struct {
	lit  string
	expr strPart
}

// splitCommand splits a built command string into words when every
// literal piece is plain text and every interpolated value is a whole word
// (so the shell would have put it in one argument, bar its own splitting).
// The program (first word) must be literal.
func splitCommand(b *built) ([]argvWord, bool) {
	// A value quoted as a whole word ("${x}" or '{x}') was meant as one
	// argument: the quotes go.
	parts := make([]strPart, len(b.parts))
	copy(parts, b.parts)
	for i, p := range parts {
		if p.expr == nil || i == 0 || i+1 >= len(parts) || parts[i-1].expr != nil || parts[i+1].expr != nil {
			continue
		}
		before, after := parts[i-1].lit, parts[i+1].lit
		for _, q := range []string{`"`, "'"} {
			if strings.HasSuffix(before, q) && strings.HasPrefix(after, q) &&
				(len(before) == 1 || before[len(before)-2] == ' ') && (len(after) == 1 || after[1] == ' ') {
				parts[i-1].lit, parts[i+1].lit = before[:len(before)-1], after[1:]
				break
			}
		}
	}
	var words []argvWord
	for i, p := range parts {
		if p.expr != nil {
			prevOK := i == 0 || parts[i-1].lit == "" && i == 1 || strings.HasSuffix(parts[i-1].lit, " ")
			nextOK := i == len(parts)-1 || parts[i+1].lit == "" && i+2 == len(parts) || strings.HasPrefix(parts[i+1].lit, " ")
			if !prevOK || !nextOK {
				return nil, false
			}
			words = append(words, argvWord{expr: p})
			continue
		}
		if !safeWordRe.MatchString(p.lit) {
			return nil, false
		}
		for _, w := range strings.Fields(p.lit) {
			words = append(words, argvWord{lit: w})
		}
	}
	if len(words) == 0 || words[0].lit == "" {
		return nil, false
	}
	return words, true
}

// pythonSubprocessArgv turns subprocess.X("cmd " + x, shell=True) (or an
// f-string command) into subprocess.X(["cmd", x]) without the shell.
func pythonSubprocessArgv(s *Site) *finding.Fix {
	n := s.node()
	call := enclosing(n, "call")
	if c, _ := callOfArg(n); c != nil && c.Type() == "call" {
		call = c
	}
	if call == nil || call.Type() != "call" {
		return nil
	}
	// The rule matched a subprocess function (aliases resolved); what
	// matters here is the shell=True argument, which os.system and the
	// like do not have.
	pos, kw, ok := pyArgs(call)
	if !ok || len(pos) != 1 {
		return nil
	}
	var shell *sitter.Node
	for _, k := range kw {
		if s.text(k.ChildByFieldName("name")) == "shell" {
			if s.text(k.ChildByFieldName("value")) != "True" {
				return nil
			}
			shell = k
		}
		if s.text(k.ChildByFieldName("name")) == "executable" {
			return nil
		}
	}
	if shell == nil {
		return nil
	}
	var bt *built
	if a := pos[0]; a.Type() == "call" || a.Type() == "binary_operator" && s.text(a.ChildByFieldName("operator")) == "%" {
		// "cmd %s" % x and "cmd {}".format(x) turn values into text.
		bt, ok = pySQLBuilt(s, a)
		if ok {
			for i := range bt.parts {
				if bt.parts[i].expr != nil {
					bt.parts[i].conv = "str(" + s.text(bt.parts[i].expr) + ")"
				}
			}
		}
	} else {
		bt, ok = pyBuilt(s, a)
	}
	if !ok || !bt.hasExpr() || strings.Contains(bt.prefix, "r") {
		return nil
	}
	words, ok := splitCommand(bt)
	if !ok {
		return nil
	}
	var list []string
	for _, w := range words {
		if w.expr.expr != nil {
			list = append(list, w.expr.conv)
		} else {
			list = append(list, bt.quote+w.lit+bt.quote)
		}
	}
	b := &fixBuilder{s: s}
	b.replaceNode(pos[0], "["+strings.Join(list, ", ")+"]")
	// Remove ", shell=True" with the separator before it.
	prev := shell.PrevNamedSibling()
	for prev != nil && prev.Type() == "comment" {
		prev = prev.PrevNamedSibling()
	}
	if prev == nil {
		return nil
	}
	b.replace(int(prev.EndByte()), int(shell.EndByte()), "")
	return b.fix("Run the program with a list of arguments and no shell, so values stay single arguments")
}

// javascriptExecFile turns child_process.exec(`convert ${a} ${b}`, ...)
// into execFile('convert', [a, b], ...), importing execFile when exec was
// imported by name.
func javascriptExecFile(s *Site) *finding.Fix {
	n := s.node()
	call, idx := callOfArg(n)
	if call == nil || call.Type() != "call_expression" || idx != 0 {
		return nil
	}
	fn := call.ChildByFieldName("function")
	var nameNode *sitter.Node
	switch fn.Type() {
	case "identifier":
		nameNode = fn
	case "member_expression":
		nameNode = fn.ChildByFieldName("property")
	default:
		return nil
	}
	var to string
	switch s.text(nameNode) {
	case "exec":
		to = "execFile"
	case "execSync":
		to = "execFileSync"
	default:
		return nil
	}
	bt, ok := jsBuilt(s, n)
	if !ok || !bt.hasExpr() {
		return nil
	}
	words, ok := splitCommand(bt)
	if !ok {
		return nil
	}
	q := bt.quote
	if q == "`" {
		q = "'"
	}
	var args []string
	for _, w := range words[1:] {
		if w.expr.expr != nil {
			args = append(args, w.expr.conv)
		} else {
			args = append(args, q+w.lit+q)
		}
	}
	b := &fixBuilder{s: s}
	if fn.Type() == "identifier" {
		imp, ok := jsNamedImport(s, "child_process", to)
		if !ok || !importedFrom(s, "exec", "child_process") && s.text(nameNode) == "exec" ||
			s.text(nameNode) == "execSync" && !importedFrom(s, "execSync", "child_process") {
			return nil
		}
		b.add(imp)
	}
	b.replaceNode(nameNode, to)
	b.replaceNode(n, q+words[0].lit+q+", ["+strings.Join(args, ", ")+"]")
	return b.fix("Run the program with " + to + " and a list of arguments, without a shell")
}

// importedFrom reports whether name is destructured from a require or
// named import of mod in the file.
func importedFrom(s *Site, name, mod string) bool {
	re := regexp.MustCompile(`(?s)\{[^}]*\b` + regexp.QuoteMeta(name) + `\b[^}]*\}\s*(=\s*require\(\s*|from\s*)['"](node:)?` + regexp.QuoteMeta(mod) + `['"]`)
	return re.Match(s.Src)
}

// javaProcessBuilder turns Runtime.getRuntime().exec("cmd " + x) into
// new ProcessBuilder("cmd", x).start().
func javaProcessBuilder(s *Site) *finding.Fix {
	n := s.node()
	call, idx := callOfArg(n)
	if call == nil || call.Type() != "method_invocation" || idx != 0 ||
		s.text(call.ChildByFieldName("name")) != "exec" ||
		strings.Join(strings.Fields(s.text(call.ChildByFieldName("object"))), "") != "Runtime.getRuntime()" {
		return nil
	}
	if len(namedChildren(call.ChildByFieldName("arguments"))) != 1 {
		return nil
	}
	bt, ok := javaBuilt(s, n)
	if !ok || !bt.hasExpr() {
		return nil
	}
	words, ok := splitCommand(bt)
	if !ok {
		return nil
	}
	var args []string
	for _, w := range words {
		if w.expr.expr != nil {
			args = append(args, javaStringArg(s, w.expr.expr))
		} else {
			args = append(args, `"`+w.lit+`"`)
		}
	}
	b := &fixBuilder{s: s}
	b.replaceNode(call, "new ProcessBuilder("+strings.Join(args, ", ")+").start()")
	return b.fix("Start the program with ProcessBuilder and separate arguments, so values stay single arguments")
}

// javaStringArg is an expression as a String argument: itself when it is
// visibly a String (a String variable of the method, a literal, a
// String-returning call), else String.valueOf(x), which is what the
// concatenation did.
func javaStringArg(s *Site, e *sitter.Node) string {
	t := s.text(e)
	switch e.Type() {
	case "string_literal":
		return t
	case "identifier":
		decl := regexp.MustCompile(`\bString\s+` + regexp.QuoteMeta(t) + `\b`)
		if m := enclosingMethod(e); m != nil && decl.MatchString(s.text(m)) {
			return t
		}
	case "method_invocation":
		switch s.text(e.ChildByFieldName("name")) {
		case "toString", "getString", "trim", "toLowerCase", "toUpperCase", "substring", "getParameter", "getHeader", "asText", "textValue", "getBody":
			return t
		}
	}
	return "String.valueOf(" + t + ")"
}

func enclosingMethod(n *sitter.Node) *sitter.Node {
	for ; n != nil; n = n.Parent() {
		if n.Type() == "method_declaration" || n.Type() == "constructor_declaration" || n.Type() == "lambda_expression" {
			return n
		}
	}
	return nil
}
