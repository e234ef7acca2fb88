package mask

import "testing"

func TestValue(t *testing.T) {
	tests := []struct{ in, want string }{
		{"AKIAIOSFODNN7EXAMPLE", "AKIA****************"},
		{"short", "s****"},
		{"", ""},
		{"ab", "**"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := Value(tt.in); got != tt.want {
				t.Errorf("Value(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestLine(t *testing.T) {
	line := `key = "AKIAIOSFODNN7EXAMPLE" # x`
	got := Line(line, []Span{{7, 27}})
	want := `key = "AKIA****************" # x`
	if got != want {
		t.Errorf("Line = %q, want %q", got, want)
	}
	if got := Line("abc", []Span{{-5, 100}}); got != "a**" {
		t.Errorf("clipped span: got %q", got)
	}
}
