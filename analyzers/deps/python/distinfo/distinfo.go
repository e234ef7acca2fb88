// Package distinfo reads installed Python distributions: the METADATA file
// of a *.dist-info folder and the PKG-INFO of a *.egg-info folder. These
// describe what was actually installed into the function or layer, so they
// are the best evidence of what ships.
package distinfo

import (
	"context"
	"strings"

	"github.com/lambdascan/lambdascan/analyzers/deps/extract"
	"github.com/lambdascan/lambdascan/engine/finding"
)

// Name is the extractor's name.
const Name = "python/dist-info"

// Extractor reads dist-info METADATA and egg-info PKG-INFO files.
type Extractor struct{}

// Name implements extract.Extractor.
func (Extractor) Name() string { return Name }

// Tier implements extract.Tiered.
func (Extractor) Tier() extract.Tier { return extract.TierInstalled }

// FileRequired implements extract.Extractor.
func (Extractor) FileRequired(p string) bool {
	switch {
	case strings.HasSuffix(p, "/METADATA"):
		dir := strings.TrimSuffix(p, "/METADATA")
		return strings.HasSuffix(dir, ".dist-info")
	case strings.HasSuffix(p, "/PKG-INFO"):
		dir := strings.TrimSuffix(p, "/PKG-INFO")
		return strings.HasSuffix(dir, ".egg-info")
	}
	return false
}

// Extract implements extract.Extractor.
func (Extractor) Extract(_ context.Context, in extract.Input) ([]finding.Package, error) {
	h := Headers(in.Content)
	name, version := h["name"], h["version"]
	if name == "" || version == "" {
		return nil, extract.Malformed("no Name and Version headers in %s", extract.Base(in.Path))
	}
	return []finding.Package{extract.Package(extract.PyPI, name, version, in.Path, Name, finding.ConfidenceHigh)}, nil
}

// Headers reads the RFC 822 style header block of a core-metadata file
// (up to the first blank line) into a map keyed by lower-case field name.
// Only the first value of a repeated field is kept; continuation lines
// (starting with white space) are ignored, since the fields read here are
// single-line.
func Headers(b []byte) map[string]string {
	h := map[string]string{}
	extract.Lines(b, func(_ int, line string) bool {
		if strings.TrimSpace(line) == "" {
			return false
		}
		if line[0] == ' ' || line[0] == '\t' {
			return true
		}
		k, v, ok := strings.Cut(line, ":")
		if !ok {
			return true
		}
		k = strings.ToLower(strings.TrimSpace(k))
		if _, seen := h[k]; !seen {
			h[k] = strings.TrimSpace(v)
		}
		return true
	})
	return h
}
