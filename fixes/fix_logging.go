package fixes

import (
	"regexp"

	sitter "github.com/smacker/go-tree-sitter"

	"github.com/lambdascan/lambdascan/engine/finding"
)

const logFixDesc = "Log the request id instead of the whole event (add other non-sensitive fields you need)"

var identRe = regexp.MustCompile(`^[A-Za-z_$][A-Za-z0-9_$]*$`)

// pythonLogEventFields replaces the arguments of a logging call that logs
// the whole event with the invocation's request id.
func pythonLogEventFields(s *Site) *finding.Fix {
	call := s.reportedCall()
	if call == nil || call.Type() != "call" {
		return nil
	}
	ctx, _ := s.Bound("CTX")
	fn := call.ChildByFieldName("function")
	var args string
	switch {
	case fn.Type() == "identifier" && s.text(fn) == "print":
		if identRe.MatchString(ctx) && ctx != "_" {
			args = `("request", ` + ctx + `.aws_request_id)`
		} else {
			args = `("request", event.get("requestContext", {}).get("requestId"))`
		}
	case fn.Type() == "attribute":
		switch s.text(fn.ChildByFieldName("attribute")) {
		case "debug", "info", "warning", "warn", "error", "exception", "critical", "fatal":
		default:
			return nil // logger.log(level, ...) and the like
		}
		if identRe.MatchString(ctx) && ctx != "_" {
			args = `("request %s", ` + ctx + `.aws_request_id)`
		} else {
			ev, ok := s.Bound("EVENT")
			if !ok || !identRe.MatchString(ev) {
				return nil
			}
			args = `("request %s", ` + ev + `.get("requestContext", {}).get("requestId"))`
		}
	default:
		return nil
	}
	if _, kw, ok := pyArgs(call); !ok || len(kw) > 0 {
		return nil
	}
	b := &fixBuilder{s: s}
	b.replaceNode(call.ChildByFieldName("arguments"), args)
	return b.fix(logFixDesc)
}

// jsHandlerContext returns the name of the second parameter of the
// function around n (a Lambda handler's context), or "".
func jsHandlerContext(s *Site, n *sitter.Node) string {
	for ; n != nil; n = n.Parent() {
		switch n.Type() {
		case "function_declaration", "function_expression", "arrow_function", "function", "method_definition":
			ps := n.ChildByFieldName("parameters")
			if ps == nil {
				return ""
			}
			kids := namedChildren(ps)
			if len(kids) < 2 {
				return ""
			}
			c := kids[1]
			if c.Type() == "required_parameter" {
				c = c.ChildByFieldName("pattern")
			}
			if c != nil && c.Type() == "identifier" {
				return s.text(c)
			}
			return ""
		}
	}
	return ""
}

// javascriptLogEventFields replaces the arguments of a console call that
// logs the whole event with the request id.
func javascriptLogEventFields(s *Site) *finding.Fix {
	call := s.reportedCall()
	if call == nil || call.Type() != "call_expression" {
		return nil
	}
	args := call.ChildByFieldName("arguments")
	if args == nil || args.Type() != "arguments" {
		return nil
	}
	var repl string
	if ctx := jsHandlerContext(s, call); ctx != "" {
		repl = "({ requestId: " + ctx + ".awsRequestId })"
	} else {
		ev, ok := s.Bound("E")
		if !ok {
			return nil
		}
		repl = "({ requestId: " + ev + ".requestContext?.requestId })"
	}
	b := &fixBuilder{s: s}
	b.replaceNode(args, repl)
	return b.fix(logFixDesc)
}

// javaLogEventFields replaces the arguments of a logging call that logs
// the whole event with the request id from the handler's Context.
func javaLogEventFields(s *Site) *finding.Fix {
	call := s.reportedCall()
	if call == nil || call.Type() != "method_invocation" {
		return nil
	}
	ctx, ok := s.Bound("CTX")
	if !ok || !identRe.MatchString(ctx) {
		return nil
	}
	if s.text(call.ChildByFieldName("name")) == "printf" {
		return nil
	}
	b := &fixBuilder{s: s}
	b.replaceNode(call.ChildByFieldName("arguments"), `("request " + `+ctx+`.getAwsRequestId())`)
	return b.fix(logFixDesc)
}
