// Package config reads .lambdascan.yaml, the per-repository settings file:
// which scanners and rules run, which files are scanned, when the scan
// fails, and which findings are accepted (suppressions with reasons and
// expiry dates). Unknown keys are errors that name the key, so a typo never
// silently turns a setting off.
package config

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/lambdascan/lambdascan/engine/finding"
	"github.com/lambdascan/lambdascan/engine/suppress"
)

// FileName is the name searched for from the scanned root upwards.
const FileName = ".lambdascan.yaml"

// Config is the content of a .lambdascan.yaml file.
type Config struct {
	// Scanners lists the passes to run (code, secrets, deps).
	Scanners []string `yaml:"scanners"`
	// Include and Exclude are doublestar globs on paths inside each input.
	Include []string `yaml:"include"`
	Exclude []string `yaml:"exclude"`
	// FailOn is the lowest severity that makes the scan exit 1, or "none".
	FailOn string `yaml:"fail-on"`
	// Rules selects rules and adds rule folders.
	Rules RuleSelection `yaml:"rules"`
	// DB is the vulnerability database folder.
	DB string `yaml:"db"`
	// Suppressions accept findings, each with a reason.
	Suppressions []suppress.Rule `yaml:"suppressions"`
	// InlineIgnores turns inline lambdascan:ignore comments on or off
	// (default on).
	InlineIgnores *bool `yaml:"inline-ignores"`

	// Path is the file the config was read from.
	Path string `yaml:"-"`
}

// RuleSelection picks rules by id, tag or severity.
type RuleSelection struct {
	// Enable, when not empty, keeps only rules whose id or tags match an
	// entry (ids may end in * for a prefix).
	Enable []string `yaml:"enable"`
	// Disable drops rules whose id or tags match an entry.
	Disable []string `yaml:"disable"`
	// MinSeverity drops rules below this severity.
	MinSeverity string `yaml:"min-severity"`
	// Paths are extra rule folders, relative to the config file.
	Paths []string `yaml:"paths"`
}

// Selects reports whether the selection keeps a rule.
func (s RuleSelection) Selects(r *finding.Rule) bool {
	match := func(sel string) bool {
		if p, ok := strings.CutSuffix(sel, "*"); ok && strings.HasPrefix(r.ID, p) {
			return true
		}
		return sel == r.ID || slices.Contains(r.Tags, sel)
	}
	if len(s.Enable) > 0 && !slices.ContainsFunc(s.Enable, match) {
		return false
	}
	if slices.ContainsFunc(s.Disable, match) {
		return false
	}
	if s.MinSeverity != "" {
		min, err := finding.ParseSeverity(s.MinSeverity)
		if err == nil && r.Severity < min {
			return false
		}
	}
	return true
}

// ErrNotFound is returned by Find when no config file exists.
var ErrNotFound = errors.New("no " + FileName + " found")

// Find looks for .lambdascan.yaml in dir and its parents.
func Find(dir string) (string, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	if st, err := os.Stat(abs); err == nil && !st.IsDir() {
		abs = filepath.Dir(abs)
	}
	for {
		p := filepath.Join(abs, FileName)
		if _, err := os.Stat(p); err == nil {
			return p, nil
		}
		parent := filepath.Dir(abs)
		if parent == abs {
			return "", ErrNotFound
		}
		abs = parent
	}
}

// Load reads and validates a config file.
func Load(path string) (*Config, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read config: %w", err)
	}
	return Parse(path, data)
}

// Parse reads a config from bytes; path is used in messages and to resolve
// relative rule folders.
func Parse(path string, data []byte) (*Config, error) {
	var cfg Config
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&cfg); err != nil && !errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("%s: %s", path, friendlyYAMLError(err))
	}
	cfg.Path = path
	// Record where each suppression was written, for audit trails.
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err == nil && len(root.Content) > 0 {
		if sup := mapValue(root.Content[0], "suppressions"); sup != nil {
			for i, n := range sup.Content {
				if i < len(cfg.Suppressions) {
					cfg.Suppressions[i].Source = fmt.Sprintf("%s:%d", path, n.Line)
				}
			}
		}
	}
	if err := cfg.validate(); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	for i, p := range cfg.Rules.Paths {
		if !filepath.IsAbs(p) {
			cfg.Rules.Paths[i] = filepath.Join(filepath.Dir(path), p)
		}
	}
	return &cfg, nil
}

func mapValue(n *yaml.Node, key string) *yaml.Node {
	if n.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			return n.Content[i+1]
		}
	}
	return nil
}

// friendlyYAMLError rewrites yaml.v3's "field x not found in type
// config.Config" as "unknown key \"x\"".
func friendlyYAMLError(err error) string {
	msg := err.Error()
	msg = strings.TrimPrefix(msg, "yaml: unmarshal errors:\n")
	var out []string
	for _, line := range strings.Split(msg, "\n") {
		line = strings.TrimSpace(line)
		if i := strings.Index(line, "field "); i >= 0 && strings.Contains(line, " not found in type ") {
			key := strings.TrimSpace(line[i+len("field ") : strings.Index(line, " not found in type ")])
			line = strings.TrimSpace(line[:i]) + " unknown key \"" + key + "\""
		}
		out = append(out, line)
	}
	return strings.Join(out, "; ")
}

var scannerNames = []string{"code", "secrets", "deps"}

func (c *Config) validate() error {
	for _, s := range c.Scanners {
		if !slices.Contains(scannerNames, s) {
			return fmt.Errorf("scanners: unknown scanner %q (want %s)", s, strings.Join(scannerNames, ", "))
		}
	}
	if c.FailOn != "" && c.FailOn != "none" {
		if _, err := finding.ParseSeverity(c.FailOn); err != nil {
			return fmt.Errorf("fail-on: %w", err)
		}
	}
	if c.Rules.MinSeverity != "" {
		if _, err := finding.ParseSeverity(c.Rules.MinSeverity); err != nil {
			return fmt.Errorf("rules.min-severity: %w", err)
		}
	}
	for i := range c.Suppressions {
		if err := c.Suppressions[i].Validate(); err != nil {
			return fmt.Errorf("suppressions[%d] (%s): %w", i, c.Suppressions[i].Source, err)
		}
	}
	return nil
}
