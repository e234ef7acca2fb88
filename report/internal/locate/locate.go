// Package locate names the files of a report the same way in every writer:
// the path alone when the report has one input, prefixed by the input's
// name when it has several, and the URIs SARIF wants. The table, CSV, SARIF,
// ASFF, Inspector and HTML writers all print file names through it.
package locate

import (
	"fmt"
	"net/url"
	"path"
	"path/filepath"
	"strings"

	"github.com/lambdascan/lambdascan/engine/finding"
)

// Locator turns (input, path) pairs into the file names and URIs writers
// print. With one input, paths stand alone; with several, each is prefixed
// by its input's name so files of different inputs never collide.
type Locator struct {
	Multi   bool
	SrcRoot string // absolute, slash-separated, no trailing slash; "" if unset
}

// New returns the locator for a report; srcRoot is the directory inputs
// are relative to ("" for none).
func New(r *finding.Report, srcRoot string) Locator {
	names := map[string]bool{}
	for _, in := range r.Inputs {
		names[in.Name] = true
	}
	for i := range r.Findings {
		if n := r.Findings[i].Location.Input; n != "" {
			names[n] = true
		}
	}
	l := Locator{Multi: len(names) > 1}
	if srcRoot != "" {
		if abs, err := filepath.Abs(srcRoot); err == nil {
			l.SrcRoot = strings.TrimSuffix(filepath.ToSlash(abs), "/")
		}
	}
	return l
}

// InputName cleans an input name for display and URIs: a path below SrcRoot
// becomes relative to it, "./x" becomes "x".
func (l Locator) InputName(input string) string {
	if input == "" {
		return ""
	}
	s := filepath.ToSlash(input)
	if l.SrcRoot != "" && (path.IsAbs(s) || filepath.IsAbs(input)) {
		if rel, ok := strings.CutPrefix(path.Clean(s), l.SrcRoot+"/"); ok {
			return rel
		}
	}
	if strings.Contains(s, "/") || s == "." || s == ".." {
		s = path.Clean(s)
	}
	return s
}

// Display is the name a person reads: "fn.zip/src/app.py" when the report
// has several inputs, "src/app.py" otherwise.
func (l Locator) Display(input, p string) string {
	name := l.InputName(input)
	switch {
	case p == "":
		return name
	case l.Multi && name != "" && name != ".":
		return strings.TrimSuffix(name, "/") + "/" + strings.TrimPrefix(p, "/")
	}
	return p
}

// URI returns the SARIF artifactLocation for a file: a relative reference
// against %SRCROOT%, or an absolute file URI (and no base) when the input
// name is an absolute path outside SrcRoot. ok is false when there is no
// file to point at.
func (l Locator) URI(input, p string) (uri string, base bool, ok bool) {
	d := l.Display(input, p)
	if d == "" {
		return "", false, false
	}
	if path.IsAbs(d) || (len(d) > 2 && d[1] == ':' && d[2] == '/') { // "/x" or "C:/x"
		if !strings.HasPrefix(d, "/") {
			d = "/" + d
		}
		return "file://" + EscapePath(d), false, true
	}
	return EscapePath(strings.TrimPrefix(d, "./")), true, true
}

// EscapePath percent-encodes a slash path for use as a URI reference. It
// keeps '/' and the characters RFC 3986 allows in a path segment (so the
// "!/" of nested archive paths survives) but escapes ':' so no segment is
// mistaken for a scheme, and '%', '?', '#', spaces and non-ASCII bytes.
func EscapePath(p string) string {
	var b strings.Builder
	for i := 0; i < len(p); i++ {
		c := p[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9',
			strings.IndexByte("-._~!$&'()*+,;=@/", c) >= 0:
			b.WriteByte(c)
		default:
			fmt.Fprintf(&b, "%%%02X", c)
		}
	}
	return b.String()
}

// FileURL returns the file:// URL of an absolute slash directory, with the
// trailing slash SARIF wants on a base URI.
func FileURL(dir string) string {
	if !strings.HasPrefix(dir, "/") {
		dir = "/" + dir
	}
	u := url.URL{Scheme: "file", Path: strings.TrimSuffix(dir, "/") + "/"}
	return u.String()
}
