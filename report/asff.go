package report

import (
	"cmp"
	"encoding/json"
	"io"
	"path"
	"strconv"
	"strings"

	"github.com/lambdascan/lambdascan/engine/finding"
	"github.com/lambdascan/lambdascan/report/internal/locate"
)

// ASFF limits from the Security Hub documentation.
const (
	asffSchemaVersion = "2018-10-08"
	asffTitleMax      = 256
	asffDescMax       = 1024
	asffRecommendMax  = 512
	// ASFFBatchMax is how many findings one BatchImportFindings call takes;
	// callers importing more split the Findings list.
	ASFFBatchMax = 100
)

// ASFF finding types used by lambdascan.
const (
	asffTypeCVE       = "Software and Configuration Checks/Vulnerabilities/CVE"
	asffTypeStandards = "Software and Configuration Checks/Industry and Regulatory Standards"
)

// asffBatch is a BatchImportFindings request body, so the output can be
// sent with `aws securityhub batch-import-findings --cli-input-json`.
type asffBatch struct {
	Findings []asffFinding `json:"Findings"`
}

type asffFinding struct {
	SchemaVersion         string              `json:"SchemaVersion"`
	ID                    string              `json:"Id"`
	ProductArn            string              `json:"ProductArn"`
	ProductName           string              `json:"ProductName"`
	CompanyName           string              `json:"CompanyName"`
	GeneratorID           string              `json:"GeneratorId"`
	AwsAccountID          string              `json:"AwsAccountId"`
	Types                 []string            `json:"Types"`
	CreatedAt             string              `json:"CreatedAt"`
	UpdatedAt             string              `json:"UpdatedAt"`
	Severity              asffSeverity        `json:"Severity"`
	Confidence            int                 `json:"Confidence"`
	Title                 string              `json:"Title"`
	Description           string              `json:"Description"`
	Remediation           *asffRemediation    `json:"Remediation,omitempty"`
	ProductFields         map[string]string   `json:"ProductFields,omitempty"`
	Resources             []asffResource      `json:"Resources"`
	Vulnerabilities       []asffVulnerability `json:"Vulnerabilities,omitempty"`
	FindingProviderFields asffProviderFields  `json:"FindingProviderFields"`
	RecordState           string              `json:"RecordState"`
	Workflow              *asffWorkflow       `json:"Workflow,omitempty"`
}

type asffSeverity struct {
	Label    string `json:"Label"`
	Original string `json:"Original,omitempty"`
}

type asffProviderFields struct {
	Confidence int          `json:"Confidence"`
	Severity   asffSeverity `json:"Severity"`
	Types      []string     `json:"Types"`
}

type asffRemediation struct {
	Recommendation asffRecommendation `json:"Recommendation"`
}

type asffRecommendation struct {
	Text string `json:"Text,omitempty"`
	URL  string `json:"Url,omitempty"`
}

type asffWorkflow struct {
	Status string `json:"Status"`
}

type asffResource struct {
	Type      string               `json:"Type"`
	ID        string               `json:"Id"`
	Partition string               `json:"Partition,omitempty"`
	Region    string               `json:"Region,omitempty"`
	Details   *asffResourceDetails `json:"Details,omitempty"`
}

type asffResourceDetails struct {
	AwsLambdaFunction *asffLambda       `json:"AwsLambdaFunction,omitempty"`
	Other             map[string]string `json:"Other,omitempty"`
}

type asffLambda struct {
	FunctionName string `json:"FunctionName,omitempty"`
	Runtime      string `json:"Runtime,omitempty"`
}

type asffVulnerability struct {
	ID                     string               `json:"Id"`
	VulnerablePackages     []asffPackage        `json:"VulnerablePackages,omitempty"`
	Cvss                   []asffCvss           `json:"Cvss,omitempty"`
	RelatedVulnerabilities []string             `json:"RelatedVulnerabilities,omitempty"`
	ReferenceUrls          []string             `json:"ReferenceUrls,omitempty"`
	FixAvailable           string               `json:"FixAvailable,omitempty"`
	CodeVulnerabilities    []asffCodeVulnerable `json:"CodeVulnerabilities,omitempty"`
}

type asffPackage struct {
	Name           string `json:"Name"`
	Version        string `json:"Version,omitempty"`
	FilePath       string `json:"FilePath,omitempty"`
	FixedInVersion string `json:"FixedInVersion,omitempty"`
	PackageManager string `json:"PackageManager,omitempty"`
	Remediation    string `json:"Remediation,omitempty"`
	SourceLayerArn string `json:"SourceLayerArn,omitempty"`
}

type asffCvss struct {
	Version    string  `json:"Version"`
	BaseScore  float64 `json:"BaseScore"`
	BaseVector string  `json:"BaseVector"`
}

type asffCodeVulnerable struct {
	Cwes      []string      `json:"Cwes,omitempty"`
	FilePath  *asffFilePath `json:"FilePath,omitempty"`
	SourceArn string        `json:"SourceArn,omitempty"`
}

type asffFilePath struct {
	FileName  string `json:"FileName"`
	FilePath  string `json:"FilePath"`
	StartLine int    `json:"StartLine,omitempty"`
	EndLine   int    `json:"EndLine,omitempty"`
}

// asffConfidence maps confidence to ASFF's 0–100 scale.
func asffConfidence(c finding.Confidence) int {
	switch c {
	case finding.ConfidenceHigh:
		return 90
	case finding.ConfidenceLow:
		return 30
	}
	return 60
}

func writeASFF(w io.Writer, r *finding.Report, opts Options) error {
	loc := locate.New(r, opts.SrcRoot)
	now := awsTime(r)
	out := asffBatch{Findings: make([]asffFinding, 0, len(r.Findings))}
	inputs := inputIndex(r)
	for i := range r.Findings {
		out.Findings = append(out.Findings, asffOf(&r.Findings[i], loc, inputs, opts, now))
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(out)
}

func asffOf(f *finding.Finding, loc locate.Locator, inputs map[string]finding.InputSummary, opts Options, now string) asffFinding {
	rule := ruleOf(f)
	t := targetOf(f, inputs, opts)
	file := loc.Display(f.Location.Input, f.Location.Path)
	types := []string{asffTypeStandards}
	if f.Kind == finding.KindPackage {
		types = []string{asffTypeCVE}
	}
	sev := asffSeverity{Label: awsSeverity(f.Severity), Original: f.Severity.String()}

	where := cmp.Or(t.FunctionName, t.FunctionARN, file)
	title := cmp.Or(rule.Title, f.Message, f.RuleID)
	if where != "" {
		title += " in " + where
	}
	var desc strings.Builder
	desc.WriteString(cmp.Or(f.Message, rule.Title, f.RuleID))
	if file != "" {
		desc.WriteString(" (" + file)
		if f.Location.StartLine > 0 {
			desc.WriteString(":" + strconv.Itoa(f.Location.StartLine))
		}
		desc.WriteString(")")
	}
	if rule.Description != "" && rule.Description != f.Message {
		desc.WriteString(". " + rule.Description)
	}

	a := asffFinding{
		SchemaVersion: asffSchemaVersion,
		ID:            "lambdascan/" + stableID(f, 32),
		ProductArn:    "arn:" + t.Partition + ":securityhub:" + t.Region + ":" + t.Account + ":product/" + t.Account + "/default",
		ProductName:   "lambdascan",
		CompanyName:   "lambdascan",
		GeneratorID:   "lambdascan/" + rule.ID,
		AwsAccountID:  t.Account,
		Types:         types,
		CreatedAt:     now,
		UpdatedAt:     now,
		Severity:      sev,
		Confidence:    asffConfidence(f.Confidence),
		Title:         truncate(title, asffTitleMax),
		Description:   truncate(desc.String(), asffDescMax),
		ProductFields: map[string]string{
			"lambdascan/RuleId":     rule.ID,
			"lambdascan/Kind":       string(f.Kind),
			"lambdascan/Confidence": f.Confidence.String(),
		},
		FindingProviderFields: asffProviderFields{Confidence: asffConfidence(f.Confidence), Severity: sev, Types: types},
		RecordState:           "ACTIVE",
	}
	if f.Fingerprint != "" {
		a.ProductFields["lambdascan/Fingerprint"] = f.Fingerprint
	}
	if file != "" {
		a.ProductFields["lambdascan/File"] = file
	}
	if f.Location.StartLine > 0 {
		a.ProductFields["lambdascan/Line"] = strconv.Itoa(f.Location.StartLine)
	}
	if ids := rule.CWEIDs(); len(ids) > 0 {
		a.ProductFields["lambdascan/CWE"] = strings.Join(ids, ",")
	}
	if rule.Remediation != "" || len(rule.References) > 0 {
		rec := asffRecommendation{Text: truncate(rule.Remediation, asffRecommendMax)}
		if refs := referenceURLs(rule, 1); len(refs) > 0 {
			rec.URL = refs[0]
		}
		a.Remediation = &asffRemediation{Recommendation: rec}
	}
	if f.Suppression != nil {
		a.Workflow = &asffWorkflow{Status: "SUPPRESSED"}
	}

	switch {
	case t.FunctionARN != "":
		a.Resources = []asffResource{{
			Type: "AwsLambdaFunction", ID: t.FunctionARN, Partition: t.Partition, Region: t.Region,
			Details: &asffResourceDetails{AwsLambdaFunction: &asffLambda{FunctionName: t.FunctionName, Runtime: t.Runtime}},
		}}
	default:
		other := map[string]string{}
		if f.Location.Input != "" {
			other["Input"] = f.Location.Input
		}
		if f.Location.Path != "" {
			other["Path"] = f.Location.Path
		}
		if t.FunctionName != "" {
			other["FunctionName"] = t.FunctionName
		}
		res := asffResource{Type: "Other", ID: cmp.Or(t.FunctionName, t.LayerARN, file, f.RuleID), Partition: t.Partition, Region: t.Region}
		if len(other) > 0 {
			res.Details = &asffResourceDetails{Other: other}
		}
		a.Resources = []asffResource{res}
	}

	switch f.Kind {
	case finding.KindPackage:
		if v := f.Vulnerability; v != nil {
			av := asffVulnerability{
				ID:                     v.ID,
				RelatedVulnerabilities: v.Aliases,
				ReferenceUrls:          referenceURLs(rule, 10),
				FixAvailable:           "NO",
			}
			if v.FixAvailable {
				av.FixAvailable = "YES"
			}
			if p := f.Package; p != nil {
				pk := asffPackage{
					Name: p.Name, Version: p.Version, FilePath: p.Location.Path,
					FixedInVersion: v.FixedVersion, PackageManager: packageManager(p),
					SourceLayerArn: t.LayerARN,
				}
				if v.FixedVersion != "" {
					pk.Remediation = "Upgrade " + p.Name + " to " + v.FixedVersion + " or later"
				}
				av.VulnerablePackages = []asffPackage{pk}
			}
			if v.CVSSVector != "" && v.CVSSScore > 0 {
				av.Cvss = []asffCvss{{Version: cvssVersion(v.CVSSVector), BaseScore: v.CVSSScore, BaseVector: v.CVSSVector}}
			}
			a.Vulnerabilities = []asffVulnerability{av}
		}
	case finding.KindCode, finding.KindSecret:
		cv := asffCodeVulnerable{Cwes: rule.CWEIDs(), SourceArn: t.LayerARN}
		if f.Location.Path != "" {
			cv.FilePath = &asffFilePath{
				FileName: path.Base(f.Location.Path), FilePath: f.Location.Path,
				StartLine: f.Location.StartLine, EndLine: max(f.Location.EndLine, f.Location.StartLine),
			}
		}
		a.Vulnerabilities = []asffVulnerability{{ID: rule.ID, CodeVulnerabilities: []asffCodeVulnerable{cv}}}
	}
	return a
}
