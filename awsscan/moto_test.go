package awsscan

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatch"
	cwtypes "github.com/aws/aws-sdk-go-v2/service/cloudwatch/types"
	"github.com/aws/aws-sdk-go-v2/service/lambda"
	lambdatypes "github.com/aws/aws-sdk-go-v2/service/lambda/types"
	"github.com/aws/aws-sdk-go-v2/service/organizations"
	"github.com/google/go-cmp/cmp"
)

// startMoto runs moto_server on a free 127.0.0.1 port for the test.
func startMoto(t *testing.T) string {
	t.Helper()
	bin, err := exec.LookPath("moto_server")
	if err != nil {
		t.Skip("moto_server is not on PATH: install it (pip install 'moto[server]') to run the moto integration tests")
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := l.Addr().(*net.TCPAddr).Port
	l.Close()
	cmd := exec.Command(bin, "-H", "127.0.0.1", "-p", fmt.Sprint(port))
	if err := cmd.Start(); err != nil {
		t.Fatalf("start moto_server: %v", err)
	}
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
	})
	endpoint := fmt.Sprintf("http://127.0.0.1:%d", port)
	deadline := time.Now().Add(30 * time.Second)
	for {
		resp, err := http.Get(endpoint + "/moto-api/")
		if err == nil {
			resp.Body.Close()
			return endpoint
		}
		if time.Now().After(deadline) {
			t.Fatalf("moto_server did not answer on %s: %v", endpoint, err)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// signedQuery sends an awsquery request signed for service (setup calls
// for services this module has no client for, such as IAM).
func signedQuery(t *testing.T, endpoint, service string, form url.Values) string {
	t.Helper()
	body := form.Encode()
	req, err := http.NewRequest(http.MethodPost, endpoint+"/", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	sum := sha256.Sum256([]byte(body))
	creds, _ := testConfig().Credentials.Retrieve(context.Background())
	if err := v4.NewSigner().SignHTTP(context.Background(), creds, req, hex.EncodeToString(sum[:]), service, "us-east-1", time.Now()); err != nil {
		t.Fatal(err)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	out, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != 200 {
		t.Fatalf("%s %s: HTTP %d: %s", service, form.Get("Action"), resp.StatusCode, out)
	}
	return string(out)
}

// zipServer stands in for the S3 bucket behind moto's Code.Location URLs:
// a transport sends every download to it, on 127.0.0.1, and it serves the
// zip of the function named by the key.
type zipServer struct {
	srv       *httptest.Server
	mu        sync.Mutex
	zips      map[string][]byte
	downloads int
}

func newZipServer(t *testing.T, zips map[string][]byte) *zipServer {
	z := &zipServer{zips: zips}
	z.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		z.mu.Lock()
		defer z.mu.Unlock()
		key := strings.TrimPrefix(r.URL.Path, "/")
		for name, data := range z.zips {
			// moto's keys are "<function>-<uuid>".
			if strings.HasPrefix(key, name+"-") && len(key) == len(name)+37 {
				z.downloads++
				_, _ = w.Write(data)
				return
			}
		}
		http.NotFound(w, r)
	}))
	t.Cleanup(z.srv.Close)
	return z
}

func (z *zipServer) client() *http.Client {
	target, _ := url.Parse(z.srv.URL)
	return &http.Client{Transport: roundTripper(func(r *http.Request) (*http.Response, error) {
		r = r.Clone(r.Context())
		r.URL.Scheme, r.URL.Host, r.Host = target.Scheme, target.Host, target.Host
		return http.DefaultTransport.RoundTrip(r)
	})}
}

type roundTripper func(*http.Request) (*http.Response, error)

func (f roundTripper) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

func TestRunMoto(t *testing.T) {
	endpoint := startMoto(t)
	ctx := context.Background()
	cfg := testConfig()
	signedQuery(t, endpoint, "iam", url.Values{"Action": {"CreateRole"}, "Version": {"2010-05-08"},
		"RoleName": {"fn-role"}, "AssumeRolePolicyDocument": {`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"}]}`}})
	role := "arn:aws:iam::123456789012:role/fn-role"
	lc := lambda.NewFromConfig(cfg, func(o *lambda.Options) { o.BaseEndpoint = aws.String(endpoint) })

	app := buildZip(t, map[string]string{"app.py": handlerPy, "requirements.txt": "requests==2.19.0\n"})
	other := buildZip(t, map[string]string{"index.js": "exports.handler = async () => 1;\n"})
	create := func(name string, rt lambdatypes.Runtime, code []byte, tags map[string]string) {
		t.Helper()
		_, err := lc.CreateFunction(ctx, &lambda.CreateFunctionInput{
			FunctionName: aws.String(name), Runtime: rt, Role: aws.String(role), Handler: aws.String("app.handler"),
			Code: &lambdatypes.FunctionCode{ZipFile: code}, Tags: tags,
			Environment: &lambdatypes.Environment{Variables: map[string]string{"AWS_SECRET_KEY": "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"}},
		})
		if err != nil {
			t.Fatalf("create %s: %v", name, err)
		}
	}
	create("moto-orders", lambdatypes.RuntimePython312, app, nil)
	create("moto-node", lambdatypes.RuntimeNodejs22x, other, map[string]string{"InspectorCodeExclusion": "LambdaCodeScanning"})
	create("moto-excluded", lambdatypes.RuntimePython312, app,
		map[string]string{"InspectorExclusion": "LambdaStandardScanning", "InspectorCodeExclusion": "LambdaCodeScanning"})

	// An invocation datapoint, written over awsquery (moto's protocol).
	cwq := NewCloudWatchMetrics(cfg, "query", func(o *cloudwatch.Options) { o.BaseEndpoint = aws.String(endpoint) })
	if _, err := cwq.query.PutMetricData(ctx, &cloudwatch.PutMetricDataInput{Namespace: aws.String("AWS/Lambda"),
		MetricData: []cwtypes.MetricDatum{{MetricName: aws.String("Invocations"), Value: aws.Float64(4),
			Timestamp:  aws.Time(time.Now().Add(-time.Hour)),
			Dimensions: []cwtypes.Dimension{{Name: aws.String("FunctionName"), Value: aws.String("moto-orders")}}}}}); err != nil {
		t.Fatalf("put metric data: %v", err)
	}

	t.Run("metrics auto falls back from CBOR to awsquery", func(t *testing.T) {
		m := NewCloudWatchMetrics(cfg, "auto", func(o *cloudwatch.Options) {
			o.BaseEndpoint = aws.String(endpoint)
			o.RetryMaxAttempts = 1
		})
		now := time.Now()
		got, err := m.LastInvocations(ctx, []string{"moto-orders", "moto-node"}, now.Add(-90*24*time.Hour), now)
		if err != nil {
			t.Fatal(err)
		}
		if m.Protocol() != "query" {
			t.Errorf("protocol = %s, want query", m.Protocol())
		}
		if _, ok := got["moto-orders"]; !ok || len(got) != 1 {
			t.Errorf("last invocations = %v, want moto-orders only", got)
		}
	})

	zs := newZipServer(t, map[string][]byte{"moto-orders": app, "moto-node": other, "moto-excluded": app})
	sc := &testScanner{calls: map[string]int{}}
	res, err := Run(ctx, Options{
		Config: cfg, Regions: []string{"us-east-1"}, Endpoints: Endpoints{Default: endpoint},
		Passes:  PassSelection{Code: true, Secrets: true, Deps: true},
		Scanner: sc.scan, HTTPClient: zs.client(), MaxAttempts: 2, MaxBackoff: time.Millisecond,
	})
	if err != nil {
		t.Fatal(err)
	}
	var got []covRow
	for _, c := range res.Report.Coverage {
		got = append(got, covRow{c.Function, c.Reason, c.Status, c.CodeScanned, c.DepsScanned})
	}
	want := []covRow{
		{"moto-excluded", ReasonExcludedByTag, StatusInactive, false, false},
		{"moto-node", ReasonSuccessful, StatusActive, false, true},
		{"moto-orders", ReasonSuccessful, StatusActive, true, true},
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("coverage (-want +got):\n%s", d)
	}
	if zs.downloads != 2 {
		t.Errorf("downloads = %d, want 2", zs.downloads)
	}
	var kinds []string
	for _, f := range res.Report.Findings {
		kinds = append(kinds, f.Location.Input+" "+string(f.Kind)+" "+f.RuleID)
	}
	wantKinds := []string{
		"moto-excluded config aws-lambda-env-secret",
		"moto-node config aws-lambda-env-secret",
		"moto-node config aws-lambda-eol-runtime",
		"moto-orders secret aws-access-key",
		"moto-orders config aws-lambda-env-secret",
		"moto-orders package GHSA-x84v-xcm2-53pg",
	}
	if d := cmp.Diff(wantKinds, kinds); d != "" {
		t.Errorf("findings (-want +got):\n%s", d)
	}

	t.Run("organisation mode", func(t *testing.T) {
		oc := organizations.NewFromConfig(cfg, func(o *organizations.Options) { o.BaseEndpoint = aws.String(endpoint) })
		if _, err := oc.CreateOrganization(ctx, &organizations.CreateOrganizationInput{}); err != nil {
			t.Fatalf("create organization: %v", err)
		}
		if _, err := oc.CreateAccount(ctx, &organizations.CreateAccountInput{AccountName: aws.String("dev"), Email: aws.String("dev@example.com")}); err != nil {
			t.Fatalf("create account: %v", err)
		}
		res, err := Run(ctx, Options{
			Config: cfg, Regions: []string{"us-east-1"}, Endpoints: Endpoints{Default: endpoint},
			OrgRoleName: "OrganizationAccountAccessRole", ListOnly: true, StaleDays: -1,
			Passes: PassSelection{Code: true, Secrets: true, Deps: true},
		})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, c := range res.Report.Coverage {
			got = append(got, c.Account+" "+c.Function+" "+c.Reason)
		}
		for _, n := range res.Report.Notifications {
			if n.Level == "error" {
				t.Errorf("notification: %+v", n)
			}
		}
		// The management account holds the functions; the new account none.
		want := []string{
			"123456789012 123456789012/us-east-1/moto-excluded EXCLUDED_BY_TAG",
			"123456789012 123456789012/us-east-1/moto-node PENDING_INITIAL_SCAN",
			"123456789012 123456789012/us-east-1/moto-orders PENDING_INITIAL_SCAN",
		}
		if d := cmp.Diff(want, got); d != "" {
			t.Errorf("coverage (-want +got):\n%s", d)
		}
	})
}
