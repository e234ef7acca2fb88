package gradlelock

import (
	"testing"

	"github.com/lambdascan/lambdascan/analyzers/deps/extract"
	"github.com/lambdascan/lambdascan/analyzers/deps/internal/extracttest"
	"github.com/lambdascan/lambdascan/engine/finding"
)

func TestExtract(t *testing.T) {
	pkg := func(name, version, purl, file string, line int) finding.Package {
		return extracttest.Pkg(extract.Maven, name, version, purl, file, Name, finding.ConfidenceHigh, line)
	}
	const f, bad = "java/gradle.lockfile", "java/bad/gradle.lockfile"
	extracttest.Run(t, Extractor{}, []extracttest.Case{
		{Name: "test-only configurations skipped", File: f, Want: []finding.Package{
			pkg("com.amazonaws:aws-lambda-java-core", "1.2.1", "pkg:maven/com.amazonaws/aws-lambda-java-core@1.2.1", f, 4),
			pkg("com.fasterxml.jackson.core:jackson-databind", "2.9.10", "pkg:maven/com.fasterxml.jackson.core/jackson-databind@2.9.10", f, 5),
			pkg("org.apache.logging.log4j:log4j-core", "2.14.1", "pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1", f, 6),
		}},
		{Name: "bad lines reported, good ones kept", File: bad, WantErr: true, WantMalformed: true, Want: []finding.Package{
			pkg("org.yaml:snakeyaml", "1.26", "pkg:maven/org.yaml/snakeyaml@1.26", bad, 3),
		}},
	})
	extracttest.FileRequired(t, Extractor{}, []string{"gradle.lockfile", "gradle/dependency-locks/runtimeClasspath.lockfile"},
		[]string{"x.lockfile", "lib/a.jar!/gradle.lockfile"})
}
