package pnpmlock

import (
	"testing"

	"github.com/lambdascan/lambdascan/analyzers/deps/extract"
	"github.com/lambdascan/lambdascan/analyzers/deps/internal/extracttest"
	"github.com/lambdascan/lambdascan/engine/finding"
)

func TestExtract(t *testing.T) {
	pkg := func(name, version, purl, file string) finding.Package {
		return extracttest.Pkg(extract.NPM, name, version, purl, file, Name, finding.ConfidenceHigh, 0)
	}
	const v5, v6, v9 = "node/pnpm5/pnpm-lock.yaml", "node/pnpm6/pnpm-lock.yaml", "node/pnpm9/pnpm-lock.yaml"
	extracttest.Run(t, Extractor{}, []extracttest.Case{
		{Name: "v5", File: v5, Want: []finding.Package{
			pkg("@babel/traverse", "7.22.8", "pkg:npm/%40babel/traverse@7.22.8", v5),
			pkg("lodash", "4.17.15", "pkg:npm/lodash@4.17.15", v5),
			pkg("minimist", "1.2.0", "pkg:npm/minimist@1.2.0", v5),
		}},
		{Name: "v6 with a tarball entry", File: v6, Want: []finding.Package{
			pkg("@babel/traverse", "7.22.8", "pkg:npm/%40babel/traverse@7.22.8", v6),
			pkg("lodash", "4.17.15", "pkg:npm/lodash@4.17.15", v6),
			pkg("internal-lib", "1.0.0", "pkg:npm/internal-lib@1.0.0", v6),
		}},
		{Name: "v9", File: v9, Want: []finding.Package{
			pkg("@babel/traverse", "7.22.8", "pkg:npm/%40babel/traverse@7.22.8", v9),
			pkg("minimist", "1.2.0", "pkg:npm/minimist@1.2.0", v9),
		}},
		{Name: "bad YAML", File: "node/bad/pnpm-lock.yaml", WantErr: true, WantMalformed: true},
	})
	extracttest.FileRequired(t, Extractor{}, []string{"pnpm-lock.yaml"}, []string{"pnpm-workspace.yaml", "node_modules/.pnpm/lock.yaml"})
}

func TestParseKey(t *testing.T) {
	for _, c := range []struct{ key, name, version string }{
		{"/lodash/4.17.15", "lodash", "4.17.15"},
		{"/@babel/core/7.0.0_supports-color@5.5.0", "@babel/core", "7.0.0"},
		{"/foo/1.0.0_@babel+core@7.0.0", "foo", "1.0.0"},
		{"/lodash@4.17.15", "lodash", "4.17.15"},
		{"/@babel/core@7.0.0(supports-color@5.5.0)", "@babel/core", "7.0.0"},
		{"@babel/core@7.0.0", "@babel/core", "7.0.0"},
		{"minimist@1.2.0", "minimist", "1.2.0"},
		{"github.com/user/repo/abc123", "", ""},
	} {
		n, v := ParseKey(c.key)
		if n != c.name || v != c.version {
			t.Errorf("ParseKey(%q) = %q, %q; want %q, %q", c.key, n, v, c.name, c.version)
		}
	}
}
