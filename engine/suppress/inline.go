// Package suppress decides which findings a user has chosen to accept, and
// says so auditably: inline `lambdascan:ignore RULE -- reason` comments,
// suppression rules in the config file (with reasons and expiry dates), and
// baselines of earlier reports. Suppressed findings are marked, never
// dropped, so SARIF and JSON consumers can audit them.
package suppress

import (
	"bytes"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/lambdascan/lambdascan/engine/finding"
)

// Marker is the word that starts an inline suppression.
const Marker = "lambdascan:ignore"

// inlineRe reads `lambdascan:ignore ID[,ID...] [-- reason]` inside a
// comment of any of the languages lambdascan scans (#, //, /* */, <!-- -->).
var inlineRe = regexp.MustCompile(`lambdascan:ignore(?:\s+([A-Za-z0-9_.\-/:*]+(?:\s*,\s*[A-Za-z0-9_.\-/:*]+)*))?(?:\s*--\s*(.*?))?\s*(?:\*/|-->)?\s*$`)

// Inline is one inline suppression comment.
type Inline struct {
	Line   int // 1-based line of the comment
	Rules  []string
	Reason string
	// Own says the comment is alone on its line, so it applies to the
	// statement on the next line.
	Own bool
}

// commentStart finds where a comment holding the marker starts, or -1.
func commentStart(line string) int {
	i := strings.Index(line, Marker)
	if i < 0 {
		return -1
	}
	head := line[:i]
	for _, tok := range []string{"//", "#", "/*", "<!--", "*"} {
		if j := strings.LastIndex(head, tok); j >= 0 {
			return j
		}
	}
	return -1
}

// ParseInline reads an inline suppression from one line, if it has one.
func ParseInline(lineNo int, line string) (Inline, bool) {
	c := commentStart(line)
	if c < 0 {
		return Inline{}, false
	}
	m := inlineRe.FindStringSubmatch(line[c:])
	if m == nil {
		return Inline{}, false
	}
	in := Inline{Line: lineNo, Reason: strings.TrimSpace(m[2]), Own: strings.TrimSpace(line[:c]) == ""}
	for _, id := range strings.Split(m[1], ",") {
		if id = strings.TrimSpace(id); id != "" {
			in.Rules = append(in.Rules, id)
		}
	}
	return in, true
}

// Matches reports whether the suppression names the rule: exactly, or by a
// trailing-* prefix ("python.injection.*").
func (in Inline) Matches(ruleID string) bool {
	return slices.ContainsFunc(in.Rules, func(r string) bool {
		if p, ok := strings.CutSuffix(r, "*"); ok {
			return strings.HasPrefix(ruleID, p)
		}
		return r == ruleID
	})
}

// ForFinding looks for an inline suppression of f in its file's lines: on
// any line of the finding's span, or alone on the line(s) just before it
// (comment lines in a row above a statement all count). It returns the
// suppression and whether it applies.
func ForFinding(lines []string, f *finding.Finding) (*finding.Suppression, bool) {
	start, end := f.Location.StartLine, max(f.Location.EndLine, f.Location.StartLine)
	if start <= 0 || start > len(lines) {
		return nil, false
	}
	check := func(n int, requireOwn bool) (*finding.Suppression, bool) {
		in, ok := ParseInline(n, lines[n-1])
		if !ok || (requireOwn && !in.Own) || !in.Matches(f.RuleID) {
			return nil, false
		}
		reason := in.Reason
		if reason == "" {
			reason = "suppressed inline without a reason"
		}
		return &finding.Suppression{Kind: "inSource", Justification: reason, Source: Marker + " on line " + strconv.Itoa(n)}, true
	}
	for n := start; n <= min(end, len(lines)); n++ {
		if s, ok := check(n, false); ok {
			return s, true
		}
	}
	for n := start - 1; n >= 1; n-- {
		trimmed := strings.TrimSpace(lines[n-1])
		if !isCommentLine(trimmed) {
			break
		}
		if s, ok := check(n, true); ok {
			return s, true
		}
	}
	return nil, false
}

func isCommentLine(s string) bool {
	for _, p := range []string{"#", "//", "/*", "*", "<!--"} {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

// BareIgnores returns the lines (1-based) that hold a lambdascan:ignore
// naming no rule: these suppress nothing and are reported as warnings, so
// every suppression says what it accepts.
func BareIgnores(content []byte) []int {
	if !bytes.Contains(content, []byte(Marker)) { // every scanned file passes here: no copy
		return nil
	}
	var out []int
	for i, line := range strings.Split(string(content), "\n") {
		if in, ok := ParseInline(i+1, line); ok && len(in.Rules) == 0 {
			out = append(out, i+1)
		}
	}
	return out
}
