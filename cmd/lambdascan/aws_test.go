package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/lambdascan/lambdascan/awsscan/awsfake"
	"github.com/lambdascan/lambdascan/engine/finding"
)

// awsTestEnv points the SDK's default chain at static fake credentials and
// nothing else.
func awsTestEnv(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("AWS_ACCESS_KEY_ID", "AKIDFAKEFAKEFAKE")
	t.Setenv("AWS_SECRET_ACCESS_KEY", "fakesecret")
	t.Setenv("AWS_SESSION_TOKEN", "")
	t.Setenv("AWS_PROFILE", "")
	t.Setenv("AWS_REGION", "us-east-1")
	t.Setenv("AWS_CONFIG_FILE", filepath.Join(dir, "config"))
	t.Setenv("AWS_SHARED_CREDENTIALS_FILE", filepath.Join(dir, "credentials"))
	t.Setenv("AWS_EC2_METADATA_DISABLED", "true")
	t.Setenv("AWS_ENDPOINT_URL", "")
}

func awsTestFake(t *testing.T) *awsfake.Server {
	f := awsfake.New(t)
	app, err := awsfake.BuildZip(map[string]string{
		"app.py": "import os\n\nGITHUB_TOKEN = \"ghp_R8x2Kq9LmZ4vT7wYp3Nc6Hj1Bf5Dg0Se8Ua2\"\n\ndef handler(event, context):\n    return os.environ\n",
	})
	if err != nil {
		t.Fatal(err)
	}
	recent := time.Now().Add(-24 * time.Hour)
	f.Functions = []*awsfake.Function{
		{Name: "cli-api", Runtime: "python3.12", LastModified: recent, Zip: app, URLAuth: "NONE"},
		{Name: "cli-image", PackageType: "Image", LastModified: recent},
		{Name: "cli-excluded", Runtime: "python3.12", LastModified: recent, Zip: app,
			Tags: map[string]string{"InspectorExclusion": "LambdaStandardScanning", "InspectorCodeExclusion": "LambdaCodeScanning"}},
	}
	return f
}

func TestAWSCommand(t *testing.T) {
	awsTestEnv(t)
	f := awsTestFake(t)
	out := filepath.Join(t.TempDir(), "report.json")
	var stdout, stderr bytes.Buffer
	err := runAWS(context.Background(), []string{"--endpoint-url", f.URL, "--region", "us-east-1",
		"--cache-dir", t.TempDir(), "--format", "json", "-o", out, "--fail-on", "none"}, &stdout, &stderr)
	if err != nil {
		t.Fatalf("runAWS: %v\n%s", err, stderr.String())
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	var rep struct {
		Findings []finding.Finding  `json:"findings"`
		Coverage []finding.Coverage `json:"coverage"`
	}
	if err := json.Unmarshal(data, &rep); err != nil {
		t.Fatal(err)
	}
	var cov []string
	for _, c := range rep.Coverage {
		cov = append(cov, c.Function+" "+c.Reason)
	}
	want := []string{"cli-api SUCCESSFUL", "cli-excluded EXCLUDED_BY_TAG", "cli-image UNSUPPORTED_MEDIA_TYPE"}
	if d := cmp.Diff(want, cov); d != "" {
		t.Errorf("coverage (-want +got):\n%s", d)
	}
	var got []string
	for _, fd := range rep.Findings {
		got = append(got, fd.Location.Input+" "+string(fd.Kind)+" "+fd.Properties["functionArn"])
		text := fd.Message
		if fd.Snippet != nil {
			text += fd.Snippet.Text()
		}
		if strings.Contains(text, "R8x2Kq9LmZ4vT7wY") {
			t.Errorf("unmasked token in finding %s", fd.RuleID)
		}
	}
	arn := f.ARN("cli-api")
	for _, w := range []string{"cli-api config " + arn, "cli-api secret " + arn} {
		found := false
		for _, g := range got {
			found = found || g == w
		}
		if !found {
			t.Errorf("no finding %q in %v", w, got)
		}
	}
	if !strings.Contains(stderr.String(), "3 functions: 1 scanned, 1 excluded, 0 stale, 1 unsupported, 0 failed") {
		t.Errorf("summary missing from stderr:\n%s", stderr.String())
	}
}

func TestAWSCommandTable(t *testing.T) {
	awsTestEnv(t)
	f := awsTestFake(t)
	var stdout, stderr bytes.Buffer
	err := runAWS(context.Background(), []string{"--endpoint-url", f.URL, "--list", "--no-cache"}, &stdout, &stderr)
	if !errors.Is(err, errFindings) {
		t.Fatalf("runAWS --list: err = %v, want errFindings (the public URL)\n%s", err, stderr.String())
	}
	for _, w := range []string{"Coverage (3 functions)", "cli-api", "PENDING_INITIAL_SCAN", "EXCLUDED_BY_TAG", "UNSUPPORTED_MEDIA_TYPE"} {
		if !strings.Contains(stdout.String(), w) {
			t.Errorf("table lacks %q:\n%s", w, stdout.String())
		}
	}
	if f.TotalDownloads() != 0 {
		t.Errorf("--list downloaded %d zips", f.TotalDownloads())
	}
}

func TestAWSCommandUsage(t *testing.T) {
	awsTestEnv(t)
	for _, args := range [][]string{
		{"extra-arg"},
		{"--region", "us-east-1", "--all-regions"},
		{"--format", "nope"},
		{"--scanners", "code,nope"},
		{"--metrics-protocol", "xml"},
		{"--function", "[bad"},
		{"--no-such-flag"},
	} {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			err := runAWS(context.Background(), args, &bytes.Buffer{}, &bytes.Buffer{})
			if !errors.Is(err, errUsage) {
				t.Errorf("err = %v, want a usage error", err)
			}
		})
	}
}
