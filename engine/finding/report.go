package finding

import (
	"cmp"
	"slices"
	"time"
)

// Level is a notification's level, as SARIF's notification levels.
type Level string

// Notification levels.
const (
	LevelError   Level = "error"   // an input or file could not be scanned
	LevelWarning Level = "warning" // something was skipped or cut short
	LevelNote    Level = "note"    // for information
)

// Notification reports a problem with the scan itself (a corrupt zip, a file
// too large, a syntax error), never a finding in the code. The scan goes on.
type Notification struct {
	Level   Level  `json:"level"`
	Code    string `json:"code"` // stable id, e.g. "zip-bomb", "syntax-error"
	Message string `json:"message"`
	Input   string `json:"input,omitempty"`
	Path    string `json:"path,omitempty"`
	Line    int    `json:"line,omitempty"`
}

// InputSummary describes one scanned input.
type InputSummary struct {
	Name     string `json:"name"`
	Kind     string `json:"kind"` // "dir", "zip", "jar"
	Layer    bool   `json:"layer,omitempty"`
	LayerARN string `json:"layerArn,omitempty"`
	Function string `json:"function,omitempty"`
	Files    int    `json:"files"`
	Bytes    int64  `json:"bytes"`
}

// FileClass says how the walker classified a file.
type FileClass string

// File classes.
const (
	ClassFirstParty FileClass = "first-party" // the function's own code: code rules run on it
	ClassThirdParty FileClass = "third-party" // installed dependencies: the package pass reads it
	ClassGenerated  FileClass = "generated"   // minified or bundled output: not parsed unless asked
	ClassExcluded   FileClass = "excluded"    // left out by --include/--exclude
	ClassOther      FileClass = "other"       // data, config, binaries
)

// FileInfo records the classification of one file and why.
type FileInfo struct {
	Input    string    `json:"input"`
	Path     string    `json:"path"`
	Class    FileClass `json:"class"`
	Language string    `json:"language,omitempty"`
	Reason   string    `json:"reason"`
	Size     int64     `json:"size"`
}

// Coverage is the scan status of one Lambda function, with Inspector's
// reason names (SUCCESSFUL, EXCLUDED_BY_TAG, SCAN_ELIGIBILITY_EXPIRED, ...).
type Coverage struct {
	Function      string    `json:"function"`
	ARN           string    `json:"arn,omitempty"`
	Region        string    `json:"region,omitempty"`
	Account       string    `json:"account,omitempty"`
	Runtime       string    `json:"runtime,omitempty"`
	Status        string    `json:"status"` // ACTIVE or INACTIVE
	Reason        string    `json:"reason"`
	CodeScanned   bool      `json:"codeScanned"`
	DepsScanned   bool      `json:"depsScanned"`
	LastScannedAt time.Time `json:"lastScannedAt,omitzero"`
	Detail        string    `json:"detail,omitempty"`
}

// Stats are run-wide counters.
type Stats struct {
	FilesSeen    int   `json:"filesSeen"`
	FilesParsed  int   `json:"filesParsed"`
	BytesParsed  int64 `json:"bytesParsed"`
	Packages     int   `json:"packages"`
	RulesLoaded  int   `json:"rulesLoaded"`
	DurationMsec int64 `json:"durationMs"`
}

// Report is everything one run produced.
type Report struct {
	ToolName      string         `json:"tool"`
	ToolVersion   string         `json:"version"`
	StartedAt     time.Time      `json:"startedAt"`
	Inputs        []InputSummary `json:"inputs"`
	Findings      []Finding      `json:"findings"`
	Notifications []Notification `json:"notifications"`
	Packages      []Package      `json:"packages,omitempty"`
	Files         []FileInfo     `json:"files,omitempty"`
	Coverage      []Coverage     `json:"coverage,omitempty"`
	// Rules lists every rule that ran, so writers can describe rules that
	// found nothing (SARIF tool.driver.rules).
	Rules []*Rule `json:"-"`
	Stats Stats   `json:"stats"`
}

// Normalize sorts everything in the report so output is deterministic.
func (r *Report) Normalize() {
	Sort(r.Findings)
	slices.SortStableFunc(r.Notifications, func(a, b Notification) int {
		return cmp.Or(cmp.Compare(a.Input, b.Input), cmp.Compare(a.Path, b.Path),
			cmp.Compare(a.Line, b.Line), cmp.Compare(a.Code, b.Code), cmp.Compare(a.Message, b.Message))
	})
	slices.SortStableFunc(r.Packages, func(a, b Package) int {
		return cmp.Or(cmp.Compare(a.Ecosystem, b.Ecosystem), cmp.Compare(a.Name, b.Name),
			cmp.Compare(a.Version, b.Version), cmp.Compare(a.Location.Input, b.Location.Input),
			cmp.Compare(a.Location.Path, b.Location.Path))
	})
	slices.SortStableFunc(r.Files, func(a, b FileInfo) int {
		return cmp.Or(cmp.Compare(a.Input, b.Input), cmp.Compare(a.Path, b.Path))
	})
	slices.SortStableFunc(r.Rules, func(a, b *Rule) int { return cmp.Compare(a.ID, b.ID) })
	r.Rules = slices.CompactFunc(r.Rules, func(a, b *Rule) bool { return a.ID == b.ID })
	slices.SortStableFunc(r.Coverage, func(a, b Coverage) int {
		return cmp.Or(cmp.Compare(a.Account, b.Account), cmp.Compare(a.Region, b.Region), cmp.Compare(a.Function, b.Function))
	})
}

// SortedCopy returns a normalized copy of r that shares no slice with it,
// so writers can sort without disturbing the caller's report. A nil report
// gives an empty one; nil rules are dropped.
func (r *Report) SortedCopy() *Report {
	if r == nil {
		r = &Report{}
	}
	c := *r
	c.Inputs = slices.Clone(r.Inputs)
	c.Findings = slices.Clone(r.Findings)
	c.Notifications = slices.Clone(r.Notifications)
	c.Packages = slices.Clone(r.Packages)
	c.Files = slices.Clone(r.Files)
	c.Coverage = slices.Clone(r.Coverage)
	c.Rules = slices.DeleteFunc(slices.Clone(r.Rules), func(r *Rule) bool { return r == nil })
	c.Normalize()
	return &c
}

// AtOrAbove counts unsuppressed findings at or above sev.
func (r *Report) AtOrAbove(sev Severity) int {
	n := 0
	for i := range r.Findings {
		if r.Findings[i].Suppression == nil && r.Findings[i].Severity >= sev {
			n++
		}
	}
	return n
}
