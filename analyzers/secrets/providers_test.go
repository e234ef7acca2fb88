package secrets

import (
	"encoding/base64"
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// providerCase is one provider positive (secret in a real shape, in a line
// of a file) and its negative twin (wrong checksum, wrong length,
// placeholder or environment lookup), which must produce no finding at all.
type providerCase struct {
	rule     string
	path     string
	line     string // must contain secret exactly once
	secret   string
	negative string
}

// codeLine puts a value where no secret-named key is involved, so only the
// provider format can fire.
func codeLine(v string) string { return `value = "` + v + `"` }

func providerCases() []providerCase {
	gh := func(rule, prefix string) providerCase {
		tok := crcToken(prefix, rule)
		return providerCase{rule: rule, path: "app.py", line: codeLine(tok), secret: tok, negative: codeLine(breakChecksum(tok))}
	}
	tok := func(rule, secret, neg string) providerCase {
		return providerCase{rule: rule, path: "app.js", line: codeLine(secret), secret: secret, negative: codeLine(neg)}
	}
	env := func(rule, key, secret, neg string) providerCase {
		return providerCase{rule: rule, path: ".env", line: key + "=" + secret, secret: secret, negative: key + "=" + neg}
	}
	uuid := fakeUUID("uuid")
	sa := `{"type": "service_account", "project_id": "demo", "private_key_id": "` + fake(hexLower, 40, "kid") + `", "private_key": "` +
		pemKey("", `\n`, "sa") + `\n", "client_email": "svc@demo.iam.gserviceaccount.com"}`
	saKey := sa[strings.Index(sa, "-----BEGIN") : strings.Index(sa, `\n", "client_email`)+2]
	pg := "Xy7" + fake(alnum, 13, "pg")
	return []providerCase{
		tok("aws-access-key-id", "AKIA"+fake(base32, 16, "akia"), "AKIA"+fake("01890189", 16, "x")),
		env("aws-secret-access-key", "AWS_SECRET_ACCESS_KEY", fake(b64chars, 40, "awssecret"), "${AWS_SECRET_ACCESS_KEY}"),
		{rule: "aws-session-token", path: "app.py", line: `session = boto3.Session(aws_session_token="` + fake(b64chars, 300, "sess") + `")`,
			secret: fake(b64chars, 300, "sess"), negative: `session = boto3.Session(aws_session_token=os.environ["AWS_SESSION_TOKEN"])`},
		gh("github-pat", "ghp_"),
		tok("github-fine-grained-pat", "github_pat_"+fake(alnum, 22, "fg1")+"_"+fake(alnum, 59, "fg2"), "github_pat_"+fake(alnum, 22, "fg1")+"_"+fake(alnum, 58, "fg2")),
		gh("github-oauth-token", "gho_"),
		gh("github-app-token", "ghs_"),
		gh("github-refresh-token", "ghr_"),
		tok("gitlab-pat", "glpat-"+fake(alnum, 20, "glpat"), "glpat-"+fake(alnum, 12, "glpat")),
		tok("gitlab-runner-token", "glrt-"+fake(alnum, 20, "glrt"), "glrt-xxxxxxxxxxxxxxxxxxxxxxxx"),
		tok("slack-token", "xoxb-"+fake(digits, 11, "s1")+"-"+fake(digits, 13, "s2")+"-"+fake(alnum, 24, "s3"), "xoxb-123-456-abc"),
		{rule: "slack-webhook-url", path: "app.js", line: codeLine("https://hooks.slack.com/services/T" + fake(upperAN, 10, "t") + "/B" + fake(upperAN, 10, "b") + "/" + fake(alnum, 24, "w")),
			secret: "T" + fake(upperAN, 10, "t") + "/B" + fake(upperAN, 10, "b") + "/" + fake(alnum, 24, "w"), negative: codeLine("https://hooks.slack.com/services/T000/B000/XXXX")},
		{rule: "discord-webhook-url", path: "app.js", line: codeLine("https://discord.com/api/webhooks/" + fake(digits, 18, "dw") + "/" + fake(urlChars, 68, "dw")),
			secret: fake(digits, 18, "dw") + "/" + fake(urlChars, 68, "dw"), negative: codeLine("https://discord.com/api/webhooks/123/abc")},
		env("discord-bot-token", "DISCORD_BOT_TOKEN", "M"+fake(alnum, 25, "d1")+"."+fake(alnum, 6, "d2")+"."+fake(alnum, 27, "d3"), "${DISCORD_BOT_TOKEN}"),
		tok("telegram-bot-token", fake(digits, 10, "tg")+":AA"+fake(urlChars, 33, "tg"), fake(digits, 10, "tg")+":AA"+fake(urlChars, 20, "tg")),
		tok("atlassian-api-token", "ATATT3"+fake(urlChars, 186, "atl"), "ATATT3"+fake(alnum, 20, "atl")),
		tok("linear-api-key", "lin_api_"+fake(alnum, 40, "lin"), "lin_api_"+fake(alnum, 20, "lin")),
		tok("notion-token", "ntn_"+fake(digits, 11, "ntn")+fake(alnum, 35, "ntn"), "ntn_"+fake(alnum, 20, "ntn")),
		tok("stripe-secret-key", "sk_live_"+fake(alnum, 99, "stripe"), "sk_live_"+fake(alnum, 10, "stripe")),
		tok("stripe-webhook-secret", "whsec_"+fake(alnum, 32, "whsec"), "whsec_"+fake(alnum, 10, "whsec")),
		tok("square-token", "EAAA"+fake(urlChars, 60, "sq"), "EAAA"+fake(urlChars, 30, "sq")),
		tok("shopify-token", "shpat_"+fake(hexLower, 32, "shp"), "shpat_"+fake(hexLower, 31, "shp")),
		tok("flutterwave-secret-key", "FLWSECK-"+fake("abcdefgh0123456789", 32, "flw")+"-X", "FLWSECK-"+fake("abcdefgh0123456789", 32, "flw")),
		tok("shippo-token", "shippo_live_"+fake(hexLower, 40, "shippo"), "shippo_live_"+fake(hexLower, 39, "shippo")),
		tok("easypost-api-key", "EZAK"+fake(alnum, 54, "ez"), "EZAK"+fake(alnum, 20, "ez")),
		tok("plaid-access-token", "access-production-"+uuid, "access-production-notauuid"),
		tok("twilio-api-key", "SK"+fake(hexLower, 32, "twk"), "SK"+fake(hexLower, 31, "twk")),
		env("twilio-auth-token", "TWILIO_AUTH_TOKEN", fake(hexLower, 32, "twa"), "your_auth_token"),
		tok("sendgrid-api-key", "SG."+fake(urlChars, 22, "sg1")+"."+fake(urlChars, 43, "sg2"), "SG."+fake(urlChars, 22, "sg1")+"."+fake(urlChars, 20, "sg2")),
		tok("mailgun-api-key", "key-"+fake(hexLower, 32, "mg"), "key-value-store-settings"),
		tok("mailchimp-api-key", fake(hexLower, 32, "mc")+"-us14", fake(hexLower, 32, "mc")+"-usa"),
		tok("brevo-api-key", "xkeysib-"+fake(hexLower, 64, "br")+"-"+fake(alnum, 16, "br"), "xkeysib-"+fake(hexLower, 10, "br")),
		tok("google-api-key", "AIza"+fake(urlChars, 35, "gapi"), "AIza"+fake(urlChars, 30, "gapi")),
		{rule: "gcp-service-account-key", path: "sa.json", line: sa, secret: saKey,
			negative: `{"type": "service_account", "private_key": "", "client_email": "svc@demo.iam.gserviceaccount.com"}`},
		tok("google-oauth-client-secret", "GOCSPX-"+fake(urlChars, 28, "gocspx"), "GOCSPX-"+fake(urlChars, 10, "gocspx")),
		{rule: "azure-storage-account-key", path: "local.settings.json", line: `"AzureWebJobsStorage": "DefaultEndpointsProtocol=https;AccountName=demo;AccountKey=` + fake(b64chars, 86, "az") + `==;EndpointSuffix=core.windows.net"`,
			secret: fake(b64chars, 86, "az") + "==", negative: `"AzureWebJobsStorage": "DefaultEndpointsProtocol=https;AccountName=demo;AccountKey=abc==;EndpointSuffix=core.windows.net"`},
		{rule: "azure-shared-access-key", path: "app.js", line: codeLine("Endpoint=sb://demo.servicebus.windows.net/;SharedAccessKeyName=Root;SharedAccessKey=" + fake(b64chars, 43, "sb") + "="),
			secret: fake(b64chars, 43, "sb") + "=", negative: codeLine("Endpoint=sb://demo.servicebus.windows.net/;SharedAccessKeyName=Root;SharedAccessKey=abc=")},
		tok("azure-ad-client-secret", fake(alnum, 3, "aad")+"8Q~"+fake(alnum+"_~.-", 34, "aad"), "8Q~"+fake(alnum, 10, "aad")),
		gh("npm-token", "npm_"),
		tok("pypi-token", "pypi-AgEIcHlwaS5vcmc"+fake(urlChars, 70, "pypi"), "pypi-AgEIcHlwaS5vcmc"+fake(urlChars, 10, "pypi")),
		tok("rubygems-api-key", "rubygems_"+fake(hexLower, 48, "gem"), "rubygems_"+fake(hexLower, 47, "gem")),
		{rule: "docker-config-auth", path: "docker/config.json",
			line:     `{"auths": {"https://index.docker.io/v1/": {"auth": "` + base64.StdEncoding.EncodeToString([]byte("deployer:"+fake(alnum, 20, "dock"))) + `"}}}`,
			secret:   base64.StdEncoding.EncodeToString([]byte("deployer:" + fake(alnum, 20, "dock"))),
			negative: `{"auths": {"123456789012.dkr.ecr.us-east-1.amazonaws.com": {}}, "credsStore": "ecr-login"}`},
		tok("dockerhub-pat", "dckr_pat_"+fake(urlChars, 27, "dckr"), "dckr_pat_"+fake(urlChars, 10, "dckr")),
		env("datadog-api-key", "DD_API_KEY", fake(hexLower, 32, "dd"), "${DD_API_KEY}"),
		env("datadog-app-key", "DD_APP_KEY", fake(hexLower, 40, "ddapp"), "<your-app-key>"),
		tok("new-relic-key", "NRAK-"+fake(upperAN, 27, "nr"), "NRAK-"+fake(upperAN, 10, "nr")),
		env("new-relic-license-key", "NEW_RELIC_LICENSE_KEY", fake(hexLower, 40, "nrl"), "$NEW_RELIC_LICENSE_KEY"),
		env("pagerduty-api-key", "PAGERDUTY_API_KEY", "u+"+fake(alnum, 18, "pd"), "changeme"),
		tok("sentry-auth-token", "sntryu_"+fake(hexLower, 64, "sentry"), "sntryu_"+fake(hexLower, 10, "sentry")),
		tok("grafana-token", "glsa_"+fake(alnum, 32, "gr")+"_"+fake(hexLower, 8, "gr"), "glsa_"+fake(alnum, 10, "gr")),
		tok("dynatrace-token", "dt0c01."+fake(upperAN, 24, "dt1")+"."+fake(upperAN, 64, "dt2"), "dt0c01."+fake(upperAN, 24, "dt1")+"."+fake(upperAN, 10, "dt2")),
		env("heroku-api-key", "HEROKU_API_KEY", uuid, "$HEROKU_API_KEY"),
		tok("digitalocean-token", "dop_v1_"+fake(hexLower, 64, "do"), "dop_v1_"+fake(hexLower, 63, "do")),
		tok("databricks-token", "dapi"+fake(hexLower, 32, "dapi"), "dapi"+fake(hexLower, 31, "dapi")),
		tok("doppler-token", "dp.pt."+fake(alnum, 43, "dp"), "dp.pt."+fake(alnum, 10, "dp")),
		tok("hashicorp-vault-token", "hvs."+fake(urlChars, 90, "hvs"), "hvs."+fake(urlChars, 10, "hvs")),
		tok("terraform-cloud-token", fake(alnum, 14, "tf")+".atlasv1."+fake(urlChars, 67, "tf"), fake(alnum, 14, "tf")+".atlasv1."+fake(urlChars, 10, "tf")),
		tok("pulumi-token", "pul-"+fake(hexLower, 40, "pul"), "pul-"+fake(hexLower, 39, "pul")),
		tok("tailscale-key", "tskey-api-"+fake(alnum, 12, "ts1")+"-"+fake(alnum, 30, "ts2"), "tskey-api-xxxx"),
		tok("supabase-token", "sbp_"+fake(hexLower, 40, "sbp"), "sbp_"+fake(hexLower, 39, "sbp")),
		tok("planetscale-token", "pscale_tkn_"+fake(urlChars, 43, "ps"), "pscale_tkn_"+fake(urlChars, 10, "ps")),
		tok("netlify-token", "nfp_"+fake(alnum, 36, "nfp"), "nfp_"+fake(alnum, 20, "nfp")),
		tok("flyio-token", "fo1_"+fake(urlChars, 43, "fly"), "fo1_"+fake(urlChars, 20, "fly")),
		env("cloudflare-api-token", "CLOUDFLARE_API_TOKEN", fake(urlChars, 40, "cf"), "<cloudflare-token>"),
		tok("postman-api-key", "PMAK-"+fake(hexLower, 24, "pm1")+"-"+fake(hexLower, 34, "pm2"), "PMAK-"+fake(hexLower, 24, "pm1")+"-"+fake(hexLower, 10, "pm2")),
		tok("sourcegraph-token", "sgp_"+fake(hexLower, 40, "sgp"), "sgp_"+fake(hexLower, 39, "sgp")),
		tok("buildkite-token", "bkua_"+fake(hexLower, 40, "bk"), "bkua_"+fake(hexLower, 39, "bk")),
		tok("1password-service-account-token", "ops_eyJ"+fake(b64chars, 300, "ops"), "ops_eyJ"+fake(b64chars, 20, "ops")),
		tok("age-secret-key", "AGE-SECRET-KEY-1"+fake(bech32, 58, "age"), "AGE-SECRET-KEY-1"+fake("BIO1"+bech32[:10], 58, "age")),
		tok("hubspot-private-app-token", "pat-na1-"+uuid, "pat-na1-notauuid"),
		tok("typeform-token", "tfp_"+fake(alnum, 59, "tfp"), "tfp_"+fake(alnum, 20, "tfp")),
		tok("contentful-token", "CFPAT-"+fake(urlChars, 43, "cfpat"), "CFPAT-"+fake(urlChars, 20, "cfpat")),
		tok("mapbox-secret-token", "sk.eyJ"+fake(urlChars, 60, "mb1")+"."+fake(urlChars, 22, "mb2"), "pk.eyJ"+fake(urlChars, 60, "mb1")+"."+fake(urlChars, 22, "mb2")),
		env("algolia-admin-key", "ALGOLIA_ADMIN_KEY", fake(hexLower, 32, "alg"), "${ALGOLIA_ADMIN_KEY}"),
		env("okta-api-token", "OKTA_API_TOKEN", "00"+fake(urlChars, 40, "okta"), "<okta-api-token>"),
		env("twitch-token", "TWITCH_CLIENT_SECRET", fake("abcdefghijklmnopqrstuvwxyz0123456789", 30, "tw"), "your-twitch-secret"),
		env("snyk-token", "SNYK_TOKEN", uuid, "${{ secrets.SNYK_TOKEN }}"),
		tok("openai-api-key", "sk-proj-"+fake(urlChars, 74, "oa1")+"T3BlbkFJ"+fake(urlChars, 74, "oa2"), "sk-"+fake(alnum, 48, "oa3")),
		tok("anthropic-api-key", "sk-ant-api03-"+fake(urlChars, 93, "ant")+"AA", "sk-ant-api03-"+fake(urlChars, 10, "ant")),
		tok("huggingface-token", "hf_"+fake(letters, 34, "hf"), "hf_"+fake(digits, 34, "hf")),
		tok("groq-api-key", "gsk_"+fake(alnum, 52, "groq"), "gsk_"+fake(alnum, 20, "groq")),
		tok("replicate-api-token", "r8_"+fake(alnum, 37, "r8"), "r8_"+fake(alnum, 20, "r8")),
		{rule: "private-key", path: "certs/key.txt", line: "# deploy key\n" + pemKey("RSA", "\n", "rsa") + "\n", secret: pemKey("RSA", "\n", "rsa"),
			negative: "-----BEGIN RSA PRIVATE KEY-----\n...\n-----END RSA PRIVATE KEY-----\n"},
		tok("jwt", fakeJWT(`{"alg":"HS256","typ":"JWT"}`, `{"sub":"1234567890","name":"svc"}`), fakeJWT(`{"typ":"JWT"}`, `{"sub":"1234567890"}`)),
		{rule: "database-url-password", path: "settings.py", line: `DATABASE_URL = "postgres://app:` + pg + `@db.internal:5432/app"`, secret: pg,
			negative: `DATABASE_URL = "postgres://app:${DB_PASSWORD}@db.internal:5432/app"`},
		{rule: "jdbc-password", path: "application.properties", line: "spring.datasource.url=jdbc:mysql://db:3306/app?user=app&password=" + pg, secret: pg,
			negative: "spring.datasource.url=jdbc:mysql://db:3306/app?user=app&password=${DB_PASSWORD}"},
		{rule: "url-basic-auth", path: "deploy.sh", line: "git clone https://deployer:" + pg + "@git.internal.corp/team/repo.git", secret: pg,
			negative: "git clone https://user:password@git.internal.corp/team/repo.git"},
	}
}

// got is the comparable projection of a finding.
type got struct {
	Rule                 string
	Line, Col, EndLine   int
	EndCol               int
	HasHash, MaskedInMsg bool
}

func expectFor(rule, content, secret string) got {
	i := strings.Index(content, secret)
	line := strings.Count(content[:i], "\n") + 1
	col := i - (strings.LastIndex(content[:i], "\n") + 1) + 1
	end := i + len(secret)
	endLine := strings.Count(content[:end], "\n") + 1
	endCol := end - (strings.LastIndex(content[:end], "\n") + 1) + 1
	return got{Rule: "secrets." + rule, Line: line, Col: col, EndLine: endLine, EndCol: endCol, HasHash: true, MaskedInMsg: true}
}

// TestProviderPlaceholders: provider-shaped values spelled as placeholders
// are not reported.
func TestProviderPlaceholders(t *testing.T) {
	for _, line := range []string{
		`DOCKERHUB_TOKEN="dckr_pat_PlaceholderTokenPlaceholder"`,
		`token = "ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"`,
		`key = "AIzaSyAtestTESTt3s7te-_testtesttesttest"`,
		`SLACK_TOKEN=xoxb-your-bot-token-here`,
	} {
		if fs, _ := Scan(".env", []byte(line)); len(fs) != 0 {
			t.Errorf("%s: %v", line, messages(fs))
		}
	}
}

func TestProviderRules(t *testing.T) {
	cases := providerCases()
	covered := map[string]bool{}
	for _, tc := range cases {
		covered[tc.rule] = true
		t.Run(tc.rule, func(t *testing.T) {
			if strings.Count(tc.line, tc.secret) != 1 {
				t.Fatalf("bad case: secret occurs %d times in line", strings.Count(tc.line, tc.secret))
			}
			fs, notes := Scan(tc.path, []byte(tc.line))
			want := []got{expectFor(tc.rule, tc.line, tc.secret)}
			if diff := cmp.Diff(want, projectAll(fs, tc.secret)); diff != "" {
				t.Errorf("positive %q (-want +got):\n%s\nmessages: %v", tc.line, diff, messages(fs))
			}
			if len(notes) != 0 {
				t.Errorf("notes: %v", notes)
			}
			assertNoRaw(t, fs, tc.secret)
			neg, _ := Scan(tc.path, []byte(tc.negative))
			if len(neg) != 0 {
				t.Errorf("negative %q: got %v", tc.negative, messages(neg))
			}
		})
	}
	for _, r := range compiled().rules {
		if !covered[r.id] {
			t.Errorf("rule %s has no test case", r.id)
		}
	}
}

func TestProviderCount(t *testing.T) {
	providers := map[string]bool{}
	for _, r := range compiled().rules {
		if r.provider[0] >= 'A' && r.provider[0] <= 'Z' || r.provider == "npm" || r.provider == "age" {
			providers[r.provider] = true
		}
	}
	if len(providers) < 40 {
		t.Errorf("%d providers, want at least 40", len(providers))
	}
	t.Logf("%d rules, %d named providers", len(compiled().rules), len(providers))
}

func messages(fs []findingT) []string {
	var out []string
	for _, f := range fs {
		out = append(out, fmt.Sprintf("%s %d:%d %s", f.RuleID, f.Location.StartLine, f.Location.StartColumn, f.Message))
	}
	return out
}
