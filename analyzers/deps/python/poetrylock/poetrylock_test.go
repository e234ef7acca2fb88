package poetrylock

import (
	"testing"

	"github.com/lambdascan/lambdascan/analyzers/deps/extract"
	"github.com/lambdascan/lambdascan/analyzers/deps/internal/extracttest"
	"github.com/lambdascan/lambdascan/engine/finding"
)

func TestExtract(t *testing.T) {
	pkg := func(name, version, purl, f string) finding.Package {
		return extracttest.Pkg(extract.PyPI, name, version, purl, f, Name, finding.ConfidenceHigh, 0)
	}
	extracttest.Run(t, Extractor{}, []extracttest.Case{
		{Name: "category dev and directory source skipped", File: "python/poetry.lock", Want: []finding.Package{
			pkg("pyyaml", "5.3.1", "pkg:pypi/pyyaml@5.3.1", "python/poetry.lock"),
			pkg("urllib3", "1.24.1", "pkg:pypi/urllib3@1.24.1", "python/poetry.lock"),
		}},
		{Name: "poetry 2 groups", File: "python/groups/poetry.lock", Want: []finding.Package{
			pkg("django", "2.2.0", "pkg:pypi/django@2.2.0", "python/groups/poetry.lock"),
		}},
		{Name: "bad TOML", File: "python/bad/poetry.lock", WantErr: true, WantMalformed: true},
	})
	extracttest.FileRequired(t, Extractor{}, []string{"poetry.lock", "a/poetry.lock"}, []string{"pyproject.toml", "poetry.lock.orig"})
}
