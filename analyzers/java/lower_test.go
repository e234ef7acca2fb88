package java

import (
	"context"
	"strings"
	"testing"

	"github.com/lambdascan/lambdascan/engine/ir"
	"github.com/lambdascan/lambdascan/engine/parse"
	"github.com/lambdascan/lambdascan/engine/pattern"
)

func lowerSrc(t *testing.T, src, handler string) *ir.Module {
	t.Helper()
	p := parse.NewParser(0)
	defer p.Close()
	tr, err := p.Parse(context.Background(), parse.Java, []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	defer tr.Close()
	ft := pattern.Flatten(tr)
	mod := &ir.Module{Path: "H.java"}
	Lower(ft, Imports(ft), mod, handler)
	return mod
}

func TestLower(t *testing.T) {
	src := `package com.x;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.sql.Statement;
import static java.lang.String.format;

public class H implements RequestStreamHandler {
    private final Dao dao = new Dao();

    public void handleRequest(InputStream in, OutputStream out, Context ctx) {
        String s = new String(in.readAllBytes());
        Statement st = conn.createStatement();
        st.executeQuery(format("SELECT %s", s));
        dao.find(s);
        helper(s);
        for (String part : s.split(",")) {
            Dao.lookup(part);
        }
    }

    void helper(String v) {}
}`
	m := lowerSrc(t, src, "")
	got := m.Dump()
	for _, line := range []string{
		"func H.handleRequest(in, out, ctx) handler(event=0)",
		"  s = call java.lang.String(call in.readAllBytes<in>())",
		"  ? part = call java.lang.String.split<s>(const)[]",
		"  call java.sql.Statement.executeQuery<st>(call java.lang.String.format(const, s))",
		"  call com.x.Dao.find<dao>(s)",
		"  call com.x.H.helper(s)",
		"  ? call com.x.Dao.lookup<Dao>(part)",
		"func H.helper(v)",
	} {
		if !strings.Contains(got, line+"\n") {
			t.Errorf("IR lacks %q:\n%s", line, got)
		}
	}
	if m := lowerSrc(t, strings.Replace(src, "implements RequestStreamHandler", "", 1), "com.x.H::helper"); !m.Funcs[1].Handler {
		t.Errorf("handler setting: %s", m.Dump())
	}
}

func TestWebEntryPoints(t *testing.T) {
	m := lowerSrc(t, `package com.x;
public class Api extends HttpServlet {
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) { run(req.getParameter("q")); }
}
@RestController
class Ctl {
    @GetMapping("/u/{id}")
    public String get(@PathVariable String id, @RequestParam("q") String q, Model model) { return id + q; }
    public String helper(String s) { return s; }
}`, "")
	var got []string
	for _, f := range m.Funcs {
		switch {
		case f.Handler:
			got = append(got, f.Name+" event="+f.Params[f.EventParam])
		case len(f.SourceParams) > 0:
			var ps []string
			for _, i := range f.SourceParams {
				ps = append(ps, f.Params[i])
			}
			got = append(got, f.Name+" sources="+strings.Join(ps, ","))
		}
	}
	want := "Api.doGet event=req|Ctl.get sources=id,q"
	if g := strings.Join(got, "|"); g != want {
		t.Errorf("got %q, want %q", g, want)
	}
}
