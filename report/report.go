// Package report writes a finding.Report in the formats lambdascan offers
// (a terminal table, JSON, SARIF 2.1.0 for GitHub code scanning, CSV like
// Amazon Inspector's export, ASFF for AWS Security Hub and Amazon Inspector
// v2 finding JSON). It exists so that every output shares one view
// of a report: the same ordering, the same rule metadata, the same file
// URIs, and the same refusal to print anything a pass marked as secret.
// Writers never mutate the report they are given.
package report

import (
	"cmp"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/lambdascan/lambdascan/engine/finding"
	htmlreport "github.com/lambdascan/lambdascan/report/html"
)

func writeHTML(w io.Writer, r *finding.Report, opts Options) error {
	return htmlreport.Write(w, r, htmlreport.Options{ShowSuppressed: opts.ShowSuppressed})
}

// DefaultInformationURI is the tool's home page, used when
// Options.ToolInformationURI is empty.
const DefaultInformationURI = "https://github.com/lambdascan/lambdascan"

// Options tune the writers. The zero value is a sensible default for every
// format.
type Options struct {
	// Color turns on ANSI colours in the table. The CLI sets it only when
	// stdout is a terminal; no other format uses it.
	Color bool
	// ShowFixes makes the table print each fix's unified diff under its
	// finding.
	ShowFixes bool
	// ShowSuppressed makes the table list suppressed findings too (marked).
	// JSON, SARIF and CSV always keep suppressed findings, marked as such.
	ShowSuppressed bool
	// ExplainFiles makes the table print how every file was classified
	// (Report.Files) and why.
	ExplainFiles bool
	// SrcRoot is the directory the scanned inputs are relative to. When set,
	// SARIF declares it as %SRCROOT% in originalUriBaseIds and input names
	// below it are written relative to it.
	SrcRoot string
	// Category is the SARIF automationDetails.id, which GitHub code
	// scanning uses to keep several analyses of one commit apart.
	Category string
	// ToolInformationURI is the SARIF tool.driver.informationUri
	// (DefaultInformationURI when empty).
	ToolInformationURI string
	// AWSRegion is the region the asff and inspector formats use for a
	// finding whose properties and function ARN name none (the region the
	// findings will be imported into). DefaultAWSRegion when empty.
	AWSRegion string
}

// Format names accepted by Write.
const (
	FormatTable = "table"
	FormatJSON  = "json"
	FormatSARIF = "sarif"
	FormatCSV   = "csv"
	// FormatASFF is a Security Hub BatchImportFindings request body.
	FormatASFF = "asff"
	// FormatInspector is Amazon Inspector v2 ListFindings-shaped JSON.
	FormatInspector = "inspector"
	// FormatHTML is one self-contained, searchable HTML page.
	FormatHTML = "html"
)

type writerFunc func(w io.Writer, r *finding.Report, opts Options) error

var writers = map[string]writerFunc{
	FormatTable:     writeTable,
	FormatJSON:      writeJSON,
	FormatSARIF:     writeSARIF,
	FormatCSV:       writeCSV,
	FormatASFF:      writeASFF,
	FormatInspector: writeInspector,
	FormatHTML:      writeHTML,
}

// Formats lists the format names Write accepts, sorted.
func Formats() []string {
	out := make([]string, 0, len(writers))
	for k := range writers {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// FormatForPath guesses the format from an output file name, for `-o`
// without `--format`: ".sarif" (also ".sarif.json") is sarif, ".json" json,
// ".csv" csv, ".txt" table, ".html" html. ok is false for other names.
func FormatForPath(name string) (format string, ok bool) {
	lower := strings.ToLower(name)
	switch {
	case strings.HasSuffix(lower, ".sarif"), strings.HasSuffix(lower, ".sarif.json"):
		return FormatSARIF, true
	case strings.HasSuffix(lower, ".json"):
		return FormatJSON, true
	case strings.HasSuffix(lower, ".csv"):
		return FormatCSV, true
	case strings.HasSuffix(lower, ".txt"):
		return FormatTable, true
	case strings.HasSuffix(lower, ".html"), strings.HasSuffix(lower, ".htm"):
		return FormatHTML, true
	}
	return "", false
}

// Write writes r to w in the named format (see Formats). Output is
// deterministic: the writer works on a sorted copy of the report. A nil
// report is written as an empty one.
func Write(w io.Writer, format string, r *finding.Report, opts Options) error {
	fn, ok := writers[strings.ToLower(strings.TrimSpace(format))]
	if !ok {
		return fmt.Errorf("unknown report format %q (want one of %s)", format, strings.Join(Formats(), ", "))
	}
	if err := fn(w, r.SortedCopy(), opts); err != nil {
		return fmt.Errorf("write %s report: %w", format, err)
	}
	return nil
}

// isSecretKey reports whether a Finding.Properties key may hold a secret;
// writers never print such values.
func isSecretKey(k string) bool {
	return strings.Contains(strings.ToLower(k), "secret")
}

// publicProperties returns the properties writers may print, or nil.
func publicProperties(p map[string]string) map[string]string {
	var out map[string]string
	for k, v := range p {
		if isSecretKey(k) {
			continue
		}
		if out == nil {
			out = map[string]string{}
		}
		out[k] = v
	}
	return out
}

// property returns a printable property value ("" for secret keys).
func property(f *finding.Finding, key string) string {
	if isSecretKey(key) {
		return ""
	}
	return f.Properties[key]
}

// ruleOf returns the finding's rule, or a minimal one built from the
// finding when the pass attached none.
func ruleOf(f *finding.Finding) *finding.Rule {
	if f.Rule != nil {
		if f.Rule.ID == "" {
			r := *f.Rule
			r.ID = f.RuleID
			return &r
		}
		return f.Rule
	}
	title := f.Message
	if title == "" {
		title = f.RuleID
	}
	return &finding.Rule{
		ID:         f.RuleID,
		Title:      firstLine(title),
		Severity:   f.Severity,
		Confidence: f.Confidence,
	}
}

// allRules returns r.Rules plus every rule a finding refers to, one per id,
// sorted by id. A rule listed in r.Rules wins over a finding's copy.
func allRules(r *finding.Report) []*finding.Rule {
	seen := map[string]bool{}
	var out []*finding.Rule
	add := func(rule *finding.Rule) {
		if rule == nil || seen[rule.ID] {
			return
		}
		seen[rule.ID] = true
		out = append(out, rule)
	}
	for _, rule := range r.Rules {
		add(rule)
	}
	for i := range r.Findings {
		add(ruleOf(&r.Findings[i]))
	}
	slices.SortStableFunc(out, func(a, b *finding.Rule) int { return cmp.Compare(a.ID, b.ID) })
	return out
}

// firstLine returns s up to its first line break.
func firstLine(s string) string {
	if i := strings.IndexAny(s, "\r\n"); i >= 0 {
		return s[:i]
	}
	return s
}

// cweTag is GitHub's tag for a CWE: "external/cwe/cwe-078".
func cweTag(id int) string { return fmt.Sprintf("external/cwe/cwe-%03d", id) }

// cweList joins a rule's CWEs as "CWE-78; CWE-89".
func cweList(r *finding.Rule) string {
	if r == nil {
		return ""
	}
	return strings.Join(r.CWEIDs(), "; ")
}

// counts tallies unsuppressed findings by severity and kind.
type counts struct {
	bySeverity [finding.SeverityCritical + 1]int
	byKind     map[finding.Kind]int
	suppressed int
	total      int
}

func countFindings(fs []finding.Finding) counts {
	c := counts{byKind: map[finding.Kind]int{}}
	for i := range fs {
		f := &fs[i]
		c.total++
		if f.Suppression != nil {
			c.suppressed++
			continue
		}
		if f.Severity >= 0 && f.Severity <= finding.SeverityCritical {
			c.bySeverity[f.Severity]++
		}
		c.byKind[f.Kind]++
	}
	return c
}
