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
	"time"

	"golang.org/x/term"

	"github.com/lambdascan/lambdascan/engine/config"
	"github.com/lambdascan/lambdascan/engine/finding"
	"github.com/lambdascan/lambdascan/engine/input"
	"github.com/lambdascan/lambdascan/engine/scan"
	"github.com/lambdascan/lambdascan/engine/walk"
	"github.com/lambdascan/lambdascan/internal/atomicfile"
	"github.com/lambdascan/lambdascan/report"
)

// scanConfig is everything the scan flags say.
type scanConfig struct {
	paths, layers    []string
	format, output   string
	failOn           string
	scanners         listFlag
	include, exclude repeatFlag
	ruleDirs         repeatFlag
	handler          string
	dbDir            string
	scanGenerated    bool
	explainFiles     bool
	noFixes          bool
	showSuppressed   bool
	color            string
	category         string
	workers          int
	maxFileSize      int64
	parseTimeout     time.Duration
	configPath       string
	noInlineIgnores  bool
	baseline         string
	baselineRef      string
	// selectRule is the config file's rule selection (nil: every rule).
	selectRule func(*finding.Rule) bool
}

// allScanners are the passes a scan can run, in --scanners order.
var allScanners = []string{"code", "secrets", "deps"}

func runScan(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var cfg scanConfig
	var layers repeatFlag
	fs := newFlagSet("scan", "lambdascan scan [flags] PATH...   (PATH: directory, deployment .zip, layer .zip, .jar, or source files)", stderr)
	fs.Var(&layers, "layer", "scan `PATH` (a layer .zip or directory) as a Lambda layer of the function (repeatable)")
	fs.StringVar(&cfg.format, "format", "table", "output `format`: "+strings.Join(report.Formats(), ", "))
	fs.StringVar(&cfg.output, "o", "", "write the report to `FILE` instead of standard output")
	fs.StringVar(&cfg.failOn, "fail-on", "low", "exit 1 when a finding is at or above `SEVERITY` (info, low, medium, high, critical, none)")
	fs.Var(&cfg.scanners, "scanners", "passes to run, comma-separated: "+strings.Join(allScanners, ",")+" (default all)")
	fs.Var(&cfg.include, "include", "only scan files matching this doublestar `GLOB` (repeatable)")
	fs.Var(&cfg.exclude, "exclude", "skip files matching this doublestar `GLOB`, e.g. '**/tests/**' (repeatable)")
	fs.Var(&cfg.ruleDirs, "rules", "also load rules from `DIR` (repeatable)")
	fs.StringVar(&cfg.handler, "handler", "", "the function's Handler setting, e.g. app.main or index.handler")
	fs.StringVar(&cfg.dbDir, "db", "", "vulnerability database `DIR` (default: the user cache dir)")
	fs.BoolVar(&cfg.scanGenerated, "scan-generated", false, "scan minified and generated bundles as first-party code")
	fs.BoolVar(&cfg.explainFiles, "explain-files", false, "list every file with its classification and the reason")
	fs.BoolVar(&cfg.noFixes, "no-fixes", false, "do not show suggested fixes in the table")
	fs.BoolVar(&cfg.showSuppressed, "show-suppressed", false, "show suppressed findings in the table")
	fs.StringVar(&cfg.color, "color", "auto", "colour the table: auto, always or never")
	fs.StringVar(&cfg.category, "category", "", "SARIF automationDetails.id (GitHub code scanning category)")
	fs.IntVar(&cfg.workers, "workers", 0, "parallel workers (default: the number of CPUs)")
	fs.Int64Var(&cfg.maxFileSize, "max-file-size", 10<<20, "largest file analysed, in `bytes`")
	fs.DurationVar(&cfg.parseTimeout, "parse-timeout", 10*time.Second, "give up parsing one file after this long")
	fs.StringVar(&cfg.configPath, "config", "", "read settings from `FILE` (default: .lambdascan.yaml found from the first PATH upwards)")
	fs.BoolVar(&cfg.noInlineIgnores, "no-inline-ignores", false, "ignore inline lambdascan:ignore comments (for audits)")
	fs.StringVar(&cfg.baseline, "baseline", "", "report only findings not in this earlier JSON or SARIF report `FILE`")
	fs.StringVar(&cfg.baselineRef, "baseline-ref", "", "report only findings introduced since the merge base with git `REF`")
	paths, err := parseInterspersed(fs, args)
	if errors.Is(err, flag.ErrHelp) {
		return nil
	}
	if err != nil {
		return err
	}
	cfg.paths, cfg.layers = paths, layers
	cfg.format = formatFromOutput(fs, cfg.format, cfg.output)
	if len(cfg.paths) == 0 && len(cfg.layers) == 0 {
		return usageErr("no PATH to scan")
	}
	conf, err := loadConfig(fs, &cfg)
	if err != nil {
		return err
	}
	if err := cfg.validate(); err != nil {
		return err
	}

	run, err := runPipeline(ctx, &cfg, conf, stderr)
	if err != nil {
		return err
	}
	rep, openNotes := run.rep, run.openNotes
	rep.Normalize()

	if err := writeReport(cfg, rep, stdout); err != nil {
		return err
	}
	if len(openNotes) > 0 {
		return fmt.Errorf("%w: %d of %d inputs could not be opened (see the report)", errIncomplete, len(openNotes), len(cfg.paths)+len(cfg.layers))
	}
	return failOn(cfg.failOn, rep)
}

// scanned is one run of the pipeline over the configured inputs.
type scanned struct {
	rep *finding.Report
	// roots maps each input's name to its directory on disk ("" for archives).
	roots map[string]string
	// openNotes are the inputs that could not be opened (also in rep).
	openNotes []finding.Notification
}

// runPipeline builds the passes, opens the inputs, scans them, keeps only
// the findings of single-file PATHs' files, and applies the config's rule
// selection and suppressions and the baselines. scan and fix both run it.
func runPipeline(ctx context.Context, cfg *scanConfig, conf *config.Config, stderr io.Writer) (*scanned, error) {
	passes, masker, closeAll, err := buildPasses(ctx, cfg, stderr)
	if err != nil {
		return nil, err
	}
	defer closeAll()
	inputs, only, openNotes := openInputs(*cfg)
	defer func() {
		for _, in := range inputs {
			in.Close()
		}
	}()
	opts := scan.Options{
		Passes:          passes,
		Masker:          masker,
		Walk:            walk.Options{Include: cfg.include, Exclude: cfg.exclude, ScanGenerated: cfg.scanGenerated},
		Workers:         cfg.workers,
		MaxFileSize:     cfg.maxFileSize,
		ParseTimeout:    cfg.parseTimeout,
		ExplainFiles:    cfg.explainFiles,
		ToolVersion:     toolVersion(),
		NoInlineIgnores: cfg.noInlineIgnores,
	}
	rep, err := scan.Run(ctx, opts, inputs)
	if err != nil {
		return nil, fmt.Errorf("scan: %w", err)
	}
	only.filter(rep)
	rep.Notifications = append(rep.Notifications, openNotes...)
	// Baselines from git scan again with the same passes, so this runs
	// before the passes are closed.
	if err := applyWorkflow(ctx, *cfg, conf, opts, rep); err != nil {
		return nil, err
	}
	roots := map[string]string{}
	for _, in := range inputs {
		roots[in.Name] = in.Root
	}
	return &scanned{rep: rep, roots: roots, openNotes: openNotes}, nil
}

// formatFromOutput picks the format from -o's file name (report.sarif,
// findings.csv, report.html…) when --format was not given.
func formatFromOutput(fs *flag.FlagSet, format, output string) string {
	given := false
	fs.Visit(func(f *flag.Flag) { given = given || f.Name == "format" })
	if given || output == "" {
		return format
	}
	if f, ok := report.FormatForPath(output); ok {
		return f
	}
	return format
}

// validateOutputFlags checks the flags scan and aws share, and fills in
// the default scanners.
func validateOutputFlags(format, failOnSev string, scanners *listFlag) error {
	if !slices.Contains(report.Formats(), format) {
		return usageErr("unknown --format %q (want one of %s)", format, strings.Join(report.Formats(), ", "))
	}
	if failOnSev != "none" {
		if _, err := finding.ParseSeverity(failOnSev); err != nil {
			return usageErr("--fail-on: %v", err)
		}
	}
	for _, s := range *scanners {
		if !slices.Contains(allScanners, s) {
			return usageErr("unknown scanner %q in --scanners (want %s)", s, strings.Join(allScanners, ", "))
		}
	}
	if len(*scanners) == 0 {
		*scanners = slices.Clone(allScanners)
	}
	return nil
}

// failOn returns errFindings when the report has unsuppressed findings at
// or above the --fail-on severity ("none": never).
func failOn(sev string, rep *finding.Report) error {
	if sev == "none" {
		return nil
	}
	s, _ := finding.ParseSeverity(sev)
	if n := rep.AtOrAbove(s); n > 0 {
		return fmt.Errorf("%w: %d", errFindings, n)
	}
	return nil
}

func (c *scanConfig) validate() error {
	if err := validateOutputFlags(c.format, c.failOn, &c.scanners); err != nil {
		return err
	}
	switch c.color {
	case "auto", "always", "never":
	default:
		return usageErr("--color must be auto, always or never")
	}
	if err := (walk.Options{Include: c.include, Exclude: c.exclude}).Validate(); err != nil {
		return usageErr("%v", err)
	}
	return nil
}

func (c *scanConfig) enabled(scanner string) bool { return slices.Contains(c.scanners, scanner) }

// openInputs opens every PATH; one that cannot be opened becomes an error
// notification and the others are still scanned. A PATH naming a single
// source file (as pre-commit passes them) opens the function folder around
// it, so helpers in sibling modules resolve, and only records that the
// findings of that file are wanted: see onlyFiles.
func openInputs(cfg scanConfig) ([]*input.Input, onlyFiles, []finding.Notification) {
	var inputs []*input.Input
	var notes []finding.Notification
	only := onlyFiles{}
	opened := map[string]bool{}
	open := func(p string, layer bool) {
		in, err := input.Open(p, input.Options{})
		if err != nil {
			notes = append(notes, finding.Notification{Level: finding.LevelError, Code: "input-unreadable", Input: p,
				Message: fmt.Sprintf("cannot scan %s: %v", p, err)})
			return
		}
		in.Layer = layer
		inputs = append(inputs, in)
		opened[p] = true
	}
	for _, p := range cfg.paths {
		st, err := os.Stat(p)
		if err == nil && st.Mode().IsRegular() && !input.IsArchiveName(p) {
			root := input.FunctionRoot(p)
			rel, err := filepath.Rel(root, p)
			if err == nil {
				if only[root] == nil {
					only[root] = map[string]bool{}
				}
				only[root][filepath.ToSlash(rel)] = true
				if !opened[root] {
					open(root, false)
				}
				continue
			}
		}
		open(p, false)
	}
	for _, p := range cfg.layers {
		open(p, true)
	}
	return inputs, only, notes
}

// onlyFiles maps an input opened for single-file PATHs to the files whose
// findings are wanted.
type onlyFiles map[string]map[string]bool

// filter drops findings and notes of files that were scanned only as context.
func (o onlyFiles) filter(rep *finding.Report) {
	if len(o) == 0 {
		return
	}
	keep := func(in, path string) bool {
		files, ok := o[in]
		return !ok || files[path] || path == ""
	}
	fs := rep.Findings[:0]
	for _, f := range rep.Findings {
		if keep(f.Location.Input, f.Location.Path) {
			fs = append(fs, f)
		}
	}
	rep.Findings = fs
	ns := rep.Notifications[:0]
	for _, n := range rep.Notifications {
		if keep(n.Input, n.Path) {
			ns = append(ns, n)
		}
	}
	rep.Notifications = ns
}

// writeReport writes the report to stdout or, atomically, to -o FILE: a
// temporary file beside it renamed into place, so a failed write never
// leaves half a report and nothing else is ever written.
func writeReport(cfg scanConfig, rep *finding.Report, stdout io.Writer) error {
	opts := report.Options{
		ShowFixes:      !cfg.noFixes,
		ShowSuppressed: cfg.showSuppressed,
		ExplainFiles:   cfg.explainFiles,
		Category:       cfg.category,
	}
	if cfg.output == "" {
		opts.Color = cfg.color == "always" || (cfg.color == "auto" && isTerminal(stdout) && os.Getenv("NO_COLOR") == "")
		return report.Write(stdout, cfg.format, rep, opts)
	}
	opts.Color = cfg.color == "always"
	return atomicfile.Write(cfg.output, 0o644, func(w io.Writer) error { return report.Write(w, cfg.format, rep, opts) })
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}
