// Package pomxml reads the dependencies a Maven pom.xml declares with a
// version, substituting ${property} references from <properties> and the
// project's own coordinates, and taking versions missing from a
// <dependency> from the same pom's <dependencyManagement>. Test, provided
// and system scoped dependencies do not ship and are left out, as are
// version ranges and versions that cannot be resolved (from a parent pom or
// an imported BOM that is not at hand): they are skipped, not guessed.
// The pom.xml files Maven copies into jars are left to pom.properties.
package pomxml

import (
	"context"
	"encoding/xml"
	"strings"

	"github.com/lambdascan/lambdascan/analyzers/deps/extract"
	"github.com/lambdascan/lambdascan/engine/finding"
)

// Name is the extractor's name.
const Name = "maven/pom-xml"

// Extractor reads pom.xml files.
type Extractor struct{}

// Name implements extract.Extractor.
func (Extractor) Name() string { return Name }

// Tier implements extract.Tiered.
func (Extractor) Tier() extract.Tier { return extract.TierManifest }

// FileRequired implements extract.Extractor.
func (Extractor) FileRequired(p string) bool {
	return extract.Base(p) == "pom.xml" && !strings.Contains(p, "!/") && !strings.Contains(p, "META-INF/maven/")
}

type dependency struct {
	GroupID    string `xml:"groupId"`
	ArtifactID string `xml:"artifactId"`
	Version    string `xml:"version"`
	Scope      string `xml:"scope"`
	Type       string `xml:"type"`
}

type properties map[string]string

// UnmarshalXML collects each child element's text under its name.
func (p *properties) UnmarshalXML(d *xml.Decoder, _ xml.StartElement) error {
	*p = properties{}
	for {
		tok, err := d.Token()
		if err != nil {
			return err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			var v string
			if err := d.DecodeElement(&v, &t); err != nil {
				return err
			}
			(*p)[t.Name.Local] = strings.TrimSpace(v)
		case xml.EndElement:
			return nil
		}
	}
}

type project struct {
	XMLName    xml.Name `xml:"project"`
	GroupID    string   `xml:"groupId"`
	ArtifactID string   `xml:"artifactId"`
	Version    string   `xml:"version"`
	Parent     struct {
		GroupID string `xml:"groupId"`
		Version string `xml:"version"`
	} `xml:"parent"`
	Properties   properties   `xml:"properties"`
	Dependencies []dependency `xml:"dependencies>dependency"`
	Management   []dependency `xml:"dependencyManagement>dependencies>dependency"`
}

// Extract implements extract.Extractor.
func (Extractor) Extract(_ context.Context, in extract.Input) ([]finding.Package, error) {
	var p project
	if err := xml.Unmarshal(in.Content, &p); err != nil {
		return nil, extract.Malformed("pom.xml is not valid XML: %v", err)
	}
	vars := map[string]string{}
	for k, v := range p.Properties {
		vars[k] = v
	}
	group := or(p.GroupID, p.Parent.GroupID)
	version := or(p.Version, p.Parent.Version)
	for k, v := range map[string]string{
		"project.groupId": group, "pom.groupId": group,
		"project.artifactId": p.ArtifactID, "pom.artifactId": p.ArtifactID,
		"project.version": version, "pom.version": version, "version": version,
		"project.parent.version": p.Parent.Version, "project.parent.groupId": p.Parent.GroupID,
	} {
		if v != "" {
			vars[k] = v
		}
	}
	managed := map[string]string{}
	for _, d := range p.Management {
		g, a, v := subst(d.GroupID, vars), subst(d.ArtifactID, vars), subst(d.Version, vars)
		if g != "" && a != "" && v != "" {
			managed[g+":"+a] = v
		}
	}
	var out []finding.Package
	for _, d := range p.Dependencies {
		switch strings.TrimSpace(d.Scope) {
		case "test", "provided", "system", "import":
			continue
		}
		if t := strings.TrimSpace(d.Type); t == "pom" || t == "test-jar" {
			continue
		}
		g, a := subst(d.GroupID, vars), subst(d.ArtifactID, vars)
		v := subst(d.Version, vars)
		if v == "" && strings.TrimSpace(d.Version) == "" {
			v = managed[g+":"+a]
		}
		if g == "" || a == "" || !extract.LooksLikeVersion(v) || strings.ContainsAny(v, "[]()") {
			continue
		}
		out = append(out, extract.Package(extract.Maven, g+":"+a, v, in.Path, Name, finding.ConfidenceMedium))
	}
	return out, nil
}

func or(a, b string) string {
	if a = strings.TrimSpace(a); a != "" {
		return a
	}
	return strings.TrimSpace(b)
}

// subst replaces ${name} references (nested ones too, a bounded number of
// times). It returns "" when a reference cannot be resolved.
func subst(s string, vars map[string]string) string {
	s = strings.TrimSpace(s)
	for range 10 {
		i := strings.Index(s, "${")
		if i < 0 {
			return s
		}
		j := strings.IndexByte(s[i:], '}')
		if j < 0 {
			return ""
		}
		v, ok := vars[s[i+2:i+j]]
		if !ok {
			return ""
		}
		s = s[:i] + strings.TrimSpace(v) + s[i+j+1:]
	}
	return ""
}
