package secrets

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/lambdascan/lambdascan/engine/finding"
	"github.com/lambdascan/lambdascan/engine/input"
	"github.com/lambdascan/lambdascan/engine/scan"
)

func TestPassWants(t *testing.T) {
	p := New(Options{MaxFileSize: 1 << 20})
	tests := []struct {
		path  string
		class finding.FileClass
		size  int64
		want  bool
	}{
		{"handler.py", finding.ClassFirstParty, 100, true},
		{"dist/index.min.js", finding.ClassGenerated, 5 << 10, true},
		{".env", finding.ClassOther, 100, true},
		{"config/settings.yaml", finding.ClassOther, 100, true},
		{"node_modules/aws-sdk/index.js", finding.ClassThirdParty, 100, false},
		{"python/lib/python3.12/site-packages/requests/api.py", finding.ClassThirdParty, 100, false},
		{"tests/fixture.py", finding.ClassExcluded, 100, false},
		{"handler.py", finding.ClassFirstParty, 2 << 20, false},
		{"assets/logo.png", finding.ClassOther, 100, false},
		{"lib/app.jar!/application.properties", finding.ClassOther, 100, true},
		{"lib/app.jar!/com/x/App.class", finding.ClassOther, 100, false},
		{"bin/bootstrap", finding.ClassOther, 100, true}, // no extension: content sniffing decides
	}
	for _, tt := range tests {
		f := &scan.File{Path: tt.path, Class: tt.class, Size: tt.size}
		if got := p.Wants(f); got != tt.want {
			t.Errorf("Wants(%s, %s, %d) = %v, want %v", tt.path, tt.class, tt.size, got, tt.want)
		}
	}
	if p.Name() != "secrets" {
		t.Errorf("Name() = %q", p.Name())
	}
}

// TestPassInPipeline runs the pass through the real scan pipeline over the
// fixture package: node_modules is left out, the bundle is scanned, and no
// raw secret reaches the report (snippets are masked by the pass itself).
func TestPassInPipeline(t *testing.T) {
	root := filepath.Join("testdata", "lambda")
	in, err := input.Open(root, input.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	p := New(Options{})
	rep, err := scan.Run(context.Background(), scan.Options{Passes: []scan.Pass{p}, Masker: p, Workers: 2}, []*input.Input{in})
	if err != nil {
		t.Fatal(err)
	}
	type loc struct {
		Path, Rule string
		Line       int
	}
	var got []loc
	for _, f := range rep.Findings {
		got = append(got, loc{f.Location.Path, f.RuleID, f.Location.StartLine})
	}
	want := []loc{
		{".env", "secrets.generic-password", 4}, {".env", "secrets.generic-secret", 5}, {".env", "secrets.stripe-secret-key", 6},
		{"application.properties", "secrets.jdbc-password", 2}, {"application.properties", "secrets.generic-crypto-key", 4},
		{"config.json", "secrets.generic-password", 6},
		{"dist/index.min.js", "secrets.aws-access-key-id", 1}, {"dist/index.min.js", "secrets.aws-secret-access-key", 1},
		{"dist/index.min.js", "secrets.generic-secret", 1},
		{"handler.py", "secrets.aws-access-key-id", 9}, {"handler.py", "secrets.aws-secret-access-key", 10},
		{"handler.py", "secrets.aws-access-key-id", 17}, {"handler.py", "secrets.database-url-password", 21},
		{"settings.yaml", "secrets.database-url-password", 8}, {"settings.yaml", "secrets.generic-secret", 11},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("pipeline findings (-want +got):\n%s", diff)
	}
	// Every reported secret value must be absent from the whole report.
	js, err := json.Marshal(rep)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range rep.Findings {
		b, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(f.Location.Path)))
		if err != nil {
			t.Fatal(err)
		}
		line := []rune(strings.Split(string(b), "\n")[f.Location.StartLine-1])
		secret := string(line[f.Location.StartColumn-1 : f.Location.EndColumn-1])
		if strings.Contains(string(js), secret[4:]) {
			t.Errorf("report leaks the secret of %s at %s:%d", f.RuleID, f.Location.Path, f.Location.StartLine)
		}
		if f.Snippet == nil || !slices.ContainsFunc(f.Snippet.Lines, func(l string) bool { return strings.Contains(l, secret[:4]+"*") }) {
			t.Errorf("%s:%d: snippet not masked as expected: %v", f.Location.Path, f.Location.StartLine, f.Snippet)
		}
	}
	// The pass lists its rules for writers.
	if len(rep.Rules) != len(p.Rules()) {
		t.Errorf("report lists %d rules, pass has %d", len(rep.Rules), len(p.Rules()))
	}
}
