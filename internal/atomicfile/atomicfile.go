// Package atomicfile writes files so that a reader sees either the old
// content or the new, never half of either: the report written with -o,
// files changed by `lambdascan fix`, the AWS code cache and the
// vulnerability database's records all go through it.
package atomicfile

import (
	"bytes"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
)

// Write creates a temporary file beside name, lets write fill it, gives it
// perm and renames it over name. On any error the temporary file is removed
// and name is left as it was.
func Write(name string, perm fs.FileMode, write func(io.Writer) error) (err error) {
	tmp, err := os.CreateTemp(filepath.Dir(name), "."+filepath.Base(name)+".tmp-*")
	if err != nil {
		return fmt.Errorf("write %s: %w", name, err)
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if err := write(tmp); err != nil {
		return err
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("write %s: %w", name, err)
	}
	if err := os.Chmod(tmp.Name(), perm); err != nil {
		return fmt.Errorf("write %s: %w", name, err)
	}
	if err := os.Rename(tmp.Name(), name); err != nil {
		return fmt.Errorf("write %s: %w", name, err)
	}
	return nil
}

// WriteBytes writes data to name atomically (see Write).
func WriteBytes(name string, perm fs.FileMode, data []byte) error {
	return Write(name, perm, func(w io.Writer) error {
		_, err := io.Copy(w, bytes.NewReader(data))
		return err
	})
}
