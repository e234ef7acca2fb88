package awsscan

import (
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"strings"

	gocvss31 "github.com/pandatix/go-cvss/31"

	"github.com/lambdascan/lambdascan/engine/finding"
)

// Reachability says who can invoke a function, from its URL config,
// resource policy and event source mappings.
type Reachability struct {
	// Internet is true when anyone on the internet can make it run: a
	// function URL with AuthType NONE, a policy allowing Principal "*"
	// without a restricting condition, or an API Gateway / load balancer
	// trigger.
	Internet bool `json:"internet"`
	// Invoked is true when anything besides its owner's IAM principals can
	// invoke it (a trigger, another account, an event source mapping).
	Invoked bool `json:"invoked"`
	// Reasons explain both, for people.
	Reasons []string `json:"reasons,omitempty"`
	// Known is false when the context could not be read (access denied):
	// then no score is lowered.
	Known bool `json:"known"`
}

func (r *Reachability) add(internet bool, reason string) {
	r.Invoked = true
	r.Internet = r.Internet || internet
	r.Reasons = append(r.Reasons, reason)
}

// internetServices are the service principals whose triggers take requests
// from the internet: API Gateway APIs and Application Load Balancers.
var internetServices = map[string]string{
	"apigateway.amazonaws.com":           "API Gateway",
	"elasticloadbalancing.amazonaws.com": "Application Load Balancer",
}

// restrictingConditionKeys narrow who may invoke under Principal "*".
var restrictingConditionKeys = []string{
	"aws:sourcearn", "aws:sourceaccount", "aws:sourceowner", "aws:principalorgid",
	"aws:principalorgpaths", "aws:principalaccount", "aws:principalarn", "aws:sourcevpc",
	"aws:sourcevpce", "aws:sourceip", "aws:sourceorgid", "aws:sourceorgpaths", "aws:userid",
}

type policyDoc struct {
	Statement []policyStatement `json:"Statement"`
}

type policyStatement struct {
	Sid       string                     `json:"Sid"`
	Effect    string                     `json:"Effect"`
	Principal json.RawMessage            `json:"Principal"`
	Action    stringList                 `json:"Action"`
	Condition map[string]json.RawMessage `json:"Condition"`
}

// stringList reads an IAM "string or list of strings".
type stringList []string

func (s *stringList) UnmarshalJSON(b []byte) error {
	var one string
	if err := json.Unmarshal(b, &one); err == nil {
		*s = []string{one}
		return nil
	}
	var many []string
	if err := json.Unmarshal(b, &many); err != nil {
		return err
	}
	*s = many
	return nil
}

// principals returns the statement's principals as "*", "AWS:<id>" and
// "Service:<name>".
func (st policyStatement) principals() []string {
	var star string
	if json.Unmarshal(st.Principal, &star) == nil {
		return []string{star}
	}
	var m map[string]stringList
	if json.Unmarshal(st.Principal, &m) != nil {
		return nil
	}
	var out []string
	for k, vs := range m {
		for _, v := range vs {
			if k == "AWS" && v == "*" {
				out = append(out, "*")
				continue
			}
			out = append(out, k+":"+v)
		}
	}
	slices.Sort(out)
	return out
}

func (st policyStatement) invokes() bool {
	for _, a := range st.Action {
		switch strings.ToLower(a) {
		case "*", "lambda:*", "lambda:invokefunction", "lambda:invokefunctionurl", "lambda:invoke*":
			return true
		}
	}
	return false
}

// restricted reports whether the statement's conditions narrow the callers,
// and how. A condition on lambda:FunctionUrlAuthType NONE does not: that is
// the permission behind a public function URL.
func (st policyStatement) restricted() (bool, string) {
	for _, ops := range st.Condition {
		var m map[string]json.RawMessage
		if json.Unmarshal(ops, &m) != nil {
			continue
		}
		for key := range m {
			k := strings.ToLower(key)
			if slices.Contains(restrictingConditionKeys, k) {
				return true, key
			}
			if k == "lambda:functionurlauthtype" && !strings.Contains(string(m[key]), "NONE") {
				return true, key
			}
		}
	}
	return false, ""
}

// analysePolicy reads a function's resource policy into r.
func analysePolicy(policy string, r *Reachability) error {
	var doc policyDoc
	if err := json.Unmarshal([]byte(policy), &doc); err != nil {
		return fmt.Errorf("read resource policy: %w", err)
	}
	for _, st := range doc.Statement {
		if !strings.EqualFold(st.Effect, "Allow") || !st.invokes() {
			continue
		}
		sid := st.Sid
		if sid == "" {
			sid = "(no Sid)"
		}
		restricted, key := st.restricted()
		for _, p := range st.principals() {
			switch {
			case p == "*" && !restricted:
				r.add(true, fmt.Sprintf("resource policy statement %s allows any principal (*)", sid))
			case p == "*":
				r.add(false, fmt.Sprintf("resource policy statement %s allows * restricted by %s", sid, key))
			case strings.HasPrefix(p, "Service:"):
				svc := strings.TrimPrefix(p, "Service:")
				if name, ok := internetServices[svc]; ok {
					r.add(true, fmt.Sprintf("resource policy statement %s lets %s invoke it", sid, name))
				} else {
					r.add(false, fmt.Sprintf("resource policy statement %s lets %s invoke it", sid, svc))
				}
			default:
				r.add(false, fmt.Sprintf("resource policy statement %s lets %s invoke it", sid, p))
			}
		}
	}
	return nil
}

// contextualScore sets a package finding's Score, Adjustments and Severity
// from its CVSS base vector and the function's reachability, as Inspector
// bands scores. A network attack vector (AV:N) in a function the internet
// cannot reach is rescored with the environmental metric MAV:A when AWS
// triggers or other principals can invoke it, and MAV:L when nothing but
// its owner can. Findings without a CVSS 3.x vector keep their base score.
func contextualScore(f *finding.Finding, r Reachability) {
	v := f.Vulnerability
	if v == nil {
		return
	}
	base := v.CVSSScore
	vec, err := parseCVSS3(v.CVSSVector)
	if err != nil || vec == nil {
		if base > 0 {
			f.Score = base
			f.Severity = finding.SeverityFromScore(base)
		}
		return
	}
	if base == 0 {
		base = vec.BaseScore()
	}
	score := base
	av, _ := vec.Get("AV")
	switch {
	case !r.Known:
		f.Adjustments = append(f.Adjustments, finding.ScoreAdjustment{Metric: "AV",
			Reason: "reachability unknown (function context not readable): base score kept"})
	case r.Internet:
		f.Adjustments = append(f.Adjustments, finding.ScoreAdjustment{Metric: "AV",
			Reason: "reachable from the internet: " + strings.Join(r.Reasons, "; ")})
	case av == "N" || (av == "A" && !r.Invoked):
		mav, why := "A", "not reachable from the internet; invoked only by "+strings.Join(r.Reasons, "; ")
		if !r.Invoked {
			mav, why = "L", "no function URL, trigger, event source or resource policy can invoke it"
		}
		if err := vec.Set("MAV", mav); err == nil {
			env := vec.EnvironmentalScore()
			if env < score {
				f.Adjustments = append(f.Adjustments, finding.ScoreAdjustment{Metric: "MAV:" + mav,
					Reason: why, Delta: round1(env - score)})
				score = env
			}
		}
	}
	f.Score = round1(score)
	f.Severity = finding.SeverityFromScore(f.Score)
	if f.Properties == nil {
		f.Properties = map[string]string{}
	}
	f.Properties["baseScore"] = fmt.Sprintf("%.1f", base)
}

// parseCVSS3 reads a CVSS 3.0 or 3.1 vector; 3.0 is scored with the 3.1
// formulas, which differ only in rounding.
func parseCVSS3(s string) (*gocvss31.CVSS31, error) {
	switch {
	case strings.HasPrefix(s, "CVSS:3.1/"):
	case strings.HasPrefix(s, "CVSS:3.0/"):
		s = "CVSS:3.1/" + strings.TrimPrefix(s, "CVSS:3.0/")
	default:
		return nil, nil
	}
	return gocvss31.ParseVector(s)
}

func round1(x float64) float64 { return math.Round(x*10) / 10 }
