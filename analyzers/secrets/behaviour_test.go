package secrets

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/lambdascan/lambdascan/engine/finding"
	"github.com/lambdascan/lambdascan/engine/mask"
)

const (
	exampleKeyID  = "AKIAIOSFODNN7EXAMPLE"
	exampleSecret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
	stripeDocsKey = "sk_test_4eC39HqLyjWDarjtT1zdp7dc"
)

type exampleResult struct {
	Rule       string
	Severity   string
	Confidence string
	CredArg    bool
}

// TestDocumentedExamples: example values are reported at the rule's
// confidence when passed to a credential parameter, at low confidence
// otherwise; Stripe test keys are low severity.
func TestDocumentedExamples(t *testing.T) {
	tests := []struct {
		name, path, content string
		want                []exampleResult
	}{
		{"boto3 kwargs", "app.py", `c = boto3.client("s3", aws_access_key_id="` + exampleKeyID + `", aws_secret_access_key="` + exampleSecret + `")`,
			[]exampleResult{{"secrets.aws-access-key-id", "high", "high", true}, {"secrets.aws-secret-access-key", "critical", "high", true}}},
		{"js v3 credentials", "index.js", `new S3Client({credentials: {accessKeyId: "` + exampleKeyID + `", secretAccessKey: "` + exampleSecret + `"}})`,
			[]exampleResult{{"secrets.aws-access-key-id", "high", "high", true}, {"secrets.aws-secret-access-key", "critical", "high", true}}},
		{"java v1 BasicAWSCredentials", "App.java", `AWSCredentials c = new BasicAWSCredentials("` + exampleKeyID + `", "` + exampleSecret + `");`,
			[]exampleResult{{"secrets.aws-access-key-id", "high", "high", true}, {"secrets.aws-secret-access-key", "critical", "high", true}}},
		{"java v2 StaticCredentialsProvider", "App.java", `StaticCredentialsProvider.create(AwsBasicCredentials.create("` + exampleKeyID + `", "` + exampleSecret + `"))`,
			[]exampleResult{{"secrets.aws-access-key-id", "high", "high", true}, {"secrets.aws-secret-access-key", "critical", "high", true}}},
		{"key id in a comment", "app.py", `# see the docs, e.g. ` + exampleKeyID,
			[]exampleResult{{"secrets.aws-access-key-id", "high", "low", false}}},
		{"key id in a docstring list", "README.md", "- Access key: `" + exampleKeyID + "`",
			[]exampleResult{{"secrets.aws-access-key-id", "high", "low", false}}},
		{"stripe docs key to api_key", "app.py", `stripe.api_key = "` + stripeDocsKey + `"`,
			[]exampleResult{{"secrets.stripe-secret-key", "low", "high", true}}},
		{"stripe docs key elsewhere", "app.js", `// try ` + stripeDocsKey,
			[]exampleResult{{"secrets.stripe-secret-key", "low", "low", false}}},
		{"stripe live key", "app.js", `const stripe = require("stripe")("sk_live_` + fake(alnum, 24, "live") + `");`,
			[]exampleResult{{"secrets.stripe-secret-key", "critical", "high", false}}},
		{"stripe random test key", "app.js", `x = "sk_test_` + fake(alnum, 24, "test") + `"`,
			[]exampleResult{{"secrets.stripe-secret-key", "low", "high", false}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fs, _ := Scan(tt.path, []byte(tt.content))
			var got []exampleResult
			for _, f := range fs {
				got = append(got, exampleResult{f.RuleID, f.Severity.String(), f.Confidence.String(), f.Properties["credentialParameter"] == "true"})
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("(-want +got):\n%s\n%v", diff, messages(fs))
			}
		})
	}
}

// TestFindingMetadata checks the rule metadata every finding carries.
func TestFindingMetadata(t *testing.T) {
	ids := map[string]bool{}
	for _, r := range NewDetector(Options{}).Rules() {
		if ids[r.ID] {
			t.Errorf("duplicate rule %s", r.ID)
		}
		ids[r.ID] = true
		if !strings.HasPrefix(r.ID, "secrets.") || r.Title == "" || r.Remediation == "" || len(r.References) == 0 || len(r.OWASP) == 0 {
			t.Errorf("rule %s: incomplete metadata %+v", r.ID, r)
		}
		if len(r.CWE) != 1 || (r.CWE[0] != 798 && r.CWE[0] != 259 && r.CWE[0] != 321) {
			t.Errorf("rule %s: CWE %v", r.ID, r.CWE)
		}
		if r.CWE[0] == 321 && r.OWASP[0] != owaspCrypto {
			t.Errorf("rule %s: crypto key without A02", r.ID)
		}
		if !strings.Contains(r.Remediation, "Secrets Manager") && !strings.Contains(r.Remediation, "execution role") {
			t.Errorf("rule %s: remediation does not say where the secret goes", r.ID)
		}
	}
	cwe := map[string]int{"secrets.generic-password": 259, "secrets.generic-crypto-key": 321, "secrets.generic-secret": 798,
		"secrets.private-key": 321, "secrets.database-url-password": 259, "secrets.aws-access-key-id": 798}
	for _, r := range NewDetector(Options{}).Rules() {
		if want, ok := cwe[r.ID]; ok && r.CWE[0] != want {
			t.Errorf("%s: CWE %d, want %d", r.ID, r.CWE[0], want)
		}
	}
}

func TestSecretHashCorrelates(t *testing.T) {
	tok := crcToken("npm_", "corr")
	a, _ := Scan("a/.npmrc", []byte("//registry.npmjs.org/:_authToken="+tok+"\n"))
	b, _ := Scan("b/index.js", []byte(`const t = "`+tok+`";`))
	if len(a) != 1 || len(b) != 1 {
		t.Fatalf("got %d and %d findings", len(a), len(b))
	}
	if a[0].Properties["secretHash"] != b[0].Properties["secretHash"] || len(a[0].Properties["secretHash"]) != 16 {
		t.Errorf("hashes %q and %q", a[0].Properties["secretHash"], b[0].Properties["secretHash"])
	}
}

func TestBinarySkipped(t *testing.T) {
	tok := crcToken("ghp_", "bin")
	tests := map[string][]byte{
		"nul in head":      append([]byte("GIF89a\x00\x01"), []byte(" token="+tok)...),
		"invalid utf-8":    append(bytes.Repeat([]byte{0xff, 0xfe, 0x80, 'a'}, 400), []byte(tok)...),
		"latin-1 text":     []byte("# caf\xe9 " + strings.Repeat("x", 100) + "\ntoken = '" + tok + "'\n"),
		"utf-8 multi-byte": []byte("// café ✓ " + tok),
	}
	wantFindings := map[string]int{"nul in head": 0, "invalid utf-8": 0, "latin-1 text": 1, "utf-8 multi-byte": 1}
	for name, content := range tests {
		t.Run(name, func(t *testing.T) {
			fs, notes := Scan("blob", content)
			if len(fs) != wantFindings[name] || len(notes) != 0 {
				t.Errorf("got %d findings %v notes %v", len(fs), messages(fs), notes)
			}
		})
	}
	// Columns count runes: "// café ✓ " is 10 runes but 13 bytes.
	fs, _ := Scan("x.js", tests["utf-8 multi-byte"])
	if len(fs) == 1 && (fs[0].Location.StartColumn != 11 || fs[0].Location.EndColumn != 51) {
		t.Errorf("rune columns: got %d-%d, want 11-51", fs[0].Location.StartColumn, fs[0].Location.EndColumn)
	}
}

// minifiedBundle builds a single-line bundle of about size bytes full of
// secret-ish keywords (key, token, password, auth, http://) but no secret,
// with the given tokens planted at the start, middle and end.
func minifiedBundle(size int, plant []string) ([]byte, []int) {
	chunk := `function r(e,t){var n={key:e.key,token:t.token,auth:null,password:e.password||"",headers:{"x-api-key":e.apiKey}};` +
		`return fetch("https://api.internal.corp/v1/items?session="+t.sessionId,{method:"POST",body:JSON.stringify(n)}).then(function(o){return o.ok?o.json():Promise.reject(new Error("request failed: "+o.status))})}` +
		`var s=["secret","credential","passwordReset","tokenizer","keyboard","ASIA/Tokyo","sk","SG.","AIza","eyJ","xoxb","ghp_","key-","hvs."];`
	var b bytes.Buffer
	var offsets []int
	slot := 0
	for b.Len() < size {
		if slot < len(plant) && b.Len() >= slot*size/max(1, len(plant)-1)-len(chunk) {
			b.WriteString(`var z` + fmt.Sprint(slot) + `="`)
			offsets = append(offsets, b.Len())
			b.WriteString(plant[slot] + `";`)
			slot++
		}
		b.WriteString(chunk)
	}
	for ; slot < len(plant); slot++ {
		b.WriteString(`var z="`)
		offsets = append(offsets, b.Len())
		b.WriteString(plant[slot] + `";`)
	}
	return b.Bytes(), offsets
}

func TestMinifiedTenMegabytes(t *testing.T) {
	plant := []string{crcToken("ghp_", "m1"), "AKIA" + fake(base32, 16, "m2"), "SG." + fake(urlChars, 22, "m3") + "." + fake(urlChars, 43, "m4")}
	content, offsets := minifiedBundle(10<<20, plant)
	if bytes.IndexByte(content, '\n') >= 0 {
		t.Fatal("bundle has a newline")
	}
	fs, notes := Scan("dist/bundle.min.js", content)
	var want, gotLoc []string
	for i, off := range offsets {
		want = append(want, fmt.Sprintf("1:%d-%d", off+1, off+1+len(plant[i])))
	}
	for _, f := range fs {
		gotLoc = append(gotLoc, fmt.Sprintf("%d:%d-%d", f.Location.StartLine, f.Location.StartColumn, f.Location.EndColumn))
	}
	if diff := cmp.Diff(want, gotLoc); diff != "" {
		t.Errorf("(-want +got):\n%s\n%v", diff, messages(fs))
	}
	if len(notes) != 0 {
		t.Errorf("notes: %v", notes)
	}
}

func TestCapPerFile(t *testing.T) {
	var b strings.Builder
	for i := range 150 {
		fmt.Fprintf(&b, `t%d="%s";`, i, crcToken("ghp_", fmt.Sprint("cap", i)))
	}
	d := NewDetector(Options{MaxFindingsPerFile: 100})
	fs, notes := d.Scan(context.Background(), "bundle.js", []byte(b.String()))
	if len(fs) != 100 {
		t.Errorf("got %d findings, want 100", len(fs))
	}
	if want := []string{"bundle.js: 50 more secret findings not reported (cap 100 per file)"}; !cmp.Equal(want, notes) {
		t.Errorf("notes %v, want %v", notes, want)
	}
	// The kept findings are the first 100 in file order.
	for i := 1; i < len(fs); i++ {
		if fs[i].Location.StartColumn <= fs[i-1].Location.StartColumn {
			t.Fatalf("findings out of order at %d", i)
		}
	}
}

func TestMaxFileSize(t *testing.T) {
	d := NewDetector(Options{MaxFileSize: 16})
	fs, notes := d.Scan(context.Background(), "big.js", []byte(`x = "`+crcToken("ghp_", "big")+`"`))
	if len(fs) != 0 || len(notes) != 1 || !strings.Contains(notes[0], "over the 16-byte limit") {
		t.Errorf("got %v %v", messages(fs), notes)
	}
}

func TestCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	fs, notes := NewDetector(Options{}).Scan(ctx, "x.js", []byte(`x = "`+crcToken("ghp_", "ctx")+`"`))
	if len(fs) != 0 || len(notes) != 1 {
		t.Errorf("got %v %v", messages(fs), notes)
	}
}

func TestSecretSpansMask(t *testing.T) {
	d := NewDetector(Options{})
	pem := strings.Split(pemKey("RSA", "\n", "spans"), "\n")
	tests := []struct{ line, want string }{
		{`aws_access_key_id = "` + exampleKeyID + `"`, `aws_access_key_id = "AKIA****************"`},
		{`password: Qw3rTy9zXcVb`, `password: Qw3r********`},
		{`url = "postgres://app:Nq7vR2xLp9sKfT3@db:5432/x"`, `url = "postgres://app:Nq7v***********@db:5432/x"`},
		{pem[1], pem[1][:4] + strings.Repeat("*", len(pem[1])-4)},
		{`print("hello world")`, `print("hello world")`},
		{``, ``},
	}
	for _, tt := range tests {
		if got := mask.Line(tt.line, d.SecretSpans(tt.line)); got != tt.want {
			t.Errorf("mask.Line(%q) = %q, want %q", tt.line, got, tt.want)
		}
	}
}

// TestSecondaryPatterns covers the second pattern of rules that have two.
func TestSecondaryPatterns(t *testing.T) {
	pw := "Xy7" + fake(alnum, 12, "ora")
	hex := fake(hexLower, 32, "mgctx")
	tests := []struct{ path, content, rule, secret string }{
		{"App.java", `String url = "jdbc:oracle:thin:scott/` + pw + `@db.internal:1521:ORCL";`, "jdbc-password", pw},
		{".env", "MAILGUN_API_KEY=" + hex + "-" + fake(hexLower, 8, "m1") + "-" + fake(hexLower, 8, "m2"), "mailgun-api-key",
			hex + "-" + fake(hexLower, 8, "m1") + "-" + fake(hexLower, 8, "m2")},
		{".env", "JIRA_API_TOKEN=" + fake(alnum, 24, "jira"), "atlassian-api-token", fake(alnum, 24, "jira")},
		{"app.js", `x = "HRKU-AA` + fake(urlChars, 58, "hrku") + `"`, "heroku-api-key", "HRKU-AA" + fake(urlChars, 58, "hrku")},
		{".env", "CONTENTFUL_DELIVERY_TOKEN=" + fake(urlChars, 43, "cfd"), "contentful-token", fake(urlChars, 43, "cfd")},
		{"app.py", `key = "sk-ant-admin01-` + fake(urlChars, 93, "adm") + `AA"`, "anthropic-api-key", "sk-ant-admin01-" + fake(urlChars, 93, "adm") + "AA"},
		{"app.py", `x = "` + fake(alnum, 20, "leg") + `"; k = "sk-` + fake(alnum, 20, "oa") + "T3BlbkFJ" + fake(alnum, 20, "ob") + `"`, "openai-api-key",
			"sk-" + fake(alnum, 20, "oa") + "T3BlbkFJ" + fake(alnum, 20, "ob")},
		{"k.json", `{"key": "-----BEGIN EC PRIVATE KEY-----\n` + fake(b64chars, 120, "ec") + `\n-----END EC PRIVATE KEY-----\n"}`, "private-key",
			`-----BEGIN EC PRIVATE KEY-----\n` + fake(b64chars, 120, "ec") + `\n-----END EC PRIVATE KEY-----`},
	}
	for _, tt := range tests {
		t.Run(tt.rule, func(t *testing.T) {
			fs, _ := Scan(tt.path, []byte(tt.content))
			if diff := cmp.Diff([]got{expectFor(tt.rule, tt.content, tt.secret)}, projectAll(fs, tt.secret)); diff != "" {
				t.Errorf("%s (-want +got):\n%s\n%v", tt.content, diff, messages(fs))
			}
		})
	}
}

var _ = finding.KindSecret
