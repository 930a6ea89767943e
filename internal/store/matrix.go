package store

import (
	"context"
	"fmt"
	"strings"

	"github.com/blocwatch/blocwatch/internal/classify"
	"github.com/blocwatch/blocwatch/internal/record"
	"github.com/blocwatch/blocwatch/internal/votes"
)

// Matrix builds the in-memory vote matrix from the store. Roll calls that
// carry Voeten's issue codes keep them; every other roll call is classified
// from its title, agenda and subjects (package classify).
func (s *Store) Matrix(ctx context.Context) (*votes.Matrix, error) {
	b := votes.NewBuilder()
	rows, err := s.db.QueryContext(ctx, `SELECT id, body, date, session, resolution, title, agenda, subjects, amendment, paragraph, important, issues FROM rollcall`)
	if err != nil {
		return nil, fmt.Errorf("store: load roll calls: %w", err)
	}
	index := map[int64]int{}
	for rows.Next() {
		var rc votes.RollCall
		var body, agenda, subjects, issues string
		if err := rows.Scan(&rc.ID, &body, &rc.Date, &rc.Session, &rc.Resolution, &rc.Title, &agenda, &subjects, &rc.Amendment, &rc.Paragraph, &rc.Important, &issues); err != nil {
			rows.Close()
			return nil, err
		}
		rc.Body = record.Body(body)
		rc.Subjects = subjects
		if issues != "" {
			for _, c := range strings.Fields(issues) {
				if is, err := record.ParseIssue(c); err == nil {
					rc.Issues |= is
				}
			}
		} else {
			var subj []string
			if subjects != "" {
				subj = strings.Split(subjects, "|")
			}
			rc.Issues = classify.Classify(rc.Title, agenda, subj)
		}
		index[rc.ID] = b.AddRollCall(rc)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	vrows, err := s.db.QueryContext(ctx, `SELECT rollcall_id, state, vote FROM vote`)
	if err != nil {
		return nil, fmt.Errorf("store: load votes: %w", err)
	}
	defer vrows.Close()
	states := map[string]string{} // intern
	var id int64
	var st, v []byte
	for vrows.Next() {
		if err := vrows.Scan(&id, &st, &v); err != nil {
			return nil, err
		}
		code, ok := states[string(st)]
		if !ok {
			code = string(st)
			states[code] = code
		}
		i, ok := index[id]
		if !ok || len(v) != 1 {
			return nil, fmt.Errorf("store: vote of %s on roll call %d is inconsistent", code, id)
		}
		if err := b.Add(i, code, record.Vote(v[0])); err != nil {
			return nil, err
		}
	}
	if err := vrows.Err(); err != nil {
		return nil, err
	}
	return b.Build(), nil
}
