package secrets

import (
	"encoding/base64"
	"encoding/json"
	"hash/crc32"
	"math"
	"strings"
)

// base62Alphabet is the digit order GitHub and npm use for the CRC32
// checksum at the end of their tokens.
const base62Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"

// base62CRC32 returns the 6-character base62 encoding of the CRC32 (IEEE)
// of s, left-padded with '0': the checksum GitHub (ghp_, gho_, ghu_, ghs_,
// ghr_) and npm (npm_) append to the 30 random characters of a token.
func base62CRC32(s string) string {
	v := crc32.ChecksumIEEE([]byte(s))
	var buf [6]byte
	for i := 5; i >= 0; i-- {
		buf[i] = base62Alphabet[v%62]
		v /= 62
	}
	return string(buf[:])
}

// validCRC32Token checks a "pfx_" + 30 random + 6 checksum token.
func validCRC32Token(tok string) bool {
	i := strings.IndexByte(tok, '_')
	if i < 0 || len(tok)-i-1 != 36 {
		return false
	}
	body := tok[i+1:]
	return base62CRC32(body[:30]) == body[30:]
}

// entropy is the Shannon entropy of s in bits per byte.
func entropy(s string) float64 {
	if s == "" {
		return 0
	}
	var counts [256]int
	for i := 0; i < len(s); i++ {
		counts[s[i]]++
	}
	n := float64(len(s))
	h := 0.0
	for _, c := range counts {
		if c > 0 {
			p := float64(c) / n
			h -= p * math.Log2(p)
		}
	}
	return h
}

// distinct counts the distinct bytes of s.
func distinct(s string) int {
	var seen [256]bool
	n := 0
	for i := 0; i < len(s); i++ {
		if !seen[s[i]] {
			seen[s[i]] = true
			n++
		}
	}
	return n
}

// lowVariety is true for values made of very few distinct characters
// ("xxxxxxxx", "aaaa1111", "0000-0000"): placeholders, not secrets.
func lowVariety(s string) bool {
	return distinct(s) <= 3 || (len(s) >= 16 && distinct(s) <= 5)
}

// isDocExample reports documented example values: AWS's AKIAIOSFODNN7EXAMPLE
// family and anything spelled EXAMPLE, and Stripe's published docs test key.
func isDocExample(s string) bool {
	if strings.Contains(strings.ToUpper(s), "EXAMPLE") {
		return true
	}
	_, ok := docExamples[s]
	return ok
}

// docExamples are test keys printed in provider documentation.
var docExamples = map[string]struct{}{
	"sk_test_4eC39HqLyjWDarjtT1zdp7dc": {}, // Stripe API reference
	"sk_test_BQokikJOvBiI2HlWgH4olfQ2": {}, // Stripe docs (older)
}

// decodeB64 decodes standard or URL-safe base64 with or without padding.
func decodeB64(s string) ([]byte, bool) {
	for _, enc := range []*base64.Encoding{base64.RawURLEncoding, base64.URLEncoding, base64.RawStdEncoding, base64.StdEncoding} {
		if b, err := enc.DecodeString(s); err == nil {
			return b, true
		}
	}
	return nil, false
}

// validJWT accepts header.payload.signature whose header decodes to a JSON
// object with an "alg" member and whose payload decodes to a JSON object.
func validJWT(s string) bool {
	parts := strings.Split(s, ".")
	if len(parts) != 3 {
		return false
	}
	h, ok := decodeB64(parts[0])
	if !ok {
		return false
	}
	var hdr map[string]any
	if json.Unmarshal(h, &hdr) != nil {
		return false
	}
	if _, ok := hdr["alg"]; !ok {
		return false
	}
	p, ok := decodeB64(parts[1])
	if !ok {
		return false
	}
	var payload map[string]any
	return json.Unmarshal(p, &payload) == nil
}

// validDockerAuth accepts base64("user:password") with a non-empty password.
func validDockerAuth(s string) bool {
	b, ok := decodeB64(s)
	if !ok {
		return false
	}
	user, pass, found := strings.Cut(string(b), ":")
	return found && user != "" && len(pass) >= 4 && !isPlaceholder(pass)
}

// hasDigitAndLetter is a cheap shape check for random tokens.
func hasDigitAndLetter(s string) bool {
	d, l := false, false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case '0' <= c && c <= '9':
			d = true
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z':
			l = true
		}
	}
	return d && l
}

// randomish is the default validator of provider tokens: enough variety not
// to be a placeholder such as "ghp_xxxxxxxx…" or "AKIA0000…".
func randomish(s string) bool {
	if lowVariety(s) || entropy(s) < 2.5 {
		return false
	}
	ls := strings.ToLower(s)
	for _, w := range tokenPlaceholders {
		if strings.Contains(ls, w) {
			return false
		}
	}
	return true
}

// tokenPlaceholders mark provider-shaped values that are spelled out as
// placeholders ("dckr_pat_PlaceholderTokenPlaceholder", "ghp_xxxxx…").
var tokenPlaceholders = []string{"placeholder", "changeme", "dummy", "xxxxx", "your_", "your-", "redacted", "testtest", "<", ">"}

// isBinary reports content that is not text: a NUL byte in the first 8 KB,
// or more than 10% of invalid UTF-8 there.
func isBinary(content []byte) bool {
	head := content[:min(len(content), 8192)]
	bad := 0
	for i := 0; i < len(head); {
		c := head[i]
		if c == 0 {
			return true
		}
		if c < 0x80 {
			i++
			continue
		}
		r, size := decodeRune(head[i:])
		if r < 0 {
			if len(head)-i < 4 && len(head) < len(content) {
				break // a rune cut by the 8 KB boundary
			}
			bad++
			i++
			continue
		}
		i += size
	}
	return len(head) > 0 && bad*10 > len(head)
}
