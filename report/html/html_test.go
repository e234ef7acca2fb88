package html

import (
	stdhtml "html"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/lambdascan/lambdascan/engine/finding"
)

// articleTag matches the opening tag of a finding. Its attributes hold only
// values the writer chooses (severity, kind, anchors), never report text.
var articleTag = regexp.MustCompile(`<article [^>]*class="finding[^"]*"[^>]*>`)

// articles returns the opening tags of the findings in page.
func articles(page string) []string { return articleTag.FindAllString(page, -1) }

func isHidden(tag string) bool { return regexp.MustCompile(`\shidden(=""|\s|>)`).MatchString(tag) }

func TestEscaping(t *testing.T) {
	page := string(render(t, fixtureReport(), Options{ShowSuppressed: true, Title: "Report " + xssScript}))

	// Raw markup from the report must never appear, whatever field it was in.
	for _, bad := range []string{
		"<script>alert", "<script>document", "<img", `onerror="`, `data-pwned="`,
		`href="javascript:`, hiddenSecret, "\x1b", "\u202e",
	} {
		if strings.Contains(page, bad) {
			t.Errorf("page contains %q unescaped", bad)
		}
	}
	if n := strings.Count(page, "<script"); n != 1 {
		t.Errorf("page has %d <script elements, want exactly the writer's own", n)
	}
	// The hostile values are still shown, as text.
	for _, want := range []string{
		"message &lt;script&gt;alert(1)&lt;/script&gt; and &#34;&gt;&lt;img src=x onerror=alert(2)&gt;",
		"web/&lt;script&gt;alert(1)&lt;/script&gt;&#34;&gt;&lt;img src=x onerror=alert(2)&gt;.js",
		"const a = &#39;&lt;script&gt;alert(1)&lt;/script&gt;&#39;;",
		"<title>Report &lt;script&gt;alert(1)&lt;/script&gt;</title>",
		"legacy-&#34;&gt;&lt;img src=x onerror=alert(2)&gt;",
		"nested archive &lt;script&gt;alert(1)&lt;/script&gt; expands",
		`<span class="ctl">\x1b</span>[31mred`,        // ESC shown, not obeyed
		`<span class="ctl">&lt;U&#43;202E&gt;</span>`, // bidi override shown, not obeyed
		`href="#ZgotmplZ"`, // javascript: reference neutralised
		`href="https://example.com/%22%3e%3cscript%3ealert%284%29%3c/script%3e"`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks escaped text %q", want)
		}
	}
}

func TestSections(t *testing.T) {
	page := string(render(t, fixtureReport(), Options{}))
	tests := []struct {
		name string
		want []string
	}{
		{"summary", []string{`id="summary"`, `<span class="n">6</span><span class="l">open findings</span>`,
			`<div class="tile sev-critical"><span class="n">2</span><span class="l">Critical</span></div>`,
			`<div class="tile sev-medium zero"><span class="n">0</span>`,
			`<span class="kind-count kind-code"><b>3</b> Code</span>`,
			`<span class="kind-count kind-secret"><b>1</b> Secret</span>`,
			`<span class="kind-count suppressed-count"><b>1</b> suppressed</span>`}},
		{"coverage", []string{`id="coverage"`, "EXCLUDED_BY_TAG", "2026-11-21 06:00 UTC", "tag InspectorExclusion=LambdaStandardScanning", ">INACTIVE<"}},
		{"notifications", []string{`id="notifications"`, `<li class="note note-error"><span class="lvl">error</span> <code>zip-bomb</code> <span class="mono muted">layer.zip/python/evil.zip</span>`,
			`orders.zip/src/broken.py:7`}},
		{"groups", []string{`Function</span> billing <span class="pill">2</span>`, `Function</span> orders-api <span class="pill">5</span>`,
			`<h4 class="file-name mono">orders.zip/src/app.py</h4>`, `<h4 class="file-name mono">Function configuration</h4>`}},
		{"finding", []string{`<span class="badge sev-high">high</span>`, `<code class="rule">python.lambda.sql-injection</code>`,
			`<span class="loc mono">orders.zip/src/app.py:14:5</span>`, `<h5 class="f-title">SQL query built from Lambda event data</h5>`,
			`<a class="cwe" href="https://cwe.mitre.org/data/definitions/89.html" rel="noopener noreferrer">CWE-89</a>`,
			`<span class="tag">OWASP A03:2021</span>`, "Pass user data as query parameters"}},
		{"snippet", []string{`<span class="ln"><span class="no">13</span>`, `<span class="ln hot"><span class="no">14</span>`,
			`<span class="ln hot"><span class="no">9</span><span class="tx">    subprocess.run(`, `<span class="ln hot"><span class="no">10</span>`}},
		{"flow", []string{"Taint path (3 steps)", `<li class="flow-source"><span class="role">source</span> <span class="mono loc">orders.zip/src/app.py:12:16</span>`,
			`<li class="flow-sink"><span class="role">sink</span>`}},
		{"fix", []string{`<h6>Fix</h6><p class="fix-desc">Pass order_id as a query parameter</p>`, `<span class="dl meta">--- a/src/app.py</span>`, `<span class="dl hunk">@@ -14 &#43;14 @@</span>`,
			`<span class="dl del">-    cursor.execute(`, `<span class="dl add">&#43;    cursor.execute(&#34;SELECT * FROM orders WHERE id = %s&#34;, (order_id,))</span>`}},
		{"package", []string{"<dt>Installed</dt><dd class=\"mono\">2.19.0</dd>", "<dt>Fixed in</dt><dd class=\"mono\">2.20.0</dd>",
			`<a href="https://osv.dev/vulnerability/CVE-2018-18074" rel="noopener noreferrer">CVE-2018-18074</a>`,
			`<dt>CVSS</dt><dd>7.5 <span class="mono muted">CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N</span>`, "pkg:pypi/requests@2.19.0"}},
		{"suppressed", []string{`<p class="suppression"><b>Suppressed</b> (inSource): ETag only, not security relevant <span class="muted mono">— src/app.py:29</span></p>`}},
		{"references", []string{`<a href="https://owasp.org/Top10/A03_2021-Injection/" rel="noopener noreferrer">`, "<dt>functionArn</dt>"}},
		{"filters", []string{`<input type="search" id="q"`, `name="sev" value="critical" checked`, `name="kind" value="config" checked`,
			`<input type="checkbox" id="show-suppressed"> Show suppressed (1)`, `Showing <b id="visible-count">6</b> of 7 findings (1 suppressed hidden)`}},
		{"self-contained", []string{`<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;;`, "<style>:root{"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, w := range tt.want {
				if !strings.Contains(page, w) {
					t.Errorf("page lacks %q", w)
				}
			}
		})
	}
	// Nothing is fetched: no external resource of any kind.
	for _, bad := range []string{"<link", "src=\"http", "@import", "url(http", "<iframe", "<img"} {
		if strings.Contains(page, bad) {
			t.Errorf("page references an external resource: %q", bad)
		}
	}
}

func TestSuppressed(t *testing.T) {
	tests := []struct {
		name         string
		opts         Options
		wantHidden   int
		wantCount    string
		wantToggleOn bool
	}{
		{"hidden by default", Options{}, 1, `<b id="visible-count">6</b> of 7`, false},
		{"shown when asked", Options{ShowSuppressed: true}, 0, `<b id="visible-count">7</b> of 7`, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			page := string(render(t, fixtureReport(), tt.opts))
			tags := articles(page)
			if len(tags) != 7 {
				t.Fatalf("got %d findings in the page, want all 7", len(tags))
			}
			hidden := 0
			for _, tag := range tags {
				sup := strings.Contains(tag, `data-suppressed="1"`)
				if isHidden(tag) {
					hidden++
					if !sup {
						t.Errorf("unsuppressed finding hidden: %s", tag)
					}
				}
			}
			if hidden != tt.wantHidden {
				t.Errorf("%d findings hidden, want %d", hidden, tt.wantHidden)
			}
			if !strings.Contains(page, tt.wantCount) {
				t.Errorf("page lacks count %q", tt.wantCount)
			}
			if on := strings.Contains(page, `id="show-suppressed" checked`); on != tt.wantToggleOn {
				t.Errorf("suppressed toggle checked = %v, want %v", on, tt.wantToggleOn)
			}
		})
	}
}

// TestCSPMatchesInlineCode checks that the hashes in the page's
// Content-Security-Policy are those of the <style> and <script> it carries,
// or the browser would refuse to run them.
func TestCSPMatchesInlineCode(t *testing.T) {
	page := string(render(t, fixtureReport(), Options{}))
	script := regexp.MustCompile(`(?s)<script>(.*)</script>`).FindStringSubmatch(page)
	style := regexp.MustCompile(`(?s)<style>(.*?)</style>`).FindStringSubmatch(page)
	if script == nil || style == nil {
		t.Fatal("page lacks its inline script or style")
	}
	m := regexp.MustCompile(`<meta http-equiv="Content-Security-Policy" content="([^"]*)">`).FindStringSubmatch(page)
	if m == nil {
		t.Fatal("page lacks its Content-Security-Policy")
	}
	policy := stdhtml.UnescapeString(m[1])
	for _, want := range []string{"default-src 'none'", "script-src '" + sha256Source(script[1]) + "'",
		"style-src '" + sha256Source(style[1]) + "'"} {
		if !strings.Contains(policy, want) {
			t.Errorf("CSP %q lacks %q", policy, want)
		}
	}
}

func TestEmptyReport(t *testing.T) {
	for _, r := range []*finding.Report{nil, {}} {
		page := string(render(t, r, Options{}))
		if !strings.Contains(page, `<p class="empty">No findings.</p>`) {
			t.Error("empty report lacks the no-findings note")
		}
		for _, absent := range []string{`id="coverage"`, `id="notifications"`, "<article", `id="show-suppressed"`} {
			if strings.Contains(page, absent) {
				t.Errorf("empty report has %q", absent)
			}
		}
	}
}

// TestUngrouped checks a local scan (no function names) gets no function
// headings and paths without an input prefix.
func TestUngrouped(t *testing.T) {
	r := &finding.Report{
		Inputs: []finding.InputSummary{{Name: ".", Kind: "dir"}},
		Findings: []finding.Finding{
			{RuleID: "b", Kind: finding.KindCode, Message: "two", Location: finding.Location{Input: ".", Path: "b.py", StartLine: 1}},
			{RuleID: "a", Kind: "weird", Severity: 42, Message: "one", Location: finding.Location{Input: ".", Path: "a.py", StartLine: 3}},
		},
	}
	page := string(render(t, r, Options{}))
	if strings.Contains(page, `class="fn-name"`) {
		t.Error("function heading in a report without functions")
	}
	var files []string
	for _, m := range regexp.MustCompile(`<h4 class="file-name mono">([^<]*)</h4>`).FindAllStringSubmatch(page, -1) {
		files = append(files, m[1])
	}
	if diff := cmp.Diff([]string{"a.py", "b.py"}, files); diff != "" {
		t.Errorf("file groups (-want +got):\n%s", diff)
	}
	// Unknown kinds and out-of-range severities still reach a filter.
	for _, w := range []string{`data-sev="critical" data-kind="other"`, `name="kind" value="other"`} {
		if !strings.Contains(page, w) {
			t.Errorf("page lacks %q", w)
		}
	}
}

func TestDeterministicAndPure(t *testing.T) {
	r := fixtureReport()
	before := slices.Clone(r.Findings)
	a := render(t, r, Options{})
	b := render(t, fixtureReport(), Options{})
	if string(a) != string(b) {
		t.Error("two renders of the same report differ")
	}
	if diff := cmp.Diff(before, r.Findings); diff != "" {
		t.Errorf("Write changed the caller's report (-before +after):\n%s", diff)
	}
}

func TestGolden(t *testing.T) {
	golden(t, "report.html", render(t, fixtureReport(), Options{}))
	golden(t, "empty.html", render(t, &finding.Report{ToolName: "lambdascan", ToolVersion: "0.3.0"}, Options{Title: "Nightly scan"}))
}
