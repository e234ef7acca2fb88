package secrets

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"hash/crc32"
	"strings"
)

// Character sets for fake values.
const (
	hexLower = "0123456789abcdef"
	hexUpper = "0123456789ABCDEF"
	digits   = "0123456789"
	upperAN  = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
	alnum    = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
	letters  = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
	b64chars = alnum + "+/"
	urlChars = alnum + "_-"
	base32   = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
	bech32   = "QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L"
)

// fake returns n characters of alphabet chosen deterministically from
// seed: fake values in real shapes, never real credentials.
func fake(alphabet string, n int, seed string) string {
	var b strings.Builder
	for i := 0; b.Len() < n; i++ {
		var ctr [8]byte
		binary.BigEndian.PutUint64(ctr[:], uint64(i))
		sum := sha256.Sum256(append([]byte(seed), ctr[:]...))
		for _, x := range sum {
			if b.Len() == n {
				break
			}
			b.WriteByte(alphabet[int(x)%len(alphabet)])
		}
	}
	return b.String()
}

// testChecksum62 is the test's own base62 CRC32 encoder (GitHub/npm token
// checksum), written independently of base62CRC32.
func testChecksum62(s string) string {
	const alpha = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
	v := uint64(crc32.ChecksumIEEE([]byte(s)))
	out := []byte("000000")
	for i := 5; v > 0; i-- {
		out[i] = alpha[v%62]
		v /= 62
	}
	return string(out)
}

// crcToken builds a checksummed token: prefix + 30 random + 6 checksum.
func crcToken(prefix, seed string) string {
	body := fake(alnum, 30, seed)
	return prefix + body + testChecksum62(body)
}

// breakChecksum changes the last character of a checksummed token.
func breakChecksum(tok string) string {
	last := tok[len(tok)-1]
	repl := byte('A')
	if last == 'A' {
		repl = 'B'
	}
	return tok[:len(tok)-1] + string(repl)
}

func fakeUUID(seed string) string {
	h := fake(hexLower, 32, seed)
	return h[:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:]
}

func b64url(s string) string { return base64.RawURLEncoding.EncodeToString([]byte(s)) }

func fakeJWT(header, payload string) string {
	return b64url(header) + "." + b64url(payload) + "." + fake(urlChars, 43, header+payload)
}

// pemKey returns a PEM private key block with a fake body, lines joined by nl.
func pemKey(kind, nl, seed string) string {
	label := "PRIVATE KEY"
	if kind != "" {
		label = kind + " PRIVATE KEY"
	}
	body := "MIIE" + fake(b64chars, 60+64*4, seed)
	var lines []string
	lines = append(lines, "-----BEGIN "+label+"-----")
	for len(body) > 64 {
		lines = append(lines, body[:64])
		body = body[64:]
	}
	lines = append(lines, body+"==", "-----END "+label+"-----")
	return strings.Join(lines, nl)
}
