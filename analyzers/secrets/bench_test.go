package secrets

import (
	"context"
	"os"
	"testing"
)

// BenchmarkScanMinified scans a 10 MB single-line bundle dense with
// secret-ish keywords and three planted tokens.
func BenchmarkScanMinified(b *testing.B) {
	plant := []string{crcToken("ghp_", "b1"), "AKIA" + fake(base32, 16, "b2")}
	content, _ := minifiedBundle(10<<20, plant)
	d := NewDetector(Options{})
	b.SetBytes(int64(len(content)))
	b.ReportAllocs()
	for b.Loop() {
		fs, _ := d.Scan(context.Background(), "dist/bundle.min.js", content)
		if len(fs) != len(plant) {
			b.Fatalf("got %d findings", len(fs))
		}
	}
}

// BenchmarkScanTypicalHandler scans the fixture handler.py (a typical
// small Lambda handler with a few secrets).
func BenchmarkScanTypicalHandler(b *testing.B) {
	content, err := os.ReadFile("testdata/lambda/handler.py")
	if err != nil {
		b.Fatal(err)
	}
	d := NewDetector(Options{})
	b.SetBytes(int64(len(content)))
	b.ReportAllocs()
	for b.Loop() {
		d.Scan(context.Background(), "handler.py", content)
	}
}
