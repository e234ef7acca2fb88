package requirements

import (
	"testing"

	"github.com/lambdascan/lambdascan/analyzers/deps/extract"
	"github.com/lambdascan/lambdascan/analyzers/deps/internal/extracttest"
	"github.com/lambdascan/lambdascan/engine/finding"
)

func pkg(name, version, purl, file string, line int) finding.Package {
	return extracttest.Pkg(extract.PyPI, name, version, purl, file, Name, finding.ConfidenceMedium, line)
}

func TestExtract(t *testing.T) {
	const req, base, cons = "python/reqs/requirements.txt", "python/reqs/base.txt", "python/reqs/constraints.txt"
	extracttest.Run(t, Extractor{}, []extracttest.Case{
		{Name: "pins, extras, markers, hashes, includes, constraints, cycle", File: req, Want: []finding.Package{
			// base.txt is read at its -r line, before the pins after it.
			pkg("certifi", "2018.4.16", "pkg:pypi/certifi@2018.4.16", base, 3),
			pkg("chardet", "3.0.4", "pkg:pypi/chardet@3.0.4", base, 4),
			pkg("pyyaml", "5.3.1", "pkg:pypi/pyyaml@5.3.1", req, 6),
			pkg("requests", "2.19.1", "pkg:pypi/requests@2.19.1", req, 7),
			pkg("urllib3", "1.24.1", "pkg:pypi/urllib3@1.24.1", req, 8),
			pkg("jinja2", "2.10.1", "pkg:pypi/jinja2@2.10.1", req, 11),
			// Unpinned in requirements.txt, pinned by constraints.txt;
			// six is only constrained, never required: not reported.
			pkg("flask", "0.12.2", "pkg:pypi/flask@0.12.2", cons, 2),
			pkg("idna", "2.7", "pkg:pypi/idna@2.7", cons, 1),
		}},
		{Name: "missing include is an error, the rest still read", File: "python/reqs/requirements-missing.txt", WantErr: true,
			Want: []finding.Package{pkg("six", "1.16.0", "pkg:pypi/six@1.16.0", "python/reqs/requirements-missing.txt", 2)}},
		{Name: "garbage", File: "python/bad/requirements.txt", WantErr: true, WantMalformed: true},
	})
}

func TestParseRequirement(t *testing.T) {
	for _, c := range []struct {
		line, name, version string
		ok, valid           bool
	}{
		{"Django==2.2.0", "Django", "2.2.0", true, true},
		{"zope.interface[docs]==5.4.0", "zope.interface", "5.4.0", true, true},
		{"foo (==1.0)", "foo", "1.0", true, true},
		{"foo>=1.0,==1.2", "foo", "1.2", true, true},
		{"foo==1.*", "foo", "", false, true},
		{"foo~=1.2", "foo", "", false, true},
		{"foo @ https://example.com/foo-1.0.tar.gz", "foo", "", false, true},
		{"https://example.com/foo.whl", "", "", false, true},
		{"git+https://github.com/x/y.git#egg=y", "", "", false, true},
		{"foo; sys_platform == 'win32'", "foo", "", false, true},
		{"-foo==1", "", "", false, false},
		{"foo bar", "", "", false, false},
		{"foo[unclosed==1", "", "", false, false},
	} {
		t.Run(c.line, func(t *testing.T) {
			name, version, ok, valid := parseRequirement(c.line)
			if name != c.name || version != c.version || ok != c.ok || valid != c.valid {
				t.Errorf("parseRequirement(%q) = %q %q %v %v, want %q %q %v %v", c.line, name, version, ok, valid, c.name, c.version, c.ok, c.valid)
			}
		})
	}
}

func TestFileRequired(t *testing.T) {
	extracttest.FileRequired(t, Extractor{},
		[]string{"requirements.txt", "src/requirements-prod.txt", "dev-requirements.txt", "requirements/base.txt", "python/requirements.txt"},
		[]string{"requirements.in", "README.txt", "constraints.txt", "requirements.txt.bak"})
}
