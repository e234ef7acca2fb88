package secrets

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/lambdascan/lambdascan/engine/finding"
)

// OWASP Top 10 2021 categories used by secret rules.
const (
	owaspAuth   = "A07:2021-Identification and Authentication Failures"
	owaspCrypto = "A02:2021-Cryptographic Failures"
)

// CWE numbers used by secret rules.
const (
	cweHardcodedCredentials = 798
	cweHardcodedPassword    = 259
	cweHardcodedCryptoKey   = 321
)

var commonReferences = []string{
	"https://docs.aws.amazon.com/secretsmanager/latest/userguide/retrieving-secrets_lambda.html",
	"https://docs.aws.amazon.com/systems-manager/latest/userguide/ps-integration-lambda-extensions.html",
}

// spec is one provider pattern as written in the table (providers.go). It is
// data: adding a provider means adding one spec and one test case.
type spec struct {
	id       string   // rule id without the "secrets." prefix
	title    string   // what the secret is, e.g. "GitHub personal access token"
	provider string   // who issued it, e.g. "GitHub"
	patterns []string // Go regexps; the submatch named "s" (or the whole match) is the secret
	keywords []string // literal prefilter, case-insensitive; at least one must occur
	sev      finding.Severity
	conf     finding.Confidence
	cwe      int // 0 means 798
	// validate checks the secret beyond the regexp (checksum, decoding,
	// charset, entropy). nil means randomish.
	validate func(s string) bool
	// testKey marks a test-mode credential (sk_test_…): reported Low.
	testKey func(s string) bool
	// tail lists characters, besides letters and digits, that may continue
	// the token; the secret must not be preceded or followed by one, so a
	// match is never a slice of a longer token.
	tail string
	// before bounds how far before a keyword hit a match may start, after
	// how far past it it may end. Defaults: 64 before, 200 after.
	before, after int
	// needs lists bytes that must all occur between the keyword and the
	// end of a possible match ('@' for URLs with credentials): a cheap
	// test before the regexp runs.
	needs string
	// startChars, when set, are the bytes that may lie between the start
	// of a match and its keyword (PEM headers: "-----BEGIN RSA ").
	startChars string
	// fileMust lists literals (lower case) one of which must occur somewhere
	// in the file ("service_account" for Google service-account keys).
	fileMust []string
	// priority breaks ties when two rules claim overlapping text: the higher
	// wins. Provider rules default to 10, the generic rule is 0.
	priority int
	// remediation overrides the default remediation text.
	remediation string
	refs        []string
	// display, when set, picks the part of the secret shown (masked) in
	// the message, e.g. the body of a PEM block rather than its header.
	display func(s string) string
}

// rule is a compiled spec.
type rule struct {
	spec
	meta     *finding.Rule
	res      []*regexp.Regexp
	anchored []*regexp.Regexp // res anchored at the start ("^(?:…)")
	prefixes []string         // literal prefix of each regexp, for a cheap precheck
	groups   []int            // index of the secret submatch per regexp
	// startSet holds the bytes that may lie between a match's start and
	// its keyword; tokenStart says matches start exactly where the run of
	// such bytes starts (token formats whose secret is the whole match).
	startSet   [256]bool
	tokenStart bool
	boundary   [256]bool // bytes that may not follow the secret
	leading    [256]bool // bytes that may not precede it ('=' may: KEY=value)
}

func compile(s spec) (*rule, error) {
	r := &rule{spec: s}
	if r.before == 0 {
		r.before = 64
	}
	if r.after == 0 {
		r.after = 200
	}
	if r.priority == 0 {
		r.priority = 10
	}
	if r.validate == nil {
		r.validate = randomish
	}
	if r.cwe == 0 {
		r.cwe = cweHardcodedCredentials
	}
	for _, p := range s.patterns {
		re, err := regexp.Compile(p)
		if err != nil {
			return nil, fmt.Errorf("secrets rule %s: %w", s.id, err)
		}
		g := re.SubexpIndex("s")
		if g < 0 {
			g = 0
		}
		r.res = append(r.res, re)
		r.anchored = append(r.anchored, regexp.MustCompile(`^(?:`+p+`)`))
		pre, _ := re.LiteralPrefix()
		r.prefixes = append(r.prefixes, pre)
		r.groups = append(r.groups, g)
	}
	for c := '0'; c <= '9'; c++ {
		r.boundary[c] = true
	}
	for c := 'a'; c <= 'z'; c++ {
		r.boundary[c] = true
		r.boundary[c-'a'+'A'] = true
	}
	for i := 0; i < len(s.tail); i++ {
		r.boundary[s.tail[i]] = true
	}
	r.leading = r.boundary
	r.leading['='] = false
	r.tokenStart = true
	for _, g := range r.groups {
		if g != 0 {
			r.tokenStart = false
		}
	}
	switch {
	case s.startChars != "":
		r.tokenStart = false
		for i := 0; i < len(s.startChars); i++ {
			r.startSet[s.startChars[i]] = true
		}
	case r.tokenStart:
		r.startSet = r.leading
	default:
		for i := 0; i < 256; i++ {
			r.startSet[i] = isIdentByte(byte(i)) && byte(i) != '$'
		}
	}
	r.meta = ruleMeta(s.id, s.title, s.provider, s.sev, s.conf, r.cwe, s.remediation, s.refs)
	return r, nil
}

// ruleMeta builds the finding.Rule shared by every finding of a rule.
func ruleMeta(id, title, provider string, sev finding.Severity, conf finding.Confidence, cwe int, remediation string, refs []string) *finding.Rule {
	owasp := []string{owaspAuth}
	if cwe == cweHardcodedCryptoKey {
		owasp = []string{owaspCrypto, owaspAuth}
	}
	if remediation == "" {
		remediation = defaultRemediation(title, provider)
	}
	refs = append(append([]string{fmt.Sprintf("https://cwe.mitre.org/data/definitions/%d.html", cwe)}, refs...), commonReferences...)
	return &finding.Rule{
		ID:          "secrets." + id,
		Title:       "Hardcoded " + title,
		Description: fmt.Sprintf("A %s is written in the deployment package. Anyone who can read the package (a zip in S3, a layer, a download from the console or GetFunction) can use it.", title),
		Severity:    sev,
		Confidence:  conf,
		CWE:         []int{cwe},
		OWASP:       owasp,
		Tags:        []string{"secrets", "aws-lambda", strings.ToLower(strings.ReplaceAll(provider, " ", "-"))},
		References:  refs,
		Remediation: remediation,
	}
}

func defaultRemediation(title, provider string) string {
	return fmt.Sprintf("Treat this %s as compromised: revoke or rotate it in %s now (removing it from the code does not remove it from past packages, layers or git history). "+
		"Store the new value in AWS Secrets Manager or SSM Parameter Store as a SecureString, give the function's execution role read access to that one secret only, "+
		"and read it once at init, outside the handler (the AWS Parameters and Secrets Lambda Extension caches it), or pass the secret's ARN in an environment variable and fetch it with the SDK.",
		title, provider)
}
