package distinfo

import (
	"testing"

	"github.com/lambdascan/lambdascan/analyzers/deps/extract"
	"github.com/lambdascan/lambdascan/analyzers/deps/internal/extracttest"
	"github.com/lambdascan/lambdascan/engine/finding"
)

func pkg(name, version, purl, file string) finding.Package {
	return extracttest.Pkg(extract.PyPI, name, version, purl, file, Name, finding.ConfidenceHigh, 0)
}

func TestExtract(t *testing.T) {
	const yaml = "python/site-packages/PyYAML-5.3.1.dist-info/METADATA"
	extracttest.Run(t, Extractor{}, []extracttest.Case{
		{Name: "dist-info, body not read", File: yaml,
			Want: []finding.Package{pkg("pyyaml", "5.3.1", "pkg:pypi/pyyaml@5.3.1", yaml)}},
		{Name: "requests", File: "python/site-packages/requests-2.19.1.dist-info/METADATA",
			Want: []finding.Package{pkg("requests", "2.19.1", "pkg:pypi/requests@2.19.1", "python/site-packages/requests-2.19.1.dist-info/METADATA")}},
		{Name: "CRLF line ends", File: "python/site-packages/urllib3-1.24.1.dist-info/METADATA",
			Want: []finding.Package{pkg("urllib3", "1.24.1", "pkg:pypi/urllib3@1.24.1", "python/site-packages/urllib3-1.24.1.dist-info/METADATA")}},
		{Name: "egg-info", File: "python/site-packages/Jinja2-2.10.egg-info/PKG-INFO",
			Want: []finding.Package{pkg("jinja2", "2.10", "pkg:pypi/jinja2@2.10", "python/site-packages/Jinja2-2.10.egg-info/PKG-INFO")}},
		{Name: "layer python/", File: yaml, Path: "python/PyYAML-5.3.1.dist-info/METADATA",
			Want: []finding.Package{pkg("pyyaml", "5.3.1", "pkg:pypi/pyyaml@5.3.1", "python/PyYAML-5.3.1.dist-info/METADATA")}},
		{Name: "layer site-packages", File: yaml, Path: "python/lib/python3.12/site-packages/PyYAML-5.3.1.dist-info/METADATA",
			Want: []finding.Package{pkg("pyyaml", "5.3.1", "pkg:pypi/pyyaml@5.3.1", "python/lib/python3.12/site-packages/PyYAML-5.3.1.dist-info/METADATA")}},
		{Name: "garbage", File: "python/bad/broken-1.0.dist-info/METADATA", WantErr: true, WantMalformed: true},
	})
}

func TestFileRequired(t *testing.T) {
	extracttest.FileRequired(t, Extractor{},
		[]string{"a.dist-info/METADATA", "vendor/x-1.0.egg-info/PKG-INFO", "python/lib/python3.9/site-packages/six-1.16.0.dist-info/METADATA"},
		[]string{"METADATA", "six-1.16.0.dist-info/RECORD", "docs/METADATA", "pkg/PKG-INFO", "x.dist-info/METADATA.bak"})
}
