// Package pnpmlock reads pnpm-lock.yaml in the key shapes of lockfile
// versions 5 ("/name/1.2.3_peer@1"), 6 ("/name@1.2.3(peer@1)") and 9
// ("name@1.2.3", snapshots kept apart). Packages marked dev-only (v5, v6)
// and entries that do not resolve to a registry version are left out.
package pnpmlock

import (
	"context"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/lambdascan/lambdascan/analyzers/deps/extract"
	"github.com/lambdascan/lambdascan/engine/finding"
)

// Name is the extractor's name.
const Name = "npm/pnpm-lock"

// Extractor reads pnpm-lock.yaml files.
type Extractor struct{}

// Name implements extract.Extractor.
func (Extractor) Name() string { return Name }

// Tier implements extract.Tiered.
func (Extractor) Tier() extract.Tier { return extract.TierLock }

// FileRequired implements extract.Extractor.
func (Extractor) FileRequired(p string) bool {
	return extract.Base(p) == "pnpm-lock.yaml" && !strings.Contains(p, "node_modules/")
}

type lockfile struct {
	LockfileVersion any `yaml:"lockfileVersion"`
	Packages        map[string]struct {
		Name    string `yaml:"name"`
		Version string `yaml:"version"`
		Dev     *bool  `yaml:"dev"`
	} `yaml:"packages"`
}

// Extract implements extract.Extractor.
func (Extractor) Extract(_ context.Context, in extract.Input) ([]finding.Package, error) {
	var lf lockfile
	if err := yaml.Unmarshal(in.Content, &lf); err != nil {
		return nil, extract.YAMLError("pnpm-lock.yaml", err)
	}
	if lf.LockfileVersion == nil {
		return nil, extract.Malformed("pnpm-lock.yaml has no lockfileVersion")
	}
	keys := make([]string, 0, len(lf.Packages))
	for k := range lf.Packages {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	var out []finding.Package
	for _, k := range keys {
		p := lf.Packages[k]
		if p.Dev != nil && *p.Dev {
			continue
		}
		name, version := ParseKey(k)
		if p.Name != "" && p.Version != "" {
			name, version = p.Name, p.Version // tarball and git entries name themselves
		}
		if name == "" || !extract.LooksLikeVersion(version) {
			continue
		}
		out = append(out, extract.Package(extract.NPM, name, version, in.Path, Name, finding.ConfidenceHigh))
	}
	return out, nil
}

// ParseKey splits a packages key of any lockfile version into name and
// version, dropping peer-dependency suffixes. It returns "" for keys it
// cannot read (URLs, git hosts).
func ParseKey(k string) (name, version string) {
	k = strings.TrimPrefix(k, "/")
	// v6/v9 peer suffix "(peer@1)(other@2)".
	if i := strings.IndexByte(k, '('); i > 0 {
		k = k[:i]
	}
	// v6/v9: name@version, the "@" after the (optional) scope.
	if at := strings.IndexByte(k[min(1, len(k)):], '@'); at >= 0 {
		at++
		name, version = k[:at], k[at+1:]
		if strings.Count(name, "/") <= boolInt(strings.HasPrefix(name, "@")) {
			return name, version
		}
	}
	// v5: name/version or @scope/name/version, peer suffix "_peer@1".
	i := strings.LastIndexByte(k, '/')
	if i <= 0 {
		return "", ""
	}
	name, version = k[:i], k[i+1:]
	if j := strings.IndexByte(version, '_'); j > 0 {
		version = version[:j]
	}
	if strings.Count(name, "/") != boolInt(strings.HasPrefix(name, "@")) {
		return "", ""
	}
	return name, version
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}
