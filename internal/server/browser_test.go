package server

import (
	"context"
	"fmt"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"

	"github.com/blocwatch/blocwatch/internal/browsertest"
)

// artefacts returns the folder for screenshots: $BLOCWATCH_ARTIFACTS, or a
// temporary folder of the test.
func artefacts(t *testing.T) string {
	t.Helper()
	dir := os.Getenv("BLOCWATCH_ARTIFACTS")
	if dir == "" {
		return t.TempDir()
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

// browser is a headless Chromium driven by chromedp, recording the console
// errors, uncaught exceptions and error log entries (CSP violations,
// failed loads) of the page.
type browser struct {
	ctx    context.Context
	mu     sync.Mutex
	errors []string
}

func newBrowser(t *testing.T) *browser {
	t.Helper()
	path := browsertest.Chromium(t)
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(path),
		chromedp.Flag("headless", true),
		chromedp.Flag("no-sandbox", true),
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-quic", true),
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("hide-scrollbars", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1400, 1000),
	}
	actx, cancelA := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelB := chromedp.NewContext(actx)
	t.Cleanup(func() { cancelB(); cancelA() })
	if err := chromedp.Do(ctx); err != nil { // starts the browser
		t.Fatalf("start chromium (%s): %v", path, err)
	}
	b := &browser{ctx: ctx}
	msgs := chromedp.Console(ctx)
	go func() {
		for m, err := range msgs {
			if err != nil {
				return
			}
			if m.Type == chromedp.ConsoleError || m.Type == chromedp.ConsoleException {
				b.mu.Lock()
				b.errors = append(b.errors, m.String()+" "+m.URL)
				b.mu.Unlock()
			}
		}
	}()
	return b
}

// run runs actions with a time-out.
func (b *browser) run(t *testing.T, what string, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, 60*time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, steps...); err != nil {
		t.Fatalf("%s: %v", what, err)
	}
}

// eval evaluates a JavaScript expression.
func eval[T any](t *testing.T, b *browser, expr string) T {
	t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, 30*time.Second)
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr))
	if err != nil {
		t.Fatalf("evaluate %s: %v", expr, err)
	}
	return v
}

// takeErrors returns and clears the errors recorded so far.
func (b *browser) takeErrors() []string {
	b.mu.Lock()
	defer b.mu.Unlock()
	e := b.errors
	b.errors = nil
	return e
}

// load opens url, waits until every chart is drawn (body[data-charts=ready])
// and checks that each figure with data has a drawn plot and that nothing
// was logged as an error.
func (b *browser) load(t *testing.T, url string) {
	t.Helper()
	b.run(t, url, chromedp.Navigate(url), chromedp.WaitVisible(chromedp.CSS(`body[data-charts="ready"]`)))
	undrawn := eval[[]string](t, b, `[...document.querySelectorAll("figure.chart")].filter(f => {
		const p = f.querySelector(".plot");
		return !p.dataset.drawn && !p.classList.contains("empty");
	}).map(f => f.id)`)
	if len(undrawn) > 0 {
		t.Errorf("%s: charts not drawn: %v", url, undrawn)
	}
	time.Sleep(100 * time.Millisecond) // let late console messages arrive
	if errs := b.takeErrors(); len(errs) > 0 {
		t.Errorf("%s: errors in the browser:\n  %s", url, strings.Join(errs, "\n  "))
	}
}

// screenshot writes a full-page PNG.
func (b *browser) screenshot(t *testing.T, dir, name string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, 60*time.Second)
	defer cancel()
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatalf("screenshot %s: %v", name, err)
	}
	path := filepath.Join(dir, name+".png")
	if err := os.WriteFile(path, png, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot %s", path)
}

// text returns the text of the first element matching sel.
func (b *browser) text(t *testing.T, sel string) string {
	t.Helper()
	return eval[string](t, b, fmt.Sprintf(`(document.querySelector(%q) || {}).textContent || ""`, sel))
}

// count returns the number of elements matching sel.
func (b *browser) count(t *testing.T, sel string) int {
	t.Helper()
	return eval[int](t, b, fmt.Sprintf(`document.querySelectorAll(%q).length`, sel))
}

// hover moves the mouse to the screen point that the JavaScript
// expression at gives ({X, Y}), and returns the text of the chart's tip
// tipSel once it shows.
func (b *browser) hover(t *testing.T, at, tipSel string) string {
	t.Helper()
	type point struct{ X, Y float64 }
	p := eval[point](t, b, at)
	deadline := time.Now().Add(5 * time.Second)
	for i := 0; time.Now().Before(deadline); i++ {
		b.run(t, fmt.Sprintf("hover at (%.0f, %.0f)", p.X, p.Y),
			chromedp.MouseEvent(input.DispatchMouseEventTypeMouseMoved, p.X-1-float64(i%3), p.Y),
			chromedp.MouseEvent(input.DispatchMouseEventTypeMouseMoved, p.X, p.Y))
		if tip := strings.TrimSpace(b.text(t, tipSel)); tip != "" {
			return tip
		}
		time.Sleep(50 * time.Millisecond)
	}
	return ""
}

// onLine is a JavaScript expression for the screen point at fraction f of
// the length of the first line of the chart sel, scrolled into view.
func onLine(sel string, f float64) string {
	return fmt.Sprintf(`(() => {
		const p = document.querySelector(%q + ' g[aria-label="line"] path');
		p.scrollIntoView({block: "center"});
		const pt = p.getPointAtLength(p.getTotalLength() * %g);
		const m = p.getScreenCTM();
		return {X: pt.x * m.a + pt.y * m.c + m.e, Y: pt.x * m.b + pt.y * m.d + m.f};
	})()`, sel, f)
}

// onLargestShape is a JavaScript expression for the centre of the largest
// shape of the map in sel, scrolled into view.
func onLargestShape(sel string) string {
	return fmt.Sprintf(`(() => {
		const ps = [...document.querySelectorAll(%q + ' g[aria-label="geo"] path')];
		let best = null, area = 0;
		for (const p of ps) { const r = p.getBoundingClientRect(); if (r.width * r.height > area) { area = r.width * r.height; best = p; } }
		best.scrollIntoView({block: "center"});
		const r = best.getBoundingClientRect();
		return {X: r.x + r.width / 2, Y: r.y + r.height / 2};
	})()`, sel)
}

// checkPages loads the pages in the browser, checks them and writes their
// screenshots named prefix-NAME.png.
func checkPages(t *testing.T, base, prefix string, pages map[string]string, rollCall int64) {
	b := newBrowser(t)
	dir := artefacts(t)
	for _, name := range sortedNames(pages) {
		b.load(t, base+pages[name])
		b.screenshot(t, dir, prefix+"-"+name)
	}

	// The home page shows all six parties, and a chart's tip shows a
	// figure on hover.
	b.load(t, base+"/")
	camps := b.text(t, ".camps")
	for _, name := range []string{"United States", "Japan", "Republic of Korea", "Democratic People's Republic of Korea", "China", "Russian Federation"} {
		if !strings.Contains(camps, name) {
			t.Errorf("home page: %q missing from %q", name, camps)
		}
	}
	if n := b.count(t, "#contested td.vote"); n < 6 {
		t.Errorf("home page: %d vote cells in the contested votes", n)
	}
	tip := b.hover(t, onLine("#camps", 0.7), `#camps g[aria-label="tip"]`)
	if !strings.ContainsAny(tip, "0123456789") || !strings.Contains(tip, "roll call") {
		t.Errorf("tip on hover: %q, want a figure and the number of roll calls", tip)
	}
	b.screenshot(t, dir, prefix+"-home-tip")

	// A resolution page shows the map and the tally.
	b.load(t, fmt.Sprintf("%s/resolution/%d", base, rollCall))
	if n := b.count(t, "#map .plot svg path"); n < 100 {
		t.Errorf("resolution page: the map has %d paths", n)
	}
	tally := b.text(t, "#tally .plot")
	if !strings.Contains(tally, "Yes") {
		t.Errorf("resolution page: tally chart text %q", tally)
	}
	if n := b.count(t, "dd.tally .vote"); n != 4 {
		t.Errorf("resolution page: %d tally figures", n)
	}
	tip = b.hover(t, onLargestShape("#map"), `#map g[aria-label="tip"]`)
	if tip == "" {
		t.Error("no tip on the map")
	}
}

func sortedNames(m map[string]string) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	for i := range out {
		for j := i + 1; j < len(out); j++ {
			if out[j] < out[i] {
				out[i], out[j] = out[j], out[i]
			}
		}
	}
	return out
}

func TestBrowser(t *testing.T) {
	browsertest.Chromium(t)
	s := newTestServer(t, Config{FitIdeal: true})
	srv := httptest.NewServer(s.Handler())
	defer srv.Close()
	id := rollCallID(t, s, "nuclear")
	checkPages(t, srv.URL, "fixture", map[string]string{
		"home":       "/",
		"state":      "/state/PRK?year=2018",
		"compare":    "/compare?a=KOREA-WEST&b=PRK",
		"resolution": fmt.Sprintf("/resolution/%d", id),
		"year":       "/year/2018",
		"search":     "/search?q=nuclear",
		"about":      "/about",
	}, id)
}
