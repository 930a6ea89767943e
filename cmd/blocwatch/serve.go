package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"os"
	"os/signal"
	"path/filepath"
	"runtime/debug"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"github.com/blocwatch/blocwatch/internal/server"
	"github.com/blocwatch/blocwatch/internal/store"
	"github.com/blocwatch/blocwatch/internal/undl"
)

func (a *app) serveCommand() *cobra.Command {
	var (
		addr, token, base, idealCache string
		noFetch, fitIdeal             bool
		watch                         time.Duration
		memMB                         int
	)
	c := &cobra.Command{
		Use:   "serve [--addr 127.0.0.1:8080]",
		Short: "Serve the web pages and the JSON/CSV API",
		Long: `serve runs blocwatch's web server: pages on the Korean peninsula, states,
comparisons, resolutions, years and search, with interactive charts and maps,
and an API under /api/v1/ (JSON, or CSV with ?format=csv) described at
/api/v1/openapi.json. Everything is embedded in the binary; the pages load
nothing from other hosts.

It listens on 127.0.0.1 unless told otherwise, at once. It writes to the
store only to update it: on a first start with an empty or missing store it
fetches the records from the UN Digital Library in the background, as
'blocwatch update' does, while the pages show how far it got (--no-fetch
turns this off); if that fails (no network) the pages say so and how to
ingest a downloaded file. An admin update writes to it too, and opening a
store made by an older blocwatch adds the indexes it lacks. Otherwise it
only reads.

It checks the store file every --watch: when its data change, or the file is
replaced by another (mv new.db store.db), it loads the new data and swaps
them in without failing a request; when the file is deleted, /healthz
answers 503 with the reason while the pages keep the data already loaded.

Admin endpoints (POST /api/v1/admin/reload, /api/v1/admin/update and
/api/v1/admin/update/cancel) need a token, from --admin-token or BLOCWATCH_ADMIN_TOKEN, sent as
"Authorization: Bearer TOKEN"; without one they are disabled.

Ideal points are fitted in the background after each load (measured on 2
cores: 3.6 s on the UN Digital Library's GA and SC files, 18 s on a store
that merges the unvotes data too) and kept in --ideal-cache, so a restart
does not refit.

SIGINT or SIGTERM shuts the server down gracefully. See docs/web.md.`,
		Example: `  blocwatch serve
  blocwatch serve --addr 127.0.0.1:9000
  BLOCWATCH_ADMIN_TOKEN=secret blocwatch serve --addr :8080`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if token == "" {
				token = os.Getenv("BLOCWATCH_ADMIN_TOKEN")
			}
			if memMB > 0 && os.Getenv("GOMEMLIMIT") == "" {
				defer debug.SetMemoryLimit(debug.SetMemoryLimit(int64(memMB) << 20))
			}
			ctx, stop := signal.NotifyContext(cmd.Context(), os.Interrupt, syscall.SIGTERM)
			defer stop()
			return a.serve(ctx, serveOptions{addr: addr, token: token, base: base, noFetch: noFetch,
				fitIdeal: fitIdeal, idealCache: idealCache, watch: watch})
		},
	}
	defCache := ""
	if dir, err := os.UserCacheDir(); err == nil {
		defCache = filepath.Join(dir, "blocwatch")
	}
	c.Flags().StringVar(&addr, "addr", "127.0.0.1:8080", "address to listen on (host:port)")
	c.Flags().StringVar(&token, "admin-token", "", "token for the admin endpoints (env BLOCWATCH_ADMIN_TOKEN); none disables them")
	c.Flags().BoolVar(&noFetch, "no-fetch", false, "do not fetch the records on a first start with an empty store")
	c.Flags().StringVar(&base, "source", undl.DefaultBase, "UN Digital Library address, for the first fetch and admin updates")
	c.Flags().BoolVar(&fitIdeal, "ideal", true, "fit ideal points in the background")
	c.Flags().StringVar(&idealCache, "ideal-cache", defCache, `folder for fitted ideal points ("" for none)`)
	c.Flags().DurationVar(&watch, "watch", 30*time.Second, "how often to check the store for new data (0: never)")
	c.Flags().IntVar(&memMB, "memory", 200, "soft limit of the server's heap in MiB, past which it collects garbage harder (0: none; GOMEMLIMIT overrides it)")
	c.Flags().MarkHidden("source")
	return c
}

type serveOptions struct {
	addr, token, base, idealCache string
	noFetch, fitIdeal             bool
	watch                         time.Duration
}

func (a *app) serve(ctx context.Context, o serveOptions) error {
	level := slog.LevelInfo
	if a.quiet {
		level = slog.LevelWarn
	}
	log := slog.New(slog.NewTextHandler(a.stderr, &slog.HandlerOptions{Level: level}))
	bodies := []string{"ga", "sc"}
	empty, err := storeIsEmpty(ctx, a.dbPath)
	if err != nil {
		return err
	}
	var srv *server.Server
	srv, err = server.New(server.Config{
		DBPath:     a.dbPath,
		AdminToken: o.token,
		Update: func(ctx context.Context) error {
			err := a.updateWith(ctx, o.base, "", bodies, srv.SetProgress)
			if err != nil && ctx.Err() == nil {
				a.logf("Could not fetch the voting records: %v", err)
			}
			return err
		},
		FitIdeal:   o.fitIdeal,
		IdealCache: o.idealCache,
		Watch:      o.watch,
		Command:    a.self(),
		Log:        log,
	})
	if err != nil {
		return err
	}
	defer srv.Close()
	ln, err := net.Listen("tcp", o.addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", o.addr, err)
	}
	if err := srv.Load(ctx); err != nil {
		ln.Close()
		return err
	}
	if !isLoopback(ln.Addr()) {
		a.logf("Listening on %s, which is not a loopback address: anyone who can reach it can read the pages.", ln.Addr())
	}
	if o.token == "" {
		a.logf("Admin endpoints are disabled (no --admin-token or BLOCWATCH_ADMIN_TOKEN).")
	}
	a.logf("Serving on http://%s/ (Ctrl-C to stop)", ln.Addr())
	if empty && !o.noFetch {
		a.logf("The store %s holds no voting records: fetching them from the UN Digital Library in the background; the pages show how far it got.", a.dbPath)
		srv.StartUpdate("first fetch")
	}
	err = srv.Serve(ctx, ln)
	a.logf("Stopped.")
	return err
}

// storeIsEmpty reports whether the store at path is missing or holds no
// ingested data.
func storeIsEmpty(ctx context.Context, path string) (bool, error) {
	if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
		return true, nil
	}
	s, err := store.OpenExisting(path)
	if err != nil {
		return false, err
	}
	defer s.Close()
	v, err := s.Version(ctx)
	if err != nil {
		return false, fmt.Errorf("read %s: %w", path, err)
	}
	return v == 0, nil
}

func isLoopback(addr net.Addr) bool {
	if t, ok := addr.(*net.TCPAddr); ok {
		return t.IP.IsLoopback()
	}
	return false
}
