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

// SourceSpans returns, for each ingested source, the dates and the number of
// the roll calls it holds of each body, and of the vetoes it holds.
func (s *Store) SourceSpans(ctx context.Context) ([]record.SourceSpan, error) {
	var out []record.SourceSpan
	q := func(query, kind string) error {
		rows, err := s.db.QueryContext(ctx, query)
		if err != nil {
			return fmt.Errorf("store: source spans: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			sp := record.SourceSpan{Kind: kind}
			var body string
			if err := rows.Scan(&sp.Source, &sp.Family, &body, &sp.First, &sp.Last, &sp.Count); err != nil {
				return err
			}
			sp.Body = record.Body(body)
			out = append(out, sp)
		}
		return rows.Err()
	}
	if err := q(`SELECT s.name, rs.family, r.body, MIN(r.date), MAX(r.date), COUNT(DISTINCT r.id)
		FROM rollcall_source rs JOIN source s ON s.id = rs.source_id JOIN rollcall r ON r.id = rs.rollcall_id
		GROUP BY s.id, r.body ORDER BY r.body, s.id`, "roll calls"); err != nil {
		return nil, err
	}
	if err := q(`SELECT s.name, s.layout, 'SC', MIN(v.date), MAX(v.date), COUNT(*)
		FROM veto v JOIN source s ON s.id = v.source_id GROUP BY s.id ORDER BY s.id`, "vetoes"); err != nil {
		return nil, err
	}
	return out, nil
}
