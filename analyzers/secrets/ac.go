package secrets

// keywordMatcher finds every occurrence of a set of ASCII keywords in one
// pass over a file, case-insensitively (an Aho–Corasick automaton compiled to
// a full transition table). It is the cheap prefilter that decides which
// rules' regular expressions run, and where: a rule whose keywords never
// occur costs nothing, and one whose keywords occur runs only anchored at
// the hits, so a 10 MB minified line is scanned once, not once per
// rule.
type keywordMatcher struct {
	delta []int32   // state*256+byte -> next state
	out   [][]int32 // state -> keyword ids ending here (failure chain merged)
	lens  []int     // keyword id -> length in bytes
}

func lowerASCII(b byte) byte {
	if 'A' <= b && b <= 'Z' {
		return b + 'a' - 'A'
	}
	return b
}

// newKeywordMatcher compiles the keywords (already lower case).
func newKeywordMatcher(keywords []string) *keywordMatcher {
	type node struct {
		next map[byte]int32
		fail int32
		out  []int32
	}
	nodes := []node{{next: map[byte]int32{}}}
	lens := make([]int, len(keywords))
	for id, kw := range keywords {
		lens[id] = len(kw)
		s := int32(0)
		for i := 0; i < len(kw); i++ {
			c := lowerASCII(kw[i])
			n, ok := nodes[s].next[c]
			if !ok {
				n = int32(len(nodes))
				nodes = append(nodes, node{next: map[byte]int32{}})
				nodes[s].next[c] = n
			}
			s = n
		}
		nodes[s].out = append(nodes[s].out, int32(id))
	}
	m := &keywordMatcher{delta: make([]int32, len(nodes)*256), out: make([][]int32, len(nodes)), lens: lens}
	// Breadth-first: a state's failure target is always processed before it,
	// so its transitions and outputs can be copied.
	queue := []int32{0}
	for len(queue) > 0 {
		s := queue[0]
		queue = queue[1:]
		f := nodes[s].fail
		if s != 0 {
			nodes[s].out = append(nodes[s].out, nodes[f].out...)
		}
		m.out[s] = nodes[s].out
		for c := 0; c < 256; c++ {
			lc := lowerASCII(byte(c))
			if n, ok := nodes[s].next[lc]; ok {
				m.delta[int(s)*256+c] = n
				if lc == byte(c) { // enqueue each child once
					if s == 0 {
						nodes[n].fail = 0
					} else {
						nodes[n].fail = m.delta[int(f)*256+c]
					}
					queue = append(queue, n)
				}
				continue
			}
			if s == 0 {
				m.delta[c] = 0
			} else {
				m.delta[int(s)*256+c] = m.delta[int(f)*256+c]
			}
		}
	}
	return m
}

// scan calls hit(keywordID, end) for every keyword occurrence ending at byte
// offset end (exclusive). It stops early when hit returns false.
func (m *keywordMatcher) scan(data []byte, hit func(id int, end int) bool) {
	s := int32(0)
	delta, out := m.delta, m.out
	for i, b := range data {
		s = delta[int(s)<<8|int(b)]
		if o := out[s]; len(o) > 0 {
			for _, id := range o {
				if !hit(int(id), i+1) {
					return
				}
			}
		}
	}
}
