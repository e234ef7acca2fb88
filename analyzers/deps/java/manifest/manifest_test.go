package manifest

import (
	"testing"

	"github.com/lambdascan/lambdascan/analyzers/deps/extract"
	"github.com/lambdascan/lambdascan/analyzers/deps/internal/extracttest"
	"github.com/lambdascan/lambdascan/engine/finding"
)

func TestExtract(t *testing.T) {
	pkg := func(name, version, purl, file string) finding.Package {
		return extracttest.Pkg(extract.Maven, name, version, purl, file, Name, finding.ConfidenceLow, 0)
	}
	extracttest.Run(t, Extractor{}, []extracttest.Case{
		{Name: "vendor id, file name, continuation, named section ignored", File: "java/manifest/commons-text.MF",
			Path: "lib/commons-text-1.9.jar!/META-INF/MANIFEST.MF", Want: []finding.Package{
				pkg("org.apache.commons:commons-text", "1.9", "pkg:maven/org.apache.commons/commons-text@1.9", "lib/commons-text-1.9.jar")}},
		{Name: "bundle symbolic name and version, known group", File: "java/manifest/guava.MF",
			Path: "java/lib/guava.jar!/META-INF/MANIFEST.MF", Want: []finding.Package{
				pkg("com.google.guava:guava", "30.1.0", "pkg:maven/com.google.guava/guava@30.1.0", "java/lib/guava.jar")}},
		{Name: "no version", File: "java/manifest/app.MF", Path: "lib/app.jar!/META-INF/MANIFEST.MF"},
		{Name: "garbage", File: "java/bad/MANIFEST.MF", Path: "lib/x-1.0.jar!/META-INF/MANIFEST.MF", WantErr: true, WantMalformed: true},
	})
	extracttest.FileRequired(t, Extractor{}, []string{"lib/a.jar!/META-INF/MANIFEST.MF"},
		[]string{"META-INF/MANIFEST.MF", "lib/a.jar!/META-INF/maven/g/a/pom.properties"})
}
