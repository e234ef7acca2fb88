package pomproperties

import (
	"testing"

	"github.com/lambdascan/lambdascan/analyzers/deps/extract"
	"github.com/lambdascan/lambdascan/analyzers/deps/internal/extracttest"
	"github.com/lambdascan/lambdascan/engine/finding"
)

func TestExtract(t *testing.T) {
	pkg := func(name, version, purl, file string) finding.Package {
		return extracttest.Pkg(extract.Maven, name, version, purl, file, Name, finding.ConfidenceHigh, 0)
	}
	const (
		log4j   = "lib/log4j-core-2.14.1.jar!/META-INF/maven/org.apache.logging.log4j/log4j-core/pom.properties"
		layer   = "java/lib/log4j-core-2.14.1.jar!/META-INF/maven/org.apache.logging.log4j/log4j-core/pom.properties"
		shaded  = "lib/app-shaded.jar!/META-INF/maven/com.fasterxml.jackson.core/jackson-databind/pom.properties"
		springb = "app.jar!/BOOT-INF/lib/jackson-databind-2.9.10.jar!/META-INF/maven/com.fasterxml.jackson.core/jackson-databind/pom.properties"
	)
	extracttest.Run(t, Extractor{}, []extracttest.Case{
		{Name: "in a lib jar", File: "java/log4j-core.pom.properties", Path: log4j, Want: []finding.Package{
			pkg("org.apache.logging.log4j:log4j-core", "2.14.1", "pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1", log4j)}},
		{Name: "layer java/lib", File: "java/log4j-core.pom.properties", Path: layer, Want: []finding.Package{
			pkg("org.apache.logging.log4j:log4j-core", "2.14.1", "pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1", layer)}},
		{Name: "shaded jar", File: "java/jackson-databind.pom.properties", Path: shaded, Want: []finding.Package{
			pkg("com.fasterxml.jackson.core:jackson-databind", "2.9.10", "pkg:maven/com.fasterxml.jackson.core/jackson-databind@2.9.10", shaded)}},
		{Name: "Spring Boot nested jar", File: "java/jackson-databind.pom.properties", Path: springb, Want: []finding.Package{
			pkg("com.fasterxml.jackson.core:jackson-databind", "2.9.10", "pkg:maven/com.fasterxml.jackson.core/jackson-databind@2.9.10", springb)}},
		{Name: "incomplete", File: "java/bad/pom.properties", Path: "lib/x.jar!/META-INF/maven/g/a/pom.properties", WantErr: true, WantMalformed: true},
	})
	extracttest.FileRequired(t, Extractor{},
		[]string{"META-INF/maven/g/a/pom.properties", "lib/x.jar!/META-INF/maven/g/a/pom.properties"},
		[]string{"pom.properties", "META-INF/maven/g/pom.properties", "src/main/resources/pom.properties", "lib/x.jar!/META-INF/maven/g/a/pom.xml"})
}
