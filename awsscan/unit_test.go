package awsscan

import (
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatch"
	"github.com/google/go-cmp/cmp"

	"github.com/lambdascan/lambdascan/engine/finding"
)

// fakeBytes is deterministic noise for fixture credentials.
func fakeBytes(seed string, n int) []byte {
	var out []byte
	for i := 0; len(out) < n; i++ {
		h := sha256.Sum256([]byte(fmt.Sprint(seed, i)))
		out = append(out, h[:]...)
	}
	return out[:n]
}

func TestEnvSecret(t *testing.T) {
	pemBody := base64.StdEncoding.EncodeToString(fakeBytes("pem", 300))
	pem := "-----BEGIN RSA PRIVATE KEY-----\\n" + pemBody[:64] + "\\n" + pemBody[64:128] + "\\n" + pemBody[128:] + "\\n-----END RSA PRIVATE KEY-----"
	slack := "xoxb-123456789012-1234567890123-" + base64.RawURLEncoding.EncodeToString(fakeBytes("slack", 18))
	tests := []struct {
		name, key, value string
		want             string // the secrets rule that fires, "" for none
	}{
		{"password literal", "DB_PASSWORD", "hunter2-Prod-2026!", "secrets.generic-password"},
		{"aws secret key", "AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "secrets.aws-secret-access-key"},
		{"access key id by shape", "SOMETHING", "AKIAIOSFODNN7EXAMPLE", "secrets.aws-access-key-id"},
		{"slack token by shape", "X", slack, "secrets.slack-token"},
		{"connection url with password", "DATABASE_URL", "postgres://app:s3cr3tPass@db.internal:5432/app", "secrets.database-url-password"},
		{"api key literal", "STRIPE_API_KEY", "k_9fQ2xL7mPz4Rt8Vw", "secrets.generic-secret"},
		{"private key with escaped newlines", "SIGNING_KEY", pem, "secrets.private-key"},
		// Safe twins: references, ids and non-secrets.
		{"password from ssm path", "DB_PASSWORD", "/prod/db/password", ""},
		{"secret arn", "DB_SECRET", "arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf", ""},
		{"dynamic reference", "DB_PASSWORD", "{{resolve:secretsmanager:prod/db:SecretString:password}}", ""},
		{"secret name", "DB_SECRET_NAME", "prod/db-Credentials-2026", ""},
		{"kms key id", "KMS_KEY_ID", "1234abcd-12ab-34cd-56ef-1234567890ab", ""},
		{"access key id name", "AWS_ACCESS_KEY_ID_PARAM", "/prod/key", ""},
		{"placeholder", "API_TOKEN", "changeme-later", ""},
		{"short", "TOKEN", "abc123", ""},
		{"plain word", "SECRET_MODE", "disabled", ""},
		{"url without credentials", "AUTH_TOKEN_URL", "https://auth.example.com/token", ""},
		{"table name", "TABLE_NAME", "orders-Prod-2026", ""},
		{"broken slack token", "X", "xoxb-123-456-abc", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, ok := envSecret(tt.key, tt.value)
			if got := f.RuleID; got != tt.want || ok != (tt.want != "") {
				t.Errorf("envSecret(%q, %q) = %q, %v; want %q", tt.key, tt.value, got, ok, tt.want)
			}
		})
	}
}

func TestRuntimeLifecycle(t *testing.T) {
	tests := []struct {
		runtime string
		now     string
		stage   string
		sev     finding.Severity
		known   bool
	}{
		{"python3.13", "2026-11-21", "supported", finding.SeverityInfo, true},
		{"python3.10", "2026-06-01", "upcoming", finding.SeverityLow, true},
		{"python3.10", "2026-11-21", "deprecated", finding.SeverityMedium, true},
		{"python3.9", "2027-07-29", "create-blocked", finding.SeverityHigh, true},
		{"nodejs14.x", "2027-09-01", "update-blocked", finding.SeverityCritical, true},
		{"python2.7", "2026-11-21", "deprecated", finding.SeverityMedium, true},
		{"provided.al2023", "2026-11-21", "supported", finding.SeverityInfo, true},
		{"python3.99", "2026-11-21", "", finding.SeverityInfo, false},
	}
	for _, tt := range tests {
		t.Run(tt.runtime+"@"+tt.now, func(t *testing.T) {
			now, _ := time.Parse(time.DateOnly, tt.now)
			st, ok := RuntimeLifecycle(tt.runtime, now)
			if ok != tt.known || st.Stage != tt.stage || st.Severity != tt.sev {
				t.Errorf("got %v %q %v, want %v %q %v", ok, st.Stage, st.Severity, tt.known, tt.stage, tt.sev)
			}
		})
	}
	// Every date in the table parses and the steps come in order.
	for rt, d := range runtimeTable {
		var prev time.Time
		for _, s := range []string{d.Deprecation, d.BlockCreate, d.BlockUpdate} {
			if s == "" {
				continue
			}
			tm, err := time.Parse(time.DateOnly, s)
			if err != nil {
				t.Errorf("%s: bad date %q", rt, s)
			}
			if tm.Before(prev) {
				t.Errorf("%s: dates out of order", rt)
			}
			prev = tm
		}
	}
}

func TestAnalysePolicy(t *testing.T) {
	tests := []struct {
		name, policy      string
		internet, invoked bool
	}{
		{"public url", publicPolicy, true, true},
		{"star without condition", `{"Statement":[{"Effect":"Allow","Principal":{"AWS":"*"},"Action":["lambda:InvokeFunction"]}]}`, true, true},
		{"star restricted to org", `{"Statement":[{"Effect":"Allow","Principal":"*","Action":"lambda:InvokeFunction","Condition":{"StringEquals":{"aws:PrincipalOrgID":"o-abc"}}}]}`, false, true},
		{"api gateway", `{"Statement":[{"Sid":"apigw","Effect":"Allow","Principal":{"Service":"apigateway.amazonaws.com"},"Action":"lambda:InvokeFunction","Condition":{"ArnLike":{"AWS:SourceArn":"arn:aws:execute-api:us-east-1:123456789012:abc/*"}}}]}`, true, true},
		{"alb", `{"Statement":[{"Effect":"Allow","Principal":{"Service":"elasticloadbalancing.amazonaws.com"},"Action":"lambda:InvokeFunction"}]}`, true, true},
		{"s3 trigger", `{"Statement":[{"Effect":"Allow","Principal":{"Service":"s3.amazonaws.com"},"Action":"lambda:InvokeFunction","Condition":{"StringEquals":{"AWS:SourceAccount":"123456789012"}}}]}`, false, true},
		{"other account", `{"Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::210987654321:root"},"Action":"lambda:InvokeFunction"}]}`, false, true},
		{"deny star", `{"Statement":[{"Effect":"Deny","Principal":"*","Action":"lambda:InvokeFunction"}]}`, false, false},
		{"star but other action", `{"Statement":[{"Effect":"Allow","Principal":"*","Action":"lambda:GetFunction"}]}`, false, false},
		{"url with iam auth", `{"Statement":[{"Effect":"Allow","Principal":"*","Action":"lambda:InvokeFunctionUrl","Condition":{"StringEquals":{"lambda:FunctionUrlAuthType":"AWS_IAM"}}}]}`, false, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var r Reachability
			if err := analysePolicy(tt.policy, &r); err != nil {
				t.Fatal(err)
			}
			if r.Internet != tt.internet || r.Invoked != tt.invoked {
				t.Errorf("internet=%v invoked=%v, want %v %v (%v)", r.Internet, r.Invoked, tt.internet, tt.invoked, r.Reasons)
			}
		})
	}
	if err := analysePolicy("{not json", &Reachability{}); err == nil {
		t.Error("bad policy: no error")
	}
}

func TestContextualScore(t *testing.T) {
	vec := "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H" // 9.8
	tests := []struct {
		name  string
		vuln  finding.Vulnerability
		reach Reachability
		score float64
		sev   finding.Severity
		adj   string
	}{
		{"internet keeps base", finding.Vulnerability{CVSSVector: vec, CVSSScore: 9.8}, Reachability{Known: true, Internet: true, Invoked: true, Reasons: []string{"url"}}, 9.8, finding.SeverityCritical, ""},
		{"triggers only: adjacent", finding.Vulnerability{CVSSVector: vec, CVSSScore: 9.8}, Reachability{Known: true, Invoked: true, Reasons: []string{"sqs"}}, 8.8, finding.SeverityHigh, "MAV:A"},
		{"nothing invokes it: local", finding.Vulnerability{CVSSVector: vec, CVSSScore: 9.8}, Reachability{Known: true}, 8.4, finding.SeverityHigh, "MAV:L"},
		{"unknown context keeps base", finding.Vulnerability{CVSSVector: vec, CVSSScore: 9.8}, Reachability{}, 9.8, finding.SeverityCritical, ""},
		{"local vector unchanged", finding.Vulnerability{CVSSVector: "CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H", CVSSScore: 7.8}, Reachability{Known: true}, 7.8, finding.SeverityHigh, ""},
		{"v3.0 vector", finding.Vulnerability{CVSSVector: "CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N"}, Reachability{Known: true, Invoked: true}, 6.5, finding.SeverityMedium, "MAV:A"},
		{"no vector keeps score", finding.Vulnerability{CVSSScore: 5.3}, Reachability{Known: true}, 5.3, finding.SeverityMedium, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v := tt.vuln
			f := finding.Finding{Kind: finding.KindPackage, Vulnerability: &v}
			contextualScore(&f, tt.reach)
			var adj string
			for _, a := range f.Adjustments {
				if a.Delta != 0 {
					adj = a.Metric
					if a.Reason == "" {
						t.Error("adjustment without reason")
					}
				}
			}
			if f.Score != tt.score || f.Severity != tt.sev || adj != tt.adj {
				t.Errorf("score %v %v %q, want %v %v %q", f.Score, f.Severity, adj, tt.score, tt.sev, tt.adj)
			}
		})
	}
}

func TestMatchFunction(t *testing.T) {
	arn := "arn:aws:lambda:us-east-1:123456789012:function:orders-api"
	tests := []struct {
		filters []string
		arn     string
		want    bool
	}{
		{nil, arn, true},
		{[]string{"orders-api"}, arn, true},
		{[]string{arn}, arn, true},
		{[]string{"orders-*"}, arn, true},
		{[]string{"arn:aws:lambda:us-east-1:*:function:orders-*"}, arn, true},
		{[]string{arn}, arn + ":3", true},
		{[]string{"billing-*"}, arn, false},
		{[]string{"orders"}, arn, false},
	}
	for _, tt := range tests {
		if got := matchFunction(tt.filters, "orders-api", tt.arn); got != tt.want {
			t.Errorf("matchFunction(%v, %s) = %v, want %v", tt.filters, tt.arn, got, tt.want)
		}
	}
	if err := ValidateFilters([]string{"[bad"}); err == nil {
		t.Error("bad glob accepted")
	}
}

func TestFetchLimits(t *testing.T) {
	big := strings.Repeat("x", 2048)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/big":
			w.Write([]byte(big))
		case "/chunked": // no Content-Length: the cap must hold while streaming
			w.(http.Flusher).Flush()
			w.Write([]byte(big))
		default:
			http.Error(w, "denied", http.StatusForbidden)
		}
	}))
	defer srv.Close()
	f := &fetcher{client: srv.Client(), max: 1024}
	for _, p := range []string{"/big", "/chunked"} {
		if _, _, err := f.get(context.Background(), srv.URL+p, "", ""); !errors.Is(err, errTooLarge) {
			t.Errorf("%s: err = %v, want errTooLarge", p, err)
		}
	}
	_, _, err := f.get(context.Background(), srv.URL+"/denied?X-Amz-Signature=topsecret", "", "")
	if err == nil || strings.Contains(err.Error(), "topsecret") {
		t.Errorf("denied download: err = %v (must fail without printing the signed URL)", err)
	}
	if _, _, err := f.get(context.Background(), "file:///etc/passwd", "", ""); err == nil {
		t.Error("file URL accepted")
	}
}

func TestRunAllVersionsAndFilter(t *testing.T) {
	f := fixture(t)
	orders := f.Functions[0]
	orders.Versions = []string{"1", "2"}
	orders.Aliases = map[string]string{"prod": "2", "beta": "2", "old": "1"}
	sc := &testScanner{calls: map[string]int{}}
	opts := runOpts(f, sc, "")
	opts.AllVersions = true
	opts.Functions = []string{"orders-*", "arn:aws:lambda:us-east-1:123456789012:function:old-report"}
	res, err := Run(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, c := range res.Report.Coverage {
		got = append(got, c.Function+" "+c.Reason+" "+c.Detail)
	}
	want := []string{
		"old-report SCAN_ELIGIBILITY_EXPIRED not invoked or updated in the last 90 days (last modified 2026-05-05)",
		"orders-api SUCCESSFUL ",
		"orders-api:1 SUCCESSFUL aliases: old",
		"orders-api:2 SUCCESSFUL aliases: beta, prod",
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("coverage (-want +got):\n%s", d)
	}
	// Three versions of one zip: downloaded once, scanned per version.
	if n := f.Downloads("fn-orders-api"); n != 1 {
		t.Errorf("orders-api downloaded %d times", n)
	}
}

func TestRunAllRegions(t *testing.T) {
	f := fixture(t)
	f.Functions = f.Functions[:1]
	var regionsAsked int
	mux := http.NewServeMux()
	mux.HandleFunc("POST /listRegions", func(w http.ResponseWriter, r *http.Request) {
		regionsAsked++
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(map[string]any{"Regions": []map[string]string{
			{"RegionName": "us-east-1", "RegionOptStatus": "ENABLED_BY_DEFAULT"},
			{"RegionName": "eu-south-1", "RegionOptStatus": "ENABLED"},
		}})
	})
	acct := httptest.NewServer(mux)
	defer acct.Close()
	sc := &testScanner{calls: map[string]int{}}
	opts := runOpts(f, sc, "")
	opts.Regions = nil
	opts.AllRegions = true
	opts.Endpoints.Account = acct.URL
	res, err := Run(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	if regionsAsked != 1 {
		t.Errorf("ListRegions calls = %d", regionsAsked)
	}
	var got []string
	for _, c := range res.Report.Coverage {
		got = append(got, c.Function+" "+c.Region)
	}
	// The fake answers every region with the same function; names are
	// qualified by account and region when a run spans several.
	want := []string{
		"123456789012/eu-south-1/orders-api eu-south-1",
		"123456789012/us-east-1/orders-api us-east-1",
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("coverage (-want +got):\n%s", d)
	}
}

func TestRunListFailure(t *testing.T) {
	f := fixture(t)
	f.Throttle["ListFunctions"] = 100
	sc := &testScanner{calls: map[string]int{}}
	_, err := Run(context.Background(), runOpts(f, sc, ""))
	if err == nil || !strings.Contains(err.Error(), "TooManyRequestsException") {
		t.Errorf("err = %v, want a listing failure naming the throttling", err)
	}
	if f.Calls("ListFunctions") != 4 {
		t.Errorf("ListFunctions attempts = %d, want MaxAttempts 4", f.Calls("ListFunctions"))
	}
}

func TestRunNeedsScanner(t *testing.T) {
	if _, err := Run(context.Background(), Options{}); err == nil {
		t.Error("no error without a Scanner")
	}
}

func TestMetricsProtocols(t *testing.T) {
	for _, tt := range []struct {
		name       string
		cbor       bool
		mode, want string
		cborCalls  int
	}{
		{"AWS-like endpoint speaks CBOR", true, "auto", "cbor", 1},
		{"query-only endpoint: auto falls back", false, "auto", "query", 1},
		{"forced query", true, "query", "query", 0},
	} {
		t.Run(tt.name, func(t *testing.T) {
			f := newFakeLambda(t)
			f.CBOR = tt.cbor
			f.Invoked["fn-a"] = testNow.Add(-48 * time.Hour)
			m := NewCloudWatchMetrics(testConfig(), tt.mode, func(o *cloudwatch.Options) {
				o.BaseEndpoint = aws.String(f.URL)
				o.RetryMaxAttempts = 1
			})
			got, err := m.LastInvocations(context.Background(), []string{"fn-a", "fn-b"}, testNow.Add(-90*24*time.Hour), testNow)
			if err != nil {
				t.Fatal(err)
			}
			if !got["fn-a"].Equal(testNow.Add(-48*time.Hour).Truncate(time.Second)) || len(got) != 1 {
				t.Errorf("last invocations = %v", got)
			}
			if m.Protocol() != tt.want || f.CBORCalls() != tt.cborCalls || f.Calls("GetMetricData") != 1 {
				t.Errorf("protocol %s, cbor calls %d, GetMetricData answered %d", m.Protocol(), f.CBORCalls(), f.Calls("GetMetricData"))
			}
		})
	}
}

func TestMetricsBatches(t *testing.T) {
	f := newFakeLambda(t)
	f.CBOR = true
	names := make([]string, 1203)
	for i := range names {
		names[i] = fmt.Sprintf("fn-%04d", i)
	}
	f.Invoked["fn-1202"] = testNow.Add(-time.Hour)
	m := NewCloudWatchMetrics(testConfig(), "auto", func(o *cloudwatch.Options) { o.BaseEndpoint = aws.String(f.URL) })
	got, err := m.LastInvocations(context.Background(), names, testNow.Add(-24*time.Hour), testNow)
	if err != nil {
		t.Fatal(err)
	}
	if f.Calls("GetMetricData") != 3 {
		t.Errorf("GetMetricData calls = %d, want 3 (500 queries each)", f.Calls("GetMetricData"))
	}
	if _, ok := got["fn-1202"]; !ok || len(got) != 1 {
		t.Errorf("got %v", got)
	}
}

func TestRunMissingLayerAndProgress(t *testing.T) {
	f := fixture(t)
	f.Functions = f.Functions[:2] // two, so the bar renders before it clears
	missing := f.LayerARN("gone", 1)
	f.Functions[0].Layers = append(f.Functions[0].Layers, missing)
	sc := &testScanner{calls: map[string]int{}}
	opts := runOpts(f, sc, "")
	var progress strings.Builder
	opts.Progress = &progress
	res, err := Run(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	c := res.Report.Coverage[1]
	if c.Function != "orders-api" || c.Reason != ReasonSuccessful || !strings.Contains(c.Detail, "layer "+missing+" not scanned") {
		t.Errorf("coverage %+v", c)
	}
	var note bool
	for _, n := range res.Report.Notifications {
		note = note || (n.Code == "aws-layer-failed" && n.Input == "orders-api")
	}
	if !note {
		t.Errorf("no aws-layer-failed notification in %+v", res.Report.Notifications)
	}
	if !strings.Contains(progress.String(), "scanning functions") {
		t.Errorf("no progress bar output: %q", progress.String())
	}
}
