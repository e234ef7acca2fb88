package secrets

import (
	"strings"

	"github.com/lambdascan/lambdascan/engine/finding"
)

// The provider table is Go rather than an embedded YAML file because most
// entries carry code (checksums, base64/JSON decoding, test-key detection)
// that YAML could only name, and because a typo here fails `go vet` and the
// compile of every test instead of a user's scan.

const (
	sevCrit = finding.SeverityCritical
	sevHigh = finding.SeverityHigh
	sevMed  = finding.SeverityMedium
	sevLow  = finding.SeverityLow

	confHigh = finding.ConfidenceHigh
	confMed  = finding.ConfidenceMedium
	confLow  = finding.ConfidenceLow
)

// kv builds a pattern for "<key> <sep> <value>" where the key (matched
// case-insensitively) names the provider and the value is the secret:
// DD_API_KEY=…, "datadogApiKey": "…", datadog_api_key: …, headers["DD-API-KEY"] = "…".
func kv(key, value string) string {
	return `(?i:` + key + `)["'\x60]?\]?\s{0,4}(?:=|:=|:|=>|,)\s{0,4}["'\x60]?(?P<s>` + value + `)`
}

func hasPrefix(ps ...string) func(string) bool {
	return func(s string) bool {
		for _, p := range ps {
			if strings.HasPrefix(s, p) {
				return true
			}
		}
		return false
	}
}

func contains(sub string) func(string) bool {
	return func(s string) bool { return strings.Contains(s, sub) }
}

// pemBody returns the base64 body of a PEM block for display.
func pemBody(s string) string {
	if i := strings.Index(s, "KEY-----"); i >= 0 {
		s = s[i+len("KEY-----"):]
	} else if i := strings.Index(s, "BLOCK-----"); i >= 0 {
		s = s[i+len("BLOCK-----"):]
	}
	s = strings.TrimLeft(s, " \t\r\n\\n")
	for strings.HasPrefix(s, `\n`) {
		s = s[2:]
	}
	return s
}

const uuidRe = `[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}`

var providerSpecs = []spec{
	// --- AWS -------------------------------------------------------------
	{
		id: "aws-access-key-id", title: "AWS access key ID", provider: "AWS",
		patterns: []string{`(?:AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}`},
		keywords: []string{"akia", "asia", "abia", "acca"},
		sev:      sevHigh, conf: confHigh,
		remediation: "Deactivate and delete this access key in IAM now, and check CloudTrail for its use. A Lambda function needs no static keys: " +
			"drop the key arguments so the SDK uses the execution role's temporary credentials, and grant that role only the permissions it needs. " +
			"If another account's keys are truly required, keep them in AWS Secrets Manager and read them at init.",
		refs: []string{"https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html",
			"https://docs.aws.amazon.com/lambda/latest/dg/lambda-intro-execution-role.html"},
	},
	{
		id: "aws-secret-access-key", title: "AWS secret access key", provider: "AWS",
		patterns: []string{
			kv(`aws[_.\-]?secret[_.\-]?(?:access[_.\-]?)?key|secret[_.\-]?access[_.\-]?key|aws[_.\-]?secret`, `[A-Za-z0-9/+]{40}`),
			`(?i:basicawscredentials|basicsessioncredentials|awsbasiccredentials\.create|awssessioncredentials\.create)\s*\(\s*"[^"\n]{16,128}"\s*,\s*"(?P<s>[A-Za-z0-9/+]{40})"`,
		},
		keywords: []string{"secret", "basicawscredentials", "basicsessioncredentials", "awsbasiccredentials", "awssessioncredentials"},
		sev:      sevCrit, conf: confHigh, tail: "/+=", after: 400, priority: 20,
		validate: func(s string) bool { return randomish(s) && entropy(s) >= 3.5 },
		remediation: "Deactivate and delete this access key pair in IAM now, and review CloudTrail for its use. Lambda functions should not carry static keys: " +
			"remove them so the SDK uses the execution role, or, for cross-account access, assume a role with STS. Keys that must exist belong in AWS Secrets Manager, read at init.",
		refs: []string{"https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html"},
	},
	{
		id: "aws-session-token", title: "AWS session token", provider: "AWS",
		patterns: []string{kv(`aws[_.\-]?session[_.\-]?token|session[_.\-]?token|x-amz-security-token|aws[_.\-]?security[_.\-]?token`, `[A-Za-z0-9/+=]{100,}`)},
		keywords: []string{"session", "security-token", "security_token"},
		sev:      sevHigh, conf: confMed, tail: "/+=", after: 2400, priority: 20,
		remediation: "Session tokens expire, but this one may still be valid: revoke the role session (IAM \"Revoke active sessions\") and remove the token. " +
			"Let the SDK use the function's execution role instead of pasted credentials.",
	},
	// --- GitHub / GitLab -------------------------------------------------
	{
		id: "github-pat", title: "GitHub personal access token", provider: "GitHub",
		patterns: []string{`ghp_[A-Za-z0-9]{36}`}, keywords: []string{"ghp_"},
		sev: sevHigh, conf: confHigh, validate: validCRC32Token, tail: "_",
	},
	{
		id: "github-fine-grained-pat", title: "GitHub fine-grained personal access token", provider: "GitHub",
		patterns: []string{`github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59}`}, keywords: []string{"github_pat_"},
		sev: sevHigh, conf: confHigh, tail: "_",
	},
	{
		id: "github-oauth-token", title: "GitHub OAuth access token", provider: "GitHub",
		patterns: []string{`gho_[A-Za-z0-9]{36}`}, keywords: []string{"gho_"},
		sev: sevHigh, conf: confHigh, validate: validCRC32Token, tail: "_",
	},
	{
		id: "github-app-token", title: "GitHub App installation or user token", provider: "GitHub",
		patterns: []string{`gh[us]_[A-Za-z0-9]{36}`}, keywords: []string{"ghu_", "ghs_"},
		sev: sevHigh, conf: confHigh, validate: validCRC32Token, tail: "_",
	},
	{
		id: "github-refresh-token", title: "GitHub refresh token", provider: "GitHub",
		patterns: []string{`ghr_[A-Za-z0-9]{36}`}, keywords: []string{"ghr_"},
		sev: sevHigh, conf: confHigh, validate: validCRC32Token, tail: "_",
	},
	{
		id: "gitlab-pat", title: "GitLab personal access token", provider: "GitLab",
		patterns: []string{`glpat-[A-Za-z0-9_\-]{20}(?:[A-Za-z0-9_.\-]{0,80})`}, keywords: []string{"glpat-"},
		sev: sevHigh, conf: confHigh, tail: "_-.",
	},
	{
		id: "gitlab-runner-token", title: "GitLab runner or pipeline trigger token", provider: "GitLab",
		patterns: []string{`glrt-[A-Za-z0-9_\-]{20,80}`, `glptt-[0-9a-f]{40}`}, keywords: []string{"glrt-", "glptt-"},
		sev: sevHigh, conf: confHigh, tail: "_-",
	},
	// --- Chat / collaboration -------------------------------------------
	{
		id: "slack-token", title: "Slack token", provider: "Slack",
		patterns: []string{`xox[abposr]-(?:[0-9]{6,14}-){1,3}[A-Za-z0-9]{24,64}`, `xapp-[0-9]-[A-Z0-9]{8,14}-[0-9]{8,16}-[a-f0-9]{64}`},
		keywords: []string{"xoxa-", "xoxb-", "xoxp-", "xoxo-", "xoxs-", "xoxr-", "xapp-"},
		sev:      sevHigh, conf: confHigh, tail: "-",
	},
	{
		id: "slack-webhook-url", title: "Slack incoming webhook URL", provider: "Slack",
		patterns: []string{`hooks\.slack\.com/services/(?P<s>T[A-Z0-9]{8,12}/B[A-Z0-9]{8,12}/[A-Za-z0-9]{24})`},
		keywords: []string{"hooks.slack.com"}, sev: sevMed, conf: confHigh,
	},
	{
		id: "discord-webhook-url", title: "Discord webhook URL", provider: "Discord",
		patterns: []string{`discord(?:app)?\.com/api/webhooks/(?P<s>[0-9]{17,20}/[A-Za-z0-9_\-]{60,68})`},
		keywords: []string{"discord"}, sev: sevMed, conf: confHigh, tail: "_-",
	},
	{
		id: "discord-bot-token", title: "Discord bot token", provider: "Discord",
		patterns: []string{kv(`discord[\w.\-]{0,20}(?:bot)?[_.\-]?(?:token|secret)`, `[MNO][A-Za-z0-9_\-]{23,27}\.[A-Za-z0-9_\-]{6}\.[A-Za-z0-9_\-]{27,40}`)},
		keywords: []string{"discord"}, sev: sevHigh, conf: confMed, tail: "_-",
	},
	{
		id: "telegram-bot-token", title: "Telegram bot token", provider: "Telegram",
		patterns: []string{`[0-9]{8,10}:AA[A-Za-z0-9_\-]{33}`}, keywords: []string{":aa"},
		sev: sevHigh, conf: confHigh, tail: "_-",
	},
	{
		id: "atlassian-api-token", title: "Atlassian API token", provider: "Atlassian",
		patterns: []string{`ATATT3[A-Za-z0-9_\-=]{150,300}`, kv(`(?:atlassian|jira|confluence)[_.\-]?(?:api)?[_.\-]?token`, `[A-Za-z0-9]{24}`)},
		keywords: []string{"atatt3", "atlassian", "jira", "confluence"},
		sev:      sevHigh, conf: confHigh, tail: "_-=",
	},
	{
		id: "linear-api-key", title: "Linear API key", provider: "Linear",
		patterns: []string{`lin_api_[A-Za-z0-9]{40}`}, keywords: []string{"lin_api_"},
		sev: sevHigh, conf: confHigh, tail: "_",
	},
	{
		id: "notion-token", title: "Notion integration token", provider: "Notion",
		patterns: []string{`ntn_[0-9]{11}[A-Za-z0-9]{35}`}, keywords: []string{"ntn_"},
		sev: sevHigh, conf: confHigh, tail: "_",
	},
	// --- Payments ----------------------------------------------------------
	{
		id: "stripe-secret-key", title: "Stripe secret or restricted key", provider: "Stripe",
		patterns: []string{`(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{24,247}`}, keywords: []string{"sk_live_", "rk_live_", "sk_test_", "rk_test_"},
		sev: sevCrit, conf: confHigh, testKey: contains("_test_"), tail: "_",
	},
	{
		id: "stripe-webhook-secret", title: "Stripe webhook signing secret", provider: "Stripe",
		patterns: []string{`whsec_[A-Za-z0-9+/=]{32,64}`}, keywords: []string{"whsec_"},
		sev: sevHigh, conf: confHigh, tail: "_+/=",
	},
	{
		id: "square-token", title: "Square access token or OAuth secret", provider: "Square",
		patterns: []string{`EAAA[A-Za-z0-9_\-]{60}`, `sq0atp-[A-Za-z0-9_\-]{22}`, `sq0csp-[A-Za-z0-9_\-]{43}`},
		keywords: []string{"eaaa", "sq0atp-", "sq0csp-"}, sev: sevCrit, conf: confHigh, tail: "_-",
	},
	{
		id: "shopify-token", title: "Shopify access token or shared secret", provider: "Shopify",
		patterns: []string{`shp(?:at|ca|pa|ss)_[a-fA-F0-9]{32}`}, keywords: []string{"shpat_", "shpca_", "shppa_", "shpss_"},
		sev: sevHigh, conf: confHigh, tail: "_",
	},
	{
		id: "flutterwave-secret-key", title: "Flutterwave secret key", provider: "Flutterwave",
		patterns: []string{`FLWSECK(?:_TEST)?-[a-h0-9]{32}-X`}, keywords: []string{"flwseck"},
		sev: sevCrit, conf: confHigh, testKey: contains("_TEST"), tail: "_-",
	},
	{
		id: "shippo-token", title: "Shippo API token", provider: "Shippo",
		patterns: []string{`shippo_(?:live|test)_[a-f0-9]{40}`}, keywords: []string{"shippo_"},
		sev: sevHigh, conf: confHigh, testKey: contains("_test_"), tail: "_",
	},
	{
		id: "easypost-api-key", title: "EasyPost API key", provider: "EasyPost",
		patterns: []string{`EZ[AT]K[A-Za-z0-9]{54}`}, keywords: []string{"ezak", "eztk"},
		sev: sevHigh, conf: confHigh, testKey: hasPrefix("EZTK"),
	},
	{
		id: "plaid-access-token", title: "Plaid access token", provider: "Plaid",
		patterns: []string{`access-(?:sandbox|development|production)-` + uuidRe}, keywords: []string{"access-sandbox-", "access-development-", "access-production-"},
		sev: sevHigh, conf: confHigh, testKey: contains("-sandbox-"), tail: "-",
	},
	// --- Messaging / email --------------------------------------------------
	{
		id: "twilio-api-key", title: "Twilio API key SID", provider: "Twilio",
		patterns: []string{`SK[0-9a-f]{32}`}, keywords: []string{"sk"},
		sev: sevMed, conf: confMed, before: 8, after: 48,
		validate: func(s string) bool { return randomish(s[2:]) && hasDigitAndLetter(s[2:]) },
	},
	{
		id: "twilio-auth-token", title: "Twilio auth token", provider: "Twilio",
		patterns: []string{kv(`twilio[\w.\-]{0,20}?(?:auth)?[_.\-]?(?:token|secret)`, `[0-9a-f]{32}`)},
		keywords: []string{"twilio"}, sev: sevHigh, conf: confMed,
	},
	{
		id: "sendgrid-api-key", title: "SendGrid API key", provider: "SendGrid",
		patterns: []string{`SG\.[A-Za-z0-9_\-]{22}\.[A-Za-z0-9_\-]{43}`}, keywords: []string{"sg."},
		sev: sevHigh, conf: confHigh, tail: "_-",
	},
	{
		id: "mailgun-api-key", title: "Mailgun API key", provider: "Mailgun",
		patterns: []string{`key-[0-9a-f]{32}`, kv(`mailgun[\w.\-]{0,20}?(?:api)?[_.\-]?(?:key|secret|token)`, `[0-9a-f]{32}-[0-9a-f]{8}-[0-9a-f]{8}`)},
		keywords: []string{"key-", "mailgun"}, sev: sevHigh, conf: confMed, tail: "-",
		validate: func(s string) bool { return randomish(s) && hasDigitAndLetter(strings.TrimPrefix(s, "key-")) },
	},
	{
		id: "mailchimp-api-key", title: "Mailchimp API key", provider: "Mailchimp",
		patterns: []string{`[0-9a-f]{32}-us[0-9]{1,2}`}, keywords: []string{"-us"},
		sev: sevHigh, conf: confMed, before: 40, after: 16,
		validate: func(s string) bool { return randomish(s[:32]) && hasDigitAndLetter(s[:32]) },
	},
	{
		id: "brevo-api-key", title: "Brevo (Sendinblue) API key", provider: "Brevo",
		patterns: []string{`xkeysib-[a-f0-9]{64}-[A-Za-z0-9]{16}`}, keywords: []string{"xkeysib-"},
		sev: sevHigh, conf: confHigh, tail: "-",
	},
	// --- Google / Azure -----------------------------------------------------
	{
		id: "google-api-key", title: "Google API key", provider: "Google Cloud",
		patterns: []string{`AIza[A-Za-z0-9_\-]{35}`}, keywords: []string{"aiza"},
		sev: sevMed, conf: confHigh, tail: "_-",
	},
	{
		id: "gcp-service-account-key", title: "Google Cloud service-account private key", provider: "Google Cloud",
		patterns: []string{`"private_key"\s*:\s*"(?P<s>-----BEGIN PRIVATE KEY-----(?:\\n|[A-Za-z0-9+/=\s])+?-----END PRIVATE KEY-----(?:\\n)?)"`},
		keywords: []string{`"private_key"`}, fileMust: []string{"service_account"},
		sev: sevCrit, conf: confHigh, cwe: cweHardcodedCryptoKey, after: 8192, priority: 30,
		validate: func(s string) bool { return len(pemBody(s)) > 100 }, display: pemBody,
		remediation: "Delete this service-account key in Google Cloud IAM now and create no replacement key if you can avoid it: use workload identity federation from the function's AWS role. " +
			"If a key is unavoidable, store the JSON in AWS Secrets Manager and read it at init.",
	},
	{
		id: "google-oauth-client-secret", title: "Google OAuth client secret", provider: "Google Cloud",
		patterns: []string{`GOCSPX-[A-Za-z0-9_\-]{28}`}, keywords: []string{"gocspx-"},
		sev: sevHigh, conf: confHigh, tail: "_-",
	},
	{
		id: "azure-storage-account-key", title: "Azure storage account key", provider: "Microsoft Azure",
		patterns: []string{`AccountKey=(?P<s>[A-Za-z0-9+/]{86}==)`, kv(`azure[_.\-]?storage[_.\-]?(?:account[_.\-]?)?key|storage[_.\-]?account[_.\-]?key`, `[A-Za-z0-9+/]{86}==`)},
		keywords: []string{"accountkey", "storage"}, sev: sevCrit, conf: confHigh, tail: "+/=",
	},
	{
		id: "azure-shared-access-key", title: "Azure Service Bus / Event Hubs shared access key", provider: "Microsoft Azure",
		patterns: []string{`SharedAccessKey=(?P<s>[A-Za-z0-9+/]{42,43}=)`}, keywords: []string{"sharedaccesskey="},
		sev: sevHigh, conf: confHigh, tail: "+/=",
	},
	{
		id: "azure-ad-client-secret", title: "Microsoft Entra ID (Azure AD) client secret", provider: "Microsoft Azure",
		patterns: []string{`[A-Za-z0-9_~.]{3}[0-9]Q~[A-Za-z0-9_~.\-]{31,34}`}, keywords: []string{"q~"},
		sev: sevHigh, conf: confMed, tail: "_~.-", before: 8, after: 48,
	},
	// --- Package registries / containers --------------------------------------
	{
		id: "npm-token", title: "npm access token", provider: "npm",
		patterns: []string{`npm_[A-Za-z0-9]{36}`}, keywords: []string{"npm_"},
		sev: sevHigh, conf: confHigh, validate: validCRC32Token, tail: "_",
	},
	{
		id: "pypi-token", title: "PyPI API token", provider: "PyPI",
		patterns: []string{`pypi-(?:AgEIcHlwaS5vcmc|AgENdGVzdC5weXBpLm9yZw)[A-Za-z0-9_\-]{50,}`},
		keywords: []string{"pypi-ageichlwas5vcmc", "pypi-agendgvzdc5wexbplm9yzw"},
		sev:      sevHigh, conf: confHigh, tail: "_-", testKey: contains("AgENdGVzdC5weXBpLm9yZw"), after: 600,
	},
	{
		id: "rubygems-api-key", title: "RubyGems API key", provider: "RubyGems",
		patterns: []string{`rubygems_[a-f0-9]{48}`}, keywords: []string{"rubygems_"},
		sev: sevHigh, conf: confHigh, tail: "_",
	},
	{
		id: "docker-config-auth", title: "Docker registry credentials (config.json auth)", provider: "Docker",
		patterns: []string{`"auth"\s*:\s*"(?P<s>[A-Za-z0-9+/]{8,512}={0,2})"`}, keywords: []string{`"auth"`},
		fileMust: []string{`"auths"`}, sev: sevHigh, conf: confHigh, cwe: cweHardcodedPassword, tail: "+/=",
		validate: validDockerAuth,
	},
	{
		id: "dockerhub-pat", title: "Docker Hub personal access token", provider: "Docker",
		patterns: []string{`dckr_pat_[A-Za-z0-9_\-]{27}`}, keywords: []string{"dckr_pat_"},
		sev: sevHigh, conf: confHigh, tail: "_-",
	},
	// --- Observability ---------------------------------------------------------
	{
		id: "datadog-api-key", title: "Datadog API key", provider: "Datadog",
		patterns: []string{kv(`(?:datadog|dd)[_.\-]?api[_.\-]?key`, `[a-f0-9]{32}`)},
		keywords: []string{"datadog", "dd_api", "dd-api", "ddapi", "dd.api"}, sev: sevHigh, conf: confMed,
	},
	{
		id: "datadog-app-key", title: "Datadog application key", provider: "Datadog",
		patterns: []string{kv(`(?:datadog|dd)[_.\-]?app(?:lication)?[_.\-]?key`, `[a-f0-9]{40}`)},
		keywords: []string{"datadog", "dd_app", "dd-app", "ddapp", "dd.app"}, sev: sevHigh, conf: confMed,
	},
	{
		id: "new-relic-key", title: "New Relic user API or insert key", provider: "New Relic",
		patterns: []string{`NRAK-[A-Z0-9]{27}`, `NRII-[A-Za-z0-9_\-]{32}`}, keywords: []string{"nrak-", "nrii-"},
		sev: sevHigh, conf: confHigh, tail: "_-",
	},
	{
		id: "new-relic-license-key", title: "New Relic license key", provider: "New Relic",
		patterns: []string{kv(`new[_.\-]?relic[_.\-]?license[_.\-]?key|nr[_.\-]?license[_.\-]?key`, `[A-Za-z0-9]{36}NRAL|[a-f0-9]{40}`)},
		keywords: []string{"license"}, sev: sevHigh, conf: confMed,
	},
	{
		id: "pagerduty-api-key", title: "PagerDuty API key", provider: "PagerDuty",
		patterns: []string{kv(`pager[_.\-]?duty[\w.\-]{0,20}?(?:api|integration|routing|service)?[_.\-]?(?:key|token)`, `[A-Za-z0-9_+\-]{20}|[a-f0-9]{32}`)},
		keywords: []string{"pagerduty", "pager_duty", "pager-duty"}, sev: sevHigh, conf: confMed, tail: "_+-",
		validate: func(s string) bool { return randomish(s) && hasDigitAndLetter(s) },
	},
	{
		id: "sentry-auth-token", title: "Sentry auth token", provider: "Sentry",
		patterns: []string{`sntrys_eyJ[A-Za-z0-9+/=_\-]{40,400}`, `sntryu_[a-f0-9]{64}`}, keywords: []string{"sntrys_", "sntryu_"},
		sev: sevHigh, conf: confHigh, tail: "_-+/=",
	},
	{
		id: "grafana-token", title: "Grafana service-account or cloud token", provider: "Grafana",
		patterns: []string{`glsa_[A-Za-z0-9]{32}_[A-Fa-f0-9]{8}`, `glc_[A-Za-z0-9+/]{32,400}={0,2}`}, keywords: []string{"glsa_", "glc_"},
		sev: sevHigh, conf: confHigh, tail: "_+/=",
	},
	{
		id: "dynatrace-token", title: "Dynatrace API token", provider: "Dynatrace",
		patterns: []string{`dt0c01\.[A-Z0-9]{24}\.[A-Z0-9]{64}`}, keywords: []string{"dt0c01."},
		sev: sevHigh, conf: confHigh,
	},
	// --- Cloud / platform ------------------------------------------------------
	{
		id: "heroku-api-key", title: "Heroku API key", provider: "Heroku",
		patterns: []string{`HRKU-(?:[A-Za-z0-9_\-]{60,70}|` + uuidRe + `)`, kv(`heroku[\w.\-]{0,20}?(?:api)?[_.\-]?(?:key|token|secret)`, uuidRe)},
		keywords: []string{"hrku-", "heroku"}, sev: sevHigh, conf: confHigh, tail: "_-",
	},
	{
		id: "digitalocean-token", title: "DigitalOcean token", provider: "DigitalOcean",
		patterns: []string{`do[por]_v1_[a-f0-9]{64}`}, keywords: []string{"dop_v1_", "doo_v1_", "dor_v1_"},
		sev: sevHigh, conf: confHigh, tail: "_",
	},
	{
		id: "databricks-token", title: "Databricks personal access token", provider: "Databricks",
		patterns: []string{`dapi[a-f0-9]{32}(?:-[0-9])?`}, keywords: []string{"dapi"},
		sev: sevHigh, conf: confHigh,
		validate: func(s string) bool { return randomish(s) && hasDigitAndLetter(s[4:]) },
	},
	{
		id: "doppler-token", title: "Doppler token", provider: "Doppler",
		patterns: []string{`dp\.(?:pt|ct|sa|scim|audit)\.[A-Za-z0-9]{40,44}`, `dp\.st\.(?:[a-z0-9_\-]{2,35}\.)?[A-Za-z0-9]{40,44}`},
		keywords: []string{"dp.pt.", "dp.ct.", "dp.sa.", "dp.scim.", "dp.audit.", "dp.st."}, sev: sevHigh, conf: confHigh, tail: "_",
	},
	{
		id: "hashicorp-vault-token", title: "HashiCorp Vault token", provider: "HashiCorp Vault",
		patterns: []string{`hv[sb]\.[A-Za-z0-9_\-]{24,200}`}, keywords: []string{"hvs.", "hvb."},
		sev: sevHigh, conf: confHigh, tail: "_-",
	},
	{
		id: "terraform-cloud-token", title: "Terraform Cloud / HCP Terraform API token", provider: "HashiCorp",
		patterns: []string{`[A-Za-z0-9]{14}\.atlasv1\.[A-Za-z0-9_=\-]{60,70}`}, keywords: []string{".atlasv1."},
		sev: sevHigh, conf: confHigh, tail: "_=-",
	},
	{
		id: "pulumi-token", title: "Pulumi access token", provider: "Pulumi",
		patterns: []string{`pul-[a-f0-9]{40}`}, keywords: []string{"pul-"}, sev: sevHigh, conf: confHigh, tail: "-",
	},
	{
		id: "tailscale-key", title: "Tailscale API or auth key", provider: "Tailscale",
		patterns: []string{`tskey-(?:api|auth|client|webhook)-[A-Za-z0-9]{6,}-[A-Za-z0-9]{20,}`}, keywords: []string{"tskey-"},
		sev: sevHigh, conf: confHigh, tail: "-",
	},
	{
		id: "supabase-token", title: "Supabase personal access token", provider: "Supabase",
		patterns: []string{`sbp_[a-f0-9]{40}`}, keywords: []string{"sbp_"}, sev: sevHigh, conf: confHigh, tail: "_",
	},
	{
		id: "planetscale-token", title: "PlanetScale token or password", provider: "PlanetScale",
		patterns: []string{`pscale_(?:tkn|oauth|pw)_[A-Za-z0-9_.\-]{32,64}`}, keywords: []string{"pscale_"},
		sev: sevHigh, conf: confHigh, tail: "_.-",
	},
	{
		id: "netlify-token", title: "Netlify access token", provider: "Netlify",
		patterns: []string{`nfp_[A-Za-z0-9]{36}`}, keywords: []string{"nfp_"}, sev: sevHigh, conf: confHigh, tail: "_",
	},
	{
		id: "flyio-token", title: "Fly.io access token", provider: "Fly.io",
		patterns: []string{`fo1_[A-Za-z0-9_\-]{43}`}, keywords: []string{"fo1_"}, sev: sevHigh, conf: confHigh, tail: "_-",
	},
	{
		id: "cloudflare-api-token", title: "Cloudflare API token", provider: "Cloudflare",
		patterns: []string{kv(`cloudflare[\w.\-]{0,20}?(?:api)?[_.\-]?(?:token|key)|cf[_.\-]api[_.\-]token`, `[A-Za-z0-9_\-]{40}`)},
		keywords: []string{"cloudflare", "cf_api", "cf-api", "cf.api"}, sev: sevHigh, conf: confMed, tail: "_-",
		validate: func(s string) bool { return randomish(s) && hasDigitAndLetter(s) },
	},
	// --- Developer tools ------------------------------------------------------
	{
		id: "postman-api-key", title: "Postman API key", provider: "Postman",
		patterns: []string{`PMAK-[a-f0-9]{24}-[a-f0-9]{34}`}, keywords: []string{"pmak-"}, sev: sevHigh, conf: confHigh, tail: "-",
	},
	{
		id: "sourcegraph-token", title: "Sourcegraph access token", provider: "Sourcegraph",
		patterns: []string{`sgp_(?:[a-f0-9]{16}_|local_)?[a-f0-9]{40}`}, keywords: []string{"sgp_"}, sev: sevHigh, conf: confHigh, tail: "_",
	},
	{
		id: "buildkite-token", title: "Buildkite API access token", provider: "Buildkite",
		patterns: []string{`bkua_[a-f0-9]{40}`}, keywords: []string{"bkua_"}, sev: sevHigh, conf: confHigh, tail: "_",
	},
	{
		id: "1password-service-account-token", title: "1Password service account token", provider: "1Password",
		patterns: []string{`ops_eyJ[A-Za-z0-9+/=_\-]{100,}`}, keywords: []string{"ops_eyj"}, sev: sevCrit, conf: confHigh, tail: "_-+/=", after: 1400,
	},
	{
		id: "age-secret-key", title: "age encryption secret key", provider: "age",
		patterns: []string{`AGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58}`}, keywords: []string{"age-secret-key-1"},
		sev: sevHigh, conf: confHigh, cwe: cweHardcodedCryptoKey, tail: "-",
	},
	{
		id: "hubspot-private-app-token", title: "HubSpot private app access token", provider: "HubSpot",
		patterns: []string{`pat-(?:na|eu)1-` + uuidRe}, keywords: []string{"pat-na1-", "pat-eu1-"}, sev: sevHigh, conf: confHigh, tail: "-",
	},
	{
		id: "typeform-token", title: "Typeform personal access token", provider: "Typeform",
		patterns: []string{`tfp_[A-Za-z0-9_.=\-]{59}`}, keywords: []string{"tfp_"}, sev: sevHigh, conf: confMed, tail: "_.=-",
	},
	{
		id: "contentful-token", title: "Contentful access token", provider: "Contentful",
		patterns: []string{`CFPAT-[A-Za-z0-9_\-]{43}`, kv(`contentful[\w.\-]{0,24}?(?:access|delivery|management|preview)?[_.\-]?(?:token|key)`, `[A-Za-z0-9_\-]{43}`)},
		keywords: []string{"cfpat-", "contentful"}, sev: sevHigh, conf: confHigh, tail: "_-",
	},
	{
		id: "mapbox-secret-token", title: "Mapbox secret access token", provider: "Mapbox",
		patterns: []string{`sk\.eyJ[A-Za-z0-9_\-]{20,}\.[A-Za-z0-9_\-]{20,}`}, keywords: []string{"sk.eyj"}, sev: sevHigh, conf: confHigh, tail: "_-",
	},
	{
		id: "algolia-admin-key", title: "Algolia API key", provider: "Algolia",
		patterns: []string{kv(`algolia[\w.\-]{0,20}?(?:admin|api|write)[_.\-]?key`, `[a-f0-9]{32}`)},
		keywords: []string{"algolia"}, sev: sevHigh, conf: confMed,
		validate: func(s string) bool { return randomish(s) && hasDigitAndLetter(s) },
	},
	{
		id: "okta-api-token", title: "Okta API token", provider: "Okta",
		patterns: []string{kv(`okta[\w.\-]{0,20}?(?:api)?[_.\-]?(?:token|key)`, `00[A-Za-z0-9_\-]{40}`)},
		keywords: []string{"okta"}, sev: sevHigh, conf: confMed, tail: "_-",
	},
	{
		id: "twitch-token", title: "Twitch OAuth token or client secret", provider: "Twitch",
		patterns: []string{kv(`twitch[\w.\-]{0,20}?(?:oauth|access|client)?[_.\-]?(?:token|secret)`, `(?:oauth:)?[a-z0-9]{30}`)},
		keywords: []string{"twitch"}, sev: sevHigh, conf: confMed,
		validate: func(s string) bool { return randomish(s) && hasDigitAndLetter(s) },
	},
	{
		id: "snyk-token", title: "Snyk API token", provider: "Snyk",
		patterns: []string{kv(`snyk[\w.\-]{0,20}?(?:api)?[_.\-]?(?:token|key)`, uuidRe)},
		keywords: []string{"snyk"}, sev: sevHigh, conf: confMed, tail: "-",
	},
	// --- AI providers ---------------------------------------------------------
	{
		id: "openai-api-key", title: "OpenAI API key", provider: "OpenAI",
		patterns: []string{`sk-(?:(?:proj|svcacct|admin)-)?[A-Za-z0-9_\-]{20,200}T3BlbkFJ[A-Za-z0-9_\-]{20,200}`, `sk-proj-[A-Za-z0-9_\-]{80,200}`},
		keywords: []string{"t3blbkfj", "sk-proj-"}, sev: sevHigh, conf: confHigh, tail: "_-", before: 260, after: 480,
	},
	{
		id: "anthropic-api-key", title: "Anthropic API key", provider: "Anthropic",
		patterns: []string{`sk-ant-(?:api|admin)[0-9]{2}-[A-Za-z0-9_\-]{80,120}`}, keywords: []string{"sk-ant-"},
		sev: sevHigh, conf: confHigh, tail: "_-",
	},
	{
		id: "huggingface-token", title: "Hugging Face access token", provider: "Hugging Face",
		patterns: []string{`hf_[A-Za-z]{34}`, `api_org_[A-Za-z]{34}`}, keywords: []string{"hf_", "api_org_"},
		sev: sevHigh, conf: confHigh, tail: "_",
	},
	{
		id: "groq-api-key", title: "Groq API key", provider: "Groq",
		patterns: []string{`gsk_[A-Za-z0-9]{52}`}, keywords: []string{"gsk_"}, sev: sevHigh, conf: confHigh, tail: "_",
	},
	{
		id: "replicate-api-token", title: "Replicate API token", provider: "Replicate",
		patterns: []string{`r8_[A-Za-z0-9]{37}`}, keywords: []string{"r8_"}, sev: sevHigh, conf: confHigh, tail: "_",
	},
	// --- Structural -------------------------------------------------------------
	{
		id: "private-key", title: "private key", provider: "a key pair",
		patterns: []string{`-----BEGIN (?:RSA |EC |DSA |OPENSSH |ENCRYPTED |PGP |)PRIVATE KEY(?: BLOCK)?-----(?:\\[rn]|[A-Za-z0-9+/=\s:,.\-])+?-----END (?:RSA |EC |DSA |OPENSSH |ENCRYPTED |PGP |)PRIVATE KEY(?: BLOCK)?-----`},
		keywords: []string{"private key"}, sev: sevHigh, conf: confHigh, cwe: cweHardcodedCryptoKey, after: 20000, priority: 15,
		startChars: "-ABCDEFGHIJKLMNOPQRSTUVWXYZ ",
		validate: func(s string) bool {
			b := pemBody(s)
			return len(b) >= 64 && randomish(b)
		},
		display: pemBody,
		remediation: "Treat this private key as compromised: revoke the certificate or remove the public key wherever it is trusted, and issue a new pair. " +
			"Keep private keys out of the package: store them in AWS Secrets Manager (or use AWS KMS asymmetric keys so the key never leaves KMS) and load them at init.",
	},
	{
		id: "jwt", title: "JSON Web Token", provider: "the token's issuer",
		patterns: []string{`eyJ[A-Za-z0-9_\-]{8,}\.eyJ[A-Za-z0-9_\-]{8,}\.[A-Za-z0-9_\-]*`}, keywords: []string{"eyj"},
		sev: sevMed, conf: confMed, validate: validJWT, tail: "_-.", after: 8192, before: 0,
		remediation: "A hardcoded JWT is a bearer credential until it expires: revoke it (or rotate the signing key) at the issuer, then obtain tokens at runtime " +
			"from the identity provider, keeping any client secret in AWS Secrets Manager.",
	},
	{
		id: "database-url-password", title: "database connection URL with a password", provider: "the database",
		patterns: []string{`(?i:postgres(?:ql)?|mysql|mariadb|mongodb(?:\+srv)?|rediss?|amqps?|mssql|sqlserver|couchdb|neo4j(?:\+s)?|clickhouse|cockroachdb|oracle)://[^:@/\s"'<>\x60]{0,64}:(?P<s>[^@/\s"'<>\x60]{1,128})@[A-Za-z0-9._\-\[\]]+`},
		keywords: []string{"postgres", "mysql", "mariadb", "mongodb", "redis", "amqp", "mssql", "sqlserver", "couchdb", "neo4j", "clickhouse", "cockroachdb", "oracle://"},
		sev:      sevHigh, conf: confHigh, cwe: cweHardcodedPassword, validate: urlPassword, before: 8, after: 400, needs: ":@",
		remediation: "Change this database password now. Keep the connection details in AWS Secrets Manager (it can rotate RDS passwords for you) or use IAM database authentication / RDS Proxy, " +
			"and build the connection string at init from the secret.",
	},
	{
		id: "jdbc-password", title: "JDBC URL with a password", provider: "the database",
		patterns: []string{`jdbc:[a-z0-9:]+[^\s"'<>\x60]*?[?;&](?i:password|pwd)=(?P<s>[^&;\s"'<>\x60]{1,128})`, `jdbc:oracle:thin:[A-Za-z0-9_$#]+/(?P<s>[^@\s"'<>\x60]{1,128})@`},
		keywords: []string{"jdbc:"}, sev: sevHigh, conf: confHigh, cwe: cweHardcodedPassword, validate: urlPassword, before: 0, after: 600,
		remediation: "Change this database password now. Keep it in AWS Secrets Manager (the AWS JDBC Driver / Secrets Manager JDBC wrapper can read it directly) or use IAM database authentication.",
	},
	{
		id: "url-basic-auth", title: "password in a URL (basic auth)", provider: "the service in the URL",
		patterns: []string{`(?i:https?|ftps?|sftp|ssh|git|smtps?|ldaps?)://[^:@/\s"'<>\x60]{1,64}:(?P<s>[^@/\s"'<>\x60]{1,128})@[A-Za-z0-9._\-]+`},
		keywords: []string{"http://", "https://", "ftp://", "ftps://", "sftp://", "ssh://", "git://", "smtp://", "smtps://", "ldap://", "ldaps://"},
		sev:      sevHigh, conf: confMed, cwe: cweHardcodedPassword, validate: urlPassword, before: 8, after: 400, needs: "@",
	},
}

// urlPassword rejects placeholder passwords in URLs (user:${PASS}@, :password@,
// :<password>@) and port numbers mistaken for passwords.
func urlPassword(s string) bool {
	if isPlaceholder(s) || len(s) < 3 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return true
		}
	}
	return false // digits only: a port
}
