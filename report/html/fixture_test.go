package html

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/lambdascan/lambdascan/engine/finding"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// Hostile values planted in the fixture: none may ever reach the page as
// markup.
const (
	xssScript = `<script>alert(1)</script>`
	xssImg    = `"><img src=x onerror=alert(2)>`
	// pwnScript and pwnImg would mark <body> if a browser ever ran them;
	// the browser test checks it never does.
	pwnScript = `<script>document.body.setAttribute('data-pwned','1')</script>`
	pwnImg    = `'"><img src=x onerror="document.body.setAttribute('data-pwned','2')">`
	// hiddenSecret sits under a Properties key containing "secret": the
	// page must never print it.
	hiddenSecret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
	maskedLine   = `AWS_ACCESS_KEY_ID = "AKIA****************"`
	fnARN        = "arn:aws:lambda:eu-west-1:123456789012:function:orders-api"
	layerARN     = "arn:aws:lambda:eu-west-1:123456789012:layer:deps:3"
)

var (
	ruleSQLi = &finding.Rule{
		ID: "python.lambda.sql-injection", Title: "SQL query built from Lambda event data",
		Description: "Data from the Lambda event reaches a SQL query without parameterisation.",
		Severity:    finding.SeverityHigh, Confidence: finding.ConfidenceHigh,
		CWE: []int{89}, OWASP: []string{"A03:2021"}, Tags: []string{"aws-lambda", "injection"},
		References:  []string{"https://owasp.org/Top10/A03_2021-Injection/", "javascript:alert(3)"},
		Remediation: "Pass user data as query parameters: cursor.execute(sql, params).",
	}
	ruleCmd = &finding.Rule{
		ID: "python.lambda.command-injection", Title: "OS command built from Lambda event data",
		Severity: finding.SeverityCritical, Confidence: finding.ConfidenceMedium, CWE: []int{78},
		Remediation: "Avoid shell=True; pass an argument list.",
	}
	ruleWeakHash = &finding.Rule{
		ID: "python.crypto.weak-hash", Title: "Weak hash function (MD5)",
		Severity: finding.SeverityMedium, Confidence: finding.ConfidenceHigh, CWE: []int{327, 328},
	}
	ruleAWSKey = &finding.Rule{
		ID: "secrets.aws-access-key", Title: "Hardcoded AWS access key",
		Severity: finding.SeverityCritical, Confidence: finding.ConfidenceHigh, CWE: []int{798},
		Remediation: "Remove the key, rotate it, and read credentials from the execution role.",
	}
	ruleXSS = &finding.Rule{
		ID: "js.lambda.reflected-" + xssImg, Title: "Title " + xssScript,
		Severity: finding.SeverityLow, Confidence: finding.ConfidenceLow,
		References: []string{`https://example.com/"><script>alert(4)</script>`},
	}
	ruleRequests = &finding.Rule{
		ID: "GHSA-x84v-xcm2-53pg", Title: "requests: Insufficiently Protected Credentials",
		Severity: finding.SeverityHigh, Confidence: finding.ConfidenceHigh, CWE: []int{522},
		References:  []string{"https://osv.dev/vulnerability/GHSA-x84v-xcm2-53pg"},
		Remediation: "Upgrade requests to 2.20.0 or later.",
	}
)

// fixtureReport is a scan of two functions and a layer: a taint flow with a
// fix, a command injection, a secret, a vulnerable package, a config
// finding, a suppressed finding and one full of markup, deliberately out of
// order.
func fixtureReport() *finding.Report {
	requests := finding.Package{
		Ecosystem: "PyPI", Name: "requests", Version: "2.19.0", PURL: "pkg:pypi/requests@2.19.0",
		Location: finding.Location{Input: "layer.zip", Path: "python/requests-2.19.0.dist-info/METADATA"},
		Layer:    layerARN, Source: "python/dist-info", Confidence: finding.ConfidenceHigh,
	}
	return &finding.Report{
		ToolName: "lambdascan", ToolVersion: "0.3.0",
		StartedAt: time.Date(2026, 11, 21, 6, 0, 0, 0, time.UTC),
		Inputs: []finding.InputSummary{
			{Name: "orders.zip", Kind: "zip", Function: "orders-api", Files: 14, Bytes: 52311},
			{Name: "billing.zip", Kind: "zip", Function: "billing", Files: 3, Bytes: 2048},
			{Name: "layer.zip", Kind: "zip", Layer: true, LayerARN: layerARN, Files: 812, Bytes: 4410022},
		},
		Findings: []finding.Finding{
			{
				Rule: ruleRequests, RuleID: ruleRequests.ID, Kind: finding.KindPackage,
				Message:  "requests 2.19.0 is vulnerable to GHSA-x84v-xcm2-53pg; fixed in 2.20.0",
				Severity: finding.SeverityHigh, Confidence: finding.ConfidenceHigh,
				Location: requests.Location, Fingerprint: "5d1c0e3f9a7b2c44:1", Layer: layerARN,
				Function: "orders-api", Package: &requests,
				Vulnerability: &finding.Vulnerability{
					ID: "GHSA-x84v-xcm2-53pg", Aliases: []string{"CVE-2018-18074", "PYSEC-2018-28"},
					Summary: "Insufficiently Protected Credentials in Requests", FixedVersion: "2.20.0", FixAvailable: true,
					CVSSVector: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N", CVSSScore: 7.5,
				},
				Score: 7.5,
			},
			{
				Rule: ruleSQLi, RuleID: ruleSQLi.ID, Kind: finding.KindCode,
				Message:  "event['pathParameters']['id'] reaches cursor.execute without parameterisation",
				Severity: finding.SeverityHigh, Confidence: finding.ConfidenceHigh,
				Location: finding.Location{Input: "orders.zip", Path: "src/app.py", StartLine: 14, StartColumn: 5, EndLine: 14, EndColumn: 73},
				Snippet: &finding.Snippet{StartLine: 12, Lines: []string{
					`    order_id = event["pathParameters"]["id"]`,
					`    cursor = conn.cursor()`,
					`    cursor.execute("SELECT * FROM orders WHERE id = '" + order_id + "'")`,
					`    return cursor.fetchone()`,
				}},
				Fingerprint: "a3f09c1d22e4b871:1",
				Flow: []finding.FlowStep{
					{Location: finding.Location{Path: "src/app.py", StartLine: 12, StartColumn: 16}, Note: "event['pathParameters']['id'] is read", Code: `    order_id = event["pathParameters"]["id"]`},
					{Location: finding.Location{Path: "src/app.py", StartLine: 14, StartColumn: 20}, Note: "order_id is concatenated into a SQL string"},
					{Location: finding.Location{Path: "src/app.py", StartLine: 14, StartColumn: 5}, Note: "reaches cursor.execute"},
				},
				Fixes: []finding.Fix{{
					Description: "Pass order_id as a query parameter",
					Edits:       []finding.Edit{{Path: "src/app.py", Start: 412, End: 464, StartLine: 14, StartColumn: 20, EndLine: 14, EndColumn: 72, New: `"SELECT * FROM orders WHERE id = %s", (order_id,)`}},
					Diff: "--- a/src/app.py\n+++ b/src/app.py\n@@ -14 +14 @@\n" +
						"-    cursor.execute(\"SELECT * FROM orders WHERE id = '\" + order_id + \"'\")\n" +
						"+    cursor.execute(\"SELECT * FROM orders WHERE id = %s\", (order_id,))\n",
				}},
				Function:   "orders-api",
				Properties: map[string]string{"functionArn": fnARN, "secretHint": hiddenSecret},
			},
			{
				Rule: ruleCmd, RuleID: ruleCmd.ID, Kind: finding.KindCode,
				Message:  "event['cmd'] reaches subprocess.run with shell=True",
				Severity: finding.SeverityCritical, Confidence: finding.ConfidenceMedium,
				Location:    finding.Location{Input: "billing.zip", Path: "handler.py", StartLine: 9, StartColumn: 5, EndLine: 10, EndColumn: 30},
				Snippet:     &finding.Snippet{StartLine: 8, Lines: []string{"def handler(event, context):", "    subprocess.run(event['cmd'],", "                   shell=True)", "    return {}"}},
				Fingerprint: "c0ffee0000000001:1",
				Function:    "billing",
			},
			{
				Rule: ruleAWSKey, RuleID: ruleAWSKey.ID, Kind: finding.KindSecret,
				Message:  "AWS access key AKIA**************** is hardcoded",
				Severity: finding.SeverityCritical, Confidence: finding.ConfidenceHigh,
				Location:    finding.Location{Input: "orders.zip", Path: "src/settings.py", StartLine: 3, StartColumn: 21, EndLine: 3, EndColumn: 43},
				Snippet:     &finding.Snippet{StartLine: 2, Lines: []string{`REGION = "eu-west-1"`, maskedLine, ""}},
				Fingerprint: "0b7e55aa91c3d610:1", Function: "orders-api",
				Properties: map[string]string{"functionArn": fnARN, "SecretSHA256": hiddenSecret},
			},
			{
				Rule: ruleWeakHash, RuleID: ruleWeakHash.ID, Kind: finding.KindCode,
				Message:  "hashlib.md5 is a weak hash",
				Severity: finding.SeverityMedium, Confidence: finding.ConfidenceHigh,
				Location:    finding.Location{Input: "orders.zip", Path: "src/app.py", StartLine: 30, StartColumn: 12, EndLine: 30, EndColumn: 23},
				Snippet:     &finding.Snippet{StartLine: 30, Lines: []string{"    etag = hashlib.md5(body).hexdigest()"}},
				Fingerprint: "77c2d9e0b1f4a3c5:1", Function: "orders-api",
				Suppression: &finding.Suppression{Kind: "inSource", Justification: "ETag only, not security relevant", Source: "src/app.py:29"},
			},
			{
				RuleID: "lambda.config.deprecated-runtime", Kind: finding.KindConfig,
				Message:  "Function billing uses python3.7, which Lambda no longer supports",
				Severity: finding.SeverityLow, Confidence: finding.ConfidenceHigh,
				Location: finding.Location{Input: "billing.zip"}, Fingerprint: "e1d2c3b4a5968778:1",
				Function: "billing", Properties: map[string]string{"runtime": "python3.7"},
			},
			{
				Rule: ruleXSS, RuleID: ruleXSS.ID, Kind: finding.KindCode,
				Message:  "message " + xssScript + " and " + xssImg + pwnScript + pwnImg,
				Severity: finding.SeverityLow, Confidence: finding.ConfidenceLow,
				Location: finding.Location{Input: "orders.zip", Path: "web/" + xssScript + xssImg + ".js", StartLine: 2, StartColumn: 1},
				Snippet: &finding.Snippet{StartLine: 1, Lines: []string{
					"const a = '" + xssScript + "';",
					"el.innerHTML = '" + xssImg + "'; // \x1b[31mred\x1b[0m \u202etxt.exe",
					pwnImg + pwnScript,
				}},
				Flow:        []finding.FlowStep{{Location: finding.Location{Path: "web/x.js", StartLine: 2}, Note: "note " + xssScript, Code: xssImg}},
				Fixes:       []finding.Fix{{Description: "fix " + xssScript, Diff: "-" + xssScript + "\n+" + xssImg + "\n"}},
				Suppression: nil, Function: "orders-api",
				Properties: map[string]string{"note" + xssImg: xssScript},
			},
		},
		Notifications: []finding.Notification{
			{Level: finding.LevelWarning, Code: "syntax-error", Message: "src/broken.py: syntax error near line 7", Input: "orders.zip", Path: "src/broken.py", Line: 7},
			{Level: finding.LevelError, Code: "zip-bomb", Message: "nested archive " + xssScript + " expands past the 1 GiB limit; skipped", Input: "layer.zip", Path: "python/evil.zip"},
		},
		Coverage: []finding.Coverage{
			{Function: "orders-api", ARN: fnARN, Region: "eu-west-1", Account: "123456789012", Runtime: "python3.12",
				Status: "ACTIVE", Reason: "SUCCESSFUL", CodeScanned: true, DepsScanned: true,
				LastScannedAt: time.Date(2026, 11, 21, 6, 0, 5, 0, time.UTC)},
			{Function: "billing", Region: "eu-west-1", Account: "123456789012", Runtime: "python3.7",
				Status: "ACTIVE", Reason: "SUCCESSFUL", CodeScanned: true, DepsScanned: true,
				LastScannedAt: time.Date(2026, 11, 21, 6, 0, 6, 0, time.UTC)},
			{Function: "legacy-" + xssImg, Status: "INACTIVE", Reason: "EXCLUDED_BY_TAG", Detail: "tag InspectorExclusion=LambdaStandardScanning"},
		},
		Stats: finding.Stats{FilesSeen: 829, FilesParsed: 9, Packages: 1, RulesLoaded: 6, DurationMsec: 812},
	}
}

// render writes r as HTML, failing the test on error.
func render(t *testing.T, r *finding.Report, opts Options) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := Write(&buf, r, opts); err != nil {
		t.Fatalf("Write: %v", err)
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
		t.Fatalf("read golden (run go test ./report/html -update): %v", err)
	}
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		t.Errorf("%s mismatch (-want +got), run with -update if intended:\n%s", name, diff)
	}
}
