package store

import (
	"context"
	"fmt"
	"strings"

	"github.com/blocwatch/blocwatch/internal/events"
)

// eventSchema holds the events a user added (`blocwatch events add`). It is
// created when first written, so that a store of an earlier schema version
// needs no migration; a store without the table has no user events.
const eventSchema = `
CREATE TABLE IF NOT EXISTS user_event (
	date TEXT NOT NULL,
	title TEXT NOT NULL,
	kind TEXT NOT NULL,
	states TEXT NOT NULL,
	source TEXT NOT NULL,
	file TEXT NOT NULL,
	PRIMARY KEY (date, title)
);`

// AddEvents stores the user's events read from file, in one transaction; an
// event with the date and title of a stored one replaces it. It returns how
// many were stored.
func (s *Store) AddEvents(ctx context.Context, file string, evs []events.Event) (int, error) {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return 0, fmt.Errorf("store: add events: %w", err)
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, eventSchema); err != nil {
		return 0, fmt.Errorf("store: add events: %w", err)
	}
	for _, e := range evs {
		if _, err := tx.ExecContext(ctx, `INSERT OR REPLACE INTO user_event(date, title, kind, states, source, file) VALUES (?,?,?,?,?,?)`,
			e.Date, e.Title, e.Kind, strings.Join(e.States, " "), e.Source, file); err != nil {
			return 0, fmt.Errorf("store: add event %s %q: %w", e.Date, e.Title, err)
		}
	}
	if err := tx.Commit(); err != nil {
		return 0, fmt.Errorf("store: add events: %w", err)
	}
	return len(evs), nil
}

// UserEvents returns the events users added, by date, each marked
// user-added.
func (s *Store) UserEvents(ctx context.Context) ([]events.Event, error) {
	var n int
	if err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM sqlite_master WHERE type='table' AND name='user_event'`).Scan(&n); err != nil {
		return nil, fmt.Errorf("store: read events: %w", err)
	}
	if n == 0 {
		return nil, nil
	}
	rows, err := s.db.QueryContext(ctx, `SELECT date, title, kind, states, source FROM user_event ORDER BY date, title`)
	if err != nil {
		return nil, fmt.Errorf("store: read events: %w", err)
	}
	defer rows.Close()
	var out []events.Event
	for rows.Next() {
		e := events.Event{UserAdded: true}
		var states string
		if err := rows.Scan(&e.Date, &e.Title, &e.Kind, &states, &e.Source); err != nil {
			return nil, fmt.Errorf("store: read events: %w", err)
		}
		e.States = strings.Fields(states)
		out = append(out, e)
	}
	return out, rows.Err()
}

// Events returns the starter list merged with the user's events, by date.
func (s *Store) Events(ctx context.Context) ([]events.Event, error) {
	user, err := s.UserEvents(ctx)
	if err != nil {
		return nil, err
	}
	return events.Merge(events.Starter(), user), nil
}
