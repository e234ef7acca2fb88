package report

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"path"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/lambdascan/lambdascan/engine/finding"
)

// DefaultAWSAccount is the account written into AWS formats when neither
// the finding nor its function ARN names one.
const DefaultAWSAccount = "000000000000"

// DefaultAWSRegion is the region used by the AWS formats when neither
// Options.AWSRegion, the finding nor its function ARN names one.
const DefaultAWSRegion = "us-east-1"

// awsARN is the part of an ARN the AWS writers need.
type awsARN struct {
	Partition, Service, Region, Account, Resource string
}

// parseARN splits "arn:partition:service:region:account:resource"; ok is
// false for anything else.
func parseARN(s string) (awsARN, bool) {
	parts := strings.SplitN(s, ":", 6)
	if len(parts) != 6 || parts[0] != "arn" || parts[1] == "" || parts[2] == "" {
		return awsARN{}, false
	}
	return awsARN{Partition: parts[1], Service: parts[2], Region: parts[3], Account: parts[4], Resource: parts[5]}, true
}

// awsTarget is what an AWS format needs to know about where a finding lives.
type awsTarget struct {
	Partition, Region, Account string
	FunctionARN, FunctionName  string
	LayerARN                   string
	Runtime                    string
}

// targetOf gathers the account, region and Lambda resource of a finding
// from its fields, its input, its properties (account, region, functionArn,
// layerArn, runtime) and the ARNs themselves.
func targetOf(f *finding.Finding, inputs map[string]finding.InputSummary, opts Options) awsTarget {
	if in, ok := inputs[f.Location.Input]; ok {
		// The input knows the function or layer when the finding does not.
		g := *f
		g.Function = cmp.Or(g.Function, in.Function)
		if in.Layer {
			g.Layer = cmp.Or(g.Layer, in.LayerARN)
		}
		f = &g
	}
	t := awsTarget{
		Partition:    "aws",
		Account:      property(f, "account"),
		Region:       property(f, "region"),
		FunctionARN:  property(f, "functionArn"),
		FunctionName: f.Function,
		LayerARN:     property(f, "layerArn"),
		Runtime:      property(f, "runtime"),
	}
	if a, ok := parseARN(f.Function); ok && a.Service == "lambda" {
		t.FunctionARN = cmp.Or(t.FunctionARN, f.Function)
		t.FunctionName = ""
	}
	if a, ok := parseARN(f.Layer); ok && a.Service == "lambda" {
		t.LayerARN = cmp.Or(t.LayerARN, f.Layer)
	}
	for _, s := range []string{t.FunctionARN, t.LayerARN} {
		if a, ok := parseARN(s); ok {
			t.Partition = a.Partition
			t.Account = cmp.Or(t.Account, a.Account)
			t.Region = cmp.Or(t.Region, a.Region)
		}
	}
	if a, ok := parseARN(t.FunctionARN); ok && t.FunctionName == "" {
		// function:NAME or function:NAME:QUALIFIER
		res := strings.TrimPrefix(a.Resource, "function:")
		t.FunctionName, _, _ = strings.Cut(res, ":")
	}
	if !isAccountID(t.Account) {
		t.Account = DefaultAWSAccount
	}
	t.Region = cmp.Or(t.Region, opts.AWSRegion, DefaultAWSRegion)
	return t
}

func isAccountID(s string) bool {
	if len(s) != 12 {
		return false
	}
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// stableID is a fixed-length hex identity for a finding, from its
// fingerprint when it has one.
func stableID(f *finding.Finding, n int) string {
	key := f.Fingerprint
	if key == "" {
		key = finding.Fingerprint(f.RuleID, f.Location.Input, f.Location.Path, f.Message, f.Location.StartLine)
	}
	sum := sha256.Sum256([]byte(f.Function + "\x00" + key))
	return hex.EncodeToString(sum[:])[:n]
}

// truncate cuts s to at most n characters, marking the cut with "...".
func truncate(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n-3]) + "..."
}

// awsTime formats the report's start time as AWS APIs print timestamps;
// reports without one get the current time.
func awsTime(r *finding.Report) string {
	t := r.StartedAt
	if t.IsZero() {
		t = time.Now()
	}
	return t.UTC().Format("2006-01-02T15:04:05.000Z")
}

// awsSeverity is the upper-case label AWS uses.
func awsSeverity(s finding.Severity) string {
	switch s {
	case finding.SeverityCritical:
		return "CRITICAL"
	case finding.SeverityHigh:
		return "HIGH"
	case finding.SeverityMedium:
		return "MEDIUM"
	case finding.SeverityLow:
		return "LOW"
	}
	return "INFORMATIONAL"
}

// cvssVersion reads the version from a CVSS vector ("CVSS:3.1/..." is 3.1;
// a vector without prefix is CVSS 2.0).
func cvssVersion(vector string) string {
	if v, ok := strings.CutPrefix(vector, "CVSS:"); ok {
		ver, _, _ := strings.Cut(v, "/")
		return ver
	}
	return "2.0"
}

// packageManager maps a package's extractor and ecosystem to Amazon
// Inspector's packageManager values.
func packageManager(p *finding.Package) string {
	src := strings.ToLower(p.Source + " " + path.Base(p.Location.Path))
	switch {
	case strings.Contains(src, "pipfile"):
		return "PIPENV"
	case strings.Contains(src, "poetry"):
		return "POETRY"
	case strings.Contains(src, "requirements"):
		return "PIP"
	case strings.Contains(src, "yarn"):
		return "YARN"
	case strings.Contains(src, "package-lock"), strings.Contains(src, "shrinkwrap"):
		return "NPM"
	case strings.Contains(src, "pom"):
		return "POM"
	}
	switch strings.ToLower(p.Ecosystem) {
	case "pypi":
		return "PYTHONPKG"
	case "npm":
		return "NODEPKG"
	case "maven":
		return "JAR"
	case "go":
		return "GOMOD"
	}
	return ""
}

// referenceURLs returns at most n non-empty references.
func referenceURLs(r *finding.Rule, n int) []string {
	var out []string
	for _, u := range r.References {
		if u != "" && len(out) < n {
			out = append(out, u)
		}
	}
	return out
}

// inputIndex maps input names to their summaries.
func inputIndex(r *finding.Report) map[string]finding.InputSummary {
	m := make(map[string]finding.InputSummary, len(r.Inputs))
	for _, in := range r.Inputs {
		m[in.Name] = in
	}
	return m
}
