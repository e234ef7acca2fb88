package rules

import (
	"context"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"

	"github.com/lambdascan/lambdascan/engine/parse"
)

func TestFirstBytes(t *testing.T) {
	tests := []struct {
		re   string
		want string // the ASCII bytes a match can start with; "-" for nil
	}{
		{`^\{[\s\S]*body`, "{"},
		{`^[rbuRBU]*["'](postgres|mysql)://`, `"'BRUbru`},
		{`^-?[0-9][0-9_]*[lL]?$`, "-0123456789"},
		{`(?i)^md5$`, "Mm"},
		{`^(run|call)$`, "cr"},
		{`^(a|)b`, "ab"},
		{`^x*`, "-"},    // may match the empty string
		{`body`, "-"},   // not anchored
		{`(?m)^x`, "-"}, // any line start
	}
	for _, tt := range tests {
		t.Run(tt.re, func(t *testing.T) {
			set := firstBytes(tt.re)
			got := "-"
			if set != nil {
				var b strings.Builder
				for c := 0; c < 0x80; c++ {
					if set[c] {
						b.WriteByte(byte(c))
					}
				}
				got = b.String()
			}
			if got != tt.want {
				t.Errorf("firstBytes(%q) = %q, want %q", tt.re, got, tt.want)
			}
		})
	}
	if set := firstBytes(`(?i)^k`); set == nil || !set[0xE2] {
		t.Error("(?i)^k must allow the Kelvin sign's first byte")
	}
}

// TestGuardedLoneMetavariable: a lone $X filtered by a regex finds the same
// places as before the guard, including string values and imported names,
// and a use without a regex keeps every match.
func TestGuardedLoneMetavariable(t *testing.T) {
	rules := map[string]string{
		"dict.yaml": `id: t.dict
title: t
message: m
severity: low
languages: [python]
patterns:
  - pattern: $D
  - metavariable-regex: {metavariable: $D, regex: '^\{[^{}]*["'']Effect["'']'}
`,
		"str.yaml": `id: t.str
title: t
message: m
severity: low
languages: [python]
patterns:
  - pattern: $S
  - metavariable-regex: {metavariable: $S, regex: '^(abc|run)$'}
`,
	}
	fsys := fstest.MapFS{}
	for n, y := range rules {
		fsys[n] = &fstest.MapFile{Data: []byte(y)}
	}
	s, err := Load(fsys, ".")
	if err != nil {
		t.Fatal(err)
	}
	src := "from subprocess import run as r\np = {'Effect': 'Allow'}\nq = f({\"Effect\": 1})\nx = 'abc'\nr(x)\ny = [1, 2]\n"
	got, err := s.Check(context.Background(), flat(t, parse.Python, src))
	if err != nil {
		t.Fatal(err)
	}
	var hits []string
	for _, f := range got {
		hits = append(hits, f.RuleID+":"+strings.Split(src, "\n")[f.Location.StartLine-1][f.Location.StartColumn-1:f.Location.EndColumn-1])
	}
	// The import line is code too: `run` matches, and `r` by its
	// canonical name subprocess.run.
	want := []string{"t.dict:{'Effect': 'Allow'}", `t.dict:{"Effect": 1}`, "t.str:run", "t.str:r", "t.str:'abc'", "t.str:r"}
	if d := cmp.Diff(want, hits); d != "" {
		t.Errorf("(-want +got):\n%s", d)
	}
	// The guard left out what the regex could never keep (plain names,
	// the list, the call): $D was tried only at dicts, strings and
	// imported names.
	ft := flat(t, parse.Python, src)
	fam := s.fams[parse.Python]
	res, err := fam.pats.Match(context.Background(), ft, ImportsOf(ft))
	if err != nil {
		t.Fatal(err)
	}
	r, _ := s.Rule("t.dict")
	var tried []string
	for _, m := range res[fam.index[r.search.pos[0].pats[parse.Python]]] {
		tried = append(tried, ft.Text(m.Node))
	}
	want = []string{"r", "{'Effect': 'Allow'}", "'Effect'", "'Allow'", `{"Effect": 1}`, `"Effect"`, "'abc'", "r"}
	if d := cmp.Diff(want, tried); d != "" {
		t.Errorf("$D kept (-want +got):\n%s", d)
	}
}

// TestRegexCacheKeepsImportsPerFile: results by code are shared across
// files, but a name's canonical name depends on each file's imports.
func TestRegexCacheKeepsImportsPerFile(t *testing.T) {
	rule := `id: t.run
title: t
message: m
severity: low
languages: [python]
patterns:
  - pattern: $F(...)
  - metavariable-regex: {metavariable: $F, regex: '^subprocess\.run$'}
`
	s, err := Load(fstest.MapFS{"r.yaml": {Data: []byte(rule)}}, ".")
	if err != nil {
		t.Fatal(err)
	}
	for i, tt := range []struct {
		src  string
		want int
	}{
		{"from subprocess import run\nrun(x)\n", 1},
		{"run(x)\n", 0},
		{"from subprocess import run\nrun(x)\n", 1},
		{"subprocess.run(x)\nsubprocess.run(y)\n", 2},
	} {
		got, err := s.Check(context.Background(), flat(t, parse.Python, tt.src))
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != tt.want {
			t.Errorf("file %d: %d findings, want %d", i, len(got), tt.want)
		}
	}
}
