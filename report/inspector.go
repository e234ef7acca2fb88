package report

import (
	"cmp"
	"encoding/json"
	"io"
	"path"
	"strings"

	"github.com/lambdascan/lambdascan/engine/finding"
	"github.com/lambdascan/lambdascan/report/internal/locate"
)

// Amazon Inspector v2 finding types lambdascan produces.
const (
	InspectorCodeVulnerability    = "CODE_VULNERABILITY"
	InspectorPackageVulnerability = "PACKAGE_VULNERABILITY"
)

// inspectorList has the shape of an Inspector ListFindings response, so
// tools built on Inspector's export read lambdascan's output unchanged.
// Findings Inspector has no type for (configuration findings) are left
// out; the json format carries them.
type inspectorList struct {
	Findings []inspectorFinding `json:"findings"`
}

type inspectorFinding struct {
	AwsAccountID                string                       `json:"awsAccountId"`
	Description                 string                       `json:"description"`
	FindingArn                  string                       `json:"findingArn"`
	FirstObservedAt             string                       `json:"firstObservedAt"`
	LastObservedAt              string                       `json:"lastObservedAt"`
	UpdatedAt                   string                       `json:"updatedAt"`
	Remediation                 inspectorRemediation         `json:"remediation"`
	Resources                   []inspectorResource          `json:"resources"`
	Severity                    string                       `json:"severity"`
	Status                      string                       `json:"status"`
	Title                       string                       `json:"title"`
	Type                        string                       `json:"type"`
	InspectorScore              float64                      `json:"inspectorScore,omitempty"`
	FixAvailable                string                       `json:"fixAvailable,omitempty"`
	CodeVulnerabilityDetails    *inspectorCodeDetails        `json:"codeVulnerabilityDetails,omitempty"`
	PackageVulnerabilityDetails *inspectorPackageVulnDetails `json:"packageVulnerabilityDetails,omitempty"`
}

type inspectorRemediation struct {
	Recommendation inspectorRecommendation `json:"recommendation"`
}

type inspectorRecommendation struct {
	Text string `json:"text,omitempty"`
	URL  string `json:"Url,omitempty"` // sic: Inspector spells it "Url"
}

type inspectorResource struct {
	ID        string                    `json:"id"`
	Type      string                    `json:"type"`
	Partition string                    `json:"partition"`
	Region    string                    `json:"region"`
	Details   *inspectorResourceDetails `json:"details,omitempty"`
}

type inspectorResourceDetails struct {
	AwsLambdaFunction *inspectorLambda `json:"awsLambdaFunction,omitempty"`
}

type inspectorLambda struct {
	FunctionName string   `json:"functionName"`
	Runtime      string   `json:"runtime,omitempty"`
	Layers       []string `json:"layers,omitempty"`
}

type inspectorCodeDetails struct {
	Cwes                 []string          `json:"cwes"`
	DetectorID           string            `json:"detectorId"`
	DetectorName         string            `json:"detectorName"`
	DetectorTags         []string          `json:"detectorTags,omitempty"`
	FilePath             inspectorCodePath `json:"filePath"`
	ReferenceUrls        []string          `json:"referenceUrls,omitempty"`
	RuleID               string            `json:"ruleId"`
	SourceLambdaLayerArn string            `json:"sourceLambdaLayerArn,omitempty"`
}

type inspectorCodePath struct {
	FileName  string `json:"fileName"`
	FilePath  string `json:"filePath"`
	StartLine int    `json:"startLine"`
	EndLine   int    `json:"endLine"`
}

type inspectorPackageVulnDetails struct {
	VulnerabilityID        string             `json:"vulnerabilityId"`
	Source                 string             `json:"source"`
	SourceURL              string             `json:"sourceUrl,omitempty"`
	VulnerablePackages     []inspectorPackage `json:"vulnerablePackages"`
	ReferenceUrls          []string           `json:"referenceUrls,omitempty"`
	RelatedVulnerabilities []string           `json:"relatedVulnerabilities,omitempty"`
	Cvss                   []inspectorCvss    `json:"cvss,omitempty"`
}

type inspectorPackage struct {
	Name                 string `json:"name"`
	Version              string `json:"version"`
	FixedInVersion       string `json:"fixedInVersion,omitempty"`
	FilePath             string `json:"filePath,omitempty"`
	PackageManager       string `json:"packageManager,omitempty"`
	Remediation          string `json:"remediation,omitempty"`
	SourceLambdaLayerArn string `json:"sourceLambdaLayerArn,omitempty"`
}

type inspectorCvss struct {
	BaseScore     float64 `json:"baseScore"`
	ScoringVector string  `json:"scoringVector"`
	Source        string  `json:"source"`
	Version       string  `json:"version"`
}

// inspectorMaxList is the most items Inspector puts in cwes, detectorTags
// and referenceUrls.
const inspectorMaxList = 10

func writeInspector(w io.Writer, r *finding.Report, opts Options) error {
	loc := locate.New(r, opts.SrcRoot)
	now := awsTime(r)
	out := inspectorList{Findings: []inspectorFinding{}}
	inputs := inputIndex(r)
	for i := range r.Findings {
		if f, ok := inspectorOf(&r.Findings[i], loc, inputs, opts, now); ok {
			out.Findings = append(out.Findings, f)
		}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(out)
}

func inspectorOf(f *finding.Finding, loc locate.Locator, inputs map[string]finding.InputSummary, opts Options, now string) (inspectorFinding, bool) {
	rule := ruleOf(f)
	t := targetOf(f, inputs, opts)
	in := inspectorFinding{
		AwsAccountID:    t.Account,
		FindingArn:      "arn:" + t.Partition + ":inspector2:" + t.Region + ":" + t.Account + ":finding/" + stableID(f, 32),
		FirstObservedAt: now,
		LastObservedAt:  now,
		UpdatedAt:       now,
		Severity:        awsSeverity(f.Severity),
		Status:          "ACTIVE",
		InspectorScore:  f.Score,
		Remediation:     inspectorRemediation{Recommendation: inspectorRecommendation{Text: rule.Remediation}},
	}
	if refs := referenceURLs(rule, 1); len(refs) > 0 {
		in.Remediation.Recommendation.URL = refs[0]
	}
	if f.Suppression != nil {
		in.Status = "SUPPRESSED"
	}
	cwes := rule.CWEIDs()
	if len(cwes) > inspectorMaxList {
		cwes = cwes[:inspectorMaxList]
	}

	switch f.Kind {
	case finding.KindCode, finding.KindSecret:
		in.Type = InspectorCodeVulnerability
		in.Title = cmp.Or(rule.Title, f.Message, rule.ID)
		if len(cwes) > 0 {
			in.Title = strings.Join(cwes, ",") + " - " + in.Title
		}
		tags := rule.Tags
		if len(tags) > inspectorMaxList {
			tags = tags[:inspectorMaxList]
		}
		in.CodeVulnerabilityDetails = &inspectorCodeDetails{
			Cwes:         nonNil(cwes),
			DetectorID:   "lambdascan/" + rule.ID,
			DetectorName: cmp.Or(rule.Title, rule.ID),
			DetectorTags: tags,
			FilePath: inspectorCodePath{
				FileName:  path.Base(f.Location.Path),
				FilePath:  f.Location.Path,
				StartLine: f.Location.StartLine,
				EndLine:   max(f.Location.EndLine, f.Location.StartLine),
			},
			ReferenceUrls:        referenceURLs(rule, inspectorMaxList),
			RuleID:               rule.ID,
			SourceLambdaLayerArn: t.LayerARN,
		}
	case finding.KindPackage:
		v, p := f.Vulnerability, f.Package
		if v == nil || p == nil {
			return in, false
		}
		in.Type = InspectorPackageVulnerability
		in.Title = v.ID + " - " + p.Name
		in.FixAvailable = "NO"
		if v.FixAvailable {
			in.FixAvailable = "YES"
		}
		pk := inspectorPackage{
			Name: p.Name, Version: p.Version, FixedInVersion: v.FixedVersion,
			FilePath: p.Location.Path, PackageManager: packageManager(p), SourceLambdaLayerArn: t.LayerARN,
		}
		if v.FixedVersion != "" {
			pk.Remediation = "Upgrade " + p.Name + " to " + v.FixedVersion + " or later"
		}
		d := &inspectorPackageVulnDetails{
			VulnerabilityID:        v.ID,
			Source:                 "OSV",
			SourceURL:              "https://osv.dev/vulnerability/" + v.ID,
			VulnerablePackages:     []inspectorPackage{pk},
			ReferenceUrls:          referenceURLs(rule, inspectorMaxList),
			RelatedVulnerabilities: v.Aliases,
		}
		if v.CVSSVector != "" && v.CVSSScore > 0 {
			d.Cvss = []inspectorCvss{{BaseScore: v.CVSSScore, ScoringVector: v.CVSSVector, Source: "OSV", Version: cvssVersion(v.CVSSVector)}}
			if in.InspectorScore == 0 {
				in.InspectorScore = v.CVSSScore
			}
		}
		in.PackageVulnerabilityDetails = d
	default:
		return in, false // Inspector has no type for configuration findings
	}
	in.Title = truncate(in.Title, asffTitleMax)
	desc := cmp.Or(f.Message, rule.Description, rule.Title)
	if file := loc.Display(f.Location.Input, f.Location.Path); file != "" && f.Kind == finding.KindPackage {
		desc += " (" + file + ")"
	}
	in.Description = truncate(desc, asffDescMax)

	res := inspectorResource{Type: "AWS_LAMBDA_FUNCTION", Partition: t.Partition, Region: t.Region}
	res.ID = cmp.Or(t.FunctionARN, t.FunctionName, t.LayerARN, loc.InputName(f.Location.Input), "unknown")
	if name := t.FunctionName; name != "" {
		lam := &inspectorLambda{FunctionName: name, Runtime: t.Runtime}
		if t.LayerARN != "" {
			lam.Layers = []string{t.LayerARN}
		}
		res.Details = &inspectorResourceDetails{AwsLambdaFunction: lam}
	}
	in.Resources = []inspectorResource{res}
	return in, true
}
