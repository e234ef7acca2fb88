package report

import (
	"encoding/json"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"

	"github.com/lambdascan/lambdascan/engine/finding"
)

func TestTargetOf(t *testing.T) {
	inputs := map[string]finding.InputSummary{
		"fn.zip":    {Name: "fn.zip", Function: "orders-api"},
		"layer.zip": {Name: "layer.zip", Layer: true, LayerARN: "arn:aws-cn:lambda:cn-north-1:210987654321:layer:deps:3"},
	}
	tests := []struct {
		name string
		f    finding.Finding
		opts Options
		want awsTarget
	}{
		{"nothing known", finding.Finding{}, Options{},
			awsTarget{Partition: "aws", Region: DefaultAWSRegion, Account: DefaultAWSAccount}},
		{"region from options", finding.Finding{}, Options{AWSRegion: "ap-south-1"},
			awsTarget{Partition: "aws", Region: "ap-south-1", Account: DefaultAWSAccount}},
		{"function ARN with qualifier", finding.Finding{Function: "arn:aws:lambda:eu-west-1:123456789012:function:api:prod"}, Options{AWSRegion: "x"},
			awsTarget{Partition: "aws", Region: "eu-west-1", Account: "123456789012",
				FunctionARN: "arn:aws:lambda:eu-west-1:123456789012:function:api:prod", FunctionName: "api"}},
		{"properties win over ARN", finding.Finding{Function: "api", Properties: map[string]string{
			"functionArn": "arn:aws:lambda:eu-west-1:123456789012:function:api", "account": "999999999999", "region": "us-west-2", "runtime": "nodejs20.x"}}, Options{},
			awsTarget{Partition: "aws", Region: "us-west-2", Account: "999999999999",
				FunctionARN: "arn:aws:lambda:eu-west-1:123456789012:function:api", FunctionName: "api", Runtime: "nodejs20.x"}},
		{"bad account falls back", finding.Finding{Properties: map[string]string{"account": "12345"}}, Options{},
			awsTarget{Partition: "aws", Region: DefaultAWSRegion, Account: DefaultAWSAccount}},
		{"function from input", finding.Finding{Location: finding.Location{Input: "fn.zip"}}, Options{},
			awsTarget{Partition: "aws", Region: DefaultAWSRegion, Account: DefaultAWSAccount, FunctionName: "orders-api"}},
		{"layer from input, other partition", finding.Finding{Location: finding.Location{Input: "layer.zip"}}, Options{},
			awsTarget{Partition: "aws-cn", Region: "cn-north-1", Account: "210987654321", LayerARN: "arn:aws-cn:lambda:cn-north-1:210987654321:layer:deps:3"}},
		{"not an ARN", finding.Finding{Function: "arn:nope"}, Options{},
			awsTarget{Partition: "aws", Region: DefaultAWSRegion, Account: DefaultAWSAccount, FunctionName: "arn:nope"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if diff := cmp.Diff(tc.want, targetOf(&tc.f, inputs, tc.opts)); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

// longReport holds a finding whose title and message exceed AWS limits.
func longReport() *finding.Report {
	r := realisticReport()
	r.Findings[1].Message = strings.Repeat("é", 3000)
	r.Findings[1].Rule = &finding.Rule{ID: ruleSQLi.ID, Title: strings.Repeat("t", 400), CWE: []int{89}}
	return r
}

func TestASFF(t *testing.T) {
	var batch struct {
		Findings []map[string]any
	}
	if err := json.Unmarshal(render(t, FormatASFF, longReport(), Options{}), &batch); err != nil {
		t.Fatal(err)
	}
	if len(batch.Findings) != 6 {
		t.Fatalf("got %d findings, want 6", len(batch.Findings))
	}
	ids := map[string]bool{}
	required := []string{"SchemaVersion", "Id", "ProductArn", "GeneratorId", "AwsAccountId", "Types", "CreatedAt", "UpdatedAt", "Severity", "Title", "Description", "Resources"}
	byGen := map[string]map[string]any{}
	for _, f := range batch.Findings {
		for _, k := range required {
			if v, ok := f[k]; !ok || v == "" || v == nil {
				t.Errorf("finding %v lacks required %s", f["Id"], k)
			}
		}
		id := f["Id"].(string)
		if ids[id] {
			t.Errorf("duplicate Id %s", id)
		}
		ids[id] = true
		if n := utf8.RuneCountInString(f["Title"].(string)); n > 256 {
			t.Errorf("Title has %d characters", n)
		}
		if n := utf8.RuneCountInString(f["Description"].(string)); n > 1024 {
			t.Errorf("Description has %d characters", n)
		}
		if !regexp.MustCompile(`^\d{12}$`).MatchString(f["AwsAccountId"].(string)) {
			t.Errorf("AwsAccountId %v", f["AwsAccountId"])
		}
		if got := f["SchemaVersion"]; got != "2018-10-08" {
			t.Errorf("SchemaVersion %v", got)
		}
		byGen[f["GeneratorId"].(string)] = f
	}
	tests := []struct {
		gen  string
		path []any
		want any
	}{
		{"lambdascan/GHSA-x84v-xcm2-53pg", []any{"Types", 0}, "Software and Configuration Checks/Vulnerabilities/CVE"},
		{"lambdascan/GHSA-x84v-xcm2-53pg", []any{"AwsAccountId"}, "123456789012"},
		{"lambdascan/GHSA-x84v-xcm2-53pg", []any{"Vulnerabilities", 0, "Id"}, "GHSA-x84v-xcm2-53pg"},
		{"lambdascan/GHSA-x84v-xcm2-53pg", []any{"Vulnerabilities", 0, "VulnerablePackages", 0, "Name"}, "requests"},
		{"lambdascan/GHSA-x84v-xcm2-53pg", []any{"Vulnerabilities", 0, "VulnerablePackages", 0, "FixedInVersion"}, "2.20.0"},
		{"lambdascan/GHSA-x84v-xcm2-53pg", []any{"Vulnerabilities", 0, "VulnerablePackages", 0, "PackageManager"}, "PYTHONPKG"},
		{"lambdascan/GHSA-x84v-xcm2-53pg", []any{"Vulnerabilities", 0, "VulnerablePackages", 0, "SourceLayerArn"}, layerARN},
		{"lambdascan/GHSA-x84v-xcm2-53pg", []any{"Vulnerabilities", 0, "Cvss", 0, "Version"}, "3.1"},
		{"lambdascan/GHSA-x84v-xcm2-53pg", []any{"Vulnerabilities", 0, "FixAvailable"}, "YES"},
		{"lambdascan/GHSA-x84v-xcm2-53pg", []any{"Resources", 0, "Type"}, "Other"},
		{"lambdascan/python.lambda.sql-injection", []any{"Types", 0}, "Software and Configuration Checks/Industry and Regulatory Standards"},
		{"lambdascan/python.lambda.sql-injection", []any{"Resources", 0, "Type"}, "AwsLambdaFunction"},
		{"lambdascan/python.lambda.sql-injection", []any{"Resources", 0, "Id"}, fnARN},
		{"lambdascan/python.lambda.sql-injection", []any{"Severity", "Label"}, "HIGH"},
		{"lambdascan/python.lambda.sql-injection", []any{"Vulnerabilities", 0, "CodeVulnerabilities", 0, "Cwes", 0}, "CWE-89"},
		{"lambdascan/python.lambda.sql-injection", []any{"Vulnerabilities", 0, "CodeVulnerabilities", 0, "FilePath", "StartLine"}, 14.0},
		{"lambdascan/secrets.aws-access-key", []any{"Severity", "Label"}, "CRITICAL"},
		{"lambdascan/python.crypto.weak-hash", []any{"Workflow", "Status"}, "SUPPRESSED"},
		{"lambdascan/java.lang.unsafe-deserialization", []any{"AwsAccountId"}, DefaultAWSAccount},
		{"lambdascan/java.lang.unsafe-deserialization", []any{"ProductArn"}, "arn:aws:securityhub:us-east-1:000000000000:product/000000000000/default"},
	}
	for _, tc := range tests {
		t.Run(tc.gen+"/"+fmtPath(tc.path), func(t *testing.T) {
			if diff := cmp.Diff(tc.want, at(t, byGen[tc.gen], tc.path...)); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
	// Ids come from fingerprints: moving the code keeps them.
	moved := realisticReport()
	for i := range moved.Findings {
		moved.Findings[i].Location.StartLine += 7
	}
	var a, b struct{ Findings []struct{ Id string } }
	_ = json.Unmarshal(render(t, FormatASFF, realisticReport(), Options{}), &a)
	_ = json.Unmarshal(render(t, FormatASFF, moved, Options{}), &b)
	if diff := cmp.Diff(a, b); diff != "" {
		t.Errorf("Ids changed when lines moved:\n%s", diff)
	}
}

func fmtPath(p []any) string {
	var s []string
	for _, e := range p {
		switch v := e.(type) {
		case string:
			s = append(s, v)
		case int:
			s = append(s, "#")
		}
	}
	return strings.Join(s, "/")
}

func TestInspector(t *testing.T) {
	var list struct {
		Findings []map[string]any `json:"findings"`
	}
	if err := json.Unmarshal(render(t, FormatInspector, longReport(), Options{}), &list); err != nil {
		t.Fatal(err)
	}
	// Five of six: the configuration finding has no Inspector type.
	if len(list.Findings) != 5 {
		t.Fatalf("got %d findings, want 5", len(list.Findings))
	}
	arnRE := regexp.MustCompile(`^arn:(aws[a-zA-Z-]*)?:inspector2:[a-z]{2}(-gov)?-[a-z]+-\d{1}:\d{12}:finding/[a-f0-9]{32}$`)
	byType := map[string][]map[string]any{}
	for _, f := range list.Findings {
		if !arnRE.MatchString(f["findingArn"].(string)) {
			t.Errorf("findingArn %v does not match Inspector's pattern", f["findingArn"])
		}
		if n := utf8.RuneCountInString(f["description"].(string)); n > 1024 || n == 0 {
			t.Errorf("description has %d characters", n)
		}
		if n := utf8.RuneCountInString(f["title"].(string)); n > 256 {
			t.Errorf("title has %d characters", n)
		}
		if len(f["resources"].([]any)) == 0 {
			t.Errorf("finding without resources")
		}
		byType[f["type"].(string)] = append(byType[f["type"].(string)], f)
	}
	if n := len(byType[InspectorCodeVulnerability]); n != 4 {
		t.Errorf("%d code vulnerabilities, want 4 (code and secret findings)", n)
	}
	pkgs := byType[InspectorPackageVulnerability]
	if len(pkgs) != 1 {
		t.Fatalf("%d package vulnerabilities, want 1", len(pkgs))
	}
	p := pkgs[0]
	tests := []struct {
		path []any
		want any
	}{
		{[]any{"title"}, "GHSA-x84v-xcm2-53pg - requests"},
		{[]any{"severity"}, "HIGH"},
		{[]any{"fixAvailable"}, "YES"},
		{[]any{"inspectorScore"}, 7.5},
		{[]any{"packageVulnerabilityDetails", "vulnerabilityId"}, "GHSA-x84v-xcm2-53pg"},
		{[]any{"packageVulnerabilityDetails", "relatedVulnerabilities", 0}, "CVE-2018-18074"},
		{[]any{"packageVulnerabilityDetails", "vulnerablePackages", 0, "name"}, "requests"},
		{[]any{"packageVulnerabilityDetails", "vulnerablePackages", 0, "version"}, "2.19.0"},
		{[]any{"packageVulnerabilityDetails", "vulnerablePackages", 0, "fixedInVersion"}, "2.20.0"},
		{[]any{"packageVulnerabilityDetails", "vulnerablePackages", 0, "sourceLambdaLayerArn"}, layerARN},
		{[]any{"packageVulnerabilityDetails", "vulnerablePackages", 0, "packageManager"}, "PYTHONPKG"},
		{[]any{"packageVulnerabilityDetails", "cvss", 0, "scoringVector"}, "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N"},
		{[]any{"resources", 0, "type"}, "AWS_LAMBDA_FUNCTION"},
	}
	for _, tc := range tests {
		t.Run(fmtPath(tc.path), func(t *testing.T) {
			if diff := cmp.Diff(tc.want, at(t, p, tc.path...)); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
	for _, c := range byType[InspectorCodeVulnerability] {
		d := c["codeVulnerabilityDetails"].(map[string]any)
		for _, k := range []string{"cwes", "detectorId", "detectorName", "filePath", "ruleId"} {
			if _, ok := d[k]; !ok {
				t.Errorf("%v: codeVulnerabilityDetails lacks %s", d["ruleId"], k)
			}
		}
		fp := d["filePath"].(map[string]any)
		if fp["startLine"].(float64) < 1 || fp["endLine"].(float64) < fp["startLine"].(float64) {
			t.Errorf("%v: bad lines %v", d["ruleId"], fp)
		}
	}
}

func TestPackageManager(t *testing.T) {
	tests := []struct {
		p    finding.Package
		want string
	}{
		{finding.Package{Ecosystem: "PyPI", Source: "python/dist-info"}, "PYTHONPKG"},
		{finding.Package{Ecosystem: "PyPI", Source: "python/requirements"}, "PIP"},
		{finding.Package{Ecosystem: "PyPI", Location: finding.Location{Path: "Pipfile.lock"}}, "PIPENV"},
		{finding.Package{Ecosystem: "PyPI", Location: finding.Location{Path: "poetry.lock"}}, "POETRY"},
		{finding.Package{Ecosystem: "npm", Source: "npm/package-lock"}, "NPM"},
		{finding.Package{Ecosystem: "npm", Location: finding.Location{Path: "yarn.lock"}}, "YARN"},
		{finding.Package{Ecosystem: "npm", Source: "npm/node_modules"}, "NODEPKG"},
		{finding.Package{Ecosystem: "Maven", Source: "java/pom-properties"}, "POM"},
		{finding.Package{Ecosystem: "Maven", Source: "java/jar-manifest"}, "JAR"},
		{finding.Package{Ecosystem: "crates.io"}, ""},
	}
	for _, tc := range tests {
		t.Run(tc.want+"/"+tc.p.Source+tc.p.Location.Path, func(t *testing.T) {
			if got := packageManager(&tc.p); got != tc.want {
				t.Errorf("packageManager(%+v) = %q, want %q", tc.p, got, tc.want)
			}
		})
	}
}
