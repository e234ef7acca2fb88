package fixes

import (
	"regexp"
	"strings"
	"unicode"

	sitter "github.com/smacker/go-tree-sitter"

	"github.com/lambdascan/lambdascan/engine/finding"
)

const secretFixNote = " instead of the literal: set it from AWS Secrets Manager (or an SSM SecureString) in the function's configuration or at cold start, and rotate the committed value"

var underscoresRe = regexp.MustCompile(`_+`)

// envName derives an environment variable name from a code name:
// dbPassword, db_password, self.DB_PASSWORD -> DB_PASSWORD.
func envName(name string) string {
	if i := strings.LastIndexAny(name, ".>"); i >= 0 {
		name = name[i+1:]
	}
	name = strings.Trim(name, "'\"`[]_ ")
	var b strings.Builder
	rs := []rune(name)
	for i, r := range rs {
		switch {
		case unicode.IsUpper(r) && i > 0 && (unicode.IsLower(rs[i-1]) || unicode.IsDigit(rs[i-1]) ||
			i+1 < len(rs) && unicode.IsLower(rs[i+1]) && unicode.IsUpper(rs[i-1])):
			b.WriteByte('_')
			b.WriteRune(r)
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(unicode.ToUpper(r))
		default:
			b.WriteByte('_')
		}
	}
	out := underscoresRe.ReplaceAllString(b.String(), "_")
	out = strings.Trim(out, "_")
	if out == "" || out[0] >= '0' && out[0] <= '9' {
		return ""
	}
	return out
}

// dbEnvName names a connection setting: password -> DB_PASSWORD.
func dbEnvName(key string) string {
	switch strings.ToLower(strings.Trim(key, "'\"` ")) {
	case "password", "passwd", "pwd", "pass":
		return "DB_PASSWORD"
	case "host", "url", "dsn", "uri", "connection_string", "connectionstring":
		return "DATABASE_URL"
	}
	return envName(key)
}

func isStringNode(n *sitter.Node) bool {
	if n == nil {
		return false
	}
	switch n.Type() {
	case "string", "string_literal", "template_string":
		return true
	}
	return false
}

// pythonSecretFromEnv replaces a secret literal with os.environ["NAME"],
// NAME derived from the variable, keyword or setting it is given to.
func pythonSecretFromEnv(s *Site) *finding.Fix {
	n := s.node()
	if n == nil {
		return nil
	}
	if n.Type() == "expression_statement" && n.NamedChildCount() == 1 {
		n = n.NamedChild(0)
	}
	var lit *sitter.Node
	name := ""
	switch {
	case n.Type() == "assignment":
		lit = n.ChildByFieldName("right")
		name = envName(s.text(n.ChildByFieldName("left")))
	case n.Type() == "string":
		lit = n
		switch p := n.Parent(); {
		case p != nil && p.Type() == "keyword_argument" && strings.Contains(s.RuleID, "jwt"):
			name = "JWT_SECRET"
		case p != nil && p.Type() == "keyword_argument":
			name = dbEnvName(s.text(p.ChildByFieldName("name")))
		case p != nil && p.Type() == "assignment":
			name = envName(s.text(p.ChildByFieldName("left")))
		case p != nil && p.Type() == "argument_list" && strings.Contains(s.text(lit), "://"):
			name = urlEnvName(s.text(lit))
		case p != nil && p.Type() == "argument_list" && strings.Contains(s.RuleID, "jwt"):
			name = "JWT_SECRET"
		case p != nil && p.Type() == "pair":
			name = envName(s.text(p.ChildByFieldName("key")))
		}
	}
	if lit == nil || lit.Type() != "string" || name == "" {
		return nil
	}
	ps, ok := parsePyString(s, lit)
	isBytes := strings.ContainsAny(strings.ToLower(s.text(lit)[:max(0, strings.IndexAny(s.text(lit), "'\""))]), "b")
	if !ok && !isBytes || ok && len(ps.parts) != 1 {
		return nil
	}
	repl := `os.environ["` + name + `"]`
	if isBytes {
		repl += ".encode()"
	}
	b := &fixBuilder{s: s}
	b.replaceNode(lit, repl)
	b.add(pythonImport(s, "os"))
	return b.fix("Read the secret from the environment variable " + name + secretFixNote)
}

// javascriptSecretFromEnv replaces a secret literal with
// process.env.NAME.
func javascriptSecretFromEnv(s *Site) *finding.Fix {
	lit := s.node()
	if !isStringNode(lit) || lit.Type() == "template_string" && strings.Contains(s.text(lit), "${") {
		return nil
	}
	name := ""
	switch p := lit.Parent(); {
	case p == nil:
	case p.Type() == "pair":
		key := s.text(p.ChildByFieldName("key"))
		if strings.EqualFold(strings.Trim(key, "'\""), "password") {
			name = "DB_PASSWORD"
		} else {
			name = envName(key)
		}
	case p.Type() == "variable_declarator":
		name = envName(s.text(p.ChildByFieldName("name")))
	case p.Type() == "assignment_expression":
		name = envName(s.text(p.ChildByFieldName("left")))
	case p.Type() == "arguments" && strings.Contains(s.RuleID, "jwt"):
		name = "JWT_SECRET"
	}
	if name == "" {
		return nil
	}
	b := &fixBuilder{s: s}
	b.replaceNode(lit, "process.env."+name)
	return b.fix("Read the secret from the environment variable " + name + secretFixNote)
}

// javaSecretFromEnv replaces the secret string argument of a reported
// call (the password of getConnection, setPassword, setProperty) with
// System.getenv("NAME").
func javaSecretFromEnv(s *Site) *finding.Fix {
	n := s.node()
	var lit *sitter.Node
	if n != nil && n.Type() == "string_literal" {
		lit = n
	} else if call := enclosing(n, "method_invocation", "object_creation_expression"); call != nil {
		args := namedChildren(call.ChildByFieldName("arguments"))
		if len(args) > 0 && args[len(args)-1].Type() == "string_literal" {
			lit = args[len(args)-1]
		}
	}
	if lit == nil || lit.Parent() == nil {
		return nil
	}
	name := ""
	switch p := lit.Parent(); p.Type() {
	case "argument_list":
		call := p.Parent()
		m := s.text(call.ChildByFieldName("name"))
		switch {
		case strings.Contains(s.RuleID, "jwt"):
			name = "JWT_SECRET"
		case m == "getConnection" || m == "setPassword" || call.Type() == "object_creation_expression":
			name = "DB_PASSWORD"
		case m == "setProperty" || m == "put":
			args := namedChildren(p)
			if len(args) == 2 && args[1] == lit || len(args) == 2 && s.text(args[1]) == s.text(lit) {
				name = dbEnvName(s.text(args[0]))
			}
		}
	case "variable_declarator":
		name = envName(s.text(p.ChildByFieldName("name")))
	}
	if name == "" {
		return nil
	}
	b := &fixBuilder{s: s}
	b.replaceNode(lit, `System.getenv("`+name+`")`)
	return b.fix("Read the secret from the environment variable " + name + secretFixNote)
}

// urlEnvName names a connection URL by its scheme.
func urlEnvName(lit string) string {
	v := strings.ToLower(lit)
	if i := strings.IndexAny(v, "'\"`"); i >= 0 {
		v = v[i+1:]
	}
	switch {
	case strings.HasPrefix(v, "redis"):
		return "REDIS_URL"
	case strings.HasPrefix(v, "mongodb"):
		return "MONGODB_URL"
	case strings.HasPrefix(v, "amqp"):
		return "AMQP_URL"
	}
	return "DATABASE_URL"
}
