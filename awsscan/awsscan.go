// Package awsscan fetches the Lambda functions and layers of AWS accounts and
// scans them the way Amazon Inspector does: the same eligibility rules ($LATEST
// only, invoked or updated in the last 90 days, exclusion tags), the same
// coverage reasons, scores adjusted for how reachable each function is, plus
// configuration findings (end-of-life runtimes, secrets in environment
// variables, public function URLs) that Inspector does not report.
//
// It exists apart from the scan engine so that the engine never talks to
// AWS: awsscan only turns accounts into zip bytes and context, hands each zip
// to a Scanner (the engine, wired by the command), and puts the results
// together per function. Every AWS call goes through the real SDK clients, so
// tests point those clients at local fakes.
package awsscan

import (
	"context"
	"io"
	"net/http"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"

	"github.com/lambdascan/lambdascan/engine/finding"
)

// Inspector's coverage reasons (inspector2 ScanStatus.reason) used here.
const (
	ReasonSuccessful             = "SUCCESSFUL"
	ReasonExcludedByTag          = "EXCLUDED_BY_TAG"
	ReasonScanEligibilityExpired = "SCAN_ELIGIBILITY_EXPIRED"
	ReasonUnsupportedRuntime     = "UNSUPPORTED_RUNTIME"
	ReasonUnsupportedMediaType   = "UNSUPPORTED_MEDIA_TYPE" // container-image functions
	ReasonAccessDenied           = "ACCESS_DENIED"
	ReasonInternalError          = "INTERNAL_ERROR"
)

// Coverage status codes (inspector2 ScanStatus.statusCode).
const (
	StatusActive   = "ACTIVE"
	StatusInactive = "INACTIVE"
)

// The exclusion tags Inspector honours.
const (
	TagStandardExclusion = "InspectorExclusion"     // value LambdaStandardScanning: no dependency scan
	TagCodeExclusion     = "InspectorCodeExclusion" // value LambdaCodeScanning: no code scan
)

// PassSelection says which passes to run on a zip. Code covers code rules
// and secrets (Inspector's "Lambda code scanning"); Deps is the package
// inventory and advisory match ("Lambda standard scanning").
type PassSelection struct {
	Code    bool
	Secrets bool
	Deps    bool
}

// Any reports whether any pass is selected.
func (p PassSelection) Any() bool { return p.Code || p.Secrets || p.Deps }

func (p PassSelection) union(q PassSelection) PassSelection {
	return PassSelection{Code: p.Code || q.Code, Secrets: p.Secrets || q.Secrets, Deps: p.Deps || q.Deps}
}

// keeps reports whether a finding of kind k belongs to the selection.
func (p PassSelection) keeps(k finding.Kind) bool {
	switch k {
	case finding.KindCode:
		return p.Code
	case finding.KindSecret:
		return p.Secrets
	case finding.KindPackage:
		return p.Deps
	}
	return true
}

// Blob is one zip to scan: a function's code or a layer version.
type Blob struct {
	// Name is the input name for the scan: the function's input name
	// (FunctionTarget.Input) or, for a layer, its version ARN.
	Name string
	Data []byte
	// Function is the function name or ARN for function code; empty for a
	// layer, which is scanned once for every function using it.
	Function string
	// LayerARN is set for layers (the layer version ARN).
	LayerARN string
	// CodeSha256 is Lambda's base64 SHA-256 of the zip, already verified.
	CodeSha256 string
}

// Scanner scans one zip with the selected passes and returns what the passes
// found, as a report (Findings, Notifications, Packages, Inputs, Rules). The
// command wires the engine into it:
//
//	in, err := input.FromZipBytes(b.Name, b.Data, opts)
//	in.Function = b.Function; in.Layer = b.LayerARN != ""; in.LayerARN = b.LayerARN
//	return scan.Run(ctx, scan.Options{Passes: ...}, []*input.Input{in})
//
// It is called concurrently from several workers.
type Scanner func(ctx context.Context, b Blob, passes PassSelection) (*finding.Report, error)

// Endpoints overrides the service endpoints (for local fakes and moto).
// Default applies to every service without its own entry.
type Endpoints struct {
	Default       string
	Lambda        string
	CloudWatch    string
	STS           string
	Organizations string
	Account       string
}

func (e Endpoints) pick(s string) string {
	if s != "" {
		return s
	}
	return e.Default
}

// Options configures Run.
type Options struct {
	// Config is the base AWS configuration: credentials and default region
	// (see LoadConfig). Its Retryer is replaced by Run's.
	Config aws.Config
	// Regions to scan; empty means Config.Region, unless AllRegions.
	Regions    []string
	AllRegions bool
	// RoleARN is assumed before anything else.
	RoleARN string
	// OrgRoleName, when set, scans every ACTIVE account of the organisation
	// by assuming arn:<partition>:iam::<account>:role/<OrgRoleName>.
	OrgRoleName string
	// Functions filters functions by name, ARN or glob (either); empty
	// keeps all.
	Functions []string
	// AllVersions scans published versions too (and reports aliases on the
	// version they point to), not only $LATEST.
	AllVersions bool
	// StaleDays is the eligibility window; 0 means 90, negative disables
	// the check.
	StaleDays int
	// Passes are the passes the user asked for; exclusion tags remove more
	// per function.
	Passes PassSelection
	// Scanner scans the zips. Nil with ListOnly unset is an error.
	Scanner Scanner
	// ListOnly enumerates and decides eligibility without downloading.
	ListOnly bool
	// Workers is the number of functions processed at once (default 8).
	Workers int
	// CacheDir keeps downloaded zips by CodeSha256 / layer version ARN;
	// empty disables the cache.
	CacheDir string
	// MaxDownload caps one download, in bytes (default 300 MB).
	MaxDownload int64
	// HTTPClient downloads code from presigned URLs (default: a client with
	// a 5 minute timeout).
	HTTPClient *http.Client
	// Endpoints overrides service endpoints.
	Endpoints Endpoints
	// MetricsProtocol is "auto" (default: CloudWatch's RPC v2 CBOR, falling
	// back to awsquery when the endpoint does not speak it), "cbor" or
	// "query".
	MetricsProtocol string
	// MaxAttempts for the SDK retryer (default 8) and its maximum backoff
	// (default 20s).
	MaxAttempts int
	MaxBackoff  time.Duration
	// Progress, when set, receives a progress bar (give it a terminal).
	Progress io.Writer
	// Now returns the current time (default time.Now).
	Now func() time.Time
}

// Summary counts what happened to the functions of a run.
type Summary struct {
	Functions   int   `json:"functions"`
	Scanned     int   `json:"scanned"`
	Excluded    int   `json:"excluded"`
	Stale       int   `json:"stale"`
	Unsupported int   `json:"unsupported"`
	Failed      int   `json:"failed"`
	Layers      int   `json:"layers"`
	Downloads   int   `json:"downloads"`
	CacheHits   int   `json:"cacheHits"`
	Bytes       int64 `json:"bytesDownloaded"`
}

// Result is the outcome of Run.
type Result struct {
	Report  *finding.Report
	Summary Summary
}
