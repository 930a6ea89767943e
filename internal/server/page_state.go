package server

import (
	"fmt"
	"net/http"
	"net/url"

	"github.com/blocwatch/blocwatch/internal/record"
)

type stateData struct {
	Info                          stateInfo
	Year                          int
	Years, Metrics, Bodies, Issue []option
	Partners                      *chart
	Map                           *chart
	Ideal                         *chart
	IdealNote                     string
	Votes                         *table
	VotesTotal                    int
	VotesShown                    int
	VotesCSV                      string
	Compare                       string // link to compare with the closest partner
}

func (s *Server) statePage(r *http.Request, sn *snapshot, q Query) (*page, error) {
	st, err := s.pathState(r, sn)
	if err != nil {
		return nil, err
	}
	year, err := sn.yearFor(q, st.Code)
	if err != nil {
		return nil, err
	}
	body := q.bodyOr(record.GA)
	m := q.Metric
	info := metricInfo[m]
	d := &stateData{Info: s.stateInfo(sn, st), Year: year, Years: yearOptions(sn.stateYears[st.Code], year),
		Metrics: metricOptions(m), Bodies: bodyOptions(body), Issue: issueOptions(q.Issue)}
	sel := url.Values{"year": {fmt.Sprint(year)}, "metric": {m.String()}, "body": {bodyParam(body)}}
	if c := issueCode(q.Issue); c != "" {
		sel.Set("issue", c)
	}

	l, err := s.partners(sn, st.Code, year, body, q.Issue, m, defaultTop)
	if err != nil {
		return nil, err
	}
	var dots []dotPoint
	pt := &table{Columns: []column{{Label: "Rank", Num: true}, {Label: "State"}, {Label: info.Label, Num: true}, {Label: "Roll calls", Num: true}}, Empty: "No partner with enough roll calls in common this year."}
	add := func(kind string, ps []partner) {
		for i, p := range ps {
			dots = append(dots, dotPoint{G: kind, Label: p.Name, Y: *p.Value, N: p.N})
			pt.Rows = append(pt.Rows, []tcell{{Text: fmt.Sprintf("%s %d", kind, i+1), Class: "num"},
				link(p.Name, "/compare?"+url.Values{"a": {st.Code}, "b": {p.State}, "metric": {m.String()}}.Encode()),
				valueCell(p.Value, info.Percent), numCell(p.N)})
		}
	}
	add("closest", l.Closest)
	add("farthest", l.Farthest)
	if len(l.Closest) > 0 {
		d.Compare = "/compare?" + url.Values{"a": {st.Code}, "b": {l.Closest[0].State}}.Encode()
	}
	d.Partners = &chart{ID: "partners", Title: fmt.Sprintf("Closest and farthest partners in %d", year),
		Note: fmt.Sprintf("%s with %s over the roll calls of %d, among states with at least %d roll calls in common.", info.Label, st.Name, year, l.MinN),
		Spec: chartSpec{Kind: "dots", Name: fmt.Sprintf("%s-partners-%d", st.Code, year), Rows: dots, YLabel: info.Label, YDomain: metricDomain(m), Percent: info.Percent},
		CSV:  csvURL("/api/v1/states/"+st.Code+"/partners", sel), Table: pt}

	md := s.agreementMap(l)
	mt := &table{Columns: []column{{Label: "State"}, {Label: info.Label, Num: true}, {Label: "Roll calls", Num: true}}}
	for _, p := range l.All {
		mt.Rows = append(mt.Rows, []tcell{link(p.Name, "/state/"+p.State), valueCell(p.Value, info.Percent), numCell(p.N)})
	}
	d.Map = &chart{ID: "map", Title: fmt.Sprintf("%s with %s in %d", info.Label, st.Name, year),
		Note: "Every state coloured by its alignment with " + st.Name + "; grey where there is no seat or no roll call in common. Former states colour their successors' territory (the USSR, Yugoslavia, Czechoslovakia).",
		Spec: chartSpec{Kind: "map", Name: fmt.Sprintf("%s-map-%d", st.Code, year), Rows: md.Shapes, Scale: "value", Focus: st.Code, YLabel: info.Label, YDomain: metricDomain(m), Percent: info.Percent},
		CSV:  csvURL("/api/v1/states/"+st.Code+"/map", sel), Table: mt}

	paths := sn.idealPaths([]string{st.Code}, 0, 0)
	if paths.Status == idealReady && len(paths.Points) > 0 {
		d.Ideal = idealChart(st.Code+"-ideal-points", "Ideal point of "+st.Name+" over time", paths, s, url.Values{"states": {st.Code}})
	} else if paths.Status == idealReady {
		d.IdealNote = st.Name + " has no ideal point: it has no General Assembly votes in the fit."
	} else {
		d.IdealNote = paths.Note
	}

	mask := sn.mask(body, q.Issue, fmt.Sprintf("%d-01-01", year), fmt.Sprintf("%d-12-31", year))
	votes := sn.stateVotes(st.Code, st.Name, mask, 0, 200)
	d.VotesTotal, d.VotesShown = votes.Total, len(votes.Votes)
	d.Votes = stateVotesTable(votes)
	d.VotesCSV = csvURL("/api/v1/states/"+st.Code+"/votes", url.Values{"year": {fmt.Sprint(year)}, "body": {bodyParam(body)}, "limit": {"1000"}})
	return &page{Template: "state", Title: st.Name, Nav: "state", Data: d}, nil
}

func stateVotesTable(l *stateVoteList) *table {
	t := &table{Columns: []column{{Label: "Date"}, {Label: "Body"}, {Label: "Resolution"}, {Label: "Vote"}, {Label: "Yes-No-Abst.", Num: true}, {Label: "Title"}}, Empty: "No recorded vote in this selection."}
	for _, v := range l.Votes {
		t.Rows = append(t.Rows, []tcell{dateCell(v.Date), text(v.Body), link(symbolOr(v.Resolution), fmt.Sprintf("/resolution/%d", v.ID)), voteCell(v.Vote), {Text: v.Tally.String(), Class: "num"}, {Text: clipTitle(v.Title), Title: v.Title}})
	}
	return t
}
