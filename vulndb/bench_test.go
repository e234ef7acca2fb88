package vulndb

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	bolt "go.etcd.io/bbolt"

	"github.com/lambdascan/lambdascan/engine/finding"
)

// BenchmarkImportAll imports the full test data (2,661 PyPI, 34 npm and
// 28 Maven records) into a fresh store.
func BenchmarkImportAll(b *testing.B) {
	ctx := context.Background()
	for b.Loop() {
		dir := b.TempDir()
		if err := Import(ctx, dir, fullZips...); err != nil {
			b.Fatal(err)
		}
	}
	dir := b.TempDir()
	if err := Import(ctx, dir, fullZips...); err != nil {
		b.Fatal(err)
	}
	if fi, err := os.Stat(filepath.Join(dir, FileName)); err == nil {
		b.ReportMetric(float64(fi.Size())/1e6, "store-MB")
	}
}

// benchPackages makes n packages from the names in the store, with
// versions taken from the records' events and lists (so many are affected)
// and a few beyond them (clean).
func benchPackages(b *testing.B, db *DB, n int) []finding.Package {
	var pkgs []finding.Package
	err := db.bdb.View(func(tx *bolt.Tx) error {
		rb := tx.Bucket(bucketRecords)
		for round := 0; len(pkgs) < n && round < 8; round++ {
			for _, eco := range Supported {
				ib := tx.Bucket(indexBucket(eco))
				err := ib.ForEach(func(k, v []byte) error {
					ids := strings.Split(string(v), "\n")
					rec, err := decodeRecord(rb.Get([]byte(ids[round%len(ids)])))
					if err != nil {
						return err
					}
					var vs []string
					for _, a := range rec.Affected {
						for _, r := range a.Ranges {
							for _, e := range r.Events {
								if s := e.version(); s != "0" {
									vs = append(vs, s)
								}
							}
						}
						vs = append(vs, a.Versions...)
					}
					vs = append(vs, "99.0.0")
					slices.Sort(vs)
					vs = slices.Compact(vs)
					ver := vs[(round*7)%len(vs)]
					pkgs = append(pkgs, finding.Package{
						Ecosystem: eco, Name: string(k), Version: ver,
						Location: finding.Location{Input: "bench", Path: "lock/" + eco},
					})
					return nil
				})
				if err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	return pkgs
}

// BenchmarkMatch2000 matches 2,000+ packages (names from the full data,
// assorted versions) against a store imported from the full test data.
func BenchmarkMatch2000(b *testing.B) {
	ctx := context.Background()
	dir := b.TempDir()
	if err := Import(ctx, dir, fullZips...); err != nil {
		b.Fatal(err)
	}
	db, err := Open(dir)
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	pkgs := benchPackages(b, db, 2000)
	if len(pkgs) < 2000 {
		b.Fatalf("only %d packages", len(pkgs))
	}
	var nf, nn int
	for b.Loop() {
		fs, notes, err := db.Match(ctx, pkgs)
		if err != nil {
			b.Fatal(err)
		}
		nf, nn = len(fs), len(notes)
	}
	b.ReportMetric(float64(len(pkgs)), "packages")
	b.ReportMetric(float64(nf), "findings")
	b.ReportMetric(float64(nn), "notifications")
}

// BenchmarkOpenMatch2000 includes opening the store, as a scan does.
func BenchmarkOpenMatch2000(b *testing.B) {
	ctx := context.Background()
	dir := b.TempDir()
	if err := Import(ctx, dir, fullZips...); err != nil {
		b.Fatal(err)
	}
	db, err := Open(dir)
	if err != nil {
		b.Fatal(err)
	}
	pkgs := benchPackages(b, db, 2000)
	db.Close()
	for b.Loop() {
		db, err := Open(dir)
		if err != nil {
			b.Fatal(err)
		}
		if _, _, err := db.Match(ctx, pkgs); err != nil {
			b.Fatal(err)
		}
		db.Close()
	}
}

// BenchmarkLookup2000 measures the store alone: for each of 2,000+
// packages, one index get and a get of each record id it lists (no
// decoding), in one read transaction.
func BenchmarkLookup2000(b *testing.B) {
	ctx := context.Background()
	dir := b.TempDir()
	if err := Import(ctx, dir, fullZips...); err != nil {
		b.Fatal(err)
	}
	db, err := Open(dir)
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	pkgs := benchPackages(b, db, 2000)
	var n int
	for b.Loop() {
		n = 0
		err := db.bdb.View(func(tx *bolt.Tx) error {
			rb := tx.Bucket(bucketRecords)
			for i := range pkgs {
				ids := tx.Bucket(indexBucket(pkgs[i].Ecosystem)).Get([]byte(pkgs[i].Name))
				for id := range strings.SplitSeq(string(ids), "\n") {
					n += len(rb.Get([]byte(id)))
				}
			}
			return nil
		})
		if err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(n)/1e6, "MB-read")
}

// BenchmarkDecodeAll is what a store loaded whole into memory at open
// would pay before the first lookup: decode every record.
func BenchmarkDecodeAll(b *testing.B) {
	ctx := context.Background()
	dir := b.TempDir()
	if err := Import(ctx, dir, fullZips...); err != nil {
		b.Fatal(err)
	}
	db, err := Open(dir)
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	for b.Loop() {
		err := db.bdb.View(func(tx *bolt.Tx) error {
			return tx.Bucket(bucketRecords).ForEach(func(k, v []byte) error {
				r, err := decodeRecord(v)
				if err != nil {
					return err
				}
				return r.loadReport()
			})
		})
		if err != nil {
			b.Fatal(err)
		}
	}
}
