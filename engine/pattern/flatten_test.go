package pattern

import (
	"context"
	"testing"

	"github.com/lambdascan/lambdascan/engine/parse"
)

// TestFlattenFastMatchesCursor checks the one-call flattening against the
// cursor walk through go-tree-sitter's API, on every grammar.
func TestFlattenFastMatchesCursor(t *testing.T) {
	if !fastOK {
		t.Skip("go-tree-sitter's Node layout changed: the cursor path is used")
	}
	srcs := map[parse.Language]string{
		parse.Python:     "import os\ndef f(a, *b, c=1):\n    return os.system(f'x{a}' + \"é\")  # c\nclass K:\n    x: int = 2\n",
		parse.JavaScript: "const {a, b: [c]} = require('x');\nexports.h = async (e) => `${e.body}` + /re/g.test(a);\n",
		parse.TypeScript: "export const h = async (e: Evt): Promise<void> => { for (const r of e.Records) { g(r!.body as string); } };\n",
		parse.TSX:        "const C = () => <div onClick={() => f(1)}>hi</div>;\n",
		parse.Java:       "package p; import static a.B.c; class X { int f(String s) { return s.length() + 1; } /* c */ }\n",
	}
	p := parse.NewParser(0)
	defer p.Close()
	for lang, src := range srcs {
		tr, err := p.Parse(context.Background(), lang, []byte(src+"def ((")) // with a syntax error too
		if err != nil {
			t.Fatal(err)
		}
		fast, ok := flattenFast(lang, tr.Source, tr.Root())
		slow := flattenCursor(lang, tr.Source, tr.Root())
		tr.Close()
		if !ok {
			t.Fatalf("%s: fast flatten failed", lang)
		}
		if len(fast.Nodes) != len(slow.Nodes) {
			t.Fatalf("%s: %d nodes, cursor walk has %d", lang, len(fast.Nodes), len(slow.Nodes))
		}
		for i := range fast.Nodes {
			a, b := fast.Nodes[i], slow.Nodes[i]
			if !b.Named {
				// The cursor walk leaves out ranges and fields of tokens.
				a.Start, a.End, a.Field, b.Start, b.End = 0, 0, 0, 0, 0
			}
			if a != b {
				t.Fatalf("%s: node %d (%s): fast %+v, cursor %+v", lang, i, fast.Type(NodeID(i)), a, b)
			}
		}
	}
}
