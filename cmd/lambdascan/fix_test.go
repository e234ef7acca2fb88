package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// copyTree copies a directory into a temporary one.
func copyTree(t *testing.T, src string) string {
	t.Helper()
	dst := filepath.Join(t.TempDir(), filepath.Base(src))
	err := filepath.WalkDir(src, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		target := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(target, data, 0o640)
	})
	if err != nil {
		t.Fatal(err)
	}
	return dst
}

func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			data, _ := os.ReadFile(p)
			out[p] = string(data)
		}
		return nil
	})
	return out
}

func TestFixDryRunWritesNothing(t *testing.T) {
	dir := copyTree(t, filepath.Join(examples, "java-report-exporter"))
	before := snapshot(t, dir)
	code, out, stderr := runCLI(t, "fix", "--dry-run", dir)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(out, `+            MessageDigest md = MessageDigest.getInstance("SHA-256");`) {
		t.Errorf("dry run shows no diff:\n%s", out)
	}
	after := snapshot(t, dir)
	if len(before) != len(after) {
		t.Fatalf("dry run created or removed files")
	}
	for p, b := range before {
		if after[p] != b {
			t.Errorf("dry run changed %s", p)
		}
	}
}

func TestFixAppliesAndRescans(t *testing.T) {
	dir := copyTree(t, filepath.Join(examples, "java-report-exporter"))
	before := snapshot(t, dir)
	code, out, stderr := runCLI(t, "fix", dir)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	// The MD5 digest (a template fix) and the SQL query built from the
	// event (a fix function: a PreparedStatement).
	if !strings.Contains(out, "Re-scan: 2 of 2 fixed findings are gone.") {
		t.Errorf("no re-scan summary:\n%s", out)
	}
	after := snapshot(t, dir)
	changed := 0
	for p, b := range before {
		if after[p] != b {
			changed++
			if !strings.HasSuffix(p, "ExportHandler.java") {
				t.Errorf("fix changed %s", p)
			}
			if !strings.Contains(after[p], `getInstance("SHA-256");`) || strings.Contains(after[p], `getInstance("MD5")`) ||
				!strings.Contains(after[p], `conn.prepareStatement("SELECT total FROM invoices WHERE tenant = ? AND month = ?")`) {
				t.Errorf("fix not applied in %s", p)
			}
			st, _ := os.Stat(p)
			if st.Mode().Perm() != 0o640 {
				t.Errorf("file mode changed to %v", st.Mode().Perm())
			}
		}
	}
	if changed != 1 || len(after) != len(before) {
		t.Errorf("%d files changed, %d → %d files", changed, len(before), len(after))
	}
	// Nothing left to fix.
	_, out, _ = runCLI(t, "fix", dir)
	if !strings.Contains(out, "No fixable findings.") {
		t.Errorf("second run:\n%s", out)
	}
}

func TestFixRefusesArchivesAndFiltersRules(t *testing.T) {
	zip := zipDir(t, filepath.Join(examples, "java-report-exporter"))
	code, _, stderr := runCLI(t, "fix", zip)
	if code != exitError || !strings.Contains(stderr, "archives are never modified") {
		t.Errorf("archive: exit %d, stderr %q", code, stderr)
	}
	dir := copyTree(t, filepath.Join(examples, "java-report-exporter"))
	_, out, _ := runCLI(t, "fix", "--rule", "python.*", dir)
	if !strings.Contains(out, "No fixable findings.") {
		t.Errorf("--rule filter ignored:\n%s", out)
	}
}

func TestFixRespectsConfigSuppressions(t *testing.T) {
	dir := copyTree(t, filepath.Join(examples, "java-report-exporter"))
	os.WriteFile(filepath.Join(dir, ".lambdascan.yaml"), []byte("suppressions:\n  - rule: java.weak-message-digest\n    reason: the digest is a cache key, agreed in SEC-3\n"), 0o644)
	code, out, stderr := runCLI(t, "fix", dir)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	data, _ := os.ReadFile(filepath.Join(dir, "src/main/java/com/example/reports/ExportHandler.java"))
	if !strings.Contains(string(data), `getInstance("MD5")`) {
		t.Errorf("fix rewrote a finding the config suppresses:\n%s", out)
	}
	if !strings.Contains(string(data), "prepareStatement") {
		t.Errorf("the unsuppressed SQL finding was not fixed:\n%s", out)
	}
}
