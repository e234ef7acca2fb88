package report

import (
	"encoding/csv"
	"io"
	"strconv"
	"strings"

	"github.com/lambdascan/lambdascan/engine/finding"
	"github.com/lambdascan/lambdascan/report/internal/locate"
)

// csvHeader lists the CSV columns, modelled on Amazon Inspector's findings
// export so spreadsheets built for one read the other.
var csvHeader = []string{
	"Severity", "Title", "Rule ID", "Type", "Message", "Confidence",
	"Input", "File", "Start Line", "End Line", "CWE",
	"Package", "Ecosystem", "Installed Version", "Fixed Version", "Fix Available",
	"Vulnerability ID", "Aliases", "CVSS Score", "Score",
	"Function", "Layer", "Remediation", "Fingerprint", "Suppressed", "Suppression Justification",
}

func writeCSV(w io.Writer, r *finding.Report, opts Options) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(csvHeader); err != nil {
		return err
	}
	loc := locate.New(r, opts.SrcRoot)
	for i := range r.Findings {
		if err := cw.Write(csvRow(&r.Findings[i], loc)); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

func csvRow(f *finding.Finding, loc locate.Locator) []string {
	rule := ruleOf(f)
	var pkg, eco, installed, fixed, fixAvail, vulnID, aliases, cvss string
	if p := f.Package; p != nil {
		pkg, eco, installed = p.Name, p.Ecosystem, p.Version
	}
	if v := f.Vulnerability; v != nil {
		fixed, vulnID = v.FixedVersion, v.ID
		fixAvail = strconv.FormatBool(v.FixAvailable)
		aliases = strings.Join(v.Aliases, "; ")
		if v.CVSSScore != 0 {
			cvss = strconv.FormatFloat(v.CVSSScore, 'f', -1, 64)
		}
	}
	var score string
	if f.Score != 0 {
		score = strconv.FormatFloat(f.Score, 'f', -1, 64)
	}
	fn := f.Function
	if fn == "" {
		fn = property(f, "functionArn")
	}
	layer := f.Layer
	if layer == "" {
		layer = property(f, "layerArn")
	}
	suppressed, justification := "false", ""
	if f.Suppression != nil {
		suppressed, justification = "true", f.Suppression.Justification
	}
	row := []string{
		strings.ToUpper(f.Severity.String()), rule.Title, f.RuleID, string(f.Kind), f.Message, f.Confidence.String(),
		loc.InputName(f.Location.Input), loc.Display(f.Location.Input, f.Location.Path),
		lineNum(f.Location.StartLine), lineNum(f.Location.EndLine), cweList(rule),
		pkg, eco, installed, fixed, fixAvail,
		vulnID, aliases, cvss, score,
		fn, layer, rule.Remediation, f.Fingerprint, suppressed, justification,
	}
	for i, cell := range row {
		row[i] = csvSafe(cell)
	}
	return row
}

func lineNum(n int) string {
	if n <= 0 {
		return ""
	}
	return strconv.Itoa(n)
}

// csvSafe defuses spreadsheet formula injection: a cell that a spreadsheet
// would evaluate (starting with = + - @, or a tab or carriage return that
// can hide one) gets a leading apostrophe, as OWASP recommends.
func csvSafe(s string) string {
	if s == "" {
		return s
	}
	switch s[0] {
	case '=', '+', '-', '@', '\t', '\r':
		return "'" + s
	}
	return s
}
