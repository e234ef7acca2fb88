package fixes

import (
	"regexp"
	"strconv"
	"strings"

	sitter "github.com/smacker/go-tree-sitter"

	"github.com/lambdascan/lambdascan/engine/finding"
)

// Placeholder styles of SQL drivers.
const (
	styleFormat   = "%s" // psycopg2, psycopg, pymysql, MySQLdb, pg8000
	styleQmark    = "?"  // sqlite3, mysql/mysql2, JDBC
	styleNumbered = "$"  // pg (node-postgres): $1, $2
)

// sqlValue is one value passed separately from the SQL text.
type sqlValue struct {
	expr string
	// like is set when the value was inside '%...%' (a LIKE pattern).
	likePre, likePost string
}

// identifierContext matches SQL text that a placeholder cannot follow:
// table and column names, sort orders, keywords.
// numberedParamRe finds a $1-style placeholder already in the SQL text.
var numberedParamRe = regexp.MustCompile(`\$\d`)

var identifierContext = regexp.MustCompile(`(?i)(\b(order\s+by|group\s+by|from|join|into|update|table|select|distinct|as|by)|[.,(])\s*$`)

// sqlTemplate turns a built SQL string into parameterised SQL text (the
// literal pieces as written, placeholders in place of the values) and the
// values. A value inside quotes loses the quotes; one inside '%...%'
// becomes a LIKE pattern value; a value where a name is expected (ORDER
// BY x, a table) refuses the fix. Literal text that the driver would read
// as a placeholder is escaped (%%) or refuses the fix (?).
func sqlTemplate(b *built, style string) (string, []sqlValue, bool) {
	parts := b.parts
	var out strings.Builder
	var vals []sqlValue
	lits := make([]string, len(parts))
	for i, p := range parts {
		lits[i] = p.lit
	}
	for i, p := range parts {
		if p.expr == nil {
			continue
		}
		v := sqlValue{expr: p.conv}
		if b.percent {
			v.expr = p.conv
		}
		before, after := "", ""
		if i > 0 {
			before = lits[i-1]
		}
		if i+1 < len(parts) && parts[i+1].expr == nil {
			after = lits[i+1]
		} else if i+1 < len(parts) {
			return "", nil, false // two values side by side
		}
		quoted := false
		for _, q := range []string{"'%", "'"} {
			post := "%'"
			if q == "'" {
				post = "'"
			}
			if strings.HasSuffix(before, q) && strings.HasPrefix(after, post) {
				if strings.HasSuffix(before[:len(before)-len(q)], `\`) {
					return "", nil, false // an escaped quote (\'), not SQL quoting
				}
				before, after = before[:len(before)-len(q)], after[len(post):]
				if q == "'%" {
					v.likePre, v.likePost = "%", "%"
				}
				quoted = true
				break
			}
		}
		if !quoted && (strings.HasSuffix(before, "'") || strings.HasPrefix(after, "'") ||
			strings.HasSuffix(before, `"`) || strings.HasPrefix(after, `"`) || strings.HasSuffix(before, "%") || strings.HasPrefix(after, "%")) {
			return "", nil, false // a value joined to other text inside a string
		}
		if !quoted && identifierContext.MatchString(before) {
			return "", nil, false
		}
		if after != "" && !strings.ContainsAny(after[:1], " ),;\n\t") {
			return "", nil, false
		}
		if i > 0 {
			lits[i-1] = before
		}
		if i+1 < len(parts) {
			lits[i+1] = after
		}
		vals = append(vals, v)
	}
	n := 0
	for i, p := range parts {
		if p.expr == nil {
			t := lits[i]
			switch style {
			case styleFormat:
				if !b.percent {
					t = strings.ReplaceAll(t, "%", "%%")
				}
			case styleQmark:
				if b.percent {
					t = strings.ReplaceAll(t, "%%", "%")
				}
				if strings.Contains(t, "?") {
					return "", nil, false
				}
			case styleNumbered:
				if numberedParamRe.MatchString(t) {
					return "", nil, false
				}
			}
			out.WriteString(t)
			continue
		}
		n++
		switch style {
		case styleNumbered:
			out.WriteString("$" + strconv.Itoa(n))
		default:
			out.WriteString(style)
		}
	}
	if len(vals) == 0 {
		return "", nil, false
	}
	return out.String(), vals, true
}

var pyModStyle = map[string]string{
	"sqlite3": styleQmark, "aiosqlite": styleQmark,
	"psycopg2": styleFormat, "psycopg": styleFormat, "pymysql": styleFormat, "MySQLdb": styleFormat,
	"mysql": styleFormat, "pg8000": styleFormat, "aiomysql": styleFormat, "aiopg": styleFormat,
}

// pySQLStyle finds the placeholder style of the driver behind a receiver
// (cur, conn, DB), following `cur = conn.cursor()`, `conn = psycopg2.connect()`
// and `with X.connect() as conn` in the file.
func pySQLStyle(src []byte, recv string, depth int) string {
	if depth > 4 || !identRe.MatchString(recv) {
		return ""
	}
	styles := map[string]bool{}
	re := regexp.MustCompile(`(?m)(?:^\s*|\bglobal\s+\w+\s*;\s*)` + regexp.QuoteMeta(recv) + `\s*=\s*([A-Za-z_][\w.]*)\s*\(|\bwith\s+([A-Za-z_][\w.]*)\s*\([^\n]*\)\s+as\s+` + regexp.QuoteMeta(recv) + `\b`)
	for _, m := range re.FindAllSubmatch(src, -1) {
		callee := string(m[1])
		if callee == "" {
			callee = string(m[2])
		}
		head, rest, dotted := strings.Cut(callee, ".")
		if st, ok := pyModStyle[head]; ok && (dotted || pyImportsName(src, head)) {
			styles[st] = true
			continue
		}
		if mod := pyFromImport(src, head); mod != "" && !dotted {
			if st, ok := pyModStyle[strings.Split(mod, ".")[0]]; ok {
				styles[st] = true
				continue
			}
		}
		if dotted {
			last := rest[strings.LastIndexByte(rest, '.')+1:]
			switch last {
			case "cursor", "connect", "getconn", "get_connection", "acquire":
				obj := callee[:len(callee)-len(last)-1]
				if st := pySQLStyle(src, obj, depth+1); st != "" {
					styles[st] = true
					continue
				}
			}
		}
		return ""
	}
	if len(styles) != 1 {
		return ""
	}
	for st := range styles {
		return st
	}
	return ""
}

func pyImportsName(src []byte, mod string) bool {
	return regexp.MustCompile(`(?m)^\s*import\s+[^\n]*\b` + regexp.QuoteMeta(mod) + `\b`).Match(src)
}

var pyFromImportRe = regexp.MustCompile(`(?m)^\s*from\s+([\w.]+)\s+import\s+([^\n]*)$`)

// pyFromImport returns the module a name is imported from, or "".
func pyFromImport(src []byte, name string) string {
	for _, m := range pyFromImportRe.FindAllSubmatch(src, -1) {
		for _, n := range strings.Split(string(m[2]), ",") {
			f := strings.Fields(strings.Trim(n, "() "))
			if len(f) == 1 && f[0] == name || len(f) == 3 && f[2] == name {
				return string(m[1])
			}
		}
	}
	return ""
}

// pySQLBuilt splits the SQL argument: literals, f-strings, + concatenation,
// "..." % values and "...".format(values).
func pySQLBuilt(s *Site, n *sitter.Node) (*built, bool) {
	if n.Type() == "binary_operator" && s.text(n.ChildByFieldName("operator")) == "%" {
		left, right := n.ChildByFieldName("left"), n.ChildByFieldName("right")
		ps, ok := parsePyString(s, left)
		if !ok || ps.fstring || len(ps.parts) != 1 {
			return nil, false
		}
		var vals []*sitter.Node
		if right.Type() == "tuple" {
			vals = namedChildren(right)
		} else {
			vals = []*sitter.Node{right}
		}
		b := &built{quote: ps.quote, prefix: ps.prefix, percent: true}
		lit := ps.parts[0].lit
		k := 0
		for {
			i := strings.IndexByte(lit, '%')
			if i < 0 || i+1 >= len(lit) {
				b.addLit(lit)
				break
			}
			switch lit[i+1] {
			case '%':
				b.addLit(lit[:i+2])
				lit = lit[i+2:]
				continue
			case 's', 'd':
				if k >= len(vals) {
					return nil, false
				}
				b.addLit(lit[:i])
				b.addExpr(s, vals[k], "")
				k++
				lit = lit[i+2:]
				continue
			}
			return nil, false
		}
		if k != len(vals) {
			return nil, false
		}
		return b, true
	}
	if n.Type() == "call" {
		fn := n.ChildByFieldName("function")
		if fn == nil || fn.Type() != "attribute" || s.text(fn.ChildByFieldName("attribute")) != "format" {
			return nil, false
		}
		ps, ok := parsePyString(s, fn.ChildByFieldName("object"))
		if !ok || ps.fstring || len(ps.parts) != 1 {
			return nil, false
		}
		pos, kw, ok := pyArgs(n)
		if !ok {
			return nil, false
		}
		named := map[string]*sitter.Node{}
		for _, k := range kw {
			named[s.text(k.ChildByFieldName("name"))] = k.ChildByFieldName("value")
		}
		b := &built{quote: ps.quote, prefix: ps.prefix}
		lit := ps.parts[0].lit
		auto := 0
		for {
			i := strings.IndexAny(lit, "{}")
			if i < 0 {
				b.addLit(lit)
				break
			}
			if i+1 < len(lit) && lit[i+1] == lit[i] {
				b.addLit(lit[:i+1])
				lit = lit[i+2:]
				continue
			}
			if lit[i] == '}' {
				return nil, false
			}
			j := strings.IndexByte(lit[i:], '}')
			if j < 0 {
				return nil, false
			}
			field := lit[i+1 : i+j]
			var v *sitter.Node
			switch {
			case field == "":
				if auto >= len(pos) {
					return nil, false
				}
				v = pos[auto]
				auto++
			case field[0] >= '0' && field[0] <= '9':
				k, err := strconv.Atoi(field)
				if err != nil || k >= len(pos) {
					return nil, false
				}
				v = pos[k]
			default:
				v = named[field]
				if v == nil {
					return nil, false
				}
			}
			b.addLit(lit[:i])
			b.addExpr(s, v, "")
			lit = lit[i+j+1:]
		}
		return b, true
	}
	b, ok := pyBuilt(s, n)
	if !ok {
		return nil, false
	}
	// For values in f-strings, pass the value itself: the driver adapts it.
	for i := range b.parts {
		if b.parts[i].expr != nil {
			b.parts[i].conv = s.text(b.parts[i].expr)
		}
	}
	return b, true
}

// pythonSQLParameters turns cursor.execute(<SQL built from values>) into
// cursor.execute("<SQL with placeholders>", (values,)) in the placeholder
// style of the driver behind the cursor.
func pythonSQLParameters(s *Site) *finding.Fix {
	n := s.node()
	call, idx := callOfArg(n)
	if call == nil || call.Type() != "call" || idx != 0 {
		return nil
	}
	fn := call.ChildByFieldName("function")
	if fn == nil || fn.Type() != "attribute" || s.text(fn.ChildByFieldName("attribute")) != "execute" {
		return nil
	}
	pos, kw, ok := pyArgs(call)
	if !ok || len(pos) != 1 || len(kw) != 0 {
		return nil
	}
	recv := fn.ChildByFieldName("object")
	style := pySQLStyle(s.Src, s.text(recv), 0)
	if style == "" {
		return nil
	}
	bt, ok := pySQLBuilt(s, n)
	if !ok || !bt.hasExpr() {
		return nil
	}
	sql, vals, ok := sqlTemplate(bt, style)
	if !ok || strings.Contains(sql, "\n") {
		return nil
	}
	var vs []string
	for _, v := range vals {
		if v.likePre != "" {
			vs = append(vs, `"%" + str(`+v.expr+`) + "%"`)
		} else {
			vs = append(vs, v.expr)
		}
	}
	tuple := "(" + strings.Join(vs, ", ") + ")"
	if len(vs) == 1 {
		tuple = "(" + vs[0] + ",)"
	}
	b := &fixBuilder{s: s}
	b.replaceNode(n, bt.prefix+bt.quote+sql+bt.quote+", "+tuple)
	return b.fix("Pass the values as query parameters (" + styleName(style) + " placeholders), never in the SQL text")
}

func styleName(style string) string {
	if style == styleNumbered {
		return "$1, $2, ..."
	}
	return style
}

var jsModStyle = map[string]string{
	"mysql": styleQmark, "mysql2": styleQmark, "mysql2/promise": styleQmark, "serverless-mysql": styleQmark,
	"pg": styleNumbered, "pg-pool": styleNumbered,
	"knex": styleQmark, // knex.raw(sql, bindings)
}

// jsSQLStyle finds the placeholder style of the driver behind a receiver
// (pool, conn, pg), following `const pool = mysql.createPool(...)`,
// `new Pool(...)`, `await pool.getConnection()` and the module's require
// or import.
func jsSQLStyle(src []byte, recv string, depth int) string {
	recv = strings.TrimPrefix(recv, "this.")
	if depth > 4 || !identRe.MatchString(recv) {
		return ""
	}
	if st := jsModuleStyle(src, recv); st != "" {
		return st
	}
	re := regexp.MustCompile(`\b` + regexp.QuoteMeta(recv) + `\s*=\s*(?:await\s+)?(?:new\s+)?([A-Za-z_$][\w$.]*)\s*\(`)
	styles := map[string]bool{}
	for _, m := range re.FindAllSubmatch(src, -1) {
		callee := string(m[1])
		head := strings.Split(callee, ".")[0]
		st := jsModuleStyle(src, head)
		if st == "" && strings.Contains(callee, ".") {
			st = jsSQLStyle(src, head, depth+1)
		}
		if st == "" {
			return ""
		}
		styles[st] = true
	}
	if len(styles) != 1 {
		return ""
	}
	for st := range styles {
		return st
	}
	return ""
}

// jsModuleStyle is the style of the SQL module a name is bound to by
// require or import, or "".
func jsModuleStyle(src []byte, name string) string {
	return jsModStyle[jsModuleOf(src, name)]
}

// jsModuleOf is the module a name is bound to by require or import, or "".
func jsModuleOf(src []byte, name string) string {
	q := regexp.QuoteMeta(name)
	re := regexp.MustCompile(`(?:\b` + q + `\s*=\s*require\(\s*|\{[^}]*\b` + q + `\b[^}]*\}\s*=\s*require\(\s*|import\s+` + q + `\s+from\s+|import\s+\*\s+as\s+` + q + `\s+from\s+|import\s*\{[^}]*\b` + q + `\b[^}]*\}\s*from\s+)['"]([^'"]+)['"]`)
	m := re.FindSubmatch(src)
	if m == nil {
		return ""
	}
	return string(m[1])
}

// javascriptSQLParameters turns db.query(`... ${x}`) into
// db.query('... ?', [x]) (mysql/mysql2) or db.query('... $1', [x]) (pg).
func javascriptSQLParameters(s *Site) *finding.Fix {
	n := s.node()
	call, idx := callOfArg(n)
	if call == nil || call.Type() != "call_expression" || idx != 0 {
		return nil
	}
	fn := call.ChildByFieldName("function")
	if fn == nil || fn.Type() != "member_expression" {
		return nil
	}
	method := s.text(fn.ChildByFieldName("property"))
	switch method {
	case "query", "execute", "raw":
	default:
		return nil
	}
	args := namedChildren(call.ChildByFieldName("arguments"))
	if len(args) > 2 || len(args) == 2 && args[1].Type() != "arrow_function" && args[1].Type() != "function_expression" && args[1].Type() != "function" && args[1].Type() != "identifier" {
		return nil
	}
	recv := s.text(fn.ChildByFieldName("object"))
	style := jsSQLStyle(s.Src, recv, 0)
	if style == "" || (method == "raw") != (jsModuleOf(s.Src, strings.TrimPrefix(recv, "this.")) == "knex") {
		return nil
	}
	bt, ok := jsBuilt(s, n)
	if !ok || !bt.hasExpr() {
		return nil
	}
	sql, vals, ok := sqlTemplate(bt, style)
	if !ok {
		return nil
	}
	q := bt.quote
	if q == "`" && !strings.Contains(sql, "\n") && !strings.Contains(sql, "'") && !strings.Contains(sql, `\`) {
		q = "'"
	}
	var vs []string
	for _, v := range vals {
		if v.likePre != "" {
			vs = append(vs, "`%${"+v.expr+"}%`")
		} else {
			vs = append(vs, v.expr)
		}
	}
	b := &fixBuilder{s: s}
	b.replaceNode(n, q+sql+q+", ["+strings.Join(vs, ", ")+"]")
	return b.fix("Pass the values as query parameters (" + styleName(style) + " placeholders), never in the SQL text")
}

// javaPreparedStatement turns
//
//	Statement st = conn.createStatement();
//	ResultSet rs = st.executeQuery("... '" + x + "'");
//
// into a PreparedStatement with the values set by index, when the
// Statement is made in the same method and used for this query only.
func javaPreparedStatement(s *Site) *finding.Fix {
	n := s.node()
	call, idx := callOfArg(n)
	if call == nil || call.Type() != "method_invocation" || idx != 0 {
		return nil
	}
	method := s.text(call.ChildByFieldName("name"))
	switch method {
	case "executeQuery", "executeUpdate", "execute", "executeLargeUpdate":
	default:
		return nil
	}
	if len(namedChildren(call.ChildByFieldName("arguments"))) != 1 {
		return nil
	}
	obj := call.ChildByFieldName("object")
	if obj == nil || obj.Type() != "identifier" {
		return nil
	}
	st := s.text(obj)
	body := enclosingMethod(call)
	if body == nil {
		return nil
	}
	// The Statement's declaration, in the method.
	var decl, typ, init *sitter.Node
	uses := 0
	var visit func(x *sitter.Node)
	visit = func(x *sitter.Node) {
		if x.Type() == "identifier" && s.text(x) == st {
			uses++
		}
		if (x.Type() == "local_variable_declaration" || x.Type() == "resource") && decl == nil {
			t := x.ChildByFieldName("type")
			var nameN, value *sitter.Node
			if x.Type() == "resource" {
				nameN, value = x.ChildByFieldName("name"), x.ChildByFieldName("value")
			} else if ds := x.ChildByFieldName("declarator"); ds != nil {
				nameN, value = ds.ChildByFieldName("name"), ds.ChildByFieldName("value")
			}
			if nameN != nil && s.text(nameN) == st && t != nil {
				decl, typ, init = x, t, value
			}
		}
		for i := 0; i < int(x.NamedChildCount()); i++ {
			visit(x.NamedChild(i))
		}
	}
	visit(body)
	if decl == nil || init == nil || init.Type() != "method_invocation" ||
		s.text(init.ChildByFieldName("name")) != "createStatement" ||
		len(namedChildren(init.ChildByFieldName("arguments"))) != 0 ||
		(s.text(typ) != "Statement" && s.text(typ) != "java.sql.Statement") ||
		decl.StartByte() > call.StartByte() {
		return nil
	}
	if uses != 2 {
		return nil // the Statement runs other SQL too (or is closed by hand)
	}
	conn := init.ChildByFieldName("object")
	if conn == nil {
		return nil
	}
	bt, ok := javaBuilt(s, n)
	if !ok || !bt.hasExpr() {
		return nil
	}
	sql, vals, ok := sqlTemplate(bt, styleQmark)
	if !ok {
		return nil
	}
	stmt := call
	for stmt != nil && !strings.HasSuffix(stmt.Type(), "statement") && stmt.Type() != "local_variable_declaration" {
		stmt = stmt.Parent()
	}
	if stmt == nil || stmt.Parent() == nil || stmt.Parent().Type() != "block" {
		return nil
	}
	b := &fixBuilder{s: s}
	if s.text(typ) == "Statement" {
		b.replaceNode(typ, "PreparedStatement")
		b.add(javaImport(s, "java.sql.PreparedStatement"))
	} else {
		b.replaceNode(typ, "java.sql.PreparedStatement")
	}
	b.replaceNode(init, s.text(conn)+`.prepareStatement("`+sql+`")`)
	at := lineStart(s.Src, int(stmt.StartByte()))
	indent := indentOf(s.Src, int(stmt.StartByte()))
	if strings.TrimSpace(string(s.Src[at:stmt.StartByte()])) != "" {
		return nil
	}
	for i, v := range vals {
		val := v.expr
		if v.likePre != "" {
			val = `"%" + ` + val + ` + "%"`
		}
		b.replace(at, at, indent+st+".setObject("+strconv.Itoa(i+1)+", "+val+");\n")
	}
	b.replace(int(call.ChildByFieldName("arguments").StartByte()), int(call.ChildByFieldName("arguments").EndByte()), "()")
	return b.fix("Use a PreparedStatement with the values set as parameters, never in the SQL text")
}
