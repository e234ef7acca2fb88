package scan_test

import (
	"context"
	"testing"

	"github.com/lambdascan/lambdascan/bench/corpus"
	"github.com/lambdascan/lambdascan/engine/finding"
	"github.com/lambdascan/lambdascan/engine/input"
	"github.com/lambdascan/lambdascan/engine/scan"
	"github.com/lambdascan/lambdascan/internal/ziptest"
)

// parseOnly parses every first-party file and does nothing else: the
// pipeline's floor, against which passes are measured.
type parseOnly struct{}

func (parseOnly) Name() string { return "parse" }
func (parseOnly) Wants(f *scan.File) bool {
	return f.Class == finding.ClassFirstParty && f.Lang != ""
}
func (parseOnly) Run(_ context.Context, u *scan.Unit) error {
	_, err := u.Tree()
	return err
}

// BenchmarkPipelineParseOnly measures walking, reading and parsing a
// generated 8 MB corpus from an in-memory zip (MB/s in the output).
func BenchmarkPipelineParseOnly(b *testing.B) {
	files := corpus.Generate(1, 8<<20)
	var entries []ziptest.Entry
	size := 0
	for _, f := range files {
		entries = append(entries, ziptest.Entry{Name: f.Name, Body: []byte(f.Body)})
		size += len(f.Body)
	}
	data := ziptest.Build(b, entries...)
	b.SetBytes(int64(size))
	b.ReportAllocs()
	for b.Loop() {
		in, err := input.FromZipBytes("corpus.zip", data, input.Options{})
		if err != nil {
			b.Fatal(err)
		}
		if _, err := scan.Run(context.Background(), scan.Options{Passes: []scan.Pass{parseOnly{}}}, []*input.Input{in}); err != nil {
			b.Fatal(err)
		}
	}
}
