package report

import (
	"fmt"
	"io"
	"testing"

	"github.com/lambdascan/lambdascan/engine/finding"
)

// bigReport repeats the realistic findings over many files: n findings.
func bigReport(n int) *finding.Report {
	r := realisticReport()
	base := r.Findings
	r.Findings = make([]finding.Finding, 0, n)
	for i := range n {
		f := base[i%len(base)]
		f.Location.Path = fmt.Sprintf("src/mod%03d/%s", i/len(base)%500, f.Location.Path)
		f.Location.StartLine += i / len(base)
		f.Fingerprint = fmt.Sprintf("%016x:1", i)
		r.Findings = append(r.Findings, f)
	}
	return r
}

func BenchmarkWrite(b *testing.B) {
	r := bigReport(10000)
	for _, format := range Formats() {
		b.Run(format, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if err := Write(io.Discard, format, r, Options{ShowFixes: true}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
