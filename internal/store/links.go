package store

import (
	"context"
	"fmt"
)

// Link returns the stored link of a roll call (its UN Digital Library
// record), or "" if it has none.
func (s *Store) Link(ctx context.Context, id int64) (string, error) {
	var link string
	if err := s.db.QueryRowContext(ctx, `SELECT link FROM rollcall WHERE id = ?`, id).Scan(&link); err != nil {
		return "", fmt.Errorf("store: link of roll call %d: %w", id, err)
	}
	return link, nil
}
