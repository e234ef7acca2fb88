// Package input opens what a user asks lambdascan to scan — a directory, a
// deployment package zip, a layer zip, a jar — as an fs.FS that the rest of
// the engine reads in place, without extracting anything to disk.
//
// Archives are hostile input. Entries with absolute or parent-relative
// paths, symlinks, and entries whose declared or actual size breaks the
// limits (zip bombs) are left out and reported as notifications, never
// followed or written anywhere. Nested archives (a jar in a zip) are opened
// by OpenNested up to a bounded depth.
package input

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/lambdascan/lambdascan/engine/finding"
)

// Kinds of input.
const (
	KindDir = "dir"
	KindZip = "zip"
	KindJar = "jar"
)

// Options bounds what an archive may cost to read.
type Options struct {
	// MaxEntries is the most entries an archive may have (0: 100,000).
	MaxEntries int
	// MaxTotalSize is the most uncompressed bytes all entries of one archive
	// may declare together (0: 1 GiB); entries past it are left out.
	MaxTotalSize int64
	// MaxEntrySize is the most uncompressed bytes one entry may declare
	// (0: 256 MiB). Larger entries are left out.
	MaxEntrySize int64
	// MaxRatio is the highest compression ratio an entry larger than 1 MiB
	// may have (0: 200). Higher ratios are zip bombs.
	MaxRatio int64
	// MaxNestedSize is the largest nested archive read into memory (0: 64 MiB).
	MaxNestedSize int64
	// MaxDepth is how deep archives nest (0: 3; the outer archive is depth 1).
	MaxDepth int
}

func (o Options) withDefaults() Options {
	if o.MaxEntries == 0 {
		o.MaxEntries = 100_000
	}
	if o.MaxTotalSize == 0 {
		o.MaxTotalSize = 1 << 30
	}
	if o.MaxEntrySize == 0 {
		o.MaxEntrySize = 256 << 20
	}
	if o.MaxRatio == 0 {
		o.MaxRatio = 200
	}
	if o.MaxNestedSize == 0 {
		o.MaxNestedSize = 64 << 20
	}
	if o.MaxDepth == 0 {
		o.MaxDepth = 3
	}
	return o
}

// Input is one thing to scan.
type Input struct {
	// Name identifies the input in findings: the path as the user gave it,
	// or a function name for code fetched from AWS.
	Name string
	// Kind is KindDir, KindZip or KindJar.
	Kind string
	// Layer marks a Lambda layer; LayerARN names it when known.
	Layer    bool
	LayerARN string
	// Function is the Lambda function (name or ARN) the input belongs to.
	Function string
	// Root is the directory on disk for KindDir inputs, "" otherwise.
	Root string
	// FS reads the input's files.
	FS fs.FS
	// Problems found while opening (bad entries left out).
	Problems []finding.Notification
	// Size is the size of the archive on disk or in memory (0 for dirs).
	Size int64
	// Options the input was opened with (used for nested archives).
	Options Options

	closer io.Closer
}

// LayerName names the layer for findings: its ARN when known, else its name.
func (in *Input) LayerName() string {
	if in.LayerARN != "" {
		return in.LayerARN
	}
	return in.Name
}

// Close releases the input's file handle, if any.
func (in *Input) Close() error {
	if in.closer != nil {
		return in.closer.Close()
	}
	return nil
}

// ErrNotFound is returned when a path names nothing on disk.
var ErrNotFound = errors.New("no such file or directory")

// ErrUnsupported is returned for a file that is neither a directory nor a
// zip archive.
var ErrUnsupported = errors.New("not a directory, .zip or .jar")

// IsArchiveName reports whether a file name looks like a zip-format archive
// lambdascan opens (deployment zips, layer zips, jars, wars, ears).
func IsArchiveName(name string) bool {
	switch strings.ToLower(path.Ext(name)) {
	case ".zip", ".jar", ".war", ".ear":
		return true
	}
	return false
}

// Open opens a directory, .zip or .jar on disk.
func Open(p string, opts Options) (*Input, error) {
	opts = opts.withDefaults()
	st, err := os.Stat(p)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("open %s: %w", p, ErrNotFound)
		}
		return nil, fmt.Errorf("open %s: %w", p, err)
	}
	if st.IsDir() {
		abs, err := filepath.Abs(p)
		if err != nil {
			return nil, fmt.Errorf("open %s: %w", p, err)
		}
		return &Input{Name: p, Kind: KindDir, Root: abs, FS: os.DirFS(abs), Options: opts}, nil
	}
	f, err := os.Open(p)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", p, err)
	}
	in, err := newZipInput(p, f, st.Size(), opts, 1)
	if err != nil {
		f.Close()
		if !IsArchiveName(p) {
			return nil, fmt.Errorf("open %s: %w", p, ErrUnsupported)
		}
		return nil, fmt.Errorf("open %s: %w", p, err)
	}
	in.closer = f
	return in, nil
}

// FromZipBytes opens an in-memory zip (code fetched from AWS) as an input.
func FromZipBytes(name string, data []byte, opts Options) (*Input, error) {
	in, err := newZipInput(name, bytes.NewReader(data), int64(len(data)), opts.withDefaults(), 1)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", name, err)
	}
	return in, nil
}

// OpenNested opens an archive found inside another input as a file system.
// depth is the depth of the nested archive (the outer one is 1). It reads
// the archive into memory, bounded by MaxNestedSize.
func OpenNested(parent fs.FS, name string, display string, depth int, opts Options) (fs.FS, []finding.Notification, error) {
	opts = opts.withDefaults()
	if depth > opts.MaxDepth {
		return nil, nil, fmt.Errorf("archive nesting deeper than %d levels: not opened", opts.MaxDepth)
	}
	data, err := ReadFile(parent, name, opts.MaxNestedSize)
	if err != nil {
		return nil, nil, err
	}
	in, err := newZipInput(display, bytes.NewReader(data), int64(len(data)), opts, depth)
	if err != nil {
		return nil, nil, err
	}
	return in.FS, in.Problems, nil
}

// ErrTooLarge is returned when a file is larger than the caller's limit.
var ErrTooLarge = errors.New("file too large")

// ReadFile reads a whole file, refusing files over max bytes (0: no limit).
// The limit is enforced on the bytes actually read, not only on the declared
// size, so an archive entry that lies about its size cannot exhaust memory.
func ReadFile(fsys fs.FS, name string, max int64) ([]byte, error) {
	f, err := fsys.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var r io.Reader = f
	if max > 0 {
		if st, err := f.Stat(); err == nil && st.Size() > max {
			return nil, fmt.Errorf("%s: %w (%d bytes, limit %d)", name, ErrTooLarge, st.Size(), max)
		}
		r = io.LimitReader(f, max+1)
	}
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", name, err)
	}
	if max > 0 && int64(len(data)) > max {
		return nil, fmt.Errorf("%s: %w (more than %d bytes)", name, ErrTooLarge, max)
	}
	return data, nil
}

// newZipInput validates the entries of a zip archive and returns an input
// whose FS holds only the safe ones.
func newZipInput(name string, r io.ReaderAt, size int64, opts Options, depth int) (*Input, error) {
	zr, err := zip.NewReader(r, size)
	if err != nil && !errors.Is(err, zip.ErrInsecurePath) {
		return nil, fmt.Errorf("not a valid zip archive: %w", err)
	}
	kind := KindZip
	if strings.EqualFold(path.Ext(name), ".jar") {
		kind = KindJar
	}
	in := &Input{Name: name, Kind: kind, Size: size, Options: opts}
	problem := func(code, entry, msg string) {
		in.Problems = append(in.Problems, finding.Notification{
			Level: finding.LevelWarning, Code: code, Input: name, Path: entry, Message: msg})
	}
	if len(zr.File) > opts.MaxEntries {
		problem("zip-bomb", "", fmt.Sprintf("archive has %d entries, more than the limit of %d: only the first %d are read",
			len(zr.File), opts.MaxEntries, opts.MaxEntries))
		zr.File = zr.File[:opts.MaxEntries]
	}
	var total uint64
	kept := zr.File[:0:0]
	seen := make(map[string]bool, len(zr.File))
	for _, f := range zr.File {
		n := f.Name
		switch {
		case !safeEntryName(n):
			problem("unsafe-path", n, fmt.Sprintf("entry %q has an absolute or parent-relative path: left out, never extracted", n))
			continue
		case f.Mode()&fs.ModeSymlink != 0:
			problem("symlink", n, fmt.Sprintf("entry %q is a symbolic link: not followed", n))
			continue
		case f.Mode().IsDir() || strings.HasSuffix(n, "/"):
			kept = append(kept, f)
			continue
		case seen[n]:
			problem("duplicate-entry", n, fmt.Sprintf("entry %q appears more than once: only the first is read", n))
			continue
		}
		seen[n] = true
		us := f.UncompressedSize64
		if us > uint64(opts.MaxEntrySize) {
			problem("zip-bomb", n, fmt.Sprintf("entry %q declares %d bytes uncompressed, more than the limit of %d: left out", n, us, opts.MaxEntrySize))
			continue
		}
		if us > 1<<20 && f.CompressedSize64 > 0 && us/f.CompressedSize64 > uint64(opts.MaxRatio) {
			problem("zip-bomb", n, fmt.Sprintf("entry %q expands %d times (%d → %d bytes), beyond the limit of %d: left out as a likely zip bomb",
				n, us/f.CompressedSize64, f.CompressedSize64, us, opts.MaxRatio))
			continue
		}
		if us > 1<<20 && f.CompressedSize64 == 0 {
			problem("zip-bomb", n, fmt.Sprintf("entry %q declares %d bytes from nothing: left out", n, us))
			continue
		}
		if total+us > uint64(opts.MaxTotalSize) {
			problem("zip-bomb", n, fmt.Sprintf("archive expands to more than %d bytes: entry %q and later ones left out", opts.MaxTotalSize, n))
			continue
		}
		total += us
		kept = append(kept, f)
	}
	// zip.Reader builds its fs.FS view from File on first Open, so
	// filtering File here removes the unsafe entries from the view.
	zr.File = kept
	in.FS = zr
	return in, nil
}

// safeEntryName reports whether a zip entry name stays inside the archive's
// root when extracted anywhere.
func safeEntryName(n string) bool {
	if n == "" || strings.Contains(n, "\\") || strings.HasPrefix(n, "/") || strings.ContainsRune(n, 0) {
		return false
	}
	if len(n) >= 2 && n[1] == ':' { // C:...
		return false
	}
	for _, part := range strings.Split(strings.TrimSuffix(n, "/"), "/") {
		if part == ".." {
			return false
		}
	}
	return true
}
