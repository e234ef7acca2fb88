package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"time"

	"github.com/lambdascan/lambdascan/engine/config"
	"github.com/lambdascan/lambdascan/engine/finding"
	"github.com/lambdascan/lambdascan/engine/input"
	"github.com/lambdascan/lambdascan/engine/scan"
	"github.com/lambdascan/lambdascan/engine/suppress"
)

// loadConfig finds .lambdascan.yaml (from --config, or upwards from the
// first scanned path) and applies it under the flags: a flag given on the
// command line wins over the file.
func loadConfig(fs *flag.FlagSet, cfg *scanConfig) (*config.Config, error) {
	path := cfg.configPath
	if path == "" {
		start := "."
		if len(cfg.paths) > 0 {
			start = cfg.paths[0]
		}
		p, err := config.Find(start)
		if errors.Is(err, config.ErrNotFound) {
			return nil, nil
		}
		if err != nil {
			return nil, err
		}
		path = p
	}
	c, err := config.Load(path)
	if err != nil {
		return nil, err
	}
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	if !set["scanners"] && len(c.Scanners) > 0 {
		cfg.scanners = c.Scanners
	}
	if !set["fail-on"] && c.FailOn != "" {
		cfg.failOn = c.FailOn
	}
	if !set["db"] && c.DB != "" {
		cfg.dbDir = c.DB
	}
	cfg.include = append(cfg.include, c.Include...)
	cfg.exclude = append(cfg.exclude, c.Exclude...)
	cfg.ruleDirs = append(cfg.ruleDirs, c.Rules.Paths...)
	if len(c.Rules.Enable)+len(c.Rules.Disable) > 0 || c.Rules.MinSeverity != "" {
		cfg.selectRule = c.Rules.Selects
	}
	if c.InlineIgnores != nil && !*c.InlineIgnores && !set["no-inline-ignores"] {
		cfg.noInlineIgnores = true
	}
	return c, nil
}

// applyWorkflow marks suppressed findings and drops the baseline's.
func applyWorkflow(ctx context.Context, cfg scanConfig, conf *config.Config, opts scan.Options, rep *finding.Report) error {
	if conf != nil {
		// Code rules were narrowed before the scan (codePass); this also
		// covers the other passes' rules (secrets).
		if len(conf.Rules.Enable)+len(conf.Rules.Disable) > 0 || conf.Rules.MinSeverity != "" {
			kept := rep.Findings[:0]
			for _, f := range rep.Findings {
				if f.Rule == nil || f.Kind == finding.KindPackage || conf.Rules.Selects(f.Rule) {
					kept = append(kept, f)
				}
			}
			rep.Findings = kept
		}
		suppress.ApplyRules(rep, conf.Suppressions, time.Now())
	}
	var base suppress.Baseline
	if cfg.baseline != "" {
		b, err := suppress.LoadBaseline(cfg.baseline)
		if err != nil {
			return err
		}
		base = b
	}
	if cfg.baselineRef != "" {
		b, err := baselineFromGit(ctx, cfg, opts)
		if err != nil {
			return err
		}
		if base == nil {
			base = b
		} else {
			for k := range b {
				base[k] = true
			}
		}
	}
	if base != nil {
		kept := rep.Findings[:0]
		dropped := 0
		for _, f := range rep.Findings {
			if base[f.Fingerprint] {
				dropped++
				continue
			}
			kept = append(kept, f)
		}
		rep.Findings = kept
		rep.Notifications = append(rep.Notifications, finding.Notification{Level: finding.LevelNote, Code: "baseline",
			Message: fmt.Sprintf("%d findings already in the baseline are not reported; %d are new", dropped, len(kept))})
	}
	return nil
}

// baselineFromGit scans each PATH as it was at the merge base of HEAD and
// --baseline-ref (read with `git archive`, never checked out) and returns
// the fingerprints found there.
func baselineFromGit(ctx context.Context, cfg scanConfig, opts scan.Options) (suppress.Baseline, error) {
	var inputs []*input.Input
	for _, p := range cfg.paths {
		st, err := os.Stat(p)
		if err != nil || !st.IsDir() {
			return nil, fmt.Errorf("--baseline-ref needs directories inside a git repository; %s is not one", p)
		}
		base, err := git(ctx, p, "merge-base", "HEAD", cfg.baselineRef)
		if err != nil {
			return nil, fmt.Errorf("--baseline-ref %s: %w", cfg.baselineRef, err)
		}
		prefix, err := git(ctx, p, "rev-parse", "--show-prefix")
		if err != nil {
			return nil, err
		}
		top, err := git(ctx, p, "rev-parse", "--show-toplevel")
		if err != nil {
			return nil, err
		}
		tree := strings.TrimSpace(base)
		if prefix = strings.TrimSpace(prefix); prefix != "" {
			tree += ":" + strings.TrimSuffix(prefix, "/")
		}
		data, err := gitBytes(ctx, strings.TrimSpace(top), "archive", "--format=zip", tree)
		if err != nil {
			return nil, fmt.Errorf("read %s at %s: %w", p, cfg.baselineRef, err)
		}
		in, err := input.FromZipBytes(p, data, input.Options{})
		if err != nil {
			return nil, err
		}
		inputs = append(inputs, in)
	}
	rep, err := scan.Run(ctx, opts, inputs)
	if err != nil {
		return nil, err
	}
	b := suppress.Baseline{}
	for _, f := range rep.Findings {
		b[f.Fingerprint] = true
	}
	return b, nil
}

func git(ctx context.Context, dir string, args ...string) (string, error) {
	out, err := gitBytes(ctx, dir, args...)
	return string(out), err
}

func gitBytes(ctx context.Context, dir string, args ...string) ([]byte, error) {
	cmd := exec.CommandContext(ctx, "git", append([]string{"-C", dir}, args...)...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("git %s: %v: %s", args[0], err, strings.TrimSpace(stderr.String()))
	}
	return out, nil
}
