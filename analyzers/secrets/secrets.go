// Package secrets finds hardcoded credentials in the text files of a Lambda
// deployment package: source code, bundled config (.env, JSON, YAML,
// properties, ini, toml, XML, shell) and minified bundles, which inline
// secrets at build time. It knows the token formats of more than 60
// providers (validating checksums where the format has one) and a generic
// rule for string literals assigned to secret-named keys. It never lets a raw
// secret into a finding: messages show mask.Value of it, and a short hash
// lets two findings of the same secret be correlated.
//
// Scan is the pipeline-free entry point; New returns the scan.Pass. Both
// share one Detector, which also masks snippet lines for the engine
// (mask.Liner).
package secrets

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"sync"
	"unicode/utf8"

	"github.com/lambdascan/lambdascan/engine/finding"
	"github.com/lambdascan/lambdascan/engine/mask"
)

// Defaults for Options.
const (
	DefaultMaxFileSize        = 32 << 20
	DefaultMaxFindingsPerFile = 100
)

// Options configure the secrets detector and pass.
type Options struct {
	// MaxFileSize: larger files are skipped (0: DefaultMaxFileSize).
	MaxFileSize int64
	// MaxFindingsPerFile caps the findings reported for one file; the rest
	// are counted in a note (0: DefaultMaxFindingsPerFile).
	MaxFindingsPerFile int
	// NoGeneric turns off the generic secret-named-key rule, leaving only
	// provider formats.
	NoGeneric bool
}

func (o Options) withDefaults() Options {
	if o.MaxFileSize <= 0 {
		o.MaxFileSize = DefaultMaxFileSize
	}
	if o.MaxFindingsPerFile <= 0 {
		o.MaxFindingsPerFile = DefaultMaxFindingsPerFile
	}
	return o
}

// ruleset is the compiled table, shared by every Detector.
type ruleset struct {
	rules   []*rule
	generic [4]*finding.Rule // indexed by keyKind
	kw      *keywordMatcher
	kwRules [][]int // keyword id -> rule indexes; -1 is the generic rule
	all     []*finding.Rule
}

var compiled = sync.OnceValue(func() *ruleset {
	rs, err := compileRuleset(providerSpecs)
	if err != nil {
		// The table is part of the program, not input: a bad pattern is a
		// programming error caught by every test of this package.
		panic(err)
	}
	return rs
})

func compileRuleset(specs []spec) (*ruleset, error) {
	rs := &ruleset{}
	ids := map[string]bool{}
	kwIndex := map[string]int{}
	var keywords []string
	addKW := func(k string, ri int) {
		k = string(bytes.ToLower([]byte(k)))
		id, ok := kwIndex[k]
		if !ok {
			id = len(keywords)
			kwIndex[k] = id
			keywords = append(keywords, k)
			rs.kwRules = append(rs.kwRules, nil)
		}
		if !slices.Contains(rs.kwRules[id], ri) {
			rs.kwRules[id] = append(rs.kwRules[id], ri)
		}
	}
	for _, s := range specs {
		if ids[s.id] {
			return nil, fmt.Errorf("secrets: duplicate rule id %s", s.id)
		}
		ids[s.id] = true
		if len(s.keywords) == 0 {
			return nil, fmt.Errorf("secrets rule %s: no keywords", s.id)
		}
		r, err := compile(s)
		if err != nil {
			return nil, err
		}
		ri := len(rs.rules)
		rs.rules = append(rs.rules, r)
		for _, k := range s.keywords {
			addKW(k, ri)
		}
		rs.all = append(rs.all, r.meta)
	}
	for _, k := range genericKeywords {
		addKW(k, -1)
	}
	rs.generic[kindToken] = ruleMeta("generic-secret", "secret assigned to a secret-named variable or key", "its issuer",
		sevMed, confMed, cweHardcodedCredentials, "", nil)
	rs.generic[kindPassword] = ruleMeta("generic-password", "password assigned to a password-named variable or key", "the system it unlocks",
		sevMed, confMed, cweHardcodedPassword, "", nil)
	rs.generic[kindCryptoKey] = ruleMeta("generic-crypto-key", "cryptographic key assigned to a key-named variable", "the system that trusts it",
		sevHigh, confMed, cweHardcodedCryptoKey, "", nil)
	for _, k := range []keyKind{kindToken, kindPassword, kindCryptoKey} {
		rs.all = append(rs.all, rs.generic[k])
	}
	rs.kw = newKeywordMatcher(keywords)
	return rs, nil
}

// Detector finds secrets in file contents. It is safe for concurrent use.
type Detector struct {
	opts Options
	rs   *ruleset
}

// NewDetector returns a Detector with the given options.
func NewDetector(opts Options) *Detector {
	return &Detector{opts: opts.withDefaults(), rs: compiled()}
}

var defaultDetector = sync.OnceValue(func() *Detector { return NewDetector(Options{}) })

// Scan finds the secrets in one file's content with default options. path
// (slash-separated) goes into each finding's Location and picks the value
// syntax (bare values are read in .env/YAML/properties/ini files). The notes
// say what was cut short (a capped file).
func Scan(path string, content []byte) ([]finding.Finding, []string) {
	return defaultDetector().Scan(context.Background(), path, content)
}

// Rules lists the rules the detector runs, provider rules first.
func (d *Detector) Rules() []*finding.Rule { return slices.Clone(d.rs.all) }

// candidate is a secret span claimed by one rule, before overlap resolution.
type candidate struct {
	r          *rule // nil for the generic rule
	gen        genericMatch
	start, end int
	prio       int
}

type window struct{ start, end int }

// Scan finds the secrets in content. Binary content yields nothing.
func (d *Detector) Scan(ctx context.Context, path string, content []byte) ([]finding.Finding, []string) {
	if len(content) == 0 || isBinary(content) {
		return nil, nil
	}
	var notes []string
	if int64(len(content)) > d.opts.MaxFileSize {
		return nil, []string{fmt.Sprintf("%s: %d bytes, over the %d-byte limit of the secrets scanner; not scanned", path, len(content), d.opts.MaxFileSize)}
	}
	cands := d.candidates(ctx, path, content)
	if err := ctx.Err(); err != nil {
		return nil, []string{fmt.Sprintf("%s: secrets scan stopped: %v", path, err)}
	}
	chosen := resolve(cands)
	if n := len(chosen) - d.opts.MaxFindingsPerFile; n > 0 {
		notes = append(notes, fmt.Sprintf("%s: %d more secret findings not reported (cap %d per file)", path, n, d.opts.MaxFindingsPerFile))
		chosen = chosen[:d.opts.MaxFindingsPerFile]
	}
	out := make([]finding.Finding, 0, len(chosen))
	loc := locator{content: content, line: 1, col: 1}
	for _, c := range chosen {
		out = append(out, d.makeFinding(path, content, &loc, c))
	}
	return out, notes
}

// maxCandidates bounds the work on pathological files (a bundle made of
// nothing but tokens) independently of the reporting cap.
const maxCandidates = 5000

// candidates runs the keyword prefilter, then each triggered rule on the
// windows around its hits, and the generic rule at each generic hit.
func (d *Detector) candidates(ctx context.Context, path string, content []byte) []candidate {
	rs := d.rs
	wins := make([][]window, len(rs.rules))
	var cands []candidate
	syn := syntaxFor(path)
	lastIdentStart, lastIdentEnd := -1, -1
	genericOn := !d.opts.NoGeneric
	rs.kw.scan(content, func(id, end int) bool {
		start := end - rs.kw.lens[id]
		for _, ri := range rs.kwRules[id] {
			if ri < 0 {
				if !genericOn || (start >= lastIdentStart && end <= lastIdentEnd) {
					continue
				}
				is, ie, m, ok := matchGeneric(content, start, end, syn)
				lastIdentStart, lastIdentEnd = is, ie
				if ok {
					cands = append(cands, candidate{gen: m, start: m.start, end: m.end})
					if len(cands) >= maxCandidates {
						genericOn = false
					}
				}
				continue
			}
			r := rs.rules[ri]
			ws, we := max(0, start-r.before), min(len(content), end+r.after)
			w := wins[ri]
			if n := len(w); n > 0 && ws <= w[n-1].end {
				w[n-1].end = max(w[n-1].end, we)
			} else {
				w = append(w, window{ws, we})
			}
			wins[ri] = w
		}
		return true
	})
	for ri, ws := range wins {
		if len(ws) == 0 {
			continue
		}
		if ctx.Err() != nil {
			return nil
		}
		r := rs.rules[ri]
		if !fileHas(content, r.fileMust) {
			continue
		}
		for _, w := range ws {
			part := content[w.start:w.end]
			for i, re := range r.res {
				g := r.groups[i]
				for _, m := range re.FindAllSubmatchIndex(part, -1) {
					s, e := m[2*g], m[2*g+1]
					if s < 0 {
						continue
					}
					s, e = s+w.start, e+w.start
					if (s > 0 && r.leading[content[s-1]]) || (e < len(content) && r.boundary[content[e]]) {
						continue
					}
					if !r.validate(string(content[s:e])) {
						continue
					}
					cands = append(cands, candidate{r: r, start: s, end: e, prio: r.priority})
				}
			}
			if len(cands) >= 2*maxCandidates {
				break
			}
		}
	}
	return cands
}

func fileHas(content []byte, must []string) bool {
	if len(must) == 0 {
		return true
	}
	for _, m := range must {
		if bytes.Contains(content, []byte(m)) {
			return true
		}
	}
	return false
}

// resolve keeps one candidate per span: where candidates overlap, the
// higher priority wins (a provider format over the generic rule; a
// service-account key over the private key inside it), then the longer.
// The result is sorted by offset.
func resolve(cands []candidate) []candidate {
	slices.SortFunc(cands, func(a, b candidate) int {
		if a.prio != b.prio {
			return b.prio - a.prio
		}
		if la, lb := a.end-a.start, b.end-b.start; la != lb {
			return lb - la
		}
		return a.start - b.start
	})
	var kept []candidate // sorted by start
	for _, c := range cands {
		i, _ := slices.BinarySearchFunc(kept, c.start, func(k candidate, s int) int { return k.start - s })
		if i > 0 && kept[i-1].end > c.start {
			continue
		}
		if i < len(kept) && kept[i].start < c.end {
			continue
		}
		kept = slices.Insert(kept, i, c)
	}
	return kept
}

// locator turns byte offsets into 1-based line and rune columns. Offsets
// are asked for in increasing order, so a 10 MB single line costs one pass.
type locator struct {
	content        []byte
	off, line, col int
}

func (l *locator) at(off int) (int, int) {
	if off < l.off {
		l.off, l.line, l.col = 0, 1, 1
	}
	for l.off < off {
		i := bytes.IndexByte(l.content[l.off:off], '\n')
		if i < 0 {
			l.col += utf8.RuneCount(l.content[l.off:off])
			l.off = off
			break
		}
		l.line++
		l.col = 1
		l.off += i + 1
	}
	return l.line, l.col
}

// SecretHash is the correlation id of a secret: the first 8 bytes of its
// SHA-256, in hex. The same secret in two files has the same hash.
func SecretHash(secret string) string {
	h := sha256.Sum256([]byte(secret))
	return hex.EncodeToString(h[:8])
}

// shown is the masked form of a secret for messages: mask.Value of at most
// its first 40 characters.
func shown(s string) string {
	if utf8.RuneCountInString(s) > 40 {
		return mask.Value(string([]rune(s)[:40])) + "…"
	}
	return mask.Value(s)
}

var (
	sinkAssign = regexp.MustCompile(`(?:aws_access_key_id|aws_secret_access_key|aws_session_token|accesskeyid|secretaccesskey|sessiontoken|access_key|secret_key|api_key|apikey)["'\]]?\s*(?:=|:|=>)\s*["'\x60]?$`)
	sinkCall   = regexp.MustCompile(`(?:basicawscredentials|basicsessioncredentials|awsbasiccredentials\.create|awssessioncredentials\.create|staticcredentialsprovider(?:\.create)?|newstaticcredentialsprovider|credentials|stripe|stripe['"]\))\s*\([^()]*$`)
)

// credentialSink reports whether the text before offset s on its line
// passes the value to a credential parameter: aws_access_key_id=…,
// secretAccessKey: …, new BasicAWSCredentials(…), AwsBasicCredentials.create(…).
func credentialSink(content []byte, s int) bool {
	before := content[max(0, s-240):s]
	if i := bytes.LastIndexByte(before, '\n'); i >= 0 {
		before = before[i+1:]
	}
	low := bytes.ToLower(before)
	return sinkAssign.Match(low) || sinkCall.Match(low)
}

func (d *Detector) makeFinding(path string, content []byte, loc *locator, c candidate) finding.Finding {
	secret := string(content[c.start:c.end])
	sl, sc := loc.at(c.start)
	el, ec := loc.at(c.end)
	props := map[string]string{"secretHash": SecretHash(secret)}
	f := finding.Finding{
		Kind:     finding.KindSecret,
		Location: finding.Location{Path: path, StartLine: sl, StartColumn: sc, EndLine: el, EndColumn: ec},
	}
	if c.r == nil {
		meta := d.rs.generic[c.gen.kind]
		key := string(content[c.gen.keyStart:min(c.start, c.gen.keyStart+200)])
		key = trimKey(key)
		f.Rule, f.RuleID, f.Severity = meta, meta.ID, meta.Severity
		f.Confidence = finding.ConfidenceLow
		if c.gen.conf == hintMedium {
			f.Confidence = finding.ConfidenceMedium
		}
		f.Message = fmt.Sprintf("%s %s is assigned a hardcoded value: %s", kindNoun(c.gen.kind), strconv.Quote(key), shown(secret))
		props["key"] = key
		f.Properties = props
		return f
	}
	r := c.r
	f.Rule, f.RuleID, f.Severity, f.Confidence = r.meta, r.meta.ID, r.sev, r.conf
	props["provider"] = r.provider
	if r.testKey != nil && r.testKey(secret) {
		f.Severity = finding.SeverityLow
		props["testKey"] = "true"
	}
	if isDocExample(secret) {
		props["documentedExample"] = "true"
		if credentialSink(content, c.start) {
			props["credentialParameter"] = "true"
		} else {
			f.Confidence = finding.ConfidenceLow
		}
	}
	disp := secret
	if r.display != nil {
		disp = r.display(secret)
	}
	if p := r.provider; p != "" && p[0] >= 'A' && p[0] <= 'Z' || p == "age" || p == "npm" {
		f.Message = fmt.Sprintf("Hardcoded %s (%s): %s", r.title, p, shown(disp))
	} else {
		f.Message = fmt.Sprintf("Hardcoded %s: %s", r.title, shown(disp))
	}
	if props["documentedExample"] == "true" {
		if props["credentialParameter"] == "true" {
			f.Message += "; a documented example value, but passed as a credential"
		} else {
			f.Message += "; looks like a documented example value"
		}
	}
	f.Properties = props
	return f
}

func kindNoun(k keyKind) string {
	switch k {
	case kindPassword:
		return "Password"
	case kindCryptoKey:
		return "Key"
	}
	return "Secret"
}

// trimKey cuts the key text to the identifier (no quotes or separator).
func trimKey(s string) string {
	for i := 0; i < len(s); i++ {
		if !isIdentByte(s[i]) {
			return s[:i]
		}
	}
	if len(s) > 80 {
		return s[:80]
	}
	return s
}
