package rules

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/lambdascan/lambdascan/engine/parse"
	"github.com/lambdascan/lambdascan/engine/pattern"
	"github.com/lambdascan/lambdascan/engine/taint"
)

// benchRules generates n Python rules of the shapes real rules have: calls
// of imported APIs with metavariables, keyword arguments and negations,
// method calls on any receiver, and attribute reads.
func benchRules(b *testing.B, n int) *Set {
	b.Helper()
	fsys := fstest.MapFS{}
	for i := 0; i < n; i++ {
		var matcher string
		switch i % 4 {
		case 0:
			matcher = fmt.Sprintf("patterns:\n  - pattern: mod%d.call%d($X, ..., flag=True, ...)\n  - pattern-not: mod%d.call%d(\"...\", ...)\n", i, i, i, i)
		case 1:
			matcher = fmt.Sprintf("patterns:\n  - pattern: $O.method%d($A)\n  - metavariable-regex:\n      metavariable: $A\n      regex: ^[a-z]\n", i)
		case 2:
			matcher = fmt.Sprintf("pattern-either:\n  - pattern: lib%d.make($X)\n  - pattern: lib%d.build(..., key=$X)\n", i, i)
		case 3:
			matcher = fmt.Sprintf("patterns:\n  - pattern: fn%d(...)\n  - pattern-not-inside: |\n      def safe%d(...):\n          ...\n", i, i)
		}
		y := fmt.Sprintf("id: bench.r%d\ntitle: r%d\nmessage: m\nseverity: low\nlanguages: [python]\n%s", i, i, matcher)
		fsys[fmt.Sprintf("r%d.yaml", i)] = &fstest.MapFile{Data: []byte(y)}
	}
	s, err := Load(fsys, ".")
	if err != nil {
		b.Fatal(err)
	}
	return s
}

// benchSource is a realistic handler module repeated to about size bytes.
func benchSource(size int) []byte {
	chunk := `
import json
import subprocess as sp
from lib3 import make

def handler_%d(event, context):
    body = json.loads(event["body"])
    name = body.get("name", "")
    items = [x.strip() for x in name.split(",") if x]
    result = {"count": len(items), "names": items}
    if body.get("debug"):
        print("debug", result)
    sp.run(["echo", name], check=True)
    make(name)
    client.method5(name)
    for item in items:
        value = item.upper() + "-" + str(len(item))
        result[item] = value
    return {"statusCode": 200, "body": json.dumps(result)}
`
	var b strings.Builder
	for i := 0; b.Len() < size; i++ {
		fmt.Fprintf(&b, chunk, i)
	}
	return []byte(b.String())
}

func benchTree(b *testing.B, src []byte) *pattern.Tree {
	p := parse.NewParser(0)
	defer p.Close()
	tr, err := p.Parse(context.Background(), parse.Python, src)
	if err != nil {
		b.Fatal(err)
	}
	defer tr.Close()
	return pattern.Flatten(tr)
}

// BenchmarkMatchRules measures matching all rules over one 100 KB file as
// the number of rules grows: one walk serves every rule.
func BenchmarkMatchRules(b *testing.B) {
	src := benchSource(100 << 10)
	ft := benchTree(b, src)
	for _, n := range []int{10, 50, 100, 200} {
		set := benchRules(b, n)
		b.Run(fmt.Sprintf("rules=%d", n), func(b *testing.B) {
			b.SetBytes(int64(len(src)))
			for i := 0; i < b.N; i++ {
				if _, err := set.Check(context.Background(), ft); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkMatchFileSize measures 50 rules over files of growing size.
func BenchmarkMatchFileSize(b *testing.B) {
	set := benchRules(b, 50)
	for _, size := range []int{10 << 10, 100 << 10, 1 << 20} {
		src := benchSource(size)
		ft := benchTree(b, src)
		b.Run(fmt.Sprintf("size=%dKB", size>>10), func(b *testing.B) {
			b.SetBytes(int64(len(src)))
			for i := 0; i < b.N; i++ {
				if _, err := set.Check(context.Background(), ft); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkMatchPipeline measures what the code pass does per file with
// the built-in rules: copy the tree out of tree-sitter, match, lower for
// taint; and parsing alone for comparison.
func BenchmarkMatchPipeline(b *testing.B) {
	set, err := Embedded()
	if err != nil {
		b.Fatal(err)
	}
	b.Logf("%d built-in rules", set.Len())
	src := benchSource(100 << 10)
	p := parse.NewParser(0)
	defer p.Close()
	b.Run("parse-only", func(b *testing.B) {
		b.SetBytes(int64(len(src)))
		for i := 0; i < b.N; i++ {
			tr, err := p.Parse(context.Background(), parse.Python, src)
			if err != nil {
				b.Fatal(err)
			}
			tr.Close()
		}
	})
	b.Run("parse+flatten+match+lower", func(b *testing.B) {
		b.SetBytes(int64(len(src)))
		for i := 0; i < b.N; i++ {
			tr, err := p.Parse(context.Background(), parse.Python, src)
			if err != nil {
				b.Fatal(err)
			}
			ft := pattern.Flatten(tr)
			tr.Close()
			im := ImportsOf(ft)
			if _, _, sites, err := set.check(context.Background(), ft, im); err != nil || sites == nil {
				b.Fatal(err)
			}
			lower(ft, im, "handler.py", "")
		}
	})
}

// BenchmarkTaintPackage measures the interprocedural analysis of a package
// of n Python modules (each a handler-sized file calling helpers in the
// next module) with the built-in taint rules, lowering excluded.
func BenchmarkTaintPackage(b *testing.B) {
	set := builtinSet(b, taintRuleFiles...)
	for _, n := range []int{10, 100, 400} {
		var units []*taint.Unit
		for i := 0; i < n; i++ {
			src := fmt.Sprintf(`import os
import m%d

def helper_%d(x, y):
    q = "SELECT * FROM t WHERE a = '%%s'" %% x
    rows = m%d.run(q, y)
    for r in rows:
        os.system("echo " + r)
    return rows

def run(sql, cur):
    cur.execute(sql)
    return cur.fetchall()
`, (i+1)%n, i, (i+1)%n) + string(benchSource(2<<10))
			ft := benchTree(b, []byte(src))
			im := ImportsOf(ft)
			_, _, sites, err := set.check(context.Background(), ft, im)
			if err != nil {
				b.Fatal(err)
			}
			units = append(units, &taint.Unit{Mod: lower(ft, im, fmt.Sprintf("m%d.py", i), ""), Sites: sites})
		}
		b.Run(fmt.Sprintf("modules=%d", n), func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				if _, _, err := set.analyzeTaint(context.Background(), map[string][]*taint.Unit{"x": units}, taint.Limits{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
