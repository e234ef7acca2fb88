package report

import (
	"cmp"
	"encoding/json"
	"io"
	"time"

	"github.com/lambdascan/lambdascan/engine/finding"
)

// JSONSchemaVersion is the version of lambdascan's JSON output. It changes
// only when a field is removed or changes meaning.
const JSONSchemaVersion = "1"

// jsonReport is the JSON view of a finding.Report. Every list is written,
// empty as [], so consumers need no null checks.
type jsonReport struct {
	SchemaVersion string                 `json:"schemaVersion"`
	Tool          string                 `json:"tool"`
	Version       string                 `json:"version"`
	StartedAt     *time.Time             `json:"startedAt,omitempty"`
	Summary       jsonSummary            `json:"summary"`
	Inputs        []finding.InputSummary `json:"inputs"`
	Findings      []jsonFinding          `json:"findings"`
	Notifications []finding.Notification `json:"notifications"`
	Rules         []jsonRule             `json:"rules"`
	Packages      []finding.Package      `json:"packages"`
	Files         []finding.FileInfo     `json:"files"`
	Coverage      []finding.Coverage     `json:"coverage"`
	Stats         finding.Stats          `json:"stats"`
}

// jsonSummary counts findings. BySeverity and ByKind count unsuppressed
// findings only; Total counts all, Suppressed the suppressed ones.
type jsonSummary struct {
	Total      int            `json:"total"`
	Suppressed int            `json:"suppressed"`
	BySeverity jsonSeverities `json:"bySeverity"`
	ByKind     jsonKinds      `json:"byKind"`
}

type jsonSeverities struct {
	Critical int `json:"critical"`
	High     int `json:"high"`
	Medium   int `json:"medium"`
	Low      int `json:"low"`
	Info     int `json:"info"`
}

type jsonKinds struct {
	Code    int `json:"code"`
	Secret  int `json:"secret"`
	Package int `json:"package"`
	Config  int `json:"config"`
}

// jsonRule is a rule with its CWEs also spelt "CWE-78" and GitHub-style
// security severity, so consumers need not derive them.
type jsonRule struct {
	*finding.Rule
	CWEIDs           []string `json:"cweIds"`
	SecuritySeverity string   `json:"securitySeverity"`
}

// jsonFinding is a Finding with its rule's metadata attached (the Finding
// itself leaves Rule out of JSON) and secret-keyed properties removed.
type jsonFinding struct {
	finding.Finding
	Rule       jsonRule `json:"rule"`
	Suppressed bool     `json:"suppressed"`
}

func newJSONRule(r *finding.Rule) jsonRule {
	return jsonRule{Rule: r, CWEIDs: r.CWEIDs(), SecuritySeverity: r.Severity.SecuritySeverity()}
}

func newJSONFinding(f finding.Finding) jsonFinding {
	rule := ruleOf(&f)
	f.Properties = publicProperties(f.Properties)
	if f.Snippet != nil {
		s := *f.Snippet
		s.Lines = nonNil(s.Lines)
		f.Snippet = &s
	}
	if len(f.Fixes) > 0 {
		fixes := make([]finding.Fix, len(f.Fixes))
		for i, fx := range f.Fixes {
			fx.Edits = nonNil(fx.Edits)
			fixes[i] = fx
		}
		f.Fixes = fixes
	}
	return jsonFinding{Finding: f, Rule: newJSONRule(rule), Suppressed: f.Suppression != nil}
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

func writeJSON(w io.Writer, r *finding.Report, _ Options) error {
	c := countFindings(r.Findings)
	out := jsonReport{
		SchemaVersion: JSONSchemaVersion,
		Tool:          cmp.Or(r.ToolName, "lambdascan"),
		Version:       r.ToolVersion,
		Summary: jsonSummary{
			Total:      c.total,
			Suppressed: c.suppressed,
			BySeverity: jsonSeverities{
				Critical: c.bySeverity[finding.SeverityCritical],
				High:     c.bySeverity[finding.SeverityHigh],
				Medium:   c.bySeverity[finding.SeverityMedium],
				Low:      c.bySeverity[finding.SeverityLow],
				Info:     c.bySeverity[finding.SeverityInfo],
			},
			ByKind: jsonKinds{
				Code:    c.byKind[finding.KindCode],
				Secret:  c.byKind[finding.KindSecret],
				Package: c.byKind[finding.KindPackage],
				Config:  c.byKind[finding.KindConfig],
			},
		},
		Inputs:        nonNil(r.Inputs),
		Findings:      make([]jsonFinding, 0, len(r.Findings)),
		Notifications: nonNil(r.Notifications),
		Rules:         []jsonRule{},
		Packages:      nonNil(r.Packages),
		Files:         nonNil(r.Files),
		Coverage:      nonNil(r.Coverage),
		Stats:         r.Stats,
	}
	if !r.StartedAt.IsZero() {
		t := r.StartedAt.UTC()
		out.StartedAt = &t
	}
	for _, f := range r.Findings {
		out.Findings = append(out.Findings, newJSONFinding(f))
	}
	for _, rule := range allRules(r) {
		out.Rules = append(out.Rules, newJSONRule(rule))
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(out)
}
