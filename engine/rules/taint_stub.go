package rules

import "context"

// testTaint tests a taint rule against its test cases. (Stage 2.)
func (s *Set) testTaint(ctx context.Context, r *Rule, base string, rr *RuleResult) {}
