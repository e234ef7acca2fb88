package extract

import (
	"errors"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
	"gopkg.in/yaml.v3"

	"github.com/google/go-cmp/cmp"

	"github.com/lambdascan/lambdascan/engine/finding"
)

func TestNormalizePyPI(t *testing.T) {
	for in, want := range map[string]string{
		"PyYAML":            "pyyaml",
		"zope.interface":    "zope-interface",
		"Foo__Bar--baz..Q":  "foo-bar-baz-q",
		"  requests ":       "requests",
		"typing_extensions": "typing-extensions",
	} {
		if got := NormalizePyPI(in); got != want {
			t.Errorf("NormalizePyPI(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestPackage(t *testing.T) {
	for _, c := range []struct {
		eco, name, version string
		want               finding.Package
	}{
		{PyPI, "Jinja2", "2.10", finding.Package{Ecosystem: PyPI, Name: "jinja2", Version: "2.10", PURL: "pkg:pypi/jinja2@2.10"}},
		{NPM, "@babel/traverse", "7.22.8", finding.Package{Ecosystem: NPM, Name: "@babel/traverse", Version: "7.22.8", PURL: "pkg:npm/%40babel/traverse@7.22.8"}},
		{NPM, "lodash", "4.17.15", finding.Package{Ecosystem: NPM, Name: "lodash", Version: "4.17.15", PURL: "pkg:npm/lodash@4.17.15"}},
		{Maven, "org.apache.logging.log4j:log4j-core", "2.14.1", finding.Package{Ecosystem: Maven, Name: "org.apache.logging.log4j:log4j-core",
			Version: "2.14.1", PURL: "pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1"}},
		{Maven, "mystery", "1.0", finding.Package{Ecosystem: Maven, Name: "mystery", Version: "1.0"}},
	} {
		c.want.Location.Path, c.want.Source, c.want.Confidence = "f", "s", finding.ConfidenceHigh
		got := Package(c.eco, c.name, c.version, "f", "s", finding.ConfidenceHigh)
		if diff := cmp.Diff(c.want, got); diff != "" {
			t.Errorf("Package(%s, %s) (-want +got):\n%s", c.eco, c.name, diff)
		}
	}
}

func TestPaths(t *testing.T) {
	for _, c := range []struct{ p, ref, join, container string }{
		{"requirements.txt", "base.txt", "base.txt", ""},
		{"svc/requirements.txt", "../common/base.txt", "common/base.txt", ""},
		{"lib/a.jar!/reqs/requirements.txt", "base.txt", "lib/a.jar!/reqs/base.txt", "lib/a.jar"},
		{"lib/a.jar!/requirements.txt", "base.txt", "lib/a.jar!/base.txt", "lib/a.jar"},
	} {
		if got := Join(c.p, c.ref); got != c.join {
			t.Errorf("Join(%q, %q) = %q, want %q", c.p, c.ref, got, c.join)
		}
		if got := Container(c.p); got != c.container {
			t.Errorf("Container(%q) = %q, want %q", c.p, got, c.container)
		}
	}
}

func TestLooksLikeVersion(t *testing.T) {
	for v, want := range map[string]bool{
		"1.2.3": true, "v2.0.0": true, "4.1.77.Final": true, "0.0.0-use.local": true,
		"": false, "^1.2.3": false, ">=1": false, "git+https://x": false, "latest": false, "1.x || 2": false,
	} {
		if got := LooksLikeVersion(v); got != want {
			t.Errorf("LooksLikeVersion(%q) = %v, want %v", v, got, want)
		}
	}
}

func TestTOMLErrorHidesValues(t *testing.T) {
	var v map[string]any
	_, err := toml.Decode("[a]\nkey = AKIAIOSFODNN7EXAMPLE\n", &v)
	if err == nil {
		t.Fatal("no TOML error")
	}
	got := TOMLError("x.lock", err)
	if !errors.Is(got, ErrMalformed) || strings.Contains(got.Error(), "AKIA") || !strings.Contains(got.Error(), "line 2") {
		t.Errorf("TOMLError = %v", got)
	}
}

func TestYAMLErrorHidesValues(t *testing.T) {
	var v struct{ Packages map[string]string }
	err := yaml.Unmarshal([]byte("packages: AKIAIOSFODNN7EXAMPLE\n"), &v)
	if err == nil {
		t.Fatal("no YAML error")
	}
	got := YAMLError("x.yaml", err)
	if !errors.Is(got, ErrMalformed) || strings.Contains(got.Error(), "AKIA") {
		t.Errorf("YAMLError = %v (from %v)", got, err)
	}
}

func TestSplitName(t *testing.T) {
	tests := []struct {
		eco, name, ns, local string
	}{
		{Maven, "com.fasterxml.jackson.core:jackson-databind", "com.fasterxml.jackson.core", "jackson-databind"},
		{Maven, "jackson-databind", "", "jackson-databind"},
		{NPM, "@aws-sdk/client-s3", "@aws-sdk", "client-s3"},
		{NPM, "lodash", "", "lodash"},
		{PyPI, "a:b", "", "a:b"},
	}
	for _, tt := range tests {
		t.Run(tt.eco+"/"+tt.name, func(t *testing.T) {
			ns, local := SplitName(tt.eco, tt.name)
			if diff := cmp.Diff([2]string{tt.ns, tt.local}, [2]string{ns, local}); diff != "" {
				t.Errorf("SplitName (-want +got):\n%s", diff)
			}
		})
	}
}
