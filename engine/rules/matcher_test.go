package rules

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"

	"github.com/lambdascan/lambdascan/engine/parse"
)

// TestMatcherGaps covers what the formula evaluator and the pattern
// matcher must do together: every way a pattern binds its metavariables is
// offered to the filters, not only the first.
func TestMatcherGaps(t *testing.T) {
	tests := []struct {
		name    string
		lang    parse.Language
		matcher string // YAML under the rule, indented by two
		src     string
		want    []int // lines of findings
	}{
		{"regex on a metavariable after an ellipsis", parse.Python, `
patterns:
  - pattern: f(..., $X, ...)
  - metavariable-regex: {metavariable: $X, regex: secret}
`, "f(secret, a)\nf(a, secret)\nf(a, b)\nf(a, b, secret)\n", []int{1, 2, 4}},
		{"pattern on a metavariable after an ellipsis", parse.Python, `
patterns:
  - pattern: f(..., $X, ...)
  - metavariable-pattern:
      metavariable: $X
      pattern: g(...)
`, "f(a, g(1))\nf(a, h(1))\n", []int{1}},
		{"same metavariable twice", parse.Python, `
patterns:
  - pattern: f(..., $X, ...)
  - pattern-inside: |
      $X = source()
      ...
`, "def h():\n    a = source()\n    f(b, a)\n    f(b, c)\n", []int{3}},
		{"python dict key not first", parse.Python, `
patterns:
  - pattern: 'f({..., $K: $V, ...})'
  - metavariable-regex: {metavariable: $K, regex: '(?i)password'}
`, "f({'user': u, 'password': p})\nf({'user': u})\n", []int{1}},
		{"javascript object key not first", parse.JavaScript, `
patterns:
  - pattern: 'f({..., $K: $V, ...})'
  - metavariable-regex: {metavariable: $K, regex: '(?i)password'}
`, "f({user: u, password: p});\nf({user: u});\n", []int{1}},
		{"java argument after the message", parse.Java, `
patterns:
  - pattern: $L.$M($MSG, ..., $ARG, ...)
  - metavariable-regex: {metavariable: $M, regex: ^(info|warn)$}
  - metavariable-regex: {metavariable: $ARG, regex: '(?i)password'}
`, "class A {\n  void f() {\n    log.info(\"x {} {}\", user, password);\n    log.info(\"x {}\", user);\n  }\n}\n", []int{3}},
		{"regex on a run of arguments", parse.Python, `
patterns:
  - pattern: f($...ARGS)
  - metavariable-regex: {metavariable: $...ARGS, regex: 'verify=False'}
`, "f(a, verify=False)\nf(a, verify=True)\nf()\n", []int{1}},
		{"focus on a run of arguments", parse.JavaScript, `
patterns:
  - pattern: f(a, $...REST)
  - focus-metavariable: $...REST
`, "f(a,\n  b, c);\nf(a);\n", []int{2}},
		{"java field with modifiers", parse.Java, `
pattern: private static final $T $NAME = "...";
`, `class A {
  private static final String A = "x";
  private final String B = "y";
  @Deprecated private static final String C = "z";
  public static final String D = "w";
  private static final String E = compute();
  final static private String F = "v";
}
`, []int{2, 4, 7}},
		{"java method with more modifiers and annotations", parse.Java, `
pattern: |
  public $R handleRequest(...) { ... }
`, `class A implements RequestHandler<Object, String> {
  @Override
  public String handleRequest(Object in, Context c) { return ""; }
  public final String handleRequest(String in) { return in; }
  private String handleRequest(int in) { return ""; }
}
`, []int{2, 4}},
		{"java declaration pattern without modifiers", parse.Java, `
pattern: |
  $R handleRequest(...) { ... }
`, `class A {
  @Override
  public String handleRequest(Object in, Context c) { return ""; }
  String handleRequest(int in) { return ""; }
}
`, []int{2, 4}},
		{"java annotation required", parse.Java, `
pattern: |
  @Override
  public $R $M(...) { ... }
`, `class A {
  @Override
  @SuppressWarnings("x")
  public String a() { return ""; }
  public String b() { return ""; }
}
`, []int{2}},
		{"java try with several catch clauses", parse.Java, `
patterns:
  - pattern: |
      try { ... } catch ($T $E) { ... }
  - metavariable-regex: {metavariable: $T, regex: ^Exception$}
`, `class A {
  void f() {
    try { a(); } catch (IOException e) { b(); } catch (Exception e) { } finally { c(); }
    try { a(); } catch (IOException | SQLException e) { b(); }
    try { a(); } catch (Exception e) { }
  }
}
`, []int{3, 5}},
		{"java try catch type as multi-catch", parse.Java, `
pattern: |
  try { ... } catch ($T $E) { ... }
`, `class A {
  void f() {
    try { a(); } catch (IOException | SQLException e) { b(); }
  }
}
`, []int{3}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			y := fmt.Sprintf("id: t.gap\ntitle: t\nmessage: m\nseverity: low\nlanguages: [%s]\n%s",
				tc.lang.Family(), strings.TrimPrefix(tc.matcher, "\n"))
			s, err := Load(fstest.MapFS{"r.yaml": {Data: []byte(y)}}, ".")
			if err != nil {
				t.Fatal(err)
			}
			got, err := s.Check(context.Background(), flat(t, tc.lang, tc.src))
			if err != nil {
				t.Fatal(err)
			}
			var lines []int
			for _, f := range got {
				lines = append(lines, f.Location.StartLine)
			}
			if diff := cmp.Diff(tc.want, lines); diff != "" {
				t.Errorf("lines (-want +got):\n%s", diff)
			}
		})
	}
}
