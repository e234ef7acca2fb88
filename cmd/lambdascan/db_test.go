package main

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/lambdascan/lambdascan/vulndb"
)

const dbTestRecord = `{"id": "LSTEST-CLI-1", "modified": "2026-01-01T00:00:00Z", "aliases": ["CVE-2099-0002"],
 "affected": [{"package": {"ecosystem": "npm", "name": "lsfixture-cli"},
  "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "1.0.1"}]}]}]}`

func TestRunDB(t *testing.T) {
	ctx := context.Background()
	recDir := t.TempDir()
	if err := os.WriteFile(filepath.Join(recDir, "LSTEST-CLI-1.json"), []byte(dbTestRecord), 0o644); err != nil {
		t.Fatal(err)
	}
	var zbuf bytes.Buffer
	zw := zip.NewWriter(&zbuf)
	w, _ := zw.Create("LSTEST-CLI-1.json")
	w.Write([]byte(dbTestRecord))
	zw.Close()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/npm/all.zip" {
			http.NotFound(w, r)
			return
		}
		if r.Header.Get("If-None-Match") == `"v1"` {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", `"v1"`)
		w.Write(zbuf.Bytes())
	}))
	defer srv.Close()

	importDB, updateDB, emptyDB := t.TempDir(), t.TempDir(), t.TempDir()
	tests := []struct {
		name    string
		args    []string
		wantErr error // nil, errUsage or vulndb.ErrNoDB
		stdout  []string
	}{
		{"no subcommand", nil, errUsage, nil},
		{"unknown subcommand", []string{"purge"}, errUsage, nil},
		{"help", []string{"-h"}, nil, nil},
		{"subcommand help", []string{"update", "-h"}, nil, nil},
		{"bad flag", []string{"status", "--nope"}, errUsage, nil},
		{"status without a database", []string{"status", "--db", emptyDB}, vulndb.ErrNoDB, nil},
		{"import needs files", []string{"import", "--db", importDB}, errUsage, nil},
		{"import", []string{"import", "--db", importDB, recDir}, nil, []string{"npm", "1 records"}},
		{"status", []string{"status", "--db", importDB}, nil, []string{"ECOSYSTEM", "npm  ", recDir}},
		{"update: unsupported ecosystem", []string{"update", "--db", updateDB, "--ecosystem", "Go"}, errUsage, nil},
		{"update: stray argument", []string{"update", "--db", updateDB, "x"}, errUsage, nil},
		{"update", []string{"update", "--db", updateDB, "--base-url", srv.URL, "--ecosystem", "npm"}, nil, []string{"npm: updated", srv.URL + "/npm/all.zip"}},
		{"update again", []string{"update", "--db", updateDB, "--base-url", srv.URL, "--ecosystem", "npm"}, nil, []string{"npm: unchanged"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			err := runDB(ctx, tt.args, &stdout, &stderr)
			switch {
			case tt.wantErr == nil && err != nil:
				t.Fatalf("err = %v\nstderr: %s", err, stderr.String())
			case tt.wantErr != nil && !errors.Is(err, tt.wantErr):
				t.Fatalf("err = %v, want %v", err, tt.wantErr)
			}
			if tt.wantErr == errUsage && errors.Is(err, vulndb.ErrNoDB) {
				t.Error("usage error also ErrNoDB")
			}
			for _, s := range tt.stdout {
				if !strings.Contains(stdout.String(), s) {
					t.Errorf("stdout lacks %q:\n%s", s, stdout.String())
				}
			}
		})
	}

	t.Run("status --json", func(t *testing.T) {
		var stdout bytes.Buffer
		if err := runDB(ctx, []string{"status", "--db", updateDB, "--json"}, &stdout, &bytes.Buffer{}); err != nil {
			t.Fatal(err)
		}
		var st vulndb.Status
		if err := json.Unmarshal(stdout.Bytes(), &st); err != nil {
			t.Fatalf("%v\n%s", err, stdout.String())
		}
		if st.Records != 1 || len(st.Ecosystems) != 1 || st.Ecosystems[0].ETag != `"v1"` {
			t.Errorf("status %+v", st)
		}
	})
}
