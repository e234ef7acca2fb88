package input_test

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/lambdascan/lambdascan/engine/input"
	"github.com/lambdascan/lambdascan/internal/ziptest"
)

func codes(in *input.Input) []string {
	var out []string
	for _, p := range in.Problems {
		out = append(out, p.Code+":"+p.Path)
	}
	return out
}

func listFiles(t *testing.T, fsys fs.FS) []string {
	t.Helper()
	var out []string
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() {
			out = append(out, p)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestHostileEntriesAreLeftOut(t *testing.T) {
	data := ziptest.Build(t,
		ziptest.Entry{Name: "app.py", Body: []byte("x = 1\n")},
		ziptest.Entry{Name: "../evil.py", Body: []byte("boom\n")},
		ziptest.Entry{Name: "/etc/passwd", Body: []byte("root\n")},
		ziptest.Entry{Name: "a/../../up.py", Body: []byte("up\n")},
		ziptest.Entry{Name: `win\path.py`, Body: []byte("w\n")},
		ziptest.Entry{Name: "link.py", Body: []byte("/etc/shadow"), Mode: fs.ModeSymlink | 0o777},
		ziptest.Entry{Name: "dup.py", Body: []byte("1\n")},
		ziptest.Entry{Name: "dup.py", Body: []byte("2\n")},
	)
	in, err := input.FromZipBytes("fn.zip", data, input.Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"unsafe-path:../evil.py", "unsafe-path:/etc/passwd", "unsafe-path:a/../../up.py",
		`unsafe-path:win\path.py`, "symlink:link.py", "duplicate-entry:dup.py"}
	if diff := cmp.Diff(want, codes(in)); diff != "" {
		t.Errorf("problems (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"app.py", "dup.py"}, listFiles(t, in.FS)); diff != "" {
		t.Errorf("files (-want +got):\n%s", diff)
	}
	got, err := input.ReadFile(in.FS, "dup.py", 0)
	if err != nil || string(got) != "1\n" {
		t.Errorf("dup.py = %q, %v; want the first entry", got, err)
	}
}

func TestZipBombs(t *testing.T) {
	zeros := bytes.Repeat([]byte{0}, 20<<20) // 20 MiB of zeros deflates ~1000:1
	data := ziptest.Build(t,
		ziptest.Entry{Name: "ok.py", Body: []byte("print(1)\n")},
		ziptest.Entry{Name: "ratio.bin", Body: zeros},
		ziptest.Entry{Name: "declared.py", Body: []byte("x\n"), Declare: 8 << 30},
	)
	in, err := input.FromZipBytes("bomb.zip", data, input.Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"zip-bomb:ratio.bin", "zip-bomb:declared.py"}
	if diff := cmp.Diff(want, codes(in)); diff != "" {
		t.Errorf("problems (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"ok.py"}, listFiles(t, in.FS)); diff != "" {
		t.Errorf("files (-want +got):\n%s", diff)
	}
}

func TestTotalSizeLimit(t *testing.T) {
	body := bytes.Repeat([]byte("abcdefgh"), 1000)
	data := ziptest.Build(t,
		ziptest.Entry{Name: "a.txt", Body: body},
		ziptest.Entry{Name: "b.txt", Body: body},
		ziptest.Entry{Name: "c.txt", Body: body},
	)
	in, err := input.FromZipBytes("big.zip", data, input.Options{MaxTotalSize: 20000})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"zip-bomb:c.txt"}, codes(in)); diff != "" {
		t.Errorf("problems (-want +got):\n%s", diff)
	}
}

func TestEntryLyingAboutItsSize(t *testing.T) {
	// The header says 10 bytes; the data holds 5000. Reading must fail
	// rather than hand back more than was declared.
	data := ziptest.Build(t, ziptest.Entry{Name: "liar.py", Body: bytes.Repeat([]byte("x"), 5000), Declare: 10})
	in, err := input.FromZipBytes("liar.zip", data, input.Options{})
	if err != nil {
		t.Fatal(err)
	}
	got, err := input.ReadFile(in.FS, "liar.py", 1<<20)
	if err == nil && len(got) > 10 {
		t.Fatalf("read %d bytes from an entry declaring 10", len(got))
	}
}

func TestCorruptZip(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "broken.zip")
	good := ziptest.Files(t, map[string]string{"a.py": "x=1\n"})
	if err := os.WriteFile(p, good[:len(good)/2], 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := input.Open(p, input.Options{})
	if err == nil || !strings.Contains(err.Error(), "not a valid zip archive") {
		t.Fatalf("err = %v, want a clear 'not a valid zip archive' error", err)
	}
}

func TestOpenKinds(t *testing.T) {
	dir := t.TempDir()
	if _, err := input.Open(filepath.Join(dir, "nope"), input.Options{}); !errors.Is(err, input.ErrNotFound) {
		t.Errorf("missing path: err = %v, want ErrNotFound", err)
	}
	txt := filepath.Join(dir, "notes.txt")
	os.WriteFile(txt, []byte("hello"), 0o644)
	if _, err := input.Open(txt, input.Options{}); !errors.Is(err, input.ErrUnsupported) {
		t.Errorf("text file: err = %v, want ErrUnsupported", err)
	}
	jar := filepath.Join(dir, "app.jar")
	os.WriteFile(jar, ziptest.Files(t, map[string]string{"META-INF/MANIFEST.MF": "Manifest-Version: 1.0\n"}), 0o644)
	in, err := input.Open(jar, input.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	if in.Kind != input.KindJar {
		t.Errorf("kind = %q, want jar", in.Kind)
	}
	d, err := input.Open(dir, input.Options{})
	if err != nil || d.Kind != input.KindDir {
		t.Fatalf("dir: %v %v", d, err)
	}
}

func TestNestedDepth(t *testing.T) {
	inner := ziptest.Files(t, map[string]string{"x.py": "x=1\n"})
	mid := ziptest.Build(t, ziptest.Entry{Name: "inner.zip", Body: inner})
	outer, err := input.FromZipBytes("outer.zip", ziptest.Build(t, ziptest.Entry{Name: "mid.zip", Body: mid}), input.Options{MaxDepth: 2})
	if err != nil {
		t.Fatal(err)
	}
	midFS, _, err := input.OpenNested(outer.FS, "mid.zip", "mid.zip", 2, outer.Options)
	if err != nil {
		t.Fatalf("depth 2 should open: %v", err)
	}
	if _, _, err := input.OpenNested(midFS, "inner.zip", "mid.zip!/inner.zip", 3, outer.Options); err == nil {
		t.Fatal("depth 3 opened with MaxDepth 2")
	}
}

func TestFunctionRoot(t *testing.T) {
	repo := t.TempDir()
	os.MkdirAll(filepath.Join(repo, ".git"), 0o755)
	fn := filepath.Join(repo, "services", "orders")
	os.MkdirAll(filepath.Join(fn, "orders"), 0o755)
	os.WriteFile(filepath.Join(fn, "requirements.txt"), []byte("boto3==1.34.0\n"), 0o644)
	os.MkdirAll(filepath.Join(repo, "scripts"), 0o755)
	tests := map[string]string{
		filepath.Join(fn, "orders", "db.py"):        fn,
		filepath.Join(fn, "app.py"):                 fn,
		filepath.Join(repo, "scripts", "deploy.py"): filepath.Join(repo, "scripts"),
	}
	for file, want := range tests {
		if got := input.FunctionRoot(file); got != want {
			t.Errorf("FunctionRoot(%s) = %s, want %s", file, got, want)
		}
	}
}
