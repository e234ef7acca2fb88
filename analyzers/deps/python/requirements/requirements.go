// Package requirements reads pip requirements files (requirements*.txt):
// exact pins ("pkg==1.2.3", "pkg[extra]===1.2.3"), with environment
// markers, hashes, comments and line continuations, following "-r"
// includes and using "-c" constraint files to pin otherwise unpinned
// requirements. A requirement without an exact pin is skipped, never
// guessed: a range says nothing certain about what was installed.
package requirements

import (
	"context"
	"errors"
	"fmt"
	"path"
	"strings"

	"github.com/lambdascan/lambdascan/analyzers/deps/extract"
	"github.com/lambdascan/lambdascan/engine/finding"
)

// Name is the extractor's name.
const Name = "python/requirements"

// maxDepth bounds nested includes, beyond the cycle guard.
const maxDepth = 16

// Extractor reads requirements files.
type Extractor struct{}

// Name implements extract.Extractor.
func (Extractor) Name() string { return Name }

// Tier implements extract.Tiered.
func (Extractor) Tier() extract.Tier { return extract.TierManifest }

// FileRequired implements extract.Extractor: "requirements*.txt",
// "*-requirements.txt" and any .txt file in a "requirements/" folder.
func (Extractor) FileRequired(p string) bool {
	base := extract.Base(p)
	if !strings.HasSuffix(base, ".txt") {
		return false
	}
	if strings.Contains(base, "requirements") {
		return true
	}
	dir := path.Base(path.Dir(strings.ReplaceAll(p, "!/", "/")))
	return dir == "requirements"
}

// pin is one exactly pinned requirement.
type pin struct {
	name, version, path string
	line                int
}

type parser struct {
	in       extract.Input
	visited  map[string]bool
	pins     []pin
	unpinned []pin // name, path, line of requirements without a pin
	cons     map[string]pin
	errs     []error
}

// Extract implements extract.Extractor.
func (Extractor) Extract(ctx context.Context, in extract.Input) ([]finding.Package, error) {
	p := &parser{in: in, visited: map[string]bool{}, cons: map[string]pin{}}
	p.parse(ctx, in.Path, in.Content, false, 0)
	var out []finding.Package
	pinned := map[string]bool{}
	for _, r := range p.pins {
		pinned[r.name] = true
		out = append(out, p.pkg(r))
	}
	for _, r := range p.unpinned {
		if pinned[r.name] {
			continue
		}
		if c, ok := p.cons[r.name]; ok {
			pinned[r.name] = true
			out = append(out, p.pkg(c))
		}
	}
	return out, errors.Join(p.errs...)
}

func (p *parser) pkg(r pin) finding.Package {
	pkg := extract.Package(extract.PyPI, r.name, r.version, r.path, Name, finding.ConfidenceMedium)
	pkg.Location.StartLine = r.line
	return pkg
}

// parse reads one file; constraint files only feed p.cons.
func (p *parser) parse(ctx context.Context, file string, b []byte, constraint bool, depth int) {
	if p.visited[file] {
		return // an include cycle, or a file included twice
	}
	p.visited[file] = true
	var logical strings.Builder
	start := 0
	extract.Lines(b, func(n int, line string) bool {
		if ctx.Err() != nil {
			return false
		}
		if logical.Len() == 0 {
			start = n
		}
		if strings.HasSuffix(line, `\`) {
			logical.WriteString(strings.TrimSuffix(line, `\`))
			logical.WriteByte(' ')
			return true
		}
		logical.WriteString(line)
		p.line(ctx, file, start, logical.String(), constraint, depth)
		logical.Reset()
		return true
	})
	if logical.Len() > 0 {
		p.line(ctx, file, start, logical.String(), constraint, depth)
	}
}

func (p *parser) line(ctx context.Context, file string, n int, line string, constraint bool, depth int) {
	line = stripComment(line)
	if line == "" {
		return
	}
	if line[0] == '-' {
		opt, arg := splitOption(line)
		switch opt {
		case "-r", "--requirement", "-c", "--constraint":
			if arg == "" {
				p.errs = append(p.errs, extract.Malformed("%s line %d: %s without a file", extract.Base(file), n, opt))
				return
			}
			p.include(ctx, file, n, arg, constraint || opt == "-c" || opt == "--constraint", depth)
		}
		return // other options: -e, -i, --index-url, -f, --hash on its own ...
	}
	name, version, ok, valid := parseRequirement(line)
	if !valid {
		p.errs = append(p.errs, extract.Malformed("%s line %d is not a valid requirement", extract.Base(file), n))
		return
	}
	norm := extract.NormalizePyPI(name)
	switch {
	case constraint && ok:
		if _, seen := p.cons[norm]; !seen {
			p.cons[norm] = pin{name: name, version: version, path: file, line: n}
		}
	case constraint:
	case ok:
		p.pins = append(p.pins, pin{name: name, version: version, path: file, line: n})
	case name != "":
		p.unpinned = append(p.unpinned, pin{name: norm, path: file, line: n})
	}
}

func (p *parser) include(ctx context.Context, file string, n int, ref string, constraint bool, depth int) {
	if strings.Contains(ref, "://") {
		return // a URL: never fetched
	}
	target := extract.Join(file, ref)
	if p.visited[target] {
		return
	}
	if depth >= maxDepth {
		p.errs = append(p.errs, fmt.Errorf("%s line %d: includes nested deeper than %d, %s not read", extract.Base(file), n, maxDepth, ref))
		return
	}
	if p.in.ReadSibling == nil {
		p.errs = append(p.errs, fmt.Errorf("%s line %d: cannot read included file %s", extract.Base(file), n, ref))
		return
	}
	b, err := p.in.ReadSibling(target)
	if err != nil {
		p.errs = append(p.errs, fmt.Errorf("%s line %d: read included file %s: %w", extract.Base(file), n, ref, err))
		return
	}
	p.parse(ctx, target, b, constraint, depth+1)
}

// stripComment removes a "#" comment (at line start or after white space)
// and surrounding white space.
func stripComment(line string) string {
	for i := 0; i < len(line); i++ {
		if line[i] == '#' && (i == 0 || line[i-1] == ' ' || line[i-1] == '\t') {
			line = line[:i]
			break
		}
	}
	return strings.TrimSpace(line)
}

// splitOption splits "-r file", "-rfile", "--requirement=file" and
// "--requirement file" into the option and its argument.
func splitOption(line string) (opt, arg string) {
	if strings.HasPrefix(line, "--") {
		end := strings.IndexAny(line, " \t=")
		if end < 0 {
			return line, ""
		}
		return line[:end], firstField(strings.TrimLeft(line[end:], " \t="))
	}
	if len(line) < 2 {
		return line, ""
	}
	return line[:2], firstField(strings.TrimSpace(line[2:]))
}

func firstField(s string) string {
	if f := strings.Fields(s); len(f) > 0 {
		return f[0]
	}
	return ""
}

// parseRequirement reads a PEP 508 requirement line. ok says it is pinned
// with == or === to one exact version; valid is false for a line that is
// not a requirement at all. Direct references ("pkg @ url"), paths and
// URLs are valid but not pinned.
func parseRequirement(line string) (name, version string, ok, valid bool) {
	// Per-requirement options (--hash=..., --global-option ...) come after
	// white space; markers after ";".
	if i := strings.Index(line, " --"); i >= 0 {
		line = line[:i]
	}
	if i := strings.IndexByte(line, ';'); i >= 0 {
		line = line[:i]
	}
	line = strings.TrimSpace(line)
	if line == "" {
		return "", "", false, true
	}
	if strings.HasPrefix(line, ".") || strings.HasPrefix(line, "/") {
		return "", "", false, true // a local path
	}
	i := 0
	for i < len(line) && isNameByte(line[i]) {
		i++
	}
	if strings.Contains(line, "://") && !strings.HasPrefix(strings.TrimSpace(line[i:]), "@") {
		return "", "", false, true // a URL ("https://...", "git+https://...")
	}
	if i == 0 || !isAlnum(line[0]) || !isAlnum(line[i-1]) {
		return "", "", false, false
	}
	name = line[:i]
	rest := strings.TrimSpace(line[i:])
	if strings.HasPrefix(rest, "[") {
		end := strings.IndexByte(rest, ']')
		if end < 0 {
			return "", "", false, false
		}
		rest = strings.TrimSpace(rest[end+1:])
	}
	if rest == "" {
		return name, "", false, true
	}
	if rest[0] == '@' {
		return name, "", false, true // direct reference
	}
	rest = strings.TrimSpace(strings.TrimSuffix(strings.TrimPrefix(rest, "("), ")"))
	if rest == "" {
		return name, "", false, true
	}
	if !strings.ContainsAny(rest[:1], "=<>!~") {
		return "", "", false, false
	}
	for _, clause := range strings.Split(rest, ",") {
		clause = strings.TrimSpace(clause)
		if !strings.HasPrefix(clause, "==") {
			continue
		}
		v := strings.TrimSpace(strings.TrimLeft(clause, "="))
		if v == "" || strings.ContainsAny(v, "* ") {
			continue
		}
		return name, v, true, true
	}
	return name, "", false, true
}

func isAlnum(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}

func isNameByte(c byte) bool { return isAlnum(c) || c == '-' || c == '_' || c == '.' }
