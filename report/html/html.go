// Package html writes a finding.Report as one self-contained HTML page for
// people: a summary by severity and kind, function coverage, scan
// notifications and every finding grouped by function and file, with its
// snippet, taint path, fixes and advisory details, plus a search box and
// filters. It exists because SARIF and JSON serve machines, while a reviewer
// or an auditor wants a page they can open offline, attach to a ticket or
// archive with a build.
//
// Everything shown comes from scanned code (paths, messages, snippets) or
// from advisories and is treated as hostile: the page is rendered with
// html/template, control and bidirectional-override characters are made
// visible, and a Content-Security-Policy allows only the page's own inline
// style and script (by hash), so even a rendering slip could not run an
// injected script. The page loads nothing from the network.
package html

import (
	"cmp"
	"crypto/sha256"
	_ "embed"
	"encoding/base64"
	"fmt"
	"html/template"
	"io"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/lambdascan/lambdascan/engine/finding"
	"github.com/lambdascan/lambdascan/report/internal/locate"
)

// DefaultTitle is the page title used when Options.Title is empty.
const DefaultTitle = "lambdascan report"

// Options tune the page. The zero value is a sensible default.
type Options struct {
	// Title is the page's title and heading (DefaultTitle when empty).
	Title string
	// ShowSuppressed makes suppressed findings visible when the page opens.
	// They are always in the page, marked with their justification; the
	// "Show suppressed" toggle reveals or hides them either way.
	ShowSuppressed bool
}

var (
	//go:embed assets/page.html.tmpl
	pageSource string
	//go:embed assets/report.css
	styleSource string
	//go:embed assets/report.js
	scriptSource string

	pageTemplate = template.Must(template.New("page").Funcs(template.FuncMap{
		"clean": clean,
		"code":  codeParts,
	}).Parse(pageSource))

	// csp allows nothing but the page's own inline style and script,
	// pinned by hash, and data: images. Inline event handlers and any
	// other script are refused by the browser.
	csp = "default-src 'none'; img-src data:; style-src '" + sha256Source(styleSource) +
		"'; script-src '" + sha256Source(scriptSource) + "'; base-uri 'none'; form-action 'none'"
)

func sha256Source(s string) string {
	h := sha256.Sum256([]byte(s))
	return "sha256-" + base64.StdEncoding.EncodeToString(h[:])
}

// Write writes r to w as one self-contained HTML page. Output is
// deterministic: it depends only on r and opts (the only time shown is
// r.StartedAt). Write works on a sorted copy and never changes r; a nil
// report is written as an empty one.
func Write(w io.Writer, r *finding.Report, opts Options) error {
	p := build(r.SortedCopy(), opts)
	if err := pageTemplate.Execute(w, p); err != nil {
		return fmt.Errorf("write html report: %w", err)
	}
	return nil
}

// page is what the template renders.
type page struct {
	Title          string
	Tool           string
	Version        string
	StartedAt      string
	CSP            string
	Style          template.CSS
	Script         template.JS
	ShowSuppressed bool

	Total        int // every finding, suppressed or not
	Suppressed   int
	Unsuppressed int
	Visible      int // shown when the page opens, before any filter
	Severities   []tally
	Kinds        []tally

	Inputs        []finding.InputSummary
	Stats         finding.Stats
	Duration      string
	Coverage      []coverageRow
	Notifications []notificationRow
	Groups        []group
}

// tally is one summary figure and filter: a severity or a kind.
type tally struct {
	Key   string // data-sev / data-kind value
	Label string
	Count int // unsuppressed findings
}

type coverageRow struct {
	Function, ARN, Region, Account, Runtime, Status, Reason, Detail string
	CodeScanned, DepsScanned                                        bool
	LastScanned                                                     string
	Active                                                          bool
}

type notificationRow struct {
	Level, Code, Message, Where string
}

// group is the findings of one function (Name "" when the report ties no
// finding to a function).
type group struct {
	Name  string
	Files []fileGroup
	Count int
}

type fileGroup struct {
	Name     string
	Findings []item
}

// item is one finding as shown.
type item struct {
	Anchor      string
	Sev         string
	Kind        string
	KindLabel   string
	Suppressed  bool
	Suppression *finding.Suppression
	Hidden      bool // suppressed and not shown by default

	RuleID, Title, Description, Message string
	Where                               string
	Confidence                          string
	Function, Layer, Fingerprint        string
	Score                               string
	Adjustments                         []finding.ScoreAdjustment

	Snippet []line
	Flow    []step
	Fixes   []fix
	Package *pkgView
	CWEs    []link
	OWASP   []string
	Tags    []string
	Refs    []string
	Remedy  string
	Props   []prop
}

type line struct {
	N    int
	Hot  bool
	Text string
}

type step struct {
	Role  string // "source", "step", "sink"
	Where string
	Note  string
	Code  string
}

type fix struct {
	Description string
	Diff        []diffLine
	Edits       int
}

type diffLine struct {
	Class string // "add", "del", "hunk", "meta" or ""
	Text  string
}

type pkgView struct {
	Ecosystem, Name, Installed, PURL, FoundIn, Layer, Source string
	VulnID, VulnURL, Summary, Fixed                          string
	FixAvailable                                             bool
	Aliases                                                  []link
	CVSSScore, CVSSVector                                    string
}

type link struct {
	Text string
	URL  string
}

type prop struct{ Key, Value string }

var (
	severityOrder = []finding.Severity{finding.SeverityCritical, finding.SeverityHigh,
		finding.SeverityMedium, finding.SeverityLow, finding.SeverityInfo}
	kindOrder  = []finding.Kind{finding.KindCode, finding.KindSecret, finding.KindPackage, finding.KindConfig}
	kindLabels = map[finding.Kind]string{
		finding.KindCode: "Code", finding.KindSecret: "Secret",
		finding.KindPackage: "Package", finding.KindConfig: "Config",
	}
)

// sevKey clamps a severity to a known one for badges and filters.
func sevKey(s finding.Severity) finding.Severity {
	return min(max(s, finding.SeverityInfo), finding.SeverityCritical)
}

// kindKey maps unknown kinds to "other" so the filters still reach them.
func kindKey(k finding.Kind) string {
	if _, ok := kindLabels[k]; ok {
		return string(k)
	}
	return "other"
}

func build(r *finding.Report, opts Options) *page {
	p := &page{
		Title:          cmp.Or(strings.TrimSpace(opts.Title), DefaultTitle),
		Tool:           cmp.Or(r.ToolName, "lambdascan"),
		Version:        r.ToolVersion,
		CSP:            csp,
		Style:          template.CSS(styleSource),
		Script:         template.JS(scriptSource),
		ShowSuppressed: opts.ShowSuppressed,
		Inputs:         r.Inputs,
		Stats:          r.Stats,
	}
	if !r.StartedAt.IsZero() {
		p.StartedAt = r.StartedAt.UTC().Format("2006-01-02 15:04:05 UTC")
	}
	if r.Stats.DurationMsec > 0 {
		p.Duration = (time.Duration(r.Stats.DurationMsec) * time.Millisecond).String()
	}

	bySev := map[finding.Severity]int{}
	byKind := map[string]int{}
	for i := range r.Findings {
		f := &r.Findings[i]
		p.Total++
		if f.Suppression != nil {
			p.Suppressed++
			continue
		}
		bySev[sevKey(f.Severity)]++
		byKind[kindKey(f.Kind)]++
	}
	p.Unsuppressed = p.Total - p.Suppressed
	p.Visible = p.Unsuppressed
	if opts.ShowSuppressed {
		p.Visible = p.Total
	}
	for _, s := range severityOrder {
		p.Severities = append(p.Severities, tally{Key: s.String(), Label: titleCase(s.String()), Count: bySev[s]})
	}
	for _, k := range kindOrder {
		p.Kinds = append(p.Kinds, tally{Key: string(k), Label: kindLabels[k], Count: byKind[string(k)]})
	}
	if hasOther := slices.ContainsFunc(r.Findings, func(f finding.Finding) bool { return kindKey(f.Kind) == "other" }); hasOther {
		p.Kinds = append(p.Kinds, tally{Key: "other", Label: "Other", Count: byKind["other"]})
	}

	for _, c := range r.Coverage {
		row := coverageRow{
			Function: c.Function, ARN: c.ARN, Region: c.Region, Account: c.Account, Runtime: c.Runtime,
			Status: c.Status, Reason: c.Reason, Detail: c.Detail,
			CodeScanned: c.CodeScanned, DepsScanned: c.DepsScanned,
			Active: strings.EqualFold(c.Status, "ACTIVE"),
		}
		if !c.LastScannedAt.IsZero() {
			row.LastScanned = c.LastScannedAt.UTC().Format("2006-01-02 15:04 UTC")
		}
		p.Coverage = append(p.Coverage, row)
	}

	loc := locate.New(r, "")
	for _, n := range r.Notifications {
		where := loc.Display(n.Input, n.Path)
		if n.Line > 0 && where != "" {
			where += ":" + strconv.Itoa(n.Line)
		}
		p.Notifications = append(p.Notifications, notificationRow{
			Level: string(n.Level), Code: n.Code, Message: n.Message, Where: where,
		})
	}

	p.Groups = groupFindings(r.Findings, loc, opts)
	return p
}

// groupFindings groups findings by function, then by file, keeping the
// report's sorted order inside each file. Functions are sorted by name;
// findings of no function come last. When no finding names a function there
// is one unnamed group.
func groupFindings(fs []finding.Finding, loc locate.Locator, opts Options) []group {
	var fnNames []string
	byFn := map[string][]int{}
	for i := range fs {
		fn := fs[i].Function
		if _, ok := byFn[fn]; !ok {
			fnNames = append(fnNames, fn)
		}
		byFn[fn] = append(byFn[fn], i)
	}
	slices.SortFunc(fnNames, func(a, b string) int {
		if (a == "") != (b == "") {
			if a == "" {
				return 1
			}
			return -1
		}
		return cmp.Compare(a, b)
	})
	var out []group
	for _, fn := range fnNames {
		g := group{Name: fn}
		if fn == "" && len(fnNames) > 1 {
			g.Name = "Not tied to a function"
		}
		fileIdx := map[string]int{}
		for _, i := range byFn[fn] {
			f := &fs[i]
			name := fileName(f, loc)
			j, ok := fileIdx[name]
			if !ok {
				j = len(g.Files)
				fileIdx[name] = j
				g.Files = append(g.Files, fileGroup{Name: name})
			}
			g.Files[j].Findings = append(g.Files[j].Findings, newItem(i, f, loc, opts))
			g.Count++
		}
		out = append(out, g)
	}
	return out
}

// fileName is the heading a finding is listed under.
func fileName(f *finding.Finding, loc locate.Locator) string {
	if f.Location.Path != "" {
		return loc.Display(f.Location.Input, f.Location.Path)
	}
	if f.Kind == finding.KindConfig {
		return "Function configuration"
	}
	if in := loc.InputName(f.Location.Input); in != "" {
		return in
	}
	return "(no file)"
}

func newItem(i int, f *finding.Finding, loc locate.Locator, opts Options) item {
	rule := f.Rule
	if rule == nil {
		rule = &finding.Rule{ID: f.RuleID}
	}
	it := item{
		Anchor:      "finding-" + strconv.Itoa(i+1),
		Sev:         sevKey(f.Severity).String(),
		Kind:        kindKey(f.Kind),
		KindLabel:   cmp.Or(kindLabels[f.Kind], cmp.Or(string(f.Kind), "other")),
		Suppressed:  f.Suppression != nil,
		Suppression: f.Suppression,
		RuleID:      cmp.Or(f.RuleID, rule.ID),
		Title:       rule.Title,
		Description: rule.Description,
		Message:     f.Message,
		Where:       where(f.Location, loc),
		Confidence:  f.Confidence.String(),
		Function:    f.Function,
		Layer:       f.Layer,
		Fingerprint: f.Fingerprint,
		Adjustments: f.Adjustments,
		OWASP:       rule.OWASP,
		Tags:        rule.Tags,
		Refs:        rule.References,
		Remedy:      rule.Remediation,
	}
	it.Hidden = it.Suppressed && !opts.ShowSuppressed
	if it.Title == "" {
		it.Title = firstLine(cmp.Or(f.Message, it.RuleID))
	}
	if it.Title == it.Message {
		it.Message = ""
	}
	if f.Score > 0 {
		it.Score = strconv.FormatFloat(f.Score, 'f', 1, 64)
	}
	for _, c := range rule.CWE {
		it.CWEs = append(it.CWEs, link{
			Text: "CWE-" + strconv.Itoa(c),
			URL:  "https://cwe.mitre.org/data/definitions/" + strconv.Itoa(c) + ".html",
		})
	}
	if s := f.Snippet; s != nil && len(s.Lines) > 0 {
		start, end := f.Location.StartLine, max(f.Location.EndLine, f.Location.StartLine)
		for k, text := range s.Lines {
			n := s.StartLine + k
			it.Snippet = append(it.Snippet, line{N: n, Hot: start > 0 && n >= start && n <= end, Text: text})
		}
	}
	for k, st := range f.Flow {
		role := "step"
		switch {
		case k == 0:
			role = "source"
		case k == len(f.Flow)-1:
			role = "sink"
		}
		l := st.Location
		if l.Input == "" {
			l.Input = f.Location.Input
		}
		it.Flow = append(it.Flow, step{Role: role, Where: where(l, loc), Note: st.Note, Code: st.Code})
	}
	for _, fx := range f.Fixes {
		v := fix{Description: fx.Description, Edits: len(fx.Edits)}
		if fx.Diff != "" {
			for _, dl := range strings.Split(strings.TrimSuffix(fx.Diff, "\n"), "\n") {
				v.Diff = append(v.Diff, diffLine{Class: diffClass(dl), Text: dl})
			}
		}
		it.Fixes = append(it.Fixes, v)
	}
	if f.Package != nil || f.Vulnerability != nil {
		it.Package = newPkgView(f, loc)
	}
	keys := make([]string, 0, len(f.Properties))
	for k := range f.Properties {
		if isSecretKey(k) {
			continue
		}
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		it.Props = append(it.Props, prop{Key: k, Value: f.Properties[k]})
	}
	return it
}

func newPkgView(f *finding.Finding, loc locate.Locator) *pkgView {
	v := &pkgView{}
	if p := f.Package; p != nil {
		v.Ecosystem, v.Name, v.Installed, v.PURL = p.Ecosystem, p.Name, p.Version, p.PURL
		v.FoundIn = loc.Display(p.Location.Input, p.Location.Path)
		v.Layer, v.Source = p.Layer, p.Source
	}
	if vu := f.Vulnerability; vu != nil {
		v.VulnID, v.Summary, v.Fixed, v.FixAvailable = vu.ID, vu.Summary, vu.FixedVersion, vu.FixAvailable
		if vu.ID != "" {
			v.VulnURL = osvURL(vu.ID)
		}
		for _, a := range vu.Aliases {
			v.Aliases = append(v.Aliases, link{Text: a, URL: osvURL(a)})
		}
		if vu.CVSSScore > 0 {
			v.CVSSScore = strconv.FormatFloat(vu.CVSSScore, 'f', 1, 64)
		}
		v.CVSSVector = vu.CVSSVector
	}
	return v
}

// osvURL links an advisory id to its OSV page (OSV resolves CVE aliases).
func osvURL(id string) string {
	return "https://osv.dev/vulnerability/" + url.PathEscape(id)
}

func diffClass(l string) string {
	switch {
	case strings.HasPrefix(l, "+++"), strings.HasPrefix(l, "---"):
		return "meta"
	case strings.HasPrefix(l, "@@"):
		return "hunk"
	case strings.HasPrefix(l, "+"):
		return "add"
	case strings.HasPrefix(l, "-"):
		return "del"
	}
	return ""
}

// where formats a location as "path:line:col".
func where(l finding.Location, loc locate.Locator) string {
	s := loc.Display(l.Input, l.Path)
	if l.StartLine > 0 {
		s += ":" + strconv.Itoa(l.StartLine)
		if l.StartColumn > 0 {
			s += ":" + strconv.Itoa(l.StartColumn)
		}
	}
	return s
}

// isSecretKey reports whether a Finding.Properties key may hold a secret;
// such values are never printed (the same rule as the other writers).
func isSecretKey(k string) bool {
	return strings.Contains(strings.ToLower(k), "secret")
}

func firstLine(s string) string {
	if i := strings.IndexAny(s, "\r\n"); i >= 0 {
		return s[:i]
	}
	return s
}

func titleCase(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// part is a run of text in a code line; Ctl marks an invisible or
// direction-changing character shown as a visible marker instead.
type part struct {
	Text string
	Ctl  bool
}

// codeParts splits a code line so that control characters and Unicode
// bidirectional controls (the "Trojan Source" characters) are shown as
// markers rather than acting on the page.
func codeParts(s string) []part {
	var out []part
	var b strings.Builder
	flush := func() {
		if b.Len() > 0 {
			out = append(out, part{Text: b.String()})
			b.Reset()
		}
	}
	for _, r := range s {
		if m, ok := marker(r); ok {
			flush()
			out = append(out, part{Text: m, Ctl: true})
			continue
		}
		b.WriteRune(r)
	}
	flush()
	return out
}

// clean makes control and bidi characters in prose visible.
func clean(s string) string {
	if !strings.ContainsFunc(s, func(r rune) bool { _, ok := marker(r); return ok }) {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		if m, ok := marker(r); ok {
			b.WriteString(m)
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// marker returns the visible stand-in for a character that must not act on
// the page: C0/C1 controls (tab and newline excepted) and DEL as "\x1b",
// bidirectional and invisible format characters as "<U+202E>".
func marker(r rune) (string, bool) {
	switch {
	case r == '\t' || r == '\n':
		return "", false
	case r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0):
		return fmt.Sprintf(`\x%02x`, r), true // as in source code: ESC is \x1b
	case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069,
		r == 0x200e || r == 0x200f || r == 0x061c,
		r == 0x200b || r == 0xfeff || r == 0x2028 || r == 0x2029:
		return fmt.Sprintf("<U+%04X>", r), true
	}
	return "", false
}
