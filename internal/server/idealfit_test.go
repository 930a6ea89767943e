package server

import (
	"context"
	"testing"
	"time"
)

// TestIdealFitCancel: a fit whose context is cancelled ends as "off" with
// a note, without a panic.
func TestIdealFitCancel(t *testing.T) {
	s := newTestServer(t, Config{})
	sn := s.snap.Load()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	st := s.runFit(ctx, sn, time.Now())
	if st.Status != idealOff || st.Note != "the fit was stopped" {
		t.Errorf("cancelled fit: %+v", st)
	}
}
