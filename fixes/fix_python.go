package fixes

import (
	"strings"

	sitter "github.com/smacker/go-tree-sitter"

	"github.com/lambdascan/lambdascan/engine/finding"
)

// reportedCall is the call the finding reports: the node of the span when
// it is a call, else the nearest call around it.
func (s *Site) reportedCall() *sitter.Node {
	n := s.node()
	return enclosing(n, "call", "call_expression", "method_invocation", "object_creation_expression")
}

// pyArgs splits a Python call's arguments into positional and keyword
// ones; ok is false when there are *args, **kwargs or comprehensions.
func pyArgs(call *sitter.Node) (pos []*sitter.Node, kw []*sitter.Node, ok bool) {
	args := call.ChildByFieldName("arguments")
	if args == nil || args.Type() != "argument_list" {
		return nil, nil, false
	}
	for _, a := range namedChildren(args) {
		switch a.Type() {
		case "keyword_argument":
			kw = append(kw, a)
		case "list_splat", "dictionary_splat", "parenthesized_list_splat":
			return nil, nil, false
		default:
			if len(kw) > 0 {
				return nil, nil, false
			}
			pos = append(pos, a)
		}
	}
	return pos, kw, true
}

// pythonPickleToJSON replaces pickle.loads(x) / pickle.load(f) with
// json.loads(x) / json.load(f) and imports json. Calls with protocol
// options, Unpickler and the pickle-like libraries are left alone: their
// data is not JSON by any simple change.
func pythonPickleToJSON(s *Site) *finding.Fix {
	call := s.reportedCall()
	if call == nil || call.Type() != "call" {
		return nil
	}
	fn := call.ChildByFieldName("function")
	if fn == nil || fn.Type() != "attribute" {
		return nil
	}
	mod, name := s.text(fn.ChildByFieldName("object")), s.text(fn.ChildByFieldName("attribute"))
	if mod != "pickle" && mod != "cPickle" && mod != "_pickle" || name != "loads" && name != "load" {
		return nil
	}
	pos, kw, ok := pyArgs(call)
	if !ok || len(pos) != 1 || len(kw) != 0 {
		return nil
	}
	b := &fixBuilder{s: s}
	b.replaceNode(fn, "json."+name)
	b.add(pythonImport(s, "json"))
	return b.fix("Parse the data as JSON (json." + name + ") instead of unpickling it")
}

// pythonSecretsRandom draws secrets from the OS generator: secrets.choice,
// secrets.randbelow, secrets.randbits and secrets.token_bytes where the
// random call has a secrets twin, random.SystemRandom() otherwise.
func pythonSecretsRandom(s *Site) *finding.Fix {
	call := s.reportedCall()
	if call == nil || call.Type() != "call" {
		return nil
	}
	fn := call.ChildByFieldName("function")
	if fn == nil || fn.Type() != "attribute" {
		return nil
	}
	obj, name := fn.ChildByFieldName("object"), s.text(fn.ChildByFieldName("attribute"))
	pos, kw, ok := pyArgs(call)
	twin := ""
	if ok && len(kw) == 0 {
		switch {
		case name == "choice" && len(pos) == 1:
			twin = "choice"
		case name == "randrange" && len(pos) == 1:
			twin = "randbelow"
		case name == "getrandbits" && len(pos) == 1:
			twin = "randbits"
		case name == "randbytes" && len(pos) == 1:
			twin = "token_bytes"
		}
	}
	b := &fixBuilder{s: s}
	if twin == "" {
		// random.SystemRandom() has every method of random's module API.
		b.replaceNode(obj, s.text(obj)+".SystemRandom()")
		return b.fix("Draw from the operating system's generator (random.SystemRandom)")
	}
	b.replaceNode(fn, "secrets."+twin)
	b.add(pythonImport(s, "secrets"))
	return b.fix("Use secrets." + twin + ", which draws from the operating system's generator")
}

// pyString describes a Python string literal node.
type pyString struct {
	prefix, quote string
	fstring       bool
	// parts are the literal texts and interpolations in order.
	parts []pyPart
}

type pyPart struct {
	lit    string       // literal text (as written, escapes kept)
	expr   *sitter.Node // an interpolated expression, when not literal
	format bool         // the interpolation has a format spec or conversion
}

// parsePyString reads a string node; ok is false for byte strings,
// triple-quoted strings and anything unusual.
func parsePyString(s *Site, n *sitter.Node) (pyString, bool) {
	if n == nil || n.Type() != "string" {
		return pyString{}, false
	}
	t := s.text(n)
	i := strings.IndexAny(t, "'\"")
	if i < 0 {
		return pyString{}, false
	}
	ps := pyString{prefix: strings.ToLower(t[:i])}
	if strings.ContainsAny(ps.prefix, "bu") {
		return pyString{}, false
	}
	if strings.HasPrefix(t[i:], `"""`) || strings.HasPrefix(t[i:], `'''`) {
		return pyString{}, false
	}
	ps.quote = t[i : i+1]
	ps.fstring = strings.Contains(ps.prefix, "f")
	pos := int(n.StartByte()) + i + 1
	end := int(n.EndByte()) - 1
	for j := 0; j < int(n.NamedChildCount()); j++ {
		c := n.NamedChild(j)
		if c.Type() != "interpolation" {
			continue
		}
		ps.parts = append(ps.parts, pyPart{lit: string(s.Src[pos:c.StartByte()])})
		e := c.ChildByFieldName("expression")
		if e == nil {
			kids := namedChildren(c)
			if len(kids) == 0 {
				return pyString{}, false
			}
			e = kids[0]
		}
		ps.parts = append(ps.parts, pyPart{expr: e, format: c.NamedChildCount() > 1})
		pos = int(c.EndByte())
	}
	ps.parts = append(ps.parts, pyPart{lit: string(s.Src[pos:end])})
	return ps, true
}
