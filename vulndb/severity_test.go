package vulndb

import (
	"testing"
)

func TestCVSSBaseScore(t *testing.T) {
	tests := []struct {
		vector  string
		score   float64
		major   int
		wantErr bool
	}{
		{"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H", 10.0, 3, false},
		{"CVSS:3.1/AV:N/AC:H/PR:N/UI:R/S:C/C:H/I:N/A:N", 6.1, 3, false},
		{"CVSS:3.0/AV:N/AC:L/PR:L/UI:R/S:U/C:H/I:H/A:H", 8.0, 3, false},
		{"CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N", 9.3, 4, false},
		{"CVSS:3.1/AV:N/AC:L", 0, 0, true},
		{"AV:N/AC:L/Au:N/C:P/I:P/A:P", 0, 0, true}, // CVSS v2: not read
		{"", 0, 0, true},
	}
	for _, tt := range tests {
		t.Run(tt.vector, func(t *testing.T) {
			score, major, err := cvssBaseScore(tt.vector)
			if (err != nil) != tt.wantErr || score != tt.score || major != tt.major {
				t.Errorf("got %v, %d, %v; want %v, %d, error %v", score, major, err, tt.score, tt.major, tt.wantErr)
			}
		})
	}
}

func TestParseInstalled(t *testing.T) {
	tests := []struct {
		eco, version string
		ok           bool
	}{
		{"PyPI", "2.31.0", true},
		{"PyPI", "1!2.0", true},
		{"PyPI", "1.0a1", true},
		{"PyPI", "1.0.post1", true},
		{"PyPI", "1.0.dev0", true},
		{"PyPI", "1.0+ubuntu.1", true},
		{"PyPI", "2013b", true},
		{"PyPI", "dev-master", false},
		{"PyPI", ">=1.0", false},
		{"PyPI", "", false},
		{"npm", "4.17.21", true},
		{"npm", "v1.2.3", true},
		{"npm", "1.2.3-beta.1+build.5", true},
		{"npm", "^4.17.0", false},
		{"npm", "latest", false},
		{"npm", "1.x", false},
		{"npm", "github:user/repo#abc", false},
		{"npm", "file:../lib", false},
		{"Maven", "2.13.2.1", true},
		{"Maven", "5.2.20.RELEASE", true},
		{"Maven", "4.1.68.Final", true},
		{"Maven", "1.0-SNAPSHOT", true},
		{"Maven", "${jackson.version}", false},
		{"Maven", "[1.0,2.0)", false},
		{"Maven", "RELEASE", false},
		{"Maven", "LATEST", false},
	}
	for _, tt := range tests {
		t.Run(tt.eco+"/"+tt.version, func(t *testing.T) {
			v, err := parseInstalled(tt.version, tt.eco)
			if (err == nil) != tt.ok || (err == nil && v == nil) {
				t.Errorf("got %v, %v; want ok=%v", v, err, tt.ok)
			}
		})
	}
}
