package vulndb

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/google/osv-scalibr/semantic"
	bolt "go.etcd.io/bbolt"

	"github.com/lambdascan/lambdascan/engine/finding"
)

// Notification codes Match uses.
const (
	CodeStale             = "vulndb-stale"       // the store is older than DB.MaxAge
	CodeUnparsableVersion = "unparsable-version" // a package version that does not parse; not checked
	CodeUnreadableRecord  = "vulndb-record"      // a stored record that cannot be decoded
)

// Match checks packages against the store and returns one finding per
// package and vulnerability (records that are aliases of each other count
// as one vulnerability), plus notifications for packages that could not be
// checked (a version that does not parse in the package's ecosystem) and a
// warning when the store is older than MaxAge.
// Packages of ecosystems the store does not cover are skipped. Findings
// and notifications are sorted. Match implements the deps.Matcher interface.
func (db *DB) Match(ctx context.Context, pkgs []finding.Package) ([]finding.Finding, []finding.Notification, error) {
	if db == nil || db.bdb == nil {
		return nil, nil, errors.New("match packages: the vulnerability database is not open")
	}
	m := matcher{cache: map[string]*record{}, bad: map[string]bool{}, vcs: map[string]*verCache{}}
	err := db.bdb.View(func(tx *bolt.Tx) error {
		m.records = tx.Bucket(bucketRecords)
		if m.records == nil {
			return nil
		}
		indexes := map[string]*bolt.Bucket{}
		for _, eco := range Supported {
			indexes[eco] = tx.Bucket(indexBucket(eco))
		}
		seen := map[pkgKey]bool{}
		for i := range pkgs {
			if i%64 == 0 {
				if err := ctx.Err(); err != nil {
					return err
				}
			}
			p := pkgs[i]
			eco, ok := CanonicalEcosystem(p.Ecosystem)
			if !ok || indexes[eco] == nil {
				continue
			}
			k := keyOf(&p)
			if seen[k] {
				continue
			}
			seen[k] = true
			name := NormalizeName(eco, p.Name)
			ids := indexes[eco].Get([]byte(name))
			if ids == nil {
				continue
			}
			m.matchPackage(p, eco, name, strings.Split(string(ids), "\n"))
		}
		return nil
	})
	if err != nil {
		return nil, nil, fmt.Errorf("match packages: %w", err)
	}
	if len(pkgs) > 0 && db.MaxAge >= 0 {
		if w := db.StaleWarning(db.MaxAge); w != "" {
			m.notes = append(m.notes, finding.Notification{Level: finding.LevelWarning, Code: CodeStale, Message: w})
		}
	}
	finding.Sort(m.findings)
	slices.SortStableFunc(m.notes, func(a, b finding.Notification) int {
		return cmp.Or(cmp.Compare(a.Input, b.Input), cmp.Compare(a.Path, b.Path), cmp.Compare(a.Code, b.Code), cmp.Compare(a.Message, b.Message))
	})
	return m.findings, m.notes, nil
}

type pkgKey struct {
	eco, name, version, input, path, layer string
	line                                   int
}

func keyOf(p *finding.Package) pkgKey {
	return pkgKey{p.Ecosystem, p.Name, p.Version, p.Location.Input, p.Location.Path, p.Layer, p.Location.StartLine}
}

type matcher struct {
	records  *bolt.Bucket
	cache    map[string]*record
	bad      map[string]bool
	vcs      map[string]*verCache // per ecosystem
	findings []finding.Finding
	notes    []finding.Notification
}

// load returns a decoded record, once per id per Match call.
func (m *matcher) load(id string, p *finding.Package) *record {
	if r, ok := m.cache[id]; ok {
		return r
	}
	if m.bad[id] {
		return nil
	}
	var r *record
	raw := m.records.Get([]byte(id))
	var err error
	if raw == nil {
		err = fmt.Errorf("indexed but missing")
	} else {
		r, err = decodeRecord(raw)
	}
	if err != nil {
		m.bad[id] = true
		m.notes = append(m.notes, finding.Notification{
			Level: finding.LevelWarning, Code: CodeUnreadableRecord,
			Message: fmt.Sprintf("vulnerability record %s could not be read (%v); run `lambdascan db update` to rebuild the database", id, err),
			Input:   p.Location.Input, Path: p.Location.Path,
		})
		return nil
	}
	m.cache[id] = r
	return r
}

// hit is one record that affects a package.
type hit struct {
	rec     *record
	entries []*affected // the record's affected entries for the package
}

func (m *matcher) matchPackage(p finding.Package, eco, name string, ids []string) {
	ver, err := parseInstalled(p.Version, eco)
	if err != nil {
		m.notes = append(m.notes, finding.Notification{
			Level: finding.LevelWarning, Code: CodeUnparsableVersion,
			Message: fmt.Sprintf("%s package %s has version %q, which is not a valid %s version; it was not checked for vulnerabilities", eco, p.Name, p.Version, eco),
			Input:   p.Location.Input, Path: p.Location.Path, Line: p.Location.StartLine,
		})
		return
	}
	vc := m.vcs[eco]
	if vc == nil {
		vc = newVerCache(eco)
		m.vcs[eco] = vc
	}
	cmpTo := vc.cmpTo(ver)
	var hits []hit
	for _, id := range ids {
		rec := m.load(id, &p)
		if rec == nil || rec.Withdrawn != "" {
			continue
		}
		var h hit
		for i := range rec.Affected {
			a := &rec.Affected[i]
			if a.Package.Ecosystem != eco || NormalizeName(eco, a.Package.Name) != name {
				continue
			}
			h.entries = append(h.entries, a)
		}
		if slices.ContainsFunc(h.entries, func(a *affected) bool { return affects(a, cmpTo, p.Version) }) {
			if err := rec.loadReport(); err != nil {
				m.notes = append(m.notes, finding.Notification{
					Level: finding.LevelWarning, Code: CodeUnreadableRecord,
					Message: fmt.Sprintf("vulnerability record %s: the advisory text could not be read (%v); run `lambdascan db update` to rebuild the database", id, err),
					Input:   p.Location.Input, Path: p.Location.Path,
				})
			}
			h.rec = rec
			hits = append(hits, h)
		}
	}
	for _, g := range groupAliases(hits) {
		m.findings = append(m.findings, buildFinding(p, eco, ver, vc, g))
	}
}

// affects reports whether an affected entry covers the installed version:
// any of its ECOSYSTEM/SEMVER ranges, or its explicit versions list.
// cmpTo compares the installed version with a version string (see
// verCache.cmpTo); raw is the installed version as written.
func affects(a *affected, cmpTo func(string) (int, error), raw string) bool {
	for i := range a.Ranges {
		if inRange(&a.Ranges[i], cmpTo) {
			return true
		}
	}
	if len(a.Versions) == 0 {
		return false
	}
	key := looseKey(raw)
	for _, s := range a.Versions {
		if s == raw || looseKey(s) == key {
			return true
		}
	}
	if len(a.Ranges) > 0 {
		// The list enumerates the ranges (as PYSEC and GHSA lists do): the
		// range check already decided with the ecosystem's order.
		return false
	}
	for _, s := range a.Versions {
		if c, err := cmpTo(s); err == nil && c == 0 {
			return true
		}
	}
	return false
}

// looseKey is a cheap equality key for versions lists: lower case, no "v"
// prefix, and trailing ".0" parts of a purely numeric version removed.
func looseKey(s string) string {
	s = strings.TrimPrefix(strings.ToLower(strings.TrimSpace(s)), "v")
	if strings.Trim(s, "0123456789.") == "" {
		for strings.HasSuffix(s, ".0") {
			s = s[:len(s)-2]
		}
	}
	return s
}

// inRange applies OSV's evaluation to one range whose events are sorted:
// introduced turns affected on, fixed (at or above) and last_affected
// (above) turn it off, and a version at or above every limit is outside.
// Events whose version does not parse are ignored.
func inRange(r *osvRange, cmpTo func(string) (int, error)) bool {
	hasLimit, below := false, false
	for _, e := range r.Events {
		if e.Limit == "" {
			continue
		}
		hasLimit = true
		if e.Limit == "*" {
			below = true
		} else if c, err := cmpTo(e.Limit); err == nil && c < 0 {
			below = true
		}
	}
	if hasLimit && !below {
		return false
	}
	affected := false
	for _, e := range r.Events {
		switch {
		case e.Introduced != "":
			if e.Introduced == "0" {
				affected = true
			} else if c, err := cmpTo(e.Introduced); err == nil && c >= 0 {
				affected = true
			}
		case e.Fixed != "":
			if c, err := cmpTo(e.Fixed); err == nil && c >= 0 {
				affected = false
			}
		case e.LastAffected != "":
			if c, err := cmpTo(e.LastAffected); err == nil && c > 0 {
				affected = false
			}
		}
	}
	return affected
}

// PEP 440's version grammar (the specification's VERSION_PATTERN).
var pep440 = regexp.MustCompile(`(?i)^v?(?:[0-9]+!)?[0-9]+(?:\.[0-9]+)*(?:[-_.]?(?:a|b|c|rc|alpha|beta|pre|preview)[-_.]?[0-9]*)?(?:-[0-9]+|[-_.]?(?:post|rev|r)[-_.]?[0-9]*)?(?:[-_.]?dev[-_.]?[0-9]*)?(?:\+[a-z0-9]+(?:[-_.][a-z0-9]+)*)?$`)

// npm versions: semver, with the leniency of real lockfiles (a "v" prefix,
// fewer than three parts).
var npmVersion = regexp.MustCompile(`^v?[0-9]+(?:\.[0-9]+){0,3}(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$`)

// Maven versions: anything Maven's ordering reads, but not ranges,
// unresolved properties or meta versions.
var mavenVersion = regexp.MustCompile(`^[0-9A-Za-z][0-9A-Za-z._+-]*$`)

// parseInstalled parses an installed version in its ecosystem, refusing
// strings that are not versions (ranges, tags, URLs, "${prop}") instead of
// letting a lenient parser give them an arbitrary place in the order.
func parseInstalled(v, eco string) (semantic.Version, error) {
	v = strings.TrimSpace(v)
	ok := false
	switch eco {
	case "PyPI":
		ok = pep440.MatchString(v)
	case "npm":
		ok = npmVersion.MatchString(v)
	case "Maven":
		u := strings.ToUpper(v)
		ok = mavenVersion.MatchString(v) && strings.ContainsAny(v, "0123456789") && u != "LATEST" && u != "RELEASE"
	}
	if !ok {
		return nil, fmt.Errorf("%q is not a %s version", v, eco)
	}
	return semantic.Parse(v, eco)
}

// groupAliases joins hits whose ids or aliases overlap (a PYSEC record and
// the GHSA it names, or two records naming the same CVE) into groups, each
// one vulnerability. Groups come out in a stable order.
func groupAliases(hits []hit) [][]hit {
	parent := make([]int, len(hits))
	for i := range parent {
		parent[i] = i
	}
	var find func(int) int
	find = func(i int) int {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	owner := map[string]int{}
	for i, h := range hits {
		for _, id := range append([]string{h.rec.ID}, h.rec.Aliases...) {
			if j, ok := owner[id]; ok {
				a, b := find(i), find(j)
				if a != b {
					parent[a] = b
				}
			} else {
				owner[id] = i
			}
		}
	}
	byRoot := map[int][]hit{}
	var roots []int
	for i := range hits {
		r := find(i)
		if _, ok := byRoot[r]; !ok {
			roots = append(roots, r)
		}
		byRoot[r] = append(byRoot[r], hits[i])
	}
	out := make([][]hit, 0, len(roots))
	for _, r := range roots {
		g := byRoot[r]
		slices.SortFunc(g, func(a, b hit) int { return cmp.Compare(recordRank(a.rec.ID), recordRank(b.rec.ID)) })
		out = append(out, g)
	}
	return out
}

// recordRank orders the records of a group for choosing the summary and
// details: GitHub-reviewed advisories first (they carry summaries, CWEs and
// vectors), then the rest by id.
func recordRank(id string) string {
	if strings.HasPrefix(id, "GHSA-") {
		return "0" + id
	}
	return "1" + id
}

// vulnID picks the id a group is reported under: the lowest CVE among the
// ids and aliases, else the first record's id; the rest are aliases.
func vulnID(g []hit) (string, []string) {
	set := map[string]bool{}
	for _, h := range g {
		set[h.rec.ID] = true
		for _, a := range h.rec.Aliases {
			if a = strings.TrimSpace(a); a != "" {
				set[a] = true
			}
		}
	}
	all := make([]string, 0, len(set))
	for id := range set {
		all = append(all, id)
	}
	slices.Sort(all)
	id := g[0].rec.ID
	if i := slices.IndexFunc(all, func(s string) bool { return strings.HasPrefix(s, "CVE-") }); i >= 0 {
		id = all[i]
	}
	aliases := slices.DeleteFunc(all, func(s string) bool { return s == id })
	if len(aliases) == 0 {
		return id, nil
	}
	return id, aliases
}

// nearestFix returns the lowest fixed version above the installed one that
// no record of the group still affects.
func nearestFix(g []hit, ver semantic.Version, vc *verCache) (string, bool) {
	type cand struct {
		s string
		v semantic.Version
	}
	var cands []cand
	for _, h := range g {
		for _, a := range h.entries {
			for _, r := range a.Ranges {
				for _, e := range r.Events {
					if e.Fixed == "" || slices.ContainsFunc(cands, func(c cand) bool { return c.s == e.Fixed }) {
						continue
					}
					fv := vc.get(e.Fixed)
					if fv == nil {
						continue
					}
					if c, err := ver.Compare(fv); err != nil || c >= 0 {
						continue
					}
					cands = append(cands, cand{e.Fixed, fv})
				}
			}
		}
	}
	slices.SortStableFunc(cands, func(a, b cand) int {
		c, err := a.v.Compare(b.v)
		if err != nil {
			return cmp.Compare(a.s, b.s)
		}
		return c
	})
	for _, c := range cands {
		still := false
		for _, h := range g {
			for _, a := range h.entries {
				if affects(a, vc.cmpTo(c.v), c.s) {
					still = true
				}
			}
		}
		if !still {
			return c.s, true
		}
	}
	return "", false
}

// displayName is the package name shown in messages: the artifact for
// Maven ("jackson-databind"), the name otherwise.
func displayName(eco, name string) string {
	if eco == "Maven" {
		if _, a, ok := strings.Cut(name, ":"); ok && a != "" {
			return a
		}
	}
	return name
}

// manifestPath names the file to change: the path the package was read
// from, or for a file inside an archive, the outermost archive.
func manifestPath(p string) string {
	if before, _, ok := strings.Cut(p, "!/"); ok {
		return before
	}
	return p
}

var languages = map[string]string{"PyPI": "python", "npm": "javascript", "Maven": "java"}

func buildFinding(p finding.Package, eco string, ver semantic.Version, vc *verCache, g []hit) finding.Finding {
	id, aliases := vulnID(g)
	fix, fixOK := nearestFix(g, ver, vc)
	sev, score, vector, source := groupSeverity(g)
	disp := displayName(eco, p.Name)

	var summary, details string
	var refs []string
	var cwes []int
	for _, h := range g {
		if summary == "" {
			summary = strings.TrimSpace(h.rec.Summary)
		}
		if details == "" {
			details = strings.TrimSpace(h.rec.Details)
		}
		for _, r := range h.rec.References {
			if u := strings.TrimSpace(r.URL); u != "" && !slices.Contains(refs, u) {
				refs = append(refs, u)
			}
		}
		for _, c := range h.rec.DatabaseSpecific.CWEIDs {
			if n, err := strconv.Atoi(strings.TrimPrefix(strings.ToUpper(strings.TrimSpace(c)), "CWE-")); err == nil && !slices.Contains(cwes, n) {
				cwes = append(cwes, n)
			}
		}
	}
	slices.Sort(cwes)
	title := summary
	if title == "" {
		title = disp + " " + id
	}
	file := manifestPath(p.Location.Path)
	in := ""
	if file != "" {
		in = " in " + file
	}
	remediation := fmt.Sprintf("No fixed version is published; remove or replace %s%s", disp, in)
	if fixOK {
		remediation = fmt.Sprintf("Upgrade %s to %s%s", disp, fix, in)
	}
	msg := fmt.Sprintf("%s %s is affected by %s", disp, p.Version, id)
	if len(aliases) > 0 {
		msg += " (" + strings.Join(aliases, ", ") + ")"
	}
	if fixOK {
		msg += "; fixed in " + fix
	} else {
		msg += "; no fixed version is published"
	}
	conf := finding.ConfidenceHigh
	if p.Confidence == finding.ConfidenceLow {
		conf = finding.ConfidenceLow
	}
	rule := &finding.Rule{
		ID:          id,
		Title:       title,
		Description: details,
		Severity:    sev,
		Confidence:  conf,
		CWE:         cwes,
		Tags:        []string{"dependency", "vulnerability", eco},
		References:  refs,
		Remediation: remediation,
		Languages:   []string{languages[eco]},
	}
	pkg := p
	f := finding.Finding{
		Rule:       rule,
		RuleID:     id,
		Kind:       finding.KindPackage,
		Message:    msg,
		Severity:   sev,
		Confidence: conf,
		Location:   p.Location,
		Layer:      p.Layer,
		Package:    &pkg,
		Vulnerability: &finding.Vulnerability{
			ID: id, Aliases: aliases, Summary: summary,
			FixedVersion: fix, FixAvailable: fixOK,
			CVSSVector: vector, CVSSScore: score,
		},
		Score:      score,
		Properties: map[string]string{"severitySource": source},
	}
	if source == sourceDefault {
		f.Properties["severityNote"] = "the advisory gives no CVSS vector and no severity; medium assumed"
	}
	// Fingerprint is left to the scan, which knows the function (the
	// fingerprint scope); FingerprintText gives the text to use for the line.
	return f
}

// FingerprintText returns the text that identifies a package finding for
// finding.Fingerprint in place of a source line (package findings point
// at a manifest, not a line): ecosystem, name, version and layer.
func FingerprintText(f *finding.Finding) string {
	if f.Package == nil {
		return ""
	}
	return f.Package.Ecosystem + "/" + f.Package.Name + "@" + f.Package.Version + " " + f.Layer
}
