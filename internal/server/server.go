// Package server is blocwatch's web server: the pages of package web, filled
// from the vote matrix and the analyses (align, ideal), and a JSON/CSV API
// under /api/v1/ that serves everything the pages show, described by an
// OpenAPI 3 document at /api/v1/openapi.json.
//
// The server answers from a snapshot: the vote matrix of one data version
// with the results computed from it. A reload (after an update, or when the
// store's data version changes) builds the new snapshot aside and swaps it
// in with one atomic store, so no request fails or sees half of an update.
// It watches the store file (Config.Watch): a file replaced under it is
// reopened and swapped in, a deleted one turns /healthz to a failing status.
// It writes to the store only to update it (StartUpdate: the first fetch of
// `blocwatch serve`, the admin update) and to add missing lookup indexes
// when it opens a store written by an older blocwatch.
package server

import (
	"context"
	"errors"
	"fmt"
	"html/template"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	"github.com/blocwatch/blocwatch/internal/registry"
	"github.com/blocwatch/blocwatch/internal/store"
	"github.com/blocwatch/blocwatch/internal/web"
)

// Config configures a Server.
type Config struct {
	// DBPath is the store's file. It may not exist yet: the server then
	// shows how to get data on every page, and loads the store once it
	// appears (see Watch) or on an admin reload.
	DBPath string
	// Registry is the state registry; nil means registry.Default().
	Registry *registry.Registry
	// AdminToken enables the admin endpoints (POST /api/v1/admin/reload,
	// /api/v1/admin/update) for requests with "Authorization: Bearer
	// TOKEN". Empty disables them.
	AdminToken string
	// Update fetches and ingests the newest records (blocwatch update);
	// nil leaves POST /api/v1/admin/update unavailable.
	Update func(ctx context.Context) error
	// FitIdeal fits the ideal points in the background after each load.
	FitIdeal bool
	// IdealCache is a folder for fitted ideal points, one file per store
	// and data version, so that a restart does not refit; "" keeps none.
	IdealCache string
	// Watch is how often the store file is checked; 0 turns the check
	// off. The server reloads when the file appears, is replaced by
	// another file (its device and inode change: mv new.db store.db) or is
	// written to (its size, modification time or data version change),
	// and reports a failing /healthz while it is missing.
	Watch time.Duration
	// Command is the command line that runs blocwatch on this store, as
	// the user would type it, for the advice the pages give: for instance
	// "blocwatch --db /srv/un.db", or "go run ./cmd/blocwatch" under go
	// run. "" means "blocwatch --db DBPath".
	Command string
	// Notice is shown on every page while the store holds no data, with
	// the instructions for getting data (for instance why the first fetch
	// failed).
	Notice string
	// Log receives the server's messages; nil discards them.
	Log *slog.Logger
	// RequestTimeout bounds the time to answer one request; 0 means 30 s.
	RequestTimeout time.Duration
}

// Server serves the pages and the API.
type Server struct {
	cfg    Config
	reg    *registry.Registry
	log    *slog.Logger
	pages  map[string]*template.Template
	shapes map[string][]string // map shape id → registry codes (shapeChains)

	snap atomic.Pointer[snapshot]
	st   atomic.Pointer[store.Store]

	reloadMu sync.Mutex  // one reload or store check at a time
	info     os.FileInfo // the open store file's identity, size and time; under reloadMu
	fault    atomic.Pointer[string]

	updating  atomic.Bool
	updMu     sync.Mutex
	updCancel context.CancelFunc // cancels the running update; under updMu
	progress  string             // what the running update is doing; under updMu
	lastErr   atomic.Pointer[adminResult]

	// slots bounds the responses being made at once (a cache miss): as
	// many as there are cores, so that a burst of first requests queues
	// instead of making dozens of large pages side by side.
	slots chan struct{}

	ctx    context.Context // cancelled by Close: stops fits and the watcher
	cancel context.CancelFunc
	wg     sync.WaitGroup
}

// adminResult is the outcome of the last reload or update.
type adminResult struct {
	Action string    `json:"action"`
	At     time.Time `json:"at"`
	Error  string    `json:"error,omitempty"`
}

// New returns a server for the store at cfg.DBPath. It does not load the
// data: call Load.
func New(cfg Config) (*Server, error) {
	if cfg.DBPath == "" {
		return nil, errors.New("server: no database path")
	}
	if cfg.Registry == nil {
		cfg.Registry = registry.Default()
	}
	if cfg.Log == nil {
		cfg.Log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	if cfg.Command == "" {
		cfg.Command = "blocwatch --db " + cfg.DBPath
	}
	if cfg.RequestTimeout == 0 {
		cfg.RequestTimeout = 30 * time.Second
	}
	pages, err := web.Templates()
	if err != nil {
		return nil, err
	}
	s := &Server{cfg: cfg, reg: cfg.Registry, log: cfg.Log, pages: pages, shapes: shapeChains(cfg.Registry),
		slots: make(chan struct{}, max(2, runtime.GOMAXPROCS(0)))}
	s.ctx, s.cancel = context.WithCancel(context.Background())
	s.snap.Store(emptySnapshot())
	return s, nil
}

// acquire waits for a slot to make a response; false if ctx ended first.
func (s *Server) acquire(ctx context.Context) bool {
	select {
	case s.slots <- struct{}{}:
		return true
	case <-ctx.Done():
		return false
	}
}

func (s *Server) release() { <-s.slots }

// store returns the open store, or nil.
func (s *Server) store() *store.Store { return s.st.Load() }

// Load (re)loads the data: it opens the store if it exists (again if the
// file was replaced), builds a new snapshot aside and swaps it in. A missing
// store is not an error when none was ever open: the server then serves
// pages that say how to get data.
func (s *Server) Load(ctx context.Context) error {
	s.reloadMu.Lock()
	defer s.reloadMu.Unlock()
	return s.load(ctx)
}

// errStoreGone reports a store file that was open and is gone.
var errStoreGone = errors.New("the store file is gone")

func (s *Server) load(ctx context.Context) error {
	fi, err := os.Stat(s.cfg.DBPath)
	st := s.store()
	switch {
	case errors.Is(err, os.ErrNotExist) && st == nil:
		s.log.Warn("no store yet", "path", s.cfg.DBPath)
		return nil
	case errors.Is(err, os.ErrNotExist):
		s.gone()
		return fmt.Errorf("%w: %s (deleted or moved away)", errStoreGone, s.cfg.DBPath)
	case err != nil:
		s.setFault("cannot read the store file: " + err.Error())
		return fmt.Errorf("server: %w", err)
	}
	fresh := st == nil || !os.SameFile(fi, s.info)
	if fresh {
		if st, err = store.OpenExisting(s.cfg.DBPath); err != nil {
			s.setFault(err.Error())
			return err
		}
		// Opening may add indexes to an older store: take the file's
		// identity afterwards.
		if fi, err = os.Stat(s.cfg.DBPath); err != nil {
			st.Close()
			return fmt.Errorf("server: %w", err)
		}
	}
	start := time.Now()
	sn, err := buildSnapshot(ctx, st)
	if err != nil {
		if fresh {
			st.Close()
		}
		s.setFault(err.Error())
		return err
	}
	if fresh {
		if old := s.st.Swap(st); old != nil {
			s.retire(old)
		}
	}
	s.info = fi
	s.fault.Store(nil)
	old := s.snap.Load()
	same := !fresh && old.ready() && sn.ready() && old.version == sn.version
	if same {
		// The same data: share the old snapshot's fit, done or running.
		sn.ideal = old.ideal
	}
	s.snap.Store(sn)
	s.wg.Add(1)
	go func() {
		defer s.wg.Done()
		start := time.Now()
		sn.warm(s.ctx, func() bool { return s.snap.Load() == sn })
		if sn.warmed.Load() {
			s.log.Info("results precomputed", "version", sn.version, "seconds", time.Since(start).Seconds())
		}
	}()
	s.log.Info("data loaded", "path", s.cfg.DBPath, "reopened", fresh, "version", sn.version, "roll_calls", numRollCalls(sn), "seconds", time.Since(start).Seconds())
	if !same {
		s.fitIdeal(s.ctx, sn)
	}
	return nil
}

// retire closes a store that was replaced, once the requests that may
// still use it are done.
func (s *Server) retire(st *store.Store) {
	s.wg.Add(1)
	go func() {
		defer s.wg.Done()
		select {
		case <-time.After(s.cfg.RequestTimeout + 5*time.Second):
		case <-s.ctx.Done():
		}
		st.Close()
	}()
}

// setFault records why the server cannot follow its store; "" clears it.
func (s *Server) setFault(msg string) {
	if msg == "" {
		s.fault.Store(nil)
		return
	}
	if f := s.fault.Load(); f == nil || *f != msg {
		s.log.Error("store", "path", s.cfg.DBPath, "problem", msg)
	}
	s.fault.Store(&msg)
}

// gone records that the open store's file disappeared.
func (s *Server) gone() {
	s.setFault(fmt.Sprintf("the store file %s is gone (deleted or moved away); serving the data loaded at %s until a store is back at that path",
		s.cfg.DBPath, s.snap.Load().loaded.UTC().Format(time.RFC3339)))
}

// check looks at the store file once and reloads if it appeared, was
// replaced or was written to.
func (s *Server) check(ctx context.Context) error {
	s.reloadMu.Lock()
	defer s.reloadMu.Unlock()
	st := s.store()
	fi, err := os.Stat(s.cfg.DBPath)
	switch {
	case errors.Is(err, os.ErrNotExist) && st == nil:
		return nil
	case err != nil, st == nil, !os.SameFile(fi, s.info):
		// Gone, appeared or replaced: load says which and acts on it.
		return s.load(ctx)
	case fi.Size() != s.info.Size() || !fi.ModTime().Equal(s.info.ModTime()):
		// Written to in place.
		return s.load(ctx)
	}
	v, err := st.Version(ctx)
	if err != nil {
		s.setFault("cannot read the data version: " + err.Error())
		return err
	}
	if v != s.snap.Load().version {
		return s.load(ctx)
	}
	s.fault.Store(nil)
	return nil
}

func numRollCalls(sn *snapshot) int {
	if sn.m == nil {
		return 0
	}
	return sn.m.NumRollCalls()
}

// watch checks the store file every cfg.Watch (see check).
func (s *Server) watch() {
	defer s.wg.Done()
	t := time.NewTicker(s.cfg.Watch)
	defer t.Stop()
	for {
		select {
		case <-s.ctx.Done():
			return
		case <-t.C:
		}
		if err := s.check(s.ctx); err != nil && s.ctx.Err() == nil && !errors.Is(err, errStoreGone) {
			s.log.Error("reload after a change of the store", "err", err)
		}
	}
}

// Serve serves HTTP on ln until ctx is cancelled, then shuts down
// gracefully: it stops accepting connections and waits (up to 10 s) for
// the requests in flight.
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	srv := &http.Server{
		Handler:           s.Handler(),
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       15 * time.Second,
		WriteTimeout:      s.cfg.RequestTimeout + 15*time.Second,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    32 << 10,
		ErrorLog:          slog.NewLogLogger(s.log.Handler(), slog.LevelWarn),
	}
	if s.cfg.Watch > 0 {
		s.wg.Add(1)
		go s.watch()
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return fmt.Errorf("server: %w", err)
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	err := srv.Shutdown(sctx)
	if e := <-errc; e != nil && !errors.Is(e, http.ErrServerClosed) && err == nil {
		err = e
	}
	if err != nil {
		return fmt.Errorf("server: shutdown: %w", err)
	}
	return nil
}

// Close stops the background work (fits, the watcher) and closes the store.
func (s *Server) Close() error {
	s.cancel()
	s.wg.Wait()
	if st := s.st.Swap(nil); st != nil {
		return st.Close()
	}
	return nil
}
