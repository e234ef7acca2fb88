package rules

import (
	"bytes"
	"regexp/syntax"
	"unicode"
	"unicode/utf8"

	"github.com/lambdascan/lambdascan/engine/pattern"
)

// firstBytes returns the bytes a match of an anchored regular expression
// (^...) can start with, or nil when that is not known or any byte can.
func firstBytes(expr string) *[256]bool {
	re, err := syntax.Parse(expr, syntax.Perl)
	if err != nil {
		return nil
	}
	re = re.Simplify()
	if re.Op != syntax.OpConcat || len(re.Sub) < 2 || re.Sub[0].Op != syntax.OpBeginText {
		return nil
	}
	set := new([256]bool)
	nullable, ok := true, true
	for _, sub := range re.Sub[1:] {
		var n bool
		if n, ok = addFirst(sub, set); !ok || !n {
			nullable = n
			break
		}
	}
	if !ok || nullable {
		return nil // an empty match at the start: any text may match
	}
	return set
}

// addFirst adds the bytes a match of r can start with to set and says
// whether r can match the empty string; ok is false when it cannot tell.
func addFirst(r *syntax.Regexp, set *[256]bool) (nullable, ok bool) {
	addRune := func(lo, hi rune) {
		for c := lo; c <= hi && c < utf8.RuneSelf; c++ {
			set[c] = true
		}
		if hi >= utf8.RuneSelf {
			for c := 0x80; c < 0x100; c++ {
				set[c] = true
			}
		}
	}
	switch r.Op {
	case syntax.OpEmptyMatch, syntax.OpBeginLine, syntax.OpEndLine, syntax.OpBeginText, syntax.OpEndText,
		syntax.OpWordBoundary, syntax.OpNoWordBoundary:
		return true, true
	case syntax.OpLiteral:
		if len(r.Rune) == 0 {
			return true, true
		}
		c := r.Rune[0]
		addRune(c, c)
		if r.Flags&syntax.FoldCase != 0 {
			// Simple folds of ASCII letters include non-ASCII runes (K, ſ).
			for f := c; ; {
				f = foldNext(f)
				if f == c {
					break
				}
				addRune(f, f)
			}
		}
		return false, true
	case syntax.OpCharClass:
		for i := 0; i+1 < len(r.Rune); i += 2 {
			addRune(r.Rune[i], r.Rune[i+1])
		}
		return false, true
	case syntax.OpAnyChar, syntax.OpAnyCharNotNL:
		addRune(0, utf8.MaxRune)
		return false, true
	case syntax.OpCapture:
		return addFirst(r.Sub[0], set)
	case syntax.OpStar, syntax.OpQuest:
		_, ok := addFirst(r.Sub[0], set)
		return true, ok
	case syntax.OpPlus:
		return addFirst(r.Sub[0], set)
	case syntax.OpRepeat:
		n, ok := addFirst(r.Sub[0], set)
		return n || r.Min == 0, ok
	case syntax.OpConcat:
		for _, sub := range r.Sub {
			n, ok := addFirst(sub, set)
			if !ok {
				return false, false
			}
			if !n {
				return false, true
			}
		}
		return true, true
	case syntax.OpAlternate:
		nullable := false
		for _, sub := range r.Sub {
			n, ok := addFirst(sub, set)
			if !ok {
				return false, false
			}
			nullable = nullable || n
		}
		return nullable, true
	}
	return false, false
}

// foldNext is the next rune in c's case-folding orbit.
func foldNext(c rune) rune { return unicode.SimpleFold(c) }

// mayKeep is a cheap test that a node's code could pass a
// metavariable-regex filter (see regexOK): false only when the code
// cannot match and neither the string-value nor the imported-name path
// applies.
func (fl *filter) mayKeep(t *pattern.Tree, im *pattern.Imports, id pattern.NodeID) bool {
	if t.IsString(id) || t.IsName(id) && im.Aliased(t, id) {
		return true
	}
	n := &t.Nodes[id]
	text := t.Src[n.Start:n.End]
	if fl.first != nil && (len(text) == 0 || !fl.first[text[0]]) {
		return false
	}
	return fl.lit == nil || bytes.Contains(text, fl.lit)
}

// setGuards installs pattern guards for a family: a lone $X whose every
// use is the only positive pattern of a `patterns` with a
// metavariable-regex on $X is tried only where one of those regexes could
// keep it (the regexes still decide, later).
func (fam *family) setGuards(formulas []*formula) {
	lang := fam.lang
	uses := map[int][]*filter{}
	open := map[int]bool{} // used somewhere without a filter
	leaf := func(f *formula, fl *filter) {
		p := f.pats[lang]
		if p == nil {
			return
		}
		i, ok := fam.index[p]
		if !ok {
			return
		}
		if fl == nil {
			open[i] = true
			return
		}
		uses[i] = append(uses[i], fl)
	}
	var walk func(f *formula)
	walk = func(f *formula) {
		if f == nil {
			return
		}
		if f.op == opPattern {
			leaf(f, nil)
			return
		}
		pos := f.pos
		if f.op == opAnd && len(f.pos) == 1 && f.pos[0].op == opPattern {
			if p := f.pos[0].pats[lang]; p != nil && p.Lone() != "" {
				for k := range f.filters {
					if fl := &f.filters[k]; fl.re != nil && fl.mv == p.Lone() {
						leaf(f.pos[0], fl)
						pos = nil
						break
					}
				}
			}
		}
		for _, list := range [][]*formula{f.either, pos, f.not, f.inside, f.notInside} {
			for _, s := range list {
				walk(s)
			}
		}
		for _, fl := range f.filters {
			walk(fl.sub)
		}
	}
	for _, f := range formulas {
		walk(f)
	}
	for i, fls := range uses {
		if open[i] {
			continue
		}
		fam.pats.SetGuard(i, func(t *pattern.Tree, im *pattern.Imports, id pattern.NodeID) bool {
			for _, fl := range fls {
				if fl.mayKeep(t, im, id) {
					return true
				}
			}
			return false
		})
	}
}
