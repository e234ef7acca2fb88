package vulndb

import (
	"fmt"
	"strings"

	gocvss30 "github.com/pandatix/go-cvss/30"
	gocvss31 "github.com/pandatix/go-cvss/31"
	gocvss40 "github.com/pandatix/go-cvss/40"

	"github.com/lambdascan/lambdascan/engine/finding"
)

// Severity sources, recorded in a finding's "severitySource" property.
const (
	sourceCVSS3    = "cvss_v3"
	sourceCVSS4    = "cvss_v4"
	sourceDatabase = "database"
	sourceDefault  = "default"
)

// cvssBaseScore computes the base score of a CVSS v3.0, v3.1 or v4.0
// vector. It returns the major version (3 or 4).
func cvssBaseScore(vector string) (score float64, major int, err error) {
	vector = strings.TrimSpace(vector)
	defer func() {
		if r := recover(); r != nil { // a library bug must not end the scan
			score, major, err = 0, 0, fmt.Errorf("CVSS vector %q: %v", vector, r)
		}
	}()
	switch {
	case strings.HasPrefix(vector, "CVSS:3.1/"):
		c, err := gocvss31.ParseVector(vector)
		if err != nil {
			return 0, 0, fmt.Errorf("CVSS vector %q: %w", vector, err)
		}
		return c.BaseScore(), 3, nil
	case strings.HasPrefix(vector, "CVSS:3.0/"):
		c, err := gocvss30.ParseVector(vector)
		if err != nil {
			return 0, 0, fmt.Errorf("CVSS vector %q: %w", vector, err)
		}
		return c.BaseScore(), 3, nil
	case strings.HasPrefix(vector, "CVSS:4.0/"):
		c, err := gocvss40.ParseVector(vector)
		if err != nil {
			return 0, 0, fmt.Errorf("CVSS vector %q: %w", vector, err)
		}
		return c.Score(), 4, nil
	}
	return 0, 0, fmt.Errorf("CVSS vector %q: unsupported version", vector)
}

// groupSeverity decides a vulnerability's severity from its records: the
// highest CVSS v3 base score, else the highest CVSS v4 score, else the
// highest database_specific.severity (GHSA's LOW/MODERATE/HIGH/CRITICAL),
// else medium. It returns the score and vector when a vector decided.
func groupSeverity(g []hit) (sev finding.Severity, score float64, vector, source string) {
	best := [5]struct {
		score  float64
		vector string
	}{}
	for _, h := range g {
		sevs := append([]severity(nil), h.rec.Severity...)
		for _, a := range h.entries {
			sevs = append(sevs, a.Severity...)
		}
		for _, s := range sevs {
			if s.Type != "CVSS_V3" && s.Type != "CVSS_V4" {
				continue
			}
			sc, major, err := cvssBaseScore(s.Score)
			if err != nil {
				continue
			}
			if b := &best[major]; b.vector == "" || sc > b.score {
				b.score, b.vector = sc, strings.TrimSpace(s.Score)
			}
		}
	}
	for _, major := range []int{3, 4} {
		if b := best[major]; b.vector != "" {
			src := sourceCVSS3
			if major == 4 {
				src = sourceCVSS4
			}
			return finding.SeverityFromScore(b.score), b.score, b.vector, src
		}
	}
	found := false
	for _, h := range g {
		if s, err := finding.ParseSeverity(h.rec.DatabaseSpecific.Severity); err == nil && h.rec.DatabaseSpecific.Severity != "" {
			if !found || s > sev {
				sev = s
			}
			found = true
		}
	}
	if found {
		return sev, 0, "", sourceDatabase
	}
	return finding.SeverityMedium, 0, "", sourceDefault
}
