// Command load is a small, bounded HTTP load generator for bench/serve.sh:
// it sends the paths listed in a file (one a line) to a server on
// loopback, over a fixed number of connections, and reports throughput,
// latency percentiles and failures.
//
//	go run ./bench/load -base http://127.0.0.1:18080 -c 64 -paths urls.txt          # each path once
//	go run ./bench/load -base http://127.0.0.1:18080 -c 64 -d 20s -paths urls.txt   # cycle for 20 s
//
// It refuses a base address that is not loopback, and stops after -n
// requests or -d, whichever comes first (-n defaults to one pass over the
// paths when -d is not given). It exits 1 if any request failed or did not
// answer 2xx.
package main

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"slices"
	"sync"
	"sync/atomic"
	"time"
)

func main() {
	base := flag.String("base", "http://127.0.0.1:18080", "server address (loopback only)")
	conns := flag.Int("c", 64, "concurrent connections")
	n := flag.Int("n", 0, "requests in all (0: one pass over the paths, or unbounded with -d)")
	dur := flag.Duration("d", 0, "stop after this long (0: after -n requests)")
	pathsFile := flag.String("paths", "", "file of paths, one a line")
	flag.Parse()
	if err := run(*base, *conns, *n, *dur, *pathsFile); err != nil {
		fmt.Fprintln(os.Stderr, "load:", err)
		os.Exit(1)
	}
}

func run(base string, conns, n int, dur time.Duration, pathsFile string) error {
	u, err := url.Parse(base)
	if err != nil {
		return err
	}
	if ip := net.ParseIP(u.Hostname()); u.Hostname() != "localhost" && (ip == nil || !ip.IsLoopback()) {
		return fmt.Errorf("%s is not a loopback address", base)
	}
	paths, err := readLines(pathsFile)
	if err != nil {
		return err
	}
	if len(paths) == 0 {
		return fmt.Errorf("%s lists no paths", pathsFile)
	}
	if n == 0 && dur == 0 {
		n = len(paths)
	}
	if n == 0 {
		n = 1 << 62
	}
	if dur == 0 {
		dur = 10 * time.Minute // a bound, whatever happens
	}
	ctx, cancel := context.WithTimeout(context.Background(), dur)
	defer cancel()
	client := &http.Client{
		Timeout:   60 * time.Second,
		Transport: &http.Transport{MaxIdleConnsPerHost: conns, MaxConnsPerHost: conns},
	}
	var next, failed atomic.Int64
	lat := make([][]time.Duration, conns)
	var firstErr atomic.Value
	var wg sync.WaitGroup
	start := time.Now()
	for w := 0; w < conns; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for ctx.Err() == nil {
				i := next.Add(1) - 1
				if i >= int64(n) {
					return
				}
				req, _ := http.NewRequestWithContext(ctx, http.MethodGet, base+paths[i%int64(len(paths))], nil)
				t0 := time.Now()
				resp, err := client.Do(req)
				if err == nil {
					_, err = io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
					if err == nil && resp.StatusCode/100 != 2 {
						err = fmt.Errorf("%s: %s", req.URL.Path, resp.Status)
					}
				}
				if ctx.Err() != nil {
					return // cut by -d: not a failure
				}
				lat[w] = append(lat[w], time.Since(t0))
				if err != nil {
					failed.Add(1)
					firstErr.CompareAndSwap(nil, err.Error())
				}
			}
		}(w)
	}
	wg.Wait()
	elapsed := time.Since(start)
	var all []time.Duration
	for _, l := range lat {
		all = append(all, l...)
	}
	slices.Sort(all)
	pct := func(p float64) time.Duration {
		if len(all) == 0 {
			return 0
		}
		return all[min(len(all)-1, int(p*float64(len(all))))]
	}
	ms := func(d time.Duration) string { return fmt.Sprintf("%.1f ms", float64(d.Microseconds())/1000) }
	fmt.Printf("requests %d in %.2f s (%.0f req/s) over %d connections, %d failed\n",
		len(all), elapsed.Seconds(), float64(len(all))/elapsed.Seconds(), conns, failed.Load())
	fmt.Printf("latency p50 %s  p90 %s  p99 %s  max %s\n", ms(pct(0.50)), ms(pct(0.90)), ms(pct(0.99)), ms(pct(1)))
	if f := failed.Load(); f > 0 {
		return fmt.Errorf("%d requests failed, the first: %v", f, firstErr.Load())
	}
	return nil
}

func readLines(path string) ([]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if l := sc.Text(); l != "" {
			out = append(out, l)
		}
	}
	return out, sc.Err()
}
