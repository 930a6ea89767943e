package server

import (
	"fmt"
	"net/http"
	"net/url"
	"sort"
	"strings"

	"github.com/blocwatch/blocwatch/internal/record"
	"github.com/blocwatch/blocwatch/internal/rollcalls"
	"github.com/blocwatch/blocwatch/internal/store"
)

type resolutionData struct {
	D        *rollCallDetail
	Symbol   string
	Official string // the published tally where it differs
	Tally    *chart
	Map      *chart
	Breaks   *table
	BreaksK  int
	Issues   []string
	// IssuesOrigin says whose the issue codes are: Voeten's or the
	// classifier's.
	IssuesOrigin string
	JSON         string
	// Link is the UN Digital Library record, or a search for the symbol
	// where the sources give no record link.
	Link         string
	LinkIsSearch bool
	VotesCSV     string
}

func (s *Server) resolutionPage(r *http.Request, sn *snapshot, q Query) (*page, error) {
	id, err := pathID(r)
	if err != nil {
		return nil, err
	}
	return s.resolutionPageOf(r, sn, id)
}

// resolutionBySymbolPage finds a roll call by symbol= (and date=) and
// redirects to its page; several candidates are listed.
func (s *Server) resolutionBySymbolPage(r *http.Request, sn *snapshot, q Query) (*page, error) {
	rc, err := s.rollCallBySymbol(r, q)
	if err != nil {
		return nil, err
	}
	return s.resolutionPageOf(r, sn, rc.ID)
}

func (s *Server) resolutionPageOf(r *http.Request, sn *snapshot, id int64) (*page, error) {
	d, err := s.rollCall(r.Context(), sn, id)
	if err != nil {
		return nil, err
	}
	rd := &resolutionData{D: d, Symbol: symbolOr(d.Symbol), BreaksK: rollcalls.BreakPartners, JSON: fmt.Sprintf("/api/v1/rollcalls/%d", id),
		VotesCSV: fmt.Sprintf("/api/v1/rollcalls/%d?format=csv", id)}
	for _, c := range d.Issues {
		rd.Issues = append(rd.Issues, c+": "+recordIssueName(c))
	}
	rd.IssuesOrigin = "Voeten's codes"
	if d.IssuesOrigin == store.IssuesClassifier {
		rd.IssuesOrigin = "the classifier's codes, docs/classifier.md"
	}
	rd.Link = d.Link
	if rd.Link == "" && d.Resolution != "" && d.Links.Document == "" {
		rd.Link = "https://digitallibrary.un.org/search?" + url.Values{"p": {d.Resolution}}.Encode()
		rd.LinkIsSearch = true
	}
	if d.TallyMismatch && d.Official != nil {
		rd.Official = d.Official.String()
	}
	t := d.Tally
	rd.Tally = &chart{ID: "tally", Title: "Tally",
		Spec: chartSpec{Kind: "tally", Name: fmt.Sprintf("rollcall-%d-tally", id), Rows: []barPoint{{"Yes", t.Yes}, {"No", t.No}, {"Abstain", t.Abstain}, {"Not voting", t.NonVoting}}},
		CSV:  rd.VotesCSV,
		Table: &table{Columns: []column{{Label: "Vote"}, {Label: "States", Num: true}}, Rows: [][]tcell{
			{voteCell("Y"), numCell(t.Yes)}, {voteCell("N"), numCell(t.No)}, {voteCell("A"), numCell(t.Abstain)}, {voteCell("X"), numCell(t.NonVoting)}}}}
	for _, row := range rd.Tally.Table.Rows {
		row[0].Text = row[0].Title
	}

	vt := &table{Columns: []column{{Label: "State"}, {Label: "Vote"}, {Label: "Name in the source"}}}
	votes := s.memberVotes(d)
	order := map[string]int{"Y": 0, "N": 1, "A": 2, "X": 3}
	sort.SliceStable(votes, func(i, j int) bool {
		if order[votes[i].code] != order[votes[j].code] {
			return order[votes[i].code] < order[votes[j].code]
		}
		return votes[i].name < votes[j].name
	})
	for _, v := range votes {
		vt.Rows = append(vt.Rows, []tcell{link(v.name, "/state/"+v.state), voteCell(v.code), text(v.source)})
	}
	rd.Map = &chart{ID: "map", Title: "How each state voted",
		Note: "Former states colour their successors' territory. States too small for the map are in the table.",
		Spec: chartSpec{Kind: "map", Name: fmt.Sprintf("rollcall-%d-map", id), Rows: d.Map.Shapes, Scale: "vote"},
		CSV:  rd.VotesCSV, Table: vt}

	bt := &table{Columns: []column{{Label: "State"}, {Label: "Vote"}, {Label: "Partners' vote"}, {Label: "Partners (their votes)"}, {Label: "Mean agreement", Num: true}},
		Empty: "No state voted otherwise than most of its closest partners."}
	if d.Breaks != nil {
		for _, b := range d.Breaks.Breaks {
			var ps []string
			for _, p := range b.Order {
				v := b.Partners[p]
				if v == "" {
					v = "–"
				}
				ps = append(ps, p+" "+v)
			}
			mean := b.Agree
			bt.Rows = append(bt.Rows, []tcell{link(b.Name, "/state/"+b.State), voteCell(b.Vote),
				{Text: fmt.Sprintf("%s (%d of %d)", b.Majority, b.With, b.Cast), Class: voteCell(b.Majority).Class},
				text(strings.Join(ps, ", ")), valueCell(&mean, true)})
		}
	}
	rd.Breaks = bt
	title := rd.Symbol
	if d.Date != "" {
		title += " (" + d.Date + ")"
	}
	return &page{Template: "resolution", Title: title, Nav: "resolution", Data: rd}, nil
}

type storeVote struct{ state, name, source, code string }

// memberVotes lists the members' votes with the registry's names.
func (s *Server) memberVotes(d *rollCallDetail) []storeVote {
	out := make([]storeVote, 0, len(d.Votes))
	for _, v := range d.Votes {
		out = append(out, storeVote{state: v.State, name: s.stateName(v.State), source: v.Name, code: v.Code})
	}
	return out
}

func recordIssueName(code string) string { return record.IssueName(code) }
