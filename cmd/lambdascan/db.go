package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"text/tabwriter"
	"time"

	"golang.org/x/term"

	"github.com/lambdascan/lambdascan/vulndb"
)

// runDB implements `lambdascan db update|import|status`, which manage the
// local vulnerability database the dependency scan reads.
func runDB(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		dbUsage(stderr)
		return fmt.Errorf("%w: db needs a subcommand: update, import or status", errUsage)
	}
	sub, args := args[0], args[1:]
	switch sub {
	case "-h", "-help", "--help", "help":
		dbUsage(stderr)
		return nil
	case "update", "import", "status":
	default:
		dbUsage(stderr)
		return fmt.Errorf("%w: unknown db subcommand %q (want update, import or status)", errUsage, sub)
	}
	fs := flag.NewFlagSet("db "+sub, flag.ContinueOnError)
	fs.SetOutput(stderr)
	dir := fs.String("db", "", "database `DIR` (default: lambdascan/db in the user cache folder)")
	var (
		baseURL string
		ecos    dbEcosystems
		asJSON  bool
	)
	switch sub {
	case "update":
		fs.StringVar(&baseURL, "base-url", vulndb.DefaultBaseURL, "fetch `URL`/<Ecosystem>/all.zip exports from this root")
		fs.Var(&ecos, "ecosystem", "update only `ECOSYSTEM` (PyPI, npm, Maven; repeatable or comma-separated; default all)")
	case "status":
		fs.BoolVar(&asJSON, "json", false, "print the status as JSON")
	}
	fs.Usage = func() { dbSubUsage(fs, sub) }
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil
		}
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	if *dir == "" {
		d, err := vulndb.DefaultDir()
		if err != nil {
			return err
		}
		*dir = d
	}
	switch sub {
	case "update":
		if fs.NArg() != 0 {
			return fmt.Errorf("%w: db update takes no arguments (got %q)", errUsage, fs.Args())
		}
		return dbUpdate(ctx, *dir, baseURL, ecos, stdout, stderr)
	case "import":
		if fs.NArg() == 0 {
			return fmt.Errorf("%w: db import needs at least one OSV zip or folder", errUsage)
		}
		if err := vulndb.Import(ctx, *dir, fs.Args()...); err != nil {
			return err
		}
		return dbPrintStatus(*dir, false, stdout)
	default:
		if fs.NArg() != 0 {
			return fmt.Errorf("%w: db status takes no arguments (got %q)", errUsage, fs.Args())
		}
		return dbPrintStatus(*dir, asJSON, stdout)
	}
}

// dbEcosystems collects --ecosystem values, repeatable and comma-separated.
type dbEcosystems []string

func (e *dbEcosystems) String() string { return strings.Join(*e, ",") }

func (e *dbEcosystems) Set(v string) error {
	for part := range strings.SplitSeq(v, ",") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		c, ok := vulndb.CanonicalEcosystem(part)
		if !ok {
			return fmt.Errorf("unsupported ecosystem %q (want %s)", part, strings.Join(vulndb.Supported, ", "))
		}
		*e = append(*e, c)
	}
	return nil
}

func dbUpdate(ctx context.Context, dir, baseURL string, ecos []string, stdout, stderr io.Writer) error {
	opts := vulndb.UpdateOptions{BaseURL: baseURL, Ecosystems: ecos}
	if dbIsTerminal(stderr) {
		opts.Progress = stderr
	}
	res, err := vulndb.Update(ctx, dir, opts)
	if err != nil {
		return fmt.Errorf("%w (the existing database, if any, is unchanged)", err)
	}
	for _, r := range res {
		if r.Changed {
			fmt.Fprintf(stdout, "%s: updated (%s downloaded)\n", r.Ecosystem, dbBytes(r.Bytes))
		} else {
			fmt.Fprintf(stdout, "%s: unchanged since the last update\n", r.Ecosystem)
		}
	}
	return dbPrintStatus(dir, false, stdout)
}

func dbPrintStatus(dir string, asJSON bool, stdout io.Writer) error {
	db, err := vulndb.Open(dir)
	if err != nil {
		return err
	}
	defer db.Close()
	st, err := db.Status()
	if err != nil {
		return err
	}
	if asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(st)
	}
	fmt.Fprintf(stdout, "Vulnerability database %s (%s)\n", st.Path, dbBytes(st.SizeBytes))
	tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ECOSYSTEM\tRECORDS\tPACKAGES\tUPDATED\tCHECKED\tSOURCE")
	for _, e := range st.Ecosystems {
		fmt.Fprintf(tw, "%s\t%d\t%d\t%s\t%s\t%s\n", e.Ecosystem, e.Records, e.Packages, dbTime(e.UpdatedAt), dbTime(e.CheckedAt), e.Source)
	}
	tw.Flush()
	fmt.Fprintf(stdout, "%d records", st.Records)
	if st.Skipped > 0 {
		fmt.Fprintf(stdout, " (%d unreadable records skipped by the last import)", st.Skipped)
	}
	if !st.CheckedAt.IsZero() {
		fmt.Fprintf(stdout, "; current as of %s (%s ago)", dbTime(st.CheckedAt), st.Age.Round(time.Minute))
	}
	fmt.Fprintln(stdout)
	if w := db.StaleWarning(vulndb.DefaultMaxAge); w != "" {
		fmt.Fprintf(stdout, "warning: %s\n", w)
	}
	return nil
}

func dbTime(t time.Time) string {
	if t.IsZero() {
		return "-"
	}
	return t.UTC().Format("2006-01-02 15:04 UTC")
}

func dbBytes(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f kB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d bytes", n)
}

func dbIsTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

func dbUsage(w io.Writer) {
	fmt.Fprint(w, `Usage: lambdascan db SUBCOMMAND [flags]

Manage the local OSV vulnerability database (PyPI, npm, Maven) that the
dependency scan reads. It lives in lambdascan/db under the user cache folder
unless --db DIR says otherwise.

Subcommands:
  update [--base-url URL] [--ecosystem E]... [--db DIR]
        download OSV's <Ecosystem>/all.zip exports (only when changed) and
        replace the database atomically
  import [--db DIR] FILE.zip|DIR...
        add OSV records from export zips or folders of JSON records
        (air-gapped use); records replace stored ones with the same id
  status [--db DIR] [--json]
        show ecosystems, record counts and when they were last updated
`)
}

func dbSubUsage(fs *flag.FlagSet, sub string) {
	w := fs.Output()
	switch sub {
	case "update":
		fmt.Fprintln(w, "Usage: lambdascan db update [--base-url URL] [--ecosystem E]... [--db DIR]")
	case "import":
		fmt.Fprintln(w, "Usage: lambdascan db import [--db DIR] FILE.zip|DIR...")
	default:
		fmt.Fprintln(w, "Usage: lambdascan db status [--db DIR] [--json]")
	}
	fs.PrintDefaults()
}
