package report

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode"

	"github.com/lambdascan/lambdascan/engine/finding"
	"github.com/lambdascan/lambdascan/report/internal/locate"
)

// ANSI styles used by the table when Options.Color is set.
const (
	ansiReset   = "\x1b[0m"
	ansiBold    = "\x1b[1m"
	ansiDim     = "\x1b[2m"
	ansiRed     = "\x1b[31m"
	ansiGreen   = "\x1b[32m"
	ansiYellow  = "\x1b[33m"
	ansiBlue    = "\x1b[34m"
	ansiMagenta = "\x1b[35m"
	ansiCyan    = "\x1b[36m"
)

type painter bool

// paint wraps s in style when colour is on.
func (p painter) paint(style, s string) string {
	if !p || s == "" {
		return s
	}
	return style + s + ansiReset
}

func severityStyle(s finding.Severity) string {
	switch s {
	case finding.SeverityCritical:
		return ansiBold + ansiMagenta
	case finding.SeverityHigh:
		return ansiBold + ansiRed
	case finding.SeverityMedium:
		return ansiYellow
	case finding.SeverityLow:
		return ansiBlue
	}
	return ansiDim
}

// clean makes text from a scanned file safe to print on a terminal:
// control characters (escape sequences, carriage returns, bidi overrides)
// are shown escaped instead of acting on the terminal. Tabs become spaces.
func clean(s string) string {
	ok := true
	for _, r := range s {
		if r != ' ' && (unicode.IsControl(r) || unicode.Is(unicode.Cf, r)) {
			ok = false
			break
		}
	}
	if ok {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '\t':
			b.WriteString("    ")
		case unicode.IsControl(r) || unicode.Is(unicode.Cf, r):
			q := strconv.QuoteRune(r)
			b.WriteString(q[1 : len(q)-1])
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

func writeTable(w io.Writer, r *finding.Report, opts Options) error {
	bw := bufio.NewWriter(w)
	p := painter(opts.Color)
	loc := locate.New(r, opts.SrcRoot)

	shown := 0
	header := ""
	for i := range r.Findings {
		f := &r.Findings[i]
		if f.Suppression != nil && !opts.ShowSuppressed {
			continue
		}
		shown++
		if h := loc.Display(f.Location.Input, f.Location.Path); h != header || shown == 1 {
			if shown > 1 {
				bw.WriteString("\n")
			}
			header = h
			name := clean(h)
			if name == "" || name == "." {
				name = "(no file)"
			}
			fmt.Fprintln(bw, p.paint(ansiBold+ansiCyan, name))
		}
		writeTableFinding(bw, f, p, loc, opts)
	}
	if shown == 0 {
		fmt.Fprintln(bw, p.paint(ansiGreen, "No findings."))
	}

	if len(r.Notifications) > 0 {
		fmt.Fprintln(bw)
		fmt.Fprintln(bw, p.paint(ansiBold, "Notifications:"))
		for _, n := range r.Notifications {
			where := loc.Display(n.Input, n.Path)
			if where == "" {
				where = n.Input
			}
			if n.Line > 0 {
				where += ":" + strconv.Itoa(n.Line)
			}
			style := ansiDim
			switch n.Level {
			case finding.LevelError:
				style = ansiRed
			case finding.LevelWarning:
				style = ansiYellow
			}
			line := fmt.Sprintf("  %-7s  %s", string(n.Level), clean(n.Code))
			if where != "" {
				line += "  " + clean(where)
			}
			fmt.Fprintf(bw, "%s  %s\n", p.paint(style, line), clean(n.Message))
		}
	}

	if opts.ExplainFiles {
		fmt.Fprintln(bw)
		fmt.Fprintln(bw, p.paint(ansiBold, "Files:"))
		if len(r.Files) == 0 {
			fmt.Fprintln(bw, "  (no files recorded)")
		}
		for _, fi := range r.Files {
			lang := fi.Language
			if lang == "" {
				lang = "-"
			}
			fmt.Fprintf(bw, "  %-11s  %-10s  %s  (%s)\n", string(fi.Class), clean(lang),
				clean(loc.Display(fi.Input, fi.Path)), clean(fi.Reason))
		}
	}

	c := countFindings(r.Findings)
	fmt.Fprintln(bw)
	parts := make([]string, 0, 5)
	for s := finding.SeverityCritical; s >= finding.SeverityInfo; s-- {
		part := fmt.Sprintf("%d %s", c.bySeverity[s], s)
		if c.bySeverity[s] > 0 {
			part = p.paint(severityStyle(s), part)
		}
		parts = append(parts, part)
	}
	n := c.total - c.suppressed
	summary := fmt.Sprintf("%s %d finding%s: %s", p.paint(ansiBold, "Summary:"), n, plural(n), strings.Join(parts, ", "))
	if c.suppressed > 0 {
		summary += fmt.Sprintf(" (%d suppressed", c.suppressed)
		if !opts.ShowSuppressed {
			summary += ", not shown"
		}
		summary += ")"
	}
	if k := len(r.Notifications); k > 0 {
		summary += fmt.Sprintf("; %d notification%s", k, plural(k))
	}
	fmt.Fprintln(bw, summary)
	return bw.Flush()
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

func writeTableFinding(w *bufio.Writer, f *finding.Finding, p painter, loc locate.Locator, opts Options) {
	pos := "-"
	if f.Location.StartLine > 0 {
		pos = strconv.Itoa(f.Location.StartLine)
		if f.Location.StartColumn > 0 {
			pos += ":" + strconv.Itoa(f.Location.StartColumn)
		}
	}
	sev := fmt.Sprintf("%-8s", strings.ToUpper(f.Severity.String()))
	msg := clean(firstLine(f.Message))
	fmt.Fprintf(w, "  %s %-8s %s  %s\n", p.paint(severityStyle(f.Severity), sev), pos, p.paint(ansiBold, clean(f.RuleID)), msg)

	const indent = "      "
	var extra []string
	if pk := f.Package; pk != nil {
		s := fmt.Sprintf("package %s %s (%s)", pk.Name, pk.Version, pk.Ecosystem)
		if v := f.Vulnerability; v != nil {
			if v.FixedVersion != "" {
				s += ", fixed in " + v.FixedVersion
			} else if !v.FixAvailable {
				s += ", no fix available"
			}
		}
		extra = append(extra, s)
	}
	if f.Function != "" {
		extra = append(extra, "function "+f.Function)
	}
	if f.Layer != "" {
		extra = append(extra, "layer "+f.Layer)
	}
	if len(extra) > 0 {
		fmt.Fprintln(w, indent+p.paint(ansiDim, clean(strings.Join(extra, "; "))))
	}
	if s := f.Suppression; s != nil {
		t := "suppressed (" + s.Kind
		if s.Justification != "" {
			t += ": " + s.Justification
		}
		t += ")"
		fmt.Fprintln(w, indent+p.paint(ansiDim, clean(t)))
	}

	if sn := f.Snippet; sn != nil && len(sn.Lines) > 0 {
		last := sn.StartLine + len(sn.Lines) - 1
		width := len(strconv.Itoa(max(last, 1)))
		for i, line := range sn.Lines {
			n := sn.StartLine + i
			num := fmt.Sprintf("%*d", width, n)
			marker := " "
			if sn.StartLine > 0 && n >= f.Location.StartLine && n <= max(f.Location.EndLine, f.Location.StartLine) {
				marker = ">"
			}
			if sn.StartLine <= 0 {
				num = strings.Repeat(" ", width)
			}
			fmt.Fprintln(w, strings.TrimRight(fmt.Sprintf("%s%s %s | %s", indent, marker, p.paint(ansiDim, num), clean(line)), " "))
		}
	}

	if len(f.Flow) > 0 {
		fmt.Fprintln(w, indent+p.paint(ansiBold, "flow:"))
		for i, st := range f.Flow {
			at := loc.Display(st.Location.Input, st.Location.Path)
			if st.Location.Path == "" {
				at = loc.Display(f.Location.Input, f.Location.Path)
			} else if st.Location.Input == "" {
				at = loc.Display(f.Location.Input, st.Location.Path)
			}
			if st.Location.StartLine > 0 {
				at += ":" + strconv.Itoa(st.Location.StartLine)
				if st.Location.StartColumn > 0 {
					at += ":" + strconv.Itoa(st.Location.StartColumn)
				}
			}
			fmt.Fprintf(w, "%s  %d. %s  %s\n", indent, i+1, clean(at), clean(st.Note))
			if st.Code != "" {
				fmt.Fprintf(w, "%s       %s\n", indent, p.paint(ansiDim, clean(strings.TrimSpace(st.Code))))
			}
		}
	}

	if opts.ShowFixes {
		for _, fx := range f.Fixes {
			fmt.Fprintln(w, indent+p.paint(ansiBold+ansiGreen, "fix: ")+clean(fx.Description))
			diff := strings.TrimRight(fx.Diff, "\n")
			if diff == "" {
				continue
			}
			for _, dl := range strings.Split(diff, "\n") {
				style := ""
				switch {
				case strings.HasPrefix(dl, "+++"), strings.HasPrefix(dl, "---"):
					style = ansiBold
				case strings.HasPrefix(dl, "+"):
					style = ansiGreen
				case strings.HasPrefix(dl, "-"):
					style = ansiRed
				case strings.HasPrefix(dl, "@@"):
					style = ansiCyan
				}
				dl = clean(dl)
				if style != "" {
					dl = p.paint(style, dl)
				}
				fmt.Fprintln(w, indent+"  "+dl)
			}
		}
	} else if n := len(f.Fixes); n > 0 {
		word := "fixes"
		if n == 1 {
			word = "fix"
		}
		fmt.Fprintln(w, indent+p.paint(ansiDim, fmt.Sprintf("%d %s available", n, word)))
	}
}
