// Package mask hides secret values before they reach any output. Every
// writer, snippet and log line that could carry a secret goes through it, so
// a scan report never prints a credential in full.
package mask

import "strings"

// Keep is how many leading characters of a secret stay visible: enough to
// recognise the kind of credential (AKIA, ghp_, xoxb) and no more.
const Keep = 4

// Value masks a secret: the first Keep characters stay, every other
// character becomes '*'. Values of up to 2*Keep characters keep less, so a
// short secret is never mostly shown.
func Value(s string) string {
	r := []rune(s)
	keep := Keep
	if len(r) <= 2*Keep {
		keep = len(r) / 4
	}
	return string(r[:keep]) + strings.Repeat("*", len(r)-keep)
}

// Span is a byte range [Start, End) of a line that holds a secret.
type Span struct{ Start, End int }

// Line masks the given spans of line. Spans may overlap or be unsorted;
// spans outside the line are clipped.
func Line(line string, spans []Span) string {
	if len(spans) == 0 {
		return line
	}
	hide := make([]bool, len(line))
	for _, s := range spans {
		start, end := max(s.Start, 0), min(s.End, len(line))
		if start >= end {
			continue
		}
		// Keep the prefix of each secret visible.
		visible := min(start+len(string([]rune(line[start:end])[:min(Keep, len([]rune(line[start:end]))/2)])), end)
		for i := visible; i < end; i++ {
			hide[i] = true
		}
	}
	var b strings.Builder
	for i, r := range line {
		if hide[i] {
			b.WriteByte('*')
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// Liner finds secret spans in a line of text. The secrets analyzer provides
// one; the engine uses it to mask every snippet it puts in a finding.
type Liner interface {
	SecretSpans(line string) []Span
}
