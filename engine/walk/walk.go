// Package walk lists the files of an input and classifies each one exactly
// once: the function's own code (which code rules scan), installed
// third-party dependencies (which the package pass reads), generated or
// minified bundles, files left out by --include/--exclude, and everything
// else. Each classification carries its reason so users can see, with
// --explain-files, why a file was or was not scanned.
package walk

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"path"
	"strings"

	"github.com/bmatcuk/doublestar/v4"

	"github.com/lambdascan/lambdascan/engine/finding"
	"github.com/lambdascan/lambdascan/engine/input"
	"github.com/lambdascan/lambdascan/engine/parse"
)

// File is one file of an input as the walker classified it.
type File struct {
	Input *input.Input
	// Path is slash-separated inside the input; files inside nested
	// archives read "lib/app.jar!/META-INF/maven/g/a/pom.properties".
	Path   string
	Class  finding.FileClass
	Reason string // why Class was chosen, for --explain-files
	Lang   parse.Language
	Size   int64
	// FS is the file system the file lives in (the input's, or a nested
	// archive's), and Name the file's path there.
	FS   fs.FS
	Name string
	// Depth is the archive nesting depth of FS (0 for a directory input).
	Depth int
	// Scope names the function package the file belongs to, as a folder
	// of the input ("" for the input root, "svc-a", "lib/x.zip!/"):
	// cross-file analyses such as taint only need the files of one scope
	// at a time. It is the outermost folder, from the root down, that
	// holds a package manifest (requirements.txt, package.json, pom.xml,
	// template.yaml...) or a code file of its own, so a function's
	// subfolders share its scope and a folder of functions gives one
	// scope each. A layer is one scope.
	Scope string
	// ScopeEnd is true on the last file of its Scope that the walk
	// visits: after it, no file of that scope comes.
	ScopeEnd bool
}

// Options say which files to consider.
type Options struct {
	// Include, when not empty, keeps only files matching one of these
	// doublestar globs (matched against the path inside the input).
	Include []string
	// Exclude leaves out files matching any of these globs.
	Exclude []string
	// ScanGenerated classifies minified and generated code as first-party.
	ScanGenerated bool
}

// Validate checks the globs.
func (o Options) Validate() error {
	for _, g := range append(append([]string{}, o.Include...), o.Exclude...) {
		if !doublestar.ValidatePattern(g) {
			return fmt.Errorf("bad glob %q", g)
		}
	}
	return nil
}

// sniffSize is how much of a code file the walker reads to recognise
// minified or generated output.
const sniffSize = 32 << 10

// Walk lists every file of in, classifies it and calls visit. Problems
// (unreadable directories, symlinks, bad nested archives) come back as
// notifications; only a cancelled context or an error from visit stops it.
func Walk(ctx context.Context, in *input.Input, opts Options, visit func(*File) error) ([]finding.Notification, error) {
	w := &walker{in: in, opts: opts, visit: visit}
	w.notes = append(w.notes, in.Problems...)
	err := w.walkFS(ctx, in.FS, "", 1, false)
	return w.notes, err
}

type walker struct {
	in    *input.Input
	opts  Options
	visit func(*File) error
	notes []finding.Notification
}

type entry struct {
	name string
	size int64
}

func (w *walker) note(level finding.Level, code, p, msg string) {
	w.notes = append(w.notes, finding.Notification{Level: level, Code: code, Input: w.in.Name, Path: p, Message: msg})
}

// walkFS walks one file system. prefix is "" for the input itself and
// "lib/a.jar!/" for a nested archive; depth is the archive nesting depth of
// fsys; thirdParty says the whole FS is a dependency (a jar under lib/).
func (w *walker) walkFS(ctx context.Context, fsys fs.FS, prefix string, depth int, thirdParty bool) error {
	var files []entry
	var records []string
	err := fs.WalkDir(fsys, ".", func(name string, d fs.DirEntry, err error) error {
		if ctxErr := ctx.Err(); ctxErr != nil {
			return ctxErr
		}
		if err != nil {
			w.note(finding.LevelWarning, "unreadable", prefix+name, fmt.Sprintf("cannot read %s: %v", prefix+name, err))
			if d != nil && d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.Type()&fs.ModeSymlink != 0 {
			w.note(finding.LevelWarning, "symlink", prefix+name, fmt.Sprintf("%s is a symbolic link: not followed", prefix+name))
			return nil
		}
		if d.IsDir() {
			if name != "." && skipDir(d.Name()) {
				return fs.SkipDir
			}
			return nil
		}
		if !d.Type().IsRegular() {
			return nil
		}
		var size int64
		if info, err := d.Info(); err == nil {
			size = info.Size()
		}
		files = append(files, entry{name: name, size: size})
		if path.Base(name) == "RECORD" && strings.HasSuffix(path.Dir(name), ".dist-info") {
			records = append(records, name)
		}
		return nil
	})
	if err != nil {
		return err
	}
	owned := readRecords(fsys, records)
	scopes := w.scopes(files)
	last := map[string]int{}
	for i, sc := range scopes {
		last[sc] = i
	}
	for i, e := range files {
		if err := ctx.Err(); err != nil {
			return err
		}
		f := &File{Input: w.in, Path: prefix + e.name, FS: fsys, Name: e.name, Size: e.size, Depth: depth,
			Scope: prefix + scopes[i], ScopeEnd: last[scopes[i]] == i}
		if prefix != "" && scopes[i] == "" {
			f.Scope = prefix // "lib/x.zip!/": the nested archive's root
		}
		if w.in.Kind == input.KindDir && prefix == "" {
			f.Depth = 0
		}
		w.classify(f, owned, thirdParty)
		if err := w.visit(f); err != nil {
			return err
		}
		if input.IsArchiveName(e.name) && f.Class != finding.ClassExcluded {
			w.nested(ctx, f)
		}
	}
	return nil
}

// scopes returns the scope of each file of one file system (see
// File.Scope), as a folder path without the prefix of a nested archive.
func (w *walker) scopes(files []entry) []string {
	out := make([]string, len(files))
	if w.in.Layer {
		return out // a layer's packages import one another freely
	}
	// anchor holds the folders that hold a manifest or a code file.
	anchor := map[string]bool{}
	for _, e := range files {
		dir, base := path.Split(e.name)
		dir = strings.TrimSuffix(dir, "/")
		if anchor[dir] {
			continue
		}
		if (input.IsManifest(base) || parse.ForPath(base) != parse.None) && thirdPartyReason(e.name, false) == "" {
			anchor[dir] = true
		}
	}
	if anchor[""] {
		return out // the root is a function: every file is in it
	}
	for i, e := range files {
		for j := 0; j < len(e.name); j++ {
			if e.name[j] == '/' && anchor[e.name[:j]] {
				out[i] = e.name[:j]
				break
			}
		}
	}
	return out
}

// nested opens an archive inside the input and walks it too.
func (w *walker) nested(ctx context.Context, f *File) {
	child, problems, err := input.OpenNested(f.FS, f.Name, f.Path, f.Depth+1, w.in.Options)
	w.notes = append(w.notes, problems...)
	if err != nil {
		w.note(finding.LevelWarning, "nested-archive", f.Path, fmt.Sprintf("nested archive %s not opened: %v", f.Path, err))
		return
	}
	if err := w.walkFS(ctx, child, f.Path+"!/", f.Depth+1, f.Class == finding.ClassThirdParty); err != nil {
		w.note(finding.LevelWarning, "nested-archive", f.Path, fmt.Sprintf("nested archive %s: %v", f.Path, err))
	}
}

// skipDir names directories that never hold anything worth scanning.
func skipDir(name string) bool {
	switch name {
	case ".git", ".hg", ".svn", "__pycache__", ".mypy_cache", ".pytest_cache", ".tox", ".venv-cache":
		return true
	}
	return false
}

// readRecords reads the RECORD files of installed Python distributions and
// returns the set of paths they own, mapped to the RECORD that owns them.
func readRecords(fsys fs.FS, records []string) map[string]string {
	owned := map[string]string{}
	for _, rec := range records {
		data, err := input.ReadFile(fsys, rec, 16<<20)
		if err != nil {
			continue
		}
		base := path.Dir(path.Dir(rec)) // the site-packages dir holding the dist-info
		sc := bufio.NewScanner(bytes.NewReader(data))
		sc.Buffer(make([]byte, 64<<10), 1<<20)
		for sc.Scan() {
			line := sc.Text()
			p, _, _ := strings.Cut(line, ",")
			p = strings.Trim(p, `"`)
			if p == "" {
				continue
			}
			full := path.Clean(path.Join(base, p))
			if full == ".." || strings.HasPrefix(full, "../") {
				continue
			}
			owned[full] = rec
		}
	}
	return owned
}

// classify decides the class of f and records why.
func (w *walker) classify(f *File, owned map[string]string, thirdParty bool) {
	f.Lang = parse.ForPath(f.Name)
	if w.excluded(f) {
		return
	}
	if thirdParty {
		f.Class, f.Reason = finding.ClassThirdParty, "inside a dependency archive"
		return
	}
	if reason := thirdPartyReason(f.Name, w.in.Layer); reason != "" {
		f.Class, f.Reason = finding.ClassThirdParty, reason
		return
	}
	if rec, ok := owned[f.Name]; ok {
		f.Class, f.Reason = finding.ClassThirdParty, "installed by pip: listed in "+rec
		return
	}
	if f.Lang == parse.None {
		f.Class = finding.ClassOther
		if input.IsArchiveName(f.Name) {
			f.Reason = "archive: its entries are listed on their own"
		} else {
			f.Reason = "not source code in a scanned language"
		}
		return
	}
	f.Class, f.Reason = finding.ClassFirstParty, "function code ("+string(f.Lang)+")"
	if reason := GeneratedName(f.Name); reason != "" {
		MarkGenerated(f, reason, w.opts.ScanGenerated)
	}
}

// MarkGenerated records that a code file is minified or generated: its
// class becomes generated, or stays first-party when scanGenerated is set.
// The walker calls it for names like app.min.js; the scan calls it once it
// has read a file and GeneratedContent recognises the content, so no file
// is read twice.
func MarkGenerated(f *File, reason string, scanGenerated bool) {
	if scanGenerated {
		f.Class, f.Reason = finding.ClassFirstParty, reason+"; scanned because --scan-generated is set"
		return
	}
	f.Class, f.Reason = finding.ClassGenerated, reason+"; not scanned as first-party code (use --scan-generated)"
}

func (w *walker) excluded(f *File) bool {
	for _, g := range w.opts.Exclude {
		if matchGlob(g, f.Path) {
			f.Class, f.Reason = finding.ClassExcluded, fmt.Sprintf("matches --exclude %q", g)
			return true
		}
	}
	if len(w.opts.Include) == 0 {
		return false
	}
	for _, g := range w.opts.Include {
		if matchGlob(g, f.Path) {
			return false
		}
	}
	f.Class, f.Reason = finding.ClassExcluded, "matches no --include glob"
	return true
}

func matchGlob(g, p string) bool {
	ok, err := doublestar.Match(g, p)
	return err == nil && ok
}

// thirdPartyReason says why a path holds installed dependencies, or "".
func thirdPartyReason(name string, layer bool) string {
	parts := strings.Split(name, "/")
	for i, p := range parts[:len(parts)-1] {
		switch {
		case p == "node_modules":
			return "inside node_modules (installed npm packages)"
		case p == "site-packages" || p == "dist-packages":
			return "under " + p + " (installed Python packages)"
		case strings.HasSuffix(p, ".dist-info") || strings.HasSuffix(p, ".egg-info"):
			return "Python package metadata (" + p + ")"
		case (p == "lib" && i == len(parts)-2 && strings.EqualFold(path.Ext(name), ".jar")):
			return "dependency jar in lib/"
		case (p == "BOOT-INF" || p == "WEB-INF") && i+1 < len(parts)-1 && parts[i+1] == "lib":
			return "dependency jar in " + p + "/lib/"
		}
	}
	// A layer's python/ folder holds both pip-installed packages (owned by
	// a *.dist-info/RECORD, or under site-packages: caught above) and the
	// team's own shared modules, which are first-party code.
	if layer && len(parts) > 2 && parts[0] == "java" && parts[1] == "lib" {
		return "layer path java/lib/: dependency jars"
	}
	return ""
}

// GeneratedName says why a file name marks minified or bundled output, or "".
func GeneratedName(name string) string {
	lower := strings.ToLower(path.Base(name))
	for _, suf := range []string{".min.js", "-min.js", ".min.mjs", ".bundle.js", ".chunk.js"} {
		if strings.HasSuffix(lower, suf) {
			return "minified or bundled (" + suf + " file name)"
		}
	}
	return ""
}

// GeneratedContent says why a code file's content looks minified or
// generated, or "": a "Code generated ... DO NOT EDIT" header in any
// language; webpack, esbuild or rollup bundles and long minified lines in
// JavaScript. Only the first 32 KiB are looked at.
func GeneratedContent(lang parse.Language, content []byte) string {
	head := content[:min(len(content), sniffSize)]
	if lang.Family() != parse.JavaScript {
		h := head[:min(len(head), 1024)]
		if bytes.Contains(h, []byte("DO NOT EDIT")) && bytes.Contains(h, []byte("enerated")) {
			return "generated code (\"DO NOT EDIT\" header)"
		}
		return ""
	}
	return looksGenerated(head)
}

// looksGenerated inspects the start of a JavaScript file.
func looksGenerated(head []byte) string {
	switch {
	case bytes.Contains(head, []byte("webpackBootstrap")), bytes.Contains(head, []byte("__webpack_require__")):
		return "webpack bundle"
	case bytes.Contains(head, []byte("DO NOT EDIT")) && bytes.Contains(head, []byte("enerated")):
		return "generated code (\"DO NOT EDIT\" header)"
	}
	// esbuild and rollup bundles name the packages they inline.
	if bytes.Count(head, []byte("// node_modules/")) >= 2 {
		return "bundle with inlined node_modules (esbuild/rollup)"
	}
	lines := bytes.Count(head, []byte("\n")) + 1
	longest, cur := 0, 0
	for _, c := range head {
		if c == '\n' {
			longest, cur = max(longest, cur), 0
			continue
		}
		cur++
	}
	longest = max(longest, cur)
	if longest >= 1000 && len(head)/lines >= 200 {
		return fmt.Sprintf("minified (a %d-character line)", longest)
	}
	return ""
}
