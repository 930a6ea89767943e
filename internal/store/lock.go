package store

import (
	"context"
	"errors"
	"fmt"
	"time"

	"modernc.org/sqlite"
)

// ErrBusy reports a store that another process is writing to: an ingest or
// update in progress.
var ErrBusy = errors.New("another blocwatch ingest or update is writing to the store")

// sqliteBusy and sqliteLocked are SQLite's primary result codes for a
// database locked by another connection.
const (
	sqliteBusy   = 5
	sqliteLocked = 6
)

// IsBusy reports whether err is SQLite's "database is locked": another
// connection holds the write lock.
func IsBusy(err error) bool {
	if errors.Is(err, ErrBusy) {
		return true
	}
	var se *sqlite.Error
	if errors.As(err, &se) {
		c := se.Code() & 0xff
		return c == sqliteBusy || c == sqliteLocked
	}
	return false
}

// WaitWritable waits until no other process is writing to the store, for
// at most wait, and returns nil once it could write. While it waits it
// calls tick (if not nil) about every second with the time waited so far.
// After wait it returns an error that is ErrBusy; a cancelled ctx stops
// it. The store is not written to.
//
// The write lock is free when WaitWritable returns, not reserved: a writer
// that takes it in between is waited for by the busy time-out of each
// connection (10 s).
func (s *Store) WaitWritable(ctx context.Context, wait time.Duration, tick func(waited time.Duration)) error {
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return fmt.Errorf("store: %s: %w", s.path, err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, `PRAGMA busy_timeout = 0`); err != nil {
		return fmt.Errorf("store: %s: %w", s.path, err)
	}
	defer conn.ExecContext(context.Background(), `PRAGMA busy_timeout = `+fmt.Sprint(busyTimeout.Milliseconds()))
	start := time.Now()
	lastTick := time.Duration(-1)
	for {
		_, err := conn.ExecContext(ctx, `BEGIN IMMEDIATE`)
		if err == nil {
			_, err = conn.ExecContext(ctx, `ROLLBACK`)
			return err
		}
		if !IsBusy(err) {
			return fmt.Errorf("store: %s: %w", s.path, err)
		}
		waited := time.Since(start)
		if waited >= wait {
			return fmt.Errorf("%w (%s); waited %v", ErrBusy, s.path, wait.Round(time.Millisecond))
		}
		if tick != nil && (lastTick < 0 || waited-lastTick >= time.Second) {
			tick(waited)
			lastTick = waited
		}
		t := time.NewTimer(min(200*time.Millisecond, wait-waited))
		select {
		case <-ctx.Done():
			t.Stop()
			return ctx.Err()
		case <-t.C:
		}
	}
}
