// Package finding defines the one result type that every lambdascan pass
// produces (code, secret, package and configuration findings alike) and the
// Report that carries them to the writers. Writers never special-case where a
// finding came from beyond the fields it has, so everything a writer may show
// is a field here.
package finding

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"slices"
	"strconv"
	"strings"
)

// Kind says which pass produced a finding.
type Kind string

// The kinds of finding.
const (
	KindCode    Kind = "code"    // a code rule or a taint flow in first-party code
	KindSecret  Kind = "secret"  // a hardcoded secret in any text file
	KindPackage Kind = "package" // a vulnerable third-party package
	KindConfig  Kind = "config"  // a function's configuration (runtime, env vars, URL auth)
)

// Rule is the metadata of the detector behind a finding. Code rules share
// one *Rule between all their findings; a package finding carries a Rule made
// from its advisory. Metadata lives here only, never copied onto findings.
type Rule struct {
	ID          string     `json:"id"`
	Title       string     `json:"title"`                 // one line, shown as SARIF shortDescription
	Description string     `json:"description,omitempty"` // what the rule looks for; SARIF fullDescription
	Severity    Severity   `json:"severity"`              // default severity of its findings
	Confidence  Confidence `json:"confidence"`
	CWE         []int      `json:"cwe,omitempty"`
	OWASP       []string   `json:"owasp,omitempty"`
	Tags        []string   `json:"tags,omitempty"`
	References  []string   `json:"references,omitempty"`
	Remediation string     `json:"remediation,omitempty"`
	Languages   []string   `json:"languages,omitempty"`
}

// CWEIDs returns the rule's CWEs as "CWE-78" strings.
func (r *Rule) CWEIDs() []string {
	out := make([]string, 0, len(r.CWE))
	for _, c := range r.CWE {
		out = append(out, "CWE-"+strconv.Itoa(c))
	}
	return out
}

// Location is a span in a file of one input. Lines and columns are 1-based;
// columns count Unicode code points from the start of the line. EndColumn is
// exclusive (the column just after the last character), as in SARIF.
type Location struct {
	// Input names the input the file belongs to: the path given on the
	// command line, or a function name when scanning AWS.
	Input string `json:"input,omitempty"`
	// Path is the slash-separated path inside the input. A file inside a
	// nested archive is written "lib/app.jar!/com/x/Y.java".
	Path        string `json:"path"`
	StartLine   int    `json:"startLine,omitempty"`
	StartColumn int    `json:"startColumn,omitempty"`
	EndLine     int    `json:"endLine,omitempty"`
	EndColumn   int    `json:"endColumn,omitempty"`
}

// Snippet holds the lines around a finding, already masked.
type Snippet struct {
	StartLine int      `json:"startLine"`
	Lines     []string `json:"lines"`
}

// Text joins the snippet's lines.
func (s Snippet) Text() string { return strings.Join(s.Lines, "\n") }

// FlowStep is one step of a taint path from a source to a sink.
type FlowStep struct {
	Location Location `json:"location"`
	// Note says what happens at this step ("event['body'] is read",
	// "passed to helper build_query", "reaches cursor.execute").
	Note string `json:"note"`
	// Code is the (masked) source text of the step's line.
	Code string `json:"code,omitempty"`
}

// Edit replaces the bytes [Start, End) of a file with New. Offsets are
// byte offsets in the original file; line/column positions are given too so
// writers that need them (SARIF) need not re-read the file.
type Edit struct {
	Path        string `json:"path"`
	Start       int    `json:"start"`
	End         int    `json:"end"`
	StartLine   int    `json:"startLine"`
	StartColumn int    `json:"startColumn"`
	EndLine     int    `json:"endLine"`
	EndColumn   int    `json:"endColumn"`
	New         string `json:"new"`
}

// Fix is one ready-to-apply change: a set of non-overlapping edits.
type Fix struct {
	Description string `json:"description"`
	Edits       []Edit `json:"edits"`
	// Diff is the unified diff of the change, for people.
	Diff string `json:"diff,omitempty"`
}

// Package identifies a third-party package found in the scanned code.
type Package struct {
	Ecosystem string `json:"ecosystem"` // OSV ecosystem name: "PyPI", "npm", "Maven"
	Name      string `json:"name"`      // normalised name (PEP 503, npm, "group:artifact")
	Version   string `json:"version"`
	PURL      string `json:"purl,omitempty"`
	// Location is the file the package was read from (a METADATA file, a
	// lockfile, a pom.properties inside a jar).
	Location Location `json:"location"`
	// Layer is the layer (name or ARN) the package came from, if any.
	Layer string `json:"layer,omitempty"`
	// Source names the extractor ("python/dist-info", "npm/package-lock").
	Source string `json:"source,omitempty"`
	// Confidence is Low for guesses (file names, bundle banners).
	Confidence Confidence `json:"confidence,omitempty"`
	// AlsoAt lists the other files of the same input that name the same
	// package version (a lockfile beside node_modules, a second jar), set
	// when the deps pass merges them into this one; sorted by path.
	AlsoAt []Location `json:"alsoAt,omitempty"`
}

// Vulnerability is the advisory side of a package finding.
type Vulnerability struct {
	ID           string   `json:"id"`
	Aliases      []string `json:"aliases,omitempty"`
	Summary      string   `json:"summary,omitempty"`
	FixedVersion string   `json:"fixedVersion,omitempty"` // nearest fixed version above the installed one
	FixAvailable bool     `json:"fixAvailable"`
	CVSSVector   string   `json:"cvssVector,omitempty"`
	CVSSScore    float64  `json:"cvssScore,omitempty"`
}

// ScoreAdjustment records one reason a finding's score moved from its base.
type ScoreAdjustment struct {
	Metric string  `json:"metric"`
	Reason string  `json:"reason"`
	Delta  float64 `json:"delta,omitempty"`
}

// Suppression says why a finding is suppressed (it stays in the report).
type Suppression struct {
	Kind          string `json:"kind"` // "inSource" or "external", as SARIF
	Justification string `json:"justification,omitempty"`
	Source        string `json:"source,omitempty"` // the config file or line that suppressed it
}

// Finding is one problem found by any pass.
type Finding struct {
	Rule     *Rule    `json:"-"`
	RuleID   string   `json:"ruleId"`
	Kind     Kind     `json:"kind"`
	Message  string   `json:"message"`
	Severity Severity `json:"severity"`
	// Confidence is how sure the pass is; it starts as the rule's.
	Confidence Confidence `json:"confidence"`
	Location   Location   `json:"location"`
	Snippet    *Snippet   `json:"snippet,omitempty"`
	// Fingerprint identifies the finding across runs and survives lines
	// moving above it: see Fingerprint.
	Fingerprint string     `json:"fingerprint"`
	Flow        []FlowStep `json:"flow,omitempty"`
	Fixes       []Fix      `json:"fixes,omitempty"`
	// Layer is set when the finding comes from a layer input.
	Layer string `json:"layer,omitempty"`
	// Function is the Lambda function (name or ARN) the finding belongs to,
	// when known.
	Function      string            `json:"function,omitempty"`
	Package       *Package          `json:"package,omitempty"`
	Vulnerability *Vulnerability    `json:"vulnerability,omitempty"`
	Score         float64           `json:"score,omitempty"`
	Adjustments   []ScoreAdjustment `json:"scoreAdjustments,omitempty"`
	Suppression   *Suppression      `json:"suppression,omitempty"`
	// Properties carries extra facts for writers (e.g. "functionArn").
	Properties map[string]string `json:"properties,omitempty"`
	// LineHash is LineHash of the finding's first line, set by the scan
	// pipeline while the file's content is in memory so the fingerprint
	// needs no second read. Never the line itself: it may hold a secret.
	LineHash string `json:"-"`
}

// LineHash hashes a line with its white space normalised, so re-indented
// code keeps its fingerprint.
func LineHash(line string) string {
	sum := sha256.Sum256([]byte(strings.Join(strings.Fields(line), " ")))
	return hex.EncodeToString(sum[:12])
}

// Compare orders findings by input, path, line, column, rule and message.
func Compare(a, b *Finding) int {
	return cmp.Or(
		cmp.Compare(a.Location.Input, b.Location.Input),
		cmp.Compare(a.Location.Path, b.Location.Path),
		cmp.Compare(a.Location.StartLine, b.Location.StartLine),
		cmp.Compare(a.Location.StartColumn, b.Location.StartColumn),
		cmp.Compare(a.RuleID, b.RuleID),
		cmp.Compare(a.Message, b.Message),
		cmp.Compare(a.Location.EndLine, b.Location.EndLine),
		cmp.Compare(a.Location.EndColumn, b.Location.EndColumn),
	)
}

// Sort sorts findings deterministically (see Compare).
func Sort(fs []Finding) {
	slices.SortStableFunc(fs, func(a, b Finding) int { return Compare(&a, &b) })
}

// Fingerprint computes a stable identity for a finding from its rule, a
// scope (a function name when one report covers several functions; "" for a
// local scan), its path inside the input and the whitespace-normalised text
// of its first line, plus an occurrence index that tells apart identical
// lines. Line numbers take no part, so code moving up or down keeps the
// fingerprint.
func Fingerprint(ruleID, scope, path, lineText string, occurrence int) string {
	h := sha256.New()
	for _, s := range []string{ruleID, scope, path, strings.Join(strings.Fields(lineText), " ")} {
		h.Write([]byte(s))
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil)[:8]) + ":" + strconv.Itoa(occurrence)
}

// AssignFingerprints sets Fingerprint on each finding that has none, from
// its function (the scope), path and LineHash, or for a package finding
// without a line its package name and version. The input's name takes no
// part, so "scan ." and "scan /abs/dir" (or a git archive of the merge base)
// agree, which baselines rely on. Occurrences count findings of the same
// rule on identical text in the same file, in sorted order.
func AssignFingerprints(fs []Finding) {
	seen := map[string]int{}
	for i := range fs {
		f := &fs[i]
		if f.Fingerprint != "" {
			continue
		}
		text := f.LineHash
		if text == "" && f.Package != nil {
			text = f.Package.Name + "@" + f.Package.Version
		}
		base := Fingerprint(f.RuleID, f.Function, f.Location.Path, text, 0)
		n := seen[base] + 1
		seen[base] = n
		f.Fingerprint = Fingerprint(f.RuleID, f.Function, f.Location.Path, text, n)
	}
}
