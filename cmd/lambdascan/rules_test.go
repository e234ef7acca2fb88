package main

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestRulesCommand(t *testing.T) {
	dir := t.TempDir()
	rule := "id: my.eval\ntitle: eval\nmessage: eval of $X\nseverity: low\nlanguages: [python]\npattern: eval($X)\n"
	if err := os.WriteFile(filepath.Join(dir, "my.yaml"), []byte(rule), 0o644); err != nil {
		t.Fatal(err)
	}
	test := "# ruleid: my.eval\neval(a)\n# ruleid: my.eval\neval(b)\n# ok: my.eval\nexec(c)\n# ok: my.eval\neval2(d)\n"
	if err := os.WriteFile(filepath.Join(dir, "my.py"), []byte(test), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name    string
		args    []string
		want    []string
		wantErr error // nil, errUsage or rulesErrAny
	}{
		{"list", []string{"list"}, []string{"python.subprocess-shell-true", "java.weak-message-digest", "SEVERITY"}, nil},
		{"list user dir", []string{"list", "--rules", dir, "--no-builtin"}, []string{"my.eval", "1 rules"}, nil},
		{"explain", []string{"explain", "java.weak-message-digest"}, []string{"CWE-327", "Remediation:", "MessageDigest.getInstance($ALG, ...)"}, nil},
		{"explain unknown", []string{"explain", "nope"}, nil, errUsage},
		{"test builtin", []string{"test"}, []string{"ok   python.subprocess-shell-true", "0 failed"}, nil},
		{"test dir", []string{"test", dir}, []string{"ok   my.eval (2 firing, 2 quiet)"}, nil},
		{"test failing dir", []string{"test", "../../engine/rules/testdata/failing"}, []string{"FAIL sample.eval"}, rulesErrAny},
		{"no subcommand", nil, nil, errUsage},
		{"bad subcommand", []string{"frob"}, nil, errUsage},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var out, errw bytes.Buffer
			err := runRules(context.Background(), tc.args, &out, &errw)
			switch {
			case tc.wantErr == nil && err != nil:
				t.Fatalf("err = %v", err)
			case tc.wantErr == errUsage && !errors.Is(err, errUsage):
				t.Fatalf("err = %v, want usage error", err)
			case tc.wantErr == rulesErrAny && err == nil:
				t.Fatal("no error")
			}
			for _, w := range tc.want {
				if !strings.Contains(out.String(), w) {
					t.Errorf("output lacks %q:\n%s", w, out.String())
				}
			}
		})
	}
}

var rulesErrAny = errors.New("any error")
