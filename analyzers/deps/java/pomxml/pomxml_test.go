package pomxml

import (
	"testing"

	"github.com/lambdascan/lambdascan/analyzers/deps/extract"
	"github.com/lambdascan/lambdascan/analyzers/deps/internal/extracttest"
	"github.com/lambdascan/lambdascan/engine/finding"
)

func TestExtract(t *testing.T) {
	const f = "java/pom.xml"
	pkg := func(name, version, purl string) finding.Package {
		return extracttest.Pkg(extract.Maven, name, version, purl, f, Name, finding.ConfidenceMedium, 0)
	}
	extracttest.Run(t, Extractor{}, []extracttest.Case{
		{Name: "properties, managed versions, scopes, ranges, unresolvable", File: f, Want: []finding.Package{
			pkg("com.amazonaws:aws-lambda-java-core", "1.2.1", "pkg:maven/com.amazonaws/aws-lambda-java-core@1.2.1"),
			pkg("org.apache.logging.log4j:log4j-core", "2.14.1", "pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1"),
			pkg("com.fasterxml.jackson.core:jackson-databind", "2.9.10", "pkg:maven/com.fasterxml.jackson.core/jackson-databind@2.9.10"),
			pkg("org.yaml:snakeyaml", "1.26", "pkg:maven/org.yaml/snakeyaml@1.26"),
			pkg("com.example:orders-model", "3.1.0", "pkg:maven/com.example/orders-model@3.1.0"),
		}},
		{Name: "truncated", File: "java/bad/pom.xml", Path: "bad/pom.xml", WantErr: true, WantMalformed: true},
	})
	extracttest.FileRequired(t, Extractor{}, []string{"pom.xml", "svc/pom.xml"},
		[]string{"lib/a.jar!/META-INF/maven/g/a/pom.xml", "META-INF/maven/g/a/pom.xml", "pom.xml.bak"})
}
