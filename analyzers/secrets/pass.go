package secrets

import (
	"context"
	"path"
	"strings"

	"github.com/lambdascan/lambdascan/engine/finding"
	"github.com/lambdascan/lambdascan/engine/mask"
	"github.com/lambdascan/lambdascan/engine/scan"
)

// Pass is the secrets scan.Pass ("--scanners secrets"). It also serves as
// the engine's snippet masker (mask.Liner) and lists its rules
// (scan.RuleSource).
type Pass struct {
	*Detector
}

var (
	_ scan.Pass       = (*Pass)(nil)
	_ scan.RuleSource = (*Pass)(nil)
	_ mask.Liner      = (*Pass)(nil)
	_ mask.Liner      = (*Detector)(nil)
)

// New returns the secrets pass.
func New(opts Options) *Pass { return &Pass{Detector: NewDetector(opts)} }

// Name is the scanner name users select with --scanners.
func (p *Pass) Name() string { return "secrets" }

// binaryExts are never text; content sniffing catches the rest.
var binaryExts = map[string]bool{
	".png": true, ".jpg": true, ".jpeg": true, ".gif": true, ".webp": true, ".ico": true, ".bmp": true, ".tiff": true,
	".pdf": true, ".zip": true, ".gz": true, ".tgz": true, ".bz2": true, ".xz": true, ".zst": true, ".7z": true,
	".jar": true, ".war": true, ".ear": true, ".whl": true, ".egg": true, ".class": true, ".pyc": true, ".pyo": true,
	".so": true, ".dylib": true, ".dll": true, ".exe": true, ".node": true, ".wasm": true, ".o": true, ".a": true,
	".woff": true, ".woff2": true, ".ttf": true, ".otf": true, ".eot": true, ".mp3": true, ".mp4": true, ".mov": true,
	".db": true, ".sqlite": true, ".sqlite3": true, ".mo": true, ".npy": true, ".pkl": true, ".parquet": true,
	".onnx": true, ".pt": true, ".bin": true, ".dat": true,
}

// Wants selects text-ish files that are not installed dependencies
// (node_modules and site-packages are noise here); bundles ("generated") and
// config ("other") are scanned, since bundlers inline secrets.
func (p *Pass) Wants(f *scan.File) bool {
	switch f.Class {
	case finding.ClassThirdParty, finding.ClassExcluded:
		return false
	}
	if f.Size > p.opts.MaxFileSize {
		return false
	}
	name := f.Path
	if i := strings.LastIndexByte(name, '!'); i >= 0 {
		name = name[i+1:]
	}
	return !binaryExts[strings.ToLower(path.Ext(name))]
}

// Run scans one file and reports its secrets.
func (p *Pass) Run(ctx context.Context, u *scan.Unit) error {
	fs, notes := p.Scan(ctx, u.File.Path, u.Content)
	for _, f := range fs {
		u.Report(f)
	}
	for _, n := range notes {
		u.Notify(finding.LevelWarning, "secrets-truncated", n, 0)
	}
	return nil
}

// SecretSpans finds the secrets in one line of text, for masking snippets
// of any finding. It is deliberately broader than Scan: low-confidence and
// documented-example values, bare values, and lines that look like the body
// of a PEM block are all masked.
func (d *Detector) SecretSpans(line string) []mask.Span {
	if line == "" {
		return nil
	}
	content := []byte(line)
	var spans []mask.Span
	for _, c := range d.candidates(context.Background(), "line.env", content) {
		spans = append(spans, mask.Span{Start: c.start, End: c.end})
	}
	if t := strings.TrimSpace(line); len(t) >= 40 && isBase64Line(t) {
		s := strings.Index(line, t)
		spans = append(spans, mask.Span{Start: s, End: s + len(t)})
	}
	return spans
}

// isBase64Line is true for a line made only of base64 characters (the body
// of a PEM block, or a key pasted on its own line), optionally quoted.
func isBase64Line(t string) bool {
	t = strings.Trim(t, `"',\n`)
	if len(t) < 40 {
		return false
	}
	for i := 0; i < len(t); i++ {
		c := t[i]
		if !('A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '+' || c == '/' || c == '=') {
			return false
		}
	}
	return hasDigitAndLetter(t)
}
