package awsscan

import (
	"fmt"
	"math"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/lambdascan/lambdascan/engine/finding"
	"github.com/lambdascan/lambdascan/engine/mask"
)

// ConfigPath is the Location.Path of configuration findings: they belong to
// the function's configuration, not to a file of its code.
const ConfigPath = "configuration"

// The configuration rules.
var (
	RuleEOLRuntime = &finding.Rule{
		ID:    "aws-lambda-eol-runtime",
		Title: "Lambda function uses a runtime at or near end of support",
		Description: "The function's managed runtime is deprecated or will be soon. A deprecated runtime " +
			"gets no security patches; after the block-create date no new function can use it and after " +
			"the block-update date the function's code can no longer be changed, even to fix a vulnerability.",
		Severity:    finding.SeverityMedium,
		Confidence:  finding.ConfidenceHigh,
		CWE:         []int{1104},
		Tags:        []string{"aws-lambda", "configuration"},
		References:  []string{RuntimeTableSource},
		Remediation: "Move the function to a supported runtime of the same language and redeploy it.",
	}
	RuleEnvSecret = &finding.Rule{
		ID:    "aws-lambda-env-secret",
		Title: "Secret stored in a Lambda environment variable",
		Description: "An environment variable holds what looks like a credential in plain text. Anyone " +
			"with lambda:GetFunctionConfiguration can read it, and it shows in the console.",
		Severity:    finding.SeverityHigh,
		Confidence:  finding.ConfidenceMedium,
		CWE:         []int{798, 526},
		OWASP:       []string{"A07:2021"},
		Tags:        []string{"aws-lambda", "configuration", "secrets"},
		References:  []string{"https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html"},
		Remediation: "Keep the secret in AWS Secrets Manager or SSM Parameter Store (SecureString), put its name or ARN in the variable, and read it at start-up.",
	}
	RuleURLAuthNone = &finding.Rule{
		ID:    "aws-lambda-url-auth-none",
		Title: "Lambda function URL without authentication",
		Description: "The function has a function URL with AuthType NONE: anyone on the internet who knows " +
			"the URL can invoke it.",
		Severity:    finding.SeverityMedium,
		Confidence:  finding.ConfidenceHigh,
		CWE:         []int{306},
		OWASP:       []string{"A01:2021"},
		Tags:        []string{"aws-lambda", "configuration"},
		References:  []string{"https://docs.aws.amazon.com/lambda/latest/dg/urls-auth.html"},
		Remediation: "Use AuthType AWS_IAM, or authenticate every request in the handler if the URL must be public.",
	}
)

// ConfigRules lists the configuration rules, for writers that list rules.
func ConfigRules() []*finding.Rule {
	return []*finding.Rule{RuleEOLRuntime, RuleEnvSecret, RuleURLAuthNone}
}

func configFinding(rule *finding.Rule, t *FunctionTarget, sev finding.Severity, msg, key string) finding.Finding {
	f := finding.Finding{
		Rule: rule, RuleID: rule.ID, Kind: finding.KindConfig, Message: msg, Severity: sev,
		Confidence: rule.Confidence,
		Location:   finding.Location{Input: t.Input, Path: ConfigPath},
		Function:   t.ARN,
		Properties: map[string]string{"functionArn": t.ARN, "configKey": key},
	}
	f.Fingerprint = finding.Fingerprint(rule.ID, t.Input, ConfigPath, key, 1)
	return f
}

// configFindings checks a function's configuration.
func configFindings(t *FunctionTarget, urlAuthNone bool, now time.Time) []finding.Finding {
	var out []finding.Finding
	if st, ok := RuntimeLifecycle(t.Runtime, now); ok && st.Stage != "supported" {
		var msg string
		switch st.Stage {
		case "upcoming":
			msg = fmt.Sprintf("runtime %s is deprecated on %s", t.Runtime, st.Dates.Deprecation)
		case "deprecated":
			msg = fmt.Sprintf("runtime %s is deprecated since %s and gets no security patches", t.Runtime, st.Dates.Deprecation)
			if st.Dates.BlockCreate != "" {
				msg += fmt.Sprintf("; function creation is blocked from %s", st.Dates.BlockCreate)
			}
		case "create-blocked":
			msg = fmt.Sprintf("runtime %s is deprecated since %s; new functions are blocked since %s and updates will be from %s",
				t.Runtime, st.Dates.Deprecation, st.Dates.BlockCreate, st.Dates.BlockUpdate)
		case "update-blocked":
			msg = fmt.Sprintf("runtime %s is deprecated since %s and function updates are blocked since %s: the code can no longer be patched",
				t.Runtime, st.Dates.Deprecation, st.Dates.BlockUpdate)
		}
		f := configFinding(RuleEOLRuntime, t, st.Severity, msg, "Runtime")
		f.Properties["runtime"] = t.Runtime
		f.Properties["runtimeStage"] = st.Stage
		out = append(out, f)
	}
	names := make([]string, 0, len(t.Env))
	for k := range t.Env {
		names = append(names, k)
	}
	slices.Sort(names)
	for _, k := range names {
		kind, sev, ok := envSecret(k, t.Env[k])
		if !ok {
			continue
		}
		f := configFinding(RuleEnvSecret, t, sev,
			fmt.Sprintf("environment variable %s holds %s in plain text (%s)", k, kind, mask.Value(t.Env[k])),
			"Environment.Variables."+k)
		f.Properties["envVar"] = k
		out = append(out, f)
	}
	if urlAuthNone {
		out = append(out, configFinding(RuleURLAuthNone, t, finding.SeverityMedium,
			"function URL has AuthType NONE: anyone on the internet can invoke the function", "FunctionUrlConfig.AuthType"))
	}
	return out
}

// knownTokens are credential shapes recognised whatever the variable name.
var knownTokens = []struct {
	name string
	re   *regexp.Regexp
	sev  finding.Severity
}{
	{"an AWS access key ID", regexp.MustCompile(`^(AKIA|ASIA)[0-9A-Z]{16}$`), finding.SeverityHigh},
	{"a GitHub token", regexp.MustCompile(`^(ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{36}$|^github_pat_[A-Za-z0-9_]{60,}$`), finding.SeverityHigh},
	{"a Slack token", regexp.MustCompile(`^xox[abposr]-[A-Za-z0-9-]{10,}$`), finding.SeverityHigh},
	{"a Stripe live key", regexp.MustCompile(`^(sk|rk)_live_[A-Za-z0-9]{20,}$`), finding.SeverityCritical},
	{"a private key", regexp.MustCompile(`-----BEGIN [A-Z ]*PRIVATE KEY-----`), finding.SeverityCritical},
	{"a password in a connection URL", regexp.MustCompile(`^[a-z][a-z0-9+.-]*://[^/\s:@]+:[^/\s@]{3,}@`), finding.SeverityHigh},
	{"a JSON web token", regexp.MustCompile(`^eyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}$`), finding.SeverityMedium},
}

// secretName matches variable names that say they hold a secret.
var secretName = regexp.MustCompile(`(?i)(SECRET|PASSWORD|PASSWD|PASSPHRASE|TOKEN|CREDENTIAL|API_?KEY|ACCESS_?KEY|PRIVATE_?KEY|AUTH_?KEY|SIGNING_?KEY|ENCRYPTION_?KEY|(^|_)KEY$)`)

// notSecretName matches names that say they hold a reference or an id.
var notSecretName = regexp.MustCompile(`(?i)(_ARN|_NAME|_ID|_PATH|_URL|_URI|_FILE|_PARAM|_PARAMETER|_REF|_TTL|_EXPIRY|_EXPIRES|_LENGTH|_SIZE|_HEADER|_TYPE|_ENDPOINT|_REGION|ACCESS_KEY_ID)$`)

// referenceValue matches values that point at a secret instead of holding it.
var referenceValue = regexp.MustCompile(`^(arn:aws[a-z-]*:|\{\{resolve:|\$\{|ssm:|secretsmanager:|/|https?://[^:@]*$|s3://)`)

// envSecret decides whether an environment variable holds a literal secret.
func envSecret(name, value string) (kind string, sev finding.Severity, ok bool) {
	v := strings.TrimSpace(value)
	for _, t := range knownTokens {
		if t.re.MatchString(v) {
			return t.name, t.sev, true
		}
	}
	if !secretName.MatchString(name) || notSecretName.MatchString(name) {
		return "", 0, false
	}
	if len(v) < 8 || referenceValue.MatchString(v) || placeholder(v) {
		return "", 0, false
	}
	// A literal credential has some entropy: at least two character classes
	// and not a plain word or identifier.
	if classes(v) < 2 || entropy(v) < 3.0 {
		return "", 0, false
	}
	return "a literal secret", finding.SeverityHigh, true
}

var placeholders = []string{"changeme", "change_me", "example", "placeholder", "dummy", "redacted", "xxxx", "todo", "none", "null", "false", "true", "<", "your"}

func placeholder(v string) bool {
	l := strings.ToLower(v)
	for _, p := range placeholders {
		if strings.HasPrefix(l, p) || l == p {
			return true
		}
	}
	return strings.Trim(l, "*x.-_") == ""
}

func classes(s string) int {
	var lo, up, dig, oth int
	for _, r := range s {
		switch {
		case r >= 'a' && r <= 'z':
			lo = 1
		case r >= 'A' && r <= 'Z':
			up = 1
		case r >= '0' && r <= '9':
			dig = 1
		default:
			oth = 1
		}
	}
	return lo + up + dig + oth
}

// entropy is the Shannon entropy of s in bits per character.
func entropy(s string) float64 {
	counts := map[rune]int{}
	n := 0
	for _, r := range s {
		counts[r]++
		n++
	}
	var h float64
	for _, c := range counts {
		p := float64(c) / float64(n)
		h -= p * math.Log2(p)
	}
	return h
}
