package vulndb

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"
)

// maxRecordBytes caps one OSV JSON record; real records are a few kB, the
// largest PYSEC ones (long versions lists) well under 1 MB.
const maxRecordBytes = 16 << 20

// batchSize is how many records go into one write transaction.
const batchSize = 4096

// Import adds the OSV records in paths to the store in dir ("" for
// DefaultDir), creating it if needed. Each path is an OSV export zip
// (<Ecosystem>/all.zip: one <ID>.json per entry) or a folder searched
// recursively for *.json records. A record replaces a stored record with the
// same id; withdrawn records are dropped (and remove a stored copy); records
// for no supported ecosystem are skipped. A record is indexed under every
// supported ecosystem it lists. The store is rebuilt in a temporary file
// and renamed over the old one only on success, so a failed or cancelled
// import leaves the old store as it was.
func Import(ctx context.Context, dir string, paths ...string) error {
	if len(paths) == 0 {
		return errors.New("import: no files or folders given")
	}
	srcs := make([]source, 0, len(paths))
	for _, p := range paths {
		abs, err := filepath.Abs(p)
		if err != nil {
			abs = p
		}
		srcs = append(srcs, source{path: p, label: abs})
	}
	return build(ctx, dir, buildPlan{sources: srcs})
}

// source is one zip or folder to read records from.
type source struct {
	path  string
	label string // shown as the ecosystem's Source
	// eco, when set, makes the source the complete export of that ecosystem
	// (an update): stored records indexed only under eco are dropped unless
	// the source has them again.
	eco  string
	meta ecoMeta // ETag etc. for an update source
}

// buildPlan says how to make the new store from the old one.
type buildPlan struct {
	sources []source
	// checked lists ecosystems found current (304) whose CheckedAt moves on.
	checked []string
	now     time.Time
}

// builder accumulates the new store's index while records are written.
type builder struct {
	tx      *bolt.Tx
	bdb     *bolt.DB
	pending map[string][]byte // id → encoded record, flushed in sorted order
	index   map[string]map[string]map[string]struct{}
	newIDs  map[string]struct{}
	drop    map[string]struct{} // withdrawn ids
	seen    map[string][]string // ecosystem → import source labels that had records for it
	skipped int
}

func (b *builder) add(eco, name, id string) {
	m := b.index[eco]
	if m == nil {
		m = map[string]map[string]struct{}{}
		b.index[eco] = m
	}
	key := NormalizeName(eco, name)
	ids := m[key]
	if ids == nil {
		ids = map[string]struct{}{}
		m[key] = ids
	}
	ids[id] = struct{}{}
}

func (b *builder) flush() error {
	if len(b.pending) == 0 {
		return nil
	}
	keys := make([]string, 0, len(b.pending))
	for k := range b.pending {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	err := b.bdb.Update(func(tx *bolt.Tx) error {
		bk, err := tx.CreateBucketIfNotExists(bucketRecords)
		if err != nil {
			return err
		}
		bk.FillPercent = 0.9
		for _, k := range keys {
			if err := bk.Put([]byte(k), b.pending[k]); err != nil {
				return fmt.Errorf("store %s: %w", k, err)
			}
		}
		return nil
	})
	clear(b.pending)
	return err
}

// addRecord parses, trims and queues one record.
func (b *builder) addRecord(data []byte, src source) error {
	rec, ok, err := parseRecord(data)
	if err != nil || !ok {
		b.skipped++
		return nil
	}
	if rec.Withdrawn != "" {
		b.drop[rec.ID] = struct{}{}
		delete(b.newIDs, rec.ID)
		delete(b.pending, rec.ID)
		return nil
	}
	if len(rec.Affected) == 0 {
		return nil
	}
	enc, err := encodeRecord(rec)
	if err != nil {
		return err
	}
	delete(b.drop, rec.ID)
	b.pending[rec.ID] = enc
	b.newIDs[rec.ID] = struct{}{}
	for _, a := range rec.Affected {
		b.add(a.Package.Ecosystem, a.Package.Name, rec.ID)
		if src.eco == "" && !slices.Contains(b.seen[a.Package.Ecosystem], src.label) {
			b.seen[a.Package.Ecosystem] = append(b.seen[a.Package.Ecosystem], src.label)
		}
	}
	if len(b.pending) >= batchSize {
		return b.flush()
	}
	return nil
}

// readSource feeds every record of a zip or folder to the builder.
func (b *builder) readSource(ctx context.Context, src source) error {
	fi, err := os.Stat(src.path)
	if err != nil {
		return fmt.Errorf("import %s: %w", src.path, err)
	}
	if fi.IsDir() {
		return filepath.WalkDir(src.path, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return fmt.Errorf("import %s: %w", p, err)
			}
			if err := ctx.Err(); err != nil {
				return err
			}
			if d.IsDir() || !strings.EqualFold(filepath.Ext(p), ".json") {
				return nil
			}
			data, err := readCapped(p)
			if err != nil {
				b.skipped++
				return nil
			}
			return b.addRecord(data, src)
		})
	}
	zr, err := zip.OpenReader(src.path)
	if err != nil {
		return fmt.Errorf("import %s: not a folder or a readable zip: %w", src.path, err)
	}
	defer zr.Close()
	var buf bytes.Buffer
	for _, f := range zr.File {
		if err := ctx.Err(); err != nil {
			return err
		}
		if f.FileInfo().IsDir() || !strings.EqualFold(filepath.Ext(f.Name), ".json") {
			continue
		}
		if f.UncompressedSize64 > maxRecordBytes {
			b.skipped++
			continue
		}
		rc, err := f.Open()
		if err != nil {
			return fmt.Errorf("import %s: entry %s: %w", src.path, f.Name, err)
		}
		buf.Reset()
		_, err = io.Copy(&buf, io.LimitReader(rc, maxRecordBytes+1))
		rc.Close()
		if err != nil {
			return fmt.Errorf("import %s: entry %s: %w", src.path, f.Name, err)
		}
		if buf.Len() > maxRecordBytes {
			b.skipped++
			continue
		}
		if err := b.addRecord(buf.Bytes(), src); err != nil {
			return err
		}
	}
	return nil
}

func readCapped(p string) ([]byte, error) {
	f, err := os.Open(p)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxRecordBytes+1))
	if err != nil {
		return nil, err
	}
	if len(data) > maxRecordBytes {
		return nil, fmt.Errorf("%s: larger than %d bytes", p, maxRecordBytes)
	}
	return data, nil
}

// build makes a new store from the old one in dir and the plan, then
// renames it into place.
func build(ctx context.Context, dir string, plan buildPlan) (err error) {
	dir, err = resolveDir(dir)
	if err != nil {
		return err
	}
	if plan.now.IsZero() {
		plan.now = time.Now().UTC()
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("create database folder: %w", err)
	}
	tmp, err := os.CreateTemp(dir, ".osv-*.db.tmp")
	if err != nil {
		return fmt.Errorf("create temporary database: %w", err)
	}
	tmpPath := tmp.Name()
	tmp.Close()
	var bdb *bolt.DB
	defer func() {
		if bdb != nil {
			bdb.Close()
		}
		if err != nil {
			os.Remove(tmpPath)
		}
	}()
	bdb, err = bolt.Open(tmpPath, 0o644, &bolt.Options{Timeout: time.Second, NoSync: true, NoFreelistSync: true})
	if err != nil {
		return fmt.Errorf("create temporary database: %w", err)
	}
	b := &builder{
		bdb:     bdb,
		pending: map[string][]byte{},
		index:   map[string]map[string]map[string]struct{}{},
		newIDs:  map[string]struct{}{},
		drop:    map[string]struct{}{},
		seen:    map[string][]string{},
	}
	for _, src := range plan.sources {
		if err := b.readSource(ctx, src); err != nil {
			return err
		}
	}
	if err := b.flush(); err != nil {
		return fmt.Errorf("write temporary database: %w", err)
	}
	if err := ctx.Err(); err != nil {
		return err
	}

	// Full exports (updates) replace their ecosystem's index entries.
	replaced := map[string]bool{}
	for _, src := range plan.sources {
		if src.eco != "" {
			replaced[src.eco] = true
		}
	}
	oldMeta, err := b.copyOld(ctx, filepath.Join(dir, FileName), replaced)
	if err != nil {
		return err
	}

	// Metadata: carried over, then changed by what this build did.
	metas := map[string]ecoMeta{}
	for _, m := range oldMeta {
		metas[m.Ecosystem] = m
	}
	for eco, labels := range b.seen {
		m := metas[eco]
		m.Ecosystem = eco
		m.Source = strings.Join(labels, ", ")
		m.ETag, m.LastModified = "", ""
		m.UpdatedAt, m.CheckedAt = plan.now, plan.now
		metas[eco] = m
	}
	for _, src := range plan.sources {
		if src.eco == "" {
			continue
		}
		m := src.meta
		m.Ecosystem = src.eco
		m.UpdatedAt, m.CheckedAt = plan.now, plan.now
		metas[src.eco] = m
	}
	for _, eco := range plan.checked {
		if m, ok := metas[eco]; ok {
			m.CheckedAt = plan.now
			metas[eco] = m
		}
	}

	err = bdb.Update(func(tx *bolt.Tx) error {
		if _, err := tx.CreateBucketIfNotExists(bucketRecords); err != nil {
			return err
		}
		mb, err := tx.CreateBucketIfNotExists(bucketMeta)
		if err != nil {
			return err
		}
		if err := mb.Put(keyFormat, []byte(formatVersion)); err != nil {
			return err
		}
		sk, _ := json.Marshal(b.skipped)
		if err := mb.Put(keySkipped, sk); err != nil {
			return err
		}
		for _, eco := range Supported {
			names := b.index[eco]
			m, hasMeta := metas[eco]
			if len(names) == 0 && !hasMeta {
				continue
			}
			ib, err := tx.CreateBucket(indexBucket(eco))
			if err != nil {
				return err
			}
			ib.FillPercent = 0.9
			keys := make([]string, 0, len(names))
			for k := range names {
				keys = append(keys, k)
			}
			slices.Sort(keys)
			distinct := map[string]struct{}{}
			for _, k := range keys {
				ids := make([]string, 0, len(names[k]))
				for id := range names[k] {
					ids = append(ids, id)
					distinct[id] = struct{}{}
				}
				slices.Sort(ids)
				if err := ib.Put([]byte(k), []byte(strings.Join(ids, "\n"))); err != nil {
					return err
				}
			}
			m.Ecosystem = eco
			m.Records = len(distinct)
			m.Packages = len(keys)
			js, err := json.Marshal(m)
			if err != nil {
				return err
			}
			if err := mb.Put(metaKey(eco), js); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("write temporary database: %w", err)
	}
	// Batched inserts leave half-full pages and free pages behind; a
	// compacted copy is about half the size and is what gets renamed in.
	final, err := compactTo(dir, bdb)
	if err != nil {
		return err
	}
	bdb.Close()
	bdb = nil
	os.Remove(tmpPath)
	tmpPath = final
	if err := ctx.Err(); err != nil {
		return err
	}
	if err := os.Rename(tmpPath, filepath.Join(dir, FileName)); err != nil {
		return fmt.Errorf("replace vulnerability database: %w", err)
	}
	if d, err := os.Open(dir); err == nil {
		_ = d.Sync()
		d.Close()
	}
	return nil
}

// compactTo copies src into a new, fully packed and synced store file in
// dir and returns its path.
func compactTo(dir string, src *bolt.DB) (path string, err error) {
	f, err := os.CreateTemp(dir, ".osv-*.db.tmp")
	if err != nil {
		return "", fmt.Errorf("create temporary database: %w", err)
	}
	path = f.Name()
	f.Close()
	dst, err := bolt.Open(path, 0o644, &bolt.Options{Timeout: time.Second, NoFreelistSync: true})
	if err != nil {
		os.Remove(path)
		return "", fmt.Errorf("create temporary database: %w", err)
	}
	err = bolt.Compact(dst, src, 64<<20)
	if cerr := dst.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(path)
		return "", fmt.Errorf("compact temporary database: %w", err)
	}
	return path, nil
}

// copyOld carries over from the old store every record not replaced by
// this build: records the build did not read again, indexed under
// ecosystems that no source replaced wholesale. It returns the old metadata.
// An old store that cannot be read is treated as empty: the build then
// replaces it, which is the way out of a damaged store.
func (b *builder) copyOld(ctx context.Context, oldPath string, replaced map[string]bool) ([]ecoMeta, error) {
	if _, err := os.Stat(oldPath); err != nil {
		return nil, nil
	}
	old, err := bolt.Open(oldPath, 0o644, &bolt.Options{ReadOnly: true, Timeout: 5 * time.Second})
	if err != nil {
		return nil, nil
	}
	defer old.Close()
	var metas []ecoMeta
	keep := map[string]struct{}{}
	err = old.View(func(tx *bolt.Tx) error {
		mb := tx.Bucket(bucketMeta)
		if mb == nil || string(mb.Get(keyFormat)) != formatVersion {
			return nil // unknown layout: start afresh
		}
		metas, _, _ = readMeta(tx)
		for _, eco := range Supported {
			if replaced[eco] {
				continue
			}
			ib := tx.Bucket(indexBucket(eco))
			if ib == nil {
				continue
			}
			err := ib.ForEach(func(k, v []byte) error {
				for id := range strings.SplitSeq(string(v), "\n") {
					if _, ok := b.newIDs[id]; ok {
						continue
					}
					if _, ok := b.drop[id]; ok {
						continue
					}
					keep[id] = struct{}{}
					b.add(eco, string(k), id)
				}
				return nil
			})
			if err != nil {
				return err
			}
		}
		rb := tx.Bucket(bucketRecords)
		if rb == nil {
			return nil
		}
		ids := make([]string, 0, len(keep))
		for id := range keep {
			ids = append(ids, id)
		}
		slices.Sort(ids)
		for _, id := range ids {
			if err := ctx.Err(); err != nil {
				return err
			}
			if v := rb.Get([]byte(id)); v != nil {
				b.pending[id] = slices.Clone(v)
			}
			if len(b.pending) >= batchSize {
				if err := b.flush(); err != nil {
					return err
				}
			}
		}
		return b.flush()
	})
	if err != nil {
		return nil, fmt.Errorf("copy records from the old database: %w", err)
	}
	if ctx.Err() != nil {
		return nil, ctx.Err()
	}
	return metas, nil
}
