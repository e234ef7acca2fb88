package rules

import (
	"context"
	"fmt"
	"io/fs"
	"path"
	"slices"

	"golang.org/x/tools/txtar"

	"github.com/lambdascan/lambdascan/engine/finding"
	"github.com/lambdascan/lambdascan/engine/parse"
	"github.com/lambdascan/lambdascan/engine/taint"
)

// testTaint tests a taint rule. Its cases are the single test files beside
// it (<base>.py, ...) and txtar archives <base>.txtar, each archive being
// one function package of several files (a handler and the helper modules
// it imports; the prose before the first file says what the case is).
// Annotations are checked in every file; taint flows cross the files of
// one archive, never between archives.
func (s *Set) testTaint(ctx context.Context, r *Rule, base string, rr *RuleResult) {
	type pkg struct {
		name  string
		files map[string][]byte
	}
	var pkgs []pkg
	for _, lang := range r.Languages {
		for _, ext := range testExts[lang] {
			name := base + ext
			if src, err := fs.ReadFile(r.fsys, name); err == nil {
				pkgs = append(pkgs, pkg{name: name, files: map[string][]byte{path.Base(name): src}})
			}
		}
	}
	if data, err := fs.ReadFile(r.fsys, base+".txtar"); err == nil {
		ar := txtar.Parse(data)
		p := pkg{name: base + ".txtar", files: map[string][]byte{}}
		for _, f := range ar.Files {
			p.files[f.Name] = f.Data
		}
		if len(p.files) == 0 {
			rr.Failures = append(rr.Failures, base+".txtar: no files in the archive")
		}
		pkgs = append(pkgs, p)
	}
	for _, p := range pkgs {
		rr.Tests = append(rr.Tests, p.name)
		s.testPackage(ctx, r, p.name, p.files, rr)
	}
}

// testPackage runs the set's taint rules over one package of test files
// and checks rule r's annotations in each file.
func (s *Set) testPackage(ctx context.Context, r *Rule, pkgName string, files map[string][]byte, rr *RuleResult) {
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	slices.Sort(names)
	var units []*taint.Unit
	label := func(n string) string {
		if path.Ext(pkgName) == ".txtar" {
			return pkgName + ":" + n
		}
		return path.Join(path.Dir(pkgName), n)
	}
	for _, n := range names {
		if parse.ForPath(n) == parse.None {
			continue
		}
		t, err := parseTest(ctx, n, files[n])
		if err != nil {
			rr.Failures = append(rr.Failures, fmt.Sprintf("%s: %v", pkgName, err))
			continue
		}
		im := ImportsOf(t)
		_, _, sites, err := s.check(ctx, t, im)
		if err != nil {
			rr.Failures = append(rr.Failures, fmt.Sprintf("%s: %v", label(n), err))
			continue
		}
		mod := lower(t, im, n, "")
		mod.Input = pkgName
		s.keepSource(mod, t)
		units = append(units, &taint.Unit{Mod: mod, Sites: sites})
	}
	found, notes, err := s.analyzeTaint(ctx, map[string][]*taint.Unit{pkgName: units}, taint.Limits{})
	if err != nil {
		rr.Failures = append(rr.Failures, fmt.Sprintf("%s: %v", pkgName, err))
		return
	}
	for _, n := range notes {
		rr.Notes = append(rr.Notes, fmt.Sprintf("%s: %s", label(n.Path), n.Message))
	}
	for _, n := range names {
		if parse.ForPath(n) == parse.None {
			continue
		}
		var mine []finding.Finding
		for _, f := range found {
			if f.RuleID == r.Meta.ID && f.Location.Path == n {
				mine = append(mine, f)
			}
		}
		ln := label(n)
		checkAnnotations(ln, files[n], r.Meta.ID, mine, rr, func(line int, format string, args ...any) {
			rr.Failures = append(rr.Failures, fmt.Sprintf("%s:%d: ", ln, line)+fmt.Sprintf(format, args...))
		})
		if path.Ext(pkgName) != ".txtar" {
			testFix(r, pkgName, files[n], mine, rr)
		}
	}
}
