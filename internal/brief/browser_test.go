package brief

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/blocwatch/blocwatch/internal/browsertest"

	"github.com/blocwatch/blocwatch/internal/align"
	"github.com/blocwatch/blocwatch/internal/blocs"
	"github.com/blocwatch/blocwatch/internal/events"
)

// TestBriefHTMLInChromium opens the HTML pair brief and roll-call brief in
// headless Chromium, checks that they render (a chart with its events) with
// no console error, and prints the pair brief to PDF.
func TestBriefHTMLInChromium(t *testing.T) {
	path := browsertest.Chromium(t)
	m := fixture(t)
	side := func(c string) Side {
		return Side{Side: align.State(c), Label: c, Camp: blocs.StateCamp(c), State: true}
	}
	p, err := BuildPair(PairInput{M: m, Universe: "General Assembly roll calls", A: side("AAA"), B: side("BBB"),
		Period: align.Period("2020-01-01", "2020-12-31"), Baseline: align.Period("2018-01-01", "2019-12-31"),
		Events:        []events.Event{{Date: "2020-03-01", Title: "Something <odd> & \"quoted\"", Source: "https://example.org/x"}},
		CommandPrefix: "blocwatch"})
	if err != nil {
		t.Fatal(err)
	}
	var html bytes.Buffer
	if err := p.HTML(&html); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write(html.Bytes())
	}))
	defer srv.Close()

	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(path), chromedp.Flag("headless", true), chromedp.Flag("no-sandbox", true),
		chromedp.Flag("disable-gpu", true), chromedp.NoFirstRun, chromedp.NoDefaultBrowserCheck,
		chromedp.UserDataDir(t.TempDir()),
	}
	actx, cancelA := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancelA()
	ctx, cancelB := chromedp.NewContext(actx)
	defer cancelB()
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("start chromium: %v", err)
	}
	var mu sync.Mutex
	var consoleErrors []string
	msgs := chromedp.Console(ctx)
	go func() {
		for msg, err := range msgs {
			if err != nil {
				return
			}
			if msg.Type == chromedp.ConsoleError || msg.Type == chromedp.ConsoleException {
				mu.Lock()
				consoleErrors = append(consoleErrors, msg.String())
				mu.Unlock()
			}
		}
	}()
	tctx, cancel := context.WithTimeout(ctx, 60*time.Second)
	defer cancel()
	if err := chromedp.Do(tctx, chromedp.Navigate(srv.URL), chromedp.WaitVisible(chromedp.CSS("svg.chart"))); err != nil {
		t.Fatalf("load the brief: %v", err)
	}
	n, err := chromedp.Run(tctx, chromedp.Evaluate[int](`document.querySelectorAll("svg.chart circle").length + 10 * document.querySelectorAll("svg.chart g.event").length`))
	if err != nil {
		t.Fatal(err)
	}
	if n != 12 { // two years, one event
		t.Errorf("chart: %d (points + 10 × events), want 12", n)
	}
	pdf, err := chromedp.Run(tctx, func(ctx context.Context, tg *chromedp.Target) ([]byte, error) {
		r, err := cdp.Call(ctx, tg, page.PrintToPDF, page.PrintToPDFParams{})
		if err != nil {
			return nil, err
		}
		return r.Data, nil
	})
	if err != nil {
		t.Fatalf("print to PDF: %v", err)
	}
	if !bytes.HasPrefix(pdf, []byte("%PDF-")) || len(pdf) < 1000 {
		t.Errorf("print to PDF: %d bytes, starting %q", len(pdf), pdf[:min(8, len(pdf))])
	}
	if dir := os.Getenv("BLOCWATCH_ARTIFACTS"); dir != "" {
		os.MkdirAll(dir, 0o755)
		os.WriteFile(filepath.Join(dir, "brief.pdf"), pdf, 0o644)
	}
	time.Sleep(100 * time.Millisecond)
	mu.Lock()
	defer mu.Unlock()
	if len(consoleErrors) > 0 {
		t.Errorf("console errors:\n%s", strings.Join(consoleErrors, "\n"))
	}
}
