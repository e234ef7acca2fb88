package suppress

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/bmatcuk/doublestar/v4"

	"github.com/lambdascan/lambdascan/engine/finding"
)

// Rule is a suppression rule from the config file. Every field that is set
// must match; a rule with no matcher at all is refused at load.
type Rule struct {
	RuleID        string   `yaml:"rule"`          // rule id, or a prefix ending in *
	CWE           int      `yaml:"cwe"`           // a CWE the finding's rule lists
	Path          string   `yaml:"path"`          // doublestar glob on the finding's path
	Package       string   `yaml:"package"`       // package name (package findings)
	Vulnerability string   `yaml:"vulnerability"` // advisory id or alias
	Severity      string   `yaml:"severity"`      // only findings at or below this severity
	Function      string   `yaml:"function"`      // glob on the function name or ARN
	Reason        string   `yaml:"reason"`        // required: why it is accepted
	Expires       string   `yaml:"expires"`       // optional YYYY-MM-DD: stops applying after this day
	Source        string   `yaml:"-"`             // where the rule was read ("file:line")
	Tags          []string `yaml:"-"`
}

// Validate checks a rule read from a config file.
func (r *Rule) Validate() error {
	if r.RuleID == "" && r.CWE == 0 && r.Path == "" && r.Package == "" && r.Vulnerability == "" && r.Function == "" && r.Severity == "" {
		return fmt.Errorf("suppression matches everything: give at least one of rule, cwe, path, package, vulnerability, function, severity")
	}
	if strings.TrimSpace(r.Reason) == "" {
		return fmt.Errorf("suppression needs a reason")
	}
	if r.Severity != "" {
		if _, err := finding.ParseSeverity(r.Severity); err != nil {
			return err
		}
	}
	if r.Expires != "" {
		if _, err := time.Parse(time.DateOnly, r.Expires); err != nil {
			return fmt.Errorf("expires %q is not a YYYY-MM-DD date", r.Expires)
		}
	}
	for _, g := range []string{r.Path, r.Function} {
		if g != "" && !doublestar.ValidatePattern(g) {
			return fmt.Errorf("bad glob %q", g)
		}
	}
	return nil
}

// expired reports whether the rule's expiry day has passed at now.
func (r *Rule) expired(now time.Time) bool {
	if r.Expires == "" {
		return false
	}
	day, err := time.Parse(time.DateOnly, r.Expires)
	if err != nil {
		return false
	}
	return !now.Before(day.AddDate(0, 0, 1)) // it applies through its expiry day
}

// Matches reports whether the rule matches the finding (ignoring expiry).
func (r *Rule) Matches(f *finding.Finding) bool {
	if r.RuleID != "" {
		if p, ok := strings.CutSuffix(r.RuleID, "*"); ok {
			if !strings.HasPrefix(f.RuleID, p) {
				return false
			}
		} else if r.RuleID != f.RuleID {
			return false
		}
	}
	if r.CWE != 0 && (f.Rule == nil || !slices.Contains(f.Rule.CWE, r.CWE)) {
		return false
	}
	if r.Path != "" {
		if ok, _ := doublestar.Match(r.Path, f.Location.Path); !ok {
			return false
		}
	}
	if r.Function != "" {
		if ok, _ := doublestar.Match(r.Function, f.Function); !ok {
			return false
		}
	}
	if r.Package != "" && (f.Package == nil || !strings.EqualFold(f.Package.Name, r.Package)) {
		return false
	}
	if r.Vulnerability != "" {
		if f.Vulnerability == nil {
			return false
		}
		ids := append([]string{f.Vulnerability.ID, f.RuleID}, f.Vulnerability.Aliases...)
		if !slices.ContainsFunc(ids, func(id string) bool { return strings.EqualFold(id, r.Vulnerability) }) {
			return false
		}
	}
	if r.Severity != "" {
		max, _ := finding.ParseSeverity(r.Severity)
		if f.Severity > max {
			return false
		}
	}
	return true
}

// ApplyRules marks the findings the rules match as suppressed. A rule past
// its expiry date applies to nothing and produces a warning naming it, so an
// accepted risk comes back to the team when its time is up. Findings already
// suppressed inline keep that suppression.
func ApplyRules(rep *finding.Report, rules []Rule, now time.Time) {
	for i := range rules {
		r := &rules[i]
		if r.expired(now) {
			rep.Notifications = append(rep.Notifications, finding.Notification{
				Level: finding.LevelWarning, Code: "suppression-expired", Path: r.Source,
				Message: fmt.Sprintf("suppression %s (%s) expired on %s and no longer applies", r.Source, describe(r), r.Expires)})
			continue
		}
		for j := range rep.Findings {
			f := &rep.Findings[j]
			if f.Suppression != nil || !r.Matches(f) {
				continue
			}
			just := r.Reason
			if r.Expires != "" {
				just += " (until " + r.Expires + ")"
			}
			f.Suppression = &finding.Suppression{Kind: "external", Justification: just, Source: r.Source}
		}
	}
}

func describe(r *Rule) string {
	var parts []string
	add := func(k, v string) {
		if v != "" {
			parts = append(parts, k+"="+v)
		}
	}
	add("rule", r.RuleID)
	if r.CWE != 0 {
		add("cwe", strconv.Itoa(r.CWE))
	}
	add("path", r.Path)
	add("package", r.Package)
	add("vulnerability", r.Vulnerability)
	add("function", r.Function)
	add("severity", r.Severity)
	return strings.Join(parts, " ")
}
