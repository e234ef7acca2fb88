package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/lambdascan/lambdascan/engine/finding"
	"github.com/lambdascan/lambdascan/engine/input"
	"github.com/lambdascan/lambdascan/engine/scan"
)

const corpusDir = "../../testdata/corpus"

// corpusEntry is one labelled line of the corpus manifest.
type corpusEntry struct {
	File   string `yaml:"file"`
	Line   int    `yaml:"line"`
	CWE    int    `yaml:"cwe"`
	Family string `yaml:"family"`
	Label  string `yaml:"label"`
	Note   string `yaml:"note"`
}

type familyScore struct {
	vulnerable, found, safe, falsePos int
	misses, fps                       []string
}

// TestCorpus measures recall and false positives of the code and secrets
// passes on the labelled corpus, per language and family. It fails only on
// a malformed manifest; the figures are the point (run with -v).
func TestCorpus(t *testing.T) {
	langs, _ := os.ReadDir(corpusDir)
	ran := false
	for _, l := range langs {
		manifest := filepath.Join(corpusDir, l.Name(), "manifest.yaml")
		if _, err := os.Stat(manifest); err != nil {
			continue
		}
		ran = true
		t.Run(l.Name(), func(t *testing.T) { scoreCorpus(t, l.Name(), manifest) })
	}
	if !ran {
		t.Skip("no corpus manifests yet")
	}
}

func scoreCorpus(t *testing.T, lang, manifest string) {
	data, err := os.ReadFile(manifest)
	if err != nil {
		t.Fatal(err)
	}
	var entries []corpusEntry
	if err := yaml.Unmarshal(data, &entries); err != nil {
		t.Fatalf("%s: %v", manifest, err)
	}
	root := filepath.Join(corpusDir, lang)
	for _, e := range entries {
		if e.Label != "vulnerable" && e.Label != "safe" {
			t.Fatalf("%s: %s:%d: label %q is not vulnerable or safe", manifest, e.File, e.Line, e.Label)
		}
		src, err := os.ReadFile(filepath.Join(root, e.File))
		if err != nil {
			t.Fatalf("%s: %v", manifest, err)
		}
		lines := strings.Split(string(src), "\n")
		if e.Line < 1 || e.Line > len(lines) || strings.TrimSpace(lines[e.Line-1]) == "" {
			t.Fatalf("%s: %s:%d is not a line of code", manifest, e.File, e.Line)
		}
	}

	cfg := &scanConfig{scanners: []string{"code", "secrets"}, maxFileSize: 10 << 20}
	passes, masker, closeAll, err := buildPasses(context.Background(), cfg, os.Stderr)
	if err != nil {
		t.Fatal(err)
	}
	defer closeAll()
	in, err := input.Open(root, input.Options{})
	if err != nil {
		t.Fatal(err)
	}
	rep, err := scan.Run(context.Background(), scan.Options{Passes: passes, Masker: masker}, []*input.Input{in})
	if err != nil {
		t.Fatal(err)
	}

	type key struct {
		file string
		line int
	}
	byLine := map[key][]*finding.Finding{}
	for i := range rep.Findings {
		f := &rep.Findings[i]
		byLine[key{f.Location.Path, f.Location.StartLine}] = append(byLine[key{f.Location.Path, f.Location.StartLine}], f)
	}
	hasCWE := func(fs []*finding.Finding, cwe int) bool {
		return slices.ContainsFunc(fs, func(f *finding.Finding) bool { return f.Rule != nil && slices.Contains(f.Rule.CWE, cwe) })
	}
	scores := map[string]*familyScore{}
	labelled := map[key]bool{}
	for _, e := range entries {
		s := scores[e.Family]
		if s == nil {
			s = &familyScore{}
			scores[e.Family] = s
		}
		k := key{e.File, e.Line}
		labelled[k] = true
		hit := hasCWE(byLine[k], e.CWE)
		desc := fmt.Sprintf("%s:%d CWE-%d %s", e.File, e.Line, e.CWE, e.Note)
		if e.Label == "vulnerable" {
			s.vulnerable++
			if hit {
				s.found++
			} else {
				s.misses = append(s.misses, desc)
			}
		} else {
			s.safe++
			if hit {
				s.falsePos++
				s.fps = append(s.fps, desc)
			}
		}
	}
	var unlabelled []string
	for k, fs := range byLine {
		if !labelled[k] {
			for _, f := range fs {
				unlabelled = append(unlabelled, fmt.Sprintf("%s:%d %s", k.file, k.line, f.RuleID))
			}
		}
	}
	sort.Strings(unlabelled)

	families := make([]string, 0, len(scores))
	for f := range scores {
		families = append(families, f)
	}
	sort.Strings(families)
	var b strings.Builder
	fmt.Fprintf(&b, "\n%-12s %-16s %10s %8s %10s %6s\n", "language", "family", "vulnerable", "found", "recall", "FP")
	tv, tf, tfp := 0, 0, 0
	for _, fam := range families {
		s := scores[fam]
		tv, tf, tfp = tv+s.vulnerable, tf+s.found, tfp+s.falsePos
		fmt.Fprintf(&b, "%-12s %-16s %10d %8d %9.0f%% %3d/%-3d\n", lang, fam, s.vulnerable, s.found, pct(s.found, s.vulnerable), s.falsePos, s.safe)
	}
	fmt.Fprintf(&b, "%-12s %-16s %10d %8d %9.0f%% %6d\n", lang, "ALL", tv, tf, pct(tf, tv), tfp)
	for _, fam := range families {
		for _, m := range scores[fam].misses {
			fmt.Fprintf(&b, "  miss [%s] %s\n", fam, m)
		}
		for _, m := range scores[fam].fps {
			fmt.Fprintf(&b, "  false positive [%s] %s\n", fam, m)
		}
	}
	for _, u := range unlabelled {
		fmt.Fprintf(&b, "  unlabelled finding %s\n", u)
	}
	t.Log(b.String())
}

func pct(a, b int) float64 {
	if b == 0 {
		return 100
	}
	return 100 * float64(a) / float64(b)
}
