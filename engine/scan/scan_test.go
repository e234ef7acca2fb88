package scan_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/lambdascan/lambdascan/engine/finding"
	"github.com/lambdascan/lambdascan/engine/input"
	"github.com/lambdascan/lambdascan/engine/mask"
	"github.com/lambdascan/lambdascan/engine/scan"
	"github.com/lambdascan/lambdascan/engine/walk"
	"github.com/lambdascan/lambdascan/internal/ziptest"
)

var dangerRule = &finding.Rule{ID: "test.danger", Title: "danger", Severity: finding.SeverityHigh}

// dangerPass reports every line of first-party code that calls danger(),
// after parsing the file, so the test exercises the parser pool too.
type dangerPass struct{}

func (dangerPass) Name() string { return "code" }
func (dangerPass) Wants(f *scan.File) bool {
	return f.Class == finding.ClassFirstParty && f.Lang != ""
}
func (dangerPass) Run(ctx context.Context, u *scan.Unit) error {
	if _, err := u.Tree(); err != nil {
		return err
	}
	for i, line := range strings.Split(string(u.Content), "\n") {
		if c := strings.Index(line, "danger("); c >= 0 {
			u.Report(finding.Finding{Rule: dangerRule, RuleID: dangerRule.ID, Kind: finding.KindCode,
				Severity: dangerRule.Severity, Message: "danger called",
				Location: finding.Location{StartLine: i + 1, StartColumn: c + 1, EndLine: i + 1, EndColumn: c + 8}})
		}
	}
	return nil
}
func (dangerPass) Rules() []*finding.Rule { return []*finding.Rule{dangerRule} }

// akiaMasker masks anything that looks like an AWS key id.
type akiaMasker struct{}

func (akiaMasker) SecretSpans(line string) []mask.Span {
	if i := strings.Index(line, "AKIA"); i >= 0 && i+20 <= len(line) {
		return []mask.Span{{Start: i, End: i + 20}}
	}
	return nil
}

var handlerFiles = map[string]string{
	"app.py":                           "import os\n\ndef handler(event, context):\n    key = 'AKIAIOSFODNN7EXAMPLE'\n    danger(event['body'])\n",
	"lib/util.js":                      "exports.f = (x) => danger(x);\n",
	"node_modules/left-pad/index.js":   "module.exports = () => danger(1);\n",
	"requests/api.py":                  "def get(u):\n    danger(u)\n",
	"requests-2.31.0.dist-info/RECORD": "requests/api.py,sha256=abc,10\nrequests-2.31.0.dist-info/RECORD,,\n",
	"tests/test_app.py":                "danger(1)\n",
	"static/app.min.js":                "danger(1)\n",
	"src/Main.java":                    "class Main { void f() { danger(1); } }\n",
	"broken.py":                        "def broken(:\n    danger(2)\n",
	"README.md":                        "danger(3)\n",
}

func writeDir(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, body := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

type hit struct {
	Path string
	Line int
}

func hits(r *finding.Report) []hit {
	var out []hit
	for _, f := range r.Findings {
		out = append(out, hit{f.Location.Path, f.Location.StartLine})
	}
	return out
}

func run(t *testing.T, opts scan.Options, ins ...*input.Input) *finding.Report {
	t.Helper()
	opts.Passes = append(opts.Passes, dangerPass{})
	opts.Masker = akiaMasker{}
	rep, err := scan.Run(context.Background(), opts, ins)
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

func TestDirAndZipGiveSameFindings(t *testing.T) {
	dir := writeDir(t, handlerFiles)
	din, err := input.Open(dir, input.Options{})
	if err != nil {
		t.Fatal(err)
	}
	zin, err := input.FromZipBytes("fn.zip", ziptest.Files(t, handlerFiles), input.Options{})
	if err != nil {
		t.Fatal(err)
	}
	opts := scan.Options{Walk: walk.Options{Exclude: []string{"**/tests/**", "tests/**"}}}
	drep, zrep := run(t, opts, din), run(t, opts, zin)
	want := []hit{{"app.py", 5}, {"broken.py", 2}, {"lib/util.js", 1}, {"src/Main.java", 1}}
	if diff := cmp.Diff(want, hits(drep)); diff != "" {
		t.Errorf("dir findings (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(hits(drep), hits(zrep)); diff != "" {
		t.Errorf("zip differs from dir (-dir +zip):\n%s", diff)
	}
	for i := range drep.Findings {
		// The input's name takes no part in fingerprints, so a directory
		// and its zip give the same ones (baselines rely on it).
		if drep.Findings[i].Fingerprint == "" || drep.Findings[i].Fingerprint != zrep.Findings[i].Fingerprint {
			t.Errorf("fingerprint %q (dir) vs %q (zip)", drep.Findings[i].Fingerprint, zrep.Findings[i].Fingerprint)
		}
		if diff := cmp.Diff(drep.Findings[i].Snippet, zrep.Findings[i].Snippet); diff != "" {
			t.Errorf("snippet differs: %s", diff)
		}
	}
	// The snippet of app.py masks the key.
	sn := drep.Findings[0].Snippet.Text()
	if strings.Contains(sn, "AKIAIOSFODNN7EXAMPLE") || !strings.Contains(sn, "AKIA****") {
		t.Errorf("snippet not masked:\n%s", sn)
	}
	// broken.py produced a syntax-error notification and still a finding.
	if !hasNote(drep, "syntax-error", "broken.py") {
		t.Errorf("no syntax-error notification: %+v", drep.Notifications)
	}
	if !hasNote(drep, "generated-file", "static/app.min.js") {
		t.Errorf("no generated-file notification: %+v", drep.Notifications)
	}
}

func hasNote(r *finding.Report, code, path string) bool {
	for _, n := range r.Notifications {
		if n.Code == code && n.Path == path {
			return true
		}
	}
	return false
}

func TestExplainFiles(t *testing.T) {
	din, _ := input.Open(writeDir(t, handlerFiles), input.Options{})
	rep := run(t, scan.Options{ExplainFiles: true, Walk: walk.Options{Exclude: []string{"tests/**"}}}, din)
	got := map[string]finding.FileClass{}
	for _, f := range rep.Files {
		got[f.Path] = f.Class
		if f.Reason == "" {
			t.Errorf("%s has no reason", f.Path)
		}
	}
	want := map[string]finding.FileClass{
		"app.py": finding.ClassFirstParty, "lib/util.js": finding.ClassFirstParty,
		"node_modules/left-pad/index.js":   finding.ClassThirdParty,
		"requests/api.py":                  finding.ClassThirdParty,
		"requests-2.31.0.dist-info/RECORD": finding.ClassThirdParty,
		"tests/test_app.py":                finding.ClassExcluded,
		"static/app.min.js":                finding.ClassGenerated,
		"src/Main.java":                    finding.ClassFirstParty,
		"broken.py":                        finding.ClassFirstParty,
		"README.md":                        finding.ClassOther,
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("classes (-want +got):\n%s", diff)
	}
}

func TestFingerprintSurvivesMovedLines(t *testing.T) {
	a := map[string]string{"app.py": "def h(e, c):\n    danger(e)\n"}
	b := map[string]string{"app.py": "import os\nimport sys\n\n\ndef h(e, c):\n    danger(e)\n"}
	ra := run(t, scan.Options{}, mustZip(t, "fn.zip", a))
	rb := run(t, scan.Options{}, mustZip(t, "fn.zip", b))
	if len(ra.Findings) != 1 || len(rb.Findings) != 1 {
		t.Fatalf("findings: %d, %d", len(ra.Findings), len(rb.Findings))
	}
	if ra.Findings[0].Location.StartLine == rb.Findings[0].Location.StartLine {
		t.Fatal("test is broken: the line did not move")
	}
	if ra.Findings[0].Fingerprint != rb.Findings[0].Fingerprint {
		t.Errorf("fingerprint changed when lines moved: %s vs %s", ra.Findings[0].Fingerprint, rb.Findings[0].Fingerprint)
	}
	// Two identical lines get distinct fingerprints.
	rc := run(t, scan.Options{}, mustZip(t, "fn.zip", map[string]string{"app.py": "danger(e)\ndanger(e)\n"}))
	if rc.Findings[0].Fingerprint == rc.Findings[1].Fingerprint {
		t.Error("identical lines share a fingerprint")
	}
}

func mustZip(t *testing.T, name string, files map[string]string) *input.Input {
	t.Helper()
	in, err := input.FromZipBytes(name, ziptest.Files(t, files), input.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return in
}

func TestBadInputsKeepTheScanGoing(t *testing.T) {
	minified := "var a=1;" + varied(10<<20, "function f%d(x){return x+%d};") + "danger(z);"
	deep := ziptest.Files(t, map[string]string{"deep.py": "danger(9)\n"})
	for range 4 {
		deep = ziptest.Build(t, ziptest.Entry{Name: "n.zip", Body: deep})
	}
	files := []ziptest.Entry{
		{Name: "good.py", Body: []byte("danger(1)\n")},
		{Name: "binary.py", Body: append([]byte("\x7fELF\x00\x00"), bytes.Repeat([]byte{0, 1, 2}, 100)...)},
		{Name: "latin1.py", Body: []byte("# caf\xe9\ndanger(2)\n")},
		{Name: "bundle.js", Body: []byte(minified)},
		{Name: "../escape.py", Body: []byte("danger(3)\n")},
		{Name: "nested.zip", Body: deep},
		{Name: "huge.py", Body: []byte(varied(3<<20, "x%d = %d\n"))},
	}
	in, err := input.FromZipBytes("bad.zip", ziptest.Build(t, files...), input.Options{})
	if err != nil {
		t.Fatal(err)
	}
	empty, _ := input.Open(t.TempDir(), input.Options{})
	rep := run(t, scan.Options{MaxFileSize: 2 << 20}, in, empty)
	want := []hit{{"good.py", 1}, {"latin1.py", 2}}
	if diff := cmp.Diff(want, hits(rep)); diff != "" {
		t.Errorf("findings (-want +got):\n%s", diff)
	}
	for _, c := range []struct{ code, path string }{
		{"binary-file", "binary.py"},
		{"not-utf8", "latin1.py"},
		{"generated-file", "bundle.js"},
		{"unsafe-path", "../escape.py"},
		{"file-too-large", "huge.py"},
		{"nested-archive", "nested.zip!/n.zip!/n.zip"},
	} {
		if !hasNote(rep, c.code, c.path) {
			t.Errorf("no %s notification for %s", c.code, c.path)
		}
	}
	if !hasNote(rep, "empty-input", "") {
		t.Error("no empty-input notification for the empty directory")
	}
}

// varied returns about n bytes of text that compresses like real code
// (the zip-bomb guard rejects text that compresses too well).
func varied(n int, format string) string {
	var b strings.Builder
	x := uint32(2463534242)
	for b.Len() < n {
		x ^= x << 13
		x ^= x >> 17
		x ^= x << 5
		fmt.Fprintf(&b, format, x%100000, x%977)
	}
	return b.String()
}

func TestScanGeneratedParsesBundles(t *testing.T) {
	files := map[string]string{"dist/app.min.js": "danger(1)\n"}
	rep := run(t, scan.Options{Walk: walk.Options{ScanGenerated: true}}, mustZip(t, "fn.zip", files))
	if diff := cmp.Diff([]hit{{"dist/app.min.js", 1}}, hits(rep)); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func TestLayerAndNestedJarClassification(t *testing.T) {
	inner := ziptest.Files(t, map[string]string{"META-INF/maven/g/a/pom.properties": "version=1\n", "Util.java": "class U { void f(){ danger(1); } }\n"})
	layer, err := input.FromZipBytes("layer.zip", ziptest.Build(t,
		ziptest.Entry{Name: "python/lib/python3.12/site-packages/yaml/__init__.py", Body: []byte("danger(1)\n")},
		ziptest.Entry{Name: "python/shared.py", Body: []byte("danger(1)\n")},
		ziptest.Entry{Name: "nodejs/node_modules/x/index.js", Body: []byte("danger(1)\n")},
		ziptest.Entry{Name: "java/lib/dep.jar", Body: inner},
	), input.Options{})
	if err != nil {
		t.Fatal(err)
	}
	layer.Layer = true
	rep := run(t, scan.Options{ExplainFiles: true}, layer)
	// The layer's own module is first-party; everything installed is not.
	if diff := cmp.Diff([]hit{{"python/shared.py", 1}}, hits(rep)); diff != "" {
		t.Errorf("layer findings (-want +got):\n%s", diff)
	}
	if rep.Findings[0].Layer != "layer.zip" {
		t.Errorf("layer finding not marked: %+v", rep.Findings[0])
	}
	var paths []string
	for _, f := range rep.Files {
		if f.Path != "python/shared.py" && f.Class != finding.ClassThirdParty {
			t.Errorf("%s: class %s (%s)", f.Path, f.Class, f.Reason)
		}
		paths = append(paths, f.Path)
	}
	if !strings.Contains(strings.Join(paths, " "), "java/lib/dep.jar!/META-INF/maven/g/a/pom.properties") {
		t.Errorf("nested jar entries not listed: %v", paths)
	}
}

func TestInlineIgnores(t *testing.T) {
	files := map[string]string{"app.py": "# lambdascan:ignore test.danger -- reviewed\ndanger(1)\ndanger(2)  # lambdascan:ignore other.rule\n# lambdascan:ignore\ndanger(3)\n"}
	rep := run(t, scan.Options{}, mustZip(t, "fn.zip", files))
	var got []bool
	for _, f := range rep.Findings {
		got = append(got, f.Suppression != nil)
	}
	if diff := cmp.Diff([]bool{true, false, false}, got); diff != "" {
		t.Errorf("suppressed (-want +got):\n%s", diff)
	}
	if !hasNote(rep, "bare-ignore", "app.py") {
		t.Error("no bare-ignore warning")
	}
	rep = run(t, scan.Options{NoInlineIgnores: true}, mustZip(t, "fn.zip", files))
	for _, f := range rep.Findings {
		if f.Suppression != nil {
			t.Errorf("suppressed with NoInlineIgnores: %+v", f)
		}
	}
}

// scopePass records the files it ran per scope and, when a scope is
// finished, which files of it had run by then.
type scopePass struct {
	mu       sync.Mutex
	ran      map[string][]string // scope -> files run
	finished map[string][]string // scope -> files run when FinishScope came
	calls    map[string]int
	left     int // scopes Finish still saw
}

func (p *scopePass) Name() string { return "code" }
func (p *scopePass) Wants(f *scan.File) bool {
	return f.Class == finding.ClassFirstParty && f.Lang != ""
}
func (p *scopePass) Run(_ context.Context, u *scan.Unit) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.ran[u.File.Scope] = append(p.ran[u.File.Scope], u.File.Path)
	return nil
}
func (p *scopePass) FinishScope(_ context.Context, in *input.Input, scope string, r *scan.Results) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.calls[scope]++
	p.finished[scope] = slices.Sorted(slices.Values(p.ran[scope]))
	delete(p.ran, scope)
	return nil
}
func (p *scopePass) Finish(context.Context, *scan.Results) error {
	p.left = len(p.ran)
	return nil
}

func TestScopesFinishAsSoonAsTheirFilesAreDone(t *testing.T) {
	files := map[string]string{"README.md": "x"}
	want := map[string][]string{}
	for i := range 40 {
		svc := fmt.Sprintf("svc%02d", i)
		for j := range 3 {
			p := fmt.Sprintf("%s/m%d.py", svc, j)
			files[p] = "def f(x):\n    return x\n"
			want[svc] = append(want[svc], p)
		}
		files[svc+"/requirements.txt"] = "boto3\n"
	}
	for _, workers := range []int{1, 2, 8} {
		t.Run(fmt.Sprint(workers), func(t *testing.T) {
			p := &scopePass{ran: map[string][]string{}, finished: map[string][]string{}, calls: map[string]int{}}
			if _, err := scan.Run(context.Background(), scan.Options{Passes: []scan.Pass{p}, Workers: workers},
				[]*input.Input{mustZip(t, "mono.zip", files)}); err != nil {
				t.Fatal(err)
			}
			if d := cmp.Diff(want, p.finished); d != "" {
				t.Errorf("files run when each scope finished (-want +got):\n%s", d)
			}
			for s, n := range p.calls {
				if n != 1 {
					t.Errorf("scope %s finished %d times", s, n)
				}
			}
			if p.left != 0 {
				t.Errorf("Finish still saw %d scopes", p.left)
			}
		})
	}
}

func TestFlowFindingSupersedesPatternFindingOnItsLine(t *testing.T) {
	cmd := []int{78}
	pat := &finding.Rule{ID: "p.shell-true", CWE: cmd}
	taint := &finding.Rule{ID: "p.cmd-injection", CWE: cmd}
	other := &finding.Rule{ID: "p.other", CWE: []int{327}}
	at := func(line int) finding.Location { return finding.Location{Input: "fn", Path: "app.py", StartLine: line} }
	flow := []finding.FlowStep{{Location: at(1), Note: "event['body'] is read"}}
	got := scan.DropShadowedForTest([]finding.Finding{
		{RuleID: "p.shell-true", Rule: pat, Kind: finding.KindCode, Location: at(5)},
		{RuleID: "p.cmd-injection", Rule: taint, Kind: finding.KindCode, Location: at(5), Flow: flow},
		{RuleID: "p.other", Rule: other, Kind: finding.KindCode, Location: at(5)},    // another CWE: kept
		{RuleID: "p.shell-true", Rule: pat, Kind: finding.KindCode, Location: at(9)}, // no flow reaches it: kept
	})
	var ids []string
	for _, f := range got {
		ids = append(ids, f.RuleID+":"+fmt.Sprint(f.Location.StartLine))
	}
	if diff := cmp.Diff([]string{"p.cmd-injection:5", "p.other:5", "p.shell-true:9"}, ids); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}
