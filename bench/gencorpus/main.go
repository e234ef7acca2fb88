// Command gencorpus writes a corpus of realistic, varied Lambda handlers in
// Python, JavaScript, TypeScript and Java (see package corpus) for
// lambdascan's throughput and memory benchmarks.
package main

import (
	"flag"
	"fmt"
	"log"
	"os"
	"path/filepath"

	"github.com/lambdascan/lambdascan/bench/corpus"
)

func main() {
	out := flag.String("o", "bench/out/corpus", "output directory")
	sizeMB := flag.Int("mb", 50, "approximate corpus size in MB")
	seed := flag.Uint64("seed", 1, "random seed")
	flag.Parse()
	total := 0
	for _, f := range corpus.Generate(*seed, *sizeMB<<20) {
		p := filepath.Join(*out, filepath.FromSlash(f.Name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			log.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(f.Body), 0o644); err != nil {
			log.Fatal(err)
		}
		total += len(f.Body)
	}
	fmt.Printf("wrote %.1f MB to %s\n", float64(total)/(1<<20), *out)
}
