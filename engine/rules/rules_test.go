package rules

import (
	"io/fs"
	"os"
	"testing"

	rulepack "github.com/lambdascan/lambdascan/rules"
)

// TestEmbeddedRules runs every built-in rule against its annotated tests.
func TestEmbeddedRules(t *testing.T) {
	res, err := TestDir(rulepack.FS, ".")
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Rules) == 0 {
		t.Fatal("no embedded rules")
	}
	for _, rr := range res.Rules {
		t.Run(rr.ID, func(t *testing.T) {
			for _, n := range rr.Notes {
				t.Log(n)
			}
			for _, f := range rr.Failures {
				t.Error(f)
			}
			t.Logf("%d firing, %d quiet cases in %v", rr.Fired, rr.Quiet, rr.Tests)
		})
	}
}

func osDir(dir string) fs.FS { return os.DirFS(dir) }
