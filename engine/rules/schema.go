// Package rules loads detectors written as data (YAML rule files with code
// patterns of the target language), compiles them, runs them over files as
// the "code" scan pass, and tests them against their annotated test files.
//
// It exists so that adding a detector touches one rule file and one test
// file, and so users can bring their own rules (--rules DIR) without
// recompiling. See Load for the schema.
package rules

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/lambdascan/lambdascan/engine/finding"
	"github.com/lambdascan/lambdascan/engine/parse"
	"github.com/lambdascan/lambdascan/fixes"
)

// yamlError is an error at a position of a rule file.
type yamlError struct {
	file      string
	line, col int
	msg       string
}

func (e *yamlError) Error() string {
	if e.line > 0 {
		return fmt.Sprintf("%s:%d:%d: %s", e.file, e.line, e.col, e.msg)
	}
	return e.file + ": " + e.msg
}

type decoder struct {
	file string
	errs []error
}

func (d *decoder) errorf(n *yaml.Node, format string, args ...any) {
	e := &yamlError{file: d.file, msg: fmt.Sprintf(format, args...)}
	if n != nil {
		e.line, e.col = n.Line, n.Column
	}
	d.errs = append(d.errs, e)
}

// fields returns a mapping's key/value pairs, reporting unknown keys and
// duplicates. allowed lists the known keys.
func (d *decoder) fields(n *yaml.Node, what string, allowed ...string) map[string]*yaml.Node {
	out := map[string]*yaml.Node{}
	if n.Kind != yaml.MappingNode {
		d.errorf(n, "%s must be a mapping", what)
		return out
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if !slices.Contains(allowed, k.Value) {
			d.errorf(k, "unknown key %q in %s (known: %s)", k.Value, what, strings.Join(allowed, ", "))
			continue
		}
		if _, dup := out[k.Value]; dup {
			d.errorf(k, "duplicate key %q in %s", k.Value, what)
			continue
		}
		out[k.Value] = v
	}
	return out
}

func (d *decoder) str(n *yaml.Node, what string) string {
	if n == nil {
		return ""
	}
	if n.Kind != yaml.ScalarNode {
		d.errorf(n, "%s must be a string", what)
		return ""
	}
	return n.Value
}

func (d *decoder) strs(n *yaml.Node, what string) []string {
	if n == nil {
		return nil
	}
	if n.Kind == yaml.ScalarNode {
		return []string{n.Value}
	}
	if n.Kind != yaml.SequenceNode {
		d.errorf(n, "%s must be a list of strings", what)
		return nil
	}
	var out []string
	for _, c := range n.Content {
		if c.Kind != yaml.ScalarNode {
			d.errorf(c, "%s must be a list of strings", what)
			continue
		}
		out = append(out, c.Value)
	}
	return out
}

func (d *decoder) ints(n *yaml.Node, what string) []int {
	if n == nil {
		return nil
	}
	var out []int
	items := n.Content
	if n.Kind == yaml.ScalarNode {
		items = []*yaml.Node{n}
	} else if n.Kind != yaml.SequenceNode {
		d.errorf(n, "%s must be a list of integers", what)
		return nil
	}
	for _, c := range items {
		var v int
		if c.Kind != yaml.ScalarNode || c.Decode(&v) != nil || v <= 0 {
			d.errorf(c, "%s must be a list of positive integers (e.g. [78]), got %q", what, c.Value)
			continue
		}
		out = append(out, v)
	}
	return out
}

var idRe = regexp.MustCompile(`^[a-z0-9][a-z0-9._-]*$`)

// ruleKeys are the keys a rule may have.
var ruleKeys = []string{"id", "title", "message", "description", "severity", "confidence", "languages",
	"cwe", "owasp", "tags", "references", "remediation", "fix", "fix-function", "mode",
	"pattern", "patterns", "pattern-either",
	"pattern-sources", "pattern-sinks", "pattern-sanitizers", "pattern-propagators"}

// decodeRule reads one rule mapping. Patterns are compiled later.
func (d *decoder) decodeRule(n *yaml.Node) *Rule {
	f := d.fields(n, "rule", ruleKeys...)
	nerr := len(d.errs)
	r := &Rule{Meta: &finding.Rule{}, File: d.file, Line: n.Line}
	need := func(key string) *yaml.Node {
		v := f[key]
		if v == nil {
			d.errorf(n, "rule is missing %q", key)
		}
		return v
	}
	if v := need("id"); v != nil {
		r.Meta.ID = d.str(v, "id")
		if r.Meta.ID != "" && !idRe.MatchString(r.Meta.ID) {
			d.errorf(v, "id %q: use lower-case letters, digits, '.', '_' and '-'", r.Meta.ID)
		}
	}
	if v := need("title"); v != nil {
		r.Meta.Title = d.str(v, "title")
	}
	if v := need("message"); v != nil {
		r.Message = strings.TrimSpace(d.str(v, "message"))
	}
	r.Meta.Description = strings.TrimSpace(d.str(f["description"], "description"))
	if v := need("severity"); v != nil {
		s, err := finding.ParseSeverity(d.str(v, "severity"))
		if err != nil {
			d.errorf(v, "%v", err)
		}
		r.Meta.Severity = s
	}
	r.Meta.Confidence = finding.ConfidenceMedium
	if v := f["confidence"]; v != nil {
		c, err := finding.ParseConfidence(d.str(v, "confidence"))
		if err != nil {
			d.errorf(v, "%v", err)
		}
		r.Meta.Confidence = c
	}
	if v := need("languages"); v != nil {
		for _, l := range d.strs(v, "languages") {
			lang, ok := languageNames[strings.ToLower(l)]
			if !ok {
				d.errorf(v, "unknown language %q (want python, javascript, typescript or java)", l)
				continue
			}
			if !slices.Contains(r.Languages, lang) {
				r.Languages = append(r.Languages, lang)
			}
			if !slices.Contains(r.Meta.Languages, string(lang)) {
				r.Meta.Languages = append(r.Meta.Languages, string(lang))
			}
		}
		if len(r.Languages) == 0 && len(d.errs) == nerr {
			d.errorf(v, "languages is empty")
		}
	}
	r.Meta.CWE = d.ints(f["cwe"], "cwe")
	r.Meta.OWASP = d.strs(f["owasp"], "owasp")
	r.Meta.Tags = d.strs(f["tags"], "tags")
	r.Meta.References = d.strs(f["references"], "references")
	r.Meta.Remediation = strings.TrimSpace(d.str(f["remediation"], "remediation"))
	if v := f["fix"]; v != nil {
		r.Fix = d.str(v, "fix")
		r.HasFix = true
	}
	if v := f["fix-function"]; v != nil {
		r.FixFunc = d.str(v, "fix-function")
		if !fixes.Known(r.FixFunc) {
			d.errorf(v, "unknown fix-function %q (known: %s)", r.FixFunc, strings.Join(fixes.Names(), ", "))
		}
	}
	r.Mode = "search"
	if v := f["mode"]; v != nil {
		r.Mode = d.str(v, "mode")
		if r.Mode != "search" && r.Mode != "taint" {
			d.errorf(v, "mode must be search or taint, got %q", r.Mode)
		}
	}
	var matchers []string
	for _, k := range []string{"pattern", "patterns", "pattern-either"} {
		if f[k] != nil {
			matchers = append(matchers, k)
		}
	}
	taintKeys := []string{"pattern-sources", "pattern-sinks", "pattern-sanitizers", "pattern-propagators"}
	switch r.Mode {
	case "search":
		for _, k := range taintKeys {
			if f[k] != nil {
				d.errorf(f[k], "%s needs mode: taint", k)
			}
		}
		switch len(matchers) {
		case 0:
			d.errorf(n, "rule needs one of pattern, patterns or pattern-either")
		case 1:
			r.search = d.formula(matchers[0], f[matchers[0]])
		default:
			d.errorf(f[matchers[1]], "rule has both %s and %s: use one (combine them under patterns)", matchers[0], matchers[1])
		}
	case "taint":
		for _, k := range matchers {
			d.errorf(f[k], "%s is not used in taint mode (use pattern-sources and pattern-sinks)", k)
		}
		r.taint = d.taintSpec(n, f)
	}
	return r
}

var languageNames = map[string]parse.Language{
	"python": parse.Python, "py": parse.Python,
	"javascript": parse.JavaScript, "js": parse.JavaScript, "typescript": parse.JavaScript, "ts": parse.JavaScript,
	"java": parse.Java,
}
