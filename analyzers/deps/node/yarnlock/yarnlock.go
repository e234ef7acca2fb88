// Package yarnlock reads yarn.lock files in both of their shapes: Yarn
// classic's own format (v1) and Yarn berry's YAML (v2+, recognised by its
// "__metadata" key). Workspace, link, portal, patch and file entries are
// left out: only packages resolved from the npm registry are reported.
package yarnlock

import (
	"bytes"
	"context"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/lambdascan/lambdascan/analyzers/deps/extract"
	"github.com/lambdascan/lambdascan/engine/finding"
)

// Name is the extractor's name.
const Name = "npm/yarn-lock"

// Extractor reads yarn.lock files.
type Extractor struct{}

// Name implements extract.Extractor.
func (Extractor) Name() string { return Name }

// Tier implements extract.Tiered.
func (Extractor) Tier() extract.Tier { return extract.TierLock }

// FileRequired implements extract.Extractor.
func (Extractor) FileRequired(p string) bool {
	return extract.Base(p) == "yarn.lock" && !strings.Contains(p, "node_modules/")
}

// Extract implements extract.Extractor.
func (Extractor) Extract(ctx context.Context, in extract.Input) ([]finding.Package, error) {
	if isBerry(in.Content) {
		return berry(in)
	}
	return classic(ctx, in)
}

// isBerry reports whether a top-level "__metadata:" key is present.
func isBerry(b []byte) bool {
	return bytes.HasPrefix(b, []byte("__metadata:")) || bytes.Contains(b, []byte("\n__metadata:"))
}

type entry struct {
	name, version string
	line          int
}

// classic parses Yarn v1's format: unindented lines list the specifiers
// of an entry ("lodash@^4.17.15, lodash@^4.17.4:"), and an indented
// `version "4.17.15"` line gives its resolved version.
func classic(ctx context.Context, in extract.Input) ([]finding.Package, error) {
	var (
		out     []finding.Package
		cur     *entry
		errLine int
		entries int
	)
	flush := func() {
		if cur != nil && cur.name != "" && extract.LooksLikeVersion(cur.version) {
			p := extract.Package(extract.NPM, cur.name, cur.version, in.Path, Name, finding.ConfidenceHigh)
			p.Location.StartLine = cur.line
			out = append(out, p)
		}
		cur = nil
	}
	extract.Lines(in.Content, func(n int, line string) bool {
		if ctx.Err() != nil {
			return false
		}
		trimmed := strings.TrimSpace(line)
		if trimmed == "" || trimmed[0] == '#' {
			return true
		}
		if line[0] != ' ' && line[0] != '\t' {
			flush()
			if !strings.HasSuffix(trimmed, ":") {
				if errLine == 0 {
					errLine = n
				}
				return true
			}
			entries++
			cur = &entry{name: specName(strings.TrimSuffix(trimmed, ":")), line: n}
			return true
		}
		if cur == nil {
			return true
		}
		if v, ok := strings.CutPrefix(trimmed, "version "); ok && strings.HasPrefix(line, "  ") && !strings.HasPrefix(line, "   ") {
			cur.version = strings.Trim(strings.TrimSpace(v), `"`)
		}
		return true
	})
	flush()
	if errLine != 0 {
		return out, extract.Malformed("yarn.lock line %d is not an entry header", errLine)
	}
	if entries == 0 && len(bytes.TrimSpace(in.Content)) > 0 && !bytes.Contains(in.Content, []byte("yarn lockfile")) {
		return nil, extract.Malformed("yarn.lock has no entries")
	}
	return out, ctx.Err()
}

// specName returns the package name of the first specifier of a v1 entry
// header ("\"@babel/core@^7.0.0\", \"@babel/core@^7.1.0\"" → "@babel/core").
// An alias "alias@npm:real@^1" names the real package. It returns "" for
// specifiers that are not registry ranges (git, file, link).
func specName(header string) string {
	first, _, _ := strings.Cut(header, ",")
	first = strings.Trim(strings.TrimSpace(first), `"`)
	at := strings.IndexByte(first[min(1, len(first)):], '@')
	if at < 0 {
		return ""
	}
	at++
	name, rng := first[:at], first[at+1:]
	if real, ok := strings.CutPrefix(rng, "npm:"); ok {
		if i := strings.LastIndexByte(real, '@'); i > 0 {
			return real[:i]
		}
		return name
	}
	for _, proto := range []string{"file:", "link:", "git", "http:", "https:", "github:", "portal:", "workspace:", "patch:"} {
		if strings.HasPrefix(rng, proto) {
			return ""
		}
	}
	return name
}

// berry parses Yarn 2+ lockfiles: YAML whose keys are specifier lists and
// whose values carry "version" and "resolution" ("lodash@npm:4.17.15").
func berry(in extract.Input) ([]finding.Package, error) {
	var doc map[string]struct {
		Version    string `yaml:"version"`
		Resolution string `yaml:"resolution"`
	}
	if err := yaml.Unmarshal(in.Content, &doc); err != nil {
		return nil, extract.YAMLError("yarn.lock", err)
	}
	keys := make([]string, 0, len(doc))
	for k := range doc {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	var out []finding.Package
	for _, k := range keys {
		if k == "__metadata" {
			continue
		}
		e := doc[k]
		at := strings.IndexByte(e.Resolution[min(1, len(e.Resolution)):], '@')
		if at < 0 {
			continue
		}
		at++
		name, ref := e.Resolution[:at], e.Resolution[at+1:]
		if !strings.HasPrefix(ref, "npm:") || !extract.LooksLikeVersion(e.Version) {
			continue // workspace:, patch:, file:, link:, git URLs
		}
		out = append(out, extract.Package(extract.NPM, name, e.Version, in.Path, Name, finding.ConfidenceHigh))
	}
	return out, nil
}
