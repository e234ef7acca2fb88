package awsscan

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"

	"github.com/lambdascan/lambdascan/internal/atomicfile"
)

// DefaultMaxDownload caps one download: above Lambda's 250 MB unzipped
// limit, so every valid deployment package or layer fits.
const DefaultMaxDownload = 300 << 20

// errTooLarge is returned when a download passes the cap.
var errTooLarge = errors.New("download exceeds the size cap")

// fetcher downloads zips from presigned URLs into memory, verifying Lambda's
// CodeSha256, and keeps them in a cache directory so unchanged code is never
// downloaded twice.
type fetcher struct {
	client   *http.Client
	cacheDir string
	max      int64

	downloads, cacheHits atomic.Int64
	bytes                atomic.Int64

	mu       sync.Mutex
	inflight map[string]*flight
}

// flight is a fetch in progress that others with the same key wait for.
type flight struct {
	done chan struct{}
	data []byte
	err  error
}

// cacheKey names the cache file of a zip: function code by its content hash
// (the same code deployed to many functions is stored once), a layer by its
// version ARN (immutable) and hash when known.
func cacheKey(kind, id, sha string) string {
	h := sha256.Sum256([]byte(kind + "\x00" + id + "\x00" + sha))
	return kind + "-" + hex.EncodeToString(h[:12]) + ".zip"
}

// get returns the zip at rawURL, from the cache when present. wantSHA is
// Lambda's base64 SHA-256 of the zip; when set, the bytes must match it.
func (f *fetcher) get(ctx context.Context, rawURL, key, wantSHA string) ([]byte, bool, error) {
	if key == "" {
		return f.fetch(ctx, rawURL, key, wantSHA)
	}
	f.mu.Lock()
	if fl, ok := f.inflight[key]; ok {
		f.mu.Unlock()
		select {
		case <-fl.done:
		case <-ctx.Done():
			return nil, false, ctx.Err()
		}
		if fl.err == nil {
			f.cacheHits.Add(1)
		}
		return fl.data, true, fl.err
	}
	if f.inflight == nil {
		f.inflight = map[string]*flight{}
	}
	fl := &flight{done: make(chan struct{})}
	f.inflight[key] = fl
	f.mu.Unlock()
	var hit bool
	fl.data, hit, fl.err = f.fetch(ctx, rawURL, key, wantSHA)
	f.mu.Lock()
	delete(f.inflight, key)
	f.mu.Unlock()
	close(fl.done)
	return fl.data, hit, fl.err
}

func (f *fetcher) fetch(ctx context.Context, rawURL, key, wantSHA string) ([]byte, bool, error) {
	if f.cacheDir != "" && key != "" {
		if data, err := os.ReadFile(filepath.Join(f.cacheDir, key)); err == nil {
			if wantSHA == "" || shaMatches(data, wantSHA) {
				f.cacheHits.Add(1)
				return data, true, nil
			}
		}
	}
	data, err := f.download(ctx, rawURL)
	if err != nil {
		return nil, false, err
	}
	if wantSHA != "" && !shaMatches(data, wantSHA) {
		return nil, false, fmt.Errorf("downloaded code does not match CodeSha256 %s (got %s): refusing to scan it", wantSHA, codeSha256(data))
	}
	if f.cacheDir != "" && key != "" {
		// A cache that cannot be written only costs a later download.
		_ = writeAtomic(f.cacheDir, key, data)
	}
	return data, false, nil
}

func (f *fetcher) download(ctx context.Context, rawURL string) ([]byte, error) {
	u, err := url.Parse(rawURL)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return nil, fmt.Errorf("code location is not an http(s) URL")
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, rawURL, nil)
	if err != nil {
		return nil, fmt.Errorf("build download request: %w", err)
	}
	resp, err := f.client.Do(req)
	if err != nil {
		// The URL is presigned: never print it (it holds a signature).
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err
		}
		return nil, fmt.Errorf("download code from %s: %w", u.Host, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("download code from %s: HTTP %d", u.Host, resp.StatusCode)
	}
	if resp.ContentLength > f.max {
		return nil, fmt.Errorf("%w: %d bytes > %d", errTooLarge, resp.ContentLength, f.max)
	}
	var buf bytes.Buffer
	if resp.ContentLength > 0 {
		buf.Grow(int(resp.ContentLength))
	}
	n, err := io.Copy(&buf, io.LimitReader(resp.Body, f.max+1))
	if err != nil {
		return nil, fmt.Errorf("download code from %s: %w", u.Host, err)
	}
	if n > f.max {
		return nil, fmt.Errorf("%w: more than %d bytes", errTooLarge, f.max)
	}
	f.downloads.Add(1)
	f.bytes.Add(n)
	return buf.Bytes(), nil
}

// codeSha256 is Lambda's CodeSha256: the base64 SHA-256 of the zip.
func codeSha256(data []byte) string {
	h := sha256.Sum256(data)
	return base64.StdEncoding.EncodeToString(h[:])
}

func shaMatches(data []byte, want string) bool { return codeSha256(data) == want }

func writeAtomic(dir, name string, data []byte) error {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	return atomicfile.WriteBytes(filepath.Join(dir, name), 0o600, data)
}
