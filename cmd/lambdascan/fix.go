package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/lambdascan/lambdascan/engine/config"
	"github.com/lambdascan/lambdascan/engine/finding"
	"github.com/lambdascan/lambdascan/engine/input"
	"github.com/lambdascan/lambdascan/engine/parse"
	"github.com/lambdascan/lambdascan/fixes"
	"github.com/lambdascan/lambdascan/internal/atomicfile"
)

// runFix applies the suggested fixes of a scan to the files of directory
// inputs, then scans again to show which findings are gone.
func runFix(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var cfg scanConfig
	var ruleIDs listFlag
	var dryRun bool
	fs := newFlagSet("fix", "lambdascan fix [--rule ID]... [--dry-run] PATH...   (PATH: a directory or source files)", stderr)
	fs.Var(&ruleIDs, "rule", "apply only the fixes of rule `ID` (repeatable; a trailing * is a prefix)")
	fs.BoolVar(&dryRun, "dry-run", false, "show the changes as diffs without writing anything")
	fs.Var(&cfg.ruleDirs, "rules", "also load rules from `DIR` (repeatable)")
	fs.Var(&cfg.exclude, "exclude", "skip files matching this doublestar `GLOB` (repeatable)")
	fs.StringVar(&cfg.handler, "handler", "", "the function's Handler setting, e.g. app.main")
	fs.StringVar(&cfg.configPath, "config", "", "read settings (rule selection, suppressions) from `FILE` (default: .lambdascan.yaml found from the first PATH upwards)")
	paths, err := parseInterspersed(fs, args)
	if errors.Is(err, flag.ErrHelp) {
		return nil
	}
	if err != nil {
		return err
	}
	if len(paths) == 0 {
		return usageErr("no PATH to fix")
	}
	var dirs []string
	for _, p := range paths {
		st, err := os.Stat(p)
		switch {
		case err != nil:
			return fmt.Errorf("%w: %s: %v", errIncomplete, p, err)
		case st.Mode().IsRegular() && input.IsArchiveName(p):
			fmt.Fprintf(stderr, "lambdascan fix: %s is an archive: archives are never modified; fix the source it was built from\n", p)
			continue
		}
		dirs = append(dirs, p)
	}
	if len(dirs) == 0 {
		return fmt.Errorf("%w: nothing to fix (only archives given)", errIncomplete)
	}
	cfg.paths = dirs
	conf, err := loadConfig(fs, &cfg)
	if err != nil {
		return err
	}
	// Only code and secrets findings carry fixes; config suppressions apply.
	cfg.scanners = []string{"code", "secrets"}
	cfg.maxFileSize = 10 << 20

	before, err := fixScan(ctx, &cfg, conf, stderr)
	if err != nil {
		return err
	}
	byFile := map[string][]fixes.Candidate{}
	var files []string
	for i := range before.rep.Findings {
		f := &before.rep.Findings[i]
		if f.Suppression != nil || len(f.Fixes) == 0 || !ruleSelected(ruleIDs, f.RuleID) {
			continue
		}
		key := f.Location.Input + "\x00" + f.Location.Path
		if byFile[key] == nil {
			files = append(files, key)
		}
		byFile[key] = append(byFile[key], fixes.Candidate{Finding: f, Fix: &f.Fixes[0]})
	}
	slices.Sort(files)
	if len(files) == 0 {
		fmt.Fprintln(stdout, "No fixable findings.")
		return nil
	}

	attempted := map[string]bool{}
	changed, applied, skipped := 0, 0, 0
	for _, key := range files {
		inName, rel, _ := strings.Cut(key, "\x00")
		root := before.roots[inName]
		name, err := safeJoin(root, rel)
		if err != nil {
			fmt.Fprintf(stdout, "%s: not fixed: %v\n", rel, err)
			continue
		}
		src, err := os.ReadFile(name)
		if err != nil {
			fmt.Fprintf(stdout, "%s: not fixed: %v\n", rel, err)
			continue
		}
		res := fixes.File(ctx, rel, src, parse.ForPath(rel), byFile[key])
		for _, o := range res.Outcomes {
			loc := fmt.Sprintf("%s:%d", rel, o.Finding.Location.StartLine)
			if o.Applied {
				applied++
				attempted[o.Finding.Fingerprint] = true
				continue
			}
			skipped++
			fmt.Fprintf(stdout, "%s %s: not applied: %s\n", loc, o.Finding.RuleID, o.Reason)
		}
		if !res.Changed() {
			continue
		}
		changed++
		fmt.Fprint(stdout, res.Diff())
		if dryRun {
			continue
		}
		if err := atomicfile.WriteBytes(name, mode(name), res.After); err != nil {
			return fmt.Errorf("write %s: %w", name, err)
		}
	}
	verb := "changed"
	if dryRun {
		verb = "would change"
	}
	fmt.Fprintf(stdout, "\n%d fixes applied, %d skipped; %s %d files.\n", applied, skipped, verb, changed)
	if dryRun || changed == 0 {
		return nil
	}
	after, err := fixScan(ctx, &cfg, conf, stderr)
	if err != nil {
		return err
	}
	still := map[string]bool{}
	for _, f := range after.rep.Findings {
		still[f.RuleID+"\x00"+f.Location.Path+"\x00"+f.Fingerprint] = true
	}
	gone, left := 0, 0
	for _, f := range before.rep.Findings {
		if !attempted[f.Fingerprint] {
			continue
		}
		if still[f.RuleID+"\x00"+f.Location.Path+"\x00"+f.Fingerprint] || stillAt(after.rep, &f) {
			left++
			fmt.Fprintf(stdout, "still reported after the fix: %s:%d %s\n", f.Location.Path, f.Location.StartLine, f.RuleID)
			continue
		}
		gone++
	}
	fmt.Fprintf(stdout, "Re-scan: %d of %d fixed findings are gone.\n", gone, gone+left)
	return nil
}

// stillAt reports whether the re-scan still has the rule on the same line.
func stillAt(rep *finding.Report, f *finding.Finding) bool {
	return slices.ContainsFunc(rep.Findings, func(g finding.Finding) bool {
		return g.RuleID == f.RuleID && g.Location.Path == f.Location.Path && g.Location.StartLine == f.Location.StartLine
	})
}

func ruleSelected(ids []string, id string) bool {
	if len(ids) == 0 {
		return true
	}
	return slices.ContainsFunc(ids, func(s string) bool {
		if p, ok := strings.CutSuffix(s, "*"); ok {
			return strings.HasPrefix(id, p)
		}
		return s == id
	})
}

// fixScan scans the directories to fix; an input that cannot be opened
// stops the fix.
func fixScan(ctx context.Context, cfg *scanConfig, conf *config.Config, stderr io.Writer) (*scanned, error) {
	run, err := runPipeline(ctx, cfg, conf, stderr)
	if err != nil {
		return nil, err
	}
	if len(run.openNotes) > 0 {
		return nil, fmt.Errorf("%w: %s", errIncomplete, run.openNotes[0].Message)
	}
	return run, nil
}

// safeJoin joins a path from a report to its input's directory and makes
// sure the result, links resolved, stays inside it: a fix never writes
// outside the PATH it was given.
func safeJoin(root, rel string) (string, error) {
	if root == "" || !filepath.IsLocal(filepath.FromSlash(rel)) || strings.Contains(rel, "!/") {
		return "", fmt.Errorf("%q is not a file of a directory input", rel)
	}
	name := filepath.Join(root, filepath.FromSlash(rel))
	realRoot, err := filepath.EvalSymlinks(root)
	if err != nil {
		return "", err
	}
	real, err := filepath.EvalSymlinks(name)
	if err != nil {
		return "", err
	}
	if r, err := filepath.Rel(realRoot, real); err != nil || !filepath.IsLocal(r) {
		return "", fmt.Errorf("%s resolves outside %s", rel, root)
	}
	return name, nil
}

// mode returns a file's permissions, so a fixed file keeps them.
func mode(name string) os.FileMode {
	if st, err := os.Stat(name); err == nil {
		return st.Mode().Perm()
	}
	return 0o644
}
