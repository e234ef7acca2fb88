// Package pipfilelock reads Pipenv's Pipfile.lock (JSON). Only the
// "default" section is read: "develop" packages are not deployed.
package pipfilelock

import (
	"context"
	"encoding/json"
	"slices"
	"strings"

	"github.com/lambdascan/lambdascan/analyzers/deps/extract"
	"github.com/lambdascan/lambdascan/engine/finding"
)

// Name is the extractor's name.
const Name = "python/pipfile-lock"

// Extractor reads Pipfile.lock files.
type Extractor struct{}

// Name implements extract.Extractor.
func (Extractor) Name() string { return Name }

// Tier implements extract.Tiered.
func (Extractor) Tier() extract.Tier { return extract.TierLock }

// FileRequired implements extract.Extractor.
func (Extractor) FileRequired(p string) bool { return extract.Base(p) == "Pipfile.lock" }

type lockfile struct {
	Default map[string]struct {
		Version string `json:"version"`
	} `json:"default"`
}

// Extract implements extract.Extractor.
func (Extractor) Extract(_ context.Context, in extract.Input) ([]finding.Package, error) {
	var lf lockfile
	if err := json.Unmarshal(in.Content, &lf); err != nil {
		return nil, extract.Malformed("Pipfile.lock is not valid JSON: %v", err)
	}
	names := make([]string, 0, len(lf.Default))
	for n := range lf.Default {
		names = append(names, n)
	}
	slices.Sort(names)
	var out []finding.Package
	for _, n := range names {
		v, ok := strings.CutPrefix(lf.Default[n].Version, "==")
		if !ok {
			continue // a git or path dependency: no version to match
		}
		out = append(out, extract.Package(extract.PyPI, n, strings.TrimPrefix(v, "="), in.Path, Name, finding.ConfidenceHigh))
	}
	return out, nil
}
