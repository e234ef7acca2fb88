// Package packagelock reads npm's package-lock.json and
// npm-shrinkwrap.json: the nested "dependencies" tree of lockfile v1 and
// the flat "packages" map of v2 and v3. The root project (""), workspace
// links and development-only packages are left out; a lockfile inside
// node_modules (npm's hidden lockfile) is left to the installed package.json
// files it describes.
package packagelock

import (
	"context"
	"encoding/json"
	"slices"
	"strings"

	"github.com/lambdascan/lambdascan/analyzers/deps/extract"
	"github.com/lambdascan/lambdascan/engine/finding"
)

// Name is the extractor's name.
const Name = "npm/package-lock"

// Extractor reads package-lock.json and npm-shrinkwrap.json.
type Extractor struct{}

// Name implements extract.Extractor.
func (Extractor) Name() string { return Name }

// Tier implements extract.Tiered.
func (Extractor) Tier() extract.Tier { return extract.TierLock }

// FileRequired implements extract.Extractor.
func (Extractor) FileRequired(p string) bool {
	b := extract.Base(p)
	if b != "package-lock.json" && b != "npm-shrinkwrap.json" {
		return false
	}
	return !strings.Contains(p, "node_modules/")
}

type v1dep struct {
	Version      string           `json:"version"`
	Dev          bool             `json:"dev"`
	Bundled      bool             `json:"bundled"`
	Dependencies map[string]v1dep `json:"dependencies"`
}

type v2pkg struct {
	Name    string `json:"name"`
	Version string `json:"version"`
	Dev     bool   `json:"dev"`
	Link    bool   `json:"link"`
}

type lockfile struct {
	LockfileVersion int              `json:"lockfileVersion"`
	Packages        map[string]v2pkg `json:"packages"`
	Dependencies    map[string]v1dep `json:"dependencies"`
}

// Extract implements extract.Extractor.
func (Extractor) Extract(ctx context.Context, in extract.Input) ([]finding.Package, error) {
	var lf lockfile
	if err := json.Unmarshal(in.Content, &lf); err != nil {
		return nil, extract.Malformed("%s is not valid JSON: %v", extract.Base(in.Path), err)
	}
	var out []finding.Package
	add := func(name, version string) {
		if name == "" || !extract.LooksLikeVersion(version) {
			return // git, file and tarball URLs: no registry version
		}
		out = append(out, extract.Package(extract.NPM, name, version, in.Path, Name, finding.ConfidenceHigh))
	}
	if lf.Packages != nil {
		keys := make([]string, 0, len(lf.Packages))
		for k := range lf.Packages {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		for _, k := range keys {
			if ctx.Err() != nil {
				return out, ctx.Err()
			}
			p := lf.Packages[k]
			i := strings.LastIndex(k, "node_modules/")
			if k == "" || i < 0 || p.Link || p.Dev {
				continue // the root, a workspace folder, a link, dev-only
			}
			name := k[i+len("node_modules/"):]
			if p.Name != "" {
				name = p.Name // an alias: "node_modules/x" installs package p.Name
			}
			add(name, p.Version)
		}
		return out, nil
	}
	if lf.Dependencies == nil && lf.LockfileVersion == 0 {
		return nil, extract.Malformed("%s has neither \"packages\" nor \"dependencies\"", extract.Base(in.Path))
	}
	var walk func(deps map[string]v1dep, depth int)
	walk = func(deps map[string]v1dep, depth int) {
		if depth > 64 || ctx.Err() != nil {
			return
		}
		names := make([]string, 0, len(deps))
		for n := range deps {
			names = append(names, n)
		}
		slices.Sort(names)
		for _, n := range names {
			d := deps[n]
			if d.Dev {
				continue
			}
			v := d.Version
			// v1 aliases: "version": "npm:real-name@1.2.3".
			if rest, ok := strings.CutPrefix(v, "npm:"); ok {
				if at := strings.LastIndexByte(rest, '@'); at > 0 {
					n, v = rest[:at], rest[at+1:]
				}
			}
			add(n, v)
			walk(d.Dependencies, depth+1)
		}
	}
	walk(lf.Dependencies, 0)
	return out, ctx.Err()
}
