package main

import (
	"context"
	"io"
	"testing"

	"github.com/lambdascan/lambdascan/bench/corpus"
	"github.com/lambdascan/lambdascan/engine/input"
	"github.com/lambdascan/lambdascan/engine/scan"
	"github.com/lambdascan/lambdascan/internal/ziptest"
)

// BenchmarkScanAllPasses scans a generated 8 MB corpus of realistic handlers
// from an in-memory zip with every pass (code rules and taint, secrets,
// deps) as `lambdascan scan` runs them. MB/s is in the output.
func BenchmarkScanAllPasses(b *testing.B) {
	files := corpus.Generate(1, 8<<20)
	var entries []ziptest.Entry
	size := 0
	for _, f := range files {
		entries = append(entries, ziptest.Entry{Name: f.Name, Body: []byte(f.Body)})
		size += len(f.Body)
	}
	data := ziptest.Build(b, entries...)
	cfg := &scanConfig{scanners: allScanners, maxFileSize: 10 << 20, dbDir: b.TempDir()}
	passes, masker, closeAll, err := buildPasses(context.Background(), cfg, io.Discard)
	if err != nil {
		b.Fatal(err)
	}
	defer closeAll()
	b.SetBytes(int64(size))
	b.ReportAllocs()
	for b.Loop() {
		in, err := input.FromZipBytes("corpus.zip", data, input.Options{})
		if err != nil {
			b.Fatal(err)
		}
		if _, err := scan.Run(context.Background(), scan.Options{Passes: passes, Masker: masker}, []*input.Input{in}); err != nil {
			b.Fatal(err)
		}
	}
}
