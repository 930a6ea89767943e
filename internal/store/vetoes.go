package store

import (
	"context"
	"fmt"
	"strings"

	"github.com/blocwatch/blocwatch/internal/record"
)

// A StoredVeto is a Security Council veto as the store keeps it: the record
// (user-added ones with UserAdded set and their source link in Source) and
// the ingested file and line it came from.
type StoredVeto struct {
	record.Veto
	ID   int64
	File string // the name of the ingested file
}

// Vetoes returns every stored veto, oldest first (by date, then the order in
// which they were stored).
func (s *Store) Vetoes(ctx context.Context) ([]StoredVeto, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT v.id, v.date, v.draft, v.meeting, v.agenda, v.topic, v.region, v.vetoers,
		v.user_added, v.link, v.line, COALESCE(s.name, '')
		FROM veto v LEFT JOIN source s ON s.id = v.source_id
		ORDER BY v.date, v.id`)
	if err != nil {
		return nil, fmt.Errorf("store: read vetoes: %w", err)
	}
	defer rows.Close()
	var out []StoredVeto
	for rows.Next() {
		var v StoredVeto
		var vetoers string
		if err := rows.Scan(&v.ID, &v.Date, &v.Draft, &v.Meeting, &v.Agenda, &v.Topic, &v.Region, &vetoers,
			&v.UserAdded, &v.Source, &v.Line, &v.File); err != nil {
			return nil, fmt.Errorf("store: read vetoes: %w", err)
		}
		v.Vetoers = strings.Fields(vetoers)
		out = append(out, v)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: read vetoes: %w", err)
	}
	return out, nil
}
