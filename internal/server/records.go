package server

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/blocwatch/blocwatch/internal/format"
	"github.com/blocwatch/blocwatch/internal/record"
	"github.com/blocwatch/blocwatch/internal/store"
	"github.com/blocwatch/blocwatch/internal/votes"
)

// rollCallRef is what lists show of a roll call.
type rollCallRef struct {
	ID         int64        `json:"id"`
	Date       string       `json:"date"`
	Body       string       `json:"body"`
	Resolution string       `json:"resolution"`
	Title      string       `json:"title"`
	Tally      record.Tally `json:"tally"`
	Issues     []string     `json:"issues"`        // [] for none
	Origin     string       `json:"issues_origin"` // whose the codes are: voeten or classifier
}

func refOf(rc *votes.RollCall) rollCallRef {
	ref := rollCallRef{ID: rc.ID, Date: rc.Date, Body: string(rc.Body), Resolution: rc.Resolution, Title: cleanTitle(rc.Title), Tally: rc.Tally,
		Issues: rc.Issues.Codes(), Origin: store.IssuesVoeten}
	if ref.Issues == nil {
		ref.Issues = []string{}
	}
	if rc.IssuesClassified {
		ref.Origin = store.IssuesClassifier
	}
	return ref
}

// cleanTitle drops the catalogue suffix of UN Digital Library titles
// (" : resolution / adopted by the General Assembly").
func cleanTitle(t string) string {
	if i := strings.Index(t, " : resolution / adopted by"); i > 0 {
		t = t[:i]
	}
	return strings.TrimSpace(t)
}

// stateVote is a roll call with one state's vote.
type stateVote struct {
	rollCallRef
	Vote string `json:"vote"`
}

// stateVoteList is a page of a state's voting record.
type stateVoteList struct {
	State  string      `json:"state"`
	Name   string      `json:"name"`
	Total  int         `json:"total"`
	Offset int         `json:"offset"`
	Votes  []stateVote `json:"votes"`
}

// Rows writes one roll call a row.
func (l *stateVoteList) Rows() *format.Rows {
	r := &format.Rows{Columns: []string{"id", "date", "body", "resolution", "vote", "yes", "no", "abstain", "title"}}
	for _, v := range l.Votes {
		r.Data = append(r.Data, []any{v.ID, v.Date, v.Body, v.Resolution, v.Vote, v.Tally.Yes, v.Tally.No, v.Tally.Abstain, v.Title})
	}
	return r
}

// stateVotes lists a state's recorded votes (any vote, non-voting
// included) on the roll calls in mask, newest first.
func (sn *snapshot) stateVotes(code, name string, mask votes.Mask, offset, limit int) *stateVoteList {
	out := &stateVoteList{State: code, Name: name, Offset: offset, Votes: []stateVote{}}
	s, ok := sn.m.State(code)
	if !ok {
		return out
	}
	for i := sn.m.NumRollCalls() - 1; i >= 0; i-- {
		if !mask.Has(i) {
			continue
		}
		v := sn.m.Vote(i, s)
		if v == 0 {
			continue
		}
		if out.Total >= offset && len(out.Votes) < limit {
			out.Votes = append(out.Votes, stateVote{rollCallRef: refOf(sn.m.RollCall(i)), Vote: v.String()})
		}
		out.Total++
	}
	return out
}

// contestedVote is a roll call with no or abstain votes, with the votes of
// the states asked about.
type contestedVote struct {
	rollCallRef
	Votes map[string]string `json:"votes"` // state → Y, N, A, X; absent: no record
}

// contestedList is the most recent contested votes.
type contestedList struct {
	States []string        `json:"states"`
	Body   string          `json:"body"`
	Votes  []contestedVote `json:"rollcalls"`
}

// Rows writes one roll call a row, one column per state.
func (l *contestedList) Rows() *format.Rows {
	cols := []string{"id", "date", "body", "resolution", "yes", "no", "abstain"}
	cols = append(cols, l.States...)
	r := &format.Rows{Columns: append(cols, "title")}
	for _, v := range l.Votes {
		row := []any{v.ID, v.Date, v.Body, v.Resolution, v.Tally.Yes, v.Tally.No, v.Tally.Abstain}
		for _, s := range l.States {
			row = append(row, v.Votes[s])
		}
		r.Data = append(r.Data, append(row, v.Title))
	}
	return r
}

// contested returns the newest roll calls in mask with at least one no or
// abstain vote on which at least one of states cast a vote.
func (sn *snapshot) contested(states []string, body record.Body, limit int) *contestedList {
	out := &contestedList{States: states, Body: bodyParam(body), Votes: []contestedVote{}}
	idx := make([]int, 0, len(states))
	for _, c := range states {
		if s, ok := sn.m.State(c); ok {
			idx = append(idx, s)
		} else {
			idx = append(idx, -1)
		}
	}
	mask := sn.mask(body, 0, "", "")
	for i := sn.m.NumRollCalls() - 1; i >= 0 && len(out.Votes) < limit; i-- {
		rc := sn.m.RollCall(i)
		if !mask.Has(i) || rc.Tally.No+rc.Tally.Abstain == 0 {
			continue
		}
		cv := contestedVote{rollCallRef: refOf(rc), Votes: map[string]string{}}
		cast := false
		for k, s := range idx {
			if s < 0 {
				continue
			}
			if v := sn.m.Vote(i, s); v != 0 {
				cv.Votes[states[k]] = v.String()
				cast = cast || v.Cast()
			}
		}
		if cast {
			out.Votes = append(out.Votes, cv)
		}
	}
	return out
}

// divisiveVote is a roll call with its margin.
type divisiveVote struct {
	rollCallRef
	Margin int `json:"margin"`
}

// divisiveList is the most divisive roll calls of a year.
type divisiveList struct {
	Year  int            `json:"year"`
	Body  string         `json:"body"`
	Total int            `json:"total"`
	Votes []divisiveVote `json:"rollcalls"`
}

// Rows writes one roll call a row.
func (l *divisiveList) Rows() *format.Rows {
	r := &format.Rows{Columns: []string{"id", "date", "body", "resolution", "margin", "yes", "no", "abstain", "title"}}
	for _, v := range l.Votes {
		r.Data = append(r.Data, []any{v.ID, v.Date, v.Body, v.Resolution, v.Margin, v.Tally.Yes, v.Tally.No, v.Tally.Abstain, v.Title})
	}
	return r
}

// divisive lists the roll calls of a year by their margin |yes − (no +
// abstain)|, smallest first (as align.Diverge orders splits), then by the
// number of votes cast, largest first, then newest first. Unanimous roll
// calls are left out.
func (sn *snapshot) divisive(year int, body record.Body, limit int) *divisiveList {
	out := &divisiveList{Year: year, Body: bodyParam(body), Votes: []divisiveVote{}}
	lo, hi := sn.m.YearRange(year)
	mask := sn.mask(body, 0, "", "")
	var all []divisiveVote
	for i := lo; i < hi; i++ {
		rc := sn.m.RollCall(i)
		if !mask.Has(i) || rc.Tally.No+rc.Tally.Abstain == 0 {
			continue
		}
		d := rc.Tally.Yes - rc.Tally.No - rc.Tally.Abstain
		if d < 0 {
			d = -d
		}
		all = append(all, divisiveVote{rollCallRef: refOf(rc), Margin: d})
	}
	sort.SliceStable(all, func(i, j int) bool {
		a, b := all[i], all[j]
		if a.Margin != b.Margin {
			return a.Margin < b.Margin
		}
		ca, cb := a.Tally.Yes+a.Tally.No+a.Tally.Abstain, b.Tally.Yes+b.Tally.No+b.Tally.Abstain
		if ca != cb {
			return ca > cb
		}
		return a.Date > b.Date
	})
	out.Total = len(all)
	if len(all) > limit {
		all = all[:limit]
	}
	out.Votes = append(out.Votes, all...)
	return out
}

// searchResult is a page of roll calls found by text.
type searchResult struct {
	Text   string        `json:"q"`
	Body   string        `json:"body"`
	From   string        `json:"from,omitempty"`
	To     string        `json:"to,omitempty"`
	Offset int           `json:"offset"`
	More   bool          `json:"more"` // further results after this page
	Found  []rollCallRef `json:"rollcalls"`
}

// Rows writes one roll call a row.
func (r *searchResult) Rows() *format.Rows {
	out := &format.Rows{Columns: []string{"id", "date", "body", "resolution", "yes", "no", "abstain", "title"}}
	for _, v := range r.Found {
		out.Data = append(out.Data, []any{v.ID, v.Date, v.Body, v.Resolution, v.Tally.Yes, v.Tally.No, v.Tally.Abstain, v.Title})
	}
	return out
}

// search finds roll calls whose title, agenda, subjects or symbol contain
// every word of text (store.Search), newest first. Tallies are the
// matrix's, counted from the member rows.
func (s *Server) search(ctx context.Context, sn *snapshot, text string, body record.Body, from, to string, offset, limit int) (*searchResult, error) {
	out := &searchResult{Text: text, Body: bodyParam(body), From: from, To: to, Offset: offset, Found: []rollCallRef{}}
	st := s.store()
	if st == nil || !sn.ready() {
		return out, nil
	}
	key := fmt.Sprintf("search|%s|%s|%s|%s|%d|%d", strings.ToLower(strings.Join(strings.Fields(text), " ")), body, from, to, offset, limit)
	return cached(sn.cache, key, func() (*searchResult, error) {
		found, err := st.Search(ctx, store.Query{Text: text, Body: body, From: from, To: to, Limit: offset + limit + 1})
		if err != nil {
			return nil, fmt.Errorf("search %q: %w", text, err)
		}
		if len(found) > offset+limit {
			out.More = true
			found = found[:offset+limit]
		}
		for i := offset; i < len(found); i++ {
			f := found[i]
			ref := rollCallRef{ID: f.ID, Date: f.Date, Body: string(f.Body), Resolution: f.Resolution, Title: cleanTitle(f.Title), Tally: f.Tally}
			if k, ok := sn.byID[f.ID]; ok {
				ref.Tally = sn.m.RollCall(k).Tally
			}
			out.Found = append(out.Found, ref)
		}
		return out, nil
	})
}
