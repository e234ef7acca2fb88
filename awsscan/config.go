package awsscan

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/lambdascan/lambdascan/analyzers/secrets"
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
		sf, ok := envSecret(k, t.Env[k])
		if !ok {
			continue
		}
		// Anyone with lambda:GetFunctionConfiguration reads it: at least
		// the rule's severity.
		f := configFinding(RuleEnvSecret, t, max(sf.Severity, RuleEnvSecret.Severity),
			fmt.Sprintf("environment variable %s holds a secret in plain text (%s): %s", k, sf.Rule.Title, mask.Value(t.Env[k])),
			"Environment.Variables."+k)
		f.Confidence = sf.Confidence
		f.Properties["secretRule"] = sf.RuleID
		f.Properties["envVar"] = k
		out = append(out, f)
	}
	if urlAuthNone {
		out = append(out, configFinding(RuleURLAuthNone, t, finding.SeverityMedium,
			"function URL has AuthType NONE: anyone on the internet can invoke the function", "FunctionUrlConfig.AuthType"))
	}
	return out
}

// envSecret decides whether an environment variable holds a literal
// secret by asking the secrets detector about it as the line NAME=value of a
// .env file: provider formats (checksums verified) whatever the name, and
// literals under secret-named keys, gated by the detector's placeholder,
// reference and entropy checks. It returns the detector's finding, the most
// severe when the value holds several.
func envSecret(name, value string) (finding.Finding, bool) {
	fs, _ := secrets.Scan(ConfigPath+".env", []byte(name+"="+strings.TrimSpace(value)+"\n"))
	if len(fs) == 0 {
		return finding.Finding{}, false
	}
	return slices.MaxFunc(fs, func(a, b finding.Finding) int { return cmp.Compare(a.Severity, b.Severity) }), true
}
