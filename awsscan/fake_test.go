package awsscan

import (
	"archive/zip"
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"

	"github.com/lambdascan/lambdascan/engine/finding"
)

// fakeFn is one function of the fake Lambda service.
type fakeFn struct {
	Name         string
	Runtime      string
	PackageType  string
	LastModified time.Time
	Zip          []byte
	Layers       []string
	Env          map[string]string
	Tags         map[string]string
	URLAuth      string // "" none, "NONE", "AWS_IAM"
	Policy       string
	ESM          []string // event source ARNs
	GetStatus    int      // non-zero: GetFunction fails with this status
	BadSha       bool     // served zip differs from CodeSha256
	Versions     []string // published versions (same code)
	Aliases      map[string]string
}

type fakeLayer struct {
	Zip []byte
}

// fakeLambda is an httptest fake of the Lambda REST API (and CloudWatch's
// GetMetricData over awsquery), with the member names of the real service,
// serving code zips at its own presigned-looking URLs.
type fakeLambda struct {
	t        testing.TB
	srv      *httptest.Server
	account  string
	region   string
	pageSize int

	mu        sync.Mutex
	fns       []*fakeFn
	layers    map[string]*fakeLayer
	invoked   map[string]time.Time // function name → a day it was invoked
	throttle  map[string]int       // operation → remaining 429 answers
	calls     map[string]int
	downloads map[string]int
	cborCalls int
	zipHits   int
}

func newFakeLambda(t testing.TB) *fakeLambda {
	f := &fakeLambda{t: t, account: "123456789012", region: "us-east-1", pageSize: 2,
		layers: map[string]*fakeLayer{}, invoked: map[string]time.Time{}, throttle: map[string]int{},
		calls: map[string]int{}, downloads: map[string]int{}}
	f.srv = httptest.NewServer(http.HandlerFunc(f.serve))
	t.Cleanup(f.srv.Close)
	return f
}

func (f *fakeLambda) arn(name string) string {
	return fmt.Sprintf("arn:aws:lambda:%s:%s:function:%s", f.region, f.account, name)
}

func (f *fakeLambda) layerARN(name string, v int) string {
	return fmt.Sprintf("arn:aws:lambda:%s:%s:layer:%s:%d", f.region, f.account, name, v)
}

func writeJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(v)
}

func writeErr(w http.ResponseWriter, status int, code, msg string) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("X-Amzn-ErrorType", code)
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(map[string]string{"Type": "User", "message": msg})
}

func (f *fakeLambda) config(fn *fakeFn, version string) map[string]any {
	arn := f.arn(fn.Name)
	if version != "$LATEST" {
		arn += ":" + version
	}
	c := map[string]any{
		"FunctionName": fn.Name, "FunctionArn": arn, "Runtime": fn.Runtime,
		"Role": "arn:aws:iam::" + f.account + ":role/fn", "Handler": "app.handler",
		"CodeSize": len(fn.Zip), "Timeout": 3, "MemorySize": 128, "Version": version,
		"LastModified": fn.LastModified.Format("2006-01-02T15:04:05.000-0700"),
		"CodeSha256":   codeSha256(fn.Zip), "PackageType": cmpOr(fn.PackageType, "Zip"),
		"Architectures": []string{"x86_64"},
	}
	if fn.PackageType == "Image" {
		delete(c, "Runtime")
		delete(c, "Handler")
	}
	if len(fn.Env) > 0 {
		c["Environment"] = map[string]any{"Variables": fn.Env}
	}
	if len(fn.Layers) > 0 {
		var ls []map[string]any
		for _, l := range fn.Layers {
			ls = append(ls, map[string]any{"Arn": l, "CodeSize": len(f.layers[l].Zip)})
		}
		c["Layers"] = ls
	}
	return c
}

func (f *fakeLambda) find(name string) *fakeFn {
	name = strings.TrimPrefix(name, "arn:aws:lambda:"+f.region+":"+f.account+":function:")
	name, _, _ = strings.Cut(name, ":")
	for _, fn := range f.fns {
		if fn.Name == name {
			return fn
		}
	}
	return nil
}

// throttled answers 429 TooManyRequestsException while op has some left.
func (f *fakeLambda) throttled(w http.ResponseWriter, op string) bool {
	if f.throttle[op] > 0 {
		f.throttle[op]--
		w.Header().Set("Retry-After", "0")
		writeErr(w, http.StatusTooManyRequests, "TooManyRequestsException", "Rate exceeded")
		return true
	}
	return false
}

var (
	reFunction = regexp.MustCompile(`^/2015-03-31/functions/([^/]+)$`)
	rePolicy   = regexp.MustCompile(`^/2015-03-31/functions/([^/]+)/policy$`)
	reAliases  = regexp.MustCompile(`^/2015-03-31/functions/([^/]+)/aliases$`)
	reURL      = regexp.MustCompile(`^/2021-10-31/functions/([^/]+)/url$`)
	reTags     = regexp.MustCompile(`^/2017-03-31/tags/(.+)$`)
	reCode     = regexp.MustCompile(`^/code/(.+)$`)
)

func (f *fakeLambda) serve(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	defer f.mu.Unlock()
	p := r.URL.Path
	q := r.URL.Query()
	op := ""
	switch {
	case r.Method == http.MethodPost && strings.HasPrefix(p, "/service/GraniteServiceVersion20100801/"):
		// A CloudWatch RPC v2 CBOR request: this fake, like moto, speaks
		// only awsquery and answers as such an endpoint would.
		f.cborCalls++
		w.Header().Set("Content-Type", "text/html")
		w.WriteHeader(http.StatusNotFound)
		_, _ = io.WriteString(w, "<html><body>404 Not Found</body></html>")
		return
	case r.Method == http.MethodPost && (p == "/" || p == ""):
		f.metrics(w, r)
		return
	case reCode.MatchString(p):
		f.code(w, reCode.FindStringSubmatch(p)[1])
		return
	case p == "/2015-03-31/functions" || p == "/2015-03-31/functions/":
		op = "ListFunctions"
	case p == "/2015-03-31/event-source-mappings" || p == "/2015-03-31/event-source-mappings/":
		op = "ListEventSourceMappings"
	case p == "/2018-10-31/layers" && q.Get("find") == "LayerVersion":
		op = "GetLayerVersionByArn"
	case rePolicy.MatchString(p):
		op = "GetPolicy"
	case reAliases.MatchString(p):
		op = "ListAliases"
	case reURL.MatchString(p):
		op = "GetFunctionUrlConfig"
	case reTags.MatchString(p):
		op = "ListTags"
	case reFunction.MatchString(p):
		op = "GetFunction"
	default:
		writeErr(w, http.StatusNotFound, "UnknownOperationException", "no route "+r.Method+" "+p)
		return
	}
	if r.Header.Get("Authorization") == "" {
		writeErr(w, http.StatusForbidden, "MissingAuthenticationTokenException", "unsigned request")
		return
	}
	f.calls[op]++
	if f.throttled(w, op) {
		return
	}
	switch op {
	case "ListFunctions":
		f.listFunctions(w, q)
	case "GetFunction":
		fn := f.find(reFunction.FindStringSubmatch(p)[1])
		if fn == nil {
			writeErr(w, 404, "ResourceNotFoundException", "Function not found")
			return
		}
		if fn.GetStatus == http.StatusForbidden {
			writeErr(w, 403, "AccessDeniedException", "User is not authorized to perform: lambda:GetFunction")
			return
		}
		version := cmpOr(q.Get("Qualifier"), "$LATEST")
		out := map[string]any{"Configuration": f.config(fn, version), "Tags": fn.Tags}
		if fn.PackageType == "Image" {
			out["Code"] = map[string]any{"RepositoryType": "ECR", "ImageUri": "123456789012.dkr.ecr.us-east-1.amazonaws.com/x:latest"}
		} else {
			out["Code"] = map[string]any{"RepositoryType": "S3",
				"Location": f.srv.URL + "/code/fn-" + fn.Name + "?X-Amz-Signature=deadbeef"}
		}
		writeJSON(w, out)
	case "GetFunctionUrlConfig":
		fn := f.find(reURL.FindStringSubmatch(p)[1])
		if fn == nil || fn.URLAuth == "" {
			writeErr(w, 404, "ResourceNotFoundException", "The resource you requested does not exist.")
			return
		}
		writeJSON(w, map[string]any{"FunctionUrl": "https://abc.lambda-url.us-east-1.on.aws/",
			"FunctionArn": f.arn(fn.Name), "AuthType": fn.URLAuth, "CreationTime": "2026-01-01T00:00:00.000Z",
			"LastModifiedTime": "2026-01-01T00:00:00.000Z", "InvokeMode": "BUFFERED"})
	case "GetPolicy":
		fn := f.find(rePolicy.FindStringSubmatch(p)[1])
		if fn == nil || fn.Policy == "" {
			writeErr(w, 404, "ResourceNotFoundException", "The resource you requested does not exist.")
			return
		}
		writeJSON(w, map[string]any{"Policy": fn.Policy, "RevisionId": "r1"})
	case "ListAliases":
		fn := f.find(reAliases.FindStringSubmatch(p)[1])
		var as []map[string]any
		if fn != nil {
			names := make([]string, 0, len(fn.Aliases))
			for a := range fn.Aliases {
				names = append(names, a)
			}
			sort.Strings(names)
			for _, a := range names {
				as = append(as, map[string]any{"AliasArn": f.arn(fn.Name) + ":" + a, "Name": a, "FunctionVersion": fn.Aliases[a]})
			}
		}
		writeJSON(w, map[string]any{"Aliases": as})
	case "ListEventSourceMappings":
		fn := f.find(q.Get("FunctionName"))
		var ms []map[string]any
		if fn != nil {
			for i, src := range fn.ESM {
				ms = append(ms, map[string]any{"UUID": fmt.Sprintf("esm-%d", i), "EventSourceArn": src,
					"FunctionArn": f.arn(fn.Name), "State": "Enabled", "BatchSize": 10})
			}
		}
		writeJSON(w, map[string]any{"EventSourceMappings": ms})
	case "ListTags":
		fn := f.find(reTags.FindStringSubmatch(p)[1])
		if fn == nil {
			writeErr(w, 404, "ResourceNotFoundException", "Function not found")
			return
		}
		writeJSON(w, map[string]any{"Tags": fn.Tags})
	case "GetLayerVersionByArn":
		arn := q.Get("Arn")
		l := f.layers[arn]
		if l == nil {
			writeErr(w, 404, "ResourceNotFoundException", "Layer version not found")
			return
		}
		writeJSON(w, map[string]any{
			"Content": map[string]any{"Location": f.srv.URL + "/code/layer-" + url.PathEscape(arn),
				"CodeSha256": codeSha256(l.Zip), "CodeSize": len(l.Zip)},
			"LayerArn": arn[:strings.LastIndex(arn, ":")], "LayerVersionArn": arn,
			"Version": 1, "CreatedDate": "2026-01-01T00:00:00.000+0000", "CompatibleRuntimes": []string{"python3.12"},
		})
	}
}

func (f *fakeLambda) listFunctions(w http.ResponseWriter, q url.Values) {
	all := q.Get("FunctionVersion") == "ALL"
	var cfgs []map[string]any
	for _, fn := range f.fns {
		cfgs = append(cfgs, f.config(fn, "$LATEST"))
		if all {
			for _, v := range fn.Versions {
				cfgs = append(cfgs, f.config(fn, v))
			}
		}
	}
	start := 0
	if m := q.Get("Marker"); m != "" {
		n, err := strconv.Atoi(m)
		if err != nil {
			writeErr(w, 400, "InvalidParameterValueException", "bad marker")
			return
		}
		start = n
	}
	end := min(start+f.pageSize, len(cfgs))
	out := map[string]any{"Functions": cfgs[start:end]}
	if end < len(cfgs) {
		out["NextMarker"] = strconv.Itoa(end)
	}
	writeJSON(w, out)
}

func (f *fakeLambda) code(w http.ResponseWriter, key string) {
	f.downloads[key]++
	var data []byte
	switch {
	case strings.HasPrefix(key, "fn-"):
		fn := f.find(strings.TrimPrefix(key, "fn-"))
		if fn == nil {
			http.NotFound(w, nil)
			return
		}
		data = fn.Zip
		if fn.BadSha {
			data = append(bytes.Clone(data), 0) // not what CodeSha256 says
		}
	case strings.HasPrefix(key, "layer-"):
		arn, _ := url.PathUnescape(strings.TrimPrefix(key, "layer-"))
		l := f.layers[arn]
		if l == nil {
			http.NotFound(w, nil)
			return
		}
		data = l.Zip
	}
	w.Header().Set("Content-Type", "application/zip")
	w.Header().Set("Content-Length", strconv.Itoa(len(data)))
	_, _ = w.Write(data)
}

// metrics answers CloudWatch GetMetricData over awsquery.
func (f *fakeLambda) metrics(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	form, err := url.ParseQuery(string(body))
	if err != nil || form.Get("Action") != "GetMetricData" {
		w.WriteHeader(400)
		return
	}
	f.calls["GetMetricData"]++
	type result struct {
		ID         string   `xml:"Id"`
		Label      string   `xml:"Label"`
		StatusCode string   `xml:"StatusCode"`
		Timestamps []string `xml:"Timestamps>member"`
		Values     []string `xml:"Values>member"`
	}
	var results []result
	for i := 1; ; i++ {
		pre := fmt.Sprintf("MetricDataQueries.member.%d.", i)
		id := form.Get(pre + "Id")
		if id == "" {
			break
		}
		name := form.Get(pre + "MetricStat.Metric.Dimensions.member.1.Value")
		res := result{ID: id, Label: name, StatusCode: "Complete"}
		if day, ok := f.invoked[name]; ok {
			res.Timestamps = []string{day.UTC().Format(time.RFC3339)}
			res.Values = []string{"3.0"}
		}
		results = append(results, res)
	}
	type resp struct {
		XMLName xml.Name `xml:"GetMetricDataResponse"`
		Xmlns   string   `xml:"xmlns,attr"`
		Results []result `xml:"GetMetricDataResult>MetricDataResults>member"`
		ReqID   string   `xml:"ResponseMetadata>RequestId"`
	}
	w.Header().Set("Content-Type", "text/xml")
	_ = xml.NewEncoder(w).Encode(resp{Xmlns: "http://monitoring.amazonaws.com/doc/2010-08-01/", Results: results, ReqID: "r"})
}

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
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		w, err := zw.Create(n)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := io.WriteString(w, files[n]); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
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
