package registry

import (
	"testing"

	"github.com/lambdascan/lambdascan/analyzers/deps/extract"
)

func TestAllNamesUnique(t *testing.T) {
	seen := map[string]bool{}
	for _, e := range All() {
		if e.Name() == "" || seen[e.Name()] {
			t.Errorf("extractor name %q is empty or repeated", e.Name())
		}
		seen[e.Name()] = true
		if _, ok := e.(extract.Tiered); !ok {
			t.Errorf("%s does not say its tier", e.Name())
		}
	}
}

// TestEveryFormatClaimed checks that each kind of file reaches at least
// one extractor, at the paths of a deployment zip and of a layer.
func TestEveryFormatClaimed(t *testing.T) {
	for _, p := range []string{
		"requests-2.19.1.dist-info/METADATA",
		"python/lib/python3.12/site-packages/PyYAML-5.3.1.dist-info/METADATA",
		"python/Jinja2-2.10.egg-info/PKG-INFO",
		"requirements.txt", "Pipfile.lock", "poetry.lock", "uv.lock",
		"node_modules/lodash/package.json", "nodejs/node_modules/@babel/traverse/package.json",
		"nodejs/node18/node_modules/minimist/package.json",
		"package-lock.json", "npm-shrinkwrap.json", "yarn.lock", "pnpm-lock.yaml", "dist/index.js", "dist/index.js.map",
		"lib/a.jar!/META-INF/maven/g/a/pom.properties", "java/lib/a-1.0.jar!/META-INF/MANIFEST.MF",
		"pom.xml", "gradle.lockfile",
	} {
		n := 0
		for _, e := range All() {
			if e.FileRequired(p) {
				n++
			}
		}
		if n == 0 {
			t.Errorf("no extractor wants %s", p)
		}
	}
	for _, p := range []string{"handler.py", "src/app.ts", "README.md", "node_modules/lodash/lodash.js", "lib/a.jar", "com/x/Y.class"} {
		for _, e := range All() {
			if e.FileRequired(p) {
				t.Errorf("%s wants %s", e.Name(), p)
			}
		}
	}
}
