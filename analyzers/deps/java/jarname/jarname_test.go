package jarname

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
		{Name: "known artifact", File: "java/manifest/app.MF", Path: "lib/jackson-databind-2.13.0.jar!/META-INF/MANIFEST.MF",
			Want: []finding.Package{pkg("com.fasterxml.jackson.core:jackson-databind", "2.13.0",
				"pkg:maven/com.fasterxml.jackson.core/jackson-databind@2.13.0", "lib/jackson-databind-2.13.0.jar")}},
		{Name: "unknown group: bare artifact, no purl", File: "java/manifest/app.MF", Path: "java/lib/mystery-lib-1.0.jar!/META-INF/MANIFEST.MF",
			Want: []finding.Package{pkg("mystery-lib", "1.0", "", "java/lib/mystery-lib-1.0.jar")}},
		{Name: "no version in name", File: "java/manifest/app.MF", Path: "lib/noversion.jar!/META-INF/MANIFEST.MF"},
	})
}

func TestParse(t *testing.T) {
	for _, c := range []struct{ file, artifact, version string }{
		{"jackson-databind-2.13.0.jar", "jackson-databind", "2.13.0"},
		{"netty-codec-http2-4.1.77.Final.jar", "netty-codec-http2", "4.1.77.Final"},
		{"bcprov-jdk15on-1.70.jar", "bcprov-jdk15on", "1.70"},
		{"log4j-core-2.14.1.jar", "log4j-core", "2.14.1"},
		{"guava.jar", "", ""},
		{"x-1.0.zip", "", ""},
	} {
		a, v, _ := Parse(c.file)
		if a != c.artifact || v != c.version {
			t.Errorf("Parse(%q) = %q, %q; want %q, %q", c.file, a, v, c.artifact, c.version)
		}
	}
}
