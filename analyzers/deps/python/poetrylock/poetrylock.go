// Package poetrylock reads Poetry's poetry.lock (TOML). Development-only
// packages (category "dev" in old lockfiles, or groups without "main") and
// packages from local paths, URLs or git are left out.
package poetrylock

import (
	"context"
	"slices"

	"github.com/BurntSushi/toml"

	"github.com/lambdascan/lambdascan/analyzers/deps/extract"
	"github.com/lambdascan/lambdascan/engine/finding"
)

// Name is the extractor's name.
const Name = "python/poetry-lock"

// Extractor reads poetry.lock files.
type Extractor struct{}

// Name implements extract.Extractor.
func (Extractor) Name() string { return Name }

// Tier implements extract.Tiered.
func (Extractor) Tier() extract.Tier { return extract.TierLock }

// FileRequired implements extract.Extractor.
func (Extractor) FileRequired(p string) bool { return extract.Base(p) == "poetry.lock" }

type lockfile struct {
	Package []struct {
		Name     string   `toml:"name"`
		Version  string   `toml:"version"`
		Category string   `toml:"category"`
		Groups   []string `toml:"groups"`
		Source   struct {
			Type string `toml:"type"`
		} `toml:"source"`
	} `toml:"package"`
}

// Extract implements extract.Extractor.
func (Extractor) Extract(_ context.Context, in extract.Input) ([]finding.Package, error) {
	var lf lockfile
	if _, err := toml.Decode(string(in.Content), &lf); err != nil {
		return nil, extract.TOMLError("poetry.lock", err)
	}
	var out []finding.Package
	for _, p := range lf.Package {
		if p.Name == "" || p.Version == "" || p.Category == "dev" {
			continue
		}
		if len(p.Groups) > 0 && !slices.Contains(p.Groups, "main") {
			continue
		}
		switch p.Source.Type {
		case "directory", "file", "git", "url":
			continue
		}
		out = append(out, extract.Package(extract.PyPI, p.Name, p.Version, in.Path, Name, finding.ConfidenceHigh))
	}
	return out, nil
}
