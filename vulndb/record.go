package vulndb

import (
	"bytes"
	"compress/flate"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"
	"sync"

	"github.com/google/osv-scalibr/semantic"
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
// the same form the package inventory produces: PEP 503 for PyPI (lower
// case, runs of "-", "_" and "." become one "-"), lower case for npm, and
// lower-case "group:artifact" for Maven. Matching lower-cases npm and Maven
// names too, so an inventory that keeps the published case still matches.
func NormalizeName(ecosystem, name string) string {
	name = strings.TrimSpace(name)
	switch ecosystem {
	case "PyPI":
		var b strings.Builder
		b.Grow(len(name))
		sep := false
		for _, r := range strings.ToLower(name) {
			if r == '-' || r == '_' || r == '.' {
				sep = true
				continue
			}
			if sep && b.Len() > 0 {
				b.WriteByte('-')
			}
			sep = false
			b.WriteRune(r)
		}
		return b.String()
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
// ecosystems left out.
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
		out = append(out, a)
	}
	r.Affected = out
	for i := range r.References {
		r.References[i].Type = "" // only URLs are reported
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

// encodeRecord serialises a trimmed record as raw-DEFLATE-compressed JSON.
func encodeRecord(r *record) ([]byte, error) {
	js, err := json.Marshal(r)
	if err != nil {
		return nil, fmt.Errorf("encode %s: %w", r.ID, err)
	}
	var buf bytes.Buffer
	buf.Grow(len(js) / 3)
	w := flateWriters.Get().(*flate.Writer)
	defer flateWriters.Put(w)
	w.Reset(&buf)
	if _, err := w.Write(js); err != nil {
		return nil, fmt.Errorf("compress %s: %w", r.ID, err)
	}
	if err := w.Close(); err != nil {
		return nil, fmt.Errorf("compress %s: %w", r.ID, err)
	}
	return buf.Bytes(), nil
}

// decodeRecord reverses encodeRecord.
func decodeRecord(b []byte) (*record, error) {
	rd := flate.NewReader(bytes.NewReader(b))
	defer rd.Close()
	js, err := io.ReadAll(rd)
	if err != nil {
		return nil, fmt.Errorf("decompress record: %w", err)
	}
	var r record
	if err := json.Unmarshal(js, &r); err != nil {
		return nil, fmt.Errorf("decode record: %w", err)
	}
	return &r, nil
}
