// Package packagejson reads the package.json of each package installed
// under node_modules (nested and scoped), the truth of what a Node
// function or layer ships. Only the package.json at a package's root is
// read: node_modules/x/package.json, node_modules/@s/x/package.json and
// node_modules/a/node_modules/b/package.json, never one deeper inside a
// package (test fixtures, sub-path exports).
package packagejson

import (
	"context"
	"encoding/json"
	"strings"

	"github.com/lambdascan/lambdascan/analyzers/deps/extract"
	"github.com/lambdascan/lambdascan/engine/finding"
)

// Name is the extractor's name.
const Name = "npm/node-modules"

// Extractor reads installed packages' package.json files.
type Extractor struct{}

// Name implements extract.Extractor.
func (Extractor) Name() string { return Name }

// Tier implements extract.Tiered.
func (Extractor) Tier() extract.Tier { return extract.TierInstalled }

// FileRequired implements extract.Extractor.
func (Extractor) FileRequired(p string) bool {
	rest, ok := strings.CutSuffix(p, "/package.json")
	if !ok {
		return false
	}
	// rest ends in node_modules/<name> or node_modules/@<scope>/<name>.
	i := strings.LastIndexByte(rest, '/')
	if i < 0 {
		return false
	}
	name, rest := rest[i+1:], rest[:i]
	if name == "" || name[0] == '.' || name[0] == '@' {
		return false
	}
	if strings.HasSuffix(rest, "/node_modules") || rest == "node_modules" {
		return true
	}
	j := strings.LastIndexByte(rest, '/')
	scope := rest[j+1:]
	if len(scope) < 2 || scope[0] != '@' {
		return false
	}
	rest = rest[:max(j, 0)]
	return j >= 0 && (strings.HasSuffix(rest, "/node_modules") || rest == "node_modules")
}

type manifest struct {
	Name    string `json:"name"`
	Version string `json:"version"`
}

// Extract implements extract.Extractor.
func (Extractor) Extract(_ context.Context, in extract.Input) ([]finding.Package, error) {
	var m manifest
	if err := json.Unmarshal(in.Content, &m); err != nil {
		return nil, extract.Malformed("package.json is not valid JSON: %v", err)
	}
	if m.Name == "" || !extract.LooksLikeVersion(m.Version) {
		return nil, nil // a stub without a published identity
	}
	return []finding.Package{extract.Package(extract.NPM, m.Name, m.Version, in.Path, Name, finding.ConfidenceHigh)}, nil
}
