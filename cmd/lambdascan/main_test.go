package main

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/lambdascan/lambdascan/report/sarifcheck"
)

// runCLI runs the program in-process and returns its exit code and output.
func runCLI(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(context.Background(), args, &out, &errb)
	return code, out.String(), errb.String()
}

const examples = "../../testdata/examples"

// zipDir zips a directory into a temporary .zip and returns its path.
func zipDir(t *testing.T, dir string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), filepath.Base(dir)+".zip")
	f, err := os.Create(p)
	if err != nil {
		t.Fatal(err)
	}
	w := zip.NewWriter(f)
	err = filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, path)
		fw, err := w.Create(filepath.ToSlash(rel))
		if err != nil {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		_, err = fw.Write(data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	f.Close()
	return p
}

type jsonReport struct {
	Findings []struct {
		RuleID   string `json:"ruleId"`
		Kind     string `json:"kind"`
		Location struct {
			Input     string `json:"input"`
			Path      string `json:"path"`
			StartLine int    `json:"startLine"`
		} `json:"location"`
		Fingerprint string `json:"fingerprint"`
	} `json:"findings"`
	Notifications []struct {
		Code  string `json:"code"`
		Input string `json:"input"`
		Path  string `json:"path"`
	} `json:"notifications"`
}

func scanJSON(t *testing.T, args ...string) (int, jsonReport) {
	t.Helper()
	code, out, stderr := runCLI(t, append([]string{"scan", "--format", "json"}, args...)...)
	var r jsonReport
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatalf("bad JSON (%v); stderr: %s\n%s", err, stderr, out)
	}
	return code, r
}

// keys describes findings without their input name, so a directory and a
// zip of it compare equal.
func keys(r jsonReport) []string {
	var out []string
	for _, f := range r.Findings {
		out = append(out, f.RuleID+" "+f.Location.Path+":"+strconv.Itoa(f.Location.StartLine))
	}
	slices.Sort(out)
	return out
}

func TestExamplesDirAndZipAgree(t *testing.T) {
	for _, ex := range []string{"python-orders-api", "node-thumbnailer", "java-report-exporter"} {
		t.Run(ex, func(t *testing.T) {
			dir := filepath.Join(examples, ex)
			dcode, drep := scanJSON(t, dir)
			zcode, zrep := scanJSON(t, zipDir(t, dir))
			if len(drep.Findings) == 0 {
				t.Fatalf("no findings in the %s example", ex)
			}
			if dcode != exitFindings || zcode != exitFindings {
				t.Errorf("exit codes %d/%d, want %d", dcode, zcode, exitFindings)
			}
			if diff := cmp.Diff(keys(drep), keys(zrep)); diff != "" {
				t.Errorf("zip findings differ from dir (-dir +zip):\n%s", diff)
			}
		})
	}
}

func TestSARIFValidates(t *testing.T) {
	for _, ex := range []string{"python-orders-api", "node-thumbnailer", "java-report-exporter"} {
		t.Run(ex, func(t *testing.T) {
			code, out, stderr := runCLI(t, "scan", "--format", "sarif", filepath.Join(examples, ex))
			if code == exitError {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			if err := sarifcheck.ValidateSARIF([]byte(out)); err != nil {
				t.Fatalf("SARIF does not validate: %v", err)
			}
			var doc struct {
				Runs []struct {
					Results []struct {
						CodeFlows []any `json:"codeFlows"`
					} `json:"results"`
				} `json:"runs"`
			}
			if err := json.Unmarshal([]byte(out), &doc); err != nil || len(doc.Runs) != 1 || len(doc.Runs[0].Results) == 0 {
				t.Fatalf("no results in the SARIF (%v): a validating empty run proves nothing", err)
			}
			flows := 0
			for _, r := range doc.Runs[0].Results {
				flows += len(r.CodeFlows)
			}
			if flows == 0 {
				t.Errorf("no codeFlows: every example has a taint flow from the event")
			}
			if strings.Contains(out, "AKIAIOSFODNN7EXAMPLE") || strings.Contains(out, "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY") {
				t.Error("SARIF carries an unmasked secret")
			}
		})
	}
}

func TestNoSecretInAnyFormat(t *testing.T) {
	for _, format := range []string{"table", "json", "sarif", "csv"} {
		_, out, _ := runCLI(t, "scan", "--format", format, "--explain-files", filepath.Join(examples, "python-orders-api"))
		if strings.Contains(out, "AKIAIOSFODNN7EXAMPLE") || strings.Contains(out, "bPxRfiCYEXAMPLEKEY") {
			t.Errorf("%s output carries an unmasked secret", format)
		}
		// The finding is there, masked: an empty report would pass the
		// check above.
		if !strings.Contains(out, "AKIA****************") {
			t.Errorf("%s output lacks the masked key", format)
		}
	}
}

func TestExitCodes(t *testing.T) {
	clean := t.TempDir()
	os.WriteFile(filepath.Join(clean, "app.py"), []byte("def handler(event, context):\n    return {'statusCode': 200}\n"), 0o644)
	tests := []struct {
		name string
		args []string
		want int
	}{
		{"clean code", []string{"scan", clean}, exitOK},
		{"findings", []string{"scan", filepath.Join(examples, "python-orders-api")}, exitFindings},
		{"fail-on none", []string{"scan", "--fail-on", "none", filepath.Join(examples, "python-orders-api")}, exitOK},
		{"bad flag", []string{"scan", "--nope", clean}, exitError},
		{"bad format", []string{"scan", "--format", "xml", clean}, exitError},
		{"bad severity", []string{"scan", "--fail-on", "severe", clean}, exitError},
		{"no path", []string{"scan"}, exitError},
		{"missing path", []string{"scan", filepath.Join(clean, "missing.zip")}, exitError},
		{"unknown command", []string{"frobnicate"}, exitError},
		{"version", []string{"version"}, exitOK},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, stderr := runCLI(t, tt.args...)
			if code != tt.want {
				t.Errorf("exit %d, want %d; stderr: %s", code, tt.want, stderr)
			}
		})
	}
}

func TestMissingPathStillScansTheRest(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "nope.zip")
	code, rep := scanJSON(t, missing, filepath.Join(examples, "python-orders-api"))
	if code != exitError {
		t.Errorf("exit %d, want %d", code, exitError)
	}
	if len(rep.Findings) == 0 {
		t.Error("the readable input was not scanned")
	}
	found := false
	for _, n := range rep.Notifications {
		found = found || (n.Code == "input-unreadable" && n.Input == missing)
	}
	if !found {
		t.Errorf("no input-unreadable notification for %s: %+v", missing, rep.Notifications)
	}
}

func TestOutputFileOnly(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "report.sarif")
	code, stdout, stderr := runCLI(t, "scan", "--format", "sarif", "-o", out, filepath.Join(examples, "node-thumbnailer"))
	if code == exitError {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if stdout != "" {
		t.Errorf("stdout not empty with -o: %q", stdout)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 || entries[0].Name() != "report.sarif" {
		t.Errorf("files written: %v, want only report.sarif", entries)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if err := sarifcheck.ValidateSARIF(data); err != nil {
		t.Error(err)
	}
}

func TestLayerFindingsAreMarked(t *testing.T) {
	layer := t.TempDir()
	os.MkdirAll(filepath.Join(layer, "python", "shared"), 0o755)
	os.WriteFile(filepath.Join(layer, "python", "shared", "config.py"),
		[]byte("AWS_ACCESS_KEY_ID = 'AKIAIOSFODNN7EXAMPLE'\nAWS_SECRET_ACCESS_KEY = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'\n"), 0o644)
	code, out, stderr := runCLI(t, "scan", "--format", "json", "--layer", layer, filepath.Join(examples, "node-thumbnailer"))
	if code == exitError {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var r struct {
		Findings []struct {
			Layer    string `json:"layer"`
			Location struct{ Input, Path string }
		} `json:"findings"`
	}
	json.Unmarshal([]byte(out), &r)
	n := 0
	for _, f := range r.Findings {
		if f.Location.Input == layer {
			n++
			if f.Layer != layer {
				t.Errorf("finding in %s not marked as from the layer: %+v", f.Location.Path, f)
			}
		}
	}
	if n == 0 {
		t.Errorf("no findings from the layer; output:\n%s", out)
	}
}

func TestFormatFromOutputName(t *testing.T) {
	dir := t.TempDir()
	for name, want := range map[string]string{"r.sarif": `"version": "2.1.0"`, "r.csv": "Severity,", "r.html": "<!DOCTYPE html>"} {
		out := filepath.Join(dir, name)
		if code, _, stderr := runCLI(t, "scan", "-o", out, filepath.Join(examples, "python-orders-api")); code == exitError {
			t.Fatal(stderr)
		}
		data, _ := os.ReadFile(out)
		if !strings.Contains(string(data), want) {
			t.Errorf("-o %s did not pick its format from the name: %.80q", name, data)
		}
	}
	// An explicit --format wins.
	out := filepath.Join(dir, "r2.sarif")
	runCLI(t, "scan", "--format", "json", "-o", out, filepath.Join(examples, "python-orders-api"))
	if data, _ := os.ReadFile(out); !strings.Contains(string(data), `"findings"`) {
		t.Error("--format json was overridden by the file name")
	}
}
