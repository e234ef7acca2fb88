package yarnlock

import (
	"testing"

	"github.com/lambdascan/lambdascan/analyzers/deps/extract"
	"github.com/lambdascan/lambdascan/analyzers/deps/internal/extracttest"
	"github.com/lambdascan/lambdascan/engine/finding"
)

func TestExtract(t *testing.T) {
	pkg := func(name, version, purl, file string, line int) finding.Package {
		return extracttest.Pkg(extract.NPM, name, version, purl, file, Name, finding.ConfidenceHigh, line)
	}
	const v1, berry = "node/yarn.lock", "node/berry/yarn.lock"
	extracttest.Run(t, Extractor{}, []extracttest.Case{
		{Name: "v1", File: v1, Want: []finding.Package{
			pkg("@babel/traverse", "7.22.8", "pkg:npm/%40babel/traverse@7.22.8", v1, 5),
			pkg("lodash", "4.17.15", "pkg:npm/lodash@4.17.15", v1, 13),
			pkg("minimist", "0.0.8", "pkg:npm/minimist@0.0.8", v1, 18),
			pkg("minimist", "1.2.0", "pkg:npm/minimist@1.2.0", v1, 22), // npm: alias
		}},
		{Name: "berry, workspace and patch skipped", File: berry, Want: []finding.Package{
			pkg("@babel/traverse", "7.22.8", "pkg:npm/%40babel/traverse@7.22.8", berry, 0),
			pkg("lodash", "4.17.15", "pkg:npm/lodash@4.17.15", berry, 0),
			pkg("minimist", "1.2.0", "pkg:npm/minimist@1.2.0", berry, 0),
		}},
		{Name: "berry with broken YAML", File: "node/bad/berry/yarn.lock", WantErr: true, WantMalformed: true},
		{Name: "garbage after an entry", File: "node/bad/yarn.lock", WantErr: true, WantMalformed: true,
			Want: []finding.Package{pkg("lodash", "4.17.15", "pkg:npm/lodash@4.17.15", "node/bad/yarn.lock", 3)}},
	})
	extracttest.FileRequired(t, Extractor{}, []string{"yarn.lock", "web/yarn.lock"}, []string{"node_modules/x/yarn.lock", "yarn.lock.bak", ".yarnrc.yml"})
}

func TestSpecName(t *testing.T) {
	for in, want := range map[string]string{
		`lodash@^4.17.15, lodash@^4.17.4`:            "lodash",
		`"@babel/core@^7.0.0", "@babel/core@^7.1.0"`: "@babel/core",
		`"alias@npm:real-pkg@^1.0.0"`:                "real-pkg",
		`"@s/alias@npm:@s/real@^2"`:                  "@s/real",
		`"x@file:../x"`:                              "",
		`"y@https://example.com/y.tgz"`:              "",
		`noversion`:                                  "",
	} {
		if got := specName(in); got != want {
			t.Errorf("specName(%s) = %q, want %q", in, got, want)
		}
	}
}
