package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
)

const userRule = `id: acme.no-pickle-from-s3
title: Pickle data read from S3
message: pickle.loads($X) deserialises an object from S3; use JSON.
severity: high
confidence: medium
languages: [python]
cwe: [502]
remediation: Store JSON in S3 and read it with json.loads.
pattern: pickle.loads($X)
`

const userRuleTest = `import json
import pickle


def handler(event, context):
    body = s3.get_object(Bucket="b", Key="k")["Body"].read()
    # ruleid: acme.no-pickle-from-s3
    a = pickle.loads(body)
    # ruleid: acme.no-pickle-from-s3
    b = pickle.loads(event["body"])
    # ok: acme.no-pickle-from-s3
    c = json.loads(body)
    # ok: acme.no-pickle-from-s3
    d = pickle.dumps(c)
    return a, b, d
`

// TestUserRuleFolder checks that a user's rule folder works without
// recompiling: `rules test` runs its annotated cases, and `scan --rules`
// reports its findings beside the built-in ones.
func TestUserRuleFolder(t *testing.T) {
	rules := t.TempDir()
	writeFiles(t, rules, map[string]string{
		"python/no-pickle-from-s3.yaml": userRule,
		"python/no-pickle-from-s3.py":   userRuleTest,
	})
	code, out, stderr := runCLI(t, "rules", "test", rules)
	if code != exitOK {
		t.Fatalf("rules test: exit %d\n%s\n%s", code, out, stderr)
	}
	app := t.TempDir()
	writeFiles(t, app, map[string]string{"app.py": "import pickle\n\n\ndef handler(event, context):\n    return pickle.loads(event['body'])\n"})
	code, out, stderr = runCLI(t, "scan", "--format", "json", "--rules", rules, app)
	if code == exitError {
		t.Fatal(stderr)
	}
	var r struct {
		Findings []struct {
			RuleID string `json:"ruleId"`
		} `json:"findings"`
	}
	json.Unmarshal([]byte(out), &r)
	found := false
	for _, f := range r.Findings {
		found = found || f.RuleID == "acme.no-pickle-from-s3"
	}
	if !found {
		t.Errorf("the user's rule did not fire:\n%s", out)
	}
	// A broken rule fails at load, naming the file and line.
	writeFiles(t, rules, map[string]string{"python/broken.yaml": "id: acme.broken\ntitle: x\nseverity: severe\n"})
	code, _, stderr = runCLI(t, "scan", "--rules", rules, app)
	if code != exitError || !strings.Contains(stderr, filepath.Join("python", "broken.yaml")) || !strings.Contains(stderr, ":3") {
		t.Errorf("broken rule: exit %d, stderr %q (want the file and line 3)", code, stderr)
	}
}

func TestSBOMCommand(t *testing.T) {
	for _, format := range []string{"cyclonedx", "spdx"} {
		t.Run(format, func(t *testing.T) {
			code, out, stderr := runCLI(t, "sbom", "--format", format, filepath.Join(examples, "node-thumbnailer"))
			if code != exitOK {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			var doc map[string]any
			if err := json.Unmarshal([]byte(out), &doc); err != nil {
				t.Fatal(err)
			}
			for _, want := range []string{"pkg:npm/lodash@4.17.15", "pkg:npm/minimist@1.2.0"} {
				if !strings.Contains(out, want) {
					t.Errorf("%s SBOM lacks %s", format, want)
				}
			}
			if format == "cyclonedx" && doc["specVersion"] == nil || format == "spdx" && doc["spdxVersion"] != "SPDX-2.3" {
				t.Errorf("%s SBOM has the wrong version fields: %v %v", format, doc["specVersion"], doc["spdxVersion"])
			}
		})
	}
	if code, _, _ := runCLI(t, "sbom", "--format", "swid", "."); code != exitError {
		t.Errorf("unknown SBOM format accepted")
	}
}
