package rules

import (
	"context"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"strings"

	"github.com/lambdascan/lambdascan/engine/finding"
	"github.com/lambdascan/lambdascan/engine/parse"
	"github.com/lambdascan/lambdascan/engine/pattern"
	"github.com/lambdascan/lambdascan/fixes"
)

// Result is the outcome of testing rules against their annotated test
// files (see TestDir).
type Result struct {
	Rules []RuleResult
}

// RuleResult is the outcome for one rule.
type RuleResult struct {
	ID    string
	File  string   // the rule file
	Tests []string // the test files used
	// Failures are problems that fail the test ("file:line: ..."); Notes
	// are known gaps (todoruleid/todook) and other information.
	Failures []string
	Notes    []string
	// Fired and Quiet count the ruleid and ok cases checked.
	Fired, Quiet int
}

// OK reports whether every rule passed.
func (r Result) OK() bool {
	for _, rr := range r.Rules {
		if len(rr.Failures) > 0 {
			return false
		}
	}
	return true
}

// Failed counts the rules that failed.
func (r Result) Failed() int {
	n := 0
	for _, rr := range r.Rules {
		if len(rr.Failures) > 0 {
			n++
		}
	}
	return n
}

// MinCases is how many firing and how many quiet cases each rule needs.
const MinCases = 2

// testExts are the test file extensions tried for each rule family.
var testExts = map[parse.Language][]string{
	parse.Python:     {".py"},
	parse.JavaScript: {".js", ".jsx", ".mjs", ".cjs", ".ts", ".tsx"},
	parse.Java:       {".java"},
}

var annRe = regexp.MustCompile(`^\s*(?:#|//)\s*(ruleid|ok|todoruleid|todook):\s*([A-Za-z0-9._,\s-]+?)\s*$`)

// annotation is one expectation in a test file.
type annotation struct {
	kind   string // ruleid, ok, todoruleid, todook
	id     string
	line   int // the annotation's line
	target int // the line it applies to
}

// TestDir loads the rules under root in fsys and checks each against the
// test files beside its rule file (same base name, the language's
// extension), annotated on the line before the code with `ruleid: ID`
// (must fire there), `ok: ID` (must not), and `todoruleid:` / `todook:`
// (known gaps, noted but not failing). A finding on a line without a
// ruleid annotation fails the test too. When a fix test `<base>.fixed.<ext>`
// exists, applying the rules' fixes to the test file must give it exactly.
// Each rule needs MinCases firing and MinCases quiet cases.
func TestDir(fsys fs.FS, root string) (Result, error) {
	set, err := Load(fsys, root)
	if err != nil {
		return Result{}, err
	}
	return set.test(context.Background())
}

func (s *Set) test(ctx context.Context) (Result, error) {
	var res Result
	for _, r := range s.rules {
		rr := RuleResult{ID: r.Meta.ID, File: r.File}
		base := strings.TrimSuffix(r.path, path.Ext(r.path))
		if r.taint != nil {
			s.testTaint(ctx, r, base, &rr)
		} else {
			for _, lang := range r.Languages {
				for _, ext := range testExts[lang] {
					name := base + ext
					src, err := fs.ReadFile(r.fsys, name)
					if err != nil {
						continue
					}
					rr.Tests = append(rr.Tests, name)
					s.testFile(ctx, r, name, src, &rr)
				}
			}
		}
		if len(rr.Tests) == 0 {
			rr.Failures = append(rr.Failures, fmt.Sprintf("%s: no test file (want %s with %s, or %s.txtar for taint rules)", r.File, path.Base(base), strings.Join(testExtsOf(r), " or "), path.Base(base)))
		} else {
			if rr.Fired < MinCases {
				rr.Failures = append(rr.Failures, fmt.Sprintf("%s: %d ruleid case(s); each rule needs at least %d", r.File, rr.Fired, MinCases))
			}
			if rr.Quiet < MinCases {
				rr.Failures = append(rr.Failures, fmt.Sprintf("%s: %d ok case(s); each rule needs at least %d", r.File, rr.Quiet, MinCases))
			}
		}
		res.Rules = append(res.Rules, rr)
	}
	return res, nil
}

func testExtsOf(r *Rule) []string {
	var out []string
	for _, l := range r.Languages {
		out = append(out, testExts[l]...)
	}
	return out
}

// parseTest parses a test file as the language its extension says.
func parseTest(ctx context.Context, name string, src []byte) (*pattern.Tree, error) {
	lang := parse.ForPath(name)
	if lang == parse.None {
		return nil, fmt.Errorf("%s: not a source file", name)
	}
	p := parse.NewParser(0)
	defer p.Close()
	tr, err := p.Parse(ctx, lang, src)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	defer tr.Close()
	if e, bad := tr.FirstError(); bad {
		return nil, fmt.Errorf("%s: syntax error at %s", name, e)
	}
	return pattern.Flatten(tr), nil
}

// annotations reads the expectations of a test file for one rule id.
func annotations(src []byte, id string) []annotation {
	lines := strings.Split(string(src), "\n")
	var out []annotation
	for i, l := range lines {
		m := annRe.FindStringSubmatch(l)
		if m == nil {
			continue
		}
		ids := strings.FieldsFunc(m[2], func(r rune) bool { return r == ',' || r == ' ' || r == '\t' })
		if !slices.Contains(ids, id) {
			continue
		}
		// The annotation applies to the next line that is code.
		target := 0
		for j := i + 1; j < len(lines); j++ {
			t := strings.TrimSpace(lines[j])
			if t == "" || strings.HasPrefix(t, "#") || strings.HasPrefix(t, "//") {
				continue
			}
			target = j + 1
			break
		}
		out = append(out, annotation{kind: m[1], id: id, line: i + 1, target: target})
	}
	return out
}

func (s *Set) testFile(ctx context.Context, r *Rule, name string, src []byte, rr *RuleResult) {
	fail := func(line int, format string, args ...any) {
		rr.Failures = append(rr.Failures, fmt.Sprintf("%s:%d: ", name, line)+fmt.Sprintf(format, args...))
	}
	t, err := parseTest(ctx, name, src)
	if err != nil {
		rr.Failures = append(rr.Failures, err.Error())
		return
	}
	fs, _, _, err := s.check(ctx, t, ImportsOf(t))
	if err != nil {
		rr.Failures = append(rr.Failures, fmt.Sprintf("%s: %v", name, err))
		return
	}
	var mine []finding.Finding
	for _, f := range fs {
		if f.RuleID == r.Meta.ID {
			mine = append(mine, f)
		}
	}
	checkAnnotations(name, src, r.Meta.ID, mine, rr, fail)
	testFix(r, name, src, mine, rr)
}

// checkAnnotations compares findings of one rule with a file's annotations.
func checkAnnotations(name string, src []byte, id string, mine []finding.Finding, rr *RuleResult, fail func(int, string, ...any)) {
	firesAt := map[int]bool{}
	for _, f := range mine {
		firesAt[f.Location.StartLine] = true
	}
	expected := map[int]bool{}
	for _, a := range annotations(src, id) {
		if a.target == 0 {
			fail(a.line, "%s annotation is not followed by code", a.kind)
			continue
		}
		switch a.kind {
		case "ruleid":
			rr.Fired++
			expected[a.target] = true
			if !firesAt[a.target] {
				fail(a.target, "%s did not fire (expected by ruleid on line %d)", id, a.line)
			}
		case "ok":
			rr.Quiet++
			expected[a.target] = true // reported here, not again below
			if firesAt[a.target] {
				fail(a.target, "%s fired but the line is marked ok", id)
			}
		case "todoruleid":
			expected[a.target] = true
			if firesAt[a.target] {
				rr.Notes = append(rr.Notes, fmt.Sprintf("%s:%d: todoruleid now fires: make it ruleid", name, a.target))
			} else {
				rr.Notes = append(rr.Notes, fmt.Sprintf("%s:%d: known gap: %s does not fire yet", name, a.target, id))
			}
		case "todook":
			expected[a.target] = true
			if firesAt[a.target] {
				rr.Notes = append(rr.Notes, fmt.Sprintf("%s:%d: known false positive: %s fires", name, a.target, id))
			} else {
				rr.Notes = append(rr.Notes, fmt.Sprintf("%s:%d: todook is now quiet: make it ok", name, a.target))
			}
		}
	}
	var extra []int
	for line := range firesAt {
		if !expected[line] {
			extra = append(extra, line)
		}
	}
	slices.Sort(extra)
	for _, line := range extra {
		fail(line, "%s fired on a line without a ruleid annotation", id)
	}
}

// testFix applies the fixes of rule r's findings to a test file and
// compares with the fix test file, when there is one.
func testFix(r *Rule, name string, src []byte, mine []finding.Finding, rr *RuleResult) {
	ext := path.Ext(name)
	fixedName := strings.TrimSuffix(name, ext) + ".fixed" + ext
	want, err := fs.ReadFile(r.fsys, fixedName)
	if err != nil {
		return
	}
	if !r.HasFix && r.FixFunc == "" {
		rr.Failures = append(rr.Failures, fmt.Sprintf("%s: fix test exists but the rule has no fix", fixedName))
		return
	}
	var fxs []finding.Fix
	for _, f := range mine {
		fxs = append(fxs, f.Fixes...)
	}
	got := fixes.ApplyAll(src, fxs)
	if string(got) != string(want) {
		rr.Failures = append(rr.Failures, fmt.Sprintf("%s: applying the fix does not give the fix test file:\n%s", fixedName, lineDiff(string(want), string(got))))
		return
	}
	rr.Tests = append(rr.Tests, fixedName)
}

// lineDiff shows the first differing lines of two texts.
func lineDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	var b strings.Builder
	n := 0
	for i := 0; i < max(len(w), len(g)) && n < 5; i++ {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if wl != gl {
			fmt.Fprintf(&b, "  line %d:\n    want: %s\n    got:  %s\n", i+1, wl, gl)
			n++
		}
	}
	return b.String()
}

// TestEmbedded tests the built-in rules (`lambdascan rules test`).
func TestEmbedded() (Result, error) {
	set, err := Embedded()
	if err != nil {
		return Result{}, err
	}
	return set.test(context.Background())
}
