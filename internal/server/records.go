package server

import (
	"context"
	"fmt"
	"strings"

	"github.com/blocwatch/blocwatch/internal/format"
	"github.com/blocwatch/blocwatch/internal/record"
	"github.com/blocwatch/blocwatch/internal/store"
	"github.com/blocwatch/blocwatch/internal/view"
	"github.com/blocwatch/blocwatch/internal/votes"
)

// rollCallRef is what lists show of a roll call (view.RollCallRef).
type rollCallRef = view.RollCallRef

func refOf(rc *votes.RollCall) rollCallRef { return view.RefOf(rc) }

func cleanTitle(t string) string { return view.CleanTitle(t) }

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

// contested returns the newest roll calls of a body with at least one no or
// abstain vote on which at least one of states cast a vote
// (rollcalls.Contested).
func (sn *snapshot) contested(states []string, body record.Body, limit int) *view.Contested {
	return view.NewContested(sn.m, sn.mask(body, 0, "", ""), states, body, limit)
}

// divisive lists the roll calls of a year by their margin
// (rollcalls.Divisive).
func (sn *snapshot) divisive(year int, body record.Body, limit int) *view.Divisive {
	return view.NewDivisive(sn.m, sn.mask(body, 0, "", ""), year, body, limit)
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
