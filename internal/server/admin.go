package server

import (
	"context"
	"net/http"
	"time"
)

// adminReload reloads the store now: POST /api/v1/admin/reload. It answers
// when the new snapshot is in place.
func (s *Server) adminReload(w http.ResponseWriter, r *http.Request) {
	if s.updating.Load() {
		writeError(w, http.StatusConflict, "an update is running; it reloads when it is done", "")
		return
	}
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
// /api/v1/status tells when it is done and how it went.
func (s *Server) adminUpdate(w http.ResponseWriter, r *http.Request) {
	if s.cfg.Update == nil {
		writeError(w, http.StatusNotImplemented, "this server cannot update the store", "")
		return
	}
	if !s.updating.CompareAndSwap(false, true) {
		writeError(w, http.StatusConflict, "an update is already running", "")
		return
	}
	s.wg.Add(1)
	go func() {
		defer s.wg.Done()
		defer s.updating.Store(false)
		ctx, cancel := context.WithTimeout(s.ctx, time.Hour)
		defer cancel()
		res := &adminResult{Action: "update", At: time.Now()}
		err := s.cfg.Update(ctx)
		if err == nil {
			err = s.Load(ctx)
		}
		if err != nil {
			res.Error = err.Error()
			s.log.Error("update", "err", err)
		}
		s.lastErr.Store(res)
	}()
	writeJSON(w, http.StatusAccepted, map[string]string{"status": "started", "see": "/api/v1/status"})
}
