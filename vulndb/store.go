// Package vulndb is lambdascan's offline vulnerability database: OSV
// records for PyPI, npm and Maven kept in a local bbolt store, filled by
// importing or downloading OSV's per-ecosystem exports, and matched against
// the package inventory with OSV's range semantics to produce package
// findings. It exists so that dependency scanning runs with no network at
// scan time and one bucket lookup per package.
//
// Store layout (one file, osv.db, in the database folder):
//
//	meta                 "format" → store format; "eco:<Ecosystem>" → JSON ecosystem metadata
//	records              <id> → the trimmed OSV record: uvarint length, match part as JSON
//	                     (id, aliases, affected), report part as raw-DEFLATE JSON
//	                     (summary, details, severity, references)
//	index:<Ecosystem>    <normalised package name> → newline-separated record ids
//
// A store is never modified in place: imports and updates build a new file
// next to the old one, compact it, and rename it over the old only when
// complete. Scans open the store read-only. An update that finds every
// export unchanged only records the check time in checked.json beside it.
package vulndb

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"time"

	bolt "go.etcd.io/bbolt"
)

// ErrNoDB is returned (wrapped, with the folder and what to run) by Open
// when the folder holds no vulnerability database.
var ErrNoDB = errors.New("no vulnerability database")

// FileName is the name of the store file inside the database folder.
const FileName = "osv.db"

// formatVersion changes whenever the store layout or record encoding does;
// an older store must be rebuilt.
const formatVersion = "2"

// DefaultMaxAge is how old a store may get before scans warn.
const DefaultMaxAge = 7 * 24 * time.Hour

var (
	bucketMeta    = []byte("meta")
	bucketRecords = []byte("records")
	keyFormat     = []byte("format")
	keySkipped    = []byte("skipped")
)

func indexBucket(eco string) []byte { return []byte("index:" + eco) }
func metaKey(eco string) []byte     { return []byte("eco:" + eco) }

// DefaultDir returns the default database folder, lambdascan/db under the
// user cache folder (~/.cache on Linux, ~/Library/Caches on macOS).
func DefaultDir() (string, error) {
	c, err := os.UserCacheDir()
	if err != nil {
		return "", fmt.Errorf("find the user cache folder for the vulnerability database (use --db DIR): %w", err)
	}
	return filepath.Join(c, "lambdascan", "db"), nil
}

func resolveDir(dir string) (string, error) {
	if dir != "" {
		return dir, nil
	}
	return DefaultDir()
}

// EcosystemStatus describes one ecosystem in the store.
type EcosystemStatus struct {
	Ecosystem string `json:"ecosystem"`
	Records   int    `json:"records"`
	// Packages is the number of distinct package names with advisories.
	Packages int `json:"packages"`
	// Source is the URL or the local paths the records came from.
	Source       string `json:"source,omitempty"`
	ETag         string `json:"etag,omitempty"`
	LastModified string `json:"lastModified,omitempty"`
	// UpdatedAt is when the ecosystem's records were last replaced or added.
	UpdatedAt time.Time `json:"updatedAt,omitzero"`
	// CheckedAt is when the source was last found current (an update that
	// got 304 Not Modified moves it on, UpdatedAt stays).
	CheckedAt time.Time `json:"checkedAt,omitzero"`
}

// Status describes a store.
type Status struct {
	Path       string            `json:"path"`
	SizeBytes  int64             `json:"sizeBytes"`
	Ecosystems []EcosystemStatus `json:"ecosystems"`
	// Records is the number of distinct records in the store.
	Records int `json:"records"`
	// Skipped counts records the last import could not read.
	Skipped int `json:"skipped,omitempty"`
	// CheckedAt is the oldest CheckedAt over the ecosystems: the store is
	// known current as of then.
	CheckedAt time.Time `json:"checkedAt,omitzero"`
	// Age is the time since CheckedAt.
	Age time.Duration `json:"ageNanoseconds"`
}

// ecoMeta is the stored form of an ecosystem's metadata.
type ecoMeta struct {
	Ecosystem    string    `json:"ecosystem"`
	Records      int       `json:"records"`
	Packages     int       `json:"packages"`
	Source       string    `json:"source,omitempty"`
	ETag         string    `json:"etag,omitempty"`
	LastModified string    `json:"lastModified,omitempty"`
	UpdatedAt    time.Time `json:"updatedAt,omitzero"`
	CheckedAt    time.Time `json:"checkedAt,omitzero"`
}

// DB is an open, read-only store. It is safe for concurrent use.
type DB struct {
	// MaxAge is how old the store may be before Match adds a "vulndb-stale"
	// warning: 0 means DefaultMaxAge, a negative value never warns.
	MaxAge time.Duration

	dir  string
	path string
	bdb  *bolt.DB
	now  func() time.Time
}

// Open opens the store in dir ("" for DefaultDir) read-only. It returns an
// error wrapping ErrNoDB when there is none.
func Open(dir string) (*DB, error) {
	dir, err := resolveDir(dir)
	if err != nil {
		return nil, err
	}
	path := filepath.Join(dir, FileName)
	if _, err := os.Stat(path); err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("%w at %s: run `lambdascan db update` or `lambdascan db import FILE`", ErrNoDB, dir)
		}
		return nil, fmt.Errorf("open vulnerability database: %w", err)
	}
	bdb, err := bolt.Open(path, 0o644, &bolt.Options{ReadOnly: true, Timeout: 5 * time.Second})
	if err != nil {
		return nil, fmt.Errorf("open vulnerability database %s (run `lambdascan db update` to rebuild it): %w", path, err)
	}
	var format string
	_ = bdb.View(func(tx *bolt.Tx) error {
		if b := tx.Bucket(bucketMeta); b != nil {
			format = string(b.Get(keyFormat))
		}
		return nil
	})
	if format != formatVersion {
		bdb.Close()
		return nil, fmt.Errorf("vulnerability database %s has format %q, this lambdascan reads %q: run `lambdascan db update` or `lambdascan db import FILE` to rebuild it", path, format, formatVersion)
	}
	return &DB{dir: dir, path: path, bdb: bdb, now: time.Now}, nil
}

// Close closes the store.
func (db *DB) Close() error {
	if db == nil || db.bdb == nil {
		return nil
	}
	err := db.bdb.Close()
	db.bdb = nil
	if err != nil {
		return fmt.Errorf("close vulnerability database: %w", err)
	}
	return nil
}

// Dir returns the folder of the store.
func (db *DB) Dir() string { return db.dir }

// Status reports what the store holds.
func (db *DB) Status() (Status, error) {
	if db == nil || db.bdb == nil {
		return Status{}, errors.New("read vulnerability database status: the database is not open")
	}
	st := Status{Path: db.path}
	if fi, err := os.Stat(db.path); err == nil {
		st.SizeBytes = fi.Size()
	}
	err := db.bdb.View(func(tx *bolt.Tx) error {
		metas, skipped, err := readMeta(tx)
		if err != nil {
			return err
		}
		st.Skipped = skipped
		checked := readChecked(db.dir)
		for _, m := range metas {
			if c := checked[m.Ecosystem]; c.After(m.CheckedAt) {
				m.CheckedAt = c
			}
			st.Ecosystems = append(st.Ecosystems, EcosystemStatus(m))
			if st.CheckedAt.IsZero() || m.CheckedAt.Before(st.CheckedAt) {
				st.CheckedAt = m.CheckedAt
			}
		}
		if b := tx.Bucket(bucketRecords); b != nil {
			st.Records = b.Stats().KeyN
		}
		return nil
	})
	if err != nil {
		return Status{}, fmt.Errorf("read vulnerability database status: %w", err)
	}
	if !st.CheckedAt.IsZero() {
		st.Age = db.now().Sub(st.CheckedAt)
	}
	return st, nil
}

// readMeta returns the ecosystem metadata in Supported order, and the
// skipped-record count.
func readMeta(tx *bolt.Tx) ([]ecoMeta, int, error) {
	b := tx.Bucket(bucketMeta)
	if b == nil {
		return nil, 0, nil
	}
	var out []ecoMeta
	for _, eco := range Supported {
		v := b.Get(metaKey(eco))
		if v == nil {
			continue
		}
		var m ecoMeta
		if err := json.Unmarshal(v, &m); err != nil {
			return nil, 0, fmt.Errorf("metadata of %s: %w", eco, err)
		}
		out = append(out, m)
	}
	skipped := 0
	if v := b.Get(keySkipped); v != nil {
		_ = json.Unmarshal(v, &skipped)
	}
	return out, skipped, nil
}

// Age returns how long ago the store was last known current (the oldest
// ecosystem check), or 0 when that is unknown.
func (db *DB) Age() time.Duration {
	st, err := db.Status()
	if err != nil {
		return 0
	}
	return st.Age
}

// StaleWarning returns a warning to show when the store is older than
// maxAge (DefaultMaxAge when maxAge ≤ 0), or "" when it is fresh.
func (db *DB) StaleWarning(maxAge time.Duration) string {
	if maxAge <= 0 {
		maxAge = DefaultMaxAge
	}
	st, err := db.Status()
	if err != nil {
		return fmt.Sprintf("could not read the vulnerability database's age: %v", err)
	}
	if st.CheckedAt.IsZero() || st.Age <= maxAge {
		return ""
	}
	return fmt.Sprintf("the vulnerability database at %s was last updated %s ago (%s): run `lambdascan db update` for current advisories",
		db.dir, humanDuration(st.Age), st.CheckedAt.UTC().Format("2006-01-02"))
}

// Ecosystems returns the ecosystems the store holds records for.
func (db *DB) Ecosystems() []string {
	var out []string
	if db == nil || db.bdb == nil {
		return nil
	}
	_ = db.bdb.View(func(tx *bolt.Tx) error {
		for _, eco := range Supported {
			if tx.Bucket(indexBucket(eco)) != nil {
				out = append(out, eco)
			}
		}
		return nil
	})
	return slices.Clip(out)
}

func humanDuration(d time.Duration) string {
	switch {
	case d >= 48*time.Hour:
		return fmt.Sprintf("%d days", int(d/(24*time.Hour)))
	case d >= 2*time.Hour:
		return fmt.Sprintf("%d hours", int(d/time.Hour))
	}
	return d.Round(time.Minute).String()
}
