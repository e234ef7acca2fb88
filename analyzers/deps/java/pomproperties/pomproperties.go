// Package pomproperties reads META-INF/maven/<groupId>/<artifactId>/
// pom.properties, which Maven writes into every jar it builds. A shaded
// (uber) jar keeps one per inlined artifact, so each yields a package; the
// walker hands over files inside nested jars ("lib/x.jar!/META-INF/...").
package pomproperties

import (
	"context"
	"strings"

	"github.com/lambdascan/lambdascan/analyzers/deps/extract"
	"github.com/lambdascan/lambdascan/engine/finding"
)

// Name is the extractor's name.
const Name = "maven/pom-properties"

// Extractor reads pom.properties files.
type Extractor struct{}

// Name implements extract.Extractor.
func (Extractor) Name() string { return Name }

// Tier implements extract.Tiered.
func (Extractor) Tier() extract.Tier { return extract.TierInstalled }

// FileRequired implements extract.Extractor.
func (Extractor) FileRequired(p string) bool {
	rest, ok := strings.CutSuffix(p, "/pom.properties")
	if !ok {
		return false
	}
	// rest ends with META-INF/maven/<g>/<a>.
	parts := strings.Split(strings.ReplaceAll(rest, "!/", "/"), "/")
	n := len(parts)
	return n >= 4 && parts[n-4] == "META-INF" && parts[n-3] == "maven" && parts[n-2] != "" && parts[n-1] != ""
}

// Extract implements extract.Extractor.
func (Extractor) Extract(_ context.Context, in extract.Input) ([]finding.Package, error) {
	props := Parse(in.Content)
	g, a, v := props["groupId"], props["artifactId"], props["version"]
	if g == "" || a == "" || v == "" {
		return nil, extract.Malformed("pom.properties lacks groupId, artifactId or version")
	}
	return []finding.Package{extract.Package(extract.Maven, g+":"+a, v, in.Path, Name, finding.ConfidenceHigh)}, nil
}

// Parse reads a Java .properties file's simple "key=value", "key: value"
// and "key value" lines; "#" and "!" start comments. Escapes and
// continuation lines, which pom.properties never uses, are not decoded.
func Parse(b []byte) map[string]string {
	m := map[string]string{}
	extract.Lines(b, func(_ int, line string) bool {
		line = strings.TrimSpace(line)
		if line == "" || line[0] == '#' || line[0] == '!' {
			return true
		}
		i := strings.IndexAny(line, "=: \t")
		if i < 0 {
			m[line] = ""
			return true
		}
		k := line[:i]
		v := strings.TrimSpace(line[i:])
		if v != "" && (v[0] == '=' || v[0] == ':') {
			v = strings.TrimSpace(v[1:])
		}
		m[k] = v
		return true
	})
	return m
}
