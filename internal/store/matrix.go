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
	rows, err := s.db.QueryContext(ctx, `SELECT id, body, date, session, resolution, title, agenda, subjects, amendment, paragraph, important, issues, packed,
		draft, meeting, link, note, priority FROM rollcall`)
	if err != nil {
		return nil, fmt.Errorf("store: load roll calls: %w", err)
	}
	defer rows.Close()
	type loaded struct {
		rc     votes.RollCall
		packed string
	}
	var all []loaded
	var dups []dupRow
	for rows.Next() {
		var rc votes.RollCall
		var body, agenda, subjects, issues, packed, link, note string
		var prio int
		if err := rows.Scan(&rc.ID, &body, &rc.Date, &rc.Session, &rc.Resolution, &rc.Title, &agenda, &subjects, &rc.Amendment, &rc.Paragraph, &rc.Important, &issues, &packed,
			&rc.Draft, &rc.Meeting, &link, &note, &prio); err != nil {
			return nil, err
		}
		rc.Body = record.Body(body)
		rc.Subjects = subjects
		var origin string
		rc.Issues, _, origin = issuesOf(issues, rc.Title, agenda, subjects)
		rc.IssuesClassified = origin == IssuesClassifier
		rc.Links = record.LinksOf(link, rc.Resolution, rc.Draft, rc.Meeting)
		rc.Outcome = record.OutcomeOf(rc.Resolution, note)
		switch {
		case rc.Amendment:
			rc.Kind = votes.KindAmendment
		case rc.Paragraph:
			rc.Kind = votes.KindParagraph
		case prio < FamilyUNDL.priority():
			rc.Kind = votes.KindOther // no UN Digital Library record holds it
		}
		if len(packed)%4 != 0 {
			return nil, fmt.Errorf("store: packed votes of roll call %d are corrupt", rc.ID)
		}
		if rc.Outcome == record.OutcomeVetoed {
			var no []string
			for k := 0; k < len(packed); k += 4 {
				if packed[k+3] == 'N' {
					no = append(no, packed[k:k+3])
				}
			}
			rc.VetoedBy = vetoers(rc.Date, no)
		}
		all = append(all, loaded{rc, packed})
		dups = append(dups, newDupRow(rc.ID, rc.Body, rc.Date, rc.Resolution, rc.Draft, rc.Amendment || rc.Paragraph, prio, packed))
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	groups, _ := findDuplicates(dups)
	canon := canonicalOf(groups)
	codes := map[string]string{} // interned state codes
	for _, l := range all {
		l.rc.DupOf = canon[l.rc.ID]
		i := b.AddRollCall(l.rc)
		packed := l.packed
		for k := 0; k < len(packed); k += 4 {
			code, ok := codes[packed[k:k+3]]
			if !ok {
				code = packed[k : k+3]
				codes[code] = code
			}
			if err := b.Add(i, code, record.Vote(packed[k+3])); err != nil {
				return nil, fmt.Errorf("store: roll call %d: %w", l.rc.ID, err)
			}
		}
	}
	return b.Build(), nil
}
