//go:build unix

package html

import (
	"bytes"
	"context"
	"errors"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/lambdascan/lambdascan/engine/finding"
)

// chromiumPath finds a headless-capable Chromium, or skips the test.
func chromiumPath(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if _, err := os.Stat("/usr/bin/chromium"); err == nil {
		return "/usr/bin/chromium"
	}
	t.Skip("chromium not found; install it to run the browser tests (Debian/Ubuntu: apt-get update && apt-get install -y chromium)")
	return ""
}

// runChromium runs headless Chromium with args after the common flags and
// returns its stdout. It never hangs: the whole process group is killed
// after 60 s.
func runChromium(t *testing.T, bin string, args ...string) []byte {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	common := []string{"--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--disable-dev-shm-usage", "--user-data-dir=" + t.TempDir()}
	cmd := exec.CommandContext(ctx, bin, append(common, args...)...)
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) }
	cmd.WaitDelay = 5 * time.Second
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	if cmd.Process != nil {
		_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) // reap helpers left behind
	}
	if errors.Is(ctx.Err(), context.DeadlineExceeded) {
		t.Fatalf("chromium timed out after 60s; stderr:\n%s", stderr.Bytes())
	}
	if err != nil {
		t.Fatalf("chromium %v: %v; stderr:\n%s", args, err, stderr.Bytes())
	}
	return stdout.Bytes()
}

// writePage renders r into a temporary file and returns its file:// URL.
func writePage(t *testing.T, r *finding.Report, opts Options) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "report.html")
	if err := os.WriteFile(p, render(t, r, opts), 0o644); err != nil {
		t.Fatal(err)
	}
	return "file://" + filepath.ToSlash(p)
}

var (
	bodyTag      = regexp.MustCompile(`<body[^>]*>`)
	visibleCount = regexp.MustCompile(`<b id="visible-count">(\d+)</b>`)
	articleBlock = regexp.MustCompile(`(?s)(<article [^>]*class="finding[^"]*"[^>]*>)(.*?)</article>`)
)

type domFinding struct {
	tag, body string
}

// domState reads what the page's script left in the DOM.
func domState(t *testing.T, dom string) (ready bool, pwned bool, count int, visible, all []domFinding) {
	t.Helper()
	body := bodyTag.FindString(dom)
	if body == "" {
		t.Fatalf("no <body> in the dumped DOM:\n%.2000s", dom)
	}
	ready = strings.Contains(body, `data-ready="1"`)
	pwned = strings.Contains(body, "data-pwned")
	m := visibleCount.FindStringSubmatch(dom)
	if m == nil {
		t.Fatalf("no visible count in the DOM")
	}
	count, _ = strconv.Atoi(m[1])
	for _, a := range articleBlock.FindAllStringSubmatch(dom, -1) {
		f := domFinding{tag: a[1], body: a[2]}
		all = append(all, f)
		if !isHidden(f.tag) {
			visible = append(visible, f)
		}
	}
	return ready, pwned, count, visible, all
}

func unsuppressed(r *finding.Report) int {
	n := 0
	for _, f := range r.Findings {
		if f.Suppression == nil {
			n++
		}
	}
	return n
}

func TestBrowserRenders(t *testing.T) {
	bin := chromiumPath(t)
	r := fixtureReport()
	url := writePage(t, r, Options{})
	dom := string(runChromium(t, bin, "--dump-dom", url))

	ready, pwned, count, visible, all := domState(t, dom)
	if !ready {
		t.Fatal(`the page's script did not run: <body> lacks data-ready="1" (CSP hash mismatch or script error)`)
	}
	if pwned {
		t.Fatal("an injected script or event handler ran in the page")
	}
	if len(all) != len(r.Findings) {
		t.Errorf("DOM has %d findings, want %d", len(all), len(r.Findings))
	}
	if want := unsuppressed(r); len(visible) != want || count != want {
		t.Errorf("visible findings = %d, count shows %d; want %d (the unsuppressed ones)", len(visible), count, want)
	}
	if strings.Contains(dom, `id="toolbar" hidden`) {
		t.Error("the script left the search toolbar hidden")
	}
	// The hostile message is text in the DOM, not elements.
	if strings.Contains(dom, "<img") || strings.Count(dom, "<script") != 1 {
		t.Error("markup from the report became DOM elements")
	}
}

func TestBrowserSearch(t *testing.T) {
	bin := chromiumPath(t)
	base := writePage(t, fixtureReport(), Options{})
	tests := []struct {
		fragment string
		want     int
		contains string // every visible finding contains it
	}{
		{"#q=subprocess", 1, "subprocess.run"},
		{"#q=SUBPROCESS%20shell", 1, "shell=True"},
		{"#q=no-such-thing-anywhere", 0, ""},
		{"#sev=critical", 2, ""},
		{"#kind=package,secret", 2, ""},
		{"#q=md5", 0, ""},                       // only the suppressed finding matches
		{"#q=md5&suppressed=1", 1, "ETag only"}, // ... and the toggle reveals it
		{"#q=cursor&sev=high&kind=code", 1, "cursor.execute"},
	}
	for _, tt := range tests {
		t.Run(tt.fragment, func(t *testing.T) {
			dom := string(runChromium(t, bin, "--dump-dom", base+tt.fragment))
			ready, pwned, count, visible, _ := domState(t, dom)
			if !ready || pwned {
				t.Fatalf("ready=%v pwned=%v", ready, pwned)
			}
			if len(visible) != tt.want || count != tt.want {
				t.Errorf("visible findings = %d, count shows %d; want %d", len(visible), count, tt.want)
			}
			for _, f := range visible {
				if tt.contains != "" && !strings.Contains(f.body, tt.contains) {
					t.Errorf("visible finding does not match: %s", f.tag)
				}
			}
			noMatch := regexp.MustCompile(`<p class="empty" id="no-match"( hidden="")?>`).FindStringSubmatch(dom)
			if noMatch == nil || (noMatch[1] == "") != (tt.want == 0) {
				t.Errorf("no-match note state wrong for %d results: %v", tt.want, noMatch)
			}
		})
	}
}

func TestBrowserScreenshot(t *testing.T) {
	bin := chromiumPath(t)
	url := writePage(t, fixtureReport(), Options{})
	dir := t.TempDir()
	shot := filepath.Join(dir, "shot.png")
	runChromium(t, bin, "--screenshot="+shot, "--window-size=1280,2000", "--hide-scrollbars", url)
	data, err := os.ReadFile(shot)
	if err != nil {
		t.Fatalf("no screenshot: %v", err)
	}
	if len(data) < 10*1024 {
		t.Errorf("screenshot is only %d bytes; the page did not render", len(data))
	}
	img, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("screenshot is not a PNG: %v", err)
	}
	if b := img.Bounds(); b.Dx() != 1280 || b.Dy() != 2000 {
		t.Errorf("screenshot is %v, want 1280x2000", b)
	}
	if colours := distinctColours(img, 50); colours < 50 {
		t.Errorf("screenshot has only %d colours; the page looks blank", colours)
	}
	if dst := os.Getenv("LAMBDASCAN_HTML_SCREENSHOT"); dst != "" {
		_ = os.WriteFile(dst, data, 0o644) // for a person to look at
	}
}

// distinctColours counts distinct colours in img, stopping at limit.
func distinctColours(img image.Image, limit int) int {
	seen := map[[4]uint32]bool{}
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y += 3 {
		for x := b.Min.X; x < b.Max.X; x += 3 {
			r, g, bl, a := img.At(x, y).RGBA()
			seen[[4]uint32{r, g, bl, a}] = true
			if len(seen) >= limit {
				return len(seen)
			}
		}
	}
	return len(seen)
}
