package packagejson

import (
	"testing"

	"github.com/lambdascan/lambdascan/analyzers/deps/extract"
	"github.com/lambdascan/lambdascan/analyzers/deps/internal/extracttest"
	"github.com/lambdascan/lambdascan/engine/finding"
)

func pkg(name, version, purl, file string) finding.Package {
	return extracttest.Pkg(extract.NPM, name, version, purl, file, Name, finding.ConfidenceHigh, 0)
}

func TestExtract(t *testing.T) {
	const (
		lodash   = "node/app/node_modules/lodash/package.json"
		minimist = "node/app/node_modules/minimist/package.json"
		nested   = "node/app/node_modules/mkdirp/node_modules/minimist/package.json"
		babel    = "node/app/node_modules/@babel/traverse/package.json"
	)
	extracttest.Run(t, Extractor{}, []extracttest.Case{
		{Name: "plain", File: lodash, Want: []finding.Package{pkg("lodash", "4.17.15", "pkg:npm/lodash@4.17.15", lodash)}},
		{Name: "minimist", File: minimist, Want: []finding.Package{pkg("minimist", "1.2.0", "pkg:npm/minimist@1.2.0", minimist)}},
		{Name: "nested", File: nested, Want: []finding.Package{pkg("minimist", "0.0.8", "pkg:npm/minimist@0.0.8", nested)}},
		{Name: "scoped", File: babel, Want: []finding.Package{pkg("@babel/traverse", "7.22.8", "pkg:npm/%40babel/traverse@7.22.8", babel)}},
		{Name: "layer nodejs/node_modules", File: lodash, Path: "nodejs/node_modules/lodash/package.json",
			Want: []finding.Package{pkg("lodash", "4.17.15", "pkg:npm/lodash@4.17.15", "nodejs/node_modules/lodash/package.json")}},
		{Name: "layer nodejs/node18/node_modules scoped", File: babel, Path: "nodejs/node18/node_modules/@babel/traverse/package.json",
			Want: []finding.Package{pkg("@babel/traverse", "7.22.8", "pkg:npm/%40babel/traverse@7.22.8", "nodejs/node18/node_modules/@babel/traverse/package.json")}},
		{Name: "truncated JSON", File: "node/bad/package.json", Path: "node_modules/minimist/package.json", WantErr: true, WantMalformed: true},
	})
}

func TestFileRequired(t *testing.T) {
	extracttest.FileRequired(t, Extractor{},
		[]string{"node_modules/x/package.json", "node_modules/@s/x/package.json", "node_modules/a/node_modules/b/package.json",
			"node_modules/a/node_modules/@s/b/package.json", "nodejs/node_modules/x/package.json", "nodejs/node20/node_modules/@aws-sdk/client-s3/package.json",
			"app.zip!/node_modules/x/package.json"},
		[]string{"package.json", "node_modules/package.json", "node_modules/lodash/fp/package.json", "node_modules/@babel/package.json",
			"node_modules/.bin/package.json", "src/lodash/package.json", "node_modules/x/package.json.orig", "node_modules/@/x/package.json",
			"node_modules/x/lib/node_modules2/y/package.json"})
}
