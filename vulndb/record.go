package vulndb

import (
	"bytes"
	"compress/flate"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"
	"sync"

	"github.com/google/osv-scalibr/semantic"

	"github.com/lambdascan/lambdascan/analyzers/deps/extract"
)

// Supported lists the OSV ecosystems the store keeps, in display order.
var Supported = []string{"PyPI", "npm", "Maven"}

// CanonicalEcosystem returns the OSV spelling of a supported ecosystem
// ("pypi" → "PyPI", "Maven:https://repo1.maven.org/maven2/" → "Maven") and
// false for any other ecosystem.
func CanonicalEcosystem(eco string) (string, bool) {
	base, _, _ := strings.Cut(strings.TrimSpace(eco), ":")
	for _, s := range Supported {
		if strings.EqualFold(base, s) {
			return s, true
		}
	}
	return "", false
}

// NormalizeName returns the form of a package name used as the index key,
// the same form the package inventory produces: PEP 503 for PyPI (the
// inventory's own extract.NormalizePyPI), lower case for npm, and
// lower-case "group:artifact" for Maven. Matching lower-cases npm and Maven
// names too, so an inventory that keeps the published case still matches.
func NormalizeName(ecosystem, name string) string {
	name = strings.TrimSpace(name)
	switch ecosystem {
	case "PyPI":
		return extract.NormalizePyPI(name)
	case "Maven":
		g, a, ok := strings.Cut(name, ":")
		if ok {
			name = strings.TrimSpace(g) + ":" + strings.TrimSpace(a)
		}
		return strings.ToLower(name)
	default:
		return strings.ToLower(name)
	}
}

// record is the part of an OSV record the store keeps: everything matching
// and reporting read, with GIT ranges and affected entries of unsupported
// ecosystems left out. It is stored in two parts: what matching reads (id,
// aliases, affected) and what only a finding's report reads (summary,
// details, severity, references), which is decoded only for records that
// match (see loadReport).
type record struct {
	ID               string      `json:"id"`
	Modified         string      `json:"modified,omitempty"`
	Withdrawn        string      `json:"withdrawn,omitempty"`
	Aliases          []string    `json:"aliases,omitempty"`
	Summary          string      `json:"summary,omitempty"`
	Details          string      `json:"details,omitempty"`
	Severity         []severity  `json:"severity,omitempty"`
	Affected         []affected  `json:"affected,omitempty"`
	References       []reference `json:"references,omitempty"`
	DatabaseSpecific dbSpecific  `json:"database_specific,omitzero"`

	report []byte // the undecoded report part, until loadReport
}

// matchPart and reportPart are the two stored halves of a record.
type matchPart struct {
	ID        string     `json:"id"`
	Modified  string     `json:"modified,omitempty"`
	Withdrawn string     `json:"withdrawn,omitempty"`
	Aliases   []string   `json:"aliases,omitempty"`
	Affected  []affected `json:"affected,omitempty"`
}

type reportPart struct {
	Summary          string      `json:"summary,omitempty"`
	Details          string      `json:"details,omitempty"`
	Severity         []severity  `json:"severity,omitempty"`
	References       []reference `json:"references,omitempty"`
	DatabaseSpecific dbSpecific  `json:"database_specific,omitzero"`
}

type severity struct {
	Type  string `json:"type"`
	Score string `json:"score"`
}

type reference struct {
	Type string `json:"type,omitempty"`
	URL  string `json:"url"`
}

type affected struct {
	Package  osvPackage `json:"package"`
	Severity []severity `json:"severity,omitempty"`
	Ranges   []osvRange `json:"ranges,omitempty"`
	Versions []string   `json:"versions,omitempty"`
}

type osvPackage struct {
	Ecosystem string `json:"ecosystem"`
	Name      string `json:"name"`
}

type osvRange struct {
	Type   string  `json:"type"`
	Events []event `json:"events"`
}

type event struct {
	Introduced   string `json:"introduced,omitempty"`
	Fixed        string `json:"fixed,omitempty"`
	LastAffected string `json:"last_affected,omitempty"`
	Limit        string `json:"limit,omitempty"`
}

// dbSpecific keeps the two database_specific fields the scanner reads. Its
// decoder never fails: database_specific is free-form in OSV, so a field of
// an unexpected type is ignored rather than rejecting the record.
type dbSpecific struct {
	Severity string   `json:"severity,omitempty"`
	CWEIDs   []string `json:"cwe_ids,omitempty"`
}

func (d *dbSpecific) UnmarshalJSON(b []byte) error {
	var m map[string]json.RawMessage
	if json.Unmarshal(b, &m) != nil {
		return nil
	}
	var s string
	if json.Unmarshal(m["severity"], &s) == nil {
		d.Severity = s
	}
	var c []string
	if json.Unmarshal(m["cwe_ids"], &c) == nil {
		d.CWEIDs = c
	}
	return nil
}

// parseRecord decodes an OSV JSON record and trims it to what the store
// keeps. It returns ok=false (and no error) for JSON that is not an OSV
// record (no id), so that stray JSON files in an import folder are skipped.
func parseRecord(data []byte) (rec *record, ok bool, err error) {
	var r record
	if err := json.Unmarshal(data, &r); err != nil {
		return nil, false, err
	}
	if strings.TrimSpace(r.ID) == "" {
		return nil, false, nil
	}
	r.trim()
	return &r, true, nil
}

// trim drops affected entries of unsupported ecosystems and non-version
// ranges (GIT), sorts events in version order, and canonicalises ecosystem
// names, so matching needs no per-lookup sorting.
func (r *record) trim() {
	out := r.Affected[:0]
	for _, a := range r.Affected {
		eco, ok := CanonicalEcosystem(a.Package.Ecosystem)
		if !ok || strings.TrimSpace(a.Package.Name) == "" {
			continue
		}
		a.Package.Ecosystem = eco
		ranges := a.Ranges[:0]
		for _, rg := range a.Ranges {
			if rg.Type != "ECOSYSTEM" && rg.Type != "SEMVER" {
				continue
			}
			sortEvents(rg.Events, eco)
			ranges = append(ranges, rg)
		}
		a.Ranges = ranges
		if pruneLists {
			a.Versions = uncovered(a.Versions, a.Ranges, eco)
		}
		out = append(out, a)
	}
	r.Affected = out
	for i := range r.References {
		r.References[i].Type = "" // only URLs are reported
	}
}

// pruneLists turns on uncovered at import; tests turn it off to show that
// it changes no match.
var pruneLists = true

// uncovered returns the versions of an explicit list that the ranges do
// not already cover. OSV affects a version that is in the list or in a
// range, so the covered ones add nothing; dropping them at import (PYSEC
// lists enumerate their ranges, often hundreds of versions) keeps the
// store small and matching fast. Versions that do not parse are kept.
func uncovered(list []string, ranges []osvRange, eco string) []string {
	if len(list) == 0 || len(ranges) == 0 {
		return list
	}
	vc := newVerCache(eco)
	out := list[:0]
	for _, s := range list {
		v := vc.get(s)
		if v == nil || !slices.ContainsFunc(ranges, func(r osvRange) bool { return inRange(&r, vc.cmpTo(v)) }) {
			out = append(out, s)
		}
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

// verCache parses version strings of one ecosystem once each.
type verCache struct {
	eco string
	m   map[string]semantic.Version // nil: does not parse
}

func newVerCache(eco string) *verCache {
	return &verCache{eco: eco, m: map[string]semantic.Version{}}
}

func (c *verCache) get(s string) semantic.Version {
	if v, ok := c.m[s]; ok {
		return v
	}
	v, err := semantic.Parse(s, c.eco)
	if err != nil {
		v = nil
	}
	c.m[s] = v
	return v
}

// cmpTo returns a function comparing ver with a version string: the sign
// of ver − s, or an error when s does not parse.
func (c *verCache) cmpTo(ver semantic.Version) func(s string) (int, error) {
	return func(s string) (int, error) {
		o := c.get(s)
		if o == nil {
			return 0, fmt.Errorf("version %q does not parse", s)
		}
		return ver.Compare(o)
	}
}

// ecosystems returns the supported ecosystems the record affects, sorted.
func (r *record) ecosystems() []string {
	var out []string
	for _, a := range r.Affected {
		if !slices.Contains(out, a.Package.Ecosystem) {
			out = append(out, a.Package.Ecosystem)
		}
	}
	slices.Sort(out)
	return out
}

// eventVersion returns the version an event carries.
func (e event) version() string {
	switch {
	case e.Introduced != "":
		return e.Introduced
	case e.Fixed != "":
		return e.Fixed
	case e.LastAffected != "":
		return e.LastAffected
	}
	return e.Limit
}

// sortEvents orders events by version with the ecosystem's order;
// "introduced: 0" sorts first. Versions that do not parse keep their place
// relative to each other at the end.
func sortEvents(evs []event, eco string) {
	type keyed struct {
		e event
		v semantic.Version
	}
	ks := make([]keyed, len(evs))
	for i, e := range evs {
		ks[i].e = e
		if e.Introduced == "0" {
			continue
		}
		if v, err := semantic.Parse(e.version(), eco); err == nil {
			ks[i].v = v
		}
	}
	slices.SortStableFunc(ks, func(a, b keyed) int {
		za, zb := a.e.Introduced == "0", b.e.Introduced == "0"
		switch {
		case za && zb:
			return 0
		case za:
			return -1
		case zb:
			return 1
		case a.v == nil && b.v == nil:
			return 0
		case a.v == nil:
			return 1
		case b.v == nil:
			return -1
		}
		c, err := a.v.Compare(b.v)
		if err != nil {
			return 0
		}
		return c
	})
	for i := range ks {
		evs[i] = ks[i].e
	}
}

var flateWriters = sync.Pool{New: func() any {
	w, _ := flate.NewWriter(nil, flate.DefaultCompression)
	return w
}}

// encodeRecord serialises a trimmed record: the uvarint length of the
// match part, the match part as plain JSON (read for every candidate
// record, so not compressed: decoding is the cost that counts), then the
// report part as raw-DEFLATE-compressed JSON (read only for matches; most
// of a record's bytes are its details and references).
func encodeRecord(r *record) ([]byte, error) {
	mp, err := json.Marshal(matchPart{ID: r.ID, Modified: r.Modified, Withdrawn: r.Withdrawn, Aliases: r.Aliases, Affected: r.Affected})
	if err != nil {
		return nil, fmt.Errorf("encode %s: %w", r.ID, err)
	}
	rp, err := compressJSON(reportPart{Summary: r.Summary, Details: r.Details, Severity: r.Severity, References: r.References, DatabaseSpecific: r.DatabaseSpecific})
	if err != nil {
		return nil, fmt.Errorf("encode %s: %w", r.ID, err)
	}
	out := binary.AppendUvarint(make([]byte, 0, 4+len(mp)+len(rp)), uint64(len(mp)))
	out = append(out, mp...)
	return append(out, rp...), nil
}

func compressJSON(v any) ([]byte, error) {
	js, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	buf.Grow(len(js)/3 + 16)
	w := flateWriters.Get().(*flate.Writer)
	defer flateWriters.Put(w)
	w.Reset(&buf)
	if _, err := w.Write(js); err != nil {
		return nil, err
	}
	if err := w.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

var flateReaders sync.Pool

func decompressJSON(b []byte, v any) error {
	var rd io.ReadCloser
	if p := flateReaders.Get(); p != nil {
		rd = p.(io.ReadCloser)
		if err := rd.(flate.Resetter).Reset(bytes.NewReader(b), nil); err != nil {
			return err
		}
	} else {
		rd = flate.NewReader(bytes.NewReader(b))
	}
	defer flateReaders.Put(rd)
	js, err := io.ReadAll(rd)
	if err != nil {
		return fmt.Errorf("decompress record: %w", err)
	}
	if err := json.Unmarshal(js, v); err != nil {
		return fmt.Errorf("decode record: %w", err)
	}
	return nil
}

// decodeRecord decodes the match part of a stored record; the report part
// waits for loadReport.
func decodeRecord(b []byte) (*record, error) {
	n, k := binary.Uvarint(b)
	if k <= 0 || n > uint64(len(b)-k) {
		return nil, fmt.Errorf("decode record: bad header")
	}
	var mp matchPart
	if err := json.Unmarshal(b[k:k+int(n)], &mp); err != nil {
		return nil, fmt.Errorf("decode record: %w", err)
	}
	return &record{ID: mp.ID, Modified: mp.Modified, Withdrawn: mp.Withdrawn, Aliases: mp.Aliases, Affected: mp.Affected,
		report: bytes.Clone(b[k+int(n):])}, nil
}

// loadReport decodes the report part of a record from decodeRecord.
func (r *record) loadReport() error {
	if r.report == nil {
		return nil
	}
	var rp reportPart
	err := decompressJSON(r.report, &rp)
	r.report = nil
	if err != nil {
		return err
	}
	r.Summary, r.Details, r.Severity, r.References, r.DatabaseSpecific = rp.Summary, rp.Details, rp.Severity, rp.References, rp.DatabaseSpecific
	return nil
}
