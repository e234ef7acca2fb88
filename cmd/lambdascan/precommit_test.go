package main

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestPreCommitHook runs this repository's .pre-commit-hooks.yaml through
// the real pre-commit framework (`pre-commit try-repo`, which also takes
// uncommitted changes) on a fixture repository. pre-commit builds the hook
// with `go install`; the test points it at the local module cache with
// GOPROXY=off, so nothing is downloaded. try-repo copies tracked files with
// their uncommitted changes but not untracked files: a new package must be
// `git add`ed before this test can build it.
func TestPreCommitHook(t *testing.T) {
	if testing.Short() {
		t.Skip("builds lambdascan inside pre-commit: skipped with -short")
	}
	if _, err := exec.LookPath("pre-commit"); err != nil {
		t.Skip("pre-commit is not installed (apt-get install pre-commit); .ci/run installs it")
	}
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	repo := t.TempDir()
	files := map[string]string{
		"fn/requirements.txt":     "boto3==1.34.0\n",
		"fn/app.py":               "from helpers import run\n\n\ndef handler(event, context):\n    run.archive(event[\"pathParameters\"][\"id\"])\n    return {\"statusCode\": 200}\n",
		"fn/helpers/__init__.py":  "",
		"fn/helpers/run.py":       "import subprocess\n\n\ndef archive(name):\n    subprocess.run(\"tar czf /tmp/\" + name + \".tgz /tmp/data\", shell=True, check=True)\n",
		"fn/clean.py":             "def handler(event, context):\n    return {\"statusCode\": 204}\n",
		".pre-commit-config.yaml": "repos:\n  - repo: " + root + "\n    rev: HEAD\n    hooks:\n      - id: lambdascan\n",
	}
	for name, body := range files {
		p := filepath.Join(repo, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	gomodcache, err := exec.Command("go", "env", "GOMODCACHE").Output()
	if err != nil {
		t.Fatal(err)
	}
	env := append(os.Environ(), "GOPROXY=off", "GOFLAGS=-mod=mod", "GOMODCACHE="+strings.TrimSpace(string(gomodcache)),
		"PRE_COMMIT_HOME="+filepath.Join(t.TempDir(), "pre-commit-home"), "GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@t",
		"GIT_COMMITTER_NAME=t", "GIT_COMMITTER_EMAIL=t@t")
	sh := func(timeout time.Duration, name string, args ...string) (string, int) {
		ctx, cancel := context.WithTimeout(context.Background(), timeout)
		defer cancel()
		cmd := exec.CommandContext(ctx, name, args...)
		cmd.Dir = repo
		cmd.Env = env
		out, err := cmd.CombinedOutput()
		if ctx.Err() != nil {
			t.Fatalf("%s %v timed out:\n%s", name, args, out)
		}
		if ee, ok := err.(*exec.ExitError); ok {
			return string(out), ee.ExitCode()
		} else if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		return string(out), 0
	}
	for _, args := range [][]string{{"init", "-q"}, {"add", "-A"}, {"commit", "-qm", "fixture"}} {
		if out, code := sh(time.Minute, "git", args...); code != 0 {
			t.Fatalf("git %v: %s", args, out)
		}
	}
	out, code := sh(8*time.Minute, "pre-commit", "try-repo", root, "lambdascan", "--files", "fn/app.py", "fn/helpers/run.py")
	if code != 1 || !strings.Contains(out, "python.lambda-command-injection") || !strings.Contains(out, "app.py:5:17") {
		t.Fatalf("pre-commit on the vulnerable files: exit %d, want 1 with the cross-module flow:\n%s", code, out)
	}
	out, code = sh(8*time.Minute, "pre-commit", "try-repo", root, "lambdascan", "--files", "fn/clean.py")
	if code != 0 || !strings.Contains(out, "Passed") {
		t.Fatalf("pre-commit on a clean file: exit %d, want 0:\n%s", code, out)
	}
}
