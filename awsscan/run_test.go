package awsscan

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/lambdascan/lambdascan/awsscan/awsfake"
	"github.com/lambdascan/lambdascan/engine/finding"
)

var testNow = time.Date(2026, 11, 21, 12, 0, 0, 0, time.UTC)

const handlerPy = `import os
import boto3

# Hardcoded credentials: the documented AWS example key.
ACCESS_KEY = "AKIAIOSFODNN7EXAMPLE"

def handler(event, context):
    return {"statusCode": 200}
`

const publicPolicy = `{"Version":"2012-10-17","Id":"default","Statement":[{"Sid":"FunctionURLAllowPublicAccess","Effect":"Allow","Principal":"*","Action":"lambda:InvokeFunctionUrl","Resource":"arn:aws:lambda:us-east-1:123456789012:function:orders-api","Condition":{"StringEquals":{"lambda:FunctionUrlAuthType":"NONE"}}}]}`

// fixture fills a fake with the functions every scenario test uses.
func fixture(t *testing.T) *fakeLambda {
	f := newFakeLambda(t)
	shared := f.LayerARN("common-deps", 3)
	f.Layers[shared] = &awsfake.Layer{Zip: buildZip(t, map[string]string{
		"python/requirements.txt":                          "urllib3==1.24.1\n",
		"python/lib/python3.12/site-packages/urllib3/x.py": "VERSION = '1.24.1'\n",
	})}
	recent := testNow.Add(-10 * 24 * time.Hour)
	old := testNow.Add(-200 * 24 * time.Hour)
	app := buildZip(t, map[string]string{"app.py": handlerPy, "requirements.txt": "requests==2.19.0\nboto3==1.34.0\n"})
	f.Functions = []*awsfake.Function{
		{Name: "orders-api", Runtime: "python3.12", LastModified: recent, Zip: app, Layers: []string{shared},
			URLAuth: "NONE", Policy: publicPolicy,
			Env: map[string]string{"DB_PASSWORD": "hunter2-Prod-2026!", "TABLE_NAME": "orders", "API_KEY_PARAM": "/prod/api-key"}},
		{Name: "billing-worker", Runtime: "python3.11", LastModified: old, Layers: []string{shared},
			Zip: buildZip(t, map[string]string{"worker.py": "def handler(e, c):\n    return 1\n", "requirements.txt": "requests==2.19.0\n"}),
			ESM: []string{"arn:aws:sqs:us-east-1:123456789012:billing"}},
		{Name: "old-report", Runtime: "python3.9", LastModified: old, Zip: buildZip(t, map[string]string{"r.py": "x = 1\n"})},
		{Name: "image-fn", PackageType: "Image", LastModified: recent, Zip: []byte("not a zip")},
		{Name: "denied-fn", Runtime: "python3.12", LastModified: recent, Zip: app, GetStatus: http.StatusForbidden},
		{Name: "tampered-fn", Runtime: "nodejs22.x", LastModified: recent, BadSha: true,
			Zip: buildZip(t, map[string]string{"index.js": "exports.handler = async () => 1;\n"})},
		{Name: "excluded-fn", Runtime: "python3.12", LastModified: recent, Zip: app,
			Tags: map[string]string{"InspectorExclusion": "LambdaStandardScanning", "InspectorCodeExclusion": "LambdaCodeScanning"}},
		{Name: "go-fn", Runtime: "provided.al2023", LastModified: recent, Zip: buildZip(t, map[string]string{"bootstrap": "\x7fELF"})},
		{Name: "deps-excluded", Runtime: "python3.12", LastModified: recent, Zip: app,
			Tags: map[string]string{"InspectorExclusion": "LambdaStandardScanning", "team": "payments"}},
	}
	f.Invoked["billing-worker"] = testNow.Add(-3 * 24 * time.Hour)
	return f
}

func runOpts(f *fakeLambda, sc *testScanner, cache string) Options {
	return Options{
		Config: testConfig(), Regions: []string{"us-east-1"},
		Endpoints: Endpoints{Default: f.URL},
		Passes:    PassSelection{Code: true, Secrets: true, Deps: true},
		Scanner:   sc.scan, CacheDir: cache, Workers: 4,
		MaxAttempts: 4, MaxBackoff: 5 * time.Millisecond,
		Now: func() time.Time { return testNow },
	}
}

type covRow struct {
	Function, Reason, Status string
	Code, Deps               bool
}

func TestRunFake(t *testing.T) {
	f := fixture(t)
	f.Throttle["ListFunctions"] = 1
	f.Throttle["GetFunction"] = 2
	sc := &testScanner{calls: map[string]int{}}
	cache := t.TempDir()
	res, err := Run(context.Background(), runOpts(f, sc, cache))
	if err != nil {
		t.Fatal(err)
	}
	rep := res.Report

	t.Run("coverage", func(t *testing.T) {
		var got []covRow
		for _, c := range rep.Coverage {
			got = append(got, covRow{c.Function, c.Reason, c.Status, c.CodeScanned, c.DepsScanned})
			if c.Reason == ReasonSuccessful && !c.LastScannedAt.Equal(testNow) {
				t.Errorf("%s: LastScannedAt = %v", c.Function, c.LastScannedAt)
			}
			if c.Account != "123456789012" || c.Region != "us-east-1" {
				t.Errorf("%s: account/region = %q/%q", c.Function, c.Account, c.Region)
			}
		}
		want := []covRow{
			{"billing-worker", ReasonSuccessful, StatusActive, true, true},
			{"denied-fn", ReasonAccessDenied, StatusInactive, false, false},
			{"deps-excluded", ReasonSuccessful, StatusActive, true, false},
			{"excluded-fn", ReasonExcludedByTag, StatusInactive, false, false},
			{"go-fn", ReasonUnsupportedRuntime, StatusInactive, false, false},
			{"image-fn", ReasonUnsupportedMediaType, StatusInactive, false, false},
			{"old-report", ReasonScanEligibilityExpired, StatusInactive, false, false},
			{"orders-api", ReasonSuccessful, StatusActive, true, true},
			{"tampered-fn", ReasonInternalError, StatusInactive, false, false},
		}
		if d := cmp.Diff(want, got); d != "" {
			t.Errorf("coverage (-want +got):\n%s", d)
		}
		// orders-api and deps-excluded deploy the same zip: one download,
		// one cache hit by CodeSha256.
		wantSum := Summary{Functions: 9, Scanned: 3, Excluded: 1, Stale: 1, Unsupported: 2, Failed: 2, Layers: 1,
			Downloads: 4, CacheHits: 1, Bytes: res.Summary.Bytes}
		if d := cmp.Diff(wantSum, res.Summary); d != "" {
			t.Errorf("summary (-want +got):\n%s", d)
		}
	})

	t.Run("pagination and throttling", func(t *testing.T) {
		// 9 functions, 2 per page: 5 pages plus one throttled attempt.
		if got := f.Calls("ListFunctions"); got != 6 {
			t.Errorf("ListFunctions calls = %d, want 6", got)
		}
		if f.Throttle["GetFunction"] != 0 {
			t.Error("GetFunction throttles were not consumed")
		}
	})

	t.Run("shared layer scanned and downloaded once", func(t *testing.T) {
		arn := f.LayerARN("common-deps", 3)
		if sc.calls[arn] != 1 {
			t.Errorf("layer scanned %d times, want 1", sc.calls[arn])
		}
		if n := f.Downloads("layer-" + arn); n != 1 {
			t.Errorf("layer downloaded %d times, want 1", n)
		}
		if f.Calls("GetLayerVersionByArn") != 1 {
			t.Errorf("GetLayerVersionByArn calls = %d", f.Calls("GetLayerVersionByArn"))
		}
		var on []string
		for _, fd := range rep.Findings {
			if fd.Layer == arn {
				on = append(on, fd.Location.Input+" "+fd.Location.Path+" "+fd.Properties["layerArn"]+" "+fd.Properties["functionArn"])
				if fd.Function != fd.Properties["functionArn"] {
					t.Errorf("Function %q != functionArn %q", fd.Function, fd.Properties["functionArn"])
				}
			}
		}
		want := []string{
			"billing-worker opt/python/requirements.txt " + arn + " " + f.ARN("billing-worker"),
			"orders-api opt/python/requirements.txt " + arn + " " + f.ARN("orders-api"),
		}
		if d := cmp.Diff(want, on); d != "" {
			t.Errorf("layer findings (-want +got):\n%s", d)
		}
	})

	t.Run("scores by reachability", func(t *testing.T) {
		got := map[string]string{}
		for _, fd := range rep.Findings {
			if fd.Kind == finding.KindPackage {
				var adj []string
				for _, a := range fd.Adjustments {
					if a.Delta != 0 {
						adj = append(adj, a.Metric)
					}
				}
				got[fd.Location.Input+" "+fd.Location.Path+" "+fd.RuleID] = strings.Join(append([]string{fd.Severity.String(), ftoa(fd.Score)}, adj...), " ")
			}
		}
		want := map[string]string{
			// Internet-facing through its public URL: base score.
			"orders-api requirements.txt GHSA-x84v-xcm2-53pg":            "high 7.5",
			"orders-api opt/python/requirements.txt GHSA-mh33-7rrq-662w": "high 7.4",
			// Invoked only from SQS: network vector rescored as adjacent.
			"billing-worker requirements.txt GHSA-x84v-xcm2-53pg":            "medium 6.5 MAV:A",
			"billing-worker opt/python/requirements.txt GHSA-mh33-7rrq-662w": "medium 6.8 MAV:A",
		}
		if d := cmp.Diff(want, got); d != "" {
			t.Errorf("package findings (-want +got):\n%s", d)
		}
	})

	t.Run("code findings on the function input", func(t *testing.T) {
		var got []string
		for _, fd := range rep.Findings {
			if fd.Kind == finding.KindSecret {
				got = append(got, fd.Location.Input+"/"+fd.Location.Path+" "+fd.Properties["functionArn"])
			}
		}
		want := []string{
			"deps-excluded/app.py " + f.ARN("deps-excluded"),
			"orders-api/app.py " + f.ARN("orders-api"),
		}
		if d := cmp.Diff(want, got); d != "" {
			t.Errorf("secret findings (-want +got):\n%s", d)
		}
	})

	t.Run("config findings", func(t *testing.T) {
		var got []string
		for _, fd := range rep.Findings {
			if fd.Kind == finding.KindConfig {
				got = append(got, fd.Location.Input+" "+fd.RuleID+" "+fd.Severity.String()+" "+fd.Properties["configKey"])
				if strings.Contains(fd.Message, "hunter2") {
					t.Errorf("unmasked secret in message: %s", fd.Message)
				}
			}
		}
		want := []string{
			"old-report aws-lambda-eol-runtime medium Runtime",
			"orders-api aws-lambda-env-secret high Environment.Variables.DB_PASSWORD",
			"orders-api aws-lambda-url-auth-none medium FunctionUrlConfig.AuthType",
			// nodejs22.x is deprecated on 2027-04-30, within 180 days.
			"tampered-fn aws-lambda-eol-runtime low Runtime",
		}
		if d := cmp.Diff(want, got); d != "" {
			t.Errorf("config findings (-want +got):\n%s", d)
		}
	})

	t.Run("metrics fell back to awsquery", func(t *testing.T) {
		if f.CBORCalls() == 0 || f.Calls("GetMetricData") == 0 {
			t.Errorf("cbor calls %d, query calls %d", f.CBORCalls(), f.Calls("GetMetricData"))
		}
	})

	t.Run("second run hits the cache", func(t *testing.T) {
		total := f.TotalDownloads()
		sc2 := &testScanner{calls: map[string]int{}}
		res2, err := Run(context.Background(), runOpts(f, sc2, cache))
		if err != nil {
			t.Fatal(err)
		}
		// Only the tampered function is fetched again: its bad download
		// was never cached.
		if got := f.TotalDownloads() - total; got != 1 || f.Downloads("fn-tampered-fn") != 2 {
			t.Errorf("second run downloaded %d zips, want 1 (tampered-fn)", got)
		}
		if res2.Summary.CacheHits != 4 || res2.Summary.Downloads != 1 {
			t.Errorf("summary %+v", res2.Summary)
		}
		ids := func(fs []finding.Finding) []string {
			var out []string
			for _, fd := range fs {
				out = append(out, fd.Location.Input+" "+fd.RuleID+" "+fd.Fingerprint+" "+fd.Severity.String())
			}
			return out
		}
		if len(rep.Findings) == 0 {
			t.Fatal("first run found nothing to compare")
		}
		if d := cmp.Diff(ids(rep.Findings), ids(res2.Report.Findings)); d != "" {
			t.Errorf("findings differ between runs (-first +second):\n%s", d)
		}
	})
}

func ftoa(x float64) string { return strings.TrimRight(strings.TrimRight(fmtFloat(x), "0"), ".") }

func fmtFloat(x float64) string { return strconv.FormatFloat(x, 'f', 1, 64) }
