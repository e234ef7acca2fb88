package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"text/tabwriter"
	"time"

	"github.com/lambdascan/lambdascan/awsscan"
	"github.com/lambdascan/lambdascan/engine/finding"
	"github.com/lambdascan/lambdascan/engine/input"
	"github.com/lambdascan/lambdascan/engine/scan"
	"github.com/lambdascan/lambdascan/internal/atomicfile"
	"github.com/lambdascan/lambdascan/report"
)

// awsConfig is everything the aws flags say.
type awsConfig struct {
	profile, roleARN, orgRole string
	regions                   listFlag
	allRegions                bool
	functions                 repeatFlag
	allVersions               bool
	staleDays                 int
	scanners                  listFlag
	workers                   int
	cacheDir                  string
	noCache                   bool
	maxDownload               int64
	endpoint                  string
	metricsProtocol           string
	maxAttempts               int
	listOnly                  bool
	noProgress                bool
	format, output, failOn    string
	dbDir                     string
	ruleDirs                  repeatFlag
	maxFileSize               int64
}

// runAWS implements `lambdascan aws`: enumerate the functions of AWS
// accounts, apply Amazon Inspector's eligibility rules, fetch and scan
// their code and layers, and report findings with coverage.
func runAWS(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var c awsConfig
	fs := newFlagSet("aws", "lambdascan aws [flags]   (credentials from the AWS SDK default chain)", stderr)
	fs.StringVar(&c.profile, "profile", "", "use this shared-config `PROFILE`")
	fs.Var(&c.regions, "region", "scan this `REGION` (repeatable or comma-separated; default: the configured region)")
	fs.BoolVar(&c.allRegions, "all-regions", false, "scan every region enabled for the account (account:ListRegions)")
	fs.StringVar(&c.roleARN, "role-arn", "", "assume this `ARN` first")
	fs.StringVar(&c.orgRole, "org-role-name", "", "scan every active account of the organisation by assuming role `NAME` in it")
	fs.Var(&c.functions, "function", "only functions whose name or ARN matches `PATTERN` (name, ARN or glob; repeatable)")
	fs.BoolVar(&c.allVersions, "all-versions", false, "also scan published versions (aliases are reported on their version)")
	fs.IntVar(&c.staleDays, "stale-days", awsscan.DefaultStaleDays, "skip functions neither invoked nor updated in this many `DAYS` (negative: scan all)")
	fs.Var(&c.scanners, "scanners", "passes to run, comma-separated: "+strings.Join(allScanners, ",")+" (default all)")
	fs.IntVar(&c.workers, "workers", 8, "functions fetched and scanned at once")
	fs.StringVar(&c.cacheDir, "cache-dir", "", "keep downloaded code in `DIR` (default: the user cache dir)")
	fs.BoolVar(&c.noCache, "no-cache", false, "do not keep downloaded code between runs")
	fs.Int64Var(&c.maxDownload, "max-download", awsscan.DefaultMaxDownload, "largest function or layer zip downloaded, in `bytes`")
	fs.StringVar(&c.endpoint, "endpoint-url", "", "send every AWS API call to `URL` (testing; AWS_ENDPOINT_URL works too)")
	fs.StringVar(&c.metricsProtocol, "metrics-protocol", "auto", "CloudWatch protocol: auto, cbor or query")
	fs.IntVar(&c.maxAttempts, "max-attempts", 8, "attempts per AWS call, with backoff on throttling and 5xx")
	fs.BoolVar(&c.listOnly, "list", false, "list functions and their coverage without downloading code")
	fs.BoolVar(&c.noProgress, "no-progress", false, "no progress bar on a terminal")
	fs.StringVar(&c.format, "format", "table", "output `format`: "+strings.Join(report.Formats(), ", "))
	fs.StringVar(&c.output, "o", "", "write the report to `FILE` instead of standard output")
	fs.StringVar(&c.failOn, "fail-on", "low", "exit 1 when a finding is at or above `SEVERITY` (info, low, medium, high, critical, none)")
	fs.StringVar(&c.dbDir, "db", "", "vulnerability database `DIR` (default: the user cache dir)")
	fs.Var(&c.ruleDirs, "rules", "also load rules from `DIR` (repeatable)")
	fs.Int64Var(&c.maxFileSize, "max-file-size", 10<<20, "largest file analysed, in `bytes`")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil
		}
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	if fs.NArg() > 0 {
		return usageErr("aws takes no arguments (got %q); select functions with --function", fs.Arg(0))
	}
	c.format = formatFromOutput(fs, c.format, c.output)
	if err := c.awsValidate(); err != nil {
		return err
	}

	cfg, err := awsscan.LoadConfig(ctx, c.profile, awsFirst(c.regions, ""))
	if err != nil {
		return err
	}
	opts := awsscan.Options{
		Config: cfg, Regions: c.regions, AllRegions: c.allRegions, RoleARN: c.roleARN, OrgRoleName: c.orgRole,
		Functions: c.functions, AllVersions: c.allVersions, StaleDays: c.staleDays,
		Passes: awsscan.PassSelection{Code: slices.Contains(c.scanners, "code"),
			Secrets: slices.Contains(c.scanners, "secrets"), Deps: slices.Contains(c.scanners, "deps")},
		ListOnly: c.listOnly, Workers: c.workers, MaxDownload: c.maxDownload,
		Endpoints:       awsscan.Endpoints{Default: c.endpoint},
		MetricsProtocol: c.metricsProtocol, MaxAttempts: c.maxAttempts,
	}
	if !c.noCache {
		opts.CacheDir = c.cacheDir
		if opts.CacheDir == "" {
			if dir, err := os.UserCacheDir(); err == nil {
				opts.CacheDir = filepath.Join(dir, "lambdascan", "aws-code")
			}
		}
	}
	if !c.noProgress && isTerminal(stderr) {
		opts.Progress = stderr
	}
	if !c.listOnly {
		scanner, closeAll, err := awsScanner(ctx, &c, stderr)
		if err != nil {
			return err
		}
		defer closeAll()
		opts.Scanner = scanner
	}

	res, err := awsscan.Run(ctx, opts)
	if err != nil {
		return fmt.Errorf("aws: %w", err)
	}
	rep := res.Report
	rep.ToolName, rep.ToolVersion = "lambdascan", toolVersion()
	rep.Normalize()
	if err := awsWriteReport(&c, rep, res.Summary, stdout); err != nil {
		return err
	}
	awsPrintSummary(stderr, res.Summary)
	return failOn(c.failOn, rep)
}

func (c *awsConfig) awsValidate() error {
	if err := validateOutputFlags(c.format, c.failOn, &c.scanners); err != nil {
		return err
	}
	if c.allRegions && len(c.regions) > 0 {
		return usageErr("--region and --all-regions exclude each other")
	}
	switch c.metricsProtocol {
	case "auto", "cbor", "query":
	default:
		return usageErr("--metrics-protocol must be auto, cbor or query")
	}
	if c.workers < 1 {
		return usageErr("--workers must be at least 1")
	}
	if c.maxDownload < 1 {
		return usageErr("--max-download must be positive")
	}
	if err := awsscan.ValidateFilters(c.functions); err != nil {
		return usageErr("%v", err)
	}
	return nil
}

// awsScanner builds the scanner awsscan hands each zip to: the same passes
// as `lambdascan scan`, selected per zip by the function's exclusion tags.
// Scans run one zip at a time (each one uses every CPU through the
// engine's own worker pool) while downloads and API calls stay parallel;
// passes keep per-run state, so two zips never share a run.
func awsScanner(ctx context.Context, c *awsConfig, stderr io.Writer) (awsscan.Scanner, func(), error) {
	sc := &scanConfig{scanners: c.scanners, dbDir: c.dbDir, ruleDirs: c.ruleDirs, maxFileSize: c.maxFileSize}
	passes, masker, closeAll, err := buildPasses(ctx, sc, stderr)
	if err != nil {
		return nil, nil, err
	}
	var mu sync.Mutex
	return func(ctx context.Context, b awsscan.Blob, sel awsscan.PassSelection) (*finding.Report, error) {
		in, err := input.FromZipBytes(b.Name, b.Data, input.Options{})
		if err != nil {
			return nil, err
		}
		defer in.Close()
		in.Function = b.Function
		in.Layer, in.LayerARN = b.LayerARN != "", b.LayerARN
		var use []scan.Pass
		for _, p := range passes {
			if (p.Name() == "code" && sel.Code) || (p.Name() == "secrets" && sel.Secrets) || (p.Name() == "deps" && sel.Deps) {
				use = append(use, p)
			}
		}
		mu.Lock()
		defer mu.Unlock()
		return scan.Run(ctx, scan.Options{Passes: use, Masker: masker, MaxFileSize: c.maxFileSize,
			ToolVersion: toolVersion()}, []*input.Input{in})
	}, closeAll, nil
}

// awsWriteReport is the single point where `lambdascan aws` writes its
// report: the findings in the chosen format, then, for the table format,
// the coverage table.
func awsWriteReport(c *awsConfig, rep *finding.Report, sum awsscan.Summary, stdout io.Writer) error {
	write := func(w io.Writer, color bool) error {
		if err := report.Write(w, c.format, rep, report.Options{ShowFixes: true, Color: color}); err != nil {
			return err
		}
		if c.format == report.FormatTable {
			return awsWriteCoverage(w, rep.Coverage, sum)
		}
		return nil
	}
	if c.output == "" {
		return write(stdout, isTerminal(stdout))
	}
	return atomicfile.Write(c.output, 0o644, func(w io.Writer) error { return write(w, false) })
}

// awsWriteCoverage prints Inspector-style coverage: one row per function.
func awsWriteCoverage(w io.Writer, cov []finding.Coverage, sum awsscan.Summary) error {
	fmt.Fprintf(w, "\nCoverage (%d functions)\n", len(cov))
	tw := tabwriter.NewWriter(w, 2, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "FUNCTION\tREGION\tRUNTIME\tSTATUS\tREASON\tCODE\tDEPS\tSCANNED AT\tDETAIL")
	yes := func(b bool) string {
		if b {
			return "yes"
		}
		return "no"
	}
	for _, c := range cov {
		at := "-"
		if !c.LastScannedAt.IsZero() {
			at = c.LastScannedAt.UTC().Format(time.RFC3339)
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", c.Function, c.Region, awsOr(c.Runtime, "-"), c.Status,
			c.Reason, yes(c.CodeScanned), yes(c.DepsScanned), at, c.Detail)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	_, err := fmt.Fprintln(w, awsSummaryLine(sum))
	return err
}

func awsSummaryLine(s awsscan.Summary) string {
	return fmt.Sprintf("%d functions: %d scanned, %d excluded, %d stale, %d unsupported, %d failed; %d layers; %d downloads (%.1f MB), %d from cache",
		s.Functions, s.Scanned, s.Excluded, s.Stale, s.Unsupported, s.Failed, s.Layers, s.Downloads,
		float64(s.Bytes)/(1<<20), s.CacheHits)
}

func awsPrintSummary(w io.Writer, s awsscan.Summary) {
	fmt.Fprintf(w, "lambdascan aws: %s\n", awsSummaryLine(s))
}

func awsFirst(l []string, def string) string {
	if len(l) > 0 {
		return l[0]
	}
	return def
}

func awsOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}
