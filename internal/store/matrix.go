package store

import (
	"context"
	"fmt"

	"github.com/blocwatch/blocwatch/internal/record"
	"github.com/blocwatch/blocwatch/internal/votes"
)

// Matrix builds the in-memory vote matrix from the store. Roll calls that
// carry Voeten's issue codes keep them; every other roll call is classified
// from its title, agenda and subjects (package classify).
func (s *Store) Matrix(ctx context.Context) (*votes.Matrix, error) {
	b := votes.NewBuilder()
	rows, err := s.db.QueryContext(ctx, `SELECT id, body, date, session, resolution, title, agenda, subjects, amendment, paragraph, important, issues, packed FROM rollcall`)
	if err != nil {
		return nil, fmt.Errorf("store: load roll calls: %w", err)
	}
	defer rows.Close()
	codes := map[string]string{} // interned state codes
	var packed []byte
	for rows.Next() {
		var rc votes.RollCall
		var body, agenda, subjects, issues string
		if err := rows.Scan(&rc.ID, &body, &rc.Date, &rc.Session, &rc.Resolution, &rc.Title, &agenda, &subjects, &rc.Amendment, &rc.Paragraph, &rc.Important, &issues, &packed); err != nil {
			return nil, err
		}
		rc.Body = record.Body(body)
		rc.Subjects = subjects
		var origin string
		rc.Issues, _, origin = issuesOf(issues, rc.Title, agenda, subjects)
		rc.IssuesClassified = origin == IssuesClassifier
		i := b.AddRollCall(rc)
		if len(packed)%4 != 0 {
			return nil, fmt.Errorf("store: packed votes of roll call %d are corrupt", rc.ID)
		}
		for k := 0; k < len(packed); k += 4 {
			code, ok := codes[string(packed[k:k+3])]
			if !ok {
				code = string(packed[k : k+3])
				codes[code] = code
			}
			if err := b.Add(i, code, record.Vote(packed[k+3])); err != nil {
				return nil, fmt.Errorf("store: roll call %d: %w", rc.ID, err)
			}
		}
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	return b.Build(), nil
}
