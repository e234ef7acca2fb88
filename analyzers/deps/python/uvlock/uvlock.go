// Package uvlock reads uv's uv.lock (TOML). Only packages resolved from a
// registry are reported: the project itself (editable or virtual source),
// workspace members, local paths and git checkouts have no registry
// version to match advisories against.
package uvlock

import (
	"context"

	"github.com/BurntSushi/toml"

	"github.com/lambdascan/lambdascan/analyzers/deps/extract"
	"github.com/lambdascan/lambdascan/engine/finding"
)

// Name is the extractor's name.
const Name = "python/uv-lock"

// Extractor reads uv.lock files.
type Extractor struct{}

// Name implements extract.Extractor.
func (Extractor) Name() string { return Name }

// Tier implements extract.Tiered.
func (Extractor) Tier() extract.Tier { return extract.TierLock }

// FileRequired implements extract.Extractor.
func (Extractor) FileRequired(p string) bool { return extract.Base(p) == "uv.lock" }

type lockfile struct {
	Version int `toml:"version"`
	Package []struct {
		Name    string         `toml:"name"`
		Version string         `toml:"version"`
		Source  map[string]any `toml:"source"`
	} `toml:"package"`
}

// Extract implements extract.Extractor.
func (Extractor) Extract(_ context.Context, in extract.Input) ([]finding.Package, error) {
	var lf lockfile
	if _, err := toml.Decode(string(in.Content), &lf); err != nil {
		return nil, extract.TOMLError("uv.lock", err)
	}
	var out []finding.Package
	for _, p := range lf.Package {
		if p.Name == "" || p.Version == "" {
			continue
		}
		if _, ok := p.Source["registry"]; !ok && len(p.Source) > 0 {
			continue
		}
		out = append(out, extract.Package(extract.PyPI, p.Name, p.Version, in.Path, Name, finding.ConfidenceHigh))
	}
	return out, nil
}
