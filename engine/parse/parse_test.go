package parse

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"
)

func TestForPath(t *testing.T) {
	tests := map[string]Language{
		"app.py": Python, "a/b/index.mjs": JavaScript, "x.cjs": JavaScript, "c.jsx": JavaScript,
		"h.ts": TypeScript, "types.d.ts": None, "v.tsx": TSX, "Main.java": Java, "README.md": None,
	}
	for p, want := range tests {
		if got := ForPath(p); got != want {
			t.Errorf("ForPath(%q) = %q, want %q", p, got, want)
		}
	}
}

func TestParseEveryLanguage(t *testing.T) {
	p := NewParser(time.Second)
	defer p.Close()
	srcs := map[Language]string{
		Python:     "def handler(event, context):\n    return event['x']\n",
		JavaScript: "exports.handler = async (e) => e.body;\n",
		TypeScript: "export const handler = async (e: any): Promise<string> => e.body;\n",
		TSX:        "const x = <div>{y}</div>;\n",
		Java:       "class A { int f() { return 1; } }\n",
	}
	for lang, src := range srcs {
		t.Run(string(lang), func(t *testing.T) {
			tree, err := p.Parse(context.Background(), lang, []byte(src))
			if err != nil {
				t.Fatal(err)
			}
			defer tree.Close()
			if e, bad := tree.FirstError(); bad {
				t.Errorf("unexpected syntax error at %s", e)
			}
		})
	}
}

func TestSyntaxErrorKeepsPartialTree(t *testing.T) {
	p := NewParser(time.Second)
	defer p.Close()
	src := "def ok():\n    return 1\n\ndef broken(:\n    pass\n\ndef later(x):\n    return x\n"
	tree, err := p.Parse(context.Background(), Python, []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	defer tree.Close()
	e, bad := tree.FirstError()
	if !bad || e.Line != 4 {
		t.Fatalf("FirstError = %v, %v; want an error on line 4", e, bad)
	}
	if !strings.Contains(tree.Root().String(), "function_definition") {
		t.Errorf("partial tree lost the good functions: %s", tree.Root().String())
	}
}

func TestTimeout(t *testing.T) {
	p := NewParser(time.Microsecond)
	defer p.Close()
	src := []byte(strings.Repeat("x = [1, 2, 3, (4 + 5) * 6]\n", 200000))
	_, err := p.Parse(context.Background(), Python, src)
	if !errors.Is(err, ErrTimeout) {
		t.Fatalf("err = %v, want ErrTimeout", err)
	}
	// The parser is usable again after a timeout.
	p2 := NewParser(0)
	defer p2.Close()
	tree, err := p2.Parse(context.Background(), Python, []byte("x = 1\n"))
	if err != nil {
		t.Fatal(err)
	}
	tree.Close()
}
