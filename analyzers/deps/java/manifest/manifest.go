// Package manifest reads META-INF/MANIFEST.MF of a nested jar as a fallback
// for jars built without Maven metadata: the version comes from
// Implementation-Version or Bundle-Version, the name from the jar's file
// name, Implementation-Title and Bundle-SymbolicName, the group from
// Implementation-Vendor-Id or the symbolic name. The deps pass keeps these
// packages only when the same jar had no pom.properties. The manifest at
// the root of an input is the function's own and is not read.
package manifest

import (
	"context"
	"strings"

	"github.com/lambdascan/lambdascan/analyzers/deps/extract"
	"github.com/lambdascan/lambdascan/analyzers/deps/java/jarname"
	"github.com/lambdascan/lambdascan/engine/finding"
)

// Name is the extractor's name.
const Name = "maven/manifest"

// Extractor reads the manifests of nested jars.
type Extractor struct{}

// Name implements extract.Extractor.
func (Extractor) Name() string { return Name }

// Tier implements extract.Tiered: a manifest names its jar less surely
// than pom.properties, but better than a file name.
func (Extractor) Tier() extract.Tier { return extract.TierManifest }

// FileRequired implements extract.Extractor.
func (Extractor) FileRequired(p string) bool {
	return strings.HasSuffix(p, ".jar!/META-INF/MANIFEST.MF")
}

// Extract implements extract.Extractor.
func (Extractor) Extract(_ context.Context, in extract.Input) ([]finding.Package, error) {
	h := Main(in.Content)
	if len(h) == 0 {
		return nil, extract.Malformed("MANIFEST.MF has no main attributes")
	}
	version := h["Implementation-Version"]
	if !extract.LooksLikeVersion(version) {
		version = h["Bundle-Version"]
	}
	if !extract.LooksLikeVersion(version) {
		return nil, nil
	}
	bsn, _, _ := strings.Cut(h["Bundle-SymbolicName"], ";")
	bsn = strings.TrimSpace(bsn)

	jar := strings.TrimSuffix(in.Path, "!/META-INF/MANIFEST.MF")
	fileArtifact, _, _ := jarname.Parse(extract.Base(jar))
	artifact := fileArtifact
	if title := h["Implementation-Title"]; artifact == "" && isIdent(title) {
		artifact = title
	}
	bsnGroup := ""
	if i := strings.LastIndexByte(bsn, '.'); i > 0 && isIdent(bsn) {
		bsnGroup = bsn[:i]
		if artifact == "" {
			artifact = bsn[i+1:]
		}
	}
	// The group: the vendor id Maven writes, else the group of a
	// well-known artifact, else the symbolic name without its last part
	// (right for "com.fasterxml.jackson.core.jackson-databind", wrong for
	// "com.google.guava", hence the order).
	group := h["Implementation-Vendor-Id"]
	if !isIdent(group) {
		group = ""
	}
	if group == "" {
		group = jarname.KnownGroup(artifact)
	}
	if group == "" {
		group = bsnGroup
	}
	if artifact == "" {
		return nil, nil
	}
	name := artifact
	if group != "" {
		name = group + ":" + artifact
	}
	return []finding.Package{extract.Package(extract.Maven, name, version, jar, Name, finding.ConfidenceLow)}, nil
}

// isIdent reports whether s looks like a Maven coordinate part (no spaces).
func isIdent(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if !(r == '.' || r == '-' || r == '_' || 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9') {
			return false
		}
	}
	return true
}

// Main returns the main section of a manifest: attributes up to the first
// blank line, with continuation lines (starting with one space) joined.
func Main(b []byte) map[string]string {
	h := map[string]string{}
	last := ""
	extract.Lines(b, func(_ int, line string) bool {
		if line == "" {
			return false
		}
		if line[0] == ' ' {
			if last != "" {
				h[last] += line[1:]
			}
			return true
		}
		k, v, ok := strings.Cut(line, ":")
		if !ok {
			last = ""
			return true
		}
		last = strings.TrimSpace(k)
		h[last] = strings.TrimSpace(v)
		return true
	})
	return h
}
