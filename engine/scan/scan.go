// Package scan runs one lambdascan scan: it walks each input, hands every
// file to the passes that want it from a pool of workers (each with its own
// parser), lets passes finish their cross-file work, then adds masked
// snippets and fingerprints and returns one sorted Report.
//
// Files stream through the pool: only the files being worked on are in
// memory, and each syntax tree is closed as soon as the passes are done
// with it, so memory stays flat however large the input is.
package scan

import (
	"bytes"
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/lambdascan/lambdascan/engine/finding"
	"github.com/lambdascan/lambdascan/engine/input"
	"github.com/lambdascan/lambdascan/engine/mask"
	"github.com/lambdascan/lambdascan/engine/parse"
	"github.com/lambdascan/lambdascan/engine/suppress"
	"github.com/lambdascan/lambdascan/engine/walk"
	"github.com/lambdascan/lambdascan/fixes"
)

// Options configure a scan.
type Options struct {
	// Passes run over every file that they want; registered explicitly.
	Passes []Pass
	// Walk selects and classifies files.
	Walk walk.Options
	// Workers is the size of the worker pool (0: the number of CPUs).
	Workers int
	// MaxFileSize is the largest file read for analysis (0: 10 MiB).
	MaxFileSize int64
	// ParseTimeout bounds the parse of one file (0: 10 s).
	ParseTimeout time.Duration
	// Masker finds secrets in snippet lines so they are masked. When nil,
	// snippets are shown as they are.
	Masker mask.Liner
	// SnippetContext is how many lines around a finding its snippet shows
	// (default 2; negative: none).
	SnippetContext int
	// ExplainFiles keeps every file's classification in Report.Files.
	ExplainFiles bool
	// ToolVersion goes into the report.
	ToolVersion string
	// NoInlineIgnores turns off inline lambdascan:ignore comments (audits).
	NoInlineIgnores bool
}

func (o Options) withDefaults() Options {
	if o.Workers <= 0 {
		o.Workers = runtime.GOMAXPROCS(0)
	}
	if o.MaxFileSize <= 0 {
		o.MaxFileSize = 10 << 20
	}
	if o.ParseTimeout <= 0 {
		o.ParseTimeout = 10 * time.Second
	}
	if o.SnippetContext == 0 {
		o.SnippetContext = 2
	}
	return o
}

// job is one file and the passes that want it, or (finish set) the
// scope-finishing work of a scope whose files are all done.
type job struct {
	file   *File
	passes []Pass
	finish func()
}

// scopeKey names one scope of one input.
type scopeKey struct {
	in    *input.Input
	scope string
}

// scopes tracks, per scope, the jobs not yet done and whether the walker
// has left it, and runs the passes' FinishScope once both hold.
type scopes struct {
	mu      sync.Mutex
	pending map[scopeKey]int
	closed  map[scopeKey]bool
	run     func(k scopeKey)
}

// add counts a job of k about to be queued.
func (s *scopes) add(k scopeKey) {
	s.mu.Lock()
	s.pending[k]++
	s.mu.Unlock()
}

// done marks a job of k done and says whether k is now finished.
func (s *scopes) done(k scopeKey) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.pending[k]--
	if s.pending[k] == 0 && s.closed[k] {
		delete(s.pending, k)
		delete(s.closed, k)
		return true
	}
	return false
}

// close marks that the walker has left k and says whether k is finished
// (it had jobs and they are all done).
func (s *scopes) close(k scopeKey) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	n, had := s.pending[k]
	if !had {
		return false // no job of this scope: nothing to finish
	}
	if n == 0 {
		delete(s.pending, k)
		return true
	}
	s.closed[k] = true
	return false
}

// Run scans the inputs. It returns an error only when the scan as a whole
// cannot go on (a cancelled context); every per-input and per-file problem
// is a notification in the report.
func Run(ctx context.Context, opts Options, inputs []*input.Input) (*finding.Report, error) {
	opts = opts.withDefaults()
	start := time.Now()
	rep := &finding.Report{ToolName: "lambdascan", ToolVersion: opts.ToolVersion, StartedAt: start.UTC()}
	res := &Results{}
	sk := &sink{res: res, maxFile: opts.MaxFileSize, explainFiles: opts.ExplainFiles}
	for _, p := range opts.Passes {
		if rs, ok := p.(RuleSource); ok {
			res.AddRules(rs.Rules()...)
		}
	}

	var finishers []ScopeFinisher
	for _, p := range opts.Passes {
		if sf, ok := p.(ScopeFinisher); ok {
			finishers = append(finishers, sf)
		}
	}
	sc := &scopes{pending: map[scopeKey]int{}, closed: map[scopeKey]bool{}}
	sc.run = func(k scopeKey) {
		for _, sf := range finishers {
			if ctx.Err() != nil {
				return
			}
			if err := sf.FinishScope(ctx, k.in, k.scope, res); err != nil && ctx.Err() == nil {
				res.AddNotification(finding.Notification{Level: finding.LevelError, Code: "pass-failed", Input: k.in.Name,
					Message: fmt.Sprintf("%s pass: %v", sf.(Pass).Name(), err)})
			}
		}
	}

	jobs := make(chan job, opts.Workers*4)
	var wg sync.WaitGroup
	for range opts.Workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			parser := parse.NewParser(opts.ParseTimeout)
			defer parser.Close()
			for j := range jobs {
				if ctx.Err() != nil {
					continue // drain
				}
				if j.finish != nil {
					j.finish()
					continue
				}
				runJob(ctx, opts, sk, parser, j)
				if len(finishers) > 0 {
					if k := (scopeKey{j.file.Input, j.file.Scope}); sc.done(k) {
						sc.run(k)
					}
				}
			}
		}()
	}

	var walkErr error
	for _, in := range inputs {
		sum := finding.InputSummary{Name: in.Name, Kind: in.Kind, Layer: in.Layer, LayerARN: in.LayerARN, Function: in.Function, Bytes: in.Size}
		visit := func(f *File) error {
			sum.Files++
			if in.Kind == input.KindDir {
				sum.Bytes += f.Size
			}
			switch f.Class {
			case finding.ClassExcluded:
				sk.explain(f)
				return nil
			case finding.ClassGenerated:
				res.AddNotification(finding.Notification{Level: finding.LevelNote, Code: "generated-file", Input: in.Name,
					Path: f.Path, Message: f.Path + ": " + f.Reason})
			}
			var want []Pass
			for _, p := range opts.Passes {
				if p.Wants(f) {
					want = append(want, p)
				}
			}
			if len(want) == 0 {
				sk.explain(f) // a file with a job is explained by its worker
				return nil
			}
			if len(finishers) > 0 {
				sc.add(scopeKey{in, f.Scope})
			}
			select {
			case jobs <- job{file: f, passes: want}:
				return nil
			case <-ctx.Done():
				return ctx.Err()
			}
		}
		notes, err := walk.Walk(ctx, in, opts.Walk, func(f *File) error {
			err := visit(f)
			if err == nil && f.ScopeEnd && len(finishers) > 0 {
				if k := (scopeKey{in, f.Scope}); sc.close(k) {
					// Every job of the scope is done already: finish it
					// on a worker, not on the walker.
					select {
					case jobs <- job{finish: func() { sc.run(k) }}:
					case <-ctx.Done():
						return ctx.Err()
					}
				}
			}
			return err
		})
		for _, n := range notes {
			res.AddNotification(n)
		}
		if sum.Files == 0 && err == nil {
			res.AddNotification(finding.Notification{Level: finding.LevelWarning, Code: "empty-input", Input: in.Name,
				Message: fmt.Sprintf("%s holds no files to scan", in.Name)})
		}
		rep.Inputs = append(rep.Inputs, sum)
		if err != nil {
			walkErr = err
			break
		}
	}
	close(jobs)
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if walkErr != nil {
		return nil, walkErr
	}

	for _, p := range opts.Passes {
		if fin, ok := p.(Finisher); ok {
			if err := fin.Finish(ctx, res); err != nil {
				if ctx.Err() != nil {
					return nil, ctx.Err()
				}
				res.AddNotification(finding.Notification{Level: finding.LevelError, Code: "pass-failed",
					Message: fmt.Sprintf("%s pass: %v", p.Name(), err)})
			}
		}
	}

	rep.Findings = dropShadowed(res.Findings)
	rep.Notifications = res.Notifications
	rep.Packages = res.Packages
	rep.Rules = res.Rules
	rep.Files = sk.infos
	completeFindings(opts, inputs, rep)
	rep.Stats = finding.Stats{FilesParsed: sk.files, BytesParsed: sk.bytes, Packages: len(rep.Packages),
		RulesLoaded: len(rep.Rules), DurationMsec: time.Since(start).Milliseconds()}
	for _, in := range rep.Inputs {
		rep.Stats.FilesSeen += in.Files
	}
	rep.Normalize()
	return rep, nil
}

// dropShadowed removes a code finding without a flow when a code finding
// with a flow (a taint rule) reports the same line of the same file for a
// CWE they share: the flow finding says the same and more (where the data
// comes from), so users see one finding per problem. Pattern findings on
// lines no flow reaches are kept.
func dropShadowed(fs []finding.Finding) []finding.Finding {
	type key struct {
		input, path string
		line, cwe   int
	}
	flows := map[key]bool{}
	for i := range fs {
		f := &fs[i]
		if f.Kind == finding.KindCode && len(f.Flow) > 0 && f.Rule != nil {
			for _, c := range f.Rule.CWE {
				flows[key{f.Location.Input, f.Location.Path, f.Location.StartLine, c}] = true
			}
		}
	}
	if len(flows) == 0 {
		return fs
	}
	return slices.DeleteFunc(fs, func(f finding.Finding) bool {
		if f.Kind != finding.KindCode || len(f.Flow) > 0 || f.Rule == nil {
			return false
		}
		return slices.ContainsFunc(f.Rule.CWE, func(c int) bool {
			return flows[key{f.Location.Input, f.Location.Path, f.Location.StartLine, c}]
		})
	})
}

// runJob reads one file and runs the passes that want it.
func runJob(ctx context.Context, opts Options, sk *sink, parser *parse.Parser, j job) {
	fc := *j.file // the worker may reclassify its own copy
	f := &fc
	defer sk.explain(f)
	notify := func(level finding.Level, code, msg string) {
		sk.notify(finding.Notification{Level: level, Code: code, Input: f.Input.Name, Path: f.Path, Message: msg})
	}
	content, err := input.ReadFile(f.FS, f.Name, opts.MaxFileSize)
	if err != nil {
		if errors.Is(err, input.ErrTooLarge) {
			notify(finding.LevelWarning, "file-too-large", fmt.Sprintf("%s is larger than the %d-byte limit: not scanned", f.Path, opts.MaxFileSize))
			// Say too whether it is a bundle, the usual reason code is huge.
			if reason := walk.GeneratedContent(f.Lang, readHead(f)); f.Lang != parse.None && reason != "" {
				walk.MarkGenerated(f, reason, false)
				notify(finding.LevelNote, "generated-file", f.Path+": "+f.Reason)
			}
		} else {
			notify(finding.LevelWarning, "unreadable", fmt.Sprintf("cannot read %s: %v", f.Path, err))
		}
		return
	}
	isCode := f.Lang != parse.None
	if isCode && bytes.IndexByte(content[:min(len(content), 8192)], 0) >= 0 {
		notify(finding.LevelWarning, "binary-file", fmt.Sprintf("%s has a source-code name but binary content: not scanned", f.Path))
		return
	}
	if isCode && !utf8.Valid(content) {
		notify(finding.LevelNote, "not-utf8", fmt.Sprintf("%s is not valid UTF-8: scanned as it is, columns may be off", f.Path))
	}
	passes := j.passes
	// Minified and generated code is recognised here, where the content is
	// read anyway, rather than by the walker reading every file twice.
	if isCode && f.Class == finding.ClassFirstParty && walk.GeneratedName(f.Name) == "" {
		if reason := walk.GeneratedContent(f.Lang, content); reason != "" {
			walk.MarkGenerated(f, reason, opts.Walk.ScanGenerated)
			if f.Class == finding.ClassGenerated {
				notify(finding.LevelNote, "generated-file", f.Path+": "+f.Reason)
				passes = slices.DeleteFunc(slices.Clone(passes), func(p Pass) bool { return !p.Wants(f) })
			}
		}
	}
	if !opts.NoInlineIgnores {
		for _, line := range suppress.BareIgnores(content) {
			sk.notify(finding.Notification{Level: finding.LevelWarning, Code: "bare-ignore", Input: f.Input.Name, Path: f.Path, Line: line,
				Message: fmt.Sprintf("%s:%d: %s names no rule, so it suppresses nothing: write %s RULE-ID -- reason", f.Path, line, suppress.Marker, suppress.Marker)})
		}
	}
	u := &Unit{File: f, Content: content, parser: parser, ctx: ctx, sink: sk}
	u.snippets = snippetMaker(opts, content)
	defer func() {
		if u.tree != nil {
			u.tree.Close()
		}
	}()
	for _, p := range passes {
		if err := safeRun(ctx, p, u); err != nil {
			if ctx.Err() != nil {
				return
			}
			notify(finding.LevelWarning, "pass-error", fmt.Sprintf("%s pass on %s: %v", p.Name(), f.Path, err))
		}
	}
	if u.err != nil && !errors.Is(u.err, context.Canceled) {
		notify(finding.LevelWarning, "parse-failed", fmt.Sprintf("%s not parsed: %v", f.Path, u.err))
	}
}

// readHead reads the first 32 KiB of a file (for files over the size limit).
func readHead(f *File) []byte {
	r, err := f.FS.Open(f.Name)
	if err != nil {
		return nil
	}
	defer r.Close()
	head, _ := io.ReadAll(io.LimitReader(r, 32<<10))
	return head
}

// safeRun runs a pass and turns a panic into an error: a bug in one
// detector must not stop the scan of every other file.
func safeRun(ctx context.Context, p Pass, u *Unit) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("internal error (please report): %v", r)
		}
	}()
	return p.Run(ctx, u)
}

// snippetMaker returns a function that fills a finding's snippet from the
// content of its file while that content is in memory.
func snippetMaker(opts Options, content []byte) func(f *finding.Finding) {
	var lines []string
	return func(f *finding.Finding) {
		describeFixes(f, content)
		if f.Location.StartLine <= 0 || opts.SnippetContext < 0 {
			return
		}
		if lines == nil {
			lines = strings.Split(string(content), "\n")
		}
		fill(opts, f, lines)
	}
}

// describeFixes adds the unified diff to each fix of f whose edits are all
// in f's own file, whose content is given.
func describeFixes(f *finding.Finding, content []byte) {
	for i := range f.Fixes {
		fx := &f.Fixes[i]
		if fx.Diff != "" || len(fx.Edits) == 0 {
			continue
		}
		own := true
		for _, e := range fx.Edits {
			own = own && (e.Path == "" || e.Path == f.Location.Path)
		}
		if !own {
			continue
		}
		if d, err := fixes.Preview(f.Location.Path, content, fx); err == nil {
			fx.Diff = d
		}
	}
}

// fill sets the snippet, the masked flow code and the fingerprint of a
// finding from its file's lines.
func fill(opts Options, f *finding.Finding, lines []string) {
	if f.Location.StartLine > len(lines) {
		return
	}
	if f.Snippet == nil {
		from := max(1, f.Location.StartLine-opts.SnippetContext)
		end := max(f.Location.EndLine, f.Location.StartLine)
		to := min(len(lines), end+opts.SnippetContext)
		if to-from > 2*opts.SnippetContext+8 { // long spans: show the start only
			to = min(len(lines), f.Location.StartLine+opts.SnippetContext+4)
		}
		sn := &finding.Snippet{StartLine: from}
		for i := from; i <= to; i++ {
			sn.Lines = append(sn.Lines, maskLine(opts.Masker, clip(strings.TrimRight(lines[i-1], "\r"))))
		}
		f.Snippet = sn
	}
	if !opts.NoInlineIgnores && f.Suppression == nil {
		if s, ok := suppress.ForFinding(lines, f); ok {
			f.Suppression = s
		}
	}
	f.LineHash = finding.LineHash(lines[f.Location.StartLine-1])
}

// clip shortens a very long line (minified code) around nothing in
// particular: a snippet is for people, and 400 characters is plenty.
func clip(s string) string {
	const max = 400
	if len(s) <= max {
		return s
	}
	cut := max
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + " …"
}

func maskLine(m mask.Liner, line string) string {
	if m == nil {
		return line
	}
	return mask.Line(line, m.SecretSpans(line))
}

// completeFindings adds what passes leave to the pipeline: the snippet of
// findings reported outside a unit (Finish), masked flow steps, and the
// fingerprint.
func completeFindings(opts Options, inputs []*input.Input, rep *finding.Report) {
	byName := map[string]*input.Input{}
	for _, in := range inputs {
		byName[in.Name] = in
	}
	// Findings made after the walk (taint, packages) need their file again:
	// each file is read once, for its fixes' diffs, snippets and flow code.
	type file struct {
		data  []byte
		lines []string
	}
	cache := map[string]*file{}
	fileOf := func(inputName, p string) *file {
		key := inputName + "\x00" + p
		if c, ok := cache[key]; ok {
			return c
		}
		c := &file{}
		if in := byName[inputName]; in != nil && !strings.Contains(p, "!/") {
			if data, err := input.ReadFile(in.FS, p, opts.MaxFileSize); err == nil {
				c.data, c.lines = data, strings.Split(string(data), "\n")
			}
		}
		cache[key] = c
		return c
	}
	linesOf := func(inputName, p string) []string { return fileOf(inputName, p).lines }
	for i := range rep.Findings {
		f := &rep.Findings[i]
		if f.Rule != nil && f.RuleID == "" {
			f.RuleID = f.Rule.ID
		}
		if len(f.Fixes) > 0 && f.Fixes[0].Diff == "" {
			if c := fileOf(f.Location.Input, f.Location.Path); c.data != nil {
				describeFixes(f, c.data)
			}
		}
		if f.Location.StartLine > 0 && (f.Snippet == nil || f.LineHash == "") {
			if lines := linesOf(f.Location.Input, f.Location.Path); lines != nil {
				fill(opts, f, lines)
			}
		}
		for j := range f.Flow {
			step := &f.Flow[j]
			if step.Code == "" && step.Location.StartLine > 0 {
				if lines := linesOf(cmp.Or(step.Location.Input, f.Location.Input), step.Location.Path); step.Location.StartLine <= len(lines) {
					step.Code = strings.TrimSpace(lines[step.Location.StartLine-1])
				}
			}
			step.Code = maskLine(opts.Masker, clip(step.Code))
		}
	}
	finding.Sort(rep.Findings)
	finding.AssignFingerprints(rep.Findings)
}
