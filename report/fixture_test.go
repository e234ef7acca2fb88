package report

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/lambdascan/lambdascan/engine/finding"
	"github.com/lambdascan/lambdascan/report/sarifcheck"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// Fixture values the tests look for.
const (
	// hiddenSecret sits in a Finding.Properties key containing "secret":
	// no writer may print it.
	hiddenSecret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
	// maskedLine is a snippet line already masked upstream; writers print
	// it exactly as given.
	maskedLine = `AWS_ACCESS_KEY_ID = "AKIA****************"`
	// formulaMessage would run in a spreadsheet if written raw to CSV.
	formulaMessage = "=HYPERLINK(\"http://attacker.example/\",\"click\") reaches readObject"
)

var (
	ruleSQLi = &finding.Rule{
		ID:          "python.lambda.sql-injection",
		Title:       "SQL query built from Lambda event data",
		Description: "Data from the Lambda event reaches a SQL query without parameterisation.",
		Severity:    finding.SeverityHigh,
		Confidence:  finding.ConfidenceHigh,
		CWE:         []int{89},
		OWASP:       []string{"A03:2021"},
		Tags:        []string{"aws-lambda", "injection"},
		References:  []string{"https://owasp.org/Top10/A03_2021-Injection/", "https://cwe.mitre.org/data/definitions/89.html"},
		Remediation: "Pass user data as query parameters: cursor.execute(sql, params).",
		Languages:   []string{"python"},
	}
	ruleCmd = &finding.Rule{
		ID:          "python.lambda.command-injection",
		Title:       "OS command built from Lambda event data",
		Severity:    finding.SeverityCritical,
		Confidence:  finding.ConfidenceMedium,
		CWE:         []int{78},
		References:  []string{"https://cwe.mitre.org/data/definitions/78.html"},
		Remediation: "Avoid shell=True; pass an argument list.",
	}
	ruleWeakHash = &finding.Rule{
		ID:         "python.crypto.weak-hash",
		Title:      "Weak hash function (MD5)",
		Severity:   finding.SeverityMedium,
		Confidence: finding.ConfidenceHigh,
		CWE:        []int{327, 328},
	}
	ruleAWSKey = &finding.Rule{
		ID:          "secrets.aws-access-key",
		Title:       "Hardcoded AWS access key",
		Severity:    finding.SeverityCritical,
		Confidence:  finding.ConfidenceHigh,
		CWE:         []int{798},
		Tags:        []string{"secrets"},
		Remediation: "Remove the key, rotate it, and read credentials from the execution role.",
	}
	ruleDeser = &finding.Rule{
		ID:         "java.lang.unsafe-deserialization",
		Title:      "Untrusted data deserialised with ObjectInputStream",
		Severity:   finding.SeverityMedium,
		Confidence: finding.ConfidenceLow,
		CWE:        []int{502},
	}
	ruleRequestsVuln = &finding.Rule{
		ID:          "GHSA-x84v-xcm2-53pg",
		Title:       "requests: Insufficiently Protected Credentials",
		Description: "Requests before 2.20.0 sends an HTTP Authorization header to an http URI upon receiving a same-hostname https-to-http redirect.",
		Severity:    finding.SeverityHigh,
		Confidence:  finding.ConfidenceHigh,
		CWE:         []int{522},
		References:  []string{"https://osv.dev/vulnerability/GHSA-x84v-xcm2-53pg", "https://nvd.nist.gov/vuln/detail/CVE-2018-18074"},
		Remediation: "Upgrade requests to 2.20.0 or later.",
	}
)

const (
	fnARN    = "arn:aws:lambda:eu-west-1:123456789012:function:orders-api"
	layerARN = "arn:aws:lambda:eu-west-1:123456789012:layer:deps:3"
)

// realisticReport builds a report such as a scan of one function zip and one
// layer zip produces: a taint finding with flow and fix, a secret, a
// vulnerable package, a suppressed finding, a finding without rule metadata,
// a nested-archive finding, and notifications. Findings are deliberately
// out of order: writers must sort.
func realisticReport() *finding.Report {
	requests := finding.Package{
		Ecosystem: "PyPI", Name: "requests", Version: "2.19.0",
		PURL:     "pkg:pypi/requests@2.19.0",
		Location: finding.Location{Input: "layer.zip", Path: "python/lib/python3.12/site-packages/requests-2.19.0.dist-info/METADATA"},
		Layer:    layerARN, Source: "python/dist-info", Confidence: finding.ConfidenceHigh,
	}
	return &finding.Report{
		ToolName:    "lambdascan",
		ToolVersion: "0.3.0",
		StartedAt:   time.Date(2026, 11, 21, 6, 0, 0, 0, time.UTC),
		Inputs: []finding.InputSummary{
			{Name: "fn.zip", Kind: "zip", Function: "orders-api", Files: 14, Bytes: 52311},
			{Name: "layer.zip", Kind: "zip", Layer: true, LayerARN: layerARN, Files: 812, Bytes: 4410022},
		},
		Findings: []finding.Finding{
			{
				Rule: ruleRequestsVuln, RuleID: ruleRequestsVuln.ID, Kind: finding.KindPackage,
				Message:  "requests 2.19.0 is vulnerable to GHSA-x84v-xcm2-53pg (CVE-2018-18074); fixed in 2.20.0",
				Severity: finding.SeverityHigh, Confidence: finding.ConfidenceHigh,
				Location:    requests.Location,
				Fingerprint: "5d1c0e3f9a7b2c44:1",
				Layer:       layerARN,
				Package:     &requests,
				Vulnerability: &finding.Vulnerability{
					ID: "GHSA-x84v-xcm2-53pg", Aliases: []string{"CVE-2018-18074", "PYSEC-2018-28"},
					Summary:      "Insufficiently Protected Credentials in Requests",
					FixedVersion: "2.20.0", FixAvailable: true,
					CVSSVector: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N", CVSSScore: 7.5,
				},
				Score:      7.5,
				Properties: map[string]string{"layerArn": layerARN},
			},
			{
				Rule: ruleSQLi, RuleID: ruleSQLi.ID, Kind: finding.KindCode,
				Message:  "event['pathParameters']['id'] reaches cursor.execute without parameterisation",
				Severity: finding.SeverityHigh, Confidence: finding.ConfidenceHigh,
				Location: finding.Location{Input: "fn.zip", Path: "src/app.py", StartLine: 14, StartColumn: 5, EndLine: 14, EndColumn: 73},
				Snippet: &finding.Snippet{StartLine: 12, Lines: []string{
					"    order_id = event[\"pathParameters\"][\"id\"]",
					"    cursor = conn.cursor()",
					"    cursor.execute(\"SELECT * FROM orders WHERE id = '\" + order_id + \"'\")",
					"    return cursor.fetchone()",
				}},
				Fingerprint: "a3f09c1d22e4b871:1",
				Flow: []finding.FlowStep{
					{Location: finding.Location{Input: "fn.zip", Path: "src/app.py", StartLine: 12, StartColumn: 16, EndLine: 12, EndColumn: 47},
						Note: "event['pathParameters']['id'] is read", Code: "    order_id = event[\"pathParameters\"][\"id\"]"},
					{Location: finding.Location{Path: "src/app.py", StartLine: 14, StartColumn: 20, EndLine: 14, EndColumn: 72},
						Note: "order_id is concatenated into a SQL string"},
					{Location: finding.Location{Input: "fn.zip", Path: "src/app.py", StartLine: 14, StartColumn: 5, EndLine: 14, EndColumn: 73},
						Note: "reaches cursor.execute", Code: "    cursor.execute(\"SELECT * FROM orders WHERE id = '\" + order_id + \"'\")"},
				},
				Fixes: []finding.Fix{{
					Description: "Pass order_id as a query parameter",
					Edits: []finding.Edit{{
						Path: "src/app.py", Start: 412, End: 464,
						StartLine: 14, StartColumn: 20, EndLine: 14, EndColumn: 72,
						New: "\"SELECT * FROM orders WHERE id = %s\", (order_id,)",
					}},
					Diff: "--- a/src/app.py\n+++ b/src/app.py\n@@ -14 +14 @@\n" +
						"-    cursor.execute(\"SELECT * FROM orders WHERE id = '\" + order_id + \"'\")\n" +
						"+    cursor.execute(\"SELECT * FROM orders WHERE id = %s\", (order_id,))\n",
				}},
				Function:   "orders-api",
				Properties: map[string]string{"functionArn": fnARN, "secretHint": hiddenSecret},
			},
			{
				Rule: ruleAWSKey, RuleID: ruleAWSKey.ID, Kind: finding.KindSecret,
				Message:  "AWS access key AKIA**************** is hardcoded",
				Severity: finding.SeverityCritical, Confidence: finding.ConfidenceHigh,
				Location:    finding.Location{Input: "fn.zip", Path: "src/settings.py", StartLine: 3, StartColumn: 21, EndLine: 3, EndColumn: 43},
				Snippet:     &finding.Snippet{StartLine: 2, Lines: []string{"REGION = \"eu-west-1\"", maskedLine, ""}},
				Fingerprint: "0b7e55aa91c3d610:1",
				Function:    "orders-api",
				Properties:  map[string]string{"functionArn": fnARN, "SecretSHA256": hiddenSecret, "account": "123456789012"},
			},
			{
				Rule: ruleWeakHash, RuleID: ruleWeakHash.ID, Kind: finding.KindCode,
				Message:  "hashlib.md5 is a weak hash",
				Severity: finding.SeverityMedium, Confidence: finding.ConfidenceHigh,
				Location:    finding.Location{Input: "fn.zip", Path: "src/app.py", StartLine: 30, StartColumn: 12, EndLine: 30, EndColumn: 23},
				Snippet:     &finding.Snippet{StartLine: 30, Lines: []string{"    etag = hashlib.md5(body).hexdigest()"}},
				Fingerprint: "77c2d9e0b1f4a3c5:1",
				Suppression: &finding.Suppression{Kind: "inSource", Justification: "ETag only, not security relevant", Source: "src/app.py:29"},
			},
			{
				RuleID: "lambda.config.deprecated-runtime", Kind: finding.KindConfig,
				Message:  "Function orders-api uses python3.7, which Lambda no longer supports",
				Severity: finding.SeverityLow, Confidence: finding.ConfidenceHigh,
				Location:    finding.Location{Input: "fn.zip"},
				Fingerprint: "e1d2c3b4a5968778:1",
				Function:    "orders-api",
				Properties:  map[string]string{"functionArn": fnARN, "runtime": "python3.7"},
			},
			{
				Rule: ruleDeser, RuleID: ruleDeser.ID, Kind: finding.KindCode,
				Message:  formulaMessage,
				Severity: finding.SeverityMedium, Confidence: finding.ConfidenceLow,
				Location: finding.Location{Input: "fn.zip", Path: "lib/my app.jar!/com/example/Handler.java", StartLine: 41, StartColumn: 9, EndLine: 42, EndColumn: 30},
				Snippet: &finding.Snippet{StartLine: 41, Lines: []string{
					"        ObjectInputStream in = new ObjectInputStream(",
					"            request.getBody()); // \x1b[31mred\x1b[0m",
				}},
				Fingerprint: "9f8e7d6c5b4a3921:1",
			},
		},
		Notifications: []finding.Notification{
			{Level: finding.LevelWarning, Code: "syntax-error", Message: "src/broken.py: syntax error near line 7; parsed what could be parsed", Input: "fn.zip", Path: "src/broken.py", Line: 7},
			{Level: finding.LevelError, Code: "zip-bomb", Message: "nested archive python/evil.zip expands past the 1 GiB limit; skipped", Input: "layer.zip", Path: "python/evil.zip"},
			{Level: finding.LevelNote, Code: "osv-offline", Message: "using the bundled OSV snapshot of 2026-11-20"},
		},
		Packages: []finding.Package{requests},
		Files: []finding.FileInfo{
			{Input: "fn.zip", Path: "src/app.py", Class: finding.ClassFirstParty, Language: "python", Reason: "handler module", Size: 2048},
			{Input: "fn.zip", Path: "node_modules/x/index.js", Class: finding.ClassThirdParty, Language: "javascript", Reason: "under node_modules", Size: 120},
			{Input: "layer.zip", Path: "python/lib/python3.12/site-packages/requests/api.py", Class: finding.ClassThirdParty, Language: "python", Reason: "layer site-packages", Size: 6400},
		},
		Rules: []*finding.Rule{ruleWeakHash, ruleSQLi, ruleCmd, ruleAWSKey, ruleDeser},
		Stats: finding.Stats{FilesSeen: 826, FilesParsed: 9, BytesParsed: 40210, Packages: 1, RulesLoaded: 5, DurationMsec: 812},
	}
}

// singleInputReport is a directory scan: one input, paths stand alone.
func singleInputReport() *finding.Report {
	r := realisticReport()
	r.Inputs = r.Inputs[:1]
	r.Inputs[0].Name, r.Inputs[0].Kind = ".", "dir"
	var keep []finding.Finding
	for _, f := range r.Findings {
		if f.Location.Input == "fn.zip" {
			f.Location.Input = "."
			for i := range f.Flow {
				if f.Flow[i].Location.Input != "" {
					f.Flow[i].Location.Input = "."
				}
			}
			keep = append(keep, f)
		}
	}
	r.Findings = keep
	r.Notifications = r.Notifications[:1]
	r.Notifications[0].Input = "."
	return r
}

// render writes r in format and validates every SARIF it produces against
// the SARIF 2.1.0 schema.
func render(t *testing.T, format string, r *finding.Report, opts Options) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := Write(&buf, format, r, opts); err != nil {
		t.Fatalf("Write(%s): %v", format, err)
	}
	if format == FormatSARIF {
		if err := sarifcheck.ValidateSARIF(buf.Bytes()); err != nil {
			t.Fatalf("SARIF output does not validate: %v\n%s", err, buf.Bytes())
		}
	}
	return buf.Bytes()
}

// golden compares got with testdata/golden/name, rewriting it with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	p := filepath.Join("testdata", "golden", name)
	if *update {
		if err := os.WriteFile(p, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(p)
	if err != nil {
		t.Fatalf("read golden (run go test ./report -update): %v", err)
	}
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		t.Errorf("%s mismatch (-want +got), run with -update if intended:\n%s", name, diff)
	}
}
