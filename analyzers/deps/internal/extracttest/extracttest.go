// Package extracttest runs table-driven tests of extractors over the
// fixtures in analyzers/deps/testdata, so each format's test is a table of
// files and the exact packages expected from them.
package extracttest

import (
	"context"
	"errors"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/lambdascan/lambdascan/analyzers/deps/extract"
	"github.com/lambdascan/lambdascan/engine/finding"
)

// Case is one fixture and what an extractor must make of it.
type Case struct {
	Name string
	// File is the fixture, relative to analyzers/deps/testdata. It is also
	// the Input.Path unless Path is set.
	File string
	// Path, when set, is the path the file is presented under (to test
	// layer and archive paths with the same content).
	Path string
	// Want is the exact list of packages, in order.
	Want []finding.Package
	// WantErr says Extract must return an error; WantMalformed that the
	// error wraps extract.ErrMalformed.
	WantErr, WantMalformed bool
}

// Dir returns the absolute path of analyzers/deps/testdata.
func Dir() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..", "testdata")
}

// Read reads a fixture.
func Read(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(Dir(), filepath.FromSlash(name)))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// Siblings returns a ReadSibling that reads fixtures by their path under
// testdata.
func Siblings() func(string) ([]byte, error) {
	return func(name string) ([]byte, error) {
		if !path.IsAbs("/"+name) || path.Clean(name) != name {
			return nil, errors.New("unclean path " + name)
		}
		return os.ReadFile(filepath.Join(Dir(), filepath.FromSlash(name)))
	}
}

// Run checks that e wants each case's path and extracts exactly Want.
func Run(t *testing.T, e extract.Extractor, cases []Case) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.Name, func(t *testing.T) {
			p := c.Path
			if p == "" {
				p = c.File
			}
			if !e.FileRequired(p) {
				t.Errorf("FileRequired(%q) = false, want true", p)
			}
			in := extract.Input{Path: p, Content: Read(t, c.File), ReadSibling: Siblings()}
			got, err := e.Extract(context.Background(), in)
			switch {
			case c.WantErr && err == nil:
				t.Errorf("Extract: no error, want one")
			case !c.WantErr && err != nil:
				t.Errorf("Extract: %v", err)
			case c.WantMalformed && !errors.Is(err, extract.ErrMalformed):
				t.Errorf("Extract error %v does not wrap ErrMalformed", err)
			}
			if diff := cmp.Diff(c.Want, got); diff != "" {
				t.Errorf("packages (-want +got):\n%s", diff)
			}
		})
	}
}

// FileRequired checks FileRequired on paths it must and must not want.
func FileRequired(t *testing.T, e extract.Extractor, yes, no []string) {
	t.Helper()
	for _, p := range yes {
		if !e.FileRequired(p) {
			t.Errorf("FileRequired(%q) = false, want true", p)
		}
	}
	for _, p := range no {
		if e.FileRequired(p) {
			t.Errorf("FileRequired(%q) = true, want false", p)
		}
	}
}

// Pkg builds an expected package with an explicit purl.
func Pkg(eco, name, version, purl, file, source string, conf finding.Confidence, line int) finding.Package {
	return finding.Package{Ecosystem: eco, Name: name, Version: version, PURL: purl,
		Location: finding.Location{Path: file, StartLine: line}, Source: source, Confidence: conf}
}
