package secrets

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// fixtureFinding is what the fixture test compares: where each secret is,
// which rule claimed it, and how sure and severe the finding is.
type fixtureFinding struct {
	Path                   string
	Rule                   string
	Line, Col, EndLine     int
	EndCol                 int
	Severity, Confidence   string
	Example, CredentialArg bool
}

// TestFixtures scans every file under testdata/lambda (a realistic function
// package) and checks the exact findings. node_modules is left to the Pass
// test: Scan itself does not classify files.
func TestFixtures(t *testing.T) {
	want := []fixtureFinding{
		{".env", "secrets.generic-password", 4, 13, 4, 27, "medium", "medium", false, false},
		{".env", "secrets.generic-secret", 5, 12, 5, 43, "medium", "medium", false, false},
		// Stripe's documented test key: low severity, assigned to a secret-key variable.
		{".env", "secrets.stripe-secret-key", 6, 19, 6, 51, "low", "high", true, true},
		{"application.properties", "secrets.jdbc-password", 2, 74, 2, 86, "high", "high", false, false},
		{"application.properties", "secrets.generic-crypto-key", 4, 30, 4, 74, "high", "medium", false, false},
		{"config.json", "secrets.generic-password", 6, 18, 6, 33, "medium", "medium", false, false},
		{"dist/index.min.js", "secrets.aws-access-key-id", 1, 119, 1, 139, "high", "high", true, true},
		{"dist/index.min.js", "secrets.aws-secret-access-key", 1, 158, 1, 198, "critical", "high", true, true},
		{"dist/index.min.js", "secrets.generic-secret", 1, 234, 1, 254, "medium", "medium", false, false},
		// The AWS example pair passed to boto3.client: reported at full confidence.
		{"handler.py", "secrets.aws-access-key-id", 9, 24, 9, 44, "high", "high", true, true},
		{"handler.py", "secrets.aws-secret-access-key", 10, 28, 10, 68, "critical", "high", true, true},
		// The same example key in a comment: low confidence.
		{"handler.py", "secrets.aws-access-key-id", 17, 59, 17, 79, "high", "low", true, false},
		{"handler.py", "secrets.database-url-password", 21, 32, 21, 47, "high", "high", false, false},
		{"settings.yaml", "secrets.database-url-password", 8, 23, 8, 38, "high", "high", false, false},
		{"settings.yaml", "secrets.generic-secret", 11, 19, 11, 39, "medium", "medium", false, false},
	}
	root := filepath.Join("testdata", "lambda")
	var got []fixtureFinding
	hashes := map[string][]string{}
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		rel = filepath.ToSlash(rel)
		if strings.HasPrefix(rel, "node_modules/") {
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		fs, notes := Scan(rel, b)
		if len(notes) > 0 {
			t.Errorf("%s: notes %v", rel, notes)
		}
		for _, f := range fs {
			got = append(got, fixtureFinding{f.Location.Path, f.RuleID, f.Location.StartLine, f.Location.StartColumn,
				f.Location.EndLine, f.Location.EndColumn, f.Severity.String(), f.Confidence.String(),
				f.Properties["documentedExample"] == "true", f.Properties["credentialParameter"] == "true"})
			hashes[f.Properties["secretHash"]] = append(hashes[f.Properties["secretHash"]], rel)
			// Every finding's raw value must stay out of the finding.
			line := strings.Split(string(b), "\n")[f.Location.StartLine-1]
			secret := string([]rune(line)[f.Location.StartColumn-1 : f.Location.EndColumn-1])
			assertNoRaw(t, fs, secret)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("fixture findings (-want +got):\n%s", diff)
	}
	// The example key pair appears in handler.py and the bundle: same hashes.
	if h := hashes[SecretHash("AKIAIOSFODNN7EXAMPLE")]; len(h) != 3 {
		t.Errorf("AKIA example hash seen in %v, want handler.py twice and the bundle", h)
	}
}
