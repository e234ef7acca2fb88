package sbom

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	cdx "github.com/CycloneDX/cyclonedx-go"
	"github.com/google/go-cmp/cmp"
	"github.com/santhosh-tekuri/jsonschema/v6"
	spdxjson "github.com/spdx/tools-golang/json"
	"github.com/spdx/tools-golang/spdxlib"

	"github.com/lambdascan/lambdascan/engine/finding"
)

var update = flag.Bool("update", false, "rewrite the golden files")

const layerARN = "arn:aws:lambda:us-east-1:123456789012:layer:deps:3"

var ts = time.Date(2026, 11, 21, 6, 0, 0, 0, time.UTC)

func pkg(eco, name, version, purl, input, path, layer, source string, conf finding.Confidence) finding.Package {
	return finding.Package{Ecosystem: eco, Name: name, Version: version, PURL: purl,
		Location: finding.Location{Input: input, Path: path}, Layer: layer, Source: source, Confidence: conf}
}

// inventory is a small inventory across the three ecosystems: a scoped npm
// package, a Maven guess without a purl, and one package found both in the
// function and in a layer.
func inventory() []finding.Package {
	lodash := pkg("npm", "lodash", "4.17.15", "pkg:npm/lodash@4.17.15", "fn.zip", "node_modules/lodash/package.json", "", "npm/node-modules", finding.ConfidenceHigh)
	lodash.AlsoAt = []finding.Location{{Input: "fn.zip", Path: "package-lock.json"}}
	return []finding.Package{
		lodash,
		pkg("PyPI", "pyyaml", "5.3.1", "pkg:pypi/pyyaml@5.3.1", "fn.zip", "PyYAML-5.3.1.dist-info/METADATA", "", "python/dist-info", finding.ConfidenceHigh),
		pkg("PyPI", "pyyaml", "5.3.1", "pkg:pypi/pyyaml@5.3.1", "layer.zip", "python/PyYAML-5.3.1.dist-info/METADATA", layerARN, "python/dist-info", finding.ConfidenceHigh),
		pkg("npm", "@babel/traverse", "7.22.8", "pkg:npm/%40babel/traverse@7.22.8", "fn.zip", "package-lock.json", "", "npm/package-lock", finding.ConfidenceHigh),
		pkg("Maven", "org.apache.logging.log4j:log4j-core", "2.14.1", "pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1", "fn.zip",
			"lib/log4j-core-2.14.1.jar!/META-INF/maven/org.apache.logging.log4j/log4j-core/pom.properties", "", "maven/pom-properties", finding.ConfidenceHigh),
		pkg("Maven", "mystery-lib", "1.0", "", "fn.zip", "lib/mystery-lib-1.0.jar", "", "maven/jar-name", finding.ConfidenceLow),
	}
}

var meta = Meta{Name: "orders-fn", Version: "42", ToolVersion: "0.1.0", Timestamp: ts}

func write(t *testing.T, format string, pkgs []finding.Package, m Meta) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := Write(&buf, format, pkgs, m); err != nil {
		t.Fatalf("Write(%s): %v", format, err)
	}
	return buf.Bytes()
}

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	p := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(p, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(p)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		t.Errorf("%s differs (-want +got):\n%s", name, diff)
	}
}

// compile loads schema files (file name → $id) and compiles the first.
func compile(t *testing.T, files ...[2]string) *jsonschema.Schema {
	t.Helper()
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	for _, f := range files {
		r, err := os.Open(filepath.Join("testdata", f[0]))
		if err != nil {
			t.Fatal(err)
		}
		doc, err := jsonschema.UnmarshalJSON(r)
		r.Close()
		if err != nil {
			t.Fatalf("%s: %v", f[0], err)
		}
		if err := c.AddResource(f[1], doc); err != nil {
			t.Fatal(err)
		}
	}
	s, err := c.Compile(files[0][1])
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func cdxSchema(t *testing.T) *jsonschema.Schema {
	return compile(t, [2]string{"bom-1.5.schema.json", "http://cyclonedx.org/schema/bom-1.5.schema.json"},
		[2]string{"spdx.schema.json", "http://cyclonedx.org/schema/spdx.schema.json"},
		[2]string{"jsf-0.82.schema.json", "http://cyclonedx.org/schema/jsf-0.82.schema.json"})
}

func spdxSchema(t *testing.T) *jsonschema.Schema {
	return compile(t, [2]string{"spdx-2.3.schema.json", "http://spdx.org/rdf/terms/2.3"})
}

// validate checks doc against s.
func validate(s *jsonschema.Schema, doc []byte) error {
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(doc))
	if err != nil {
		return err
	}
	return s.Validate(inst)
}

// TestSchemasBite shows both schemas reject broken documents, so the
// validations below can fail.
func TestSchemasBite(t *testing.T) {
	for _, c := range []struct {
		name, format, old, new string
		schema                 func(*testing.T) *jsonschema.Schema
	}{
		{"cyclonedx component type", CycloneDX, `"type": "library"`, `"type": "gem"`, cdxSchema},
		{"cyclonedx timestamp", CycloneDX, `"timestamp": "2026-11-21T06:00:00Z"`, `"timestamp": "yesterday"`, cdxSchema},
		{"spdx SPDXID", SPDX, `"SPDXID": "SPDXRef-Package-`, `"SPDXID": "Package_`, spdxSchema},
		{"spdx relationship", SPDX, `"relationshipType": "CONTAINS"`, `"relationshipType": "HAS"`, spdxSchema},
	} {
		t.Run(c.name, func(t *testing.T) {
			good := write(t, c.format, inventory(), meta)
			bad := bytes.Replace(good, []byte(c.old), []byte(c.new), 1)
			if bytes.Equal(good, bad) {
				t.Fatalf("%q not in output", c.old)
			}
			s := c.schema(t)
			if err := validate(s, good); err != nil {
				t.Errorf("good document rejected: %v", err)
			}
			if err := validate(s, bad); err == nil {
				t.Errorf("broken document accepted")
			}
		})
	}
}

func TestCycloneDX(t *testing.T) {
	out := write(t, CycloneDX, inventory(), meta)
	golden(t, "orders-fn.cdx.json", out)

	if err := validate(cdxSchema(t), out); err != nil {
		t.Errorf("not valid CycloneDX 1.5: %v", err)
	}

	var bom cdx.BOM
	if err := cdx.NewBOMDecoder(bytes.NewReader(out), cdx.BOMFileFormatJSON).Decode(&bom); err != nil {
		t.Fatal(err)
	}
	if bom.SpecVersion != cdx.SpecVersion1_5 || bom.BOMFormat != cdx.BOMFormat {
		t.Errorf("spec version %v, format %q; want 1.5, CycloneDX", bom.SpecVersion, bom.BOMFormat)
	}
	if bom.Metadata == nil || bom.Metadata.Timestamp != "2026-11-21T06:00:00Z" || bom.Metadata.Component.Name != "orders-fn" {
		t.Errorf("metadata = %+v", bom.Metadata)
	}
	type comp struct{ Ref, Group, Name, Version, PURL, Props string }
	var got []comp
	for _, c := range *bom.Components {
		var props []string
		for _, p := range *c.Properties {
			props = append(props, p.Name+"="+p.Value)
		}
		got = append(got, comp{c.BOMRef, c.Group, c.Name, c.Version, c.PackageURL, strings.Join(props, "; ")})
	}
	want := []comp{
		{"lambdascan:Maven/mystery-lib@1.0", "", "mystery-lib", "1.0", "",
			"lambdascan:ecosystem=Maven; lambdascan:file=fn.zip:lib/mystery-lib-1.0.jar; lambdascan:source=maven/jar-name; lambdascan:confidence=low"},
		{"pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1", "org.apache.logging.log4j", "log4j-core", "2.14.1",
			"pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1",
			"lambdascan:ecosystem=Maven; lambdascan:file=fn.zip:lib/log4j-core-2.14.1.jar!/META-INF/maven/org.apache.logging.log4j/log4j-core/pom.properties; lambdascan:source=maven/pom-properties; lambdascan:confidence=high"},
		{"pkg:pypi/pyyaml@5.3.1", "", "pyyaml", "5.3.1", "pkg:pypi/pyyaml@5.3.1",
			"lambdascan:ecosystem=PyPI; lambdascan:file=fn.zip:PyYAML-5.3.1.dist-info/METADATA; lambdascan:file=layer.zip:python/PyYAML-5.3.1.dist-info/METADATA; " +
				"lambdascan:layer=" + layerARN + "; lambdascan:source=python/dist-info; lambdascan:confidence=high"},
		{"pkg:npm/%40babel/traverse@7.22.8", "@babel", "traverse", "7.22.8", "pkg:npm/%40babel/traverse@7.22.8",
			"lambdascan:ecosystem=npm; lambdascan:file=fn.zip:package-lock.json; lambdascan:source=npm/package-lock; lambdascan:confidence=high"},
		{"pkg:npm/lodash@4.17.15", "", "lodash", "4.17.15", "pkg:npm/lodash@4.17.15",
			"lambdascan:ecosystem=npm; lambdascan:file=fn.zip:node_modules/lodash/package.json; lambdascan:file=fn.zip:package-lock.json; lambdascan:source=npm/node-modules; lambdascan:confidence=high"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("components (-want +got):\n%s", diff)
	}
	if deps := *bom.Dependencies; len(deps) != 1 || len(*deps[0].Dependencies) != len(want) || deps[0].Ref != bom.Metadata.Component.BOMRef {
		t.Errorf("dependencies = %+v, want the root depending on every component", deps)
	}
}

func TestSPDX(t *testing.T) {
	out := write(t, SPDX, inventory(), meta)
	golden(t, "orders-fn.spdx.json", out)

	if err := validate(spdxSchema(t), out); err != nil {
		t.Errorf("not valid SPDX 2.3: %v", err)
	}
	doc, err := spdxjson.Read(bytes.NewReader(out))
	if err != nil {
		t.Fatalf("tools-golang cannot read its own output back: %v", err)
	}
	if err := spdxlib.ValidateDocument(doc); err != nil {
		t.Errorf("ValidateDocument: %v", err)
	}
	if doc.SPDXVersion != "SPDX-2.3" || doc.DataLicense != "CC0-1.0" || doc.CreationInfo.Created != "2026-11-21T06:00:00Z" {
		t.Errorf("header = %s %s %s", doc.SPDXVersion, doc.DataLicense, doc.CreationInfo.Created)
	}
	if !strings.HasPrefix(doc.DocumentNamespace, "https://github.com/lambdascan/lambdascan/spdx/orders-fn-") {
		t.Errorf("namespace = %q", doc.DocumentNamespace)
	}
	var got []string
	ids := map[string]bool{}
	for _, p := range doc.Packages {
		purl := ""
		for _, r := range p.PackageExternalReferences {
			if r.Category == "PACKAGE-MANAGER" && r.RefType == "purl" {
				purl = r.Locator
			}
		}
		if ids[string(p.PackageSPDXIdentifier)] {
			t.Errorf("duplicate SPDXID %s", p.PackageSPDXIdentifier)
		}
		ids[string(p.PackageSPDXIdentifier)] = true
		got = append(got, p.PackageName+" "+p.PackageVersion+" "+purl)
	}
	want := []string{
		"orders-fn 42 ",
		"mystery-lib 1.0 ",
		"org.apache.logging.log4j:log4j-core 2.14.1 pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1",
		"pyyaml 5.3.1 pkg:pypi/pyyaml@5.3.1",
		"@babel/traverse 7.22.8 pkg:npm/%40babel/traverse@7.22.8",
		"lodash 4.17.15 pkg:npm/lodash@4.17.15",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("packages (-want +got):\n%s", diff)
	}
	root := doc.Packages[0].PackageSPDXIdentifier
	var rels []string
	for _, r := range doc.Relationships {
		rels = append(rels, string(r.RefA.ElementRefID)+" "+r.Relationship+" "+string(r.RefB.ElementRefID))
	}
	wantRels := []string{"DOCUMENT DESCRIBES " + string(root)}
	for _, p := range doc.Packages[1:] {
		wantRels = append(wantRels, string(root)+" CONTAINS "+string(p.PackageSPDXIdentifier))
	}
	if diff := cmp.Diff(wantRels, rels); diff != "" {
		t.Errorf("relationships (-want +got):\n%s", diff)
	}
}

func TestDeterministic(t *testing.T) {
	for _, format := range []string{CycloneDX, SPDX} {
		t.Run(format, func(t *testing.T) {
			a := write(t, format, inventory(), meta)
			// The same inventory in another order gives the same bytes.
			inv := inventory()
			for i, j := 0, len(inv)-1; i < j; i, j = i+1, j-1 {
				inv[i], inv[j] = inv[j], inv[i]
			}
			if b := write(t, format, inv, meta); !bytes.Equal(a, b) {
				t.Errorf("output depends on input order")
			}
			// A different inventory gets a different serial/namespace.
			c := write(t, format, inventory()[:3], meta)
			if idOf(a) == idOf(c) {
				t.Errorf("different content, same document id %s", idOf(a))
			}
			// Another timestamp keeps the id (it names the content).
			later := meta
			later.Timestamp = ts.Add(time.Hour)
			if d := write(t, format, inventory(), later); idOf(a) != idOf(d) || bytes.Equal(a, d) {
				t.Errorf("timestamp handling: ids %s vs %s", idOf(a), idOf(d))
			}
		})
	}
}

// idOf returns the serialNumber or documentNamespace line of an SBOM.
func idOf(b []byte) string {
	for _, l := range strings.Split(string(b), "\n") {
		if strings.Contains(l, `"serialNumber"`) || strings.Contains(l, `"documentNamespace"`) {
			return strings.TrimSpace(l)
		}
	}
	return ""
}

func TestEmptyAndUnknown(t *testing.T) {
	for _, format := range []string{CycloneDX, SPDX} {
		out := write(t, format, nil, Meta{Timestamp: ts})
		if !bytes.Contains(out, []byte("unnamed")) {
			t.Errorf("%s: empty inventory output lacks the default name:\n%s", format, out)
		}
	}
	if err := validate(cdxSchema(t), write(t, CycloneDX, nil, Meta{Timestamp: ts})); err != nil {
		t.Errorf("empty CycloneDX not valid: %v", err)
	}
	if err := validate(spdxSchema(t), write(t, SPDX, nil, Meta{Timestamp: ts})); err != nil {
		t.Errorf("empty SPDX not valid: %v", err)
	}
	if err := Write(&bytes.Buffer{}, "swid", nil, meta); err == nil {
		t.Error("unknown format: no error")
	}
}
