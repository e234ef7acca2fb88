package atomicfile

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"
)

func TestWrite(t *testing.T) {
	dir := t.TempDir()
	name := filepath.Join(dir, "report.json")
	if err := os.WriteFile(name, []byte("old"), 0o600); err != nil {
		t.Fatal(err)
	}
	boom := errors.New("boom")
	err := Write(name, 0o644, func(w io.Writer) error {
		io.WriteString(w, "half")
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("err = %v, want boom", err)
	}
	if got, _ := os.ReadFile(name); string(got) != "old" {
		t.Errorf("a failed write changed the file to %q", got)
	}
	if err := WriteBytes(name, 0o640, []byte("new")); err != nil {
		t.Fatal(err)
	}
	got, _ := os.ReadFile(name)
	st, _ := os.Stat(name)
	if string(got) != "new" || st.Mode().Perm() != 0o640 {
		t.Errorf("file = %q, mode %v", got, st.Mode().Perm())
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("temporary files left behind: %v", entries)
	}
}
