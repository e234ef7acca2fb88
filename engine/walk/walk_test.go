package walk_test

import (
	"context"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/lambdascan/lambdascan/engine/input"
	"github.com/lambdascan/lambdascan/engine/walk"
	"github.com/lambdascan/lambdascan/internal/ziptest"
)

// TestScopes checks which function package (scope) each file is put in,
// and that each scope's last file is marked.
func TestScopes(t *testing.T) {
	tests := []struct {
		name  string
		layer bool
		files map[string]string
		want  map[string]string // path -> scope; "*" marks the scope's last file
	}{
		{
			name: "code at the root: one scope, subfolders included",
			files: map[string]string{
				"app.py": "", "orders/db.py": "", "orders/sub/q.py": "", "requirements.txt": "",
				"tests/requirements.txt": "", "tests/test_app.py": "",
			},
			want: map[string]string{
				"app.py": "", "orders/db.py": "", "orders/sub/q.py": "", "requirements.txt": "",
				"tests/requirements.txt": "", "tests/test_app.py": "*",
			},
		},
		{
			name: "manifest at the root: one scope",
			files: map[string]string{
				"pom.xml": "", "core/src/A.java": "", "handler/src/B.java": "",
			},
			want: map[string]string{"core/src/A.java": "", "handler/src/B.java": "", "pom.xml": "*"},
		},
		{
			name: "folder of functions: one scope each, the outermost anchor wins",
			files: map[string]string{
				"README.md":                     "",
				"svc-a/handler.py":              "",
				"svc-a/lib/db.py":               "",
				"services/b/package.json":       "",
				"services/b/src/index.js":       "",
				"services/b/lib/x/package.json": "",
				"services/b/lib/x/y.js":         "",
				"services/c/src/main/A.java":    "",
				"services/c/pom.xml":            "",
				"docs/guide.md":                 "",
				"node_modules/m/package.json":   "",
				"node_modules/m/index.js":       "",
			},
			want: map[string]string{
				"README.md":                     "",
				"docs/guide.md":                 "",
				"node_modules/m/index.js":       "",
				"node_modules/m/package.json":   "*",
				"services/b/lib/x/package.json": "services/b",
				"services/b/lib/x/y.js":         "services/b",
				"services/b/package.json":       "services/b",
				"services/b/src/index.js":       "services/b*",
				"services/c/pom.xml":            "services/c",
				"services/c/src/main/A.java":    "services/c*",
				"svc-a/handler.py":              "svc-a",
				"svc-a/lib/db.py":               "svc-a*",
			},
		},
		{
			name:  "a layer is one scope",
			layer: true,
			files: map[string]string{"python/liba/a.py": "", "python/libb/b.py": ""},
			want:  map[string]string{"python/liba/a.py": "", "python/libb/b.py": "*"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in, err := input.FromZipBytes("fn.zip", ziptest.Files(t, tt.files), input.Options{})
			if err != nil {
				t.Fatal(err)
			}
			in.Layer = tt.layer
			got := map[string]string{}
			if _, err := walk.Walk(context.Background(), in, walk.Options{}, func(f *walk.File) error {
				s := f.Scope
				if f.ScopeEnd {
					s += "*"
				}
				got[f.Path] = s
				return nil
			}); err != nil {
				t.Fatal(err)
			}
			if d := cmp.Diff(tt.want, got); d != "" {
				t.Errorf("scopes (-want +got):\n%s", d)
			}
		})
	}
}
