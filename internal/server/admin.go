package server

import (
	"context"
	"errors"
	"net/http"
	"time"
)

// adminReload reloads the store now: POST /api/v1/admin/reload. It answers
// when the new snapshot is in place. A running update does not stop it.
func (s *Server) adminReload(w http.ResponseWriter, r *http.Request) {
	err := s.Load(r.Context())
	res := &adminResult{Action: "reload", At: time.Now()}
	if err != nil {
		res.Error = err.Error()
		s.lastErr.Store(res)
		writeError(w, http.StatusInternalServerError, "reload failed: "+err.Error(), "")
		return
	}
	s.lastErr.Store(res)
	writeJSON(w, http.StatusOK, s.status())
}

// adminUpdate starts fetching and ingesting the newest records, then a
// reload: POST /api/v1/admin/update. It answers 202 at once; GET
// /api/v1/status tells how far it got, when it is done and how it went.
func (s *Server) adminUpdate(w http.ResponseWriter, r *http.Request) {
	switch err := s.StartUpdate("update"); {
	case errors.Is(err, ErrNoUpdate):
		writeError(w, http.StatusNotImplemented, "this server cannot update the store", "")
	case errors.Is(err, ErrUpdating):
		writeError(w, http.StatusConflict, "an update is already running (POST /api/v1/admin/update/cancel stops it)", "")
	default:
		writeJSON(w, http.StatusAccepted, map[string]string{"status": "started", "see": "/api/v1/status"})
	}
}

// adminCancel cancels the running update: POST
// /api/v1/admin/update/cancel. The store keeps the data it had.
func (s *Server) adminCancel(w http.ResponseWriter, r *http.Request) {
	if !s.CancelUpdate() {
		writeError(w, http.StatusConflict, "no update is running", "")
		return
	}
	writeJSON(w, http.StatusAccepted, map[string]string{"status": "cancelling", "see": "/api/v1/status"})
}

// Errors of StartUpdate.
var (
	ErrNoUpdate = errors.New("server: no update function configured")
	ErrUpdating = errors.New("server: an update is already running")
)

// updateLimit bounds one update, download and ingest included.
const updateLimit = time.Hour

// StartUpdate runs Config.Update in the background, then reloads; action
// names it in /api/v1/status ("first fetch", "update"). It returns at once.
// One update runs at a time; CancelUpdate stops it, and neither reloads
// nor the watcher wait for it. While it runs, the pages and /api/v1/status
// show what it is doing (SetProgress).
func (s *Server) StartUpdate(action string) error {
	if s.cfg.Update == nil {
		return ErrNoUpdate
	}
	if !s.updating.CompareAndSwap(false, true) {
		return ErrUpdating
	}
	ctx, cancel := context.WithTimeout(s.ctx, updateLimit)
	s.updMu.Lock()
	s.updCancel, s.progress = cancel, "starting"
	s.updMu.Unlock()
	s.wg.Add(1)
	go func() {
		defer s.wg.Done()
		res := &adminResult{Action: action, At: time.Now()}
		err := s.cfg.Update(ctx)
		if err == nil {
			err = s.Load(ctx)
		}
		switch {
		case err == nil:
		case errors.Is(ctx.Err(), context.Canceled) && s.ctx.Err() == nil:
			res.Error = "cancelled; the stored data are unchanged"
			s.log.Warn(action + " cancelled")
		default:
			res.Error = err.Error()
			s.log.Error(action+" failed", "err", firstLine(err.Error()))
		}
		s.lastErr.Store(res)
		s.updMu.Lock()
		s.updCancel, s.progress = nil, ""
		s.updMu.Unlock()
		cancel()
		s.updating.Store(false)
	}()
	return nil
}

// CancelUpdate cancels the running update, if any, and reports whether
// there was one.
func (s *Server) CancelUpdate() bool {
	s.updMu.Lock()
	defer s.updMu.Unlock()
	if s.updCancel == nil {
		return false
	}
	s.updCancel()
	return true
}

// SetProgress records what the running update is doing, for the pages and
// /api/v1/status.
func (s *Server) SetProgress(msg string) {
	s.updMu.Lock()
	defer s.updMu.Unlock()
	if s.updCancel != nil {
		s.progress = msg
	}
}

// updateProgress returns what the running update is doing, or "".
func (s *Server) updateProgress() string {
	s.updMu.Lock()
	defer s.updMu.Unlock()
	return s.progress
}
