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
	"slices"
	"strconv"
	"strings"
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

// candidates runs the keyword prefilter, then, at each keyword hit, the
// triggered rules' regexps anchored where a match containing the hit can
// start (so the work is proportional to the hits, never to the file size
// times the number of rules), and the generic rule.
func (d *Detector) candidates(ctx context.Context, path string, content []byte) []candidate {
	rs := d.rs
	var cands []candidate
	syn := syntaxFor(path)
	lastIdentStart, lastIdentEnd := -1, -1
	genericOn := !d.opts.NoGeneric
	// Per rule: whether fileMust holds (0 unknown, 1 yes, 2 no), and the
	// end of its last match, so one token is not matched again from a
	// second keyword inside it.
	fileOK := make([]uint8, len(rs.rules))
	matchedTo := make([]int, len(rs.rules))
	hits := 0
	rs.kw.scan(content, func(id, he int) bool {
		hits++
		if hits&0xfff == 0 && ctx.Err() != nil {
			return false
		}
		hs := he - rs.kw.lens[id]
		for _, ri := range rs.kwRules[id] {
			if ri < 0 {
				if !genericOn || (hs >= lastIdentStart && he <= lastIdentEnd) {
					continue
				}
				is, ie, m, ok := matchGeneric(content, hs, he, syn)
				lastIdentStart, lastIdentEnd = is, ie
				if ok {
					cands = append(cands, candidate{gen: m, start: m.start, end: m.end})
					if len(cands) >= maxCandidates {
						genericOn = false
					}
				}
				continue
			}
			if hs < matchedTo[ri] || len(cands) >= 2*maxCandidates {
				continue
			}
			r := rs.rules[ri]
			if fileOK[ri] == 0 {
				fileOK[ri] = 2
				if fileHas(content, r.fileMust) {
					fileOK[ri] = 1
				}
			}
			if fileOK[ri] == 2 {
				continue
			}
			if c, ok := r.matchAt(content, hs, he); ok {
				cands = append(cands, c)
				matchedTo[ri] = c.end
			}
		}
		return true
	})
	if ctx.Err() != nil {
		return nil
	}
	return cands
}

// matchAt tries the rule's regexps around a keyword hit [hs, he). A match
// starts at or before the hit, and only where a token or key can start:
// token formats start exactly where the run of token characters before the
// hit starts; key-value formats start at a word boundary of the key.
func (r *rule) matchAt(content []byte, hs, he int) (candidate, bool) {
	lo := hs
	for lo > 0 && hs-lo < r.before && r.startSet[content[lo-1]] {
		lo--
	}
	if lo > 0 && r.startSet[content[lo-1]] && r.tokenStart {
		return candidate{}, false // the run is longer than any token of this format
	}
	end := min(len(content), he+r.after)
	if r.startChars == "" {
		// Only PEM blocks span lines.
		if nl := bytes.IndexByte(content[he:end], '\n'); nl >= 0 {
			end = he + nl
		}
	}
	if r.tokenStart {
		// A token ends at the first byte no token format uses, which keeps
		// the regexp's input (and its per-call work) as short as the token.
		for i := he; i < end; i++ {
			if hardStop[content[i]] {
				end = i
				break
			}
		}
	}
	for i := 0; i < len(r.needs); i++ {
		if bytes.IndexByte(content[he:end], r.needs[i]) < 0 {
			return candidate{}, false
		}
	}
	for i, re := range r.anchored {
		g := r.groups[i]
		for p := lo; p <= hs; p++ {
			if p > lo && (r.tokenStart || !wordStart(content, p)) {
				continue
			}
			if pre := r.prefixes[i]; pre != "" && !bytes.HasPrefix(content[p:], []byte(pre)) {
				continue
			}
			m := re.FindSubmatchIndex(content[p:end])
			if m == nil || m[2*g] < 0 {
				continue
			}
			s, e := p+m[2*g], p+m[2*g+1]
			if (s > 0 && r.leading[content[s-1]]) || (e < len(content) && r.boundary[content[e]]) {
				continue
			}
			if !r.validate(string(content[s:e])) {
				continue
			}
			return candidate{r: r, start: s, end: e, prio: r.priority}, true
		}
	}
	return candidate{}, false
}

// hardStop holds bytes that end every token format: blanks, quotes,
// brackets and punctuation that separates values in code and config.
var hardStop = func() (t [256]bool) {
	for _, c := range []byte(" \t\r\n\"'`,;()[]{}<>|\\!?*&^%$#@") {
		t[c] = true
	}
	return t
}()

// wordStart is true where a key's word begins: after a separator or at a
// lower-to-upper case change.
func wordStart(content []byte, p int) bool {
	prev, c := content[p-1], content[p]
	switch prev {
	case '_', '.', '-', '"', '\'', '[', ' ', '{', ',', '(':
		return true
	}
	return 'a' <= prev && prev <= 'z' && 'A' <= c && c <= 'Z'
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

// Credential parameters and constructors, lower case: a documented example
// value passed to one of these is reported at full confidence.
var (
	sinkNames = []string{"aws_access_key_id", "aws_secret_access_key", "aws_session_token", "accesskeyid",
		"secretaccesskey", "sessiontoken", "access_key", "secret_key", "api_key", "apikey"}
	sinkCalls = []string{"basicawscredentials", "basicsessioncredentials", "awsbasiccredentials.create",
		"awssessioncredentials.create", "staticcredentialsprovider", "staticcredentialsprovider.create",
		"newstaticcredentialsprovider", "credentials", "stripe", "stripe')", `stripe")`}
)

// credentialSink reports whether the text before offset s on its line
// passes the value to a credential parameter: aws_access_key_id=…,
// secretAccessKey: …, new BasicAWSCredentials(…), AwsBasicCredentials.create(…).
func credentialSink(content []byte, s int) bool {
	before := content[max(0, s-240):s]
	if i := bytes.LastIndexByte(before, '\n'); i >= 0 {
		before = before[i+1:]
	}
	low := string(bytes.ToLower(before))
	// name = "…, name: '…, name => `…, ["name"] = "…
	t := strings.TrimRight(low, "\"'` \t")
	if t2 := strings.TrimRight(strings.TrimSuffix(strings.TrimSuffix(t, "=>"), "="), " \t"); t2 != t || strings.HasSuffix(t, ":") {
		t2 = strings.TrimRight(strings.TrimSuffix(t2, ":"), "\"'] \t")
		for _, n := range sinkNames {
			if strings.HasSuffix(t2, n) {
				return true
			}
		}
	}
	// Inside the argument list of a credential constructor.
	open := strings.LastIndexByte(low, '(')
	if open < 0 || strings.IndexByte(low[open:], ')') >= 0 {
		return false
	}
	callee := strings.TrimRight(low[:open], " \t")
	for _, n := range sinkCalls {
		if strings.HasSuffix(callee, n) {
			return true
		}
	}
	return false
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
