package vulndb

import (
	"archive/zip"
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/schollz/progressbar/v3"
	bolt "go.etcd.io/bbolt"

	"github.com/lambdascan/lambdascan/internal/atomicfile"
)

// DefaultBaseURL is OSV's public bucket of per-ecosystem exports.
const DefaultBaseURL = "https://osv-vulnerabilities.storage.googleapis.com"

// DefaultMaxDownload caps one export download (OSV's largest, npm, is a
// few hundred MB).
const DefaultMaxDownload int64 = 2 << 30

// UpdateOptions configure Update. The zero value updates every supported
// ecosystem from OSV's public export.
type UpdateOptions struct {
	// BaseURL is the root the exports are fetched from:
	// <BaseURL>/<Ecosystem>/all.zip. Default DefaultBaseURL.
	BaseURL string
	// Ecosystems to update; default Supported.
	Ecosystems []string
	// HTTPClient; default a client with a 30-minute overall timeout.
	HTTPClient *http.Client
	// Progress receives a progress bar per download and one line per
	// ecosystem when non-nil.
	Progress io.Writer
	// MaxBytes caps each download; default DefaultMaxDownload.
	MaxBytes int64
}

// UpdateResult says what Update did per ecosystem.
type UpdateResult struct {
	Ecosystem string `json:"ecosystem"`
	// Changed is false when the server answered 304 Not Modified.
	Changed bool  `json:"changed"`
	Bytes   int64 `json:"bytes,omitempty"`
}

// Update downloads OSV's export of each ecosystem and rebuilds the store
// in dir ("" for DefaultDir) with it. Requests are conditional on the
// stored ETag and Last-Modified, so an unchanged export (304) is neither
// downloaded nor re-imported. Each download is streamed to a temporary file
// under a size cap and must open as a zip; if any download fails, nothing
// changes. The new store replaces the old one atomically.
func Update(ctx context.Context, dir string, opts UpdateOptions) ([]UpdateResult, error) {
	dir, err := resolveDir(dir)
	if err != nil {
		return nil, err
	}
	base := strings.TrimRight(cmp.Or(opts.BaseURL, DefaultBaseURL), "/")
	if u, err := url.Parse(base); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("update: base URL %q is not an http(s) URL", base)
	}
	ecos, err := updateEcosystems(opts.Ecosystems)
	if err != nil {
		return nil, err
	}
	client := opts.HTTPClient
	if client == nil {
		client = &http.Client{Timeout: 30 * time.Minute}
	}
	maxBytes := opts.MaxBytes
	if maxBytes <= 0 {
		maxBytes = DefaultMaxDownload
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("create database folder: %w", err)
	}
	old := storedMeta(filepath.Join(dir, FileName))

	var plan buildPlan
	var results []UpdateResult
	var temps []string
	defer func() {
		for _, t := range temps {
			os.Remove(t)
		}
	}()
	for _, eco := range ecos {
		u := base + "/" + url.PathEscape(eco) + "/all.zip"
		prev := old[eco]
		if prev.Source != u {
			prev = ecoMeta{} // a different source: its validators mean nothing here
		}
		dl, err := download(ctx, client, u, prev, dir, maxBytes, opts.Progress, eco)
		if dl.path != "" {
			temps = append(temps, dl.path)
		}
		if err != nil {
			return nil, fmt.Errorf("update %s: %w", eco, err)
		}
		if dl.notModified {
			plan.checked = append(plan.checked, eco)
			results = append(results, UpdateResult{Ecosystem: eco})
			progressf(opts.Progress, "%s: unchanged since the last update (304 Not Modified)\n", eco)
			continue
		}
		plan.sources = append(plan.sources, source{
			path: dl.path, label: u, eco: eco,
			meta: ecoMeta{Source: u, ETag: dl.etag, LastModified: dl.lastModified},
		})
		results = append(results, UpdateResult{Ecosystem: eco, Changed: true, Bytes: dl.size})
	}
	if len(plan.sources) == 0 {
		// Nothing changed: record the check beside the store instead of
		// rewriting it (the real exports make a store of hundreds of MB).
		if err := writeChecked(dir, plan.checked, time.Now().UTC()); err != nil {
			return nil, fmt.Errorf("update: %w", err)
		}
		return results, nil
	}
	if err := build(ctx, dir, plan); err != nil {
		return nil, fmt.Errorf("update: %w", err)
	}
	for _, r := range results {
		if r.Changed {
			progressf(opts.Progress, "%s: imported %d bytes from %s/%s/all.zip\n", r.Ecosystem, r.Bytes, base, r.Ecosystem)
		}
	}
	return results, nil
}

func progressf(w io.Writer, format string, args ...any) {
	if w != nil {
		fmt.Fprintf(w, format, args...)
	}
}

func updateEcosystems(in []string) ([]string, error) {
	if len(in) == 0 {
		return slices.Clone(Supported), nil
	}
	var out []string
	for _, e := range in {
		for part := range strings.SplitSeq(e, ",") {
			if part = strings.TrimSpace(part); part == "" {
				continue
			}
			c, ok := CanonicalEcosystem(part)
			if !ok {
				return nil, fmt.Errorf("update: unsupported ecosystem %q (want %s)", part, strings.Join(Supported, ", "))
			}
			if !slices.Contains(out, c) {
				out = append(out, c)
			}
		}
	}
	if len(out) == 0 {
		return slices.Clone(Supported), nil
	}
	return out, nil
}

// storedMeta reads the ecosystem metadata of the current store, or nothing
// when there is no readable store (a damaged one is rebuilt in full).
func storedMeta(path string) map[string]ecoMeta {
	out := map[string]ecoMeta{}
	if _, err := os.Stat(path); err != nil {
		return out
	}
	bdb, err := bolt.Open(path, 0o644, &bolt.Options{ReadOnly: true, Timeout: 5 * time.Second})
	if err != nil {
		return out
	}
	defer bdb.Close()
	_ = bdb.View(func(tx *bolt.Tx) error {
		if mb := tx.Bucket(bucketMeta); mb == nil || string(mb.Get(keyFormat)) != formatVersion {
			return nil
		}
		metas, _, err := readMeta(tx)
		for _, m := range metas {
			out[m.Ecosystem] = m
		}
		return err
	})
	return out
}

type downloaded struct {
	path               string
	notModified        bool
	etag, lastModified string
	size               int64
}

// errTooLarge is returned when a download passes the size cap.
var errTooLarge = errors.New("download larger than the size cap")

// download fetches one export into a temporary file in dir.
func download(ctx context.Context, client *http.Client, u string, prev ecoMeta, dir string, maxBytes int64, progress io.Writer, eco string) (downloaded, error) {
	var dl downloaded
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return dl, fmt.Errorf("GET %s: %w", u, err)
	}
	req.Header.Set("User-Agent", "lambdascan-vulndb")
	if prev.ETag != "" {
		req.Header.Set("If-None-Match", prev.ETag)
	}
	if prev.LastModified != "" {
		req.Header.Set("If-Modified-Since", prev.LastModified)
	}
	resp, err := client.Do(req)
	if err != nil {
		return dl, fmt.Errorf("GET %s: %w", u, err)
	}
	defer resp.Body.Close()
	switch resp.StatusCode {
	case http.StatusNotModified:
		dl.notModified = true
		return dl, nil
	case http.StatusOK:
	default:
		return dl, fmt.Errorf("GET %s: server answered %s", u, resp.Status)
	}
	if resp.ContentLength > maxBytes {
		return dl, fmt.Errorf("GET %s: %w (%d > %d bytes)", u, errTooLarge, resp.ContentLength, maxBytes)
	}
	f, err := os.CreateTemp(dir, ".download-"+eco+"-*.zip")
	if err != nil {
		return dl, fmt.Errorf("create temporary file: %w", err)
	}
	dl.path = f.Name()
	var w io.Writer = f
	var bar *progressbar.ProgressBar
	if progress != nil {
		bar = progressbar.NewOptions64(resp.ContentLength,
			progressbar.OptionSetWriter(progress),
			progressbar.OptionSetDescription(eco),
			progressbar.OptionShowBytes(true),
			progressbar.OptionSetWidth(30),
			progressbar.OptionThrottle(100*time.Millisecond),
			progressbar.OptionOnCompletion(func() { fmt.Fprintln(progress) }),
		)
		w = io.MultiWriter(f, bar)
	}
	n, err := io.Copy(w, io.LimitReader(resp.Body, maxBytes+1))
	if bar != nil {
		_ = bar.Finish()
	}
	if cerr := f.Close(); err == nil && cerr != nil {
		err = cerr
	}
	if err != nil {
		return dl, fmt.Errorf("GET %s: download interrupted after %d bytes: %w", u, n, err)
	}
	if n > maxBytes {
		return dl, fmt.Errorf("GET %s: %w (%d bytes)", u, errTooLarge, maxBytes)
	}
	if resp.ContentLength >= 0 && n != resp.ContentLength {
		return dl, fmt.Errorf("GET %s: download interrupted: got %d of %d bytes", u, n, resp.ContentLength)
	}
	zr, err := zip.OpenReader(dl.path)
	if err != nil {
		return dl, fmt.Errorf("GET %s: the download is not a readable zip: %w", u, err)
	}
	zr.Close()
	dl.size = n
	dl.etag = resp.Header.Get("ETag")
	dl.lastModified = resp.Header.Get("Last-Modified")
	return dl, nil
}

// checkedFile, beside the store, records when each ecosystem was last found
// unchanged (304) without rebuilding the store: ecosystem → RFC 3339 time.
const checkedFile = "checked.json"

// readChecked reads checkedFile; a missing or damaged file reads as empty.
func readChecked(dir string) map[string]time.Time {
	out := map[string]time.Time{}
	b, err := os.ReadFile(filepath.Join(dir, checkedFile))
	if err != nil {
		return out
	}
	if json.Unmarshal(b, &out) != nil {
		return map[string]time.Time{}
	}
	return out
}

// writeChecked records now as the check time of ecos, atomically.
func writeChecked(dir string, ecos []string, now time.Time) error {
	m := readChecked(dir)
	for _, e := range ecos {
		m[e] = now
	}
	b, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return err
	}
	if err := atomicfile.WriteBytes(filepath.Join(dir, checkedFile), 0o644, b); err != nil {
		return fmt.Errorf("record update check: %w", err)
	}
	return nil
}
