package java

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/lambdascan/lambdascan/engine/taint/tainttest"
)

const handlerHead = `package com.x;

import com.amazonaws.services.lambda.runtime.RequestHandler;

public class H implements RequestHandler<Map<String, String>, String> {
    public String handleRequest(Map<String, String> event, Context ctx) {
`

// TestTaintFlows lowers handlers and runs the taint engine over them: the
// event is the source, the arguments of sink(...) the sinks, and the lines
// marked "// want" are those that must be reported.
func TestTaintFlows(t *testing.T) {
	tests := []struct{ name, body string }{
		{"negated contains with throw", `
        String x = event.get("name");
        if (!ALLOWED.contains(x)) throw new IllegalArgumentException("bad " + x);
        sink(x);
`},
		{"negated contains with block", `
        String x = event.get("name");
        if (!ALLOWED.contains(x)) {
            sink(x); // want
            return "bad";
        }
        sink(x);
`},
		{"contains guards only its branch", `
        String x = event.get("name");
        if (ALLOWED.contains(x)) {
            sink(x);
            return "ok";
        }
        sink(x); // want
`},
		{"negated contains replacing the value", `
        String x = event.get("name");
        if (!ALLOWED.contains(x)) {
            x = "default";
        }
        sink(x);
`},
		{"ternary", `
        String limit = event.get("limit");
        int max = limit == null ? 50 : 10;
        sink(max);
        String b = limit.isEmpty() ? "x" : limit;
        sink(b); // want
`},
		{"unknown calls", `
        String key = event.get("key");
        sink(FilenameUtils.getName(key)); // want
        sink(org.apache.commons.io.FilenameUtils.getBaseName(key)); // want
        sink(Integer.parseInt(key));
        sink(s3.getObject("bucket", key));
        sink(Class.forName(key));
`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			src := handlerHead + tc.body + "        return \"\";\n    }\n}\n"
			m := lowerSrc(t, src, "")
			m.SetSource([]byte(src))
			if diff := cmp.Diff(tainttest.Want(src, "// want"), tainttest.Lines(t, m)); diff != "" {
				t.Errorf("(-want +got):\n%s\n%s", diff, m.Dump())
			}
		})
	}
}
