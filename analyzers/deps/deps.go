// Package deps is the package-inventory pass ("deps" in --scanners): it
// hands every file some extractor wants (installed package metadata,
// lockfiles, manifests, jar metadata, bundles, in the function's own code,
// in third-party folders and in layers alike) to the extractors listed in
// analyzers/deps/registry, records the packages found, and when every file
// was seen, merges duplicates, applies the jar fallbacks and has a Matcher
// turn the inventory into vulnerability findings.
//
// What is reported, and what is not:
//   - A package is reported once per input, ecosystem, name, version and
//     layer. When several files name it, the best evidence wins: installed
//     metadata (dist-info, node_modules package.json, pom.properties) over a
//     lockfile, over a manifest (requirements.txt, pom.xml, a jar manifest),
//     over a guess (jar file name, licence banner); the other files are
//     kept in Package.AlsoAt.
//   - When installed metadata for a package lies in the folder of a
//     lockfile or manifest (or below it), that file's entries for other
//     versions of the package are dropped: what is installed is what runs.
//     Guesses from bundles and jar manifests are kept, since they describe
//     separate copies that also ship.
//   - A jar's MANIFEST.MF is used only when the jar had no pom.properties,
//     and its file name only when it had neither.
//   - The AWS SDK the Lambda runtime preinstalls (boto3/botocore in Python
//     runtimes, the AWS SDK for JavaScript in Node runtimes) is not in a
//     deployment package, so it is never reported; a copy bundled into the
//     zip or a layer is a file like any other and is reported. Files under
//     the runtime's own folders (var/runtime/, var/lang/, as found when a
//     runtime image's file system is scanned) are not read at all.
package deps

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/lambdascan/lambdascan/analyzers/deps/extract"
	"github.com/lambdascan/lambdascan/analyzers/deps/java/jarname"
	"github.com/lambdascan/lambdascan/analyzers/deps/java/manifest"
	"github.com/lambdascan/lambdascan/analyzers/deps/java/pomproperties"
	"github.com/lambdascan/lambdascan/analyzers/deps/registry"
	"github.com/lambdascan/lambdascan/engine/finding"
	"github.com/lambdascan/lambdascan/engine/scan"
)

// Matcher turns packages into vulnerability findings. The vulnerability
// database implements it. Notifications report problems such as a stale
// database; an error means matching could not run at all.
type Matcher interface {
	Match(ctx context.Context, pkgs []finding.Package) ([]finding.Finding, []finding.Notification, error)
}

// Options configure the pass.
type Options struct {
	// Extractors to run; nil means registry.All().
	Extractors []extract.Extractor
	// Matcher matches the inventory against advisories; nil means no
	// database is available: packages are still listed and a note says so.
	Matcher Matcher
}

// Notification codes of this pass.
const (
	CodeMalformed  = "deps-malformed"   // a manifest or lockfile could not be parsed
	CodeExtract    = "deps-extract"     // an extractor failed otherwise (an unreadable include)
	CodeNoDatabase = "deps-no-database" // no vulnerability database to match against
)

// NoDatabaseMessage is the note added when no Matcher is configured.
const NoDatabaseMessage = "no vulnerability database: run `lambdascan db update` (code scanning still ran)"

// Pass is the package-inventory pass. It is safe for concurrent use.
type Pass struct {
	exts    []extract.Extractor
	tiers   map[string]extract.Tier
	matcher Matcher
}

// New returns the pass.
func New(opts Options) *Pass {
	exts := opts.Extractors
	if exts == nil {
		exts = registry.All()
	}
	tiers := map[string]extract.Tier{}
	for _, e := range exts {
		tiers[e.Name()] = extract.TierOf(e)
	}
	return &Pass{exts: exts, tiers: tiers, matcher: opts.Matcher}
}

var (
	_ scan.Pass     = (*Pass)(nil)
	_ scan.Finisher = (*Pass)(nil)
)

// Name implements scan.Pass.
func (*Pass) Name() string { return "deps" }

// Wants implements scan.Pass: any file an extractor wants, whatever its
// class, except the Lambda runtime's own files.
func (p *Pass) Wants(f *scan.File) bool {
	return Wanted(p.exts, f.Path)
}

// Wanted reports whether any of exts wants the file at path p.
func Wanted(exts []extract.Extractor, p string) bool {
	if RuntimePath(p) {
		return false
	}
	for _, e := range exts {
		if e.FileRequired(p) {
			return true
		}
	}
	return false
}

// Run implements scan.Pass.
func (p *Pass) Run(ctx context.Context, u *scan.Unit) error {
	prefix := strings.TrimSuffix(u.File.Path, u.File.Name) // "lib/a.jar!/" in a nested archive
	in := extract.Input{
		Path:    u.File.Path,
		Content: u.Content,
		ReadSibling: func(name string) ([]byte, error) {
			rest, ok := strings.CutPrefix(name, prefix)
			if !ok || strings.HasPrefix(rest, "../") || rest == ".." || strings.Contains(rest, "!/") {
				return nil, fmt.Errorf("%s is outside %s", name, strings.TrimSuffix(prefix, "!/"))
			}
			return u.ReadSibling(rest)
		},
	}
	pkgs, errs := ExtractFile(ctx, p.exts, in)
	var decl *DeclaringLines
	for _, pkg := range pkgs {
		if pkg.Location.StartLine == 0 && pkg.Location.Path == u.File.Path {
			if decl == nil {
				decl = NewDeclaringLines(string(u.Content))
			}
			pkg.Location.StartLine = decl.Find(pkg)
		}
		u.AddPackage(pkg)
	}
	for _, err := range errs {
		if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
			continue // the scan is stopping; not this file's fault
		}
		code := CodeExtract
		if errors.Is(err, extract.ErrMalformed) {
			code = CodeMalformed
		}
		u.Notify(finding.LevelWarning, code, fmt.Sprintf("%s: %v; packages it lists may be missing", u.File.Path, err), 0)
	}
	return ctx.Err()
}

// DeclaringLines finds the lines of a manifest or lockfile that declare its
// packages, so findings point at them (GitHub code scanning shows a finding
// without a line on line 1). The file is lower-cased and split once, and
// the name-like words of each line are indexed, so each package costs the
// lines that name it, not the whole file: a lockfile of thousands of
// packages is not read once per package.
type DeclaringLines struct {
	lines, lower []string
	words        map[string][]int // word -> the lines holding it, ascending
}

// NewDeclaringLines indexes the text of a manifest or lockfile.
func NewDeclaringLines(content string) *DeclaringLines {
	d := &DeclaringLines{
		lines: strings.Split(content, "\n"),
		lower: strings.Split(strings.ToLower(content), "\n"),
		words: map[string][]int{},
	}
	for i, l := range d.lower {
		for s := 0; s < len(l); {
			if !isNameChar(l[s]) {
				s++
				continue
			}
			e := s + 1
			for e < len(l) && isNameChar(l[e]) {
				e++
			}
			w := l[s:e]
			if at := d.words[w]; len(at) == 0 || at[len(at)-1] != i {
				d.words[w] = append(at, i)
			}
			s = e
		}
	}
	return d
}

// Find returns the 1-based line declaring pkg: the first line naming the
// package (its artifactId for Maven) with its version on the same line or
// within the next six; else the first line naming it (a version held in a
// property); else 0.
func (d *DeclaringLines) Find(pkg finding.Package) int {
	name := pkg.Name
	if pkg.Ecosystem == "Maven" {
		if _, artifact, ok := strings.Cut(name, ":"); ok {
			name = artifact
		}
	}
	if name == "" || pkg.Version == "" {
		return 0
	}
	ln := strings.ToLower(name)
	// A line naming the package holds the name's last word as a word of
	// its own ("@scope/pkg" is found under "pkg").
	e := len(ln)
	s := e
	for s > 0 && isNameChar(ln[s-1]) {
		s--
	}
	var candidates []int
	if s < e {
		candidates = d.words[ln[s:e]]
	} else {
		candidates = make([]int, len(d.lower)) // no word to look up: every line
		for i := range candidates {
			candidates[i] = i
		}
	}
	first := 0
	for _, i := range candidates {
		if !containsWord(d.lower[i], ln) {
			continue
		}
		if first == 0 {
			first = i + 1
		}
		for j := i; j < min(len(d.lines), i+7); j++ {
			if strings.Contains(d.lines[j], pkg.Version) {
				return i + 1
			}
		}
	}
	return first
}

// containsWord reports whether the lower-cased line ls holds the
// lower-cased name ln not glued to a longer name (so "yaml" does not match
// "pyyaml").
func containsWord(ls, ln string) bool {
	for off := 0; ; {
		i := strings.Index(ls[off:], ln)
		if i < 0 {
			return false
		}
		i += off
		before, after := i == 0, i+len(ln) == len(ls)
		if !before {
			before = !isNameChar(ls[i-1])
		}
		if !after {
			after = !isNameChar(ls[i+len(ln)])
		}
		if before && after {
			return true
		}
		off = i + 1
	}
}

func isNameChar(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '.'
}

// ExtractFile runs every extractor of exts that wants in.Path over it. Each
// error is wrapped with the extractor's name; packages found before an
// error are kept.
func ExtractFile(ctx context.Context, exts []extract.Extractor, in extract.Input) ([]finding.Package, []error) {
	var out []finding.Package
	var errs []error
	for _, e := range exts {
		if !e.FileRequired(in.Path) {
			continue
		}
		if err := ctx.Err(); err != nil {
			return out, append(errs, err)
		}
		pkgs, err := e.Extract(ctx, in)
		out = append(out, pkgs...)
		if err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", e.Name(), err))
		}
	}
	return out, errs
}

// Finish implements scan.Finisher: it merges the inventory (see the
// package doc), then matches it against the vulnerability database.
func (p *Pass) Finish(ctx context.Context, r *scan.Results) error {
	r.Packages = Merge(r.Packages, p.tiers)
	if p.matcher == nil {
		r.AddNotification(finding.Notification{Level: finding.LevelNote, Code: CodeNoDatabase, Message: NoDatabaseMessage})
		return nil
	}
	pkgs := slices.Clone(r.Packages)
	fs, notes, err := p.matcher.Match(ctx, pkgs)
	r.Add(fs...)
	for _, n := range notes {
		r.AddNotification(n)
	}
	if err != nil {
		return fmt.Errorf("match packages against the vulnerability database: %w", err)
	}
	return nil
}

// RuntimePath reports whether p lies in the Lambda runtime's own folders
// (var/runtime/, var/lang/), whose packages the runtime provides.
func RuntimePath(p string) bool {
	for _, dir := range []string{"var/runtime/", "var/lang/"} {
		if strings.HasPrefix(p, dir) || strings.Contains(p, "/"+dir) {
			return true
		}
	}
	return false
}

// Merge returns the inventory with runtime files dropped, the jar
// fallbacks applied, duplicates merged and stale declarations shadowed by
// installed metadata dropped, sorted. tiers maps extractor names to tiers;
// unknown sources count as manifests.
func Merge(pkgs []finding.Package, tiers map[string]extract.Tier) []finding.Package {
	tier := func(p *finding.Package) extract.Tier {
		if t, ok := tiers[p.Source]; ok {
			return t
		}
		return extract.TierManifest
	}
	// Best jar evidence per input and jar: pom.properties beats the
	// manifest, which beats the file name.
	type jarKey struct{ input, jar string }
	jarRank := func(p *finding.Package) (jarKey, int, bool) {
		switch p.Source {
		case pomproperties.Name:
			return jarKey{p.Location.Input, extract.Container(p.Location.Path)}, 0, true
		case manifest.Name:
			return jarKey{p.Location.Input, p.Location.Path}, 1, true
		case jarname.Name:
			return jarKey{p.Location.Input, p.Location.Path}, 2, true
		}
		return jarKey{}, 0, false
	}
	bestJar := map[jarKey]int{}
	for i := range pkgs {
		if k, rank, ok := jarRank(&pkgs[i]); ok {
			if b, seen := bestJar[k]; !seen || rank < b {
				bestJar[k] = rank
			}
		}
	}

	type key struct{ input, layer, eco, name, version string }
	type nameKey struct{ input, layer, eco, name string }
	best := map[key]int{}               // index into kept
	installed := map[nameKey][]string{} // paths of installed metadata per name
	var kept []finding.Package
	for i := range pkgs {
		p := &pkgs[i]
		if RuntimePath(p.Location.Path) {
			continue
		}
		if k, rank, ok := jarRank(p); ok && rank > bestJar[k] {
			continue
		}
		if tier(p) == extract.TierInstalled {
			nk := nameKey{p.Location.Input, p.Layer, p.Ecosystem, p.Name}
			installed[nk] = append(installed[nk], p.Location.Path)
		}
		k := key{p.Location.Input, p.Layer, p.Ecosystem, p.Name, p.Version}
		j, seen := best[k]
		if !seen {
			best[k] = len(kept)
			kept = append(kept, *p)
			continue
		}
		q := &kept[j]
		also := append(q.AlsoAt, p.AlsoAt...)
		if c := cmp.Compare(tier(p), tier(q)); c < 0 || c == 0 && comparePkg(p, q) < 0 {
			also = append(also, q.Location)
			*q = *p
		} else {
			also = append(also, p.Location)
		}
		q.AlsoAt = also
	}
	for i := range kept {
		if a := kept[i].AlsoAt; a != nil {
			slices.SortFunc(a, func(x, y finding.Location) int {
				return cmp.Or(cmp.Compare(x.Path, y.Path), cmp.Compare(x.StartLine, y.StartLine))
			})
			a = slices.CompactFunc(a, func(x, y finding.Location) bool { return x == y })
			kept[i].AlsoAt = slices.DeleteFunc(a, func(x finding.Location) bool { return x == kept[i].Location })
		}
	}
	out := kept[:0]
	for i := range kept {
		p := &kept[i]
		t := tier(p)
		_, _, fromJar := jarRank(p) // a jar's manifest describes a jar that ships
		if (t == extract.TierLock || t == extract.TierManifest) && !fromJar &&
			installedBelow(installed[nameKey{p.Location.Input, p.Layer, p.Ecosystem, p.Name}], p.Location.Path) {
			continue // another version is installed for this project: the declaration is stale
		}
		out = append(out, *p)
	}
	slices.SortFunc(out, func(a, b finding.Package) int { return comparePkg(&a, &b) })
	return out
}

// installedBelow reports whether any installed path lies in the folder of
// the declaring file (a lockfile or manifest speaks for its own project,
// not for a neighbouring one in the same input).
func installedBelow(paths []string, decl string) bool {
	dir := ""
	if i := strings.LastIndexByte(decl, '/'); i >= 0 {
		dir = decl[:i+1]
	}
	for _, p := range paths {
		if strings.HasPrefix(p, dir) {
			return true
		}
	}
	return false
}

func comparePkg(a, b *finding.Package) int {
	return cmp.Or(cmp.Compare(a.Ecosystem, b.Ecosystem), cmp.Compare(a.Name, b.Name), cmp.Compare(a.Version, b.Version),
		cmp.Compare(a.Location.Input, b.Location.Input), cmp.Compare(a.Layer, b.Layer),
		cmp.Compare(a.Location.Path, b.Location.Path), cmp.Compare(a.Location.StartLine, b.Location.StartLine),
		cmp.Compare(a.Source, b.Source))
}
