// Package browsertest finds the Chromium that the browser tests drive
// (through chromedp), with one rule for every package: $BLOCWATCH_CHROMIUM,
// else chromium, chromium-browser or google-chrome on $PATH; without one a
// test skips, except under CI, which installs Debian's chromium
// (.ci/install-browser) and so fails instead.
package browsertest

import (
	"os"
	"os/exec"
	"testing"
)

// Chromium returns the path of a Chromium binary, or skips tb (fails it
// under CI) if there is none.
func Chromium(tb testing.TB) string {
	tb.Helper()
	if p := os.Getenv("BLOCWATCH_CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("CI") != "" {
		tb.Fatal("no chromium binary found in CI: .ci/run must call .ci/install-browser")
	}
	tb.Skip("no chromium binary found (install it with .ci/install-browser, or set BLOCWATCH_CHROMIUM)")
	return ""
}
