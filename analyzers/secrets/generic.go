package secrets

import (
	"path"
	"strings"
)

// The generic rule: a string literal (or, in config files, a bare value)
// assigned to a secret-named key. It reads the text around each keyword hit
// by hand instead of with one large regexp, so its cost is proportional to
// the number of hits, not to the size of the file.

// keyKind says what a secret-named key holds; it decides the CWE.
type keyKind int

const (
	notSecret     keyKind = iota
	kindToken             // api keys, tokens, generic secrets (CWE-798)
	kindPassword          // passwords and passphrases (CWE-259)
	kindCryptoKey         // private, signing and encryption keys (CWE-321)
)

var genericKeywords = []string{"pass", "pwd", "secret", "token", "key", "auth", "cred"}

var passwordWords = map[string]bool{
	"password": true, "passwd": true, "pwd": true, "pass": true, "passphrase": true, "passwords": true, "pword": true,
}

var tokenWords = map[string]bool{
	"secret": true, "secrets": true, "token": true, "tokens": true, "apikey": true, "credential": true,
	"credentials": true, "auth": true, "authtoken": true, "accesstoken": true, "secretkey": true, "accesskey": true,
	"clientsecret": true, "apisecret": true, "apitoken": true, "bearer": true, "oauth": true, "creds": true,
}

// keyQualifiers turn a following "key" into a secret: api_key, access_key…
var keyQualifiers = map[string]keyKind{
	"api": kindToken, "access": kindToken, "secret": kindToken, "client": kindToken, "app": kindToken,
	"auth": kindToken, "consumer": kindToken, "license": kindToken, "webhook": kindToken, "session": kindToken,
	"jwt": kindCryptoKey, "private": kindCryptoKey, "signing": kindCryptoKey, "encryption": kindCryptoKey,
	"master": kindCryptoKey, "hmac": kindCryptoKey, "crypto": kindCryptoKey, "aes": kindCryptoKey, "cipher": kindCryptoKey,
	"sign": kindCryptoKey, "enc": kindCryptoKey, "shared": kindToken, "subscription": kindToken, "service": kindToken,
}

// descriptorWords, as the last word of a key, say the value describes a
// secret instead of being one: token_url, password_field, secret_name.
var descriptorWords = map[string]bool{
	"name": true, "names": true, "id": true, "ids": true, "type": true, "types": true, "url": true, "uri": true,
	"urls": true, "endpoint": true, "host": true, "hostname": true, "port": true, "path": true, "paths": true,
	"file": true, "filename": true, "dir": true, "directory": true, "field": true, "fields": true, "header": true,
	"headers": true, "param": true, "params": true, "parameter": true, "prefix": true, "suffix": true, "length": true,
	"len": true, "size": true, "count": true, "min": true, "max": true, "format": true, "pattern": true, "regex": true,
	"regexp": true, "policy": true, "label": true, "placeholder": true, "hint": true, "text": true, "message": true,
	"msg": true, "error": true, "errors": true, "title": true, "description": true, "desc": true, "enabled": true,
	"enable": true, "disabled": true, "required": true, "mode": true, "method": true, "provider": true, "version": true,
	"expiry": true, "expires": true, "expiration": true, "expire": true, "ttl": true, "timeout": true, "lifetime": true,
	"age": true, "arn": true, "ref": true, "env": true, "var": true, "variable": true, "location": true, "region": true,
	"hash": true, "hashed": true, "mgr": true, "getter": true, "setter": true, "alg": true, "algorithm": true, "store": true, "manager": true, "service": true,
	"class": true, "handler": true, "kind": true, "schema": true, "template": true, "index": true, "validator": true,
	"validation": true, "input": true, "form": true, "button": true, "icon": true, "visible": true, "visibility": true,
	"strength": true, "callback": true, "storage": true, "cache": true, "source": true, "helper": true, "bucket": true,
	"table": true, "queue": true, "topic": true, "usage": true, "scope": true, "scopes": true, "audience": true,
	"issuer": true, "key_id": true, "keyid": true, "status": true, "state": true, "at": true, "date": true, "time": true,
	"reset": true, "rotation": true, "client": true, "user": true, "username": true, "login": true, "email": true,
	"length_min": true, "type_hint": true, "attribute": true, "attr": true, "option": true, "options": true,
	"location_id": true, "key": false, "set": true, "list": true, "map": true, "parser": true, "secretid": true,
}

// denyFirstWords, as the first word, mark accessors and flags, not values:
// get_password, is_secret, has_token, show_password…
var denyFirstWords = map[string]bool{
	"get": true, "is": true, "has": true, "use": true, "show": true, "hide": true, "validate": true, "check": true,
	"verify": true, "reset": true, "forgot": true, "num": true, "max": true, "min": true, "enable": true,
	"disable": true, "require": true, "allow": true, "needs": true, "should": true, "on": true, "handle": true,
	"create": true, "generate": true, "fetch": true, "load": true, "read": true, "parse": true, "next": true,
	"continuation": true, "page": true, "pagination": true, "cancel": true, "cancellation": true, "last": true,
}

// denyWords inside a key make it not secret-named even with a keyword in it.
var denyWords = map[string]bool{
	"tokenizer": true, "tokenize": true, "tokenized": true, "tokens_used": true, "author": true, "authors": true,
	"authority": true, "secretary": true, "keyboard": true, "passport": true, "bypass": true, "compass": true,
	"passenger": true, "keys": true, "keyword": true, "keywords": true, "monkey": true, "donkey": true, "turkey": true,
	"hotkey": true, "passthrough": true, "authorization_endpoint": true, "authorize": true, "authorized": true,
	"authenticated": true, "authentication": true, "public": true, "pub": true, "primary": true, "sort": true,
	"partition": true, "foreign": true, "cache": true, "idempotency": true, "dedup": true, "object": true,
	"s3": true, "kms": true, "lookup": true, "max_tokens": true, "completion": true, "prompt": true,
}

// splitWords splits an identifier into lower-case words at separators and
// case changes: "dbPassword" -> db, password; "API_KEY" -> api, key;
// "spring.datasource.password" -> spring, datasource, password.
func splitWords(id string) []string {
	var words []string
	start := -1
	flush := func(end int) {
		if start >= 0 && end > start {
			words = append(words, strings.ToLower(id[start:end]))
		}
		start = -1
	}
	for i := 0; i < len(id); i++ {
		c := id[i]
		isUpper := 'A' <= c && c <= 'Z'
		isAlnum := isUpper || ('a' <= c && c <= 'z') || ('0' <= c && c <= '9')
		if !isAlnum {
			flush(i)
			continue
		}
		if start < 0 {
			start = i
			continue
		}
		prev := id[i-1]
		prevLower := ('a' <= prev && prev <= 'z') || ('0' <= prev && prev <= '9')
		prevUpper := 'A' <= prev && prev <= 'Z'
		nextLower := i+1 < len(id) && 'a' <= id[i+1] && id[i+1] <= 'z'
		if isUpper && (prevLower || (prevUpper && nextLower)) {
			flush(i)
			start = i
		}
	}
	flush(len(id))
	return words
}

// classifyKey decides whether an identifier names a secret, and which kind.
func classifyKey(id string) keyKind {
	words := splitWords(id)
	if len(words) == 0 || len(words) > 8 {
		return notSecret
	}
	last := strings.TrimRight(words[len(words)-1], "0123456789") // pattern2 -> pattern
	if descriptorWords[last] || denyFirstWords[words[0]] {
		return notSecret
	}
	if len(words) >= 2 && descriptorWords[words[len(words)-2]+"_"+last] {
		return notSecret
	}
	kind := notSecret
	set := func(k keyKind) {
		if k > kind {
			kind = k
		}
	}
	for i, w := range words {
		if denyWords[w] {
			return notSecret
		}
		switch {
		case passwordWords[w]:
			set(kindPassword)
		case tokenWords[w]:
			set(kindToken)
		case w == "key" && i > 0:
			if k, ok := keyQualifiers[words[i-1]]; ok {
				set(k)
			}
		case w == "privatekey" || w == "signingkey" || w == "encryptionkey" || w == "masterkey" || w == "secretkeybase":
			set(kindCryptoKey)
		default:
			// Run-together words: DBPASSWORD, mysecret, x_apikey.
			if strings.Contains(w, "password") || strings.Contains(w, "passwd") {
				set(kindPassword)
			} else if strings.HasSuffix(w, "secret") || strings.HasSuffix(w, "token") || strings.HasSuffix(w, "apikey") ||
				strings.HasSuffix(w, "credential") || strings.HasSuffix(w, "credentials") {
				set(kindToken)
			} else if strings.HasSuffix(w, "privatekey") {
				set(kindCryptoKey)
			}
		}
	}
	if words[len(words)-1] == "private" && kind == notSecret {
		return notSecret
	}
	return kind
}

// fileSyntax says which value syntaxes a file allows.
type fileSyntax struct {
	bareValues bool // KEY=value / key: value without quotes (.env, yaml, ini, properties, shell)
	xml        bool
}

func syntaxFor(p string) fileSyntax {
	base := strings.ToLower(path.Base(p))
	ext := path.Ext(base)
	switch {
	case strings.HasPrefix(base, ".env") || ext == ".env" || base == "env" || base == ".envrc":
		return fileSyntax{bareValues: true}
	case base == "dockerfile" || strings.HasPrefix(base, "dockerfile.") || base == ".npmrc" || base == ".pypirc" ||
		base == "credentials" || base == "config" || base == ".netrc" || base == "procfile":
		return fileSyntax{bareValues: true}
	}
	switch ext {
	case ".yaml", ".yml", ".properties", ".ini", ".cfg", ".conf", ".cnf", ".toml", ".sh", ".bash", ".zsh",
		".env", ".tfvars", ".hcl", ".tf", ".txt", ".service":
		return fileSyntax{bareValues: true}
	case ".xml", ".config", ".plist":
		return fileSyntax{xml: true}
	}
	return fileSyntax{}
}

func isIdentByte(c byte) bool {
	return c == '_' || c == '.' || c == '-' || c == '$' || ('0' <= c && c <= '9') || ('a' <= c && c <= 'z') || ('A' <= c && c <= 'Z')
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' }

// genericMatch is a candidate found by the generic rule.
type genericMatch struct {
	keyStart, start, end int
	kind                 keyKind
	conf                 confidenceHint
}

type confidenceHint int

const (
	hintLow confidenceHint = iota
	hintMedium
)

// matchGeneric inspects the identifier around a keyword hit [hs, he). It
// returns the identifier's bounds (so callers can skip other hits in it)
// and a match when the identifier is assigned a literal that looks secret.
func matchGeneric(content []byte, hs, he int, syn fileSyntax) (identStart, identEnd int, m genericMatch, ok bool) {
	is, ie := hs, he
	for is > 0 && isIdentByte(content[is-1]) && hs-is < 96 {
		is--
	}
	for ie < len(content) && isIdentByte(content[ie]) && ie-he < 96 {
		ie++
	}
	identStart, identEnd = is, ie
	// Trim leading dots/dashes ("-password" flags, "..password").
	for is < ie && (content[is] == '.' || content[is] == '-' || content[is] == '$') {
		is++
	}
	if ie-is < 3 || ie-is > 80 {
		return
	}
	// Cheap rejection first: a key is followed (after an optional closing
	// quote, bracket and blanks) by a separator.
	q := ie
	if q < len(content) && (content[q] == '"' || content[q] == '\'' || content[q] == '`' || content[q] == ']') {
		q++
	}
	for q < len(content) && isSpace(content[q]) {
		q++
	}
	if q >= len(content) || strings.IndexByte("=:,(>]", content[q]) < 0 {
		return
	}
	ident := string(content[is:ie])
	// What encloses the key: a quote ("password": …), '<' (<password>), or nothing.
	var quote byte
	if is > 0 && (content[is-1] == '"' || content[is-1] == '\'' || content[is-1] == '`') {
		quote = content[is-1]
	}
	p := ie
	if quote != 0 {
		if p >= len(content) || content[p] != quote {
			return // the keyword is inside a longer string, not a key
		}
		p++
	}
	if syn.xml && quote == 0 && is > 0 && content[is-1] == '<' && p < len(content) && content[p] == '>' {
		kind := classifyKey(ident)
		if kind == notSecret {
			return
		}
		return xmlValue(content, is, p+1, ident, kind)
	}
	if p < len(content) && content[p] == ']' {
		p++
	}
	for p < len(content) && isSpace(content[p]) {
		p++
	}
	if p >= len(content) {
		return
	}
	// Separator.
	sep := content[p]
	switch c := sep; {
	case c == '=':
		if p+1 < len(content) && (content[p+1] == '=' || content[p+1] == '~') {
			return // comparison, not assignment
		}
		if p > 0 && (content[p-1] == '!' || content[p-1] == '<' || content[p-1] == '>') {
			return
		}
		p++
		if p < len(content) && content[p] == '>' { // =>
			p++
		}
	case c == ':':
		p++
		if p < len(content) && content[p] == '=' {
			p++
		} else if p < len(content) && content[p] == ':' {
			return // Class::member
		}
	case c == ',' && quote != 0:
		// put("password", "…"), getenv("API_KEY", "…"): only as a call's first argument.
		q := is - 2
		for q >= 0 && isSpace(content[q]) {
			q--
		}
		if q < 0 || content[q] != '(' || !pairCallee(content, q) {
			return
		}
		p++
	case c == '(' && quote == 0 && isSetter(ident):
		p++ // setPassword("…"), withApiKey("…")
	default:
		return
	}
	for p < len(content) && isSpace(content[p]) {
		p++
	}
	// Python/TS annotation: `password: str = "…"`.
	if sep == ':' && p < len(content) && isIdentByte(content[p]) && !syn.bareValues {
		q := p
		for q < len(content) && (isIdentByte(content[q]) || content[q] == '[' || content[q] == ']' || content[q] == '|' || content[q] == ' ') {
			q++
		}
		if q < len(content) && content[q] == '=' && (q+1 >= len(content) || content[q+1] != '=') {
			p = q + 1
			for p < len(content) && isSpace(content[p]) {
				p++
			}
		}
	}
	vs, ve, quoted := literalAt(content, p, syn)
	if vs < 0 {
		return
	}
	// Only now, with a literal in hand, look at the key's name.
	kind := classifyKey(ident)
	if kind == notSecret {
		return
	}
	v := string(content[vs:ve])
	hint, good := judgeValue(v, ident, kind, quoted)
	if !good {
		return
	}
	return identStart, identEnd, genericMatch{keyStart: is, start: vs, end: ve, kind: kind, conf: hint}, true
}

// literalAt reads a string literal starting at p: quoted (with an optional
// Python prefix r/b/u/f) or, where the file syntax allows, a bare value up to
// the end of the line. It returns the value's byte span, without quotes.
func literalAt(content []byte, p int, syn fileSyntax) (int, int, bool) {
	if p >= len(content) {
		return -1, -1, false
	}
	q := p
	for n := 0; n < 2 && q < len(content) && strings.IndexByte("rRbBuUfF", content[q]) >= 0; n++ {
		q++
	}
	if q < len(content) && (content[q] == '"' || content[q] == '\'' || content[q] == '`') {
		if q > p && q-p <= 2 && content[q] == '`' {
			return -1, -1, false
		}
		quote := content[q]
		if q+2 < len(content) && content[q+1] == quote && content[q+2] == quote {
			return -1, -1, false // triple-quoted docstring
		}
		s := q + 1
		for i := s; i < len(content) && i-s <= 1024; i++ {
			switch content[i] {
			case '\\':
				i++
			case '\n':
				return -1, -1, false
			case quote:
				return s, i, true
			}
		}
		return -1, -1, false
	}
	if q != p || !syn.bareValues {
		return -1, -1, false
	}
	// Bare value: up to end of line, minus a trailing comment.
	e := p
	for e < len(content) && content[e] != '\n' && content[e] != '\r' && e-p <= 1024 {
		if (content[e] == '#' || content[e] == ';') && e > p && isSpace(content[e-1]) {
			break
		}
		e++
	}
	for e > p && isSpace(content[e-1]) {
		e--
	}
	if e <= p {
		return -1, -1, false
	}
	return p, e, false
}

func xmlValue(content []byte, is, p int, ident string, kind keyKind) (int, int, genericMatch, bool) {
	e := p
	for e < len(content) && content[e] != '<' && content[e] != '\n' && e-p <= 1024 {
		e++
	}
	if e >= len(content) || content[e] != '<' {
		return is, p, genericMatch{}, false
	}
	vs, ve := p, e
	for vs < ve && isSpace(content[vs]) {
		vs++
	}
	for ve > vs && isSpace(content[ve-1]) {
		ve--
	}
	hint, good := judgeValue(string(content[vs:ve]), ident, kind, false)
	if !good {
		return is, p, genericMatch{}, false
	}
	return is, p, genericMatch{keyStart: is, start: vs, end: ve, kind: kind, conf: hint}, true
}

// judgeValue gates a value by placeholder checks, shape, length and entropy.
func judgeValue(v, ident string, kind keyKind, quoted bool) (confidenceHint, bool) {
	if len(v) > 512 || strings.ContainsAny(v, " \t\\") {
		return 0, false // sentences are UI text; backslashes mark regexps and escapes
	}
	if isPlaceholder(v) || strings.EqualFold(v, ident) {
		return 0, false
	}
	if identLike.MatchString(v) || classNameLike(v) || dottedIdentifier(v) {
		return 0, false // an identifier, header or env var name: X-Api-Key, DB_PASSWORD, accessToken
	}
	if strings.HasPrefix(v, "-----BEGIN") && strings.Contains(v, "PUBLIC KEY") {
		return 0, false
	}
	if namesItself(v, ident) || paramName(v) || decodesToPlaceholder(v) {
		return 0, false
	}
	h := entropy(v)
	switch kind {
	case kindPassword:
		if len(v) < 6 || h < 2.2 || distinct(v) < 4 {
			return 0, false
		}
	default:
		if len(v) < 10 || h < 3.0 || distinct(v) < 6 {
			return 0, false
		}
		if allLowerAlpha(v) && len(v) <= 24 {
			return 0, false
		}
	}
	if h >= 3.5 && len(v) >= 16 || kind == kindPassword && h >= 3.0 && hasDigitAndLetter(v) && len(v) >= 8 {
		return hintMedium, true
	}
	return hintLow, true
}

func allLowerAlpha(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 'a' || s[i] > 'z' {
			return false
		}
	}
	return true
}

// isSetter reports setPassword / withApiKey (the last dotted segment).
func isSetter(ident string) bool {
	if i := strings.LastIndexByte(ident, '.'); i >= 0 {
		ident = ident[i+1:]
	}
	return strings.HasPrefix(ident, "set") || strings.HasPrefix(ident, "with")
}

// pairCalls are the calls whose first two arguments are a key and its
// value: map.put("password", "…"), props.setProperty(…), os.getenv("KEY",
// "default"), headers.set("X-Api-Key", "…").
var pairCalls = []string{"put", "set", "setdefault", "setproperty", "setenv", "putenv", "getenv", "get",
	"getproperty", "getordefault", "add", "header", "setheader", "addheader", "append", "withenv"}

// pairCallee reports whether the call whose '(' is at open is a pair call.
func pairCallee(content []byte, open int) bool {
	e := open
	for e > 0 && isSpace(content[e-1]) {
		e--
	}
	b := e
	for b > 0 && e-b < 32 && (isIdentByte(content[b-1]) && content[b-1] != '.' && content[b-1] != '-') {
		b--
	}
	name := strings.ToLower(string(content[b:e]))
	for _, c := range pairCalls {
		if name == c {
			return true
		}
	}
	return false
}

// classNameLike reports values that read as a type or identifier name
// ("_RSAPrivateKey", "HTTPPasswordMgr", "SecretsManagerClient"): letters and
// underscores only, split into words none shorter than three letters.
func classNameLike(v string) bool {
	if len(v) > 48 {
		return false
	}
	for i := 0; i < len(v); i++ {
		c := v[i]
		if !(c == '_' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z') {
			return false
		}
	}
	words := splitWords(v)
	if len(words) < 2 {
		return false
	}
	for _, w := range words {
		if len(w) < 3 {
			return false
		}
	}
	return true
}

// namesItself reports values that contain the secret word of their own key
// ("Credential=", "DoNotNormalize_credentials_secret", "my-api-token"):
// labels and test markers, not credentials.
func namesItself(v, ident string) bool {
	lv := strings.ToLower(v)
	for _, w := range splitWords(ident) {
		if len(w) >= 5 && (passwordWords[w] || tokenWords[w]) && strings.Contains(lv, w) {
			return true
		}
	}
	for _, w := range []string{"password", "secret", "token", "credential", "apikey", "api_key"} {
		if strings.Contains(lv, w) && allWordish(v) {
			return true
		}
	}
	return false
}

// allWordish is true for values of letters and separators only.
func allWordish(v string) bool {
	for i := 0; i < len(v); i++ {
		c := v[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || c == '_' || c == '-' || c == '.' || c == '=' || c == ':') {
			return false
		}
	}
	return true
}

// paramName reports protocol parameter names used as constants:
// "Signature=", "Credential=", "X-Amz-Security-Token:".
func paramName(v string) bool {
	t := strings.TrimRight(v, "=:")
	return t != v && allWordish(t)
}

// decodesToPlaceholder reports base64 values whose decoded text is a
// placeholder ("this is not a real value", "fake-password").
func decodesToPlaceholder(v string) bool {
	if len(v) < 12 || len(v) > 512 {
		return false
	}
	b, ok := decodeB64(v)
	if !ok || len(b) == 0 {
		return false
	}
	for _, c := range b {
		if c < 0x20 || c > 0x7e {
			return false
		}
	}
	return isPlaceholder(string(b)) && !lowVariety(string(b))
}

// dottedIdentifier reports member paths without digits
// ("globalThis._VSCODE_FILE_ROOT", "process.env.TOKEN", "config.auth.secret").
func dottedIdentifier(v string) bool {
	if !strings.Contains(v, ".") || strings.HasPrefix(v, ".") || strings.HasSuffix(v, ".") {
		return false
	}
	for _, part := range strings.Split(v, ".") {
		if part == "" {
			return false
		}
		for i := 0; i < len(part); i++ {
			c := part[i]
			if !(c == '_' || c == '$' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z') {
				return false
			}
		}
	}
	return true
}
