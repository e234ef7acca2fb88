package vulndb

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	bolt "go.etcd.io/bbolt"

	"github.com/lambdascan/lambdascan/engine/finding"
)

var fullZips = []string{
	filepath.Join("testdata", "osv", "full", "PyPI-all.zip"),
	filepath.Join("testdata", "osv", "full", "npm-all.zip"),
	filepath.Join("testdata", "osv", "full", "Maven-all.zip"),
}

type ecoCount struct {
	Eco               string
	Records, Packages int
}

func counts(st Status) []ecoCount {
	var out []ecoCount
	for _, e := range st.Ecosystems {
		out = append(out, ecoCount{e.Ecosystem, e.Records, e.Packages})
	}
	return out
}

// TestImportFull imports the three full export zips and checks the counts:
// PyPI 2,661 records less 10 withdrawn; npm 34; Maven 28, of which
// GHSA-f2jv-r9rf-7988 is also npm's (stored once, indexed under both).
// The package-name counts were computed independently from the zips with
// a Python script (PEP 503 names, withdrawn records left out).
func TestImportFull(t *testing.T) {
	dir := t.TempDir()
	if err := Import(context.Background(), dir, fullZips...); err != nil {
		t.Fatal(err)
	}
	db, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	st, err := db.Status()
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]ecoCount{{"PyPI", 2651, 660}, {"npm", 34, 23}, {"Maven", 28, 29}}, counts(st)); diff != "" {
		t.Errorf("counts (-want +got):\n%s", diff)
	}
	if st.Records != 2651+34+28-1 {
		t.Errorf("distinct records = %d", st.Records)
	}
	if st.Skipped != 0 {
		t.Errorf("skipped = %d", st.Skipped)
	}
	abs, _ := filepath.Abs(fullZips[0])
	if st.Ecosystems[0].Source != abs || st.Ecosystems[0].UpdatedAt.IsZero() || st.Age < 0 || st.Age > time.Hour {
		t.Errorf("status = %+v", st)
	}
	if w := db.StaleWarning(0); w != "" {
		t.Errorf("fresh store warns: %q", w)
	}
	db.now = func() time.Time { return time.Now().Add(8 * 24 * time.Hour) }
	if w := db.StaleWarning(0); !strings.Contains(w, "8 days") || !strings.Contains(w, "lambdascan db update") {
		t.Errorf("stale warning = %q", w)
	}
	if a := db.Age(); a < 8*24*time.Hour {
		t.Errorf("Age = %v", a)
	}
	for _, id := range []string{"PYSEC-2022-43059", "PYSEC-2023-73"} { // withdrawn
		if got := getRecord(t, db, id); got {
			t.Errorf("withdrawn %s stored", id)
		}
	}
}

func getRecord(t *testing.T, db *DB, id string) bool {
	t.Helper()
	var found bool
	_ = db.bdb.View(func(tx *bolt.Tx) error {
		found = tx.Bucket(bucketRecords).Get([]byte(id)) != nil
		return nil
	})
	return found
}

func TestOpenNoDB(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "nothing")
	_, err := Open(dir)
	if !errors.Is(err, ErrNoDB) {
		t.Fatalf("err = %v, want ErrNoDB", err)
	}
	want := "no vulnerability database at " + dir + ": run `lambdascan db update` or `lambdascan db import FILE`"
	if err.Error() != want {
		t.Errorf("message = %q", err.Error())
	}
}

func TestOpenBadFile(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, FileName), []byte("not a database at all, padding padding padding"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Open(dir); err == nil || errors.Is(err, ErrNoDB) || !strings.Contains(err.Error(), "db update") {
		t.Errorf("err = %v", err)
	}
	// An import replaces a damaged store.
	if err := Import(context.Background(), dir, filepath.Join("testdata", "osv", "ghsa", "npm")); err != nil {
		t.Fatal(err)
	}
	db, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
}

func writeJSON(t *testing.T, dir, name, body string) {
	t.Helper()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
}

func matchIDs(t *testing.T, dir string, p finding.Package) []string {
	t.Helper()
	db, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	fs, _, err := db.Match(context.Background(), []finding.Package{p})
	if err != nil {
		t.Fatal(err)
	}
	ids := []string{}
	for _, f := range fs {
		ids = append(ids, f.RuleID+"@"+f.Vulnerability.FixedVersion)
	}
	return ids
}

// TestImportMerge checks that imports add to the store, that a newer copy
// of a record replaces the old, and that a withdrawn copy removes it.
func TestImportMerge(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	src := t.TempDir()
	rec := func(fixed, withdrawn string) string {
		w := ""
		if withdrawn != "" {
			w = `"withdrawn": "` + withdrawn + `",`
		}
		return `{"id": "LSTEST-MERGE-1", ` + w + ` "modified": "2026-01-01T00:00:00Z", "affected": [{"package": {"ecosystem": "npm", "name": "lsfixture-merge"},
			"ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "` + fixed + `"}]}]}]}`
	}
	p := finding.Package{Ecosystem: "npm", Name: "lsfixture-merge", Version: "1.0.0"}

	writeJSON(t, filepath.Join(src, "a"), "LSTEST-MERGE-1.json", rec("1.5.0", ""))
	if err := Import(ctx, dir, filepath.Join(src, "a")); err != nil {
		t.Fatal(err)
	}
	if err := Import(ctx, dir, filepath.Join("testdata", "osv", "ghsa", "npm")); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"LSTEST-MERGE-1@1.5.0"}, matchIDs(t, dir, p)); diff != "" {
		t.Errorf("after two imports (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"CVE-2021-44906@1.2.6"}, matchIDs(t, dir, finding.Package{Ecosystem: "npm", Name: "minimist", Version: "1.2.5"})); diff != "" {
		t.Errorf("second import (-want +got):\n%s", diff)
	}

	writeJSON(t, filepath.Join(src, "b"), "LSTEST-MERGE-1.json", rec("2.0.0", ""))
	if err := Import(ctx, dir, filepath.Join(src, "b")); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"LSTEST-MERGE-1@2.0.0"}, matchIDs(t, dir, p)); diff != "" {
		t.Errorf("after replacement (-want +got):\n%s", diff)
	}

	writeJSON(t, filepath.Join(src, "c"), "LSTEST-MERGE-1.json", rec("2.0.0", "2026-02-01T00:00:00Z"))
	if err := Import(ctx, dir, filepath.Join(src, "c")); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{}, matchIDs(t, dir, p)); diff != "" {
		t.Errorf("after withdrawal (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"CVE-2021-44906@1.2.6"}, matchIDs(t, dir, finding.Package{Ecosystem: "npm", Name: "minimist", Version: "1.2.5"})); diff != "" {
		t.Errorf("other records kept (-want +got):\n%s", diff)
	}
}

// TestImportSkips checks that unreadable JSON is counted, unsupported
// ecosystems and stray JSON files are skipped, and the rest imported.
func TestImportSkips(t *testing.T) {
	dir := t.TempDir()
	src := t.TempDir()
	broken, err := os.ReadFile(filepath.Join("testdata", "osv", "synthetic", "broken.json.txt"))
	if err != nil {
		t.Fatal(err)
	}
	writeJSON(t, src, "broken.json", string(broken))
	writeJSON(t, src, "MANIFEST.json", `[{"id": "x"}]`)
	writeJSON(t, src, "notes.txt", `not json`)
	for _, f := range []string{"LSTEST-2026-0006.json", "LSTEST-2026-0001.json"} { // NuGet-only, npm
		b, err := os.ReadFile(filepath.Join("testdata", "osv", "synthetic", f))
		if err != nil {
			t.Fatal(err)
		}
		writeJSON(t, filepath.Join(src, "sub"), f, string(b))
	}
	if err := Import(context.Background(), dir, src); err != nil {
		t.Fatal(err)
	}
	db, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	st, _ := db.Status()
	if diff := cmp.Diff([]ecoCount{{"npm", 1, 1}}, counts(st)); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if st.Records != 1 || st.Skipped != 2 {
		t.Errorf("records %d skipped %d", st.Records, st.Skipped)
	}
}

// TestImportAtomic checks that failed and cancelled imports leave the old
// store as it was, with no temporary files behind.
func TestImportAtomic(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	if err := Import(ctx, dir, filepath.Join("testdata", "osv", "ghsa")); err != nil {
		t.Fatal(err)
	}
	before, err := os.ReadFile(filepath.Join(dir, FileName))
	if err != nil {
		t.Fatal(err)
	}
	corrupt := filepath.Join(t.TempDir(), "all.zip")
	if err := os.WriteFile(corrupt, []byte("PK\x03\x04 this is not really a zip"), 0o644); err != nil {
		t.Fatal(err)
	}
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	tests := []struct {
		name  string
		ctx   context.Context
		paths []string
	}{
		{"missing file", ctx, []string{filepath.Join("testdata", "osv", "synthetic"), "does-not-exist.zip"}},
		{"corrupt zip", ctx, []string{filepath.Join("testdata", "osv", "synthetic"), corrupt}},
		{"cancelled", cancelled, fullZips},
		{"nothing", ctx, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := Import(tt.ctx, dir, tt.paths...); err == nil {
				t.Fatal("no error")
			}
			after, err := os.ReadFile(filepath.Join(dir, FileName))
			if err != nil {
				t.Fatal(err)
			}
			if string(before) != string(after) {
				t.Error("store changed")
			}
			entries, _ := os.ReadDir(dir)
			if len(entries) != 1 {
				t.Errorf("left behind: %v", entries)
			}
			if diff := cmp.Diff([]string{"CVE-2021-44906@1.2.6"}, matchIDs(t, dir, finding.Package{Ecosystem: "npm", Name: "minimist", Version: "1.2.5"})); diff != "" {
				t.Errorf("old store (-want +got):\n%s", diff)
			}
		})
	}
}

// TestImportWhileOpen checks that a store open for a scan keeps working
// while an import replaces it, and that reopening sees the new records.
func TestImportWhileOpen(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	if err := Import(ctx, dir, filepath.Join("testdata", "osv", "ghsa", "npm")); err != nil {
		t.Fatal(err)
	}
	db, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := Import(ctx, dir, filepath.Join("testdata", "osv", "pypa")); err != nil {
		t.Fatal(err)
	}
	fs, _, err := db.Match(ctx, []finding.Package{{Ecosystem: "npm", Name: "minimist", Version: "1.2.5"}, {Ecosystem: "PyPI", Name: "requests", Version: "2.28.0"}})
	if err != nil || len(fs) != 1 {
		t.Errorf("old handle: %v %v", summarize(fs), err)
	}
	if got := matchIDs(t, dir, finding.Package{Ecosystem: "PyPI", Name: "requests", Version: "2.28.0"}); len(got) != 1 {
		t.Errorf("new store: %v", got)
	}
}

func TestNormalizeName(t *testing.T) {
	tests := []struct{ eco, in, want string }{
		{"PyPI", "Flask_SQLAlchemy", "flask-sqlalchemy"},
		{"PyPI", "zope.interface", "zope-interface"},
		{"PyPI", "a-_.b", "a-b"},
		{"PyPI", " Django ", "django"},
		{"npm", "@Scope/Pkg", "@scope/pkg"},
		{"npm", "JSONStream", "jsonstream"},
		{"Maven", "com.FasterXML.jackson.core : jackson-databind", "com.fasterxml.jackson.core:jackson-databind"},
	}
	for _, tt := range tests {
		t.Run(tt.eco+"/"+tt.in, func(t *testing.T) {
			if got := NormalizeName(tt.eco, tt.in); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestDefaultDir(t *testing.T) {
	t.Setenv("XDG_CACHE_HOME", "/tmp/lambdascan-cache-test")
	t.Setenv("HOME", "/tmp/lambdascan-home-test")
	d, err := DefaultDir()
	if err != nil {
		t.Fatal(err)
	}
	c, _ := os.UserCacheDir()
	if d != filepath.Join(c, "lambdascan", "db") {
		t.Errorf("DefaultDir = %q", d)
	}
}
