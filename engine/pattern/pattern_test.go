package pattern_test

import (
	"context"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/lambdascan/lambdascan/analyzers/java"
	"github.com/lambdascan/lambdascan/analyzers/javascript"
	"github.com/lambdascan/lambdascan/analyzers/python"
	"github.com/lambdascan/lambdascan/engine/parse"
	"github.com/lambdascan/lambdascan/engine/pattern"
)

func tree(t testing.TB, lang parse.Language, src string) (*pattern.Tree, *pattern.Imports) {
	t.Helper()
	p := parse.NewParser(0)
	defer p.Close()
	tr, err := p.Parse(context.Background(), lang, []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	defer tr.Close()
	ft := pattern.Flatten(tr)
	switch lang.Family() {
	case parse.Python:
		return ft, python.Imports(ft)
	case parse.JavaScript:
		return ft, javascript.Imports(ft)
	default:
		return ft, java.Imports(ft)
	}
}

func TestMatch(t *testing.T) {
	tests := []struct {
		name, pat, src string
		lang           parse.Language
		want           []string // matched texts, with bindings "text|$X=..."
	}{
		{"py alias", "subprocess.run(...)", "import subprocess as sp\nsp.run(['ls'])\nrun(1)\nsubprocess.call(x)\n", parse.Python,
			[]string{"sp.run(['ls'])"}},
		{"py from import", "subprocess.run($CMD, ...)", "from subprocess import run\nrun(cmd, check=True)\n", parse.Python,
			[]string{"run(cmd, check=True)|$CMD=cmd"}},
		{"py from import alias", "hashlib.md5(...)", "from hashlib import md5 as m\nm(b'x')\nimport hashlib\nhashlib.md5()\nhashlib.sha256()\n", parse.Python,
			[]string{"m(b'x')", "hashlib.md5()"}},
		{"py kwargs any order", "subprocess.run(..., shell=True, ...)", "import subprocess\nsubprocess.run(c, shell=True, text=True)\nsubprocess.run(c, text=True, shell=True)\nsubprocess.run(c, shell=False)\nsubprocess.run(c)\n", parse.Python,
			[]string{"subprocess.run(c, shell=True, text=True)", "subprocess.run(c, text=True, shell=True)"}},
		{"py prefix metavar callee", "subprocess.$F($C, ..., shell=True, ...)", "from subprocess import run as r, Popen\nimport subprocess as sp\nr(c, shell=True)\nsp.Popen(d, shell=True)\nos.run(c, shell=True)\nx.subprocess.run(c, shell=True)\n", parse.Python,
			[]string{"r(c, shell=True)|$C=c|$F=r", "sp.Popen(d, shell=True)|$C=d|$F=Popen"}},
		{"py constants", `f("...")`, "A = 'x'\nB = 'y'\nB = g()\nf(A)\nf(B)\nf(o.A)\n", parse.Python, []string{"f(A)"}},
		{"js constants", `f("ls")`, "const A = 'ls';\nlet B = 'ls';\nf(A); f(B);\n", parse.JavaScript, []string{"f(A)"}},
		{"java constants", `f("MD5")`, "class C { static final String A = \"MD5\"; String B = \"MD5\"; void g() { f(A); f(B); } }", parse.Java, []string{"f(A)"}},
		// Names a file spells only in its imports
		// still let the pattern be tried (see Set.possible).
		{"js renamed require", "child_process.exec(...)", "const {exec: run} = require('node:child_process');\nrun(c);\nexec(d);\n", parse.JavaScript,
			[]string{"run(c)"}},
		{"java wildcard import", "java.security.MessageDigest.getInstance(...)", "import java.security.*;\nclass C { void f() { MessageDigest.getInstance(\"MD5\"); } }", parse.Java,
			[]string{`MessageDigest.getInstance("MD5")`}},
		{"js object key", "f({..., ACL: $A, ...})", "f({ACL: a, b: 1});\nf({acl: b});\n", parse.JavaScript,
			[]string{`f({ACL: a, b: 1})|$A=a`}},
		{"name absent", "f({..., ACL: $A, ...})", "f({acl: b});\nconst ACLs = 1;\n", parse.JavaScript, nil},
		{"py kwargs exact", "f(a, x=1)", "f(a, x=1)\nf(a, x=1, y=2)\nf(a)\n", parse.Python,
			[]string{"f(a, x=1)"}},
		{"py string forms", `f("abc")`, "f('abc')\nf(\"abc\")\nf(r'abc')\nf('''abc''')\nf('abd')\nf(f'abc{x}')\n", parse.Python,
			[]string{"f('abc')", `f("abc")`, "f(r'abc')", "f('''abc''')"}},
		{"py any string", `f("...")`, "f('x')\nf(y)\nf(f'{y}')\n", parse.Python, []string{"f('x')"}},
		{"py same metavar", "$X == $X", "a == a\na == b\n(a.b) == a.b\n", parse.Python, []string{"a == a|$X=a", "(a.b) == a.b|$X=a.b"}},
		{"py parens", "eval($X)", "(eval)(x)\neval((y))\n", parse.Python, []string{"eval((y))|$X=y"}},
		{"py args seq", "f($...A, 1)", "f(1)\nf(a, b, 1)\nf(1, 2)\n", parse.Python, []string{"f(1)|$A=", "f(a, b, 1)|$A=a, b"}},
		{"py statements", "$X = $Y\n...\nexec($X)", "def h():\n    a = 1\n    print(a)\n    exec(a)\n    b = 2\n    exec(c)\n", parse.Python,
			[]string{"a = 1\n    print(a)\n    exec(a)|$X=a|$Y=1"}},
		{"py statements to the end", "$X = open(...)\n...", "def h():\n    f = open(p)\n    f.read()\n    g()\n", parse.Python,
			[]string{"f = open(p)\n    f.read()\n    g()|$X=f"}},
		{"py def", "def $F(...):\n    ...", "def handler(event, context):\n    return 1\n", parse.Python,
			[]string{"def handler(event, context):\n    return 1|$F=handler"}},
		{"js require destructure", "child_process.exec(...)", "const {exec, spawn: sp} = require('child_process')\nexec(cmd)\nsp(x)\n", parse.JavaScript,
			[]string{"exec(cmd)"}},
		{"js require alias", "child_process.spawn(...)", "const {exec, spawn: sp} = require('child_process')\nsp(x)\n", parse.JavaScript,
			[]string{"sp(x)"}},
		{"js namespace node:", "child_process.exec($C)", "import * as cp from 'node:child_process'\ncp.exec(`ls ${d}`)\n", parse.JavaScript,
			[]string{"cp.exec(`ls ${d}`)|$C=`ls ${d}`"}},
		{"js named alias", "child_process.exec(...)", "import {exec as e} from \"child_process\"\ne(x)\nexec(y)\n", parse.JavaScript,
			[]string{"e(x)"}},
		{"js require member", "child_process.execSync(...)", "const run = require('child_process').execSync\nrun(x)\n", parse.JavaScript,
			[]string{"run(x)"}},
		{"js template equals string", "f('abc')", "f(`abc`)\nf(\"abc\")\nf(`a${b}c`)\n", parse.JavaScript,
			[]string{"f(`abc`)", `f("abc")`}},
		{"js new Function", "new Function(...)", "new Function('a', b)\nnew Foo(b)\n", parse.JavaScript,
			[]string{"new Function('a', b)"}},
		{"js object unordered", "f({..., shell: true, ...})", "f({cwd: d, shell: true})\nf({shell: false})\n", parse.JavaScript,
			[]string{"f({cwd: d, shell: true})"}},
		{"ts", "eval($X)", "const a: string = eval(x as string)\n", parse.TypeScript, []string{"eval(x as string)|$X=x as string"}},
		{"java import", "java.security.MessageDigest.getInstance(\"MD5\")",
			"import java.security.MessageDigest;\nclass A { void f() { MessageDigest.getInstance(\"MD5\"); Other.getInstance(\"MD5\"); java.security.MessageDigest.getInstance(\"MD5\"); MessageDigest.getInstance(\"SHA-256\"); } }",
			parse.Java, []string{`MessageDigest.getInstance("MD5")`, `java.security.MessageDigest.getInstance("MD5")`}},
		{"java static import", "java.security.MessageDigest.getInstance($A)",
			"import static java.security.MessageDigest.getInstance;\nclass A { void f() { getInstance(a); } }", parse.Java,
			[]string{"getInstance(a)|$A=a"}},
		{"java wildcard import", "java.security.MessageDigest.getInstance(...)",
			"import java.security.*;\nclass A { void f() { MessageDigest.getInstance(a); } }", parse.Java,
			[]string{"MessageDigest.getInstance(a)"}},
		{"py every binding after an ellipsis", "f(..., $X, ...)", "f(a, b)\n", parse.Python,
			[]string{"f(a, b)|$X=a", "f(a, b)|$X=b"}},
		{"py no repeated bindings", "f(..., 1, ...)", "f(1, 1)\n", parse.Python, []string{"f(1, 1)"}},
		{"py kwargs every binding", "f(..., $K=$V, ...)", "f(a=1, b=2)\n", parse.Python,
			[]string{"f(a=1, b=2)|$K=a|$V=1", "f(a=1, b=2)|$K=b|$V=2"}},
		{"py same metavar backtracks", "f(..., $X, ..., $X, ...)", "f(a, b, c, b)\nf(a, b)\n", parse.Python,
			[]string{"f(a, b, c, b)|$X=b"}},
		{"py dict ellipsis", `{"Content-Disposition": $X, ...}`,
			"h = {\"A\": 1, 'Content-Disposition': v, **rest}\ng = {'Content-Disposition': w}\nk = {'A': 1}\n", parse.Python,
			[]string{"{\"A\": 1, 'Content-Disposition': v, **rest}|$X=v", "{'Content-Disposition': w}|$X=w"}},
		{"py dict exact", `{"a": $X}`, "h = {'a': 1, 'b': 2}\ng = {'a': 3}\n", parse.Python,
			[]string{"{'a': 3}|$X=3"}},
		{"js hyphenated module", `node\-serialize.unserialize($X)`,
			"const s = require('node-serialize');\nconst {unserialize: u} = require('node-serialize');\ns.unserialize(a);\nu(b);\nother.unserialize(c);\nnode - serialize.unserialize(d);\n",
			parse.JavaScript, []string{"s.unserialize(a)|$X=a", "u(b)|$X=b"}},
		{"js hyphenated module prefix", `js\-yaml.$F($X, ...)`,
			"import yaml from 'js-yaml';\nyaml.load(a);\nyaml.dump(b, o);\nJSON.parse(c);\n",
			parse.JavaScript, []string{"yaml.load(a)|$F=load|$X=a", "yaml.dump(b, o)|$F=dump|$X=b"}},
		{"java metavar receiver", "$S.executeQuery($Q)",
			"class A { void f() { stmt.executeQuery(q); s.execute(q); } }", parse.Java,
			[]string{"stmt.executeQuery(q)|$Q=q|$S=stmt"}},
	}
	// Each case runs on the one-call tree copy and on the cursor walk that
	// replaces it when go-tree-sitter's layout changes: both must match alike.
	for _, flatten := range []string{"fast", "cursor"} {
		if flatten == "cursor" {
			defer pattern.UseCursorFlatten()()
		}
		for _, tc := range tests {
			t.Run(flatten+"/"+tc.name, func(t *testing.T) {
				p, err := pattern.Compile(tc.lang, tc.pat)
				if err != nil {
					t.Fatal(err)
				}
				ft, im := tree(t, tc.lang, tc.src)
				ms, err := pattern.MatchOne(context.Background(), p, ft, im)
				if err != nil {
					t.Fatal(err)
				}
				var got []string
				for _, m := range ms {
					s := string(ft.Src[m.Start:m.End])
					names := p.Metavariables()
					sortStrings(names)
					for _, n := range names {
						if b, ok := m.Lookup(n); ok {
							s += "|" + n + "=" + string(ft.Src[b.Start:b.End])
						}
					}
					got = append(got, s)
				}
				if diff := cmp.Diff(tc.want, got); diff != "" {
					t.Errorf("matches (-want +got):\n%s", diff)
				}
			})
		}
	}
}

func sortStrings(s []string) {
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && s[j] < s[j-1]; j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
}

func TestCompileErrors(t *testing.T) {
	for _, tc := range []struct {
		lang parse.Language
		pat  string
	}{
		{parse.Python, "def ("},
		{parse.JavaScript, "foo(("},
		{parse.Java, "class {"},
		{parse.Python, "   "},
		{parse.Language("cobol"), "x"},
	} {
		if _, err := pattern.Compile(tc.lang, tc.pat); err == nil {
			t.Errorf("Compile(%s, %q): no error", tc.lang, tc.pat)
		}
	}
}
