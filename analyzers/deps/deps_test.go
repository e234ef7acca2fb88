package deps

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/lambdascan/lambdascan/analyzers/deps/internal/extracttest"
	"github.com/lambdascan/lambdascan/engine/finding"
	"github.com/lambdascan/lambdascan/engine/input"
	"github.com/lambdascan/lambdascan/engine/scan"
)

// zipOf builds a zip archive from name → content, in the given order.
func zipOf(t testing.TB, files ...string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for i := 0; i+1 < len(files); i += 2 {
		w, err := zw.Create(files[i])
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write([]byte(files[i+1])); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func fx(t testing.TB, name string) string { return string(extracttest.Read(t, name)) }

const (
	fnName    = "orders-fn.zip"
	layerName = "deps-layer.zip"
	layerARN  = "arn:aws:lambda:us-east-1:123456789012:layer:deps:3"
)

func inputs(t *testing.T) []*input.Input {
	t.Helper()
	log4jJar := zipOf(t,
		"META-INF/MANIFEST.MF", "Manifest-Version: 1.0\nImplementation-Title: Apache Log4j Core\nImplementation-Version: 2.14.1\n",
		"META-INF/maven/org.apache.logging.log4j/log4j-core/pom.properties", fx(t, "java/log4j-core.pom.properties"))
	shaded := zipOf(t,
		"META-INF/MANIFEST.MF", "Manifest-Version: 1.0\nImplementation-Version: 1.0.0\nImplementation-Title: orders-shaded\n",
		"META-INF/maven/com.fasterxml.jackson.core/jackson-databind/pom.properties", fx(t, "java/jackson-databind.pom.properties"),
		"META-INF/maven/org.yaml/snakeyaml/pom.properties", "version=1.26\ngroupId=org.yaml\nartifactId=snakeyaml\n")
	commons := zipOf(t, "META-INF/MANIFEST.MF", fx(t, "java/manifest/commons-text.MF"))
	jcore := zipOf(t, "META-INF/MANIFEST.MF", "Manifest-Version: 1.0\nCreated-By: hand\n", "com/fasterxml/jackson/core/JsonParser.class", "\xca\xfe\xba\xbe")
	fn := zipOf(t,
		"handler.py", "import yaml\n\ndef handler(event, context):\n    return yaml.safe_load(event['body'])\n",
		"requirements.txt", "-r base.txt\nrequests==2.19.1\nPyYAML==5.3.1\n",
		"base.txt", "chardet==3.0.4\n",
		"requests-2.19.1.dist-info/METADATA", fx(t, "python/site-packages/requests-2.19.1.dist-info/METADATA"),
		"PyYAML-5.4.dist-info/METADATA", "Metadata-Version: 2.1\nName: PyYAML\nVersion: 5.4\n",
		"node_modules/lodash/package.json", fx(t, "node/app/node_modules/lodash/package.json"),
		"node_modules/mkdirp/node_modules/minimist/package.json", fx(t, "node/app/node_modules/mkdirp/node_modules/minimist/package.json"),
		"node_modules/lodash/fp/package.json", fx(t, "node/app/node_modules/lodash/fp/package.json"),
		"package-lock.json", fx(t, "node/v3/package-lock.json"),
		"broken/Pipfile.lock", fx(t, "python/bad/Pipfile.lock"),
		"lib/log4j-core-2.14.1.jar", string(log4jJar),
		"lib/app-shaded.jar", string(shaded),
		"lib/commons-text-1.9.jar", string(commons),
		"lib/jackson-core-2.10.0.jar", string(jcore),
		// A Spring Boot fat jar: dependencies are jars nested in the jar.
		"app.jar", string(zipOf(t,
			"META-INF/MANIFEST.MF", "Manifest-Version: 1.0\nMain-Class: org.springframework.boot.loader.JarLauncher\n",
			"BOOT-INF/lib/snakeyaml-1.26.jar", string(zipOf(t, "META-INF/maven/org.yaml/snakeyaml/pom.properties",
				"version=1.26\ngroupId=org.yaml\nartifactId=snakeyaml\n")))),
	)
	layerJar := zipOf(t, "META-INF/maven/com.fasterxml.jackson.core/jackson-databind/pom.properties", fx(t, "java/jackson-databind.pom.properties"))
	layer := zipOf(t,
		"python/lib/python3.12/site-packages/urllib3-1.24.1.dist-info/METADATA", fx(t, "python/site-packages/urllib3-1.24.1.dist-info/METADATA"),
		"python/PyYAML-5.3.1.dist-info/METADATA", fx(t, "python/site-packages/PyYAML-5.3.1.dist-info/METADATA"),
		"nodejs/node_modules/minimist/package.json", fx(t, "node/app/node_modules/minimist/package.json"),
		"nodejs/node18/node_modules/@babel/traverse/package.json", fx(t, "node/app/node_modules/@babel/traverse/package.json"),
		"java/lib/jackson-databind-2.9.10.jar", string(layerJar),
	)
	in1, err := input.FromZipBytes(fnName, fn, input.Options{})
	if err != nil {
		t.Fatal(err)
	}
	in2, err := input.FromZipBytes(layerName, layer, input.Options{})
	if err != nil {
		t.Fatal(err)
	}
	in2.Layer, in2.LayerARN = true, layerARN
	return []*input.Input{in1, in2}
}

type pk struct {
	eco, name, version, purl, input, layer, path, source string
	conf                                                 finding.Confidence
	line                                                 int
}

func want(ps ...pk) []finding.Package {
	var out []finding.Package
	for _, p := range ps {
		out = append(out, finding.Package{Ecosystem: p.eco, Name: p.name, Version: p.version, PURL: p.purl,
			Location: finding.Location{Input: p.input, Path: p.path, StartLine: p.line}, Layer: p.layer, Source: p.source, Confidence: p.conf})
	}
	return out
}

const (
	high, med, low = finding.ConfidenceHigh, finding.ConfidenceMedium, finding.ConfidenceLow
)

func TestScan(t *testing.T) {
	m := &fakeMatcher{}
	rep, err := scan.Run(context.Background(), scan.Options{Passes: []scan.Pass{New(Options{Matcher: m})}, Workers: 2}, inputs(t))
	if err != nil {
		t.Fatal(err)
	}
	wantPkgs := want(
		pk{"Maven", "com.fasterxml.jackson.core:jackson-core", "2.10.0", "pkg:maven/com.fasterxml.jackson.core/jackson-core@2.10.0", fnName, "",
			"lib/jackson-core-2.10.0.jar", "maven/jar-name", low, 0},
		pk{"Maven", "com.fasterxml.jackson.core:jackson-databind", "2.9.10", "pkg:maven/com.fasterxml.jackson.core/jackson-databind@2.9.10", layerName, layerARN,
			"java/lib/jackson-databind-2.9.10.jar!/META-INF/maven/com.fasterxml.jackson.core/jackson-databind/pom.properties", "maven/pom-properties", high, 0},
		pk{"Maven", "com.fasterxml.jackson.core:jackson-databind", "2.9.10", "pkg:maven/com.fasterxml.jackson.core/jackson-databind@2.9.10", fnName, "",
			"lib/app-shaded.jar!/META-INF/maven/com.fasterxml.jackson.core/jackson-databind/pom.properties", "maven/pom-properties", high, 0},
		pk{"Maven", "org.apache.commons:commons-text", "1.9", "pkg:maven/org.apache.commons/commons-text@1.9", fnName, "",
			"lib/commons-text-1.9.jar", "maven/manifest", low, 0},
		pk{"Maven", "org.apache.logging.log4j:log4j-core", "2.14.1", "pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1", fnName, "",
			"lib/log4j-core-2.14.1.jar!/META-INF/maven/org.apache.logging.log4j/log4j-core/pom.properties", "maven/pom-properties", high, 0},
		// The same snakeyaml in the shaded jar and in the Spring Boot jar:
		// one package per input, at the first path.
		pk{"Maven", "org.yaml:snakeyaml", "1.26", "pkg:maven/org.yaml/snakeyaml@1.26", fnName, "",
			"app.jar!/BOOT-INF/lib/snakeyaml-1.26.jar!/META-INF/maven/org.yaml/snakeyaml/pom.properties", "maven/pom-properties", high, 0},
		pk{"PyPI", "chardet", "3.0.4", "pkg:pypi/chardet@3.0.4", fnName, "", "base.txt", "python/requirements", med, 1},
		pk{"PyPI", "pyyaml", "5.3.1", "pkg:pypi/pyyaml@5.3.1", layerName, layerARN, "python/PyYAML-5.3.1.dist-info/METADATA", "python/dist-info", high, 0},
		// requirements.txt says 5.3.1, but 5.4 is what is installed.
		pk{"PyPI", "pyyaml", "5.4", "pkg:pypi/pyyaml@5.4", fnName, "", "PyYAML-5.4.dist-info/METADATA", "python/dist-info", high, 0},
		pk{"PyPI", "requests", "2.19.1", "pkg:pypi/requests@2.19.1", fnName, "", "requests-2.19.1.dist-info/METADATA", "python/dist-info", high, 0},
		pk{"PyPI", "urllib3", "1.24.1", "pkg:pypi/urllib3@1.24.1", layerName, layerARN,
			"python/lib/python3.12/site-packages/urllib3-1.24.1.dist-info/METADATA", "python/dist-info", high, 0},
		pk{"npm", "@babel/traverse", "7.22.8", "pkg:npm/%40babel/traverse@7.22.8", layerName, layerARN,
			"nodejs/node18/node_modules/@babel/traverse/package.json", "npm/node-modules", high, 0},
		pk{"npm", "@babel/traverse", "7.22.8", "pkg:npm/%40babel/traverse@7.22.8", fnName, "", "package-lock.json", "npm/package-lock", high, 0},
		pk{"npm", "lodash", "4.17.15", "pkg:npm/lodash@4.17.15", fnName, "", "node_modules/lodash/package.json", "npm/node-modules", high, 0},
		// lodash 4.17.4 (lockfile alias) is shadowed by the installed 4.17.15;
		// minimist 1.2.0 from the lockfile is shadowed by the installed 0.0.8.
		pk{"npm", "minimist", "0.0.8", "pkg:npm/minimist@0.0.8", fnName, "", "node_modules/mkdirp/node_modules/minimist/package.json", "npm/node-modules", high, 0},
		pk{"npm", "minimist", "1.2.0", "pkg:npm/minimist@1.2.0", layerName, layerARN, "nodejs/node_modules/minimist/package.json", "npm/node-modules", high, 0},
	)
	// Files merged into a package are listed in AlsoAt.
	also := map[string][]finding.Location{
		"org.yaml:snakeyaml": {{Input: fnName, Path: "lib/app-shaded.jar!/META-INF/maven/org.yaml/snakeyaml/pom.properties"}},
		"requests":           {{Input: fnName, Path: "requirements.txt", StartLine: 2}},
		"lodash":             {{Input: fnName, Path: "package-lock.json"}},
		"minimist":           {{Input: fnName, Path: "package-lock.json"}},
	}
	for i := range wantPkgs {
		if wantPkgs[i].Location.Input == fnName {
			wantPkgs[i].AlsoAt = also[wantPkgs[i].Name]
		}
	}
	// Declaring lines are checked in TestDeclaringLines.
	noLines := cmpopts.IgnoreFields(finding.Location{}, "StartLine")
	if diff := cmp.Diff(wantPkgs, rep.Packages, noLines); diff != "" {
		t.Errorf("packages (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(rep.Packages, m.got); diff != "" {
		t.Errorf("matcher saw (-report +matcher):\n%s", diff)
	}
	var codes []string
	for _, n := range rep.Notifications {
		if n.Code == CodeMalformed || n.Code == "matcher-note" || n.Code == CodeNoDatabase {
			codes = append(codes, n.Code+" "+n.Path)
		}
	}
	if diff := cmp.Diff([]string{"matcher-note ", "deps-malformed broken/Pipfile.lock"}, codes); diff != "" {
		t.Errorf("notifications (-want +got):\n%s\nall: %+v", diff, rep.Notifications)
	}
	if len(rep.Findings) != 1 || rep.Findings[0].RuleID != "TEST-1" {
		t.Errorf("findings = %+v, want the matcher's one", rep.Findings)
	}
}

type fakeMatcher struct {
	got []finding.Package
	err error
}

func (m *fakeMatcher) Match(_ context.Context, pkgs []finding.Package) ([]finding.Finding, []finding.Notification, error) {
	m.got = pkgs
	var fs []finding.Finding
	for _, p := range pkgs {
		if p.Name == "org.apache.logging.log4j:log4j-core" {
			fs = append(fs, finding.Finding{RuleID: "TEST-1", Kind: finding.KindPackage, Message: "log4j", Location: p.Location, Package: &p})
		}
	}
	return fs, []finding.Notification{{Level: finding.LevelNote, Code: "matcher-note", Message: "db is fresh"}}, m.err
}

func TestNoMatcherNote(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("node_modules/minimist/package.json", `{"name":"minimist","version":"1.2.0"}`)
	// A runtime image's own SDK: never read, never reported.
	write("var/runtime/node_modules/aws-sdk/package.json", `{"name":"aws-sdk","version":"2.1000.0"}`)
	write("var/lang/lib/python3.12/site-packages/boto3-1.28.0.dist-info/METADATA", "Name: boto3\nVersion: 1.28.0\n")
	in, err := input.Open(dir, input.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	rep, err := scan.Run(context.Background(), scan.Options{Passes: []scan.Pass{New(Options{})}, Workers: 1}, []*input.Input{in})
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, p := range rep.Packages {
		names = append(names, p.Name+"@"+p.Version)
	}
	if diff := cmp.Diff([]string{"minimist@1.2.0"}, names); diff != "" {
		t.Errorf("packages (-want +got):\n%s", diff)
	}
	found := false
	for _, n := range rep.Notifications {
		if n.Code == CodeNoDatabase && n.Level == finding.LevelNote && n.Message == NoDatabaseMessage {
			found = true
		}
	}
	if !found {
		t.Errorf("no %s note in %+v", CodeNoDatabase, rep.Notifications)
	}
}

func TestMatcherError(t *testing.T) {
	res := &scan.Results{Packages: want(pk{"npm", "minimist", "1.2.0", "pkg:npm/minimist@1.2.0", "a", "", "node_modules/minimist/package.json", "npm/node-modules", high, 0})}
	sentinel := errors.New("store is corrupt")
	err := New(Options{Matcher: &fakeMatcher{err: sentinel}}).Finish(context.Background(), res)
	if !errors.Is(err, sentinel) {
		t.Errorf("Finish error = %v, want it to wrap %v", err, sentinel)
	}
}

func TestMerge(t *testing.T) {
	p := func(eco, name, version, path, source string) finding.Package {
		return finding.Package{Ecosystem: eco, Name: name, Version: version, Location: finding.Location{Input: "in", Path: path}, Source: source}
	}
	also := func(p finding.Package, paths ...string) finding.Package {
		for _, a := range paths {
			p.AlsoAt = append(p.AlsoAt, finding.Location{Input: "in", Path: a})
		}
		return p
	}
	tiers := New(Options{}).tiers
	for _, c := range []struct {
		name     string
		in, want []finding.Package
	}{
		{"installed beats lockfile for the same version",
			[]finding.Package{p("npm", "a", "1.0.0", "package-lock.json", "npm/package-lock"), p("npm", "a", "1.0.0", "node_modules/a/package.json", "npm/node-modules")},
			[]finding.Package{also(p("npm", "a", "1.0.0", "node_modules/a/package.json", "npm/node-modules"), "package-lock.json")}},
		{"copies of one installed version merge to the first path",
			[]finding.Package{p("npm", "a", "1.0.0", "node_modules/x/node_modules/a/package.json", "npm/node-modules"),
				p("npm", "a", "1.0.0", "node_modules/a/package.json", "npm/node-modules"),
				p("npm", "a", "1.0.0", "node_modules/y/node_modules/a/package.json", "npm/node-modules"),
				p("npm", "a", "1.0.0", "node_modules/a/package.json", "npm/node-modules")},
			[]finding.Package{also(p("npm", "a", "1.0.0", "node_modules/a/package.json", "npm/node-modules"),
				"node_modules/x/node_modules/a/package.json", "node_modules/y/node_modules/a/package.json")}},
		{"lockfile kept when nothing is installed",
			[]finding.Package{p("npm", "a", "1.0.0", "package-lock.json", "npm/package-lock"), p("npm", "a", "2.0.0", "package-lock.json", "npm/package-lock")},
			[]finding.Package{p("npm", "a", "1.0.0", "package-lock.json", "npm/package-lock"), p("npm", "a", "2.0.0", "package-lock.json", "npm/package-lock")}},
		{"bundle guess of another version is kept beside the installed one",
			[]finding.Package{p("npm", "a", "1.0.0", "dist/x.js", "npm/bundle-banner"), p("npm", "a", "2.0.0", "node_modules/a/package.json", "npm/node-modules")},
			[]finding.Package{p("npm", "a", "1.0.0", "dist/x.js", "npm/bundle-banner"), p("npm", "a", "2.0.0", "node_modules/a/package.json", "npm/node-modules")}},
		{"manifest beats file name in one jar; other jar keeps its file name",
			[]finding.Package{p("Maven", "g:a", "1.0", "lib/a-1.0.jar", "maven/jar-name"), p("Maven", "g:a", "1.0.0", "lib/a-1.0.jar", "maven/manifest"),
				p("Maven", "b", "2.0", "lib/b-2.0.jar", "maven/jar-name")},
			[]finding.Package{p("Maven", "b", "2.0", "lib/b-2.0.jar", "maven/jar-name"), p("Maven", "g:a", "1.0.0", "lib/a-1.0.jar", "maven/manifest")}},
		{"pom.properties beats manifest and file name",
			[]finding.Package{p("Maven", "x:a", "1", "lib/a-1.jar", "maven/jar-name"), p("Maven", "g:a", "1.0", "lib/a-1.jar", "maven/manifest"),
				p("Maven", "g:a", "1.0.1", "lib/a-1.jar!/META-INF/maven/g/a/pom.properties", "maven/pom-properties")},
			[]finding.Package{p("Maven", "g:a", "1.0.1", "lib/a-1.jar!/META-INF/maven/g/a/pom.properties", "maven/pom-properties")}},
		{"a declaration is shadowed only by packages installed in its project",
			[]finding.Package{p("PyPI", "flask", "1.0", "svc-a/requirements.txt", "python/requirements"),
				p("PyPI", "flask", "2.0", "svc-b/flask-2.0.dist-info/METADATA", "python/dist-info"),
				p("PyPI", "flask", "0.9", "svc-b/requirements.txt", "python/requirements")},
			[]finding.Package{p("PyPI", "flask", "1.0", "svc-a/requirements.txt", "python/requirements"),
				p("PyPI", "flask", "2.0", "svc-b/flask-2.0.dist-info/METADATA", "python/dist-info")}},
		{"a jar manifest is not shadowed by another jar's pom.properties",
			[]finding.Package{p("Maven", "g:a", "1.0", "lib/a-1.0.jar", "maven/manifest"),
				p("Maven", "g:a", "2.0", "lib/a-2.0.jar!/META-INF/maven/g/a/pom.properties", "maven/pom-properties")},
			[]finding.Package{p("Maven", "g:a", "1.0", "lib/a-1.0.jar", "maven/manifest"),
				p("Maven", "g:a", "2.0", "lib/a-2.0.jar!/META-INF/maven/g/a/pom.properties", "maven/pom-properties")}},
		{"runtime paths dropped",
			[]finding.Package{p("PyPI", "boto3", "1.28.0", "var/runtime/boto3-1.28.0.dist-info/METADATA", "python/dist-info")}, nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			if diff := cmp.Diff(c.want, Merge(c.in, tiers)); diff != "" {
				t.Errorf("Merge (-want +got):\n%s", diff)
			}
		})
	}
}

func TestDeclaringLines(t *testing.T) {
	lock := `{
  "packages": {
    "node_modules/lodash.merge": {
      "version": "4.6.2"
    },
    "node_modules/lodash": {
      "version": "4.17.15",
      "resolved": "https://registry.npmjs.org/lodash/-/lodash-4.17.15.tgz"
    },
    "node_modules/@aws-sdk/client-s3": {
      "version": "3.1.0"
    }
  }
}`
	pom := `<dependency>
  <groupId>com.fasterxml.jackson.core</groupId>
  <artifactId>jackson-databind</artifactId>
  <version>${jackson.version}</version>
</dependency>
<properties><jackson.version>2.9.10</jackson.version></properties>
<dependency><artifactId>Guava</artifactId><version>31.0-JRE</version></dependency>`
	req := "pyyaml==5.3.1\nyaml-lint==1.0\nPyYAML==5.3.1\n"
	tests := []struct {
		name    string
		content string
		pkg     finding.Package
		want    int
	}{
		{"package-lock entry, not a longer name", lock, finding.Package{Ecosystem: "npm", Name: "lodash", Version: "4.17.15"}, 6},
		{"scoped name", lock, finding.Package{Ecosystem: "npm", Name: "@aws-sdk/client-s3", Version: "3.1.0"}, 10},
		{"pom artifactId, version from a property a few lines on", pom, finding.Package{Ecosystem: "Maven", Name: "com.fasterxml.jackson.core:jackson-databind", Version: "2.9.10"}, 3},
		{"name in any case, version as written", pom, finding.Package{Ecosystem: "Maven", Name: "com.google.guava:guava", Version: "31.0-JRE"}, 7},
		{"requirements", req, finding.Package{Ecosystem: "PyPI", Name: "pyyaml", Version: "5.3.1"}, 1},
		{"absent", req, finding.Package{Ecosystem: "PyPI", Name: "requests", Version: "2.0"}, 0},
		{"named but no version near", req, finding.Package{Ecosystem: "PyPI", Name: "yaml-lint", Version: "9.9"}, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := NewDeclaringLines(tt.content).Find(tt.pkg); got != tt.want {
				t.Errorf("Find = %d, want %d", got, tt.want)
			}
		})
	}
}
