package javascript

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/lambdascan/lambdascan/engine/parse"
	"github.com/lambdascan/lambdascan/engine/taint/tainttest"
)

// TestTaintFlows lowers handlers and runs the taint engine over them: the
// event is the source, the arguments of sink(...) the sinks, and the lines
// marked "// want" are those that must be reported.
func TestTaintFlows(t *testing.T) {
	tests := []struct{ name, src string }{
		{"negated has with early return", `
exports.handler = async (event) => {
  const x = event.queryStringParameters.next;
  if (!ALLOWED.has(x)) return { statusCode: 400 };
  sink(x);
};
`},
		{"negated includes with block", `
exports.handler = async (event) => {
  const x = event.body;
  if (!ALLOWED.includes(x)) {
    sink(x); // want
    throw new Error('bad');
  }
  sink(x);
};
`},
		{"includes guards only its branch", `
exports.handler = async (event) => {
  const x = event.body;
  if (ALLOWED.includes(x)) {
    sink(x);
    return;
  }
  sink(x); // want
};
`},
		{"includes with else that exits", `
exports.handler = async (event) => {
  const x = event.body;
  if (ALLOWED.includes(x)) {
    sink(x);
  } else {
    return res(400);
  }
  sink(x);
};
`},
		{"negated has replacing the value", `
exports.handler = async (event) => {
  let x = event.body;
  if (!ALLOWED.has(x)) x = 'default';
  sink(x);
};
`},
		{"negated has falling through", `
exports.handler = async (event) => {
  let x = event.body;
  if (!ALLOWED.has(x)) console.log(x);
  sink(x); // want
};
`},
		{"ternary", `
exports.handler = async (event) => {
  const limit = event.limit;
  const a = limit ? 50 : 10;
  sink(a);
  const b = event.flag ? 'x' : limit;
  sink(b); // want
};
`},
		{"unknown calls", `
const sanitizeFilename = require('sanitize-filename');
const yaml = require('js-yaml');
exports.handler = async (event) => {
  const x = event.key;
  sink(sanitizeFilename(x)); // want
  sink(encodeURIComponent(x)); // want
  sink(yaml.load(x));
  sink(parseInt(x, 10));
  sink(client.send(x));
};
`},
		{"second handler of the file", `
export const handler = async (event) => {
  helper('x');
};
export const thumbnail = async (event) => {
  sink(event.Records[0].s3.object.key); // want
};
function helper(name) {
  sink(name);
}
`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			m := lowerSrc(t, parse.JavaScript, "index.js", tc.src, "")
			m.Lang = parse.JavaScript
			m.SetSource([]byte(tc.src))
			if diff := cmp.Diff(tainttest.Want(tc.src, "// want"), tainttest.Lines(t, m)); diff != "" {
				t.Errorf("(-want +got):\n%s\n%s", diff, m.Dump())
			}
		})
	}
}
