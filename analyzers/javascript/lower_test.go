package javascript

import (
	"context"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/lambdascan/lambdascan/engine/ir"
	"github.com/lambdascan/lambdascan/engine/parse"
	"github.com/lambdascan/lambdascan/engine/pattern"
)

func lowerSrc(t *testing.T, lang parse.Language, path, src, handler string) *ir.Module {
	t.Helper()
	p := parse.NewParser(0)
	defer p.Close()
	tr, err := p.Parse(context.Background(), lang, []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	defer tr.Close()
	ft := pattern.Flatten(tr)
	mod := &ir.Module{Path: path}
	Lower(ft, ImportsAt(ft, path), mod, handler)
	return mod
}

func handlers(m *ir.Module) []string {
	var out []string
	for _, f := range m.Funcs {
		if f.Handler {
			out = append(out, f.Name+"("+f.Params[f.EventParam]+")")
		}
	}
	slices.Sort(out)
	return out
}

func TestHandlerForms(t *testing.T) {
	tests := []struct {
		name, src, handler string
		lang               parse.Language
		want               []string
	}{
		{"exports arrow", "exports.handler = async (e) => { return e.body; };", "", parse.JavaScript, []string{"handler(e)"}},
		{"module.exports function", "module.exports.handler = async function (event, context) { return 1; };", "", parse.JavaScript, []string{"handler(event)"}},
		{"callback style", "exports.handler = (event, context, callback) => { callback(null, event.body); };", "", parse.JavaScript, []string{"handler(event)"}},
		{"export const", "export const handler = async (event: any) => ({ statusCode: 200 });", "", parse.TypeScript, []string{"handler(event)"}},
		{"export async function", "export async function handler(evt) { return evt; }", "", parse.JavaScript, []string{"handler(evt)"}},
		{"declared then exported", "async function handle(req) { return req; }\nmodule.exports = { handle };", "", parse.JavaScript, []string{"handle(req)"}},
		{"handler setting", "exports.run = async (x) => x;\nexports.other = async (y) => y;", "index.run", parse.JavaScript, []string{"run(x)"}},
		{"helper is not a handler by name", "exports.query = (sql) => db.query(sql);", "", parse.JavaScript, nil},
		{"export default arrow", "export default async (event) => event.body;", "", parse.JavaScript, []string{"default(event)"}},
		{"destructured event", "exports.handler = async ({ body, headers }) => body;", "", parse.JavaScript, []string{"handler($p0)"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			m := lowerSrc(t, tc.lang, "index.js", tc.src, tc.handler)
			if diff := cmp.Diff(tc.want, handlers(m)); diff != "" {
				t.Errorf("handlers (-want +got):\n%s\n%s", diff, m.Dump())
			}
		})
	}
}

func TestLowerIR(t *testing.T) {
	src := `const { exec } = require('child_process');
const db = require('./lib/db.js');
exports.handler = async ({ body }, context) => {
  const { name, tags: [first] } = JSON.parse(body);
  let cmd = ` + "`ls ${name}`" + `;
  cmd += first;
  await db.query(cmd);
  event.Records.forEach((r) => exec(r.body));
  return cmd;
};`
	m := lowerSrc(t, parse.JavaScript, "src/index.js", src, "")
	want := `func handler($p0, context) handler(event=0)
  body = $p0.body
  name = call JSON.parse<JSON>(body).name
  first = call JSON.parse<JSON>(body).tags[]
  cmd = op(const, op(name))
  ? cmd = op(cmd, first)
  call src/lib/db.query<db>(cmd)
  ? r = event.Records[]
  ? call child_process.exec(r.body)
  call event.Records.forEach<event.Records>(const)
  return cmd
func <module>()
  exec = call require(const).exec
  db = call require(const)
`
	if diff := cmp.Diff(want, m.Dump()); diff != "" {
		t.Errorf("IR (-want +got):\n%s", diff)
	}
}

func TestRouteHandlers(t *testing.T) {
	src := `const express = require('express');
const app = express();
app.get('/users/:id', async (req, res) => { res.send(req.params.id); });
router.post('/x', auth, function (request, reply) { reply.send(request.body); });
cache.get('key', (err, value) => value);
module.exports.handler = serverless(app);`
	m := lowerSrc(t, parse.JavaScript, "app.js", src, "")
	var got []string
	for _, f := range m.Funcs {
		if f.Handler {
			got = append(got, f.Params[f.EventParam])
		}
	}
	if diff := cmp.Diff([]string{"req", "request"}, got); diff != "" {
		t.Errorf("route handlers (-want +got):\n%s\n%s", diff, m.Dump())
	}
}
