package packagelock

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
	const v1, v3, sw = "node/v1/package-lock.json", "node/v3/package-lock.json", "node/shrink/npm-shrinkwrap.json"
	extracttest.Run(t, Extractor{}, []extracttest.Case{
		{Name: "v1 tree, alias, dev and git skipped", File: v1, Want: []finding.Package{
			pkg("lodash", "4.17.15", "pkg:npm/lodash@4.17.15", v1),
			pkg("mkdirp", "0.5.1", "pkg:npm/mkdirp@0.5.1", v1),
			pkg("minimist", "0.0.8", "pkg:npm/minimist@0.0.8", v1),
			pkg("lodash", "4.17.11", "pkg:npm/lodash@4.17.11", v1),
		}},
		{Name: "v3 packages, root, link, workspace and dev skipped", File: v3, Want: []finding.Package{
			pkg("@babel/traverse", "7.22.8", "pkg:npm/%40babel/traverse@7.22.8", v3),
			pkg("lodash", "4.17.15", "pkg:npm/lodash@4.17.15", v3),
			pkg("minimist", "1.2.0", "pkg:npm/minimist@1.2.0", v3),
			pkg("minimist", "0.0.8", "pkg:npm/minimist@0.0.8", v3),
			pkg("lodash", "4.17.4", "pkg:npm/lodash@4.17.4", v3),
		}},
		{Name: "v2 shrinkwrap reads packages, not the v1 copy", File: sw, Want: []finding.Package{
			pkg("minimist", "1.2.0", "pkg:npm/minimist@1.2.0", sw),
		}},
		{Name: "truncated", File: "node/bad/package-lock.json", WantErr: true, WantMalformed: true},
	})
	extracttest.FileRequired(t, Extractor{},
		[]string{"package-lock.json", "svc/npm-shrinkwrap.json", "nodejs/package-lock.json"},
		[]string{"node_modules/.package-lock.json", "node_modules/x/package-lock.json", "package.json", "yarn.lock"})
}
