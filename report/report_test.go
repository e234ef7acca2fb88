package report

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"html"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/lambdascan/lambdascan/engine/finding"
)

func TestGolden(t *testing.T) {
	tests := []struct {
		name   string
		format string
		report func() *finding.Report
		opts   Options
	}{
		{"table.txt", FormatTable, realisticReport, Options{}},
		{"table-all.txt", FormatTable, realisticReport, Options{ShowFixes: true, ShowSuppressed: true, ExplainFiles: true}},
		{"table-color.txt", FormatTable, realisticReport, Options{Color: true, ShowFixes: true}},
		{"table-single.txt", FormatTable, singleInputReport, Options{}},
		{"table-empty.txt", FormatTable, func() *finding.Report { return nil }, Options{}},
		{"report.json", FormatJSON, realisticReport, Options{}},
		{"empty.json", FormatJSON, func() *finding.Report { return nil }, Options{}},
		{"report.sarif", FormatSARIF, realisticReport, Options{Category: "lambdascan/orders-api/", ToolInformationURI: "https://lambdascan.example/docs"}},
		{"single.sarif", FormatSARIF, singleInputReport, Options{SrcRoot: "/home/ci/orders-api"}},
		{"empty.sarif", FormatSARIF, func() *finding.Report { return nil }, Options{}},
		{"report.csv", FormatCSV, realisticReport, Options{}},
		{"empty.csv", FormatCSV, func() *finding.Report { return nil }, Options{}},
		{"report.asff.json", FormatASFF, realisticReport, Options{}},
		{"report.inspector.json", FormatInspector, realisticReport, Options{AWSRegion: "eu-central-1"}},
		{"empty.asff.json", FormatASFF, func() *finding.Report { return nil }, Options{}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			golden(t, tc.name, render(t, tc.format, tc.report(), tc.opts))
		})
	}
}

func TestFormats(t *testing.T) {
	if diff := cmp.Diff([]string{"asff", "csv", "html", "inspector", "json", "sarif", "table"}, Formats()); diff != "" {
		t.Errorf("Formats() (-want +got):\n%s", diff)
	}
	err := Write(&bytes.Buffer{}, "xml", realisticReport(), Options{})
	if err == nil || !strings.Contains(err.Error(), `unknown report format "xml"`) {
		t.Errorf("Write(xml) error = %v, want unknown format", err)
	}
	for _, f := range []string{"SARIF", " json "} {
		if err := Write(&bytes.Buffer{}, f, realisticReport(), Options{}); err != nil {
			t.Errorf("Write(%q): %v", f, err)
		}
	}
}

// allOptions are option sets every writer is run with in the cross-format
// tests.
var allOptions = []Options{
	{},
	{Color: true, ShowFixes: true, ShowSuppressed: true, ExplainFiles: true, SrcRoot: "/src", Category: "c"},
}

func TestDeterministicAndNoMutation(t *testing.T) {
	for _, format := range Formats() {
		t.Run(format, func(t *testing.T) {
			r := realisticReport()
			before := realisticReport()
			first := render(t, format, r, allOptions[1])
			if diff := cmp.Diff(before, r); diff != "" {
				t.Fatalf("Write changed the report (-before +after):\n%s", diff)
			}
			// Same findings in another order give the same bytes.
			shuffled := realisticReport()
			slices.Reverse(shuffled.Findings)
			slices.Reverse(shuffled.Notifications)
			slices.Reverse(shuffled.Rules)
			if diff := cmp.Diff(string(first), string(render(t, format, shuffled, allOptions[1]))); diff != "" {
				t.Errorf("output depends on input order (-first +shuffled):\n%s", diff)
			}
		})
	}
}

// TestSecretsNeverPrinted: values under a Finding.Properties key containing
// "secret" never appear, in any format; masked snippets appear as given.
func TestSecretsNeverPrinted(t *testing.T) {
	for _, format := range Formats() {
		for i, opts := range allOptions {
			t.Run(format+"/"+strconv.Itoa(i), func(t *testing.T) {
				out := string(render(t, format, realisticReport(), opts))
				if strings.Contains(out, hiddenSecret) {
					t.Errorf("%s output prints a secret-keyed property value", format)
				}
				for _, k := range []string{"secretHint", "SecretSHA256"} {
					if strings.Contains(out, k) {
						t.Errorf("%s output names secret-keyed property %q", format, k)
					}
				}
				switch format {
				case FormatCSV, FormatASFF, FormatInspector:
					return // these formats carry no snippets
				}
				if !strings.Contains(out, jsonOrRaw(format, maskedLine)) {
					t.Errorf("%s output lacks the masked snippet line %q as given", format, maskedLine)
				}
			})
		}
	}
}

// jsonOrRaw returns s as it appears in the given format's output.
func jsonOrRaw(format, s string) string {
	if format == FormatJSON || format == FormatSARIF {
		b, _ := json.Marshal(s)
		return string(b[1 : len(b)-1])
	}
	if format == FormatHTML {
		return html.EscapeString(s)
	}
	return s
}

func TestTableColor(t *testing.T) {
	tests := []struct {
		name     string
		opts     Options
		wantANSI bool
	}{
		{"off", Options{}, false},
		{"off with everything shown", Options{ShowFixes: true, ShowSuppressed: true, ExplainFiles: true}, false},
		{"on", Options{Color: true}, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out := string(render(t, FormatTable, realisticReport(), tc.opts))
			// The fixture's Java snippet holds raw escape sequences: they
			// must be shown escaped, never sent to the terminal.
			if !strings.Contains(out, `\x1b[31mred\x1b[0m`) {
				t.Errorf("escape sequence from scanned code not shown escaped:\n%s", out)
			}
			if got := strings.Contains(out, "\x1b"); got != tc.wantANSI {
				t.Errorf("output contains ESC = %v, want %v:\n%q", got, tc.wantANSI, out)
			}
		})
	}
}

func TestTableSuppressed(t *testing.T) {
	tests := []struct {
		name string
		opts Options
		want bool
	}{
		{"hidden by default", Options{}, false},
		{"shown when asked", Options{ShowSuppressed: true}, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out := string(render(t, FormatTable, realisticReport(), tc.opts))
			if got := strings.Contains(out, ruleWeakHash.ID); got != tc.want {
				t.Errorf("suppressed finding shown = %v, want %v:\n%s", got, tc.want, out)
			}
			if !strings.Contains(out, "(1 suppressed") {
				t.Errorf("summary does not count the suppressed finding:\n%s", out)
			}
		})
	}
}

func TestTableSummaryCounts(t *testing.T) {
	out := string(render(t, FormatTable, realisticReport(), Options{}))
	want := "Summary: 5 findings: 1 critical, 2 high, 1 medium, 1 low, 0 info (1 suppressed, not shown); 3 notifications"
	if !strings.Contains(out, want) {
		t.Errorf("summary line missing %q in:\n%s", want, out)
	}
}

func TestJSON(t *testing.T) {
	raw := render(t, FormatJSON, realisticReport(), Options{})
	var got struct {
		Summary  jsonSummary
		Findings []struct {
			RuleID      string `json:"ruleId"`
			Suppressed  bool   `json:"suppressed"`
			Suppression *finding.Suppression
			Rule        struct {
				ID          string   `json:"id"`
				Title       string   `json:"title"`
				CWE         []int    `json:"cwe"`
				CWEIDs      []string `json:"cweIds"`
				References  []string `json:"references"`
				Remediation string   `json:"remediation"`
			} `json:"rule"`
			Fixes []finding.Fix `json:"fixes"`
		}
		Rules []struct {
			ID string `json:"id"`
		}
	}
	if err := json.Unmarshal(raw, &got); err != nil {
		t.Fatal(err)
	}
	wantSummary := jsonSummary{
		Total: 6, Suppressed: 1,
		BySeverity: jsonSeverities{Critical: 1, High: 2, Medium: 1, Low: 1},
		ByKind:     jsonKinds{Code: 2, Secret: 1, Package: 1, Config: 1},
	}
	if diff := cmp.Diff(wantSummary, got.Summary); diff != "" {
		t.Errorf("summary (-want +got):\n%s", diff)
	}
	byID := map[string]int{}
	for i, f := range got.Findings {
		byID[f.RuleID] = i
	}
	sqli := got.Findings[byID[ruleSQLi.ID]]
	if sqli.Rule.Title != ruleSQLi.Title || sqli.Rule.Remediation != ruleSQLi.Remediation ||
		!slices.Equal(sqli.Rule.References, ruleSQLi.References) || !slices.Equal(sqli.Rule.CWEIDs, []string{"CWE-89"}) {
		t.Errorf("SQLi finding lacks its rule metadata: %+v", sqli.Rule)
	}
	if len(sqli.Fixes) != 1 || len(sqli.Fixes[0].Edits) != 1 || !strings.Contains(sqli.Fixes[0].Diff, "+++ b/src/app.py") {
		t.Errorf("SQLi fix lacks edits or diff: %+v", sqli.Fixes)
	}
	if cfg := got.Findings[byID["lambda.config.deprecated-runtime"]]; cfg.Rule.ID != "lambda.config.deprecated-runtime" || cfg.Rule.Title == "" {
		t.Errorf("finding without Rule got no minimal rule: %+v", cfg.Rule)
	}
	if wh := got.Findings[byID[ruleWeakHash.ID]]; !wh.Suppressed || wh.Suppression == nil || wh.Suppression.Kind != "inSource" {
		t.Errorf("suppressed finding not marked: %+v", wh)
	}
	var ids []string
	for _, r := range got.Rules {
		ids = append(ids, r.ID)
	}
	wantIDs := []string{"GHSA-x84v-xcm2-53pg", "java.lang.unsafe-deserialization", "lambda.config.deprecated-runtime",
		"python.crypto.weak-hash", "python.lambda.command-injection", "python.lambda.sql-injection", "secrets.aws-access-key"}
	if diff := cmp.Diff(wantIDs, ids); diff != "" {
		t.Errorf("rules (-want +got):\n%s", diff)
	}
}

// TestJSONEmptyLists: an empty report has [] for every list, never null.
func TestJSONEmptyLists(t *testing.T) {
	for _, r := range []*finding.Report{nil, {}, {Findings: []finding.Finding{{RuleID: "x", Snippet: &finding.Snippet{}, Fixes: []finding.Fix{{}}}}}} {
		raw := render(t, FormatJSON, r, Options{})
		if bytes.Contains(raw, []byte("null")) {
			t.Errorf("JSON output has null:\n%s", raw)
		}
	}
}

func TestCSV(t *testing.T) {
	raw := render(t, FormatCSV, realisticReport(), Options{})
	rows, err := csv.NewReader(bytes.NewReader(raw)).ReadAll()
	if err != nil {
		t.Fatalf("output is not CSV: %v", err)
	}
	if diff := cmp.Diff(csvHeader, rows[0]); diff != "" {
		t.Errorf("header (-want +got):\n%s", diff)
	}
	if len(rows) != 1+6 {
		t.Fatalf("got %d rows, want header + 6 findings", len(rows))
	}
	col := map[string]int{}
	for i, h := range rows[0] {
		col[h] = i
	}
	found := false
	for _, row := range rows[1:] {
		for _, cell := range row {
			if cell != "" && strings.ContainsRune("=+-@", rune(cell[0])) {
				t.Errorf("cell %q starts with a formula character", cell)
			}
		}
		if row[col["Rule ID"]] == ruleDeser.ID {
			found = true
			if got, want := row[col["Message"]], "'"+formulaMessage; got != want {
				t.Errorf("formula message = %q, want %q", got, want)
			}
			if got, want := row[col["File"]], "fn.zip/lib/my app.jar!/com/example/Handler.java"; got != want {
				t.Errorf("File = %q, want %q", got, want)
			}
		}
		if row[col["Rule ID"]] == ruleRequestsVuln.ID {
			want := map[string]string{"Package": "requests", "Installed Version": "2.19.0", "Fixed Version": "2.20.0",
				"Vulnerability ID": "GHSA-x84v-xcm2-53pg", "CWE": "CWE-522", "Layer": layerARN, "Severity": "HIGH", "Suppressed": "false"}
			for k, v := range want {
				if row[col[k]] != v {
					t.Errorf("package row %s = %q, want %q", k, row[col[k]], v)
				}
			}
		}
	}
	if !found {
		t.Error("no row for the deserialisation finding")
	}
}

func TestCSVSafe(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"plain", "plain"},
		{"=1+1", "'=1+1"},
		{"+cmd", "'+cmd"},
		{"-2+3", "'-2+3"},
		{"@SUM(A1)", "'@SUM(A1)"},
		{"\t=x", "'\t=x"},
		{"\r=x", "'\r=x"},
		{"a=b", "a=b"},
		{"'quoted", "'quoted"},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			if got := csvSafe(tc.in); got != tc.want {
				t.Errorf("csvSafe(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

func TestClean(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain text", "plain text"},
		{"a\tb", "a    b"},
		{"\x1b[2Jcleared", `\x1b[2Jcleared`},
		{"carriage\rreturn", `carriage\rreturn`},
		{"bidi\u202eevil", `bidi\u202eevil`},
		{"ünïcödé ok", "ünïcödé ok"},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			if got := clean(tc.in); got != tc.want {
				t.Errorf("clean(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

func TestFormatForPath(t *testing.T) {
	tests := []struct {
		name, want string
		ok         bool
	}{
		{"out.sarif", FormatSARIF, true},
		{"results.SARIF.json", FormatSARIF, true},
		{"report.json", FormatJSON, true},
		{"findings.csv", FormatCSV, true},
		{"scan.txt", FormatTable, true},
		{"scan", "", false},
		{"scan.xml", "", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := FormatForPath(tc.name)
			if got != tc.want || ok != tc.ok {
				t.Errorf("FormatForPath(%q) = %q, %v; want %q, %v", tc.name, got, ok, tc.want, tc.ok)
			}
		})
	}
}
