package sarifcheck

import "testing"

// TestValidateSARIF makes sure the schema check accepts a minimal log and
// can fail.
func TestValidateSARIF(t *testing.T) {
	tests := []struct{ name, doc string }{
		{"not json", "{"},
		{"no version", `{"runs":[]}`},
		{"unknown top-level member", `{"version":"2.1.0","runs":[],"extra":1}`},
		{"bad uri format", `{"version":"2.1.0","$schema":"::not a uri::","runs":[]}`},
		{"null shortDescription", `{"version":"2.1.0","runs":[{"tool":{"driver":{"name":"x","rules":[{"id":"r","shortDescription":null}]}},"results":[]}]}`},
		{"column zero", `{"version":"2.1.0","runs":[{"tool":{"driver":{"name":"x"}},"results":[{"message":{"text":"m"},"locations":[{"physicalLocation":{"artifactLocation":{"uri":"a"},"region":{"startLine":1,"startColumn":0}}}]}]}]}`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if err := ValidateSARIF([]byte(tc.doc)); err == nil {
				t.Error("ValidateSARIF accepted an invalid log")
			}
		})
	}
	if err := ValidateSARIF([]byte(`{"version":"2.1.0","runs":[]}`)); err != nil {
		t.Errorf("minimal valid log rejected: %v", err)
	}
}
