package uvlock

import (
	"testing"

	"github.com/lambdascan/lambdascan/analyzers/deps/extract"
	"github.com/lambdascan/lambdascan/analyzers/deps/internal/extracttest"
	"github.com/lambdascan/lambdascan/engine/finding"
)

func TestExtract(t *testing.T) {
	const f = "python/uv.lock"
	pkg := func(name, version, purl string) finding.Package {
		return extracttest.Pkg(extract.PyPI, name, version, purl, f, Name, finding.ConfidenceHigh, 0)
	}
	extracttest.Run(t, Extractor{}, []extracttest.Case{
		{Name: "registry packages only", File: f, Want: []finding.Package{
			pkg("pyyaml", "5.3.1", "pkg:pypi/pyyaml@5.3.1"),
			pkg("requests", "2.19.1", "pkg:pypi/requests@2.19.1"),
			pkg("urllib3", "1.24.1", "pkg:pypi/urllib3@1.24.1"),
		}},
		{Name: "bad TOML", File: "python/bad/uv.lock", WantErr: true, WantMalformed: true},
	})
	extracttest.FileRequired(t, Extractor{}, []string{"uv.lock"}, []string{"uv.toml", "pyproject.toml"})
}
