// Package gradlelock reads Gradle's dependency lock files
// (gradle.lockfile, and the per-configuration files under
// gradle/dependency-locks/*.lockfile). A line "group:artifact:version=
// conf1,conf2" lists the configurations that resolved it; packages only
// on test configurations are left out, since they do not ship.
package gradlelock

import (
	"context"
	"strings"

	"github.com/lambdascan/lambdascan/analyzers/deps/extract"
	"github.com/lambdascan/lambdascan/engine/finding"
)

// Name is the extractor's name.
const Name = "maven/gradle-lockfile"

// Extractor reads Gradle lock files.
type Extractor struct{}

// Name implements extract.Extractor.
func (Extractor) Name() string { return Name }

// Tier implements extract.Tiered.
func (Extractor) Tier() extract.Tier { return extract.TierLock }

// FileRequired implements extract.Extractor.
func (Extractor) FileRequired(p string) bool {
	if strings.Contains(p, "!/") {
		return false
	}
	b := extract.Base(p)
	return b == "gradle.lockfile" || strings.HasSuffix(b, ".lockfile") && strings.Contains(p, "gradle/dependency-locks/")
}

// Extract implements extract.Extractor.
func (Extractor) Extract(_ context.Context, in extract.Input) ([]finding.Package, error) {
	var out []finding.Package
	bad := 0
	extract.Lines(in.Content, func(n int, line string) bool {
		line = strings.TrimSpace(line)
		if line == "" || line[0] == '#' || strings.HasPrefix(line, "empty=") {
			return true
		}
		coord, confs, _ := strings.Cut(line, "=")
		parts := strings.Split(coord, ":")
		if len(parts) != 3 || parts[0] == "" || parts[1] == "" || parts[2] == "" {
			if bad == 0 {
				bad = n
			}
			return true
		}
		if confs != "" && testOnly(confs) {
			return true
		}
		if !extract.LooksLikeVersion(parts[2]) {
			return true
		}
		p := extract.Package(extract.Maven, parts[0]+":"+parts[1], parts[2], in.Path, Name, finding.ConfidenceHigh)
		p.Location.StartLine = n
		out = append(out, p)
		return true
	})
	if bad != 0 {
		return out, extract.Malformed("%s line %d is not group:artifact:version", extract.Base(in.Path), bad)
	}
	return out, nil
}

// testOnly reports whether every configuration in the comma list is a
// test one (testCompileClasspath, testRuntimeClasspath, ...).
func testOnly(confs string) bool {
	for _, c := range strings.Split(confs, ",") {
		c = strings.TrimSpace(c)
		if c != "" && !strings.HasPrefix(c, "test") && !strings.Contains(c, "Test") {
			return false
		}
	}
	return true
}
