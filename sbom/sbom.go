// Package sbom writes the package inventory of a scan as a software bill
// of materials: CycloneDX 1.5 JSON or SPDX 2.3 JSON, for `lambdascan sbom`.
// Output depends only on its inputs: packages are sorted and merged, and
// the CycloneDX serial number and SPDX document namespace are derived from
// a hash of the content, so the same inventory and timestamp give the same
// bytes.
package sbom

import (
	"bytes"
	"cmp"
	"crypto/sha1"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	cdx "github.com/CycloneDX/cyclonedx-go"
	spdxjson "github.com/spdx/tools-golang/json"
	"github.com/spdx/tools-golang/spdx"
	"github.com/spdx/tools-golang/spdx/v2/common"

	"github.com/lambdascan/lambdascan/analyzers/deps/extract"
	"github.com/lambdascan/lambdascan/engine/finding"
)

// Formats.
const (
	CycloneDX = "cyclonedx"
	SPDX      = "spdx"
)

// Property names used on CycloneDX components.
const (
	PropFile       = "lambdascan:file"  // "input:path" of each file the package was found in (Location and AlsoAt)
	PropLayer      = "lambdascan:layer" // each layer it came from
	PropSource     = "lambdascan:source"
	PropConfidence = "lambdascan:confidence"
)

// Meta describes what the SBOM is about and who made it.
type Meta struct {
	// Name and Version name the scanned thing (a function, a path).
	Name    string
	Version string
	// ToolVersion is lambdascan's version.
	ToolVersion string
	// Timestamp is the creation time written into the document.
	Timestamp time.Time
}

// Write writes pkgs as an SBOM in format ("cyclonedx" or "spdx").
func Write(w io.Writer, format string, pkgs []finding.Package, meta Meta) error {
	comps := merge(pkgs)
	switch strings.ToLower(format) {
	case CycloneDX, "cdx":
		return writeCycloneDX(w, comps, meta)
	case SPDX:
		return writeSPDX(w, comps, meta)
	}
	return fmt.Errorf("unknown SBOM format %q (want cyclonedx or spdx)", format)
}

// component is one package identity with every place it was found.
type component struct {
	eco, name, version, purl string
	files, layers, sources   []string
	conf                     finding.Confidence // the highest seen
}

func (c *component) ref() string {
	if c.purl != "" {
		return c.purl
	}
	return "lambdascan:" + c.eco + "/" + c.name + "@" + c.version
}

// merge groups packages by ecosystem, name and version, sorted.
func merge(pkgs []finding.Package) []*component {
	byKey := map[[3]string]*component{}
	var out []*component
	for _, p := range pkgs {
		k := [3]string{p.Ecosystem, p.Name, p.Version}
		c := byKey[k]
		if c == nil {
			c = &component{eco: p.Ecosystem, name: p.Name, version: p.Version, purl: p.PURL}
			byKey[k] = c
			out = append(out, c)
		}
		for _, l := range append([]finding.Location{p.Location}, p.AlsoAt...) {
			file := l.Path
			if l.Input != "" {
				file = l.Input + ":" + file
			}
			c.files = append(c.files, file)
		}
		if p.Layer != "" {
			c.layers = append(c.layers, p.Layer)
		}
		if p.Source != "" {
			c.sources = append(c.sources, p.Source)
		}
		c.conf = max(c.conf, p.Confidence)
		if c.purl == "" {
			c.purl = p.PURL
		}
	}
	for _, c := range out {
		for _, s := range []*[]string{&c.files, &c.layers, &c.sources} {
			slices.Sort(*s)
			*s = slices.Compact(*s)
		}
	}
	slices.SortFunc(out, func(a, b *component) int {
		return cmp.Or(cmp.Compare(a.eco, b.eco), cmp.Compare(a.name, b.name), cmp.Compare(a.version, b.version))
	})
	return out
}

// digest hashes the meta (without the timestamp) and the components.
func digest(comps []*component, meta Meta) []byte {
	h := sha256.New()
	fmt.Fprintf(h, "%s\x00%s\x00%s\x00", meta.Name, meta.Version, meta.ToolVersion)
	for _, c := range comps {
		fmt.Fprintf(h, "%s\x00%s\x00%s\x00%s\x00%s\x00%s\x00", c.eco, c.name, c.version, c.purl,
			strings.Join(c.files, "\x01"), strings.Join(c.layers, "\x01"))
	}
	return h.Sum(nil)
}

// uuid5 returns a name-based (version 5) UUID of b.
func uuid5(b []byte) string {
	h := sha1.New()
	h.Write([]byte("lambdascan-sbom\x00"))
	h.Write(b)
	u := h.Sum(nil)[:16]
	u[6] = u[6]&0x0f | 0x50
	u[8] = u[8]&0x3f | 0x80
	x := hex.EncodeToString(u)
	return x[0:8] + "-" + x[8:12] + "-" + x[12:16] + "-" + x[16:20] + "-" + x[20:32]
}

func writeCycloneDX(w io.Writer, comps []*component, meta Meta) error {
	const rootRef = "lambdascan:root"
	bom := cdx.NewBOM()
	bom.SpecVersion = cdx.SpecVersion1_5
	bom.SerialNumber = "urn:uuid:" + uuid5(digest(comps, meta))
	bom.Version = 1
	bom.Metadata = &cdx.Metadata{
		Timestamp: meta.Timestamp.UTC().Format(time.RFC3339),
		Tools: &cdx.ToolsChoice{Components: &[]cdx.Component{{
			Type: cdx.ComponentTypeApplication, Name: "lambdascan", Version: meta.ToolVersion,
		}}},
		Component: &cdx.Component{BOMRef: rootRef, Type: cdx.ComponentTypeApplication,
			Name: cmp.Or(meta.Name, "unnamed"), Version: meta.Version},
	}
	components := make([]cdx.Component, 0, len(comps))
	refs := make([]string, 0, len(comps))
	for _, c := range comps {
		group, name := extract.SplitName(c.eco, c.name)
		props := []cdx.Property{{Name: "lambdascan:ecosystem", Value: c.eco}}
		for _, f := range c.files {
			props = append(props, cdx.Property{Name: PropFile, Value: f})
		}
		for _, l := range c.layers {
			props = append(props, cdx.Property{Name: PropLayer, Value: l})
		}
		for _, s := range c.sources {
			props = append(props, cdx.Property{Name: PropSource, Value: s})
		}
		if c.conf != finding.ConfidenceUnset {
			props = append(props, cdx.Property{Name: PropConfidence, Value: c.conf.String()})
		}
		components = append(components, cdx.Component{
			BOMRef: c.ref(), Type: cdx.ComponentTypeLibrary, Group: group, Name: name,
			Version: c.version, PackageURL: c.purl, Properties: &props,
		})
		refs = append(refs, c.ref())
	}
	bom.Components = &components
	deps := []cdx.Dependency{{Ref: rootRef, Dependencies: &refs}}
	bom.Dependencies = &deps
	var buf bytes.Buffer
	enc := cdx.NewBOMEncoder(&buf, cdx.BOMFileFormatJSON)
	enc.SetPretty(true)
	if err := enc.EncodeVersion(bom, cdx.SpecVersion1_5); err != nil {
		return fmt.Errorf("encode CycloneDX: %w", err)
	}
	if _, err := w.Write(buf.Bytes()); err != nil {
		return fmt.Errorf("write CycloneDX: %w", err)
	}
	return nil
}

// sanitize keeps [A-Za-z0-9.-] and turns anything else into "-".
func sanitize(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r == '.' || r == '-' || 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9' {
			b.WriteRune(r)
		} else {
			b.WriteByte('-')
		}
	}
	return b.String()
}

// spdxID turns s into an SPDX identifier body ([A-Za-z0-9.-]+), with a
// short hash of s to keep different names apart after the rewrite.
func spdxID(prefix, s string) string {
	sum := sha256.Sum256([]byte(s))
	return prefix + sanitize(s) + "-" + hex.EncodeToString(sum[:4])
}

func writeSPDX(w io.Writer, comps []*component, meta Meta) error {
	name := cmp.Or(meta.Name, "unnamed")
	sum := digest(comps, meta)
	root := &spdx.Package{
		PackageName:             name,
		PackageSPDXIdentifier:   common.ElementID(spdxID("Package-root-", name)),
		PackageVersion:          meta.Version,
		PackageDownloadLocation: "NOASSERTION",
		FilesAnalyzed:           false,
		PrimaryPackagePurpose:   "APPLICATION",
	}
	doc := &spdx.Document{
		SPDXVersion:       spdx.Version,
		DataLicense:       spdx.DataLicense,
		SPDXIdentifier:    "DOCUMENT",
		DocumentName:      name,
		DocumentNamespace: "https://github.com/lambdascan/lambdascan/spdx/" + sanitize(name) + "-" + uuid5(sum),
		CreationInfo: &spdx.CreationInfo{
			Creators: []common.Creator{{CreatorType: "Tool", Creator: "lambdascan-" + cmp.Or(meta.ToolVersion, "dev")}},
			Created:  meta.Timestamp.UTC().Format("2006-01-02T15:04:05Z"),
		},
		Packages: []*spdx.Package{root},
		Relationships: []*spdx.Relationship{{
			RefA: common.MakeDocElementID("", "DOCUMENT"), RefB: common.MakeDocElementID("", string(root.PackageSPDXIdentifier)),
			Relationship: common.TypeRelationshipDescribe,
		}},
	}
	for _, c := range comps {
		p := &spdx.Package{
			PackageName:             c.name,
			PackageSPDXIdentifier:   common.ElementID(spdxID("Package-", c.eco+"-"+c.name+"-"+c.version)),
			PackageVersion:          c.version,
			PackageDownloadLocation: "NOASSERTION",
			FilesAnalyzed:           false,
			PrimaryPackagePurpose:   "LIBRARY",
			PackageSourceInfo:       "found in " + strings.Join(c.files, ", "),
		}
		if len(c.layers) > 0 {
			p.PackageComment = "from layer " + strings.Join(c.layers, ", ")
		}
		if c.purl != "" {
			p.PackageExternalReferences = []*spdx.PackageExternalReference{{
				Category: common.CategoryPackageManager, RefType: common.TypePackageManagerPURL, Locator: c.purl,
			}}
		}
		doc.Packages = append(doc.Packages, p)
		doc.Relationships = append(doc.Relationships, &spdx.Relationship{
			RefA:         common.MakeDocElementID("", string(root.PackageSPDXIdentifier)),
			RefB:         common.MakeDocElementID("", string(p.PackageSPDXIdentifier)),
			Relationship: common.TypeRelationshipContains,
		})
	}
	var buf bytes.Buffer
	if err := spdxjson.Write(doc, &buf, spdxjson.Indent("  ")); err != nil {
		return fmt.Errorf("encode SPDX: %w", err)
	}
	if _, err := w.Write(buf.Bytes()); err != nil {
		return fmt.Errorf("write SPDX: %w", err)
	}
	return nil
}
