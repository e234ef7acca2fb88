// Package fixes turns the edits that rules suggest into changes people can
// read and apply safely: unified diffs for every output, and an applier that
// never lets edits overlap, keeps a file's line endings and indentation, and
// refuses a change that would leave the file with a new syntax error.
package fixes

import (
	"bytes"
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"

	udiff "github.com/aymanbagabas/go-udiff"
	sitter "github.com/smacker/go-tree-sitter"

	"github.com/lambdascan/lambdascan/engine/finding"
	"github.com/lambdascan/lambdascan/engine/parse"
)

// Candidate is one fix offered for one file, with the finding it fixes.
type Candidate struct {
	Finding *finding.Finding
	Fix     *finding.Fix
}

// Outcome says what happened to one candidate.
type Outcome struct {
	Candidate
	Applied bool
	// Reason explains a skipped fix ("overlaps the fix of rule X at line N").
	Reason string
}

// Result is the change to one file.
type Result struct {
	Path     string
	Before   []byte
	After    []byte
	Outcomes []Outcome
	// Refused is set when the whole change was refused (a new syntax error).
	Refused string
}

// Changed reports whether the file changes.
func (r *Result) Changed() bool { return r.Refused == "" && !bytes.Equal(r.Before, r.After) }

// Diff is the unified diff of the change.
func (r *Result) Diff() string { return Diff(r.Path, r.Before, r.After) }

// Diff returns the unified diff between two versions of a file.
func Diff(path string, before, after []byte) string {
	return udiff.Unified("a/"+path, "b/"+path, string(before), string(after))
}

// Preview computes a fix's diff against the file's content, without
// checking syntax: for showing a suggested fix next to its finding.
func Preview(path string, src []byte, fix *finding.Fix) (string, error) {
	after, err := apply(src, fix.Edits)
	if err != nil {
		return "", err
	}
	return Diff(path, src, after), nil
}

// File applies candidates to one file's content. Candidates are taken in
// order of position; one whose edits overlap an accepted one is skipped with
// the reason. When lang is a parsed language, the file is re-parsed and the
// whole change refused if it has more syntax errors than before.
func File(ctx context.Context, path string, src []byte, lang parse.Language, cands []Candidate) *Result {
	res := &Result{Path: path, Before: src, After: src}
	order := slices.Clone(cands)
	slices.SortStableFunc(order, func(a, b Candidate) int {
		return cmp.Or(cmp.Compare(firstStart(a.Fix), firstStart(b.Fix)), cmp.Compare(a.Finding.RuleID, b.Finding.RuleID))
	})
	var accepted []finding.Edit
	var owners []string
	for _, c := range order {
		edits := c.Fix.Edits
		if len(edits) == 0 {
			res.Outcomes = append(res.Outcomes, Outcome{Candidate: c, Reason: "the fix has no edits"})
			continue
		}
		if reason := checkEdits(src, edits); reason != "" {
			res.Outcomes = append(res.Outcomes, Outcome{Candidate: c, Reason: reason})
			continue
		}
		// Edits already accepted word for word (an import two fixes both
		// add, or the same change found by two rules) are applied once.
		rest := newEdits(accepted, edits)
		if len(rest) == 0 {
			e := edits[0]
			owner := owners[slices.IndexFunc(accepted, func(a finding.Edit) bool { return a.Start == e.Start && a.End == e.End && a.New == e.New })]
			res.Outcomes = append(res.Outcomes, Outcome{Candidate: c, Applied: true, Reason: "same change as the fix of " + owner})
			continue
		}
		if i := overlapping(accepted, rest); i >= 0 {
			res.Outcomes = append(res.Outcomes, Outcome{Candidate: c,
				Reason: fmt.Sprintf("overlaps the fix of %s at line %d: skipped, run lambdascan fix again after review", owners[i], accepted[i].StartLine)})
			continue
		}
		for range rest {
			owners = append(owners, c.Finding.RuleID)
		}
		accepted = append(accepted, rest...)
		res.Outcomes = append(res.Outcomes, Outcome{Candidate: c, Applied: true})
	}
	after, err := apply(src, accepted)
	if err != nil {
		res.Refused = err.Error()
		return res
	}
	if lang != parse.None && parse.Grammar(lang) != nil {
		if reason := syntaxRegression(ctx, lang, src, after); reason != "" {
			res.Refused = reason
			for i := range res.Outcomes {
				if res.Outcomes[i].Applied {
					res.Outcomes[i].Applied = false
					res.Outcomes[i].Reason = "refused: " + reason
				}
			}
			return res
		}
	}
	res.After = after
	return res
}

func firstStart(f *finding.Fix) int {
	m := -1
	for _, e := range f.Edits {
		if m < 0 || e.Start < m {
			m = e.Start
		}
	}
	return m
}

// checkEdits validates edit offsets against the content.
func checkEdits(src []byte, edits []finding.Edit) string {
	for _, e := range edits {
		if e.Start < 0 || e.End < e.Start || e.End > len(src) {
			return fmt.Sprintf("edit %d-%d is outside the file (%d bytes): the file changed since it was scanned", e.Start, e.End, len(src))
		}
	}
	sorted := slices.Clone(edits)
	sortEdits(sorted)
	for i := 1; i < len(sorted); i++ {
		if sorted[i].Start < sorted[i-1].End {
			return "the fix's own edits overlap"
		}
	}
	return ""
}

func sortEdits(es []finding.Edit) {
	slices.SortStableFunc(es, func(a, b finding.Edit) int { return cmp.Or(cmp.Compare(a.Start, b.Start), cmp.Compare(a.End, b.End)) })
}

// overlapping returns the index of an accepted edit that overlaps any of
// edits, or -1. Two insertions at the same point overlap too.
func overlapping(accepted, edits []finding.Edit) int {
	for i, a := range accepted {
		for _, e := range edits {
			if e.Start < a.End && a.Start < e.End {
				return i
			}
			// Two changes at one point are ambiguous, except two
			// insertions (imports added by different fixes).
			if e.Start == a.Start && (e.End != e.Start || a.End != a.Start) {
				return i
			}
		}
	}
	return -1
}

// newEdits returns the edits not already accepted word for word.
func newEdits(accepted, edits []finding.Edit) []finding.Edit {
	var out []finding.Edit
	for _, e := range edits {
		if !slices.ContainsFunc(accepted, func(a finding.Edit) bool { return a.Start == e.Start && a.End == e.End && a.New == e.New }) {
			out = append(out, e)
		}
	}
	return out
}

// apply applies non-overlapping edits, adapting inserted text to the file:
// its line ending, and the indentation of the line an edit starts on for
// every further line of the inserted text.
func apply(src []byte, edits []finding.Edit) ([]byte, error) {
	sorted := slices.Clone(edits)
	sortEdits(sorted)
	crlf := bytes.Contains(src, []byte("\r\n"))
	var b bytes.Buffer
	b.Grow(len(src) + 64)
	pos := 0
	for _, e := range sorted {
		if e.Start < pos || e.End > len(src) || e.Start > e.End {
			return nil, fmt.Errorf("edits overlap or fall outside the file")
		}
		b.Write(src[pos:e.Start])
		b.WriteString(adapt(e.New, indentAt(src, e.Start), crlf))
		pos = e.End
	}
	b.Write(src[pos:])
	return b.Bytes(), nil
}

// indentAt returns the leading white space of the line holding offset off.
func indentAt(src []byte, off int) string {
	start := bytes.LastIndexByte(src[:off], '\n') + 1
	end := start
	for end < len(src) && (src[end] == ' ' || src[end] == '\t') {
		end++
	}
	return string(src[start:end])
}

func adapt(text, indent string, crlf bool) string {
	text = strings.ReplaceAll(text, "\r\n", "\n")
	if strings.Contains(text, "\n") && indent != "" {
		lines := strings.Split(text, "\n")
		for i := 1; i < len(lines); i++ {
			if lines[i] != "" {
				lines[i] = indent + lines[i]
			}
		}
		text = strings.Join(lines, "\n")
	}
	if crlf {
		text = strings.ReplaceAll(text, "\n", "\r\n")
	}
	return text
}

// syntaxRegression parses before and after and says why the change is
// refused when it adds syntax errors.
func syntaxRegression(ctx context.Context, lang parse.Language, before, after []byte) string {
	p := parse.NewParser(0)
	defer p.Close()
	count := func(src []byte) (int, string) {
		t, err := p.Parse(ctx, lang, src)
		if err != nil {
			return -1, ""
		}
		defer t.Close()
		e, bad := t.FirstError()
		if !bad {
			return 0, ""
		}
		return countErrors(t), e.String()
	}
	nb, _ := count(before)
	na, where := count(after)
	if na > nb && na > 0 {
		return "the fixed file would not parse (" + where + ")"
	}
	return ""
}

// countErrors counts ERROR and MISSING nodes, descending only into
// subtrees that hold one.
func countErrors(t *parse.Tree) int {
	n := 0
	stack := []*sitter.Node{t.Root()}
	for len(stack) > 0 {
		cur := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if cur.IsError() || cur.IsMissing() {
			n++
		}
		if !cur.HasError() {
			continue
		}
		for i := 0; i < int(cur.ChildCount()); i++ {
			stack = append(stack, cur.Child(i))
		}
	}
	return n
}
