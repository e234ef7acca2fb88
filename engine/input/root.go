package input

import (
	"os"
	"path/filepath"
	"slices"
)

// manifests name the files that mark the root of one function's source:
// the folder a deployment package is built from.
var manifests = []string{
	"requirements.txt", "pyproject.toml", "Pipfile", "setup.py", "setup.cfg",
	"package.json", "pom.xml", "build.gradle", "build.gradle.kts",
	"template.yaml", "template.yml", "serverless.yml", "serverless.yaml",
}

// IsManifest reports whether a file name (a base name) marks the root of a
// function package. The walker's taint scopes and FunctionRoot both use it.
func IsManifest(base string) bool { return slices.Contains(manifests, base) }

// FunctionRoot returns the folder holding the function a source file
// belongs to: the nearest folder above it with a manifest such as
// requirements.txt, package.json or pom.xml, at most six levels up and never
// above a git repository's root. Without one, it is the file's own folder.
// Scanning that folder lets a single changed file (pre-commit) still have
// its helpers in sibling modules resolved.
func FunctionRoot(file string) string {
	start := filepath.Dir(file)
	dir := start
	for range 6 {
		for _, m := range manifests {
			if _, err := os.Stat(filepath.Join(dir, m)); err == nil {
				return dir
			}
		}
		if _, err := os.Stat(filepath.Join(dir, ".git")); err == nil {
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			break
		}
		dir = parent
	}
	return start
}
