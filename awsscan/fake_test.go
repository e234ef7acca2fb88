package awsscan

import (
	"archive/zip"
	"bufio"
	"bytes"
	"context"
	"fmt"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"

	"github.com/lambdascan/lambdascan/awsscan/awsfake"
	"github.com/lambdascan/lambdascan/engine/finding"
)

type fakeLambda = awsfake.Server

func newFakeLambda(t testing.TB) *fakeLambda { return awsfake.New(t) }

// testConfig is an SDK config with static fake credentials.
func testConfig() aws.Config {
	return aws.Config{
		Region:      "us-east-1",
		Credentials: credentials.NewStaticCredentialsProvider("AKIDFAKEFAKEFAKE", "fakesecret", ""),
	}
}

// buildZip builds a zip from name → content.
func buildZip(t testing.TB, files map[string]string) []byte {
	t.Helper()
	b, err := awsfake.BuildZip(files)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// advisories is the tiny advisory table of the test scanner.
var advisories = map[string]finding.Vulnerability{
	"requests==2.19.0": {ID: "GHSA-x84v-xcm2-53pg", Aliases: []string{"CVE-2018-18074"},
		CVSSVector: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N", CVSSScore: 7.5, FixedVersion: "2.20.0", FixAvailable: true},
	"urllib3==1.24.1": {ID: "GHSA-mh33-7rrq-662w", Aliases: []string{"CVE-2019-11324"},
		CVSSVector: "CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:N", CVSSScore: 7.4, FixedVersion: "1.24.2", FixAvailable: true},
}

var testKeyRE = regexp.MustCompile(`AKIA[0-9A-Z]{16}`)

// testScanner stands in for the engine: it reads the zip for real, reports
// AWS access keys as secrets and pinned requirements from its advisory
// table as package findings, and counts the blobs it was given.
type testScanner struct {
	mu    sync.Mutex
	calls map[string]int
}

func (s *testScanner) scan(ctx context.Context, b Blob, passes PassSelection) (*finding.Report, error) {
	s.mu.Lock()
	s.calls[b.Name]++
	s.mu.Unlock()
	zr, err := zip.NewReader(bytes.NewReader(b.Data), int64(len(b.Data)))
	if err != nil {
		return nil, fmt.Errorf("open zip: %w", err)
	}
	rep := &finding.Report{ToolName: "lambdascan", ToolVersion: "test",
		Inputs: []finding.InputSummary{{Name: b.Name, Kind: "zip", Layer: b.LayerARN != "", LayerARN: b.LayerARN, Function: b.Function, Files: len(zr.File), Bytes: int64(len(b.Data))}}}
	for _, zf := range zr.File {
		rc, err := zf.Open()
		if err != nil {
			return nil, err
		}
		sc := bufio.NewScanner(rc)
		line := 0
		for sc.Scan() {
			line++
			text := sc.Text()
			if passes.Secrets {
				if m := testKeyRE.FindStringIndex(text); m != nil {
					rep.Findings = append(rep.Findings, finding.Finding{RuleID: "aws-access-key", Kind: finding.KindSecret,
						Message: "AWS access key", Severity: finding.SeverityHigh,
						Location:    finding.Location{Input: b.Name, Path: zf.Name, StartLine: line, StartColumn: m[0] + 1},
						Fingerprint: finding.Fingerprint("aws-access-key", b.Name, zf.Name, text, 1)})
				}
			}
			if passes.Deps && strings.HasSuffix(zf.Name, "requirements.txt") {
				if v, ok := advisories[strings.TrimSpace(text)]; ok {
					name, version, _ := strings.Cut(strings.TrimSpace(text), "==")
					pkg := finding.Package{Ecosystem: "PyPI", Name: name, Version: version,
						Location: finding.Location{Input: b.Name, Path: zf.Name}}
					vv := v
					rep.Packages = append(rep.Packages, pkg)
					rep.Findings = append(rep.Findings, finding.Finding{RuleID: v.ID, Kind: finding.KindPackage,
						Message: name + " " + version + " is vulnerable", Severity: finding.SeverityHigh,
						Location: finding.Location{Input: b.Name, Path: zf.Name, StartLine: line},
						Package:  &pkg, Vulnerability: &vv,
						Fingerprint: finding.Fingerprint(v.ID, b.Name, zf.Name, text, 1)})
				}
			}
		}
		rc.Close()
	}
	return rep, nil
}
