package deps

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/lambdascan/lambdascan/analyzers/deps/extract"
	"github.com/lambdascan/lambdascan/analyzers/deps/registry"
	"github.com/lambdascan/lambdascan/engine/finding"
	"github.com/lambdascan/lambdascan/engine/input"
	"github.com/lambdascan/lambdascan/engine/scan"
)

// nodeTree generates an installed node_modules tree of n packages (a fifth
// scoped, a quarter nested under another package), each with a realistic
// package.json, an index.js and a README, as path/content pairs.
func nodeTree(n int) []string {
	var files []string
	for i := range n {
		name := fmt.Sprintf("pkg-%04d", i)
		dir := "node_modules/" + name
		switch {
		case i%5 == 0:
			name = fmt.Sprintf("@scope%d/pkg-%04d", i%7, i)
			dir = "node_modules/" + name
		case i%4 == 0:
			dir = fmt.Sprintf("node_modules/pkg-%04d/node_modules/%s", i-1, name)
		}
		pj := fmt.Sprintf(`{
  "name": %q,
  "version": "%d.%d.%d",
  "description": "generated package %d for the inventory benchmark",
  "main": "index.js",
  "license": "MIT",
  "repository": {"type": "git", "url": "git+https://github.com/example/%s.git"},
  "dependencies": {"pkg-%04d": "^1.0.0", "pkg-%04d": "~2.3.0"},
  "scripts": {"test": "node test.js"},
  "_resolved": "https://registry.npmjs.org/%s/-/%s-1.0.0.tgz",
  "_integrity": "sha512-8xOcRHvCjnocdS5cpwXQXVzmmh5e5+saE2QGoeQmbKmRS6J3VQppPOIt0MnmE+4xlZoumy0GPG0D0MVIQbNA1A=="
}
`, name, i%13, i%29, i%7, i, name, (i+1)%n, (i+2)%n, name, name)
		files = append(files,
			dir+"/package.json", pj,
			dir+"/index.js", "'use strict';\nmodule.exports = function () { return 42; };\n",
			dir+"/README.md", "# "+name+"\n")
	}
	return files
}

// BenchmarkExtractNodeModules measures the pass's own work over an
// in-memory tree of 2,500 installed packages (7,500 files): the Wants
// filter on every path, extraction of each package.json, and the merge.
func BenchmarkExtractNodeModules(b *testing.B) {
	files := nodeTree(2500)
	exts := registry.All()
	tiers := New(Options{Extractors: exts}).tiers
	ctx := context.Background()
	var bytes int64
	for i := 1; i < len(files); i += 2 {
		bytes += int64(len(files[i]))
	}
	b.SetBytes(bytes)
	b.ReportAllocs()
	var n int
	for b.Loop() {
		all := make([]finding.Package, 0, 2500)
		for i := 0; i+1 < len(files); i += 2 {
			if !Wanted(exts, files[i]) {
				continue
			}
			pkgs, errs := ExtractFile(ctx, exts, extract.Input{Path: files[i], Content: []byte(files[i+1])})
			if len(errs) > 0 {
				b.Fatal(errs)
			}
			all = append(all, pkgs...)
		}
		n = len(Merge(all, tiers))
	}
	if n != 2500 {
		b.Fatalf("got %d packages, want 2500", n)
	}
	b.ReportMetric(float64(n), "pkgs/op")
}

// BenchmarkScanNodeModules runs the whole scan (zip reading, walking,
// classifying, the deps pass alone) over the same tree as a deployment zip.
func BenchmarkScanNodeModules(b *testing.B) {
	data := zipOf(b, nodeTree(2500)...)
	ctx := context.Background()
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	var n int
	for b.Loop() {
		in, err := input.FromZipBytes("bench.zip", data, input.Options{})
		if err != nil {
			b.Fatal(err)
		}
		rep, err := scan.Run(ctx, scan.Options{Passes: []scan.Pass{New(Options{})}}, []*input.Input{in})
		if err != nil {
			b.Fatal(err)
		}
		n = len(rep.Packages)
	}
	if n != 2500 {
		b.Fatalf("got %d packages, want 2500", n)
	}
}

// packageLock generates an npm package-lock.json (lockfile v3) of n
// packages, a fifth of them scoped.
func packageLock(n int) string {
	var b strings.Builder
	b.WriteString("{\n  \"name\": \"app\",\n  \"version\": \"1.0.0\",\n  \"lockfileVersion\": 3,\n  \"requires\": true,\n  \"packages\": {\n    \"\": {\"name\": \"app\", \"version\": \"1.0.0\"}")
	for i := range n {
		name := fmt.Sprintf("pkg-%04d", i)
		if i%5 == 0 {
			name = fmt.Sprintf("@scope%d/pkg-%04d", i%7, i)
		}
		fmt.Fprintf(&b, ",\n    \"node_modules/%s\": {\n      \"version\": \"%d.%d.%d\",\n      \"resolved\": \"https://registry.npmjs.org/%s/-/x-1.0.0.tgz\",\n      \"integrity\": \"sha512-8xOcRHvCjnocdS5cpwXQXVzmmh5e5+saE2QGoeQmbKmRS6J3VQppPOIt0MnmE+4xlZoumy0GPG0D0MVIQbNA1A==\",\n      \"dependencies\": {\n        \"pkg-%04d\": \"^1.0.0\"\n      }\n    }",
			name, i%13, i%29, i%7, name, (i+1)%n)
	}
	b.WriteString("\n  }\n}\n")
	return b.String()
}

// BenchmarkRunPackageLock runs the pass over one package-lock.json of
// 1,500 packages: extraction and the declaring line of every package.
func BenchmarkRunPackageLock(b *testing.B) {
	data := zipOf(b, "package-lock.json", packageLock(1500))
	ctx := context.Background()
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	var n int
	for b.Loop() {
		in, err := input.FromZipBytes("bench.zip", data, input.Options{})
		if err != nil {
			b.Fatal(err)
		}
		rep, err := scan.Run(ctx, scan.Options{Passes: []scan.Pass{New(Options{})}}, []*input.Input{in})
		if err != nil {
			b.Fatal(err)
		}
		n = len(rep.Packages)
		if n > 0 && rep.Packages[n-1].Location.StartLine == 0 {
			b.Fatal("no declaring line")
		}
	}
	if n != 1500 {
		b.Fatalf("got %d packages, want 1500", n)
	}
}
