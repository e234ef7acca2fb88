package main

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/lambdascan/lambdascan/engine/parse"
	"github.com/lambdascan/lambdascan/report/sarifcheck"
)

// TestFixCorpus scans a copy of the labelled corpus, checks that the SARIF
// carrying its fixes validates, applies every fix with `lambdascan fix`,
// and checks that the re-scan no longer reports the fixed findings and that
// every changed file still parses.
func TestFixCorpus(t *testing.T) {
	langs, _ := os.ReadDir(corpusDir)
	for _, l := range langs {
		if !l.IsDir() {
			continue
		}
		t.Run(l.Name(), func(t *testing.T) {
			dir := copyTree(t, filepath.Join(corpusDir, l.Name()))
			code, sarif, stderr := runCLI(t, "scan", "--scanners", "code", "--format", "sarif", dir)
			if code == exitError {
				t.Fatal(stderr)
			}
			if !strings.Contains(sarif, `"fixes"`) {
				t.Skip("no fixable findings in this corpus")
			}
			if err := sarifcheck.ValidateSARIF([]byte(sarif)); err != nil {
				t.Fatalf("SARIF with fixes does not validate: %v", err)
			}
			before := snapshot(t, dir)
			code, out, stderr := runCLI(t, "fix", dir)
			if code != exitOK {
				t.Fatalf("fix: exit %d: %s\n%s", code, stderr, out)
			}
			m := regexp.MustCompile(`Re-scan: (\d+) of (\d+) fixed findings are gone`).FindStringSubmatch(out)
			if m == nil {
				t.Fatalf("no re-scan summary:\n%s", out)
			}
			gone, total := atoiT(t, m[1]), atoiT(t, m[2])
			t.Logf("%s: %d of %d fixed findings gone", l.Name(), gone, total)
			if gone != total || total == 0 {
				t.Errorf("%d of %d fixed findings are gone:\n%s", gone, total, out)
			}
			if strings.Contains(out, "refused") {
				t.Errorf("a fix was refused:\n%s", out)
			}
			p := parse.NewParser(0)
			defer p.Close()
			for path, old := range before {
				data, _ := os.ReadFile(path)
				if string(data) == old {
					continue
				}
				lang := parse.ForPath(path)
				if lang == parse.None {
					continue
				}
				tree, err := p.Parse(context.Background(), lang, data)
				if err != nil {
					t.Fatal(err)
				}
				oldTree, _ := p.Parse(context.Background(), lang, []byte(old))
				_, badNow := tree.FirstError()
				_, badBefore := oldTree.FirstError()
				if badNow && !badBefore {
					t.Errorf("%s no longer parses after the fixes", path)
				}
				tree.Close()
				oldTree.Close()
			}
		})
	}
}

func atoiT(t *testing.T, s string) int {
	n, err := strconv.Atoi(s)
	if err != nil {
		t.Fatal(err)
	}
	return n
}
