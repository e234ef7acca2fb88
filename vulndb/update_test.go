package vulndb

import (
	"archive/zip"
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/lambdascan/lambdascan/engine/finding"
)

// zipOf packs the given testdata records into an OSV-style export zip.
func zipOf(t *testing.T, files ...string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range files {
		b, err := os.ReadFile(filepath.Join("testdata", "osv", f))
		if err != nil {
			t.Fatal(err)
		}
		w, err := zw.Create(filepath.Base(f))
		if err != nil {
			t.Fatal(err)
		}
		w.Write(b)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// exportServer serves <eco>/all.zip like OSV's bucket, with ETag and
// Last-Modified validators and switchable failure modes.
type exportServer struct {
	mu      sync.Mutex
	zips    map[string][]byte // ecosystem → zip
	etags   map[string]string
	noETag  bool
	mode    string // "", "truncate", "abort", "500", "corrupt"
	log     []string
	lastMod string
}

func (s *exportServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	eco, ok := strings.CutSuffix(strings.TrimPrefix(r.URL.Path, "/"), "/all.zip")
	data, found := s.zips[eco]
	if !ok || !found {
		http.NotFound(w, r)
		return
	}
	etag := s.etags[eco]
	s.log = append(s.log, eco+" inm="+r.Header.Get("If-None-Match")+" ims="+r.Header.Get("If-Modified-Since"))
	if s.mode == "500" {
		http.Error(w, "boom", http.StatusInternalServerError)
		return
	}
	if !s.noETag {
		if r.Header.Get("If-None-Match") == etag {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", etag)
	} else if r.Header.Get("If-Modified-Since") == s.lastMod {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	w.Header().Set("Last-Modified", s.lastMod)
	w.Header().Set("Content-Type", "application/zip")
	switch s.mode {
	case "truncate":
		w.Header().Set("Content-Length", strconv.Itoa(len(data)))
		w.Write(data[:len(data)/2])
		return // the server closes the connection short of Content-Length
	case "abort":
		// No Content-Length (chunked): the connection drops mid-body.
		w.Write(data[:len(data)/2])
		w.(http.Flusher).Flush()
		panic(http.ErrAbortHandler)
	case "corrupt":
		data = bytes.Repeat([]byte("not a zip "), 100)
	}
	w.Header().Set("Content-Length", strconv.Itoa(len(data)))
	w.Write(data)
}

func (s *exportServer) set(f func(s *exportServer)) {
	s.mu.Lock()
	defer s.mu.Unlock()
	f(s)
}

func (s *exportServer) takeLog() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	l := s.log
	s.log = nil
	return l
}

func newExportServer(t *testing.T) (*exportServer, *httptest.Server) {
	es := &exportServer{
		zips: map[string][]byte{
			"npm":  zipOf(t, "ghsa/npm/GHSA-xvch-5gv4-984h.json", "ghsa/npm/GHSA-hrpp-h998-j3pp.json", "synthetic/LSTEST-2026-0007.json"),
			"PyPI": zipOf(t, "pypa/requests/PYSEC-2023-74.json", "ghsa/pypi/GHSA-j8r2-6x86-q33q.json"),
		},
		etags:   map[string]string{"npm": `"npm-v1"`, "PyPI": `"pypi-v1"`},
		lastMod: "Mon, 02 Jan 2026 15:04:05 GMT",
	}
	srv := httptest.NewServer(es)
	t.Cleanup(srv.Close)
	return es, srv
}

var (
	minimist = finding.Package{Ecosystem: "npm", Name: "minimist", Version: "1.2.5"}
	qs       = finding.Package{Ecosystem: "npm", Name: "qs", Version: "6.5.2"}
	requests = finding.Package{Ecosystem: "PyPI", Name: "requests", Version: "2.28.0"}
	semverFx = finding.Package{Ecosystem: "npm", Name: "lsfixture-semver", Version: "1.4.1"}
)

func matchAll(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	for _, p := range []finding.Package{minimist, qs, requests, semverFx} {
		out = append(out, matchIDs(t, dir, p)...)
	}
	return out
}

func status(t *testing.T, dir string) Status {
	t.Helper()
	db, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	st, err := db.Status()
	if err != nil {
		t.Fatal(err)
	}
	st.Age = 0
	return st
}

func TestUpdate(t *testing.T) {
	ctx := context.Background()
	es, srv := newExportServer(t)
	dir := t.TempDir()
	var progress bytes.Buffer
	opts := UpdateOptions{BaseURL: srv.URL + "/", Ecosystems: []string{"npm", "pypi"}, HTTPClient: srv.Client(), Progress: &progress}

	// First update: both downloaded, no validators sent.
	res, err := Update(ctx, dir, opts)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]UpdateResult{{"npm", true, int64(len(es.zips["npm"]))}, {"PyPI", true, int64(len(es.zips["PyPI"]))}}, res); diff != "" {
		t.Errorf("results (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"npm inm= ims=", "PyPI inm= ims="}, es.takeLog()); diff != "" {
		t.Errorf("requests (-want +got):\n%s", diff)
	}
	if !strings.Contains(progress.String(), "npm") || !strings.Contains(progress.String(), "imported") {
		t.Errorf("progress output: %q", progress.String())
	}
	want := []string{"CVE-2021-44906@1.2.6", "CVE-2022-24999@6.5.3", "CVE-2023-32681@2.31.0"}
	if diff := cmp.Diff(want, matchAll(t, dir)); diff != "" {
		t.Errorf("matches (-want +got):\n%s", diff)
	}
	st1 := status(t, dir)
	if e := st1.Ecosystems[0]; e.Ecosystem != "PyPI" || e.ETag != `"pypi-v1"` || e.LastModified != es.lastMod || e.Source != srv.URL+"/PyPI/all.zip" || e.Records != 2 {
		t.Errorf("PyPI status %+v", e)
	}

	// Second update: conditional, 304, nothing re-imported, the store
	// file untouched.
	storeBefore, _ := os.ReadFile(filepath.Join(dir, FileName))
	res, err = Update(ctx, dir, opts)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]UpdateResult{{"npm", false, 0}, {"PyPI", false, 0}}, res); diff != "" {
		t.Errorf("results (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{
		`npm inm="npm-v1" ims=` + es.lastMod,
		`PyPI inm="pypi-v1" ims=` + es.lastMod,
	}, es.takeLog()); diff != "" {
		t.Errorf("requests (-want +got):\n%s", diff)
	}
	if storeAfter, _ := os.ReadFile(filepath.Join(dir, FileName)); !bytes.Equal(storeBefore, storeAfter) {
		t.Error("a 304 update rewrote the store")
	}
	st2 := status(t, dir)
	for i := range st2.Ecosystems {
		a, b := st1.Ecosystems[i], st2.Ecosystems[i]
		if !a.UpdatedAt.Equal(b.UpdatedAt) || !b.CheckedAt.After(a.CheckedAt) || a.Records != b.Records {
			t.Errorf("after 304: %+v → %+v", a, b)
		}
	}

	// The npm export changes: only npm is downloaded again; npm records
	// that left the export leave the store, PyPI stays.
	es.set(func(s *exportServer) {
		s.zips["npm"] = zipOf(t, "ghsa/npm/GHSA-hrpp-h998-j3pp.json", "synthetic/LSTEST-2026-0003.json")
		s.etags["npm"] = `"npm-v2"`
	})
	res, err = Update(ctx, dir, opts)
	if err != nil {
		t.Fatal(err)
	}
	if res[0].Changed != true || res[1].Changed != false {
		t.Errorf("results %+v", res)
	}
	want = []string{"CVE-2022-24999@6.5.3", "CVE-2023-32681@2.31.0", "LSTEST-2026-0003@1.4.2"}
	if diff := cmp.Diff(want, matchAll(t, dir)); diff != "" {
		t.Errorf("matches after npm change (-want +got):\n%s", diff)
	}
	es.takeLog()

	// Failures leave the store as it was and no temporary files behind.
	before, _ := os.ReadFile(filepath.Join(dir, FileName))
	es.set(func(s *exportServer) { s.etags["npm"] = `"npm-v3"` })
	for _, tt := range []struct{ mode, errText string }{
		{"truncate", "interrupted"},
		{"abort", "interrupted"},
		{"500", "500 Internal Server Error"},
		{"corrupt", "not a readable zip"},
	} {
		t.Run(tt.mode, func(t *testing.T) {
			es.set(func(s *exportServer) { s.mode = tt.mode })
			defer es.set(func(s *exportServer) { s.mode = "" })
			_, err := Update(ctx, dir, opts)
			if err == nil || !strings.Contains(err.Error(), tt.errText) {
				t.Fatalf("err = %v, want %q", err, tt.errText)
			}
			after, _ := os.ReadFile(filepath.Join(dir, FileName))
			if !bytes.Equal(before, after) {
				t.Error("store changed")
			}
			if entries, _ := os.ReadDir(dir); len(entries) != 2 { // osv.db, checked.json
				t.Errorf("left behind: %v", entries)
			}
			if diff := cmp.Diff(want, matchAll(t, dir)); diff != "" {
				t.Errorf("matches (-want +got):\n%s", diff)
			}
		})
	}
	t.Run("size cap", func(t *testing.T) {
		o := opts
		o.MaxBytes = 100
		if _, err := Update(ctx, dir, o); err == nil || !strings.Contains(err.Error(), "size cap") {
			t.Fatalf("err = %v", err)
		}
		after, _ := os.ReadFile(filepath.Join(dir, FileName))
		if !bytes.Equal(before, after) {
			t.Error("store changed")
		}
	})
	t.Run("cancelled", func(t *testing.T) {
		c, cancel := context.WithCancel(ctx)
		cancel()
		if _, err := Update(c, dir, opts); err == nil {
			t.Fatal("no error")
		}
		after, _ := os.ReadFile(filepath.Join(dir, FileName))
		if !bytes.Equal(before, after) {
			t.Error("store changed")
		}
	})
}

// TestUpdateLastModified checks If-Modified-Since when the server sends no
// ETag, and that validators are not sent to a different base URL.
func TestUpdateLastModified(t *testing.T) {
	ctx := context.Background()
	es, srv := newExportServer(t)
	es.noETag = true
	dir := t.TempDir()
	opts := UpdateOptions{BaseURL: srv.URL, Ecosystems: []string{"npm"}, HTTPClient: srv.Client()}
	if _, err := Update(ctx, dir, opts); err != nil {
		t.Fatal(err)
	}
	res, err := Update(ctx, dir, opts)
	if err != nil {
		t.Fatal(err)
	}
	if res[0].Changed {
		t.Error("re-imported although not modified")
	}
	if diff := cmp.Diff([]string{"npm inm= ims=", "npm inm= ims=" + es.lastMod}, es.takeLog()); diff != "" {
		t.Errorf("requests (-want +got):\n%s", diff)
	}

	es2, srv2 := newExportServer(t)
	es2.noETag = true
	opts.BaseURL = srv2.URL
	res, err = Update(ctx, dir, opts)
	if err != nil || !res[0].Changed {
		t.Fatalf("other server: %+v %v", res, err)
	}
	if diff := cmp.Diff([]string{"npm inm= ims="}, es2.takeLog()); diff != "" {
		t.Errorf("requests to the other server (-want +got):\n%s", diff)
	}
}

func TestUpdateBadOptions(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	for _, o := range []UpdateOptions{
		{BaseURL: "ftp://example.invalid"},
		{BaseURL: "not a url"},
		{BaseURL: "http://127.0.0.1:1", Ecosystems: []string{"Go"}},
	} {
		if _, err := Update(ctx, dir, o); err == nil {
			t.Errorf("%+v: no error", o)
		}
	}
	// A server that is not there.
	if _, err := Update(ctx, dir, UpdateOptions{BaseURL: "http://127.0.0.1:1", Ecosystems: []string{"npm"}}); err == nil {
		t.Error("no error from an unreachable server")
	}
	if _, err := Open(dir); err == nil {
		t.Error("a failed first update created a store")
	}
}
