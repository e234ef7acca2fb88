package awsscan

import (
	"time"

	"github.com/lambdascan/lambdascan/engine/finding"
)

// RuntimeTableSource is where the runtime dates below come from.
const RuntimeTableSource = "https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html"

// RuntimeTableSynced is the day the table was last compared with
// RuntimeTableSource. Dates on that page move (AWS has pushed back block
// dates before), so re-sync it when it grows old.
const RuntimeTableSynced = "2026-11-21"

// RuntimeDates are the three steps of a Lambda runtime's end of life, as
// "2006-01-02" dates; an empty date is not scheduled or not published.
type RuntimeDates struct {
	Deprecation string // end of support: no more security patches
	BlockCreate string // new functions can no longer use it
	BlockUpdate string // existing functions can no longer be updated
}

// runtimeTable holds the managed runtimes with their published dates, from
// the "Supported runtimes" and "Deprecated runtimes" tables of
// RuntimeTableSource (state of the page in October 2026). The four oldest
// entries carry only their deprecation date: their block dates are no longer
// listed.
var runtimeTable = map[string]RuntimeDates{
	"nodejs24.x":      {"2028-04-30", "2028-06-01", "2028-07-01"},
	"nodejs22.x":      {"2027-04-30", "2027-06-01", "2027-07-01"},
	"nodejs20.x":      {"2026-04-30", "2027-07-29", "2027-08-31"},
	"nodejs18.x":      {"2025-09-01", "2027-07-29", "2027-08-31"},
	"nodejs16.x":      {"2024-06-12", "2027-07-29", "2027-08-31"},
	"nodejs14.x":      {"2023-12-04", "2024-01-09", "2027-08-31"},
	"nodejs12.x":      {"2023-03-31", "", ""},
	"nodejs10.x":      {"2021-07-30", "", ""},
	"python3.14":      {"2029-06-30", "2029-07-31", "2029-08-31"},
	"python3.13":      {"2029-06-30", "2029-07-31", "2029-08-31"},
	"python3.12":      {"2028-10-31", "2028-11-30", "2029-01-10"},
	"python3.11":      {"2027-06-30", "2027-07-29", "2027-08-31"},
	"python3.10":      {"2026-10-31", "2027-07-29", "2027-08-31"},
	"python3.9":       {"2025-12-15", "2027-07-29", "2027-08-31"},
	"python3.8":       {"2024-10-14", "2027-07-29", "2027-08-31"},
	"python3.7":       {"2023-12-04", "2024-01-09", "2027-08-31"},
	"python3.6":       {"2022-07-18", "", ""},
	"python2.7":       {"2021-07-15", "", ""},
	"java25":          {"2029-06-30", "2029-07-31", "2029-08-31"},
	"java21":          {"2029-06-30", "2029-07-31", "2029-08-31"},
	"java17":          {"2027-06-30", "2027-07-29", "2027-08-31"},
	"java11":          {"2027-06-30", "2027-07-29", "2027-08-31"},
	"java8.al2":       {"2027-06-30", "2027-07-29", "2027-08-31"},
	"java8":           {"2024-01-08", "2024-02-08", "2027-08-31"},
	"dotnet10":        {"2028-11-14", "2028-12-14", "2029-01-15"},
	"dotnet8":         {"2026-11-10", "2027-07-29", "2027-08-31"},
	"dotnet6":         {"2024-12-20", "2027-07-29", "2027-08-31"},
	"ruby3.4":         {"2028-03-31", "2028-04-30", "2028-05-31"},
	"ruby3.3":         {"2027-03-31", "2027-07-29", "2027-08-31"},
	"ruby3.2":         {"2026-03-31", "2027-07-29", "2027-08-31"},
	"provided.al2023": {"2029-06-30", "2029-07-31", "2029-08-31"},
	"provided.al2":    {"2026-07-31", "2027-07-29", "2027-08-31"},
	"provided":        {"2024-01-08", "2024-02-08", "2027-08-31"},
	"go1.x":           {"2024-01-08", "2024-02-08", "2027-08-31"},
}

// upcomingWindow is how long before deprecation a runtime is reported (low).
const upcomingWindow = 180 * 24 * time.Hour

// RuntimeStage is where a runtime is in its end of life on a given day.
type RuntimeStage struct {
	Runtime  string
	Dates    RuntimeDates
	Stage    string // "supported", "upcoming", "deprecated", "create-blocked", "update-blocked"
	Severity finding.Severity
}

// RuntimeLifecycle returns the stage of runtime at now. ok is false for a
// runtime the table does not know (custom or newer than the table).
// Severity rises as the dates pass: deprecation within 180 days is low,
// deprecated is medium, creation blocked is high, updates blocked (the
// function can no longer even be patched) is critical.
func RuntimeLifecycle(runtime string, now time.Time) (RuntimeStage, bool) {
	d, ok := runtimeTable[runtime]
	if !ok {
		return RuntimeStage{Runtime: runtime}, false
	}
	st := RuntimeStage{Runtime: runtime, Dates: d, Stage: "supported", Severity: finding.SeverityInfo}
	passed := func(date string) bool {
		t, err := time.Parse(time.DateOnly, date)
		return err == nil && !now.Before(t)
	}
	switch {
	case passed(d.BlockUpdate):
		st.Stage, st.Severity = "update-blocked", finding.SeverityCritical
	case passed(d.BlockCreate):
		st.Stage, st.Severity = "create-blocked", finding.SeverityHigh
	case passed(d.Deprecation):
		st.Stage, st.Severity = "deprecated", finding.SeverityMedium
	default:
		if t, err := time.Parse(time.DateOnly, d.Deprecation); err == nil && t.Sub(now) <= upcomingWindow {
			st.Stage, st.Severity = "upcoming", finding.SeverityLow
		}
	}
	return st, true
}
