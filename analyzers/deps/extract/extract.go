// Package extract defines what every package-inventory extractor implements
// and the helpers they share (name normalisation, purls). Each lockfile or
// metadata format lives in its own small package under analyzers/deps and
// is listed explicitly in analyzers/deps/registry; nothing registers itself.
package extract

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"path"
	"regexp"
	"strings"

	"github.com/BurntSushi/toml"
	"github.com/package-url/packageurl-go"

	"github.com/lambdascan/lambdascan/engine/finding"
)

// OSV ecosystem names.
const (
	PyPI  = "PyPI"
	NPM   = "npm"
	Maven = "Maven"
)

// Input is one file handed to an extractor.
type Input struct {
	// Path is the slash-separated path of the file in its input; files in
	// nested archives read "lib/a.jar!/META-INF/maven/g/a/pom.properties".
	Path string
	// Content is the whole file.
	Content []byte
	// ReadSibling reads another file of the same input. name is a path in
	// the same form as Path (relative to the input root, already cleaned,
	// e.g. path.Join(path.Dir(in.Path), "base.txt")). It may be nil, in
	// which case extractors that follow includes report them as unreadable.
	ReadSibling func(name string) ([]byte, error)
}

// Extractor reads third-party packages out of one kind of file.
type Extractor interface {
	// Name identifies the extractor; it becomes finding.Package.Source
	// ("python/requirements", "npm/package-lock").
	Name() string
	// FileRequired reports, from the path alone, whether Extract wants the
	// file. It is called for every file of every input and must be cheap.
	FileRequired(path string) bool
	// Extract returns the packages the file lists. A malformed file yields
	// an error (wrapped with the reason) and no packages, or the packages
	// read before the problem together with the error; it never panics.
	Extract(ctx context.Context, in Input) ([]finding.Package, error)
}

// Tier ranks how much a package record can be trusted to say what ships.
// Lower is better: installed metadata beats a lockfile, which beats a
// manifest, which beats a guess from a file name or a banner.
type Tier int

// Tiers, best first.
const (
	TierInstalled Tier = iota + 1 // metadata of an installed package
	TierLock                      // a lockfile's resolved version
	TierManifest                  // a version declared in a manifest
	TierGuess                     // a file name, a licence banner
)

// Tiered is implemented by extractors to say which tier their packages
// belong to. Extractors that do not implement it count as TierManifest.
type Tiered interface {
	Tier() Tier
}

// TierOf returns e's tier.
func TierOf(e Extractor) Tier {
	if t, ok := e.(Tiered); ok {
		return t.Tier()
	}
	return TierManifest
}

// ErrMalformed is wrapped by errors about files that cannot be parsed.
var ErrMalformed = errors.New("malformed file")

// Malformed returns an error saying the file could not be read and why.
func Malformed(format string, args ...any) error {
	return fmt.Errorf("%w: %s", ErrMalformed, fmt.Sprintf(format, args...))
}

// NormalizePyPI normalises a Python distribution name as PEP 503 says:
// lower case, each run of "-", "_" and "." becomes one "-".
func NormalizePyPI(name string) string {
	var b strings.Builder
	b.Grow(len(name))
	sep := false
	for _, r := range strings.TrimSpace(name) {
		if r == '-' || r == '_' || r == '.' {
			sep = true
			continue
		}
		if sep && b.Len() > 0 {
			b.WriteByte('-')
		}
		sep = false
		if 'A' <= r && r <= 'Z' {
			r += 'a' - 'A'
		}
		b.WriteRune(r)
	}
	return b.String()
}

// Package builds a package of the given ecosystem with its name normalised
// and its purl set. name is "groupId:artifactId" for Maven (a Maven name
// without a group is kept as is and gets no purl). conf is
// the confidence; path is the file it was read from; source the extractor.
func Package(ecosystem, name, version, filePath, source string, conf finding.Confidence) finding.Package {
	p := finding.Package{
		Ecosystem:  ecosystem,
		Version:    strings.TrimSpace(version),
		Location:   finding.Location{Path: filePath},
		Source:     source,
		Confidence: conf,
	}
	name = strings.TrimSpace(name)
	if ecosystem == PyPI {
		name = NormalizePyPI(name)
	}
	ns, n := SplitName(ecosystem, name)
	var typ string
	switch ecosystem {
	case PyPI:
		typ = packageurl.TypePyPi
	case NPM:
		typ = packageurl.TypeNPM
	case Maven:
		typ = packageurl.TypeMaven
		// A name without a group (a guess from a jar's file name) gets no
		// purl: Maven purls need the groupId.
		if ns == "" {
			n = ""
		}
	}
	p.Name = name
	if typ != "" && n != "" {
		p.PURL = packageurl.NewPackageURL(typ, ns, n, p.Version, nil, "").ToString()
	}
	return p
}

// SplitName splits a package name into its ecosystem's namespace and name,
// as purls and CycloneDX want them: Maven "group:artifact" gives group and
// artifact, npm "@scope/name" gives "@scope" and name; any other name has no
// namespace.
func SplitName(ecosystem, name string) (namespace, local string) {
	switch ecosystem {
	case Maven:
		if g, a, ok := strings.Cut(name, ":"); ok {
			return g, a
		}
	case NPM:
		if strings.HasPrefix(name, "@") {
			if s, a, ok := strings.Cut(name, "/"); ok {
				return s, a
			}
		}
	}
	return "", name
}

// Base returns the last element of a slash path (the part after the last
// "/", which also ends an archive marker "!/"). It does not allocate.
func Base(p string) string {
	return p[strings.LastIndexByte(p, '/')+1:]
}

// Join resolves ref relative to the directory of the file at p, in the
// form ReadSibling takes. Paths inside archives keep their "!/" marker.
func Join(p, ref string) string {
	dir := ""
	if i := strings.LastIndexByte(p, '/'); i >= 0 {
		dir = p[:i]
	}
	// Keep an archive prefix ("a.jar!") intact: resolve within it.
	prefix := ""
	if i := strings.LastIndex(dir, "!/"); i >= 0 {
		prefix, dir = dir[:i+2], dir[i+2:]
	} else if strings.HasSuffix(dir, "!") {
		prefix, dir = dir+"/", ""
	}
	return prefix + path.Join(dir, ref)
}

// Lines calls fn for each line of b with its 1-based number, without the
// line terminator (LF or CRLF). It stops early if fn returns false.
func Lines(b []byte, fn func(n int, line string) bool) {
	n := 0
	for len(b) > 0 {
		n++
		i := bytes.IndexByte(b, '\n')
		var line []byte
		if i < 0 {
			line, b = b, nil
		} else {
			line, b = b[:i], b[i+1:]
		}
		if len(line) > 0 && line[len(line)-1] == '\r' {
			line = line[:len(line)-1]
		}
		if !fn(n, string(line)) {
			return
		}
	}
}

// LooksLikeVersion reports whether v starts with a digit (optionally after
// a "v"): a resolved version rather than a range, a tag or a URL.
func LooksLikeVersion(v string) bool {
	v = strings.TrimPrefix(v, "v")
	return v != "" && v[0] >= '0' && v[0] <= '9' && !strings.ContainsAny(v, " <>=^~*|,/\\:")
}

// Container returns the archive a path lies in: the part before the last
// "!/" ("lib/a.jar!/META-INF/MANIFEST.MF" → "lib/a.jar"), or "" for a
// file that is not inside a nested archive.
func Container(p string) string {
	if i := strings.LastIndex(p, "!/"); i >= 0 {
		return p[:i]
	}
	return ""
}

// quotedRE matches a double-quoted fragment of an error message.
var quotedRE = regexp.MustCompile(`"(?:[^"\\]|\\.)*"`)

// TOMLError describes a TOML decoding error without quoting the file's
// text back (a parser may echo a value, which could be a secret): it keeps
// the line, the last key read and the reason, with quoted fragments of
// the reason elided.
func TOMLError(file string, err error) error {
	var pe toml.ParseError
	if !errors.As(err, &pe) {
		return Malformed("%s is not valid TOML", file)
	}
	msg := quotedRE.ReplaceAllString(pe.Message, `"…"`)
	if pe.LastKey != "" {
		return Malformed("%s is not valid TOML: line %d (after key %s): %s", file, pe.Position.Line, pe.LastKey, msg)
	}
	return Malformed("%s is not valid TOML: line %d: %s", file, pe.Position.Line, msg)
}

// backquotedRE matches a back-quoted fragment, which yaml.v3 uses to echo
// values in its errors.
var backquotedRE = regexp.MustCompile("`[^`]*`")

// YAMLError describes a YAML decoding error with echoed values elided.
func YAMLError(file string, err error) error {
	msg := backquotedRE.ReplaceAllString(err.Error(), "`…`")
	return Malformed("%s is not valid YAML: %s", file, strings.ReplaceAll(msg, "\n", " "))
}
