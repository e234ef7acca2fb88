package report

import (
	"bytes"
	"cmp"
	"compress/gzip"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/owenrumney/go-sarif/v2/sarif"

	"github.com/lambdascan/lambdascan/engine/finding"
	"github.com/lambdascan/lambdascan/report/internal/locate"
)

// MaxThreadFlowSteps is the most steps a SARIF thread flow may carry:
// GitHub code scanning rejects longer ones. Longer flows keep their first
// steps and their last (the sink).
const MaxThreadFlowSteps = 10000

// srcRoot is the uriBaseId every relative artifact URI is resolved against.
const srcRoot = "%SRCROOT%"

// fingerprintKey names lambdascan's own fingerprint in result.fingerprints.
const fingerprintKey = "lambdascan/v1"

// GitHub code scanning's upload limits.
const (
	// MaxSARIFResults is the most results GitHub accepts in one run.
	MaxSARIFResults = 25000
	// MaxSARIFGzipBytes is the largest gzipped SARIF file GitHub accepts.
	MaxSARIFGzipBytes = 10 << 20
)

func writeSARIF(w io.Writer, r *finding.Report, opts Options) error {
	r = limitResults(r, MaxSARIFResults)
	out, err := renderSARIF(r, opts)
	if err != nil {
		return err
	}
	// Over GitHub's size limit: drop snippets first, then results, keeping
	// the most severe, and say so in the run.
	for n := 0; gzipSize(out) > MaxSARIFGzipBytes && n < 20; n++ {
		if n == 0 {
			r = withoutSnippets(r)
		} else {
			r = limitResults(r, len(r.Findings)*4/5)
		}
		r.Notifications = append(r.Notifications, finding.Notification{Level: finding.LevelWarning, Code: "sarif-truncated",
			Message: fmt.Sprintf("the SARIF file was over GitHub's %d MB gzipped limit: snippets left out and results cut to %d, most severe first; use --format json for everything", MaxSARIFGzipBytes>>20, len(r.Findings))})
		if out, err = renderSARIF(r, opts); err != nil {
			return err
		}
	}
	_, err = w.Write(out)
	return err
}

// limitResults keeps the max most severe findings (then in report order)
// and notes how many were left out.
func limitResults(r *finding.Report, max int) *finding.Report {
	if len(r.Findings) <= max {
		return r
	}
	c := *r
	idx := make([]int, len(r.Findings))
	for i := range idx {
		idx[i] = i
	}
	slices.SortStableFunc(idx, func(a, b int) int {
		return cmp.Compare(r.Findings[b].Severity, r.Findings[a].Severity)
	})
	keep := idx[:max]
	slices.Sort(keep)
	c.Findings = make([]finding.Finding, 0, max)
	for _, i := range keep {
		c.Findings = append(c.Findings, r.Findings[i])
	}
	c.Notifications = append(slices.Clone(r.Notifications), finding.Notification{Level: finding.LevelWarning, Code: "sarif-truncated",
		Message: fmt.Sprintf("%d results exceed what GitHub code scanning accepts in one run (%d): the %d least severe were left out; use --format json for everything",
			len(r.Findings), max, len(r.Findings)-max)})
	return &c
}

func withoutSnippets(r *finding.Report) *finding.Report {
	c := *r
	c.Findings = slices.Clone(r.Findings)
	for i := range c.Findings {
		c.Findings[i].Snippet = nil
	}
	return &c
}

func gzipSize(b []byte) int {
	var cw countWriter
	zw := gzip.NewWriter(&cw)
	zw.Write(b)
	zw.Close()
	return int(cw)
}

type countWriter int

func (c *countWriter) Write(p []byte) (int, error) {
	*c += countWriter(len(p))
	return len(p), nil
}

func renderSARIF(r *finding.Report, opts Options) ([]byte, error) {
	log, err := buildSARIF(r, opts)
	if err != nil {
		return nil, err
	}
	var raw bytes.Buffer
	enc := json.NewEncoder(&raw)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(log); err != nil {
		return nil, fmt.Errorf("marshal sarif: %w", err)
	}
	// go-sarif writes some optional members as null (suppression.status,
	// guid, location...), which the schema and GitHub reject: drop them.
	clean, err := dropNulls(raw.Bytes())
	if err != nil {
		return nil, err
	}
	var out bytes.Buffer
	if err := json.Indent(&out, clean, "", "  "); err != nil {
		return nil, fmt.Errorf("indent sarif: %w", err)
	}
	out.WriteByte('\n')
	return out.Bytes(), nil
}

func ptr[T any](v T) *T { return &v }

// text makes a SARIF message.
func text(s string) *sarif.Message { return &sarif.Message{Text: ptr(s)} }

// sarifLevel maps a severity to a result level.
func sarifLevel(s finding.Severity) string {
	switch {
	case s >= finding.SeverityHigh:
		return "error"
	case s == finding.SeverityMedium:
		return "warning"
	}
	return "note"
}

// problemSeverity maps a severity to GitHub's problem.severity.
func problemSeverity(s finding.Severity) string {
	switch {
	case s >= finding.SeverityHigh:
		return "error"
	case s == finding.SeverityMedium:
		return "warning"
	}
	return "recommendation"
}

func buildSARIF(r *finding.Report, opts Options) (*sarif.Report, error) {
	log, err := sarif.New(sarif.Version210)
	if err != nil {
		return nil, fmt.Errorf("new sarif log: %w", err)
	}
	loc := locate.New(r, opts.SrcRoot)
	driver := &sarif.ToolComponent{
		Name:           cmp.Or(r.ToolName, "lambdascan"),
		InformationURI: ptr(cmp.Or(opts.ToolInformationURI, DefaultInformationURI)),
		Rules:          []*sarif.ReportingDescriptor{},
	}
	if r.ToolVersion != "" {
		driver.Version = ptr(r.ToolVersion)
	}
	run := &sarif.Run{Tool: sarif.Tool{Driver: driver}, Results: []*sarif.Result{}}

	index := map[string]int{}
	for _, rule := range allRules(r) {
		index[rule.ID] = len(driver.Rules)
		driver.Rules = append(driver.Rules, sarifRule(rule))
	}
	for i := range r.Findings {
		run.Results = append(run.Results, sarifResult(&r.Findings[i], index, loc))
	}

	inv := &sarif.Invocation{ExecutionSuccessful: ptr(true)}
	if !r.StartedAt.IsZero() {
		inv.StartTimeUTC = ptr(r.StartedAt.UTC())
	}
	for _, n := range r.Notifications {
		inv.ToolExecutionNotifications = append(inv.ToolExecutionNotifications, sarifNotification(n, loc))
	}
	run.Invocations = []*sarif.Invocation{inv}

	if opts.Category != "" {
		run.AutomationDetails = &sarif.RunAutomationDetails{ID: ptr(opts.Category)}
	}
	if loc.SrcRoot != "" {
		run.OriginalUriBaseIDs = map[string]*sarif.ArtifactLocation{
			srcRoot: {URI: ptr(locate.FileURL(loc.SrcRoot))},
		}
	}
	log.AddRun(run)
	return log, nil
}

// sarifRule describes a rule the way GitHub code scanning reads it.
func sarifRule(rule *finding.Rule) *sarif.ReportingDescriptor {
	short := cmp.Or(firstLine(rule.Title), rule.ID)
	full := cmp.Or(rule.Description, rule.Title, rule.ID)
	d := &sarif.ReportingDescriptor{
		ID:               rule.ID,
		ShortDescription: &sarif.MultiformatMessageString{Text: ptr(short)},
		FullDescription:  &sarif.MultiformatMessageString{Text: ptr(full)},
		DefaultConfiguration: &sarif.ReportingConfiguration{
			Level: sarifLevel(rule.Severity),
		},
	}
	helpText, helpMD := ruleHelp(rule, full)
	d.Help = &sarif.MultiformatMessageString{Text: ptr(helpText), Markdown: ptr(helpMD)}
	if len(rule.References) > 0 && rule.References[0] != "" {
		d.HelpURI = ptr(rule.References[0])
	}
	tags := []string{"security"}
	for _, c := range rule.CWE {
		tags = append(tags, cweTag(c))
	}
	for _, t := range rule.Tags {
		if t != "" && t != "security" {
			tags = append(tags, t)
		}
	}
	props := sarif.Properties{
		"tags":              tags,
		"security-severity": rule.Severity.SecuritySeverity(),
		"precision":         rule.Confidence.Precision(),
		"problem.severity":  problemSeverity(rule.Severity),
	}
	if len(rule.CWE) > 0 {
		props["cwe"] = rule.CWEIDs()
	}
	if len(rule.OWASP) > 0 {
		props["owasp"] = rule.OWASP
	}
	d.Properties = props
	return d
}

// ruleHelp builds a rule's help text: what it finds, how to fix it, and
// where to read more.
func ruleHelp(rule *finding.Rule, full string) (plain, markdown string) {
	var t, m strings.Builder
	t.WriteString(full)
	m.WriteString(full)
	if rule.Remediation != "" {
		t.WriteString("\n\nRemediation: " + rule.Remediation)
		m.WriteString("\n\n**Remediation:** " + rule.Remediation)
	}
	if ids := rule.CWEIDs(); len(ids) > 0 {
		t.WriteString("\n\n" + strings.Join(ids, ", "))
		m.WriteString("\n\n")
		for i, c := range rule.CWE {
			if i > 0 {
				m.WriteString(", ")
			}
			fmt.Fprintf(&m, "[CWE-%d](https://cwe.mitre.org/data/definitions/%d.html)", c, c)
		}
	}
	if len(rule.References) > 0 {
		t.WriteString("\n\nReferences:")
		m.WriteString("\n\n**References:**\n")
		for _, ref := range rule.References {
			t.WriteString("\n- " + ref)
			fmt.Fprintf(&m, "\n- <%s>", ref)
		}
	}
	return t.String(), m.String()
}

// region builds a SARIF region; ok is false when the location has no line.
func region(l finding.Location) *sarif.Region {
	start := max(l.StartLine, 1) // GitHub needs a startLine; file-level findings point at line 1
	reg := &sarif.Region{StartLine: ptr(start)}
	if l.StartColumn > 0 {
		reg.StartColumn = ptr(l.StartColumn)
	}
	if l.EndLine >= start {
		reg.EndLine = ptr(l.EndLine)
	}
	if l.EndColumn > 0 && (l.EndLine > start || l.EndColumn >= l.StartColumn) {
		reg.EndColumn = ptr(l.EndColumn)
	}
	return reg
}

// physical builds a location for a file of an input, or nil when there is
// no file to point at.
func physical(loc locate.Locator, l finding.Location, reg *sarif.Region) *sarif.Location {
	uri, base, ok := loc.URI(l.Input, l.Path)
	if !ok {
		return nil
	}
	al := &sarif.ArtifactLocation{URI: ptr(uri)}
	if base {
		al.URIBaseId = ptr(srcRoot)
	}
	return &sarif.Location{PhysicalLocation: &sarif.PhysicalLocation{ArtifactLocation: al, Region: reg}}
}

func sarifResult(f *finding.Finding, index map[string]int, loc locate.Locator) *sarif.Result {
	rule := ruleOf(f)
	res := &sarif.Result{
		RuleID:    ptr(rule.ID),
		RuleIndex: ptr(uint(index[rule.ID])),
		Level:     ptr(sarifLevel(f.Severity)),
		Message:   *text(cmp.Or(f.Message, rule.Title, rule.ID)),
	}
	reg := region(f.Location)
	var context *sarif.Region
	if f.Snippet != nil && len(f.Snippet.Lines) > 0 {
		reg.Snippet = &sarif.ArtifactContent{Text: ptr(regionText(f.Snippet, *reg.StartLine, f.Location.EndLine))}
		if f.Snippet.StartLine > 0 {
			context = &sarif.Region{
				StartLine: ptr(f.Snippet.StartLine),
				EndLine:   ptr(f.Snippet.StartLine + len(f.Snippet.Lines) - 1),
				Snippet:   &sarif.ArtifactContent{Text: ptr(f.Snippet.Text())},
			}
		}
	}
	if pl := physical(loc, f.Location, reg); pl != nil {
		pl.PhysicalLocation.ContextRegion = context
		res.Locations = []*sarif.Location{pl}
	}
	if f.Fingerprint != "" {
		res.PartialFingerprints = map[string]interface{}{"primaryLocationLineHash": f.Fingerprint}
		res.Fingerprints = map[string]interface{}{fingerprintKey: f.Fingerprint}
	}
	res.Properties = resultProperties(f, rule)
	if cf := codeFlow(f, loc); cf != nil {
		res.CodeFlows = []*sarif.CodeFlow{cf}
	}
	for _, fx := range f.Fixes {
		if sf := sarifFix(fx, f.Location.Input, f.Location.Path, loc); sf != nil {
			res.Fixes = append(res.Fixes, sf)
		}
	}
	if s := f.Suppression; s != nil {
		kind := s.Kind
		if kind != "inSource" && kind != "external" {
			kind = "external"
		}
		sup := &sarif.Suppression{Kind: kind, Status: ptr("accepted")}
		if s.Justification != "" {
			sup.Justification = ptr(s.Justification)
		}
		res.Suppressions = []*sarif.Suppression{sup}
	}
	return res
}

// regionText returns the snippet lines that fall within [start, end], or
// the whole snippet when it does not cover them.
func regionText(s *finding.Snippet, start, end int) string {
	end = max(end, start)
	lo, hi := start-s.StartLine, end-s.StartLine+1
	if s.StartLine <= 0 || lo < 0 || hi > len(s.Lines) {
		return s.Text()
	}
	return strings.Join(s.Lines[lo:hi], "\n")
}

// resultProperties carries the finding's facts that SARIF has no member
// for. Secret-keyed Finding.Properties never appear.
func resultProperties(f *finding.Finding, rule *finding.Rule) sarif.Properties {
	p := sarif.Properties{}
	for k, v := range publicProperties(f.Properties) {
		p[k] = v
	}
	p["kind"] = string(f.Kind)
	p["severity"] = f.Severity.String()
	p["confidence"] = f.Confidence.String()
	p["security-severity"] = f.Severity.SecuritySeverity()
	if f.Layer != "" {
		p["layer"] = f.Layer
	}
	if f.Function != "" {
		p["function"] = f.Function
	}
	if f.Location.Input != "" {
		p["input"] = f.Location.Input
	}
	if f.Score != 0 {
		p["score"] = f.Score
	}
	if pk := f.Package; pk != nil {
		p["packageEcosystem"] = pk.Ecosystem
		p["packageName"] = pk.Name
		p["packageVersion"] = pk.Version
		if pk.PURL != "" {
			p["purl"] = pk.PURL
		}
	}
	if v := f.Vulnerability; v != nil {
		p["vulnerabilityId"] = v.ID
		if len(v.Aliases) > 0 {
			p["aliases"] = v.Aliases
		}
		p["fixAvailable"] = v.FixAvailable
		if v.FixedVersion != "" {
			p["fixedVersion"] = v.FixedVersion
		}
		if v.CVSSVector != "" {
			p["cvssVector"] = v.CVSSVector
		}
		if v.CVSSScore != 0 {
			p["cvssScore"] = v.CVSSScore
		}
	}
	if ids := rule.CWEIDs(); len(ids) > 0 {
		p["cwe"] = ids
	}
	return p
}

// codeFlow turns a taint path into one thread flow.
func codeFlow(f *finding.Finding, loc locate.Locator) *sarif.CodeFlow {
	steps := f.Flow
	if len(steps) > MaxThreadFlowSteps {
		steps = append(steps[:MaxThreadFlowSteps-1:MaxThreadFlowSteps-1], steps[len(steps)-1])
	}
	tf := &sarif.ThreadFlow{Locations: []*sarif.ThreadFlowLocation{}}
	for i, st := range steps {
		l := st.Location
		if l.Path == "" {
			l.Path, l.Input = f.Location.Path, f.Location.Input
		} else if l.Input == "" {
			l.Input = f.Location.Input
		}
		reg := region(l)
		if st.Code != "" {
			reg.Snippet = &sarif.ArtifactContent{Text: ptr(st.Code)}
		}
		sl := physical(loc, l, reg)
		if sl == nil {
			sl = &sarif.Location{}
		}
		sl.Message = text(cmp.Or(st.Note, fmt.Sprintf("step %d", i+1)))
		tf.Locations = append(tf.Locations, &sarif.ThreadFlowLocation{Location: sl, ExecutionOrder: ptr(i + 1)})
	}
	if len(tf.Locations) == 0 {
		return nil
	}
	return &sarif.CodeFlow{ThreadFlows: []*sarif.ThreadFlow{tf}}
}

// sarifFix turns a fix into artifact changes, one per file edited.
func sarifFix(fx finding.Fix, input, defPath string, loc locate.Locator) *sarif.Fix {
	var changes []*sarif.ArtifactChange
	byPath := map[string]*sarif.ArtifactChange{}
	for _, e := range fx.Edits {
		p := cmp.Or(e.Path, defPath)
		ch := byPath[p]
		if ch == nil {
			uri, base, ok := loc.URI(input, p)
			if !ok {
				continue
			}
			al := sarif.ArtifactLocation{URI: ptr(uri)}
			if base {
				al.URIBaseId = ptr(srcRoot)
			}
			ch = &sarif.ArtifactChange{ArtifactLocation: al, Replacements: []*sarif.Replacement{}}
			byPath[p] = ch
			changes = append(changes, ch)
		}
		var del sarif.Region
		if e.StartLine > 0 {
			del.StartLine = ptr(e.StartLine)
			del.StartColumn = ptr(max(e.StartColumn, 1))
			del.EndLine = ptr(max(e.EndLine, e.StartLine))
			del.EndColumn = ptr(max(e.EndColumn, 1))
		} else {
			del.ByteOffset = ptr(max(e.Start, 0))
			del.ByteLength = ptr(max(e.End-e.Start, 0))
		}
		ch.Replacements = append(ch.Replacements, &sarif.Replacement{
			DeletedRegion:   del,
			InsertedContent: &sarif.ArtifactContent{Text: ptr(e.New)},
		})
	}
	if len(changes) == 0 {
		return nil
	}
	sf := &sarif.Fix{ArtifactChanges: changes}
	if fx.Description != "" {
		sf.Description = text(fx.Description)
	}
	return sf
}

func sarifNotification(n finding.Notification, loc locate.Locator) *sarif.Notification {
	level := string(n.Level)
	switch n.Level {
	case finding.LevelError, finding.LevelWarning, finding.LevelNote:
	default:
		level = "warning"
	}
	sn := &sarif.Notification{Level: level, Message: text(cmp.Or(n.Message, n.Code))}
	if n.Code != "" {
		sn.Descriptor = &sarif.ReportingDescriptorReference{Id: ptr(n.Code)}
	}
	if n.Path != "" {
		var reg *sarif.Region
		if n.Line > 0 {
			reg = &sarif.Region{StartLine: ptr(n.Line)}
		}
		if l := physical(loc, finding.Location{Input: n.Input, Path: n.Path}, reg); l != nil {
			sn.Locations = []*sarif.Location{l}
		}
	}
	return sn
}

// dropNulls removes every object member whose value is null, and null array
// elements, keeping member order. SARIF never needs a null. raw must be
// valid JSON (it comes from json.Marshal); the result is compact.
func dropNulls(raw []byte) ([]byte, error) {
	type frame struct {
		obj   bool
		count int // members or elements written
		mark  int // len(out) where the current member or element began
	}
	out := make([]byte, 0, len(raw))
	var stack []frame
	expectKey := false
	for i := 0; i < len(raw); {
		c := raw[i]
		switch c {
		case ' ', '\t', '\n', '\r':
			i++
			continue
		case ',':
			if len(stack) > 0 && stack[len(stack)-1].obj {
				expectKey = true
			}
			i++
			continue
		case ':':
			out = append(out, c)
			i++
			continue
		case '}', ']':
			if len(stack) == 0 {
				return nil, errors.New("clean sarif: unbalanced JSON")
			}
			out = append(out, c)
			stack = stack[:len(stack)-1]
			i++
			continue
		}
		var top *frame
		if len(stack) > 0 {
			top = &stack[len(stack)-1]
		}
		if top != nil && top.obj && expectKey { // a member's key
			top.mark = len(out)
			if top.count > 0 {
				out = append(out, ',')
			}
			top.count++
			j := stringEnd(raw, i)
			out = append(out, raw[i:j]...)
			i, expectKey = j, false
			continue
		}
		if top != nil && !top.obj { // an array element
			top.mark = len(out)
			if top.count > 0 {
				out = append(out, ',')
			}
			top.count++
		}
		switch c {
		case 'n': // null: forget the member or element it belongs to
			if top == nil {
				out = append(out, "null"...)
			} else {
				out = out[:top.mark]
				top.count--
			}
			i += len("null")
		case '{':
			out = append(out, c)
			stack = append(stack, frame{obj: true})
			expectKey = true
			i++
		case '[':
			out = append(out, c)
			stack = append(stack, frame{})
			i++
		case '"':
			j := stringEnd(raw, i)
			out = append(out, raw[i:j]...)
			i = j
		default: // number, true, false
			j := i
			for j < len(raw) && bytes.IndexByte([]byte(",:}] \t\n\r"), raw[j]) < 0 {
				j++
			}
			out = append(out, raw[i:j]...)
			i = j
		}
	}
	if len(stack) != 0 {
		return nil, errors.New("clean sarif: unbalanced JSON")
	}
	return out, nil
}

// stringEnd returns the index just after the JSON string starting at i.
func stringEnd(raw []byte, i int) int {
	for j := i + 1; j < len(raw); j++ {
		switch raw[j] {
		case '\\':
			j++
		case '"':
			return j + 1
		}
	}
	return len(raw)
}
