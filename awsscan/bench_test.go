package awsscan

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/lambdascan/lambdascan/awsscan/awsfake"
)

// BenchmarkRunFake measures a whole run against the fake Lambda service:
// 200 functions (50 per page) sharing 4 layers, each with its own code,
// fetched, verified, cached and handed to the test scanner. Reported as
// functions per second. Every iteration starts with an empty cache, so
// every zip is downloaded.
func BenchmarkRunFake(b *testing.B) {
	f := awsfake.New(b)
	f.PageSize = 50
	const n, layers = 200, 4
	for l := range layers {
		z, err := awsfake.BuildZip(map[string]string{"python/requirements.txt": "urllib3==1.24.1\n"})
		if err != nil {
			b.Fatal(err)
		}
		f.Layers[f.LayerARN(fmt.Sprintf("layer%d", l), 1)] = &awsfake.Layer{Zip: z}
	}
	for i := range n {
		z, err := awsfake.BuildZip(map[string]string{
			"app.py":           fmt.Sprintf("KEY = \"AKIAIOSFODNN7EXAMPLE\"\n# function %d\n", i),
			"requirements.txt": "requests==2.19.0\n",
		})
		if err != nil {
			b.Fatal(err)
		}
		f.Functions = append(f.Functions, &awsfake.Function{Name: fmt.Sprintf("fn-%03d", i), Runtime: "python3.12",
			LastModified: testNow.Add(-time.Hour), Zip: z, Layers: []string{f.LayerARN(fmt.Sprintf("layer%d", i%layers), 1)}})
	}
	sc := &testScanner{calls: map[string]int{}}
	b.ResetTimer()
	for b.Loop() {
		opts := runOpts(f, sc, b.TempDir())
		opts.Workers = 16
		res, err := Run(context.Background(), opts)
		if err != nil {
			b.Fatal(err)
		}
		if res.Summary.Scanned != n {
			b.Fatalf("scanned %d of %d", res.Summary.Scanned, n)
		}
	}
	b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "functions/s")
}
