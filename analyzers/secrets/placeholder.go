package secrets

import (
	"regexp"
	"strings"
	"unicode/utf8"
)

func decodeRune(b []byte) (rune, int) {
	r, size := utf8.DecodeRune(b)
	if r == utf8.RuneError && size <= 1 {
		return -1, 1
	}
	return r, size
}

// placeholderWords mark values that stand for a secret rather than being
// one. They are matched as substrings of the lower-cased value.
var placeholderWords = []string{
	"changeme", "change_me", "change-me", "changethis", "example", "dummy", "placeholder",
	"your-", "your_", "yourpass", "yourtoken", "yoursecret", "yourkey", "yourapikey",
	"redacted", "replace", "todo", "fixme", "sample", "fake", "notreal", "not-real", "not_real",
	"test", "xxxx", "****", "....", "<", ">", "insert", "enter-", "enter_", "mysecret", "secretvalue",
	"password123", "foobar", "lorem", "ipsum", "undefined", "invalid", "none", "null", "(",
	"not a real", "not real", "random", "secret here", "goes here", "mock",
}

// placeholderExact are whole values that are never secrets.
var placeholderExact = map[string]bool{
	"password": true, "passwd": true, "pass": true, "secret": true, "token": true, "key": true,
	"apikey": true, "api_key": true, "nil": true, "true": true, "false": true, "empty": true,
	"string": true, "default": true, "required": true, "optional": true, "admin": true, "root": true,
	"user": true, "username": true, "bearer": true, "basic": true, "private": true, "public": true,
	"123456": true, "1234567": true, "12345678": true, "123456789": true, "qwerty": true,
	"letmein": true, "hunter2": true, "abc123": true,
}

// refMarkers mark references to a secret kept elsewhere (environment,
// templates, CloudFormation dynamic references, secret stores).
var refMarkers = []string{
	"${", "$(", "{{", "}}", "%(", "%s", "#{", "@{", "os.environ", "process.env", "getenv", "env[",
	"env(", "environ", "resolve:", "ssm:", "secretsmanager:", "arn:aws:", "vault:", "keyvault",
	"!ref", "!sub", "!getatt", "!import", "!secret",
}

var (
	identLike = regexp.MustCompile(`^(?:[a-z]+(?:[_.\-][a-z]+)+|[A-Z][A-Z0-9]*(?:[_.\-][A-Z0-9]+)+|[a-z]+(?:[A-Z][a-z]+)+|[A-Z][a-z]+(?:[A-Z][a-z]+)+|[A-Za-z]+(?:-[A-Za-z]+)+)$`)
	pathLike  = regexp.MustCompile(`^(?:[A-Za-z]:\\|\.{0,2}/|~/)|^[\w.\-]+(?:/[\w.\-]+)+\.[A-Za-z0-9]{1,5}$`)
	uuidLike  = regexp.MustCompile(`^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`)
	schemeURL = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9+.\-]*://`)
	numeric   = regexp.MustCompile(`^[0-9.,:\-+eE ]+$`)
)

// isPlaceholder reports values that are obviously not real secrets:
// placeholders, references, repeated characters, paths, URLs, numbers.
func isPlaceholder(v string) bool {
	if v == "" {
		return true
	}
	lv := strings.ToLower(v)
	if placeholderExact[lv] {
		return true
	}
	for _, w := range placeholderWords {
		if strings.Contains(lv, w) {
			return true
		}
	}
	for _, w := range refMarkers {
		if strings.Contains(lv, w) {
			return true
		}
	}
	switch v[0] {
	case '$', '%', '!', '&', '*', '|', '@':
		if len(v) < 2 || v[0] != '@' {
			return true
		}
	}
	if strings.Contains(v, "{") && strings.Contains(v, "}") {
		return true
	}
	if lowVariety(v) || numeric.MatchString(v) {
		return true
	}
	if pathLike.MatchString(v) || schemeURL.MatchString(v) {
		return true
	}
	return false
}
