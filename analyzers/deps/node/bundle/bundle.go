// Package bundle makes a best-effort inventory of npm packages inlined into
// single-file bundles (webpack, esbuild, rollup output), where no
// package.json survives. Two extractors share the work: Banner reads the
// licence banners bundlers keep ("/*! jQuery v3.4.1 | ... */",
// "/** @license React v16.13.1 */"), and SourceMap reads a bundle's
// *.js.map, whose "sources" name each node_modules/<name>/ package; a
// version is taken only from a banner (in the map's sourcesContent or the
// bundle beside it) or from an inlined package.json, never guessed.
// Everything found here has low confidence.
package bundle

import (
	"bytes"
	"context"
	"encoding/json"
	"regexp"
	"slices"
	"strings"

	"github.com/lambdascan/lambdascan/analyzers/deps/extract"
	"github.com/lambdascan/lambdascan/engine/finding"
)

// Extractor names.
const (
	BannerName    = "npm/bundle-banner"
	SourceMapName = "npm/source-map"
)

// maxBannerScan bounds how much of a comment is read for its first line.
const maxBannerScan = 400

// Banner reads licence banners in JavaScript bundles outside node_modules.
type Banner struct{}

// Name implements extract.Extractor.
func (Banner) Name() string { return BannerName }

// Tier implements extract.Tiered.
func (Banner) Tier() extract.Tier { return extract.TierGuess }

// FileRequired implements extract.Extractor.
func (Banner) FileRequired(p string) bool {
	if strings.Contains(p, "node_modules/") {
		return false // installed packages speak for themselves
	}
	return strings.HasSuffix(p, ".js") || strings.HasSuffix(p, ".mjs") || strings.HasSuffix(p, ".cjs")
}

// Extract implements extract.Extractor.
func (Banner) Extract(ctx context.Context, in extract.Input) ([]finding.Package, error) {
	var out []finding.Package
	seen := map[[2]string]bool{}
	for _, b := range Banners(ctx, in.Content) {
		if seen[b] {
			continue
		}
		seen[b] = true
		out = append(out, extract.Package(extract.NPM, b[0], b[1], in.Path, BannerName, finding.ConfidenceLow))
	}
	return out, nil
}

var (
	bannerRE = regexp.MustCompile(`^(@?[A-Za-z0-9][\w.\-]*(?:/[\w.\-]+)?)\s+v?(\d+\.\d+\.\d+(?:-[0-9A-Za-z.\-]+)?)(?:[\s,|;:*)]|$)`)
	npmRE    = regexp.MustCompile(`^(?:@[a-z0-9\-~][a-z0-9\-._~]*/)?[a-z0-9\-~][a-z0-9\-._~]*$`)
)

// Banners returns the (name, version) pairs named by licence banners in a
// script, in order of appearance. Names are lower-cased to npm form;
// banners whose first words are not a package name and version are
// ignored.
func Banners(ctx context.Context, b []byte) [][2]string {
	var out [][2]string
	for off := 0; off < len(b); {
		if ctx.Err() != nil {
			break
		}
		i := bytes.Index(b[off:], []byte("/*"))
		if i < 0 {
			break
		}
		start := off + i + 2
		off = start
		end := min(len(b), start+maxBannerScan)
		if j := bytes.Index(b[start:end], []byte("*/")); j >= 0 {
			end = start + j
		}
		body := b[start:end]
		bang := len(body) > 0 && body[0] == '!'
		if !bang && !bytes.Contains(body, []byte("@license")) && !bytes.Contains(body, []byte("@preserve")) {
			continue
		}
		line := firstLine(body)
		m := bannerRE.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		name := strings.ToLower(m[1])
		if !npmRE.MatchString(name) {
			continue
		}
		out = append(out, [2]string{name, m[2]})
	}
	return out
}

// firstLine returns the first non-empty line of a comment body without
// its decoration ("!", "*", "@license", "@preserve").
func firstLine(body []byte) string {
	for _, l := range strings.Split(string(body), "\n") {
		l = strings.TrimSpace(l)
		l = strings.TrimLeft(l, "!*")
		l = strings.TrimSpace(l)
		for _, tag := range []string{"@license", "@preserve"} {
			l = strings.TrimSpace(strings.TrimPrefix(l, tag))
		}
		if l != "" {
			return l
		}
	}
	return ""
}

// SourceMap reads the package names listed in a bundle's source map.
type SourceMap struct{}

// Name implements extract.Extractor.
func (SourceMap) Name() string { return SourceMapName }

// Tier implements extract.Tiered.
func (SourceMap) Tier() extract.Tier { return extract.TierGuess }

// FileRequired implements extract.Extractor.
func (SourceMap) FileRequired(p string) bool {
	if strings.Contains(p, "node_modules/") {
		return false
	}
	return strings.HasSuffix(p, ".js.map") || strings.HasSuffix(p, ".mjs.map") || strings.HasSuffix(p, ".cjs.map")
}

type sourceMap struct {
	Sources        []string  `json:"sources"`
	SourcesContent []*string `json:"sourcesContent"`
}

// Extract implements extract.Extractor.
func (SourceMap) Extract(ctx context.Context, in extract.Input) ([]finding.Package, error) {
	var sm sourceMap
	if err := json.Unmarshal(in.Content, &sm); err != nil {
		return nil, extract.Malformed("source map is not valid JSON: %v", err)
	}
	versions := map[string]string{} // package name -> version
	var names []string
	for i, src := range sm.Sources {
		name, file := moduleOf(src)
		if name == "" {
			continue
		}
		if _, ok := versions[name]; !ok {
			versions[name] = ""
			names = append(names, name)
		}
		if i >= len(sm.SourcesContent) || sm.SourcesContent[i] == nil || versions[name] != "" {
			continue
		}
		content := *sm.SourcesContent[i]
		if file == "package.json" {
			var pj struct{ Name, Version string }
			if json.Unmarshal([]byte(content), &pj) == nil && pj.Name == name && extract.LooksLikeVersion(pj.Version) {
				versions[name] = pj.Version
			}
			continue
		}
		for _, b := range Banners(ctx, []byte(content)) {
			if b[0] == name {
				versions[name] = b[1]
				break
			}
		}
	}
	// Banners in the bundle itself, for packages whose sources had none.
	if in.ReadSibling != nil && slices.ContainsFunc(names, func(n string) bool { return versions[n] == "" }) {
		if js, err := in.ReadSibling(strings.TrimSuffix(in.Path, ".map")); err == nil {
			for _, b := range Banners(ctx, js) {
				if v, ok := versions[b[0]]; ok && v == "" {
					versions[b[0]] = b[1]
				}
			}
		}
	}
	var out []finding.Package
	for _, n := range names {
		if v := versions[n]; v != "" {
			out = append(out, extract.Package(extract.NPM, n, v, in.Path, SourceMapName, finding.ConfidenceLow))
		}
	}
	return out, nil
}

// moduleOf returns the package name and the path inside the package of a
// source-map source under node_modules ("webpack:///./node_modules/
// @smithy/util/dist/index.js" → "@smithy/util", "dist/index.js").
func moduleOf(src string) (name, file string) {
	i := strings.LastIndex(src, "node_modules/")
	if i < 0 {
		return "", ""
	}
	rest := src[i+len("node_modules/"):]
	parts := strings.SplitN(rest, "/", 3)
	switch {
	case len(parts) >= 3 && strings.HasPrefix(parts[0], "@"):
		name, file = parts[0]+"/"+parts[1], parts[2]
	case len(parts) >= 2 && !strings.HasPrefix(parts[0], "@"):
		name, file = parts[0], strings.Join(parts[1:], "/")
	default:
		return "", ""
	}
	if !npmRE.MatchString(name) {
		return "", ""
	}
	return name, file
}
