package registry

import (
	"context"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"

	"github.com/lambdascan/lambdascan/analyzers/deps/extract"
	"github.com/lambdascan/lambdascan/analyzers/deps/internal/extracttest"
)

// TestNoPanicOnDamagedInput feeds every fixture, truncated at many points
// and with random bytes flipped, to every extractor: bad input must come
// back as an error or nothing, never a panic.
func TestNoPanicOnDamagedInput(t *testing.T) {
	var fixtures [][]byte
	root := extracttest.Dir()
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		fixtures = append(fixtures, b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	ctx := context.Background()
	for _, e := range All() {
		for fi, b := range fixtures {
			var variants [][]byte
			step := len(b)/23 + 1
			for n := 0; n <= len(b); n += step {
				variants = append(variants, b[:n])
			}
			for range 8 {
				m := append([]byte(nil), b...)
				for range 1 + len(m)/50 {
					if len(m) > 0 {
						m[rng.IntN(len(m))] = byte(rng.IntN(256))
					}
				}
				variants = append(variants, m)
			}
			for vi, v := range variants {
				func() {
					defer func() {
						if r := recover(); r != nil {
							t.Errorf("%s panicked on fixture %d variant %d: %v\n%q", e.Name(), fi, vi, r, v)
						}
					}()
					in := extract.Input{Path: fmt.Sprintf("x/%d", fi), Content: v,
						ReadSibling: func(string) ([]byte, error) { return v, nil }}
					_, _ = e.Extract(ctx, in)
				}()
			}
		}
	}
}
