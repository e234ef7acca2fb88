package scan

import (
	"context"
	"sync"

	"github.com/lambdascan/lambdascan/engine/finding"
	"github.com/lambdascan/lambdascan/engine/input"
	"github.com/lambdascan/lambdascan/engine/parse"
	"github.com/lambdascan/lambdascan/engine/walk"
)

// File is the walker's view of one file (see walk.File).
type File = walk.File

// Unit is one file handed to the passes: its content is read once and its
// tree parsed at most once, then freed when every pass is done.
type Unit struct {
	File    *File
	Content []byte

	parser *parse.Parser
	ctx    context.Context
	tree   *parse.Tree
	err    error
	parsed bool
	sink   *sink
	// snippets fills a finding's snippet from Content.
	snippets func(f *finding.Finding)
}

// Tree parses the unit's content with the worker's parser on first use.
// A file with syntax errors yields a partial tree and a notification.
func (u *Unit) Tree() (*parse.Tree, error) {
	if !u.parsed {
		u.parsed = true
		u.tree, u.err = u.parser.Parse(u.ctx, u.File.Lang, u.Content)
		if u.err == nil {
			u.sink.parsed(int64(len(u.Content)))
			if e, bad := u.tree.FirstError(); bad {
				u.Notify(finding.LevelWarning, "syntax-error",
					"syntax error at "+e.String()+"; the rest of the file was still scanned", e.Line)
			}
		}
	}
	return u.tree, u.err
}

// Report adds a finding. Location.Input, Location.Path, Layer and Function
// are filled from the unit when empty; snippet and fingerprint are added by
// the pipeline.
func (u *Unit) Report(f finding.Finding) {
	u.place(&f.Location, &f.Layer)
	if f.Function == "" {
		f.Function = u.File.Input.Function
	}
	if f.Location.Path == u.File.Path && f.Location.Input == u.File.Input.Name && u.snippets != nil {
		u.snippets(&f)
	}
	u.sink.finding(f)
}

// place fills what a pass left empty of where a result is: this file's
// path and input, and the layer it came from.
func (u *Unit) place(loc *finding.Location, layer *string) {
	if loc.Path == "" {
		loc.Path = u.File.Path
	}
	if loc.Input == "" {
		loc.Input = u.File.Input.Name
	}
	if *layer == "" && u.File.Input.Layer {
		*layer = u.File.Input.LayerName()
	}
}

// AddPackage records a third-party package found in this file.
func (u *Unit) AddPackage(p finding.Package) {
	u.place(&p.Location, &p.Layer)
	u.sink.pkg(p)
}

// Notify reports a problem with this file; the scan goes on.
func (u *Unit) Notify(level finding.Level, code, msg string, line int) {
	u.sink.notify(finding.Notification{Level: level, Code: code, Message: msg,
		Input: u.File.Input.Name, Path: u.File.Path, Line: line})
}

// ReadSibling reads another file of the same input (e.g. a requirements
// file named by `-r`), bounded by the pipeline's file size limit.
func (u *Unit) ReadSibling(name string) ([]byte, error) {
	return input.ReadFile(u.File.FS, name, u.sink.maxFile)
}

// Pass is one analysis over files: code rules, secrets, package inventory.
// Passes are registered explicitly by the command that builds a scan.
type Pass interface {
	// Name is the scanner name users select with --scanners.
	Name() string
	// Wants reports, from the file's path and class only, whether the pass
	// reads this file. It is called for every file and must be cheap.
	Wants(f *File) bool
	// Run analyses one file. It is called from many goroutines at once.
	// Problems with the file are reported with Unit.Notify, not returned;
	// a returned error is reported as a notification too.
	Run(ctx context.Context, u *Unit) error
}

// Finisher is a Pass that has work to do after every file was seen: match
// packages against advisories, follow taint across modules.
type Finisher interface {
	Finish(ctx context.Context, r *Results) error
}

// ScopeFinisher is a Finisher whose cross-file work needs only the files
// of one scope (walk.File.Scope) at a time, such as taint across the
// modules of one function. FinishScope is called once per scope, from any
// goroutine and concurrently for different scopes, as soon as the walker
// has left the scope and every file of it has been run, so the work runs
// alongside the rest of the scan and its state can be freed. Finish is
// still called at the end for whatever was left (a walk cut short).
type ScopeFinisher interface {
	Finisher
	FinishScope(ctx context.Context, in *input.Input, scope string, r *Results) error
}

// Results is what the passes produced so far; Finish methods read and add
// to it. Its methods are safe for concurrent use.
type Results struct {
	mu            sync.Mutex
	Findings      []finding.Finding
	Packages      []finding.Package
	Notifications []finding.Notification
	Rules         []*finding.Rule
}

// Add appends findings.
func (r *Results) Add(fs ...finding.Finding) {
	r.mu.Lock()
	r.Findings = append(r.Findings, fs...)
	r.mu.Unlock()
}

// AddNotification appends a notification.
func (r *Results) AddNotification(n finding.Notification) {
	r.mu.Lock()
	r.Notifications = append(r.Notifications, n)
	r.mu.Unlock()
}

// AddRules records rules that ran (for writers that list rules).
func (r *Results) AddRules(rules ...*finding.Rule) {
	r.mu.Lock()
	r.Rules = append(r.Rules, rules...)
	r.mu.Unlock()
}

// RuleSource is a Pass that can list the rules it runs.
type RuleSource interface {
	Rules() []*finding.Rule
}

// sink collects what units report, safely from many workers.
type sink struct {
	res     *Results
	maxFile int64
	mu      sync.Mutex
	files   int
	bytes   int64
	// explainFiles keeps every file's final classification in infos.
	explainFiles bool
	infos        []finding.FileInfo
}

// explain records how a file was classified, when asked to.
func (s *sink) explain(f *File) {
	if !s.explainFiles {
		return
	}
	s.mu.Lock()
	s.infos = append(s.infos, finding.FileInfo{Input: f.Input.Name, Path: f.Path, Class: f.Class,
		Language: string(f.Lang), Reason: f.Reason, Size: f.Size})
	s.mu.Unlock()
}

func (s *sink) finding(f finding.Finding) { s.res.Add(f) }
func (s *sink) notify(n finding.Notification) {
	s.res.AddNotification(n)
}
func (s *sink) pkg(p finding.Package) {
	s.res.mu.Lock()
	s.res.Packages = append(s.res.Packages, p)
	s.res.mu.Unlock()
}
func (s *sink) parsed(n int64) {
	s.mu.Lock()
	s.files++
	s.bytes += n
	s.mu.Unlock()
}
