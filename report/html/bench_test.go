package html

import (
	"fmt"
	"io"
	"testing"
)

// BenchmarkWrite renders a report of 2,000 findings spread over 20
// functions and 400 files.
func BenchmarkWrite(b *testing.B) {
	base := fixtureReport()
	r := *base
	r.Findings = nil
	for i := range 2000 {
		f := base.Findings[i%len(base.Findings)]
		f.Function = fmt.Sprintf("fn-%02d", i%20)
		f.Location.Path = fmt.Sprintf("src/mod%03d.py", i%400)
		f.Location.StartLine = i
		r.Findings = append(r.Findings, f)
	}
	b.ReportAllocs()
	for b.Loop() {
		if err := Write(io.Discard, &r, Options{}); err != nil {
			b.Fatal(err)
		}
	}
	var n countWriter
	_ = Write(&n, &r, Options{})
	b.ReportMetric(float64(n)/1e6, "MB/page")
}

type countWriter int

func (c *countWriter) Write(p []byte) (int, error) { *c += countWriter(len(p)); return len(p), nil }
