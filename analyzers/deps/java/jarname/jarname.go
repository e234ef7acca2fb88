// Package jarname guesses a Maven package from a jar's file name
// ("lib/jackson-databind-2.13.0.jar" → jackson-databind 2.13.0), for jars
// that carry no pom.properties. The guess has low confidence; the deps pass
// keeps it only when nothing better came from inside the same jar. The
// groupId is filled in for a short list of widely used artifacts whose
// artifactId is unambiguous; other guesses carry the bare artifactId.
package jarname

import (
	"context"
	"strings"

	"github.com/lambdascan/lambdascan/analyzers/deps/extract"
	"github.com/lambdascan/lambdascan/engine/finding"
)

// Name is the extractor's name.
const Name = "maven/jar-name"

// Extractor guesses packages from jar file names. It asks for the manifest
// inside each nested jar rather than the jar itself, so a (possibly large)
// jar is never read just for its name; the walker opens nested jars and
// nearly every jar has a manifest.
type Extractor struct{}

// Name implements extract.Extractor.
func (Extractor) Name() string { return Name }

// Tier implements extract.Tiered.
func (Extractor) Tier() extract.Tier { return extract.TierGuess }

// FileRequired implements extract.Extractor.
func (Extractor) FileRequired(p string) bool {
	return strings.HasSuffix(p, ".jar!/META-INF/MANIFEST.MF")
}

// Extract implements extract.Extractor; it does not read the content.
func (Extractor) Extract(_ context.Context, in extract.Input) ([]finding.Package, error) {
	jar := strings.TrimSuffix(in.Path, "!/META-INF/MANIFEST.MF")
	artifact, version, ok := Parse(extract.Base(jar))
	if !ok {
		return nil, nil
	}
	name := artifact
	if g := KnownGroup(artifact); g != "" {
		name = g + ":" + artifact
	}
	return []finding.Package{extract.Package(extract.Maven, name, version, jar, Name, finding.ConfidenceLow)}, nil
}

// Parse splits a jar file name into artifactId and version at the first
// "-" followed by a digit ("netty-codec-http2-4.1.77.Final.jar" →
// "netty-codec-http2", "4.1.77.Final").
func Parse(file string) (artifact, version string, ok bool) {
	base, isJar := strings.CutSuffix(file, ".jar")
	if !isJar {
		return "", "", false
	}
	for i := 1; i+1 < len(base); i++ {
		if base[i] == '-' && base[i+1] >= '0' && base[i+1] <= '9' {
			artifact, version = base[:i], base[i+1:]
			return artifact, version, artifact != "" && version != ""
		}
	}
	return "", "", false
}

// knownGroups maps artifactIds that belong to exactly one well-known group.
var knownGroups = map[string]string{
	"log4j-core":                    "org.apache.logging.log4j",
	"log4j-api":                     "org.apache.logging.log4j",
	"log4j-1.2-api":                 "org.apache.logging.log4j",
	"log4j":                         "log4j",
	"jackson-databind":              "com.fasterxml.jackson.core",
	"jackson-core":                  "com.fasterxml.jackson.core",
	"jackson-annotations":           "com.fasterxml.jackson.core",
	"commons-text":                  "org.apache.commons",
	"commons-lang3":                 "org.apache.commons",
	"commons-compress":              "org.apache.commons",
	"commons-collections4":          "org.apache.commons",
	"commons-collections":           "commons-collections",
	"commons-io":                    "commons-io",
	"commons-codec":                 "commons-codec",
	"commons-fileupload":            "commons-fileupload",
	"snakeyaml":                     "org.yaml",
	"guava":                         "com.google.guava",
	"gson":                          "com.google.code.gson",
	"protobuf-java":                 "com.google.protobuf",
	"xstream":                       "com.thoughtworks.xstream",
	"h2":                            "com.h2database",
	"postgresql":                    "org.postgresql",
	"mysql-connector-java":          "mysql",
	"httpclient":                    "org.apache.httpcomponents",
	"httpcore":                      "org.apache.httpcomponents",
	"spring-core":                   "org.springframework",
	"spring-beans":                  "org.springframework",
	"spring-context":                "org.springframework",
	"spring-expression":             "org.springframework",
	"spring-web":                    "org.springframework",
	"spring-webmvc":                 "org.springframework",
	"netty-codec-http":              "io.netty",
	"netty-codec-http2":             "io.netty",
	"netty-handler":                 "io.netty",
	"netty-common":                  "io.netty",
	"aws-lambda-java-core":          "com.amazonaws",
	"aws-lambda-java-events":        "com.amazonaws",
	"aws-java-sdk-core":             "com.amazonaws",
	"okhttp":                        "com.squareup.okhttp3",
	"json-smart":                    "net.minidev",
	"bcprov-jdk15on":                "org.bouncycastle",
	"bcprov-jdk18on":                "org.bouncycastle",
	"logback-classic":               "ch.qos.logback",
	"logback-core":                  "ch.qos.logback",
	"slf4j-api":                     "org.slf4j",
	"jsoup":                         "org.jsoup",
	"dom4j":                         "org.dom4j",
	"kotlin-stdlib":                 "org.jetbrains.kotlin",
	"scala-library":                 "org.scala-lang",
	"tomcat-embed-core":             "org.apache.tomcat.embed",
	"mssql-jdbc":                    "com.microsoft.sqlserver",
	"jettison":                      "org.codehaus.jettison",
	"woodstox-core":                 "com.fasterxml.woodstox",
	"nimbus-jose-jwt":               "com.nimbusds",
	"json":                          "org.json",
	"jose4j":                        "org.bitbucket.b_c",
	"angus-mail":                    "org.eclipse.angus",
	"velocity-engine-core":          "org.apache.velocity",
	"groovy":                        "org.codehaus.groovy",
	"hibernate-validator":           "org.hibernate.validator",
	"reactor-netty-http":            "io.projectreactor.netty",
	"jetty-server":                  "org.eclipse.jetty",
	"jetty-http":                    "org.eclipse.jetty",
	"undertow-core":                 "io.undertow",
	"xercesImpl":                    "xerces",
	"batik-all":                     "org.apache.xmlgraphics",
	"commons-beanutils":             "commons-beanutils",
	"ognl":                          "ognl",
	"struts2-core":                  "org.apache.struts",
	"snappy-java":                   "org.xerial.snappy",
	"avro":                          "org.apache.avro",
	"zookeeper":                     "org.apache.zookeeper",
	"plexus-utils":                  "org.codehaus.plexus",
	"jdom2":                         "org.jdom",
	"c3p0":                          "com.mchange",
	"ion-java":                      "software.amazon.ion",
	"aws-java-sdk-s3":               "com.amazonaws",
	"aws-lambda-java-log4j2":        "com.amazonaws",
	"aws-lambda-java-serialization": "com.amazonaws",
}

// KnownGroup returns the groupId of a well-known artifactId, or "".
func KnownGroup(artifact string) string { return knownGroups[artifact] }
