package fixes

import (
	"context"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/lambdascan/lambdascan/engine/finding"
	"github.com/lambdascan/lambdascan/engine/parse"
)

// applyFunc runs fix function fn at the first occurrence of span in src
// and returns the fixed file, or "" when the function declines.
func applyFunc(t *testing.T, fn string, lang parse.Language, src, span string, binds map[string]string) string {
	t.Helper()
	i := strings.Index(src, span)
	if i < 0 {
		t.Fatalf("span %q not in source", span)
	}
	s := &Site{RuleID: "test." + fn, Lang: lang, Src: []byte(src), Start: i, End: i + len(span)}
	for name, text := range binds {
		j := strings.Index(src[i:], text)
		if j < 0 {
			j = strings.Index(src, text) - i
		}
		s.Binds = append(s.Binds, Bind{Name: name, Start: i + j, End: i + j + len(text)})
	}
	fx := Call(fn, s)
	if fx == nil {
		return ""
	}
	for _, e := range fx.Edits {
		if e.StartLine < 1 || e.StartColumn < 1 || e.EndLine < e.StartLine {
			t.Errorf("edit without a position: %+v", e)
		}
	}
	res := File(context.Background(), "x", []byte(src), lang, []Candidate{{Finding: &finding.Finding{RuleID: "r"}, Fix: fx}})
	if res.Refused != "" {
		t.Fatalf("fix refused: %s", res.Refused)
	}
	return string(res.After)
}

func TestFixFunctions(t *testing.T) {
	tests := []struct {
		name, fn string
		lang     parse.Language
		src      string
		span     string
		binds    map[string]string
		want     string // "" when the function must decline
	}{
		{
			name: "pickle to json adds the import after the docstring",
			fn:   "python-pickle-to-json", lang: parse.Python,
			src:  "\"\"\"Doc.\"\"\"\nfrom x import y\nimport pickle\n\nstate = pickle.loads(blob)\n",
			span: "pickle.loads(blob)",
			want: "\"\"\"Doc.\"\"\"\nfrom x import y\nimport pickle\nimport json\n\nstate = json.loads(blob)\n",
		},
		{
			name: "pickle with protocol options is left alone",
			fn:   "python-pickle-to-json", lang: parse.Python,
			src:  "import pickle\nstate = pickle.loads(blob, encoding='latin1')\n",
			span: "pickle.loads(blob, encoding='latin1')",
		},
		{
			name: "secrets.choice imported at the top of a file without imports",
			fn:   "python-secrets-random", lang: parse.Python,
			src:  "def token():\n    return random.choice(ALPHABET)\n",
			span: "random.choice(ALPHABET)",
			want: "import secrets\ndef token():\n    return secrets.choice(ALPHABET)\n",
		},
		{
			name: "sqlite3 uses ? and passes the values",
			fn:   "python-sql-parameters", lang: parse.Python,
			src:  "import sqlite3\ndb = sqlite3.connect('/tmp/x.db')\ndef f(n):\n    db.execute(\"SELECT * FROM t WHERE n = '\" + n + \"' AND k LIKE 'a%'\")\n",
			span: "\"SELECT * FROM t WHERE n = '\" + n + \"' AND k LIKE 'a%'\"",
			want: "import sqlite3\ndb = sqlite3.connect('/tmp/x.db')\ndef f(n):\n    db.execute(\"SELECT * FROM t WHERE n = ? AND k LIKE 'a%'\", (n,))\n",
		},
		{
			name: "psycopg2 through a cursor: %s, literal % doubled, format() values",
			fn:   "python-sql-parameters", lang: parse.Python,
			src:  "import psycopg2\nconn = psycopg2.connect(DSN)\ncur = conn.cursor()\ncur.execute(\"SELECT * FROM t WHERE a = {} AND b LIKE 'x%' AND c = '{}'\".format(a, c))\n",
			span: "\"SELECT * FROM t WHERE a = {} AND b LIKE 'x%' AND c = '{}'\".format(a, c)",
			want: "import psycopg2\nconn = psycopg2.connect(DSN)\ncur = conn.cursor()\ncur.execute(\"SELECT * FROM t WHERE a = %s AND b LIKE 'x%%' AND c = %s\", (a, c))\n",
		},
		{
			name: "an unknown driver gets no fix",
			fn:   "python-sql-parameters", lang: parse.Python,
			src:  "def f(cur, n):\n    cur.execute(f\"SELECT * FROM t WHERE n = '{n}'\")\n",
			span: "f\"SELECT * FROM t WHERE n = '{n}'\"",
		},
		{
			name: "escaped quotes are not SQL quoting",
			fn:   "python-sql-parameters", lang: parse.Python,
			src:  "import sqlite3\ndb = sqlite3.connect('x')\ndb.execute('SELECT * FROM t WHERE a = \\'' + a + '\\'')\n",
			span: "'SELECT * FROM t WHERE a = \\'' + a + '\\''",
		},
		{
			name: "a column name cannot be a parameter",
			fn:   "python-sql-parameters", lang: parse.Python,
			src:  "import sqlite3\ndb = sqlite3.connect('x')\ndb.execute(f\"SELECT * FROM t ORDER BY {col}\")\n",
			span: "f\"SELECT * FROM t ORDER BY {col}\"",
		},
		{
			name: "shell command with quoted f-string values",
			fn:   "python-subprocess-argv", lang: parse.Python,
			src:  "import subprocess\nsubprocess.run(f\"convert '{src}' -resize 10x10 {dst}\", shell=True, check=True)\n",
			span: "subprocess.run(f\"convert '{src}' -resize 10x10 {dst}\", shell=True, check=True)",
			want: "import subprocess\nsubprocess.run([\"convert\", str(src), \"-resize\", \"10x10\", str(dst)], check=True)\n",
		},
		{
			name: "a pipe needs the shell: no fix",
			fn:   "python-subprocess-argv", lang: parse.Python,
			src:  "import subprocess\nsubprocess.run(\"cat \" + f + \" | gzip\", shell=True)\n",
			span: "subprocess.run(\"cat \" + f + \" | gzip\", shell=True)",
		},
		{
			name: "secret constant from the environment, os imported",
			fn:   "python-secret-from-env", lang: parse.Python,
			src:  "import json\n\napiKey = \"sk_live_0123456789abcdef\"\n",
			span: "apiKey = \"sk_live_0123456789abcdef\"",
			want: "import json\nimport os\n\napiKey = os.environ[\"API_KEY\"]\n",
		},
		{
			name: "logging the event without a usable context logs the request id from the event",
			fn:   "python-log-event-fields", lang: parse.Python,
			src:  "def handler(event, _):\n    logger.info(event)\n",
			span: "logger.info(event)", binds: map[string]string{"EVENT": "event", "CTX": "_"},
			want: "def handler(event, _):\n    logger.info(\"request %s\", event.get(\"requestContext\", {}).get(\"requestId\"))\n",
		},
		{
			name: "exec by name from CommonJS: execFile added to the require",
			fn:   "javascript-exec-file", lang: parse.JavaScript,
			src:  "const { exec } = require('child_process');\nexec(`convert ${a} ${b}`, cb);\n",
			span: "`convert ${a} ${b}`",
			want: "const { exec, execFile } = require('child_process');\nexecFile('convert', [a, b], cb);\n",
		},
		{
			name: "exec through the module object needs no import",
			fn:   "javascript-exec-file", lang: parse.JavaScript,
			src:  "import cp from 'node:child_process';\ncp.execSync('ls -l ' + dir);\n",
			span: "'ls -l ' + dir",
			want: "import cp from 'node:child_process';\ncp.execFileSync('ls', ['-l', dir]);\n",
		},
		{
			name: "pg uses $1, $2",
			fn:   "javascript-sql-parameters", lang: parse.JavaScript,
			src:  "import pg from 'pg';\nconst client = new pg.Client();\nawait client.query(`UPDATE t SET a = '${a}' WHERE id = ${id}`);\n",
			span: "`UPDATE t SET a = '${a}' WHERE id = ${id}`",
			want: "import pg from 'pg';\nconst client = new pg.Client();\nawait client.query('UPDATE t SET a = $1 WHERE id = $2', [a, id]);\n",
		},
		{
			name: "mysql callback style keeps the callback",
			fn:   "javascript-sql-parameters", lang: parse.JavaScript,
			src:  "const mysql = require('mysql');\nconst conn = mysql.createConnection({});\nconn.query('SELECT * FROM t WHERE id = ' + id, cb);\n",
			span: "'SELECT * FROM t WHERE id = ' + id",
			want: "const mysql = require('mysql');\nconst conn = mysql.createConnection({});\nconn.query('SELECT * FROM t WHERE id = ?', [id], cb);\n",
		},
		{
			name: "JDBC Statement used twice gets no fix",
			fn:   "java-prepared-statement", lang: parse.Java,
			src: "class A {\n  void f(java.sql.Connection c, String x) throws Exception {\n    Statement st = c.createStatement();\n" +
				"    st.executeQuery(\"SELECT a FROM t WHERE b = '\" + x + \"'\");\n    st.executeQuery(\"SELECT 1\");\n  }\n}\n",
			span: "\"SELECT a FROM t WHERE b = '\" + x + \"'\"",
		},
		{
			name: "JDBC PreparedStatement imported after the package",
			fn:   "java-prepared-statement", lang: parse.Java,
			src: "package p;\n\nclass A {\n  int f(java.sql.Connection c, String x) throws Exception {\n    Statement st = c.createStatement();\n" +
				"    return st.executeUpdate(\"DELETE FROM t WHERE b = '\" + x + \"'\");\n  }\n}\n",
			span: "\"DELETE FROM t WHERE b = '\" + x + \"'\"",
			want: "package p;\n\nimport java.sql.PreparedStatement;\n\nclass A {\n  int f(java.sql.Connection c, String x) throws Exception {\n    PreparedStatement st = c.prepareStatement(\"DELETE FROM t WHERE b = ?\");\n" +
				"    st.setObject(1, x);\n    return st.executeUpdate();\n  }\n}\n",
		},
		{
			name: "Runtime.exec with a non-String value keeps the concatenation's conversion",
			fn:   "java-process-builder", lang: parse.Java,
			src:  "class A {\n  void f(int n) throws Exception {\n    Runtime.getRuntime().exec(\"head -n \" + n + \" /tmp/x\");\n  }\n}\n",
			span: "\"head -n \" + n + \" /tmp/x\"",
			want: "class A {\n  void f(int n) throws Exception {\n    new ProcessBuilder(\"head\", \"-n\", String.valueOf(n), \"/tmp/x\").start();\n  }\n}\n",
		},
		{
			name: "Java DB password from the environment",
			fn:   "java-secret-from-env", lang: parse.Java,
			src:  "class A {\n  void f(java.util.Properties p) {\n    p.setProperty(\"password\", \"hunter2hunter2\");\n  }\n}\n",
			span: "p.setProperty(\"password\", \"hunter2hunter2\")",
			want: "class A {\n  void f(java.util.Properties p) {\n    p.setProperty(\"password\", System.getenv(\"DB_PASSWORD\"));\n  }\n}\n",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := applyFunc(t, tc.fn, tc.lang, tc.src, tc.span, tc.binds)
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("fixed file (-want +got):\n%s", diff)
			}
		})
	}
}

// TestSharedImports checks that two fixes adding the same import add it
// once, and two adding different imports at one place add both.
func TestSharedImports(t *testing.T) {
	src := "import pickle\n\na = pickle.loads(x)\nb = pickle.loads(y)\nc = random.choice(z)\n"
	var cands []Candidate
	for _, span := range []string{"pickle.loads(x)", "pickle.loads(y)", "random.choice(z)"} {
		i := strings.Index(src, span)
		fn := "python-pickle-to-json"
		if strings.HasPrefix(span, "random") {
			fn = "python-secrets-random"
		}
		fx := Call(fn, &Site{Lang: parse.Python, Src: []byte(src), Start: i, End: i + len(span)})
		if fx == nil {
			t.Fatalf("no fix at %s", span)
		}
		cands = append(cands, Candidate{Finding: &finding.Finding{RuleID: fn}, Fix: fx})
	}
	res := File(context.Background(), "x.py", []byte(src), parse.Python, cands)
	want := "import pickle\nimport json\nimport secrets\n\na = json.loads(x)\nb = json.loads(y)\nc = secrets.choice(z)\n"
	if diff := cmp.Diff(want, string(res.After)); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	for _, o := range res.Outcomes {
		if !o.Applied {
			t.Errorf("%s not applied: %s", o.Finding.RuleID, o.Reason)
		}
	}
}

func TestKnown(t *testing.T) {
	for _, n := range Names() {
		if !Known(n) || functions[n] == nil {
			t.Errorf("%s is listed but not known", n)
		}
	}
	if Known("no-such-fix") {
		t.Error("an unknown name is known")
	}
}
