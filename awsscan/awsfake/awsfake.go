// Package awsfake is an in-process fake of the AWS Lambda REST API (and of
// CloudWatch GetMetricData over awsquery) for tests: it answers the real SDK
// clients with the member names of the real service, paginates, throttles
// on demand, fails chosen functions, and serves the code and layer zips at
// its own presigned-looking URLs, counting downloads. It listens on
// 127.0.0.1 only.
package awsfake

import (
	"archive/zip"
	"bytes"
	"cmp"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/smithy-go/encoding/cbor"
)

// Function is one function of the fake Lambda service.
type Function struct {
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

// Layer is one layer version.
type Layer struct {
	Zip []byte
}

// Server is the fake. Set its exported fields before the code under test
// calls it; read the counters through its methods.
type Server struct {
	URL      string
	Account  string
	Region   string
	PageSize int

	Functions []*Function
	Layers    map[string]*Layer    // by layer version ARN
	Invoked   map[string]time.Time // function name → a day it was invoked
	Throttle  map[string]int       // operation → remaining 429 answers
	// CBOR makes CloudWatch answer RPC v2 CBOR requests, as AWS does;
	// otherwise they get a 404 page, as from moto (awsquery only).
	CBOR bool

	srv       *httptest.Server
	mu        sync.Mutex
	calls     map[string]int
	downloads map[string]int
	cborCalls int
}

// New starts a fake for account 123456789012 in us-east-1, two functions
// per ListFunctions page, closed when the test ends.
func New(t testing.TB) *Server {
	f := &Server{Account: "123456789012", Region: "us-east-1", PageSize: 2,
		Layers: map[string]*Layer{}, Invoked: map[string]time.Time{}, Throttle: map[string]int{},
		calls: map[string]int{}, downloads: map[string]int{}}
	f.srv = httptest.NewServer(http.HandlerFunc(f.serve))
	f.URL = f.srv.URL
	t.Cleanup(f.srv.Close)
	return f
}

// Calls counts the requests of an operation ("ListFunctions", "GetMetricData").
func (f *Server) Calls(op string) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.calls[op]
}

// Downloads counts the downloads of one zip: "fn-<name>" or "layer-<arn>".
func (f *Server) Downloads(key string) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.downloads[key]
}

// TotalDownloads counts every zip download.
func (f *Server) TotalDownloads() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	n := 0
	for _, c := range f.downloads {
		n += c
	}
	return n
}

// CBORCalls counts CloudWatch RPC v2 CBOR requests (answered 404, as an
// awsquery-only endpoint does).
func (f *Server) CBORCalls() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.cborCalls
}

func codeSha256(data []byte) string {
	h := sha256.Sum256(data)
	return base64.StdEncoding.EncodeToString(h[:])
}

// ARN is the unqualified ARN of a function.
func (f *Server) ARN(name string) string {
	return fmt.Sprintf("arn:aws:lambda:%s:%s:function:%s", f.Region, f.Account, name)
}

// LayerARN is the ARN of a layer version.
func (f *Server) LayerARN(name string, v int) string {
	return fmt.Sprintf("arn:aws:lambda:%s:%s:layer:%s:%d", f.Region, f.Account, name, v)
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

func (f *Server) config(fn *Function, version string) map[string]any {
	arn := f.ARN(fn.Name)
	if version != "$LATEST" {
		arn += ":" + version
	}
	c := map[string]any{
		"FunctionName": fn.Name, "FunctionArn": arn, "Runtime": fn.Runtime,
		"Role": "arn:aws:iam::" + f.Account + ":role/fn", "Handler": "app.handler",
		"CodeSize": len(fn.Zip), "Timeout": 3, "MemorySize": 128, "Version": version,
		"LastModified": fn.LastModified.Format("2006-01-02T15:04:05.000-0700"),
		"CodeSha256":   codeSha256(fn.Zip), "PackageType": cmp.Or(fn.PackageType, "Zip"),
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
			size := 0
			if lv := f.Layers[l]; lv != nil {
				size = len(lv.Zip)
			}
			ls = append(ls, map[string]any{"Arn": l, "CodeSize": size})
		}
		c["Layers"] = ls
	}
	return c
}

func (f *Server) find(name string) *Function {
	name = strings.TrimPrefix(name, "arn:aws:lambda:"+f.Region+":"+f.Account+":function:")
	name, _, _ = strings.Cut(name, ":")
	for _, fn := range f.Functions {
		if fn.Name == name {
			return fn
		}
	}
	return nil
}

// throttled answers 429 TooManyRequestsException while op has some left.
func (f *Server) throttled(w http.ResponseWriter, op string) bool {
	if f.Throttle[op] > 0 {
		f.Throttle[op]--
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

func (f *Server) serve(w http.ResponseWriter, r *http.Request) {
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
		if f.CBOR && strings.HasSuffix(p, "/operation/GetMetricData") {
			f.metricsCBOR(w, r)
			return
		}
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
		version := cmp.Or(q.Get("Qualifier"), "$LATEST")
		out := map[string]any{"Configuration": f.config(fn, version), "Tags": fn.Tags}
		if fn.PackageType == "Image" {
			out["Code"] = map[string]any{"RepositoryType": "ECR", "ImageUri": "123456789012.dkr.ecr.us-east-1.amazonaws.com/x:latest"}
		} else {
			out["Code"] = map[string]any{"RepositoryType": "S3",
				"Location": f.URL + "/code/fn-" + fn.Name + "?X-Amz-Signature=deadbeef"}
		}
		writeJSON(w, out)
	case "GetFunctionUrlConfig":
		fn := f.find(reURL.FindStringSubmatch(p)[1])
		if fn == nil || fn.URLAuth == "" {
			writeErr(w, 404, "ResourceNotFoundException", "The resource you requested does not exist.")
			return
		}
		writeJSON(w, map[string]any{"FunctionUrl": "https://abc.lambda-url.us-east-1.on.aws/",
			"FunctionArn": f.ARN(fn.Name), "AuthType": fn.URLAuth, "CreationTime": "2026-01-01T00:00:00.000Z",
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
			slices.Sort(names)
			for _, a := range names {
				as = append(as, map[string]any{"AliasArn": f.ARN(fn.Name) + ":" + a, "Name": a, "FunctionVersion": fn.Aliases[a]})
			}
		}
		writeJSON(w, map[string]any{"Aliases": as})
	case "ListEventSourceMappings":
		fn := f.find(q.Get("FunctionName"))
		var ms []map[string]any
		if fn != nil {
			for i, src := range fn.ESM {
				ms = append(ms, map[string]any{"UUID": fmt.Sprintf("esm-%d", i), "EventSourceArn": src,
					"FunctionArn": f.ARN(fn.Name), "State": "Enabled", "BatchSize": 10})
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
		l := f.Layers[arn]
		if l == nil {
			writeErr(w, 404, "ResourceNotFoundException", "Layer version not found")
			return
		}
		writeJSON(w, map[string]any{
			"Content": map[string]any{"Location": f.URL + "/code/layer-" + url.PathEscape(arn),
				"CodeSha256": codeSha256(l.Zip), "CodeSize": len(l.Zip)},
			"LayerArn": arn[:strings.LastIndex(arn, ":")], "LayerVersionArn": arn,
			"Version": 1, "CreatedDate": "2026-01-01T00:00:00.000+0000", "CompatibleRuntimes": []string{"python3.12"},
		})
	}
}

func (f *Server) listFunctions(w http.ResponseWriter, q url.Values) {
	all := q.Get("FunctionVersion") == "ALL"
	var cfgs []map[string]any
	for _, fn := range f.Functions {
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
	end := min(start+f.PageSize, len(cfgs))
	out := map[string]any{"Functions": cfgs[start:end]}
	if end < len(cfgs) {
		out["NextMarker"] = strconv.Itoa(end)
	}
	writeJSON(w, out)
}

func (f *Server) code(w http.ResponseWriter, key string) {
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
		l := f.Layers[arn]
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

// metricsCBOR answers CloudWatch GetMetricData over Smithy RPC v2 CBOR.
func (f *Server) metricsCBOR(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	v, err := cbor.Decode(body)
	req, ok := v.(cbor.Map)
	if err != nil || !ok || r.Header.Get("Smithy-Protocol") != "rpc-v2-cbor" {
		w.WriteHeader(http.StatusBadRequest)
		return
	}
	f.calls["GetMetricData"]++
	queries, _ := req["MetricDataQueries"].(cbor.List)
	var results cbor.List
	for _, q := range queries {
		qm, _ := q.(cbor.Map)
		id, _ := qm["Id"].(cbor.String)
		var name cbor.String
		if ms, ok := qm["MetricStat"].(cbor.Map); ok {
			if m, ok := ms["Metric"].(cbor.Map); ok {
				if dims, ok := m["Dimensions"].(cbor.List); ok && len(dims) > 0 {
					if d, ok := dims[0].(cbor.Map); ok {
						name, _ = d["Value"].(cbor.String)
					}
				}
			}
		}
		res := cbor.Map{"Id": id, "Label": name, "StatusCode": cbor.String("Complete"),
			"Timestamps": cbor.List{}, "Values": cbor.List{}}
		if day, ok := f.Invoked[string(name)]; ok {
			res["Timestamps"] = cbor.List{&cbor.Tag{ID: 1, Value: cbor.Float64(float64(day.Unix()))}}
			res["Values"] = cbor.List{cbor.Float64(3)}
		}
		results = append(results, res)
	}
	w.Header().Set("Smithy-Protocol", "rpc-v2-cbor")
	w.Header().Set("Content-Type", "application/cbor")
	_, _ = w.Write(cbor.Encode(cbor.Map{"MetricDataResults": results}))
}

// metrics answers CloudWatch GetMetricData over awsquery.
func (f *Server) metrics(w http.ResponseWriter, r *http.Request) {
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
		if day, ok := f.Invoked[name]; ok {
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

// BuildZip builds a zip in memory from name → content, in name order.
func BuildZip(files map[string]string) ([]byte, error) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	slices.Sort(names)
	for _, n := range names {
		w, err := zw.Create(n)
		if err != nil {
			return nil, err
		}
		if _, err := io.WriteString(w, files[n]); err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
