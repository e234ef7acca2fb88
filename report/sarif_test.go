package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/lambdascan/lambdascan/engine/finding"
	"github.com/lambdascan/lambdascan/report/internal/locate"
	"github.com/lambdascan/lambdascan/report/sarifcheck"
)

// decodeSARIF renders r as SARIF (validated) and decodes it generically.
func decodeSARIF(t *testing.T, r *finding.Report, opts Options) map[string]any {
	t.Helper()
	var log map[string]any
	if err := json.Unmarshal(render(t, FormatSARIF, r, opts), &log); err != nil {
		t.Fatal(err)
	}
	return log
}

// at walks a decoded JSON value by keys and indexes.
func at(t *testing.T, v any, path ...any) any {
	t.Helper()
	for _, p := range path {
		switch k := p.(type) {
		case string:
			m, ok := v.(map[string]any)
			if !ok {
				t.Fatalf("at %v: %T is not an object", path, v)
			}
			v = m[k]
		case int:
			a, ok := v.([]any)
			if !ok || k >= len(a) {
				t.Fatalf("at %v: no index %d in %T", path, k, v)
			}
			v = a[k]
		}
	}
	return v
}

// findNulls lists the JSON pointers of every null in v.
func findNulls(v any, ptr string, out *[]string) {
	switch x := v.(type) {
	case nil:
		*out = append(*out, ptr)
	case map[string]any:
		for k, e := range x {
			findNulls(e, ptr+"/"+k, out)
		}
	case []any:
		for i, e := range x {
			findNulls(e, ptr+"/"+strconv.Itoa(i), out)
		}
	}
}

func TestSARIFNoNulls(t *testing.T) {
	for i, opts := range allOptions {
		t.Run(strconv.Itoa(i), func(t *testing.T) {
			var nulls []string
			findNulls(decodeSARIF(t, realisticReport(), opts), "", &nulls)
			if len(nulls) > 0 {
				t.Errorf("SARIF has null at %v", nulls)
			}
		})
	}
}

func TestSARIFRules(t *testing.T) {
	log := decodeSARIF(t, realisticReport(), Options{})
	run := at(t, log, "runs", 0)
	if got := at(t, run, "tool", "driver", "name"); got != "lambdascan" {
		t.Errorf("driver name = %v", got)
	}
	if got := at(t, run, "tool", "driver", "version"); got != "0.3.0" {
		t.Errorf("driver version = %v", got)
	}
	if got := at(t, run, "tool", "driver", "informationUri"); got != DefaultInformationURI {
		t.Errorf("informationUri = %v", got)
	}
	rules := at(t, run, "tool", "driver", "rules").([]any)
	if len(rules) != 7 {
		t.Fatalf("got %d rules, want 7 (5 listed + 1 advisory + 1 minimal)", len(rules))
	}
	seen := map[string]bool{}
	for i := range rules {
		id := at(t, rules, i, "id").(string)
		if seen[id] {
			t.Errorf("rule %s listed twice", id)
		}
		seen[id] = true
		if s, ok := at(t, rules, i, "shortDescription", "text").(string); !ok || s == "" {
			t.Errorf("rule %s: shortDescription.text = %v", id, at(t, rules, i, "shortDescription"))
		}
		if s, ok := at(t, rules, i, "fullDescription", "text").(string); !ok || s == "" {
			t.Errorf("rule %s: no fullDescription", id)
		}
		for _, k := range []string{"text", "markdown"} {
			if s, ok := at(t, rules, i, "help", k).(string); !ok || s == "" {
				t.Errorf("rule %s: no help.%s", id, k)
			}
		}
		sev, ok := at(t, rules, i, "properties", "security-severity").(string)
		if !ok {
			t.Errorf("rule %s: security-severity is %T, want string", id, at(t, rules, i, "properties", "security-severity"))
		} else if f, err := strconv.ParseFloat(sev, 64); err != nil || f < 0 || f > 10 {
			t.Errorf("rule %s: security-severity %q is not a score", id, sev)
		}
		tags := at(t, rules, i, "properties", "tags").([]any)
		if tags[0] != "security" {
			t.Errorf("rule %s: tags %v do not start with security", id, tags)
		}
		if p := at(t, rules, i, "properties", "precision"); p != "high" && p != "medium" && p != "low" {
			t.Errorf("rule %s: precision %v", id, p)
		}
	}
	cmdRule := rules[ruleIndex(t, rules, ruleCmd.ID)]
	wantTags := []any{"security", "external/cwe/cwe-078"}
	if diff := cmp.Diff(wantTags, at(t, cmdRule, "properties", "tags")); diff != "" {
		t.Errorf("command-injection tags (-want +got):\n%s", diff)
	}
	if got := at(t, cmdRule, "properties", "security-severity"); got != "9.5" {
		t.Errorf("critical security-severity = %v", got)
	}
	sqli := rules[ruleIndex(t, rules, ruleSQLi.ID)]
	if got := at(t, sqli, "helpUri"); got != ruleSQLi.References[0] {
		t.Errorf("helpUri = %v", got)
	}
	if md := at(t, sqli, "help", "markdown").(string); !strings.Contains(md, ruleSQLi.Remediation) || !strings.Contains(md, ruleSQLi.References[1]) {
		t.Errorf("help markdown lacks remediation or references: %q", md)
	}
	minimal := rules[ruleIndex(t, rules, "lambda.config.deprecated-runtime")]
	if got := at(t, minimal, "shortDescription", "text"); got != "Function orders-api uses python3.7, which Lambda no longer supports" {
		t.Errorf("minimal rule shortDescription = %v", got)
	}
}

func ruleIndex(t *testing.T, rules []any, id string) int {
	t.Helper()
	for i := range rules {
		if at(t, rules, i, "id") == id {
			return i
		}
	}
	t.Fatalf("no rule %s", id)
	return -1
}

func TestSARIFResults(t *testing.T) {
	log := decodeSARIF(t, realisticReport(), Options{Category: "lambdascan/prod/"})
	run := at(t, log, "runs", 0)
	rules := at(t, run, "tool", "driver", "rules").([]any)
	results := at(t, run, "results").([]any)
	if len(results) != 6 {
		t.Fatalf("got %d results, want 6 (suppressed one included)", len(results))
	}
	byRule := map[string]any{}
	for i, res := range results {
		id := at(t, res, "ruleId").(string)
		byRule[id] = res
		idx := int(at(t, res, "ruleIndex").(float64))
		if at(t, rules, idx, "id") != id {
			t.Errorf("result %d: ruleIndex %d points at %v, not %s", i, idx, at(t, rules, idx, "id"), id)
		}
		reg := at(t, res, "locations", 0, "physicalLocation", "region").(map[string]any)
		for _, k := range []string{"startLine", "startColumn", "endLine", "endColumn"} {
			if v, ok := reg[k]; ok && v.(float64) < 1 {
				t.Errorf("result %s: region.%s = %v, want 1-based", id, k, v)
			}
		}
		if _, ok := reg["startLine"]; !ok {
			t.Errorf("result %s: region without startLine", id)
		}
		if at(t, res, "locations", 0, "physicalLocation", "artifactLocation", "uriBaseId") != "%SRCROOT%" {
			t.Errorf("result %s: uriBaseId missing", id)
		}
		if fp, ok := at(t, res, "partialFingerprints", "primaryLocationLineHash").(string); !ok || fp == "" {
			t.Errorf("result %s: no primaryLocationLineHash", id)
		}
	}
	if got := at(t, run, "automationDetails", "id"); got != "lambdascan/prod/" {
		t.Errorf("automationDetails.id = %v", got)
	}

	tests := []struct {
		rule string
		path []any
		want any
	}{
		{ruleSQLi.ID, []any{"level"}, "error"},
		{ruleSQLi.ID, []any{"locations", 0, "physicalLocation", "artifactLocation", "uri"}, "fn.zip/src/app.py"},
		{ruleSQLi.ID, []any{"locations", 0, "physicalLocation", "region", "startColumn"}, 5.0},
		{ruleSQLi.ID, []any{"locations", 0, "physicalLocation", "region", "endColumn"}, 73.0},
		{ruleSQLi.ID, []any{"locations", 0, "physicalLocation", "region", "snippet", "text"},
			"    cursor.execute(\"SELECT * FROM orders WHERE id = '\" + order_id + \"'\")"},
		{ruleSQLi.ID, []any{"locations", 0, "physicalLocation", "contextRegion", "startLine"}, 12.0},
		{ruleSQLi.ID, []any{"partialFingerprints", "primaryLocationLineHash"}, "a3f09c1d22e4b871:1"},
		{ruleSQLi.ID, []any{"fingerprints", "lambdascan/v1"}, "a3f09c1d22e4b871:1"},
		{ruleSQLi.ID, []any{"properties", "functionArn"}, fnARN},
		{ruleSQLi.ID, []any{"properties", "function"}, "orders-api"},
		{ruleSQLi.ID, []any{"properties", "kind"}, "code"},
		{ruleSQLi.ID, []any{"properties", "confidence"}, "high"},
		{ruleSQLi.ID, []any{"codeFlows", 0, "threadFlows", 0, "locations", 0, "location", "message", "text"}, "event['pathParameters']['id'] is read"},
		{ruleSQLi.ID, []any{"codeFlows", 0, "threadFlows", 0, "locations", 1, "location", "physicalLocation", "artifactLocation", "uri"}, "fn.zip/src/app.py"},
		{ruleSQLi.ID, []any{"codeFlows", 0, "threadFlows", 0, "locations", 2, "location", "message", "text"}, "reaches cursor.execute"},
		{ruleSQLi.ID, []any{"fixes", 0, "description", "text"}, "Pass order_id as a query parameter"},
		{ruleSQLi.ID, []any{"fixes", 0, "artifactChanges", 0, "artifactLocation", "uri"}, "fn.zip/src/app.py"},
		{ruleSQLi.ID, []any{"fixes", 0, "artifactChanges", 0, "replacements", 0, "deletedRegion", "startColumn"}, 20.0},
		{ruleSQLi.ID, []any{"fixes", 0, "artifactChanges", 0, "replacements", 0, "deletedRegion", "endColumn"}, 72.0},
		{ruleSQLi.ID, []any{"fixes", 0, "artifactChanges", 0, "replacements", 0, "insertedContent", "text"}, "\"SELECT * FROM orders WHERE id = %s\", (order_id,)"},
		{ruleAWSKey.ID, []any{"level"}, "error"},
		{ruleAWSKey.ID, []any{"locations", 0, "physicalLocation", "region", "snippet", "text"}, maskedLine},
		{ruleWeakHash.ID, []any{"level"}, "warning"},
		{ruleWeakHash.ID, []any{"suppressions", 0, "kind"}, "inSource"},
		{ruleWeakHash.ID, []any{"suppressions", 0, "status"}, "accepted"},
		{ruleWeakHash.ID, []any{"suppressions", 0, "justification"}, "ETag only, not security relevant"},
		{ruleRequestsVuln.ID, []any{"locations", 0, "physicalLocation", "artifactLocation", "uri"},
			"layer.zip/python/lib/python3.12/site-packages/requests-2.19.0.dist-info/METADATA"},
		{ruleRequestsVuln.ID, []any{"locations", 0, "physicalLocation", "region", "startLine"}, 1.0},
		{ruleRequestsVuln.ID, []any{"properties", "packageName"}, "requests"},
		{ruleRequestsVuln.ID, []any{"properties", "packageVersion"}, "2.19.0"},
		{ruleRequestsVuln.ID, []any{"properties", "fixedVersion"}, "2.20.0"},
		{ruleRequestsVuln.ID, []any{"properties", "vulnerabilityId"}, "GHSA-x84v-xcm2-53pg"},
		{ruleRequestsVuln.ID, []any{"properties", "layerArn"}, layerARN},
		{ruleRequestsVuln.ID, []any{"properties", "cvssScore"}, 7.5},
		{ruleDeser.ID, []any{"locations", 0, "physicalLocation", "artifactLocation", "uri"}, "fn.zip/lib/my%20app.jar!/com/example/Handler.java"},
		{ruleDeser.ID, []any{"locations", 0, "physicalLocation", "region", "endLine"}, 42.0},
		{"lambda.config.deprecated-runtime", []any{"level"}, "note"},
		{"lambda.config.deprecated-runtime", []any{"locations", 0, "physicalLocation", "artifactLocation", "uri"}, "fn.zip"},
	}
	for _, tc := range tests {
		t.Run(fmt.Sprintf("%s%v", tc.rule, tc.path), func(t *testing.T) {
			if diff := cmp.Diff(tc.want, at(t, byRule[tc.rule], tc.path...)); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
	for _, id := range []string{ruleSQLi.ID, ruleAWSKey.ID, ruleDeser.ID} {
		if _, ok := byRule[id].(map[string]any)["suppressions"]; ok {
			t.Errorf("%s: unsuppressed finding has suppressions", id)
		}
	}
}

func TestSARIFNotifications(t *testing.T) {
	log := decodeSARIF(t, realisticReport(), Options{})
	inv := at(t, log, "runs", 0, "invocations", 0)
	if at(t, inv, "executionSuccessful") != true {
		t.Error("executionSuccessful is not true")
	}
	notes := at(t, inv, "toolExecutionNotifications").([]any)
	if len(notes) != 3 {
		t.Fatalf("got %d notifications, want 3", len(notes))
	}
	// Sorted by input, path: the one without input comes first.
	tests := []struct {
		path []any
		want any
	}{
		{[]any{0, "descriptor", "id"}, "osv-offline"},
		{[]any{0, "level"}, "note"},
		{[]any{1, "descriptor", "id"}, "syntax-error"},
		{[]any{1, "level"}, "warning"},
		{[]any{1, "locations", 0, "physicalLocation", "artifactLocation", "uri"}, "fn.zip/src/broken.py"},
		{[]any{1, "locations", 0, "physicalLocation", "region", "startLine"}, 7.0},
		{[]any{2, "descriptor", "id"}, "zip-bomb"},
		{[]any{2, "level"}, "error"},
		{[]any{2, "message", "text"}, "nested archive python/evil.zip expands past the 1 GiB limit; skipped"},
	}
	for _, tc := range tests {
		t.Run(fmt.Sprint(tc.path), func(t *testing.T) {
			if diff := cmp.Diff(tc.want, at(t, notes, tc.path...)); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
	if _, ok := notes[0].(map[string]any)["locations"]; ok {
		t.Error("notification without path has locations")
	}
}

func TestSARIFSingleInputAndSrcRoot(t *testing.T) {
	log := decodeSARIF(t, singleInputReport(), Options{SrcRoot: "/home/ci/orders api"})
	run := at(t, log, "runs", 0)
	if got := at(t, run, "originalUriBaseIds", "%SRCROOT%", "uri"); got != "file:///home/ci/orders%20api/" {
		t.Errorf("%%SRCROOT%% = %v", got)
	}
	for _, res := range at(t, run, "results").([]any) {
		uri := at(t, res, "locations", 0, "physicalLocation", "artifactLocation", "uri").(string)
		if strings.HasPrefix(uri, "fn.zip") || strings.HasPrefix(uri, "./") {
			t.Errorf("single-input URI %q carries the input name", uri)
		}
	}
}

func TestLocatorURI(t *testing.T) {
	tests := []struct {
		name             string
		multi            bool
		srcRoot          string
		input, path      string
		want             string
		wantBase, wantOK bool
	}{
		{"single input", false, "", "fn.zip", "src/app.py", "src/app.py", true, true},
		{"single dir input", false, "", ".", "handler.py", "handler.py", true, true},
		{"multi input", true, "", "fn.zip", "src/app.py", "fn.zip/src/app.py", true, true},
		{"multi dotted input", true, "", "./build/fn.zip", "a.py", "build/fn.zip/a.py", true, true},
		{"nested archive", true, "", "fn.zip", "lib/a b.jar!/com/x/Y.java", "fn.zip/lib/a%20b.jar!/com/x/Y.java", true, true},
		{"percent hash question", false, "", "", "a%b#c?d.py", "a%25b%23c%3Fd.py", true, true},
		{"colon cannot look like a scheme", false, "", "", "c:x.py", "c%3Ax.py", true, true},
		{"non-ascii", false, "", "", "src/ünï.py", "src/%C3%BCn%C3%AF.py", true, true},
		{"absolute input below srcroot", true, "/work/repo", "/work/repo/dist/fn.zip", "app.py", "dist/fn.zip/app.py", true, true},
		{"absolute input elsewhere", true, "/work/repo", "/tmp/fn.zip", "app.py", "file:///tmp/fn.zip/app.py", false, true},
		{"absolute input with space", true, "", "/tmp/my dir/fn.zip", "app.py", "file:///tmp/my%20dir/fn.zip/app.py", false, true},
		{"no path, input only", true, "", "orders-api", "", "orders-api", true, true},
		{"nothing", false, "", "", "", "", false, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			l := locate.Locator{Multi: tc.multi, SrcRoot: tc.srcRoot}
			got, base, ok := l.URI(tc.input, tc.path)
			if got != tc.want || base != tc.wantBase || ok != tc.wantOK {
				t.Errorf("uri(%q, %q) = %q, %v, %v; want %q, %v, %v", tc.input, tc.path, got, base, ok, tc.want, tc.wantBase, tc.wantOK)
			}
		})
	}
}

func TestSARIFFlowLimit(t *testing.T) {
	r := realisticReport()
	f := &r.Findings[1] // the SQL injection
	if f.RuleID != ruleSQLi.ID {
		t.Fatalf("fixture order changed: %s", f.RuleID)
	}
	var flow []finding.FlowStep
	for i := range MaxThreadFlowSteps + 5 {
		flow = append(flow, finding.FlowStep{Location: finding.Location{Path: "src/app.py", StartLine: i + 1}, Note: "step " + strconv.Itoa(i)})
	}
	f.Flow = flow
	log := decodeSARIF(t, r, Options{})
	for _, res := range at(t, log, "runs", 0, "results").([]any) {
		if at(t, res, "ruleId") != ruleSQLi.ID {
			continue
		}
		locs := at(t, res, "codeFlows", 0, "threadFlows", 0, "locations").([]any)
		if len(locs) != MaxThreadFlowSteps {
			t.Errorf("thread flow has %d steps, want %d", len(locs), MaxThreadFlowSteps)
		}
		if got, want := at(t, locs, len(locs)-1, "location", "message", "text"), "step "+strconv.Itoa(MaxThreadFlowSteps+4); got != want {
			t.Errorf("last step = %v, want the sink %q", got, want)
		}
	}
}

// TestSARIFEdgeCases: odd but possible findings still give valid SARIF.
func TestSARIFEdgeCases(t *testing.T) {
	tests := []struct {
		name string
		f    finding.Finding
	}{
		{"no location at all", finding.Finding{RuleID: "r", Message: "m"}},
		{"no rule id or message", finding.Finding{Location: finding.Location{Path: "a.py", StartLine: 3}}},
		{"end before start", finding.Finding{RuleID: "r", Location: finding.Location{Path: "a.py", StartLine: 5, StartColumn: 9, EndLine: 5, EndColumn: 2}}},
		{"end line before start line", finding.Finding{RuleID: "r", Location: finding.Location{Path: "a.py", StartLine: 5, EndLine: 3}}},
		{"negative numbers", finding.Finding{RuleID: "r", Location: finding.Location{Path: "a.py", StartLine: -1, StartColumn: -4}}},
		{"odd suppression kind", finding.Finding{RuleID: "r", Location: finding.Location{Path: "a.py"}, Suppression: &finding.Suppression{Kind: "baseline"}}},
		{"fix without lines", finding.Finding{RuleID: "r", Location: finding.Location{Path: "a.py", StartLine: 1},
			Fixes: []finding.Fix{{Edits: []finding.Edit{{Start: 10, End: 4, New: ""}}}}}},
		{"fix without edits", finding.Finding{RuleID: "r", Location: finding.Location{Path: "a.py", StartLine: 1}, Fixes: []finding.Fix{{Description: "x"}}}},
		{"flow step without path", finding.Finding{RuleID: "r", Flow: []finding.FlowStep{{Note: ""}}}},
		{"empty snippet", finding.Finding{RuleID: "r", Location: finding.Location{Path: "a.py", StartLine: 2}, Snippet: &finding.Snippet{StartLine: 1}}},
		{"snippet not covering", finding.Finding{RuleID: "r", Location: finding.Location{Path: "a.py", StartLine: 20}, Snippet: &finding.Snippet{StartLine: 1, Lines: []string{"x"}}}},
		{"rule with empty id", finding.Finding{Rule: &finding.Rule{Title: "t"}, RuleID: "r2", Location: finding.Location{Path: "a.py", StartLine: 1}}},
		{"odd severity", finding.Finding{RuleID: "r", Severity: 42, Location: finding.Location{Path: "a.py", StartLine: 1}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := &finding.Report{Findings: []finding.Finding{tc.f}, Notifications: []finding.Notification{{Level: "bogus", Code: ""}}}
			var nulls []string
			findNulls(decodeSARIF(t, r, Options{}), "", &nulls)
			if len(nulls) > 0 {
				t.Errorf("null at %v", nulls)
			}
			for _, format := range Formats() {
				render(t, format, r, Options{ShowFixes: true, ShowSuppressed: true, ExplainFiles: true})
			}
		})
	}
}

func TestDropNulls(t *testing.T) {
	tests := []struct{ in, want string }{
		{`null`, `null`},
		{`{}`, `{}`},
		{`{"a":null}`, `{}`},
		{`{"a":null,"b":1}`, `{"b":1}`},
		{`{"a":1,"b":null}`, `{"a":1}`},
		{`{"a":1,"b":null,"c":{"d":null,"e":[null,1,null,{"f":null}]}}`, `{"a":1,"c":{"e":[1,{}]}}`},
		{`[null,null]`, `[]`},
		{`{"n\"ull":"null","x":"a\\","y":null}`, `{"n\"ull":"null","x":"a\\"}`},
		{`{ "a" : null , "b" : [ true , false , -1.5e3 ] }`, `{"b":[true,false,-1.5e3]}`},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			got, err := dropNulls([]byte(tc.in))
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != tc.want {
				t.Errorf("dropNulls(%s) = %s, want %s", tc.in, got, tc.want)
			}
		})
	}
	if _, err := dropNulls([]byte(`{"a":[1}`)); err == nil {
		t.Error("unbalanced input accepted")
	}
}

func TestSARIFResultLimit(t *testing.T) {
	r := &finding.Report{ToolName: "lambdascan"}
	for i := range MaxSARIFResults + 10 {
		sev := finding.SeverityLow
		if i%1000 == 0 {
			sev = finding.SeverityCritical
		}
		r.Findings = append(r.Findings, finding.Finding{RuleID: "r", Severity: sev, Message: "m",
			Location: finding.Location{Path: "a.py", StartLine: i + 1}})
	}
	var buf bytes.Buffer
	if err := Write(&buf, FormatSARIF, r, Options{}); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Runs []struct {
			Results     []struct{ Level string } `json:"results"`
			Invocations []struct {
				ToolExecutionNotifications []struct {
					Descriptor struct{ ID string } `json:"descriptor"`
				} `json:"toolExecutionNotifications"`
			} `json:"invocations"`
		} `json:"runs"`
	}
	if err := json.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	res := doc.Runs[0].Results
	if len(res) != MaxSARIFResults {
		t.Fatalf("%d results, want %d", len(res), MaxSARIFResults)
	}
	errs := 0
	for _, x := range res {
		if x.Level == "error" {
			errs++
		}
	}
	if errs != 26 {
		t.Errorf("%d critical results kept, want all 26", errs)
	}
	found := false
	for _, n := range doc.Runs[0].Invocations[0].ToolExecutionNotifications {
		found = found || n.Descriptor.ID == "sarif-truncated"
	}
	if !found {
		t.Error("no sarif-truncated notification")
	}
	if err := sarifcheck.ValidateSARIF(buf.Bytes()); err != nil {
		t.Error(err)
	}
}
