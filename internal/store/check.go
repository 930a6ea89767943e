package store

import (
	"context"
	"fmt"

	"github.com/blocwatch/blocwatch/internal/record"
)

// Source is an ingested file.
type Source struct {
	ID         int64  `json:"id"`
	Name       string `json:"name"`
	Path       string `json:"path"`
	Layout     string `json:"layout"`
	SHA256     string `json:"sha256"`
	Rows       int    `json:"rows"`
	IngestedAt string `json:"ingested_at"`
}

// Mismatch is a roll call whose published totals disagree with its rows.
type Mismatch struct {
	ID         int64        `json:"id"`
	Resolution string       `json:"resolution"`
	Date       string       `json:"date"`
	Body       record.Body  `json:"body"`
	Official   record.Tally `json:"official_tally"`
	Counted    record.Tally `json:"counted_tally"`
}

// Problem is a row-level problem recorded at ingest.
type Problem struct {
	Source  string `json:"source"`
	Line    int    `json:"line"`
	Kind    string `json:"kind"` // unknown-state, duplicate, conflict, row
	Code    string `json:"code,omitempty"`
	Name    string `json:"name,omitempty"`
	Vote    string `json:"vote,omitempty"`
	Message string `json:"message"`
}

// Disagreement is a member vote on which two sources disagree.
type Disagreement struct {
	RollCallID  int64  `json:"rollcall_id"`
	Resolution  string `json:"resolution"`
	Date        string `json:"date"`
	State       string `json:"state"`
	Kept        string `json:"kept"`
	KeptSource  string `json:"kept_source"`
	KeptLine    int    `json:"kept_line"`
	Other       string `json:"other"`
	OtherSource string `json:"other_source"`
	OtherLine   int    `json:"other_line"`
}

// Check is the state of the store's data: what came from where and what
// does not add up.
type Check struct {
	Sources          []Source       `json:"sources"`
	RollCalls        int            `json:"rollcalls"`
	Votes            int            `json:"votes"`
	Vetoes           int            `json:"vetoes"`
	CrossMatched     int            `json:"cross_matched"` // roll calls held by both the UNDL and the unvotes layout
	Mismatches       []Mismatch     `json:"totals_mismatches"`
	Problems         []Problem      `json:"problems"`
	DisagreeCount    int            `json:"disagreements"`
	Disagreements    []Disagreement `json:"disagreement_cases,omitempty"`
	DisagreeByVote   map[string]int `json:"disagreements_by_votes,omitempty"` // "kept/other" → count
	UnknownStateRows int            `json:"unknown_state_rows"`
}

// Check inspects the store. With cases, every disagreement between sources
// is listed, not just counted.
func (s *Store) Check(ctx context.Context, cases bool) (*Check, error) {
	c := &Check{DisagreeByVote: map[string]int{}}
	rows, err := s.db.QueryContext(ctx, `SELECT id, name, path, layout, sha256, rows, ingested_at FROM source ORDER BY id`)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var src Source
		if err := rows.Scan(&src.ID, &src.Name, &src.Path, &src.Layout, &src.SHA256, &src.Rows, &src.IngestedAt); err != nil {
			rows.Close()
			return nil, err
		}
		c.Sources = append(c.Sources, src)
	}
	rows.Close()
	for _, q := range []struct {
		sql string
		dst *int
	}{
		{`SELECT COUNT(*) FROM rollcall`, &c.RollCalls},
		{`SELECT COUNT(*) FROM vote`, &c.Votes},
		{`SELECT COUNT(*) FROM veto`, &c.Vetoes},
		{`SELECT COUNT(*) FROM disagreement`, &c.DisagreeCount},
		{`SELECT COUNT(*) FROM problem WHERE kind = 'unknown-state'`, &c.UnknownStateRows},
		{`SELECT COUNT(*) FROM (SELECT rollcall_id FROM rollcall_source GROUP BY rollcall_id HAVING COUNT(DISTINCT family) > 1)`, &c.CrossMatched},
	} {
		if err := s.db.QueryRowContext(ctx, q.sql).Scan(q.dst); err != nil {
			return nil, fmt.Errorf("store: check: %w", err)
		}
	}
	rows, err = s.db.QueryContext(ctx, `SELECT r.id, r.resolution, r.date, r.body, r.off_yes, r.off_no, r.off_abstain, r.off_non_voting,
		SUM(v.vote='Y'), SUM(v.vote='N'), SUM(v.vote='A'), SUM(v.vote='X')
		FROM rollcall r JOIN vote v ON v.rollcall_id = r.id
		WHERE r.off_yes IS NOT NULL GROUP BY r.id
		HAVING r.off_yes != SUM(v.vote='Y') OR r.off_no != SUM(v.vote='N') OR r.off_abstain != SUM(v.vote='A')
		ORDER BY r.date, r.id`)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var m Mismatch
		if err := rows.Scan(&m.ID, &m.Resolution, &m.Date, &m.Body, &m.Official.Yes, &m.Official.No, &m.Official.Abstain, &m.Official.NonVoting,
			&m.Counted.Yes, &m.Counted.No, &m.Counted.Abstain, &m.Counted.NonVoting); err != nil {
			rows.Close()
			return nil, err
		}
		c.Mismatches = append(c.Mismatches, m)
	}
	rows.Close()
	rows, err = s.db.QueryContext(ctx, `SELECT s.name, p.line, p.kind, p.code, p.name, p.vote, p.message FROM problem p JOIN source s ON s.id = p.source_id ORDER BY p.source_id, p.line`)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var p Problem
		if err := rows.Scan(&p.Source, &p.Line, &p.Kind, &p.Code, &p.Name, &p.Vote, &p.Message); err != nil {
			rows.Close()
			return nil, err
		}
		c.Problems = append(c.Problems, p)
	}
	rows.Close()
	rows, err = s.db.QueryContext(ctx, `SELECT d.rollcall_id, r.resolution, r.date, d.state, d.kept, ks.name, d.kept_line, d.other, os.name, d.other_line
		FROM disagreement d JOIN rollcall r ON r.id = d.rollcall_id JOIN source ks ON ks.id = d.kept_source JOIN source os ON os.id = d.other_source
		ORDER BY r.date, r.id, d.state`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var d Disagreement
		if err := rows.Scan(&d.RollCallID, &d.Resolution, &d.Date, &d.State, &d.Kept, &d.KeptSource, &d.KeptLine, &d.Other, &d.OtherSource, &d.OtherLine); err != nil {
			return nil, err
		}
		c.DisagreeByVote[d.Kept+"/"+d.Other]++
		if cases {
			c.Disagreements = append(c.Disagreements, d)
		}
	}
	return c, rows.Err()
}
