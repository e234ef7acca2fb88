// Package ziptest builds zip archives in memory for tests, including the
// malformed and hostile ones (traversal names, symlinks, bombs) that
// lambdascan must survive.
package ziptest

import (
	"archive/zip"
	"bytes"
	"hash/crc32"
	"io/fs"
	"testing"
)

// Entry is one entry to write.
type Entry struct {
	Name    string
	Body    []byte
	Mode    fs.FileMode // 0: regular file
	Declare uint64      // when set, the uncompressed size written in the header (a lie)
}

// Build returns the bytes of a zip with the given entries.
func Build(t testing.TB, entries ...Entry) []byte {
	t.Helper()
	var buf bytes.Buffer
	w := zip.NewWriter(&buf)
	for _, e := range entries {
		h := &zip.FileHeader{Name: e.Name, Method: zip.Deflate}
		if e.Mode != 0 {
			h.SetMode(e.Mode)
		}
		if e.Declare != 0 {
			// Write the body stored (uncompressed) with a lying header.
			h.Method = zip.Store
			h.CRC32 = crc32.ChecksumIEEE(e.Body)
			h.CompressedSize64 = uint64(len(e.Body))
			h.UncompressedSize64 = e.Declare
			fw, err := w.CreateRaw(h)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := fw.Write(e.Body); err != nil {
				t.Fatal(err)
			}
			continue
		}
		fw, err := w.CreateHeader(h)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := fw.Write(e.Body); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// Files is a shorthand: name → content, regular files only.
func Files(t testing.TB, files map[string]string) []byte {
	t.Helper()
	var es []Entry
	for n, b := range files {
		es = append(es, Entry{Name: n, Body: []byte(b)})
	}
	return Build(t, es...)
}
